"""Text safe to show: controls, escape sequences, bidi and invisible characters become visible escapes."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, soft hyphen, the Arabic letter mark, the Mongolian vowel
# separator, zero-width and bidi marks, line/paragraph separators, word joiners and invisible operators,
# the BOM, interlinear annotation marks, and the tag characters (invisible text smuggling)
_UNSAFE = (
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
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
