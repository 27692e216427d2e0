"""The forms a secret takes in text: decoded (JSON string escapes, URL encoding) and encoded (the ways a value
appears once a renderer or a log has escaped it)."""

from __future__ import annotations

import re
from collections.abc import Iterator

_JSON_ESCAPE = r"\\(?:u(?P<u>[0-9a-fA-F]{4})|(?P<c>[\"\\/bfnrt]))"
_JSON_CHARS = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_PERCENT = r"%[0-9A-Fa-f]{2}"
_PERCENT_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
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
    """text as a reader would see it once decoded: JSON escapes (up to three levels), then URL encoding."""
    seen = {text}
    current = text
    for _ in range(3):
        if "\\" not in current:
            break
        current = _json_unescape(current)
        if current in seen:
            break
        seen.add(current)
        yield current
    for form in list(seen):
        if "%" in form and re.search(_PERCENT, form):
            plain = url_unquote(form)
            if plain not in seen:
                seen.add(plain)
                yield plain
                if "%" in plain and re.search(_PERCENT, plain):  # encoded twice: secret_key%253D…
                    twice = url_unquote(plain)
                    if twice not in seen:
                        seen.add(twice)
                        yield twice
                if "\\" in plain:  # URL-encoded JSON with escapes inside
                    unescaped = _json_unescape(plain)
                    if unescaped not in seen:
                        seen.add(unescaped)
                        yield unescaped
    for form in list(seen):
        if "&" in form and _ENTITY.search(form):  # HTML: &lt;SecretKey&gt;…, secret_key&#61;…
            import html

            plain = html.unescape(form)
            if plain not in seen:
                seen.add(plain)
                yield plain


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
