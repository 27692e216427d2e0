"""Search ranking: BM25F over the tokenised catalogue, typo expansion, and code names matched as names.

Scores are shown 0-100 relative to a reference: what the query would earn if each of its known words
matched once in a code's name. Only an exact code name shows 100.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
from functools import lru_cache
from pathlib import Path

from tco_errcli.catalog import Catalog
from tco_errcli.model import SearchHit

from . import bm25
from .tokens import is_typo_candidate, run_terms, unique, words

MAX_QUERY_CHARS = 2000
MAX_TERMS = 64
MAX_EXPANSIONS = 32
TYPO_CUTOFF = 80.0
TYPO_WEIGHT = 0.6  # a word we had to guess counts for less than one typed right
CODE_CUTOFF = 85.0  # a code-shaped word this close to a code name means that code
MAX_CODE_WORDS = 4
MIN_SCORE = 12.0  # below this, a hit matched only words that say nothing about the question
# The reference is what the query's known words could earn at most (BM25's saturation: idf each); word
# pairs found next to each other add to the score but not to the reference, so a close paraphrase reaches 99.
_REFERENCE = 1.0
# something code-shaped: CamelCase, dotted or underscored words (the SDK constant form), or a long all-caps word
_CODE_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]{2,80}(?:[._][A-Za-z0-9]{2,120}){0,3}")
_CAMEL_INSIDE = re.compile(r"[a-z][A-Z]")

INDEX_FILE = Path(__file__).with_name("search_index.txt")
_opened: dict[str, bm25.Index] = {}


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tco-err"


def _content_key(catalog: Catalog) -> str:
    import hashlib  # only an overlay needs it

    digest = hashlib.sha256(str(bm25.FORMAT).encode())
    for i in range(len(catalog)):
        digest.update(json.dumps(catalog.raw(i), sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:32]


@lru_cache(maxsize=4)
def _overlay_index(catalog: Catalog) -> bm25.Index:
    """A --catalog overlay's index, built at run time and cached (memory and disk) keyed on its content."""
    key = _content_key(catalog)
    if key in _opened:
        return _opened[key]
    path = _cache_dir() / f"index-{key}.txt"
    with contextlib.suppress(OSError, ValueError):  # no cache yet, or one damaged: build it again
        index = _opened[key] = bm25.Index(path.read_bytes())
        return index
    data = bm25.build(catalog.raw(i) for i in range(len(catalog))).encode("utf-8")
    try:  # a cache that cannot be written only costs the next run the build again
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass
    index = _opened[key] = bm25.Index(data)
    return index


def index_of(catalog: Catalog) -> bm25.Index:
    if catalog.builtin:
        index = _opened.get("builtin")
        if index is None and INDEX_FILE.is_file():
            index = _opened["builtin"] = bm25.Index(INDEX_FILE.read_bytes())
        if index is not None and index.entries == len(catalog):
            return index
    return _overlay_index(catalog)


def _code_words(query: str) -> list[str]:
    """Words of the query that look like a code name or an SDK constant, as compact lower-case keys."""
    found = []
    for match in _CODE_WORD.finditer(query):
        word = match.group()
        if len(word) >= 6 and ("." in word or "_" in word or _CAMEL_INSIDE.search(word) or (word.isupper() and len(word) >= 8)):
            found.append(word.replace(".", "").replace("_", "").lower())
    return unique(found)[:MAX_CODE_WORDS]


@lru_cache(maxsize=4)
def _code_keys(catalog: Catalog) -> tuple[list[str], list[str]]:
    """Each code name as a compact lower-case key, whole and without its category."""
    names = catalog.codes()
    return [name.replace(".", "").lower() for name in names], [name.rpartition(".")[2].lower() for name in names]


