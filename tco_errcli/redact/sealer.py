"""The learned forms of secrets, found in text and replaced: a set that grows one value at a time, cheaply.

A run may learn thousands of distinct values, one per finding, and masks text after each. Rebuilding one regex over
every form after each new value made that quadratic (1,000 distinct keys: 51 s). Here the forms live in buckets,
merged like a binary counter: the newest values are looked for with str.find (nothing to build), and once there are
PENDING of them they become a bucket with a matcher (an Aho-Corasick automaton with the `fast` extra, else a regex
prefix tree); two buckets of the same size merge into one. Each value is built into a matcher about log2(n) times.

What is masked is the union of every occurrence of every form, overlapping ones included, whatever finds it: a long
form (_SHORT characters or more) anywhere, a short one only as a whole word ("abc" must not eat "abcdef"). The regex
finds, at each position, the longest form starting there, and the automaton every occurrence: their unions are the
same, so the engines give identical output (a property test runs both).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from . import literals

_SHORT = 8  # forms shorter than this are masked only as whole words
HUGE = 1024  # a form this long is found with str.find, never built into a matcher (a 1 MiB token)
PENDING = 32  # values looked for with str.find before they are built into a matcher
_WORD = re.compile(r"[A-Za-z0-9]")


def _alternation(words: list[str]) -> str:
    """A regex matching any of words (sorted, distinct, non-empty), as a prefix tree: greedy, so the longest word
    starting at a position is the one matched there."""
    if len(words) == 1:
        return re.escape(words[0])
    first, last = words[0], words[-1]  # sorted: what these two share, all share
    size = next((i for i, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), min(len(first), len(last)))
    prefix = first[:size]
    if prefix:
        rest = [w[len(prefix) :] for w in words]
        tails = [r for r in rest if r]
        return re.escape(prefix) + "(?:" + _alternation(tails) + ")" + ("?" if len(tails) < len(rest) else "")
    groups = [list(group) for _, group in itertools.groupby(words, key=lambda w: w[0])]
    return "(?:" + "|".join(_alternation(group) for group in groups) + ")"


def _whole_word(text: str, start: int, end: int) -> bool:
    return (start == 0 or not _WORD.match(text[start - 1])) and (end == len(text) or not _WORD.match(text[end]))


class _Bucket:
    """Forms of `count` values with one matcher built over them (the huge ones apart, found with str.find)."""

    def __init__(self, count: int, forms: set[str]) -> None:
        self.count = count
        self.forms = forms
        self.huge = [f for f in forms if len(f) >= HUGE]
        built = sorted(f for f in forms if len(f) < HUGE)
        self._short = frozenset(f for f in built if len(f) < _SHORT)
        self._automaton: Any = None
        self._long: re.Pattern[str] | None = None
        self._shorts: re.Pattern[str] | None = None
        self._words = built
        if not built:
            return
        module = literals.module()
        if module is not None:
            self._automaton = module.AhoCorasick(built, implementation=module.Implementation.NoncontiguousNFA)
            return
        long = [f for f in built if len(f) >= _SHORT]
        if long:  # at each position, the longest form starting there
            self._long = re.compile("(?=(" + _alternation(long) + "))")
        if self._short:
            shorts = sorted(self._short, key=len, reverse=True)
            self._shorts = re.compile(r"(?=(?<![A-Za-z0-9])(" + "|".join(re.escape(s) for s in shorts) + r")(?![A-Za-z0-9]))")

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        if self._automaton is not None:
            words, short = self._words, self._short
            for index, start, end in self._automaton.find_matches_as_indexes(text, overlapping=True):
                if words[index] not in short or _whole_word(text, start, end):
                    yield start, end
        else:
            for pattern in (self._long, self._shorts):
                if pattern is not None:
                    for match in pattern.finditer(text):
                        yield match.start(1), match.end(1)
        yield from _found(text, self.huge, whole_words=False)


def _found(text: str, forms: Iterable[str], *, whole_words: bool) -> Iterator[tuple[int, int]]:
    """Every occurrence of each form, overlapping ones included (a short form as a whole word only)."""
    for form in forms:
        find = text.find
        at = find(form)
        while at != -1:
            end = at + len(form)
            if not whole_words or len(form) >= _SHORT or _whole_word(text, at, end):
                yield at, end
            at = find(form, at + 1)


class Sealer:
    """The forms of every value added, replaced by a mask wherever they occur (see the module docstring)."""

    def __init__(self, largest: int | None = None) -> None:
        self.largest = largest  # values a bucket may hold at most (so that dropping the oldest drops few)
        self.count = 0  # values added
        self._buckets: list[_Bucket] = []
        self._pending: set[str] = set()
        self._pending_count = 0

    def add(self, forms: set[str]) -> None:
        """The forms of one more value."""
        self.count += 1
        self._pending |= forms
        self._pending_count += 1
        if self._pending_count >= PENDING:
            self._buckets.append(_Bucket(self._pending_count, self._pending))
            self._pending, self._pending_count = set(), 0
            while (
                len(self._buckets) >= 2
                and self._buckets[-2].count <= self._buckets[-1].count
                and (self.largest is None or self._buckets[-2].count + self._buckets[-1].count <= self.largest)
            ):
                newer = self._buckets.pop()
                older = self._buckets.pop()
                self._buckets.append(_Bucket(older.count + newer.count, older.forms | newer.forms))

    def drop_oldest(self) -> None:
        """Forget the oldest bucket of values (the caller keeps the set bounded)."""
        if self._buckets:
            self.count -= self._buckets.pop(0).count

    def seal(self, text: str, mask: str) -> str:
        """text with every occurrence of every form replaced by mask (overlapping occurrences: one mask)."""
        if not text or not self.count:
            return text
        spans = sorted(
            itertools.chain(_found(text, self._pending, whole_words=True), *(bucket.spans(text) for bucket in self._buckets))
        )
        if not spans:
            return text
        pieces: list[str] = []
        done = 0  # text before this is copied or masked
        start, end = spans[0]
        for next_start, next_end in spans[1:]:
            if next_start < end:  # overlapping: one span
                end = max(end, next_end)
                continue
            pieces += (text[done:start], mask)
            done = end
            start, end = next_start, next_end
        pieces += (text[done:start], mask, text[end:])
        return "".join(pieces)
