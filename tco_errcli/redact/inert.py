"""Text safe to show: controls, escape sequences, bidi and invisible characters become visible escapes."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, soft hyphen, the Arabic letter mark, the Mongolian vowel
# separator, zero-width and bidi marks, line/paragraph separators, word joiners and invisible operators,
# the BOM, interlinear annotation marks, the tag characters (invisible text smuggling); every other format
# character (Unicode category Cf: Arabic number signs, Egyptian and musical format controls, shorthand format
# controls), the characters that render as nothing (the combining grapheme joiner, Hangul fillers, Khmer
# inherent vowels) and the variation selectors
_UNSAFE = (
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u034f\u061c\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160"
    "\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f"
    "\U000e0100-\U000e01ef]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def inert(text: str) -> str:
    """Text safe to print on a terminal: escape sequences, controls and bidi marks become visible escapes."""
    return re.sub(_UNSAFE, _escape, text)


def one_line(text: str) -> str:
    """inert(text) on one line: a newline in a file name cannot start a forged second message."""
    return inert(text).replace("\n", "\\n")


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # JSON has no escape above U+FFFF: a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_safe(dumped: str) -> str:
    """JSON text (ensure_ascii=False) with the characters inert() escapes written as \\u escapes."""
    return re.sub(_UNSAFE, _json_escape, dumped)
