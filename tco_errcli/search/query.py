"""What a query says: its words and word pairs, its synonym classes (weighted below a word typed), the API actions
and Terraform resource types it names (each weighs the codes those actions return), its fused words split into
the index's words, and close index words for its typos; a command line's flags are taken out first."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from functools import lru_cache
from types import ModuleType
from typing import NamedTuple

from . import bm25
from .concepts import Concepts
from .tokens import fused_words, is_typo_candidate, run_terms, split_fused, stem, unique, words

MAX_QUERY_CHARS = 2000
MAX_TERMS = 64
MAX_EXPANSIONS = 32
TYPO_CUTOFF = 80.0
TYPO_WEIGHT = 0.6  # a word we had to guess counts for less than one typed right
# Another word of the same synonym class as a word typed counts for less than that word; a state (exists,
# missing, over a limit) tells codes about one thing apart, so it counts for more than the thing or the action.
CONCEPT_WEIGHTS = {"state": 0.7, "action": 0.4, "thing": 0.4}
CONCEPT_WEIGHT = 0.4
ACTION_WEIGHT = 1.0  # an action named in the query: the codes it returns
ACTION_WORDS_WEIGHT = 0.3  # the words of its name
PHRASE_WORDS_WEIGHT = 0.7  # the words of a phrase that has a synonym class
FUSED_WEIGHT = 0.9  # the words of a fused word ("membername"), which we had to guess apart
GENERIC_STATES = frozenset(("~refused", "~invalid"))  # said by most codes and most questions: no evidence
GENERIC_WORDS_WEIGHT = 0.5  # a word that alone says one of them
STRADDLING_WEIGHT = 0.5  # a Chinese bigram across the edge of a class's phrase: half of two words
LONE_WEIGHT = 1.0  # the class of a Chinese phrase that makes no bigram (别的, 组): it stands for the word
NEGATED_WEIGHT = 0.3  # an action the query says was not done ("created, not invited")
MAX_ACTIONS = 4
MIN_JOINED = 5

_ACTION_WORD = re.compile(r"[A-Za-z]{6,80}")
# a command line's flags: an API parameter passed with its value (tccli's `--PolicyType Financial`, `--Name "a b"`)
# says what the caller sent, not what went wrong, and its name is no code; a tool's own option (`--region`)
# is dropped by name alone, since some take no value
_FLAG = (
    r"(?<![\w-])--(?:[A-Z][A-Za-z0-9.]{0,80}"
    r"(?:[ =]{1,3}(?:'[^'\n]{0,400}'|\"[^\"\n]{0,400}\"|[^\s'\"-][^\s'\"]{0,400}))?"
    r"|[a-z][a-z0-9-]{0,40})"
)


@lru_cache(maxsize=1)
def _flag() -> re.Pattern[str]:
    return re.compile(_FLAG)


TERRAFORM_TYPE = "tencentcloud_"


def _terraform() -> ModuleType:
    from . import terraform  # imported for a query that names a type: start-up pays for none

    return terraform


def without_types(query: str) -> str:
    """The query with its Terraform resource types blanked out (a type is neither an action nor a code)."""
    return _terraform().without_types(query) if TERRAFORM_TYPE in query.lower() else query


def without_flags(query: str) -> str:
    """The query without a command line's flags (each replaced by a full stop, which ends a run of words)."""
    return _flag().sub(" . ", query) if "--" in query else query


class Named(NamedTuple):
    """What the query names that it was doing: the index terms of those actions (and Terraform types) and
    the text that names them."""

    terms: list[str]
    spans: list[str]


def named_in(index: bm25.Index, query: str) -> Named:
    """The API actions the query names (CreatePolicy, organization:AddOrganizationMember, `tccli organization
    createpolicy` in any case) and the Terraform resource types (tencentcloud_organization_org_node), each
    type by the phases the query says ('destroy' -> its delete actions), or by all of them. When it names
    none, the actions whose summary a clause of the query fits ("删除身份中心用户时…" -> DeleteUser)."""
    terms: list[str] = []
    spans: list[str] = []
    typed = query.lower()
    types = _terraform().named_types(query) if TERRAFORM_TYPE in typed else []
    plain = _terraform().without_types(query) if types else query
    for match in _ACTION_WORD.finditer(plain):
        word = match.group()
        if index.idf(term := bm25.action_term(word)) is not None:
            terms.append(term)
            spans.append(word)
    if types:
        terraform = _terraform()
        phases = terraform.phases_said(t for run in words(plain) for t in run)
        for name in types:
            for term in [terraform.resource_term(name, p) for p in phases] or [terraform.resource_term(name)]:
                if index.idf(term) is not None:
                    terms.append(term)
                    spans.append(name)
    if not terms:
        return _described(index, query)
    return Named(unique(terms)[:MAX_ACTIONS], unique(spans))


def _described(index: bm25.Index, query: str) -> Named:
    """The actions a clause of the query describes, by their official summaries (tasks.py), and the clause."""
    if query.isascii() and not any(word in query.lower() for word in ("when", "while", "during")):
        return Named([], [])  # no clause to read, and no need to import what reads one
    from . import tasks

    found = tasks.clause(query)
    if found is None:
        return Named([], [])
    lang, text = found
    said = {t: w for t in index.concepts().segment(text) if (w := index.idf(t))}
    terms = [term for action in index.tasks().fits(lang, said) if index.idf(term := bm25.action_term(action)) is not None]
    return Named(terms, [text] if terms else [])


