"""Where each of many literals occurs in a text: every occurrence, overlapping ones included, in order.

The masker's keywords and explain's prefilter each look for a few dozen words in every piece of a large input.
One str.find pass per word runs at about 1.5 GB/s, but thirty of them make 20 ms per MB; with ahocorasick-rs
installed (the `fast` extra) one automaton finds them all in a single pass over the piece's bytes (about 3 ms per MB
here). Only an ASCII text is given to the automaton (its byte offsets are then its character offsets); any other
text, or a machine without the extra, takes the str.find passes. Both give the same positions (a property test).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

# TCO_ERR_LITERALS=python turns the automaton off (the tests run both ways)
ENGINE_ENV = "TCO_ERR_LITERALS"
MIN_CHARS = 16 * 1024  # below this, building the bytes copy costs more than the passes it saves


class Literals:
    """A fixed set of non-empty words; positions() finds them in one text."""

    def __init__(self, words: Sequence[str]) -> None:
        if not words or any(not w for w in words):
            raise ValueError("literals must be non-empty words")
        self.words = tuple(words)

    def one_pass(self, text: str) -> bool:
        """Whether positions(text) makes one pass over text's bytes (else one str.find pass per word)."""
        return len(text) >= MIN_CHARS and text.isascii() and _automaton(self.words) is not None

    def positions(self, text: str, data: bytes | None = None) -> list[list[int]]:
        """For each word (in the order given), the sorted start of each of its occurrences in text. data: the
        bytes searched instead, for an ASCII text searched in one pass (text encoded, or lowered: the caller's)."""
        if not self.one_pass(text):
            return [_every(text, word) for word in self.words]
        automaton = _automaton(self.words)
        found: list[list[int]] = [[] for _ in self.words]
        appends = [f.append for f in found]
        for index, start, _end in automaton.find_matches_as_indexes(
            text.encode("ascii") if data is None else data, overlapping=True
        ):
            appends[index](start)
        return found  # a non-ASCII word cannot occur in an ASCII text: its list stays empty


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
