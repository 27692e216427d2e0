"""Near-duplicate codes told apart by their deciding words.

Two codes of one category whose names say some of the same (UserNotExist and ZoneIdNotExist: ~missing;
IdentityCenterNotOpen and IdentityCenterOrganizationNotOpen: all of the first) differ by what each says that
the other does not: that decides between them. When the query says all of one's and none of the other's, the
one it says comes first, whatever else their texts share with the query: a longer description matches more
words in passing, not more of the question. Of a name and a longer one, the longer comes first only when the
query says all of its extra ideas. A name is read as ideas, as a query is (synonym classes and other words:
'Group' is said by 用户组, 'Enterprise' by 'company'); in a Chinese query, a name's English word of no class
(Global, Already) is said by a word that code's texts have and the other's lack.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from .concepts import CONCEPT, Concepts
from .tokens import _WORD, STOP

TOP = 8  # the best-scored candidates compared pairwise
MAX_GAP = 0.7  # the lower of two codes moves only when it scored at least this share of the higher
STEP = 0.995  # of a pair put in order, the second scores this share of the first
NOT_DECIDING = frozenset(("error", "err", "fail"))  # a name's "...Error" says what its category says


@lru_cache(maxsize=4096)
def _units(code: str, concepts: Concepts) -> tuple[frozenset[str], frozenset[str]]:
    """What a code's name says, read as ideas: its synonym classes and other words (UserNotExist -> ~user
    ~missing), and its words as written (lower-case, stop words kept: MemberIsDelegatePayer has 'is')."""
    detail = code.rpartition(".")[2]
    return frozenset(concepts.segment(detail)) - NOT_DECIDING, frozenset(w.lower() for w in _WORD.findall(detail))


def _extra(one: str, other: str, concepts: Concepts) -> tuple[frozenset[str], frozenset[str]] | None:
    """What each of two names of one category says that the other does not, when they say some of the same;
    None when they are not near duplicates, say the same, or differ by a stop word (Is of MemberIsDelegatePayer
    decides, but search drops it)."""
    if one.partition(".")[0] != other.partition(".")[0]:
        return None
    a, a_words = _units(one, concepts)
    b, b_words = _units(other, concepts)
    if a == b or not a & b or any(w in STOP for w in a_words ^ b_words):
        return None
    return a - b, b - a


@lru_cache(maxsize=4096)
def _done(action: str, concepts: Concepts) -> frozenset[str]:
    """The action classes an API action's name says (AddUserToGroup -> ~create): what its caller did."""
    return frozenset(t for t in concepts.segment(action) if concepts.kind(t) == "action")


def _not_done_by(extra: frozenset[str], actions: Sequence[str], concepts: Concepts, said: set[str]) -> frozenset[str]:
    """extra without the action classes the query says that an action returning the other code also says: of
    two codes AddUserToGroup returns, the query's "add" is no evidence for UserAddGroupCountOverUpperLimit's Add
    against GroupUserCountOverUpperLimit, since the caller of either added a user. (One the query does not say
    still counts against the name that says it.)"""
    candidates = {t for t in extra if t in said and concepts.kind(t) == "action"}
    if not candidates:
        return extra
    return extra - {t for action in actions for t in _done(action, concepts) & candidates}


def decide(
    scores: dict[int, float],
    names: list[str],
    said: set[str],
    concepts: Concepts,
    only_in: Callable[[int, int], bool] | None = None,
    returned: list[bool] | None = None,
    actions: Callable[[int], Sequence[str]] | None = None,
) -> dict[int, float]:
    """scores with each pair of codes among the best TOP whose names differ in what the query says put in the
    order it says. said: every term of the query (words and classes); only_in(one, other), for a query in
    Chinese: it has a word one's texts have and other's lack (what says a name's English word there); returned,
    when the query names actions: whether they return each code (then of two codes one returns, that one);
    actions: the API actions that return each code (an action class both codes' actions say decides nothing)."""
    top = sorted(scores, key=lambda i: -scores[i])[:TOP]
    changed = dict(scores)
    for x, y in itertools.combinations(top, 2):
        extra = _extra(names[x], names[y], concepts)
        if extra is None or (returned is not None and returned[x] != returned[y]):  # the named action decides
            continue
        if actions is not None:
            extra = _not_done_by(extra[0], actions(y), concepts, said), _not_done_by(extra[1], actions(x), concepts, said)
            if not extra[0] and not extra[1]:
                continue
        says_x = [_said(unit, said, only_in, x, y) for unit in extra[0]]
        says_y = [_said(unit, said, only_in, y, x) for unit in extra[1]]
        if all(says_x) and not any(says_y):
            first, second = x, y
        elif all(says_y) and not any(says_x):
            first, second = y, x
        elif not says_x and not all(says_y):  # a longer name whose extra ideas the query says only some of
            first, second = x, y
        elif not says_y and not all(says_x):
            first, second = y, x
        else:  # says some of what each says: the rest of the evidence decides
            continue
        high, low = changed[second], changed[first]
        if high > low and low >= MAX_GAP * high:  # the wrong one of the two is ahead: they keep the better
            changed[first], changed[second] = high, high * STEP  # place, in the order the query says
    return changed


def _said(unit: str, said: set[str], only_in: Callable[[int, int], bool] | None, one: int, other: int) -> bool:
    """Whether the query says this idea of one's name: a class or a word it has; in a Chinese query, a word
    of no class (Global, Already) by a word one's texts have and other's lack."""
    if unit in said:
        return True
    return not unit.startswith(CONCEPT) and only_in is not None and only_in(one, other)


QUOTED = 1.5  # a code whose own message the query quotes whole (a paste) weighs this much more, up to 99
MIN_QUOTED = 12  # characters of a message, at least, for a quote of it to say which code it is
MIN_QUOTED_ZH = 4  # of a Chinese one
_NOT_TEXT = re.compile(r"[\W_]+")


def plain(text: str) -> str:
    """Lower-case words and characters, one space between: what a quote of a message is compared on."""
    return _NOT_TEXT.sub(" ", text.lower()).strip()


def quoted(scores: dict[int, float], messages: Callable[[int], Sequence[str]], query: str) -> dict[int, float]:
    """scores with the best TOP codes whose message (Tencent's wording, English or Chinese) the query quotes whole
    weighed up: 'The member has a payer and cannot be deleted.' is MemberExistDelegatePayer's message, not
    MemberIsDelegatePayer's ('The member is a payer ...'), though search drops 'has' and 'is' as stop words."""
    typed = plain(query)
    said, unspaced = f" {typed} ", typed.replace(" ", "")  # Chinese is written without spaces

    def quotes(m: str) -> bool:
        if m.isascii():
            return len(m) >= MIN_QUOTED and f" {m} " in said
        m = m.replace(" ", "")
        return len(m) >= MIN_QUOTED_ZH and m in unspaced

    top = sorted(scores, key=lambda i: -scores[i])[:TOP]
    found = [i for i in top if any(quotes(m) for m in messages(i))]
    if not found:
        return scores
    factor = min(QUOTED, 99.0 / max(scores[i] for i in found))  # never saturates: quoted codes keep their order
    return {i: score * factor if i in found else score for i, score in scores.items()}


def undone(code: str, said: set[str], concepts: Concepts) -> bool:
    """Whether a code's name says what the caller did (an action class: Quit, Create) and the query says none of it."""
    done = [u for u in _units(code, concepts)[0] if concepts.kind(u) == "action"]
    return bool(done) and not any(u in said for u in done)
