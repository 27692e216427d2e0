"""Search ranking: fuzzy, typo-tolerant, over code names, keywords, descriptions and hints (en + zh)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from .catalog import Catalog
from .model import SearchHit

MIN_SCORE = 72.0
# How much a match in each field counts; names and keywords say what a code is, hints only mention things.
WEIGHTS = {"code": 1.0, "keyword": 1.0, "description": 0.9, "hint": 0.75}
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|\.")


class _Index(NamedTuple):
    # per field: distinct texts (lower-cased, punctuation as spaces) and the entries that carry each
    rows: dict[str, tuple[list[list[int]], list[str]]]


INDEX_FILE = Path(__file__).with_name("search_index.json")


def index_rows(raw_entries: Iterable[Mapping[str, Any]]) -> dict[str, list[Any]]:
    """Per field: distinct processed texts and the entry positions that carry each (JSON-ready).

    scripts/build_catalog.py stores this for the built-in catalogue in search_index.json.
    """
    from rapidfuzz import utils

    seen: dict[str, dict[str, list[int]]] = {f: {} for f in WEIGHTS}

    def add(field: str, i: int, text: str) -> None:
        processed = utils.default_process(text)
        if processed:
            owners = seen[field].setdefault(processed, [])
            if not owners or owners[-1] != i:
                owners.append(i)

    for i, raw in enumerate(raw_entries):
        code = raw["code"]
        add("code", i, code.replace(".", ""))
        add("code", i, _CAMEL.sub(" ", code))
        for word in raw.get("keywords", ()):
            add("keyword", i, word)
        for field in ("description", "hint"):
            for text in raw[field].values():
                add(field, i, text)
    return {f: [list(rows.values()), list(rows)] for f, rows in seen.items()}


@lru_cache(maxsize=4)
def _index(catalog: Catalog) -> _Index:
    if catalog.builtin and INDEX_FILE.is_file():
        stored = json.loads(INDEX_FILE.read_text(encoding="utf-8"))
        if stored.get("entries") == len(catalog):
            return _Index({f: (rows[0], rows[1]) for f, rows in stored["fields"].items()})
    rows = index_rows(catalog.raw(i) for i in range(len(catalog)))
    return _Index({f: (r[0], r[1]) for f, r in rows.items()})


def _code_bonus(q: str, name: str) -> float:
    """A query that is (part of) a code name outranks fuzzy matches: 'NodeNotEmpty', 'signatureexpire'.

    q is the query lower-cased with only letters and digits; name the processed, dotless code name. The
    whole name, or a good part of its end (the detail after the category), scores 100.
    """
    if not q:
        return 0.0
    if q == name or (len(q) >= 4 and name.endswith(q) and len(q) > len(name) // 3):
        return 100.0
    if len(q) >= 4 and q in name:
        return 96.0 + 3.0 * len(q) / len(name)
    return 0.0


def search(catalog: Catalog, query: str, limit: int = 10) -> list[SearchHit]:
    """Rank the catalogue against query; best first, at most limit hits scoring MIN_SCORE or more."""
    from rapidfuzz import fuzz, process, utils  # imported here: start-up stays cheap for other commands

    q = utils.default_process(query)
    if not q or limit <= 0:
        return []
    index = _index(catalog)
    best: dict[int, tuple[float, str]] = {}
    support: dict[int, float] = {}
    for field, weight in WEIGHTS.items():
        owners, texts = index.rows[field]
        # WRatio scores short names and keywords fairly; partial_ratio finds the phrase inside long texts
        scorer = fuzz.WRatio if field in {"code", "keyword"} else fuzz.partial_ratio
        for _text, score, row in process.extract(q, texts, scorer=scorer, limit=None, score_cutoff=MIN_SCORE):
            weighted = score * weight
            for i in owners[row]:
                if weighted > best.get(i, (0.0, ""))[0]:
                    best[i] = (weighted, field)
                support[i] = support.get(i, 0.0) + weighted
    code_owners, code_texts = index.rows["code"]
    compact = "".join(ch for ch in query.lower() if ch.isalnum())
    for holders, text in zip(code_owners, code_texts, strict=True):
        if compact and " " not in text and compact[:4] in text:  # the dotless code name, one per entry
            bonus = _code_bonus(compact, text)
            if bonus > best.get(holders[0], (0.0, ""))[0]:
                best[holders[0]] = (bonus, "code")
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], -support.get(kv[0], 0.0), kv[0]))
    return [SearchHit(catalog.entry_at(i), min(100.0, score), field) for i, (score, field) in ranked[:limit]]
