"""Search ranking: BM25F over the tokenised catalogue, with the query read for more than its words.

A query's terms (query.py) are its own words and word pairs; the synonym classes its phrases belong to
(weighted below a word typed); the API actions and Terraform resource types it names (each weighs the codes
those actions return); fused words split into the index's words; and close index words for a typo. A code
name typed in the query is matched as a name.

Scores are shown 0-100: the share of what the query's terms could earn at most, times the share of the
query's evidence (idf) a code matched, so a code that matches one rare deciding word beats one that
matches only words many codes share; a code whose name says what its caller did (Quit, Remove) weighs a
little less when the query says none of it. Only an exact code name shows 100. Equal scores are ordered by
evidence: more of the query matched, then rarer words, then a name with fewer words beside them.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import json
import os
import re
from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from tco_errcli.catalog import Catalog
from tco_errcli.model import SearchHit

from . import bm25, deciding
from .concepts import NAME_STATE
from .query import ACTION_WORDS_WEIGHT, GENERIC_STATES, MAX_QUERY_CHARS, without_flags, without_types
from .query import query_terms as read
from .tokens import unique

CODE_CUTOFF = 85.0  # a code-shaped word this close to a code name means that code
MAX_CODE_WORDS = 4
MIN_SCORE = 12.0  # below this, a hit matched only words that say nothing about the question
NOT_RETURNED = 0.6  # a code the actions named in the query do not return
# The state a query says (missing, over a limit ...) is usually what tells codes about one thing apart:
STATE_MISS = 0.8  # a code whose name says none of the query's specific states
CONTRADICTED = 0.5  # a code whose name says only the opposite of one of them
THING_MISS = 0.8  # a code whose texts name none of the things the query names (a policy, a member ...)
GOOD_MATCH = 0.5  # a term's contribution, as a share of its idf, when it is one of a code's keywords
ACTION_MISS = 0.9  # a code whose name says what its caller did (Quit, Remove) and the query says none of it
COORDINATION = 0.5  # how much the share of the query's evidence a code matched scales its score
# something code-shaped: CamelCase, dotted or underscored words (the SDK constant form), or a long all-caps word
_CODE_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]{2,80}(?:[._][A-Za-z0-9]{2,120}){0,3}")
_CAMEL_INSIDE = re.compile(r"[a-z][A-Z]")

INDEX_FILE = Path(__file__).with_name("search_index.txt")
_opened: dict[str, bm25.Index] = {}


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tco-err"


def _content_key(catalog: Catalog, builtin: bm25.Index | None) -> str:
    import hashlib  # only an overlay needs it

    digest = hashlib.sha256(str(bm25.FORMAT).encode())
    if builtin is not None:  # what an overlay's index takes from the built-in one
        for part in (builtin.concepts(), builtin.resources(), builtin.tasks()):
            digest.update(part.dumps().encode("utf-8"))
    for i in range(len(catalog)):
        digest.update(json.dumps(catalog.raw(i), sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:32]


@lru_cache(maxsize=4)
def _overlay_index(catalog: Catalog) -> bm25.Index:
    """A --catalog overlay's index, built at run time and cached (memory and disk) keyed on its content;
    read with the synonym classes, Terraform types and action summaries of the built-in index."""
    builtin = _builtin()
    key = _content_key(catalog, builtin)
    if key in _opened:
        return _opened[key]
    path = _cache_dir() / f"index-{key}.txt"
    with contextlib.suppress(OSError, ValueError):  # no cache yet, or one damaged: build it again
        index = _opened[key] = bm25.Index(path.read_bytes())
        return index
    raw = (catalog.raw(i) for i in range(len(catalog)))
    if builtin is None:
        data = bm25.build(raw).encode("utf-8")
    else:
        data = bm25.build(raw, None, builtin.concepts(), builtin.resources(), builtin.tasks()).encode("utf-8")
    try:  # a cache that cannot be written only costs the next run the build again
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass
    index = _opened[key] = bm25.Index(data)
    return index


def _builtin() -> bm25.Index | None:
    index = _opened.get("builtin")
    if index is None and INDEX_FILE.is_file():
        index = _opened["builtin"] = bm25.Index(INDEX_FILE.read_bytes())
    return index


def index_of(catalog: Catalog) -> bm25.Index:
    if catalog.builtin:
        index = _builtin()
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
def _names(catalog: Catalog) -> list[str]:
    return catalog.codes()


@lru_cache(maxsize=4)
def _code_keys(catalog: Catalog) -> tuple[list[str], list[str]]:
    """Each code name as a compact lower-case key, whole and without its category."""
    names = catalog.codes()
    return [name.replace(".", "").lower() for name in names], [name.rpartition(".")[2].lower() for name in names]


def _code_matches(catalog: Catalog, query: str, actions: set[str]) -> dict[int, tuple[float, bool]]:
    """Entries whose name (or name without its category) a code-shaped word of the query is, or nearly is.

    A word that is an action's name ("CreatePolicy") is the action, not the code of the same name: it is
    matched against whole code names only (FailedOperation.CreatePolicy), and weighs the codes it returns.
    """
    words = _code_words(without_types(query))  # a Terraform type is not a code
    if not words:
        return {}
    from rapidfuzz import fuzz, process  # imported here: start-up stays cheap for other commands

    full, detail = _code_keys(catalog)
    found: dict[int, tuple[float, bool]] = {}
    for word in words:
        for choices in (full,) if bm25.action_term(word) in actions else (full, detail):
            for _name, score, i in process.extract(word, choices, scorer=fuzz.ratio, limit=5, score_cutoff=CODE_CUTOFF):
                exact = score >= 100.0
                if score > found.get(i, (0.0, False))[0]:
                    found[i] = (100.0 if exact else min(float(score), 99.0), exact)
    return found


def _states(index: bm25.Index, query_terms: list[tuple[str, float]]) -> tuple[list[str], set[int], set[int]]:
    """The specific states the query says (~missing, ~exceeds; not the generic ~refused or ~invalid), the
    entries whose name says one of them, and those whose name says only the opposite of one ("the user is
    not in the group" is not UserAlreadyExistsGroup, however many other words they share)."""
    concepts = index.concepts()
    said = [term for term, _weight in query_terms if concepts.kind(term) == "state" and term not in GENERIC_STATES]

    def named(term: str) -> set[int]:
        found = index.postings(NAME_STATE + term[1:])
        return set(found.entries) if found is not None else set()

    agrees: set[int] = set()
    contradicted: set[int] = set()
    for term in said:
        agrees |= named(term)
        opposite = concepts.opposite(term)
        if opposite is not None and opposite not in said:
            contradicted |= named(opposite) - named(term)
    return said, agrees, contradicted


@lru_cache(maxsize=1024)
def _actions(catalog: Catalog, i: int) -> tuple[str, ...]:
    """The API actions that return a code (every version's), from the per-action error lists."""
    listed = catalog.raw(i).get("actions") or {}
    return tuple(dict.fromkeys(str(a) for names in listed.values() for a in names))


@lru_cache(maxsize=1024)
def _messages(catalog: Catalog, i: int) -> tuple[str, ...]:
    """A code's own messages: Tencent's wordings of it (the description and the SDK's Chinese comment), as
    deciding.plain text."""
    entry = catalog.entry_at(i)
    return tuple(deciding.plain(t) for t in (entry.description.en, entry.description.zh, entry.reference_text) if t)


def _things(index: bm25.Index, query: str, query_terms: list[tuple[str, float]]) -> set[int] | None:
    """The entries whose texts name one of the things the query names (~policy, ~member), and the common codes
    (about anything); None when it names none."""
    concepts = index.concepts()
    said = {term for term, _weight in query_terms if concepts.kind(term) == "thing"}
    if said and (not query.isascii() or any(w in query.lower() for w in ("when", "while", "during"))):
        from . import tasks

        clause = tasks.clause(query)
        if clause is not None:  # what the user was doing says where, not what went wrong
            said -= set(concepts.find(clause[1]))
    if not said:
        return None
    common = index.postings(bm25.ANY_ACTION)  # a common code is about anything
    out: set[int] = set(common.entries if common is not None else ())
    for term in said:
        found = index.postings(term)
        if found is not None:
            out.update(found.entries)
    return out


HINT = bm25.FIELDS.index("hint")


def _only_in(found: list[bm25.Postings]) -> Callable[[int, int], bool]:
    """Whether a Chinese word of the query is in one code's texts (not only its hint) and nowhere in another's."""

    def test(long: int, short: int) -> bool:
        for postings in found:
            at = _at(postings, long)
            if at is not None and int(postings.fields[at]) != HINT and _at(postings, short) is None:
                return True
        return False

    return test


def _at(found: bm25.Postings, i: int) -> int | None:
    at = bisect.bisect_left(found.entries, i)
    return at if at < len(found.entries) and found.entries[at] == i else None


def _evidence_of(
    i: int, used: list[tuple[bm25.Postings, float, bool]], matched: list[float], catalog: Catalog
) -> tuple[int, float, int, str]:
    """What orders equal scores: more of the query's terms matched, more of its evidence, a shorter code
    name (fewer words beside the ones asked for), then the name; never the catalogue's order."""
    terms = sum(1 for found, _weight, pair in used if not pair and _at(found, i) is not None)
    name = _names(catalog)[i]
    return -terms, -matched[i], len(name), name


def _break_ties(
    ranked: list[tuple[int, int, float, int]], limit: int, evidence: Callable[[int], Any]
) -> list[tuple[int, int, float, int]]:
    """The first limit rows of ranked (sorted on all but the entry), rows of equal rank ordered by evidence."""
    out: list[tuple[int, int, float, int]] = []
    for _key, group in itertools.groupby(ranked, key=lambda row: row[:3]):
        rows = list(group)
        out += sorted(rows, key=lambda row: evidence(row[3])) if len(rows) > 1 else rows
        if len(out) >= limit:
            break
    return out[:limit]


def _fields_of(i: int, used: list[tuple[bm25.Postings, float, bool]]) -> dict[str, float]:
    """What each field gave entry i: worked out for the hits shown only."""
    fields: dict[str, float] = {}
    for found, weight, _pair in used:
        at = _at(found, i)
        if at is not None:
            field = found.fields[at]
            fields[field] = fields.get(field, 0.0) + found.contributions[at] * weight
    return fields


def search(catalog: Catalog, query: str, limit: int = 10) -> list[SearchHit]:
    """Rank the catalogue against query; best first, at most limit hits."""
    query = without_flags(query[:MAX_QUERY_CHARS])
    if limit <= 0 or not query.strip():
        return []
    index = index_of(catalog)
    n = index.entries
    raw = [0.0] * n  # the BM25F sum
    matched = [0.0] * n  # the query's evidence (what its terms could give) each entry matched
    returned = [False] * n  # returned by an action the query names
    reference = 0.0  # what the query's terms could earn at most
    evidence_total = 0.0  # what a code matching every term (not pairs) would have matched
    actions: set[str] = set()
    used: list[tuple[bm25.Postings, float, bool]] = []  # (postings, weight, a word pair)
    query_terms = read(index, query)
    for term, weight in query_terms:
        found = index.postings(term)
        if found is None:
            continue
        pair = "+" in term
        used.append((found, weight, pair))
        # a term is evidence for what the best code gets from it: a word found only in hints weighs little;
        # the score is a share of at least what a term in a code's keywords would give, so a word the
        # catalogue mentions only in passing scores low
        best = max(found.contributions)
        mass = best * weight
        reference += max(best, GOOD_MATCH * found.idf) * weight
        if pair:
            for i, contribution in zip(found.entries, found.contributions, strict=True):
                raw[i] += contribution * weight
        else:
            evidence_total += mass
            for i, contribution in zip(found.entries, found.contributions, strict=True):
                raw[i] += contribution * weight
                matched[i] += mass
        if term.startswith((bm25.ACTION, bm25.RESOURCE)):
            actions.add(term)
            for i in found.entries:
                returned[i] = True
    if actions:  # a common code is returned by any action, listed or not
        common = index.postings(bm25.ANY_ACTION)
        for i in common.entries if common is not None else ():
            returned[i] = True
    states, agrees, contradicted = _states(index, query_terms)
    things = _things(index, query, query_terms)
    codes = _code_matches(catalog, query, actions)
    scores: dict[int, float] = {}
    acts = {term for term, _weight in query_terms if index.concepts().kind(term) == "action"}
    # share, and the factors below, are at most 1: an entry under this cannot reach MIN_SCORE
    floor = MIN_SCORE * reference / 100.0
    for i in {i for i, gained in enumerate(raw) if gained >= floor and gained} | set(codes):
        share = matched[i] / evidence_total if evidence_total else 0.0
        score = 100.0 * raw[i] / reference * share**COORDINATION if reference else 0.0
        if actions and not returned[i]:
            score *= NOT_RETURNED  # the query names the action, and this code is not one it returns
        if i in contradicted:
            score *= CONTRADICTED
        if states and i not in agrees:
            score *= STATE_MISS
        if things is not None and i not in things:
            score *= THING_MISS
        if deciding.undone(_names(catalog)[i], acts, index.concepts()):
            score *= ACTION_MISS
        scores[i] = score
    if len(scores) > 1:
        # what the query says went wrong: not the words of the actions it names (what the caller did)
        said = {term for term, weight in query_terms if weight > ACTION_WORDS_WEIGHT}
        only_in = None if query.isascii() else _only_in([found for found, _weight, pair in used if not pair])
        by_action = returned if actions else None
        scores = deciding.decide(scores, _names(catalog), said, index.concepts(), only_in, by_action, partial(_actions, catalog))
        scores = deciding.quoted(scores, lambda i: _messages(catalog, i), query)
    ranked: list[tuple[int, int, float, int]] = []
    for i, score in scores.items():
        code_score, exact = codes.get(i, (0.0, False))
        if code_score or score >= MIN_SCORE:
            # a code named in the query comes first (an exact name before a near one), then the score
            ranked.append((-int(exact), -int(code_score > 0), -max(score, code_score), i))
    ranked.sort(key=lambda row: row[:3])
    hits = []
    for named_exactly, near, score, i in _break_ties(ranked, limit, lambda i: _evidence_of(i, used, matched, catalog)):
        fields = _fields_of(i, used)
        matched_field = "code" if near or not fields else bm25.FIELDS[int(max(sorted(fields), key=lambda f: fields[f]))]
        hits.append(SearchHit(catalog.entry_at(i), 100.0 if named_exactly else min(99.0, -score), matched_field))
    return hits
