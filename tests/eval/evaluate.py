"""Search quality on the project's own query set: top-1 and top-3 rates of the tuning and held-out halves.

Usage: python -m tests.eval.evaluate [--misses tuning|held-out]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, NamedTuple

from tco_errcli.catalog import Catalog, load
from tco_errcli.search.ranking import search

QUERIES = Path(__file__).with_name("search-queries.json")
HALVES = ("tuning", "held-out")


class Rates(NamedTuple):
    queries: int
    top1: float
    top3: float


def queries() -> list[dict[str, Any]]:
    return list(json.loads(QUERIES.read_text(encoding="utf-8"))["queries"])


def rank_of(catalog: Catalog, row: dict[str, Any]) -> int | None:
    """1-based place of the first correct code in the top 3, None when none is there."""
    found = [hit.entry.code for hit in search(catalog, row["query"], 3)]
    return next((i + 1 for i, code in enumerate(found) if code in row["expected"]), None)


def rates(catalog: Catalog, half: str) -> Rates:
    rows = [row for row in queries() if row["half"] == half]
    places = [rank_of(catalog, row) for row in rows]
    return Rates(len(rows), sum(p == 1 for p in places) / len(rows), sum(p is not None for p in places) / len(rows))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", choices=HALVES, help="also list the queries of this half not answered first")
    args = parser.parse_args()
    catalog = load()
    for half in HALVES:
        r = rates(catalog, half)
        sys.stdout.write(f"{half:9} {r.queries:4} queries  top-1 {r.top1:.3f}  top-3 {r.top3:.3f}\n")
    if args.misses:
        for row in queries():
            if row["half"] == args.misses and rank_of(catalog, row) != 1:
                got = [f"{h.entry.code} {h.score:.0f} {h.matched}" for h in search(catalog, row["query"], 3)]
                sys.stdout.write(f"- {row['query']!r} [{row['kind']}] want {row['expected'][:2]}\n    got {got}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
