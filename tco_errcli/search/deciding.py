"""Near-duplicate codes told apart by their deciding words.

Two codes of one category where every word of one's name is in the other's (IdentityCenterNotOpen and
IdentityCenterOrganizationNotOpen; UinLimitExceeded and GlobalRegionUinLimitExceeded) differ by the longer
one's extra words: they are what decides between them. The longer code comes first when the query says all
of them, the shorter one when it says none, whatever else their texts share with the query: a longer
description matches more words in passing, not more of the question. A word of a synonym class is said by
its class ("group" by 用户组, "enterprise" by "company"); one of none by itself, or, in a Chinese query, by
a Chinese word the longer code's texts have and the shorter one's lack (已经 for Already).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from .concepts import Concepts
from .tokens import _WORD, _english

TOP = 8  # the best-scored candidates compared pairwise
MAX_GAP = 0.7  # the lower of two codes moves only when it scored at least this share of the higher
STEP = 0.995  # a code moved below another scores this share of it
NOT_DECIDING = frozenset(("error", "err", "failed", "fail"))  # a name's "...Error" says what its category says


@lru_cache(maxsize=4096)
def _surface(code: str) -> tuple[frozenset[str], str]:
    """The words of a code's name as written (lower-case, stop words kept: MemberIsDelegatePayer has 'is'), and
    its category."""
    category, _, detail = code.partition(".")
    return frozenset(w.lower() for w in _WORD.findall(code)), category if detail else ""


def _extra(short: str, long: str) -> frozenset[str] | None:
    """The words of long's name that short's lacks, when short's name is long's with words left out (the same
    category, a strict subset) and they can decide; None otherwise."""
    a, category = _surface(short)
    b, other = _surface(long)
    if not category or category != other or not a < b:
        return None
    extra = b - a - NOT_DECIDING
    return extra or None


def decide(
    scores: dict[int, float],
    names: list[str],
    said: set[str],
    concepts: Concepts,
    only_in: Callable[[int, int], bool] | None = None,
) -> dict[int, float]:
    """scores with each near-duplicate pair among the best TOP ordered by its deciding words. said: every term
    of the query (words and classes); only_in(long, short), for a query in Chinese: it has a word long's texts
    have and short's lack."""
    top = sorted(scores, key=lambda i: -scores[i])[:TOP]
    changed = dict(scores)
    for s in top:
        for lo in top:
            extra = _extra(names[s], names[lo]) if s != lo else None
            if extra is None:
                continue
            other_words = only_in is not None and only_in(lo, s)
            told = {_said(word, said, concepts, other_words) for word in extra}
            if len(told) > 1:  # says some of them: the rest of the evidence decides
                continue
            first, second = (lo, s) if told == {True} else (s, lo)
            high, low = changed[second], changed[first]
            if high > low and low >= MAX_GAP * high:  # the wrong one of the two is ahead: it goes just behind
                changed[second] = low * STEP
    return changed


def _said(word: str, said: set[str], concepts: Concepts, in_other_words: bool) -> bool:
    """Whether the query says this word of a name: by its class if it has one, else by the word, or (a word
    of no class, in a Chinese query) by the longer code's other words."""
    classes = concepts.find(word)
    if classes:
        return any(c in said for c in classes)
    return any(t in said for t in _english(word)) or in_other_words