def _named_words(concepts: Concepts, named: Named, query_terms: list[str], query_concepts: list[str]) -> set[str]:
    """The terms (and synonym classes) that only the names of actions and resource types give ("create",
    "policy" of CreatePolicy): the name says what the caller did, its term which codes that can return;
    neither says what went wrong."""
    if not named.terms:
        return set()
    said: Counter[str] = Counter()
    for span in named.spans:
        said.update(run_terms(words(span)))
        said.update(concepts.find(span))
    typed = Counter(query_terms) + Counter(query_concepts)
    return {term for term, times in said.items() if typed[term] <= times}


def _joined(index: bm25.Index, runs: list[list[str]], own: list[str]) -> list[str]:
    """Two adjacent English words that are one word of the index written apart ("user name" -> username,
    "e mail" -> email): the other way round from a fused word. A paste's first MAX_TERMS pairs only."""
    out = []
    for a, b in itertools.islice((pair for run in runs for pair in itertools.pairwise(run)), MAX_TERMS):
        if a.isascii() and b.isascii() and a.isalpha() and b.isalpha():
            joined = stem(a + b)
            if len(joined) >= MIN_JOINED and joined not in own and index.idf(joined) is not None:
                out.append(joined)
    return unique(out)


def _generic_words(concepts: Concepts, runs: list[list[str]]) -> set[str]:
    """The query's English words that are, alone, a phrase of a generic state: "refused", "invalid". Most
    codes' texts and most questions say them; the class says their idea. (A Chinese bigram, 无法 or 失败, keeps
    its weight: taking it down lowered a set.)"""
    out: set[str] = set()
    for word in {w for run in runs for w in run if w.isascii()}:
        found = concepts.of_word(word)
        if found and found <= GENERIC_STATES:
            out.add(word)
    return out


def query_terms(index: bm25.Index, query: str) -> list[tuple[str, float]]:
    """(term, weight) pairs: the query's own terms; its synonym classes; the actions it names; the words of
    its fused words; close indexed words for its other unknown English words, and the word pairs those
    corrections make with their neighbours."""
    actions = named_in(index, query)
    concepts = index.concepts()
    runs = words(query)
    every = run_terms(runs)
    own = unique(every)[:MAX_TERMS]
    phrases: list[str] = []
    lone: list[str] = []
    found_concepts = concepts.find(query, phrases, lone)
    named = _named_words(concepts, actions, every, found_concepts)
    # the words of a phrase that has a class ("maxed out") say its idea, not each its own
    in_phrases = {t for phrase in phrases for t in run_terms(words(phrase))}
    out = [(term, ACTION_WORDS_WEIGHT if term in named else PHRASE_WORDS_WEIGHT if term in in_phrases else 1.0) for term in own]
    generic = _generic_words(concepts, runs)
    if generic:
        out = [(term, min(weight, GENERIC_WORDS_WEIGHT) if term in generic else weight) for term, weight in out]
    lowered = query.lower()
    negated = concepts.negated(query) if "not" in lowered or "n't" in lowered or "never" in lowered else set()
    if negated:
        out = [(term, weight * NEGATED_WEIGHT if term in negated else weight) for term, weight in out]
    straddling = concepts.straddling(query) if not query.isascii() else set()
    if straddling:
        out = [(term, weight * STRADDLING_WEIGHT if term in straddling else weight) for term, weight in out]
    out += [(term, ACTION_WEIGHT) for term in actions.terms]
    unknown = {t for t in own if "+" not in t and is_typo_candidate(t) and index.idf(t) is None}
    if unknown:
        known = index.words()
        for word in fused_words(query):
            if stem(word) not in unknown:
                continue
            parts = split_fused(word, known.__contains__)
            if parts is None:
                continue
            unknown.discard(stem(word))
            stems = [stem(part) for part in parts]
            out += [(term, FUSED_WEIGHT) for term in stems]
            out += [(f"{a}+{b}", FUSED_WEIGHT) for a, b in itertools.pairwise(stems)]
            found_concepts += concepts.find(" ".join(parts))
    out += [(term, FUSED_WEIGHT) for term in _joined(index, runs, own)]
    for term in unique(found_concepts):
        weight = CONCEPT_WEIGHTS.get(concepts.kind(term), CONCEPT_WEIGHT)
        if term in lone and concepts.kind(term) == "thing":
            weight = LONE_WEIGHT
        out.append(
            (term, weight * ACTION_WORDS_WEIGHT if term in named else weight * NEGATED_WEIGHT if term in negated else weight)
        )
    if not unknown:
        return out
    from rapidfuzz import fuzz, process

    vocabulary = index.vocabulary()
    budget = MAX_EXPANSIONS
    corrected: dict[str, tuple[str, float]] = {}
    for word in [t for t in own if t in unknown][:MAX_EXPANSIONS]:  # the same cap on attempts keeps a long paste fast
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
