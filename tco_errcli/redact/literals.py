"""Where each of many literals occurs in a text: every occurrence, overlapping ones included, in order.

The masker's keywords and explain's prefilter each look for a few dozen words in every piece of a large input.
One str.find pass per word runs at about 1.5 GB/s, but thirty of them make 20 ms per MB; with ahocorasick-rs
installed (the `fast` extra) one automaton finds them all in a single pass over the piece's bytes (about 3 ms per MB
here). Only an ASCII text is given to the automaton (its byte offsets are then its character offsets); any other
text, or a machine without the extra, takes the str.find passes. Both give the same positions (a property test).

The sets made with shared=True (the masker's keywords, the prefilter's words) can be found together: share(text)
searches a text that each of them is about to search (explain's piece of a file: the masker learns it, the prefilter
reads it) with one automaton over its lowered bytes, and each set then takes its part (a 64 MB log: 2.1 + 2.1 ms
per MB in two passes, 2.7 in one). A set that is not folded keeps its case: a hit in the lowered bytes counts where
the text itself holds the word. Every other text is searched for one set alone.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress, repeat
from typing import Any

# TCO_ERR_LITERALS=python turns the automaton off (the tests run both ways)
ENGINE_ENV = "TCO_ERR_LITERALS"
MIN_CHARS = 16 * 1024  # below this, building the bytes copy costs more than the passes it saves
KEPT = 2  # texts whose shared search is kept: a piece is learnt, the next one too, then the first is explained


class Literals:
    """A fixed set of non-empty words; positions() finds them in one text. fold: the words are lower case and are
    found whatever the case of the text's ASCII letters; shared: searched with the other shared sets (see above)."""

    def __init__(self, words: Sequence[str], *, fold: bool = False, shared: bool = False) -> None:
        if not words or any(not w for w in words):
            raise ValueError("literals must be non-empty words")
        if fold and any(w != lowered(w) for w in words):
            raise ValueError("folded literals are given in lower case")
        self.words = tuple(words)
        self.fold = fold
        if shared:
            _SHARED.append(self)

    def one_pass(self, text: str) -> bool:
        """Whether positions(text) makes one pass over text's bytes (else one str.find pass per word)."""
        return len(text) >= MIN_CHARS and text.isascii() and _automaton(self.words) is not None

    def positions(self, text: str) -> list[list[int]]:
        """For each word (in the order given), the sorted start of each of its occurrences in text (lists to read,
        not to change: a shared search's are kept for the other sets)."""
        if not self.one_pass(text):
            searched = lowered(text) if self.fold else text
            return [_every(searched, word) for word in self.words]
        shared = _shared(text, self)
        if shared is not None:
            return shared
        found: list[list[int]] = [[] for _ in self.words]
        appends = [f.append for f in found]
        data = text.lower().encode("ascii") if self.fold else text.encode("ascii")
        for index, start, _end in _automaton(self.words).find_matches_as_indexes(data, overlapping=True):
            appends[index](start)
        return found  # a non-ASCII word cannot occur in an ASCII text: its list stays empty

    def _part(self, text: str, every: list[list[int]], first: int) -> list[list[int]]:
        """This set's positions from a shared search's (its words from first on, found in text lowered)."""
        found = every[first : first + len(self.words)]
        if self.fold:
            return found
        startswith = text.startswith  # the hits of a word with letters, kept where the text has its case (in C)
        return [
            list(compress(places, map(startswith, repeat(word), places))) if places and word != word.swapcase() else places
            for word, places in zip(self.words, found, strict=True)
        ]


_SHARED: list[Literals] = []


class _Shared:
    """A text searched for every shared set at once: what was found, and the sets that have not taken it yet."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sets = tuple(_SHARED)
        self.unread = list(_SHARED)
        words = tuple(lowered(word) for one in self.sets for word in one.words)
        self.found: list[list[int]] = [[] for _ in words]
        appends = [f.append for f in self.found]
        for index, start, _end in _automaton(words).find_matches_as_indexes(text.lower().encode("ascii"), overlapping=True):
            appends[index](start)

    def first(self, one: Literals) -> int:
        """Where one's words start in the shared list."""
        at = 0
        for each in self.sets:
            if each is one:
                return at
            at += len(each.words)
        raise KeyError(one)


_kept: list[_Shared] = []  # the last texts shared, newest first


def share(text: str) -> None:
    """Search text for every shared set in one pass, for each to take its part when it searches the same string
    (the last KEPT texts are kept until each set has taken its part: a piece is learnt, the next one too, then the
    first is explained). A text not searched in one pass is not kept."""
    if _SHARED and all(one.one_pass(text) for one in _SHARED):
        _kept.insert(0, _Shared(text))
        del _kept[KEPT:]


def _shared(text: str, one: Literals) -> list[list[int]] | None:
    """one's positions in text from the search share() made of it, or None."""
    for at, kept in enumerate(_kept):
        if kept.text is text and one in kept.unread:
            kept.unread.remove(one)
            if not kept.unread:
                del _kept[at]
            return one._part(text, kept.found, kept.first(one))
    return None


def lowered(text: str) -> str:
    """text in lower case, offsets unchanged (str.lower() lengthens a few non-ASCII letters: then only ASCII
    letters are lowered, in one pass; binary output decoded with replacements has such letters everywhere)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")  # bytes.lower(): ASCII only


def _every(text: str, word: str) -> list[int]:
    found = []
    find = text.find
    at = find(word)
    while at != -1:
        found.append(at)
        at = find(word, at + 1)
    return found


def available() -> bool:
    """Whether the one-pass engine is installed and not turned off."""
    return _module() is not None


def module() -> Any:
    """The ahocorasick_rs module, or None (not installed, or turned off with TCO_ERR_LITERALS=python)."""
    return _module()


@lru_cache(maxsize=1)
def _module() -> Any:
    if os.environ.get(ENGINE_ENV, "").lower() == "python":
        return None
    try:
        import ahocorasick_rs
    except ImportError:
        return None
    return ahocorasick_rs


@lru_cache(maxsize=16)
def _automaton(words: tuple[str, ...]) -> Any:
    module = _module()
    if module is None:
        return None
    ascii_words = [w.encode("ascii") if w.isascii() else b"\xff\xfe" + w.encode("utf-8") for w in words]
    # a non-ASCII word gets a prefix no ASCII text holds: it keeps its index and never matches
    return module.BytesAhoCorasick(ascii_words, implementation=module.Implementation.DFA)
