"""Search quality on every query set: top-1 and top-3 of each half or batch, and of each kind of query.

Usage: python -m tests.eval.evaluate [--kinds] [--misses SET:GROUP] [--final]

The sets:
- own: search-queries.json, written beside the phrases; halves "tuning" and "held-out".
- fresh: fresh-queries.json, written later by users who had not read the catalogue; batches 1-3.
- blind: blind-queries.json, written from Tencent's reference texts by someone who never saw the project; all held out.
- unseen: unseen-queries.json, written from Tencent's reference texts only; halves "tuning" and "held-out".
- blind2: blind2-queries.json, a second blind set (2026-12-04), from the reference texts only; alternate rows tuning, held-out.
- blind3: blind3-queries.json, a third (2026-12-04, later), 200 queries of five kinds over 198 codes; rows shuffled, then
  alternate rows tuning, held-out.

A held-out half is measured, never read: --misses refuses it, and its rates per kind are printed only with
--final (for the closing figures), so no change is made to fit one of its queries.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from tco_errcli.catalog import Catalog, load
from tco_errcli.search.ranking import search

HERE = Path(__file__).parent
HELD_OUT = "held-out"


class QuerySet(NamedTuple):
    """One file of queries and the row field that splits it into groups (halves or batches)."""

    name: str
    file: str
    group_by: str


SETS = {
    "own": QuerySet("own", "search-queries.json", "half"),
    "fresh": QuerySet("fresh", "fresh-queries.json", "batch"),
    "blind": QuerySet("blind", "blind-queries.json", "half"),
    "unseen": QuerySet("unseen", "unseen-queries.json", "half"),
    "blind2": QuerySet("blind2", "blind2-queries.json", "half"),
    "blind3": QuerySet("blind3", "blind3-queries.json", "half"),
}


class Rates(NamedTuple):
    queries: int
    top1: float
    top3: float


@cache
def _load(name: str) -> tuple[dict[str, Any], ...]:
    path = HERE / SETS[name].file
    return tuple(json.loads(path.read_text(encoding="utf-8"))["queries"])


def groups(name: str) -> list[str]:
    """The groups of a set in a stable order: tuning before held-out, batches by number."""
    key = SETS[name].group_by
    found = {str(row[key]) for row in _load(name)}
    return sorted(found, key=lambda g: (g == HELD_OUT, g))


def rows(name: str, group: str | None = None, kind: str | None = None) -> list[dict[str, Any]]:
    key = SETS[name].group_by
    return [row for row in _load(name) if (group is None or str(row[key]) == group) and (kind is None or row["kind"] == kind)]


def queries() -> list[dict[str, Any]]:
    """The project's own set (kept for callers that know only it)."""
    return rows("own")


def rank_of(catalog: Catalog, row: dict[str, Any]) -> int | None:
    """1-based place of the first correct code in the top 3, None when none is there."""
    found = [hit.entry.code for hit in search(catalog, row["query"], 3)]
    return next((i + 1 for i, code in enumerate(found) if code in row["expected"]), None)


def rates_of(catalog: Catalog, selected: Iterable[dict[str, Any]]) -> Rates:
    places = [rank_of(catalog, row) for row in selected]
    if not places:
        return Rates(0, 0.0, 0.0)
    return Rates(len(places), sum(p == 1 for p in places) / len(places), sum(p is not None for p in places) / len(places))


def rates(catalog: Catalog, group: str, name: str = "own", kind: str | None = None) -> Rates:
    """Top-1 / top-3 of one group (half or batch) of one set, optionally of one kind of query."""
    return rates_of(catalog, rows(name, group, kind))


def report(catalog: Catalog, kinds: bool, final: bool) -> list[str]:
    lines = []
    for name in SETS:
        for group in groups(name):
            r = rates(catalog, group, name)
            label = f"{name} {SETS[name].group_by} {group}"
            lines.append(f"{label:22} {r.queries:4} queries  top-1 {r.top1:.3f}  top-3 {r.top3:.3f}")
            if not kinds or (group == HELD_OUT and not final):
                continue
            for kind in sorted({row["kind"] for row in rows(name, group)}):
                k = rates(catalog, group, name, kind)
                lines.append(f"    {kind:18} {k.queries:4} queries  top-1 {k.top1:.3f}  top-3 {k.top3:.3f}")
    return lines


def misses(catalog: Catalog, name: str, group: str) -> list[str]:
    if group == HELD_OUT:
        raise ValueError(f"{name}:{group} is held out: its queries are measured, never read")
    out = []
    for row in rows(name, group):
        if rank_of(catalog, row) != 1:
            got = [f"{h.entry.code} {h.score:.0f} {h.matched}" for h in search(catalog, row["query"], 3)]
            out.append(f"- {row['query']!r} [{row['kind']}] want {row['expected'][:2]}\n    got {got}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", action="store_true", help="also the rates of each kind of query (not of held-out halves)")
    parser.add_argument("--final", action="store_true", help="with --kinds: held-out halves by kind too, for the closing note")
    parser.add_argument("--misses", metavar="SET:GROUP", help="list the queries of a tuning half or a batch not answered first")
    args = parser.parse_args()
    catalog = load()
    if args.misses:
        name, _, group = args.misses.partition(":")
        if name not in SETS or group not in groups(name):
            parser.error(f"--misses wants one of {[f'{n}:{g}' for n in SETS for g in groups(n)]}")
        try:
            found = misses(catalog, name, group)
        except ValueError as exc:
            parser.error(str(exc))
    sys.stdout.write("".join(f"{line}\n" for line in report(catalog, args.kinds, args.final)))
    if args.misses:
        sys.stdout.write("".join(f"{line}\n" for line in found))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
