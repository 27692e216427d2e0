"""Line breaking that never splits a token: shared by the terminal view (with rich's cell widths) and --help.

Imports nothing heavy: --help wraps with it before rich is loaded, or without rich at all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

# an unbreakable run: anything but spaces and CJK (codes, URLs, IDs, CAM actions); CJK text breaks anywhere
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_CLOSE = "，。、；：！？）》」』】”’"  # punctuation that must not start a line: it stays with what precedes it
_OPEN = "（《「『【“‘"  # punctuation that must not end a line: it stays with what follows it
# a back-quoted command (`timedatectl set-ntp true`) is one run too, with what sticks to it ("(`x`)," stays whole)
TOKEN = (
    rf"\s+|[{_OPEN}]*[^\s`{_CJK}]*`[^`\n]{{1,60}}`[^\s{_CJK}]*[{_CLOSE}]*"
    rf"|[{_OPEN}]*[^\s{_CJK}]+[{_CLOSE}]*|[{_OPEN}]*[{_CJK}][{_CLOSE}]*"
)


@cache
def _tokens() -> re.Pattern[str]:
    """TOKEN compiled on first use: 11 ms, which every start would pay (the CLI imports this for --help)."""
    return re.compile(TOKEN)


def cells(text: str) -> int:
    """Terminal cells of text: wide (CJK, full-width) characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int, cell_len: Callable[[str], int] = cells) -> list[str]:
    """Lines of at most width cells, broken at spaces and between CJK characters, never inside a token.

    A token wider than the line (a long URL) gets a line of its own: the terminal folds it, a copy is whole.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for token in _tokens().findall(paragraph):
            size = cell_len(token)
            if token.isspace():
                if line:
                    line, used = line + " ", used + 1
                continue
            if used + size > width and line.strip():
                lines.append(line.rstrip())
                line, used = "", 0
            line, used = line + token, used + size
        lines.append(line.rstrip())
    return lines