def _code_matches(catalog: Catalog, query: str) -> dict[int, tuple[float, bool]]:
    """Entries whose name (or name without its category) a code-shaped word of the query is, or nearly is."""
    words = _code_words(query)
    if not words:
        return {}
    from rapidfuzz import fuzz, process  # imported here: start-up stays cheap for other commands

    full, detail = _code_keys(catalog)
    found: dict[int, tuple[float, bool]] = {}
    for word in words:
        for choices in (full, detail):
            for _name, score, i in process.extract(word, choices, scorer=fuzz.ratio, limit=5, score_cutoff=CODE_CUTOFF):
                exact = score >= 100.0
                if score > found.get(i, (0.0, False))[0]:
                    found[i] = (100.0 if exact else min(float(score), 99.0), exact)
    return found


def _query_terms(index: bm25.Index, query: str) -> list[tuple[str, float]]:
    """(term, weight) pairs: the query's own terms, then close indexed words for unknown English words,
    and the word pairs those corrections make with their neighbours."""
    runs = words(query)
    own = unique(run_terms(runs))[:MAX_TERMS]
    out = [(term, 1.0) for term in own]
    unknown = [t for t in own if "+" not in t and is_typo_candidate(t) and index.idf(t) is None]
    if not unknown:
        return out
    from rapidfuzz import fuzz, process

    vocabulary = index.vocabulary()
    budget = MAX_EXPANSIONS
    corrected: dict[str, tuple[str, float]] = {}
    for word in unknown[:MAX_EXPANSIONS]:  # the same cap on attempts keeps a long paste fast
        if budget <= 0:
            break
        near = process.extract(word, vocabulary, scorer=fuzz.ratio, limit=min(3, budget), score_cutoff=TYPO_CUTOFF)
        for candidate, score, _i in near:
            out.append((candidate, TYPO_WEIGHT * score / 100.0))
        if near:
            corrected[word] = (near[0][0], TYPO_WEIGHT * near[0][1] / 100.0)
        budget -= len(near)
    for run in runs:
        fixed = [corrected.get(word, (word, 1.0)) for word in run]
        for (a, wa), (b, wb) in itertools.pairwise(fixed):
            if a != b and min(wa, wb) < 1.0 and len(out) < MAX_TERMS + 2 * MAX_EXPANSIONS:
                out.append((f"{a}+{b}", min(wa, wb)))
    return out


def search(catalog: Catalog, query: str, limit: int = 10) -> list[SearchHit]:
    """Rank the catalogue against query; best first, at most limit hits."""
    query = query[:MAX_QUERY_CHARS]
    if limit <= 0 or not query.strip():
        return []
    index = index_of(catalog)
    raw: dict[int, float] = {}
    by_field: dict[int, dict[str, float]] = {}
    reference = 0.0
    for term, weight in _query_terms(index, query):
        found = index.postings(term)
        if found is None:
            continue
        if "+" not in term:
            reference += found.idf * _REFERENCE * weight
        for i, contribution, field in zip(found.entries, found.contributions, found.fields, strict=True):
            gain = contribution * weight
            raw[i] = raw.get(i, 0.0) + gain
            fields = by_field.setdefault(i, {})
            fields[field] = fields.get(field, 0.0) + gain
    codes = _code_matches(catalog, query)
    ranked: list[tuple[int, int, float, float, int]] = []
    for i in set(raw) | set(codes):
        score = min(99.0, 100.0 * raw.get(i, 0.0) / reference) if reference else 0.0
        code_score, exact = codes.get(i, (0.0, False))
        if code_score or score >= MIN_SCORE:
            # a code named in the query comes first (an exact name before a near one), then the BM25F order
            ranked.append((-int(exact), -int(code_score > 0), -max(score, code_score), -raw.get(i, 0.0), i))
    ranked.sort()
    hits = []
    for _exact, near, score, _raw, i in ranked[:limit]:
        fields = by_field.get(i, {})
        matched = "code" if near or not fields else bm25.FIELDS[int(max(sorted(fields), key=lambda f: fields[f]))]
        hits.append(SearchHit(catalog.entry_at(i), -score, matched))
    return hits
