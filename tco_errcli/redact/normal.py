"""Text as a reader sees it: what the masker also learns from where a label hides behind characters that look like
nothing or like ASCII ("pass<ZWSP>word=", "secret<NBSP>key = ", "ｐａｓｓｗｏｒｄ：", CR-only line ends).

The view drops invisible format characters (soft hyphen, zero-width spaces and joiners, bidi marks, the BOM), makes
odd spaces plain spaces and full-width ASCII plain ASCII, and a lone CR a line end. Only the lines around such a
character are viewed (with the line after: a value may stand on the next one), so a plain log pays one search of
its text and nothing else. A value found in the view is also read back from the original text (`original`), as it
stands there, so that both spellings are masked.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

_INVISIBLE = "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
# what starts a view: the invisible and the spaces, full-width letters and digits (not full-width punctuation,
# which Chinese text is full of and the rules know), mathematical letters, and a CR not before a LF
_ODD = re.compile(f"[{_INVISIBLE}{_SPACES}\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\U0001d400-\U0001d7ff]")
_LONE_CR = re.compile("\r(?!\n)")
_REMOVED = re.compile(f"[{_INVISIBLE}]")
_TABLE = {
    **{code: None for code in (*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065), *range(0x2066, 0x2070))},
    **{code: None for code in (0xAD, 0x34F, 0x61C, 0x115F, 0x1160, 0x17B4, 0x17B5, *range(0x180B, 0x1810), 0xFEFF)},
    **{code: " " for code in (0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)},
    **{code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)},
}
MAX_SPOTS = 64  # past this many odd characters the whole text is viewed at once


class View(NamedTuple):
    """A stretch of text normalised, and where the characters it dropped stood in the original."""

    text: str
    source: str  # the stretch of the original it was made from
    shifts: list[int]  # for the k-th dropped character: its index in source minus k (non-decreasing)

    def original(self, start: int, end: int) -> str:
        """The original of text[start:end] (with the characters the view dropped inside it)."""
        if not self.shifts or start >= end or len(self.text) != len(self.source) - len(self.shifts):
            return self.text[start:end]
        return self.source[start + bisect_right(self.shifts, start) : end - 1 + bisect_right(self.shifts, end - 1) + 1]


def views(text: str) -> Iterator[View]:
    """The normalised views of text's odd stretches (none for text without an odd character: most text)."""
    if text.isascii() and "\r" not in text:
        return
    spots: list[int] = []
    for odd in (*(() if text.isascii() else (_ODD,)), *((_LONE_CR,) if "\r" in text else ())):
        for spot in odd.finditer(text):  # a character class alone: searched at C speed
            spots.append(spot.start())
            if len(spots) > MAX_SPOTS:
                yield _view(text)
                return
    spots.sort()
    end = -1
    for at in spots:
        if at < end:
            continue  # inside the stretch just viewed
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end == -1 else text.find("\n", end + 1)  # with the next line
        end = len(text) if end == -1 else end
        yield _view(text[start:end])


def _view(source: str) -> View:
    text = _LONE_CR.sub("\n", source) if "\r" in source else source
    shifts = [spot.start() - k for k, spot in enumerate(_REMOVED.finditer(text))]
    text = text.translate(_TABLE)
    if not unicodedata.is_normalized("NFKC", text):  # 𝐩𝐚𝐬𝐬𝐰𝐨𝐫𝐝, ligatures: lengths change, so no way back
        text = unicodedata.normalize("NFKC", text)
    return View(text, source, shifts)
