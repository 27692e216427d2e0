"""The forms a secret takes in text: decoded (JSON string escapes, URL encoding) and encoded (the ways a value
appears once a renderer or a log has escaped it)."""

from __future__ import annotations

import re
from collections.abc import Iterator

_JSON_ESCAPE = r"\\(?:u(?P<u>[0-9a-fA-F]{4})|(?P<c>[\"\\/bfnrt]))"
_JSON_CHARS = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_PERCENT = r"%[0-9A-Fa-f]{2}"
_PERCENT_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
MAX_DEPTH = 8  # levels of JSON escaping undone
# 6 to 1,024 numbers of 1 to 3 digits, each after ", ", "," or " " (one way, no backtracking between them)
_BYTES = re.compile(r"(?P<o>\[|<<)(?P<b>\d{1,3}(?:(?:,[ ]?|[ ])\d{1,3}){5,1023})(?P<c>\]|>>)")
_HEX = re.compile(r"[0-9a-fA-F]+")
_QP = re.compile(r"=(?:\r?\n|([0-9A-F]{2}))")
_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def url_unquote(text: str) -> str:
    """urllib.parse.unquote(text, errors="replace"), in one pass over the escapes: unquote cuts text at every
    change between ASCII and not, which costs a call per character on binary output decoded with replacements.
    The same result: a run of %XX is decoded as UTF-8 on its own, and an ASCII character cannot join a sequence."""
    return _PERCENT_RUN.sub(lambda m: bytes.fromhex(m.group().replace("%", "")).decode("utf-8", "replace"), text)


def _json_unescape(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        code = match.group("u")
        return chr(int(code, 16)) if code else _JSON_CHARS[match.group("c")]

    return re.sub(_JSON_ESCAPE, one, text)


def decoded_forms(text: str) -> Iterator[str]:
    """text as a reader would see it once decoded: JSON escapes (up to MAX_DEPTH levels: a document escaped
    inside a document, five times over), then URL encoding, HTML entities, byte lists and quoted-printable."""
    seen = {text: None}  # in the order found: the last is the most decoded
    current = text
    for _ in range(MAX_DEPTH):
        if "\\" not in current:
            break
        current = _json_unescape(current)
        if current in seen:
            break
        seen[current] = None
        yield current
    for form in list(seen):
        if "%" in form and re.search(_PERCENT, form):
            plain = url_unquote(form)
            if plain not in seen:
                seen[plain] = None
                yield plain
                if "%" in plain and re.search(_PERCENT, plain):  # encoded twice: secret_key%253D…
                    twice = url_unquote(plain)
                    if twice not in seen:
                        seen[twice] = None
                        yield twice
                if "\\" in plain:  # URL-encoded JSON with escapes inside
                    unescaped = _json_unescape(plain)
                    if unescaped not in seen:
                        seen[unescaped] = None
                        yield unescaped
    for decode in (_html_unescape, _byte_lists, _quoted_printable):
        for form in list(seen):
            plain = decode(form)
            if plain not in seen:
                seen[plain] = None
                yield plain


def _html_unescape(text: str) -> str:
    """HTML: &lt;SecretKey&gt;…, secret_key&#61;…, a value spelled &#71;&#117;…"""
    if "&" not in text or not _ENTITY.search(text):
        return text
    import html

    return html.unescape(text)


def _byte_lists(text: str) -> str:
    """A value printed as its bytes: Go's %v of a []byte [103 71 …], Erlang <<79,101,…>>, a JSON array [79, 101, …];
    as a quoted string where the bytes are printable ASCII ("gG…", <<"Oe…">>), so that the rules read it."""
    if ("[" not in text and "<<" not in text) or not _BYTES.search(text):
        return text

    def one(match: re.Match[str]) -> str:
        codes = [int(n) for n in re.findall(r"\d+", match.group("b"))]
        if not all(32 <= c < 127 for c in codes):
            return match.group()
        plain = bytes(codes).decode("ascii")
        quote = next((q for q in "\"'" if q not in plain), None)
        if quote is None or (match.group("o") == "<<" and quote != '"'):
            return match.group()
        return f"<<{quote}{plain}{quote}>>" if match.group("o") == "<<" else f"{quote}{plain}{quote}"

    return _BYTES.sub(one, text)


def _quoted_printable(text: str) -> str:
    """MIME quoted-printable: secret_key=3DVALUE with soft line breaks (=, then the line end) inside the value.
    Only where an encoded "=" (=3D) says the text is quoted-printable."""
    if "=3D" not in text:
        return text
    return _QP.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else "", text)


def encoded(text: str) -> bool:
    """Whether text may hold an encoding decoded_forms undoes, one a reader would still read as the value (JSON
    and URL escapes, HTML entities, a byte list)."""
    return "\\" in text or "%" in text or ("&" in text and _ENTITY.search(text) is not None) or _BYTES.search(text) is not None


def inner_values(value: str) -> list[str]:
    """Values inside a learned one that may be shown apart from it: the pieces an invalid byte (decoded as U+FFFD)
    cuts it into (a message printed up to that byte), and the text hex digits spell (password(hex)=6f30…)."""
    if "\ufffd" in value:
        return [piece for piece in value.split("\ufffd") if len(piece) >= 4]
    if 16 <= len(value) <= 512 and len(value) % 2 == 0 and _HEX.fullmatch(value):
        plain = bytes.fromhex(value)
        if all(32 <= byte < 127 for byte in plain):
            return [plain.decode("ascii")]
    return []


def decode_all(text: str) -> str:
    """The most decoded form of text (what `mask` shows when an encoded secret hides in it)."""
    last = text
    for last in decoded_forms(text):  # noqa: B007 — the final form is the most decoded
        pass
    return last


def encoded_forms(value: str) -> set[str]:
    """The ways value appears in text: raw, JSON-escaped (once and twice, with \\/), URL-encoded."""
    import json
    from urllib.parse import quote, quote_plus

    forms = {value}
    once = json.dumps(value, ensure_ascii=False)[1:-1]
    ascii_once = json.dumps(value)[1:-1]
    for escaped in (once, ascii_once):
        forms.add(escaped)
        forms.add(escaped.replace("/", "\\/"))
        twice = json.dumps(escaped, ensure_ascii=False)[1:-1]
        forms.add(twice)
        forms.add(twice.replace("/", "\\\\/"))
    lone = "surrogatepass"  # a lone surrogate (a JSON \ud83d split from its pair) is no UnicodeEncodeError
    for url in (quote(value, safe="", errors=lone), quote(value, errors=lone), quote_plus(value, errors=lone)):
        forms.add(url)
        forms.add(url.lower())
    for line in value.splitlines():
        if len(line.strip()) >= 3:
            forms.add(line.strip())
    forms.discard("")
    return forms
