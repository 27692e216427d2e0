"""Secrets and terminal-unsafe characters, in one place: what reaches any output is secret-free and inert.

Masking is an output stage. A `Masker` is built per run: it *learns* the secret values it is shown (the
input, read whole or chunk by chunk; the command's arguments; every string on its way out), looking at
the raw text and at its decoded forms (JSON string escapes incl. ``\\uXXXX`` and ``\\/``, URL encoding),
and it *masks* every learned value wherever it appears later, raw, JSON-escaped or URL-encoded.

Use, for any producer of output (a streaming explain included)::

    masker = Masker()
    for lines in chunks:           # as they arrive (a whole text: masker.learn(text))
        masker.learn_lines(lines)  # before anything derived from them is shown
        ...
        emit(masker.mask(text))    # every string on its way out; learns from it too

``masker.count`` is the number of distinct secret values learned so far; ``masker.seal(text)`` masks the
learned values in already-rendered text (a JSON document, rich's output) without decoding or learning,
so structure is never changed. The CLI gives renderers only a stream that seals what they write, and
only model objects whose input-derived strings have passed ``mask`` (render/emit.py).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

MASK = "[REDACTED]"
MAX_VALUE = 1 << 20  # a token or key longer than this is cut there: its head is masked, and nothing shorter leaks
MAX_SECRETS = 4096  # distinct values remembered per run; labelled occurrences beyond are still masked where seen
MAX_LEARNED = 16 * 1024 * 1024  # characters of secret values remembered per run, so memory stays bounded
CONTEXT_CHARS = 64 * 1024  # of each line kept as context for the next (learn_lines)
_SHORT = 8  # values shorter than this are masked only as whole words ("abc" must not eat "abcdef")

# Labels whose value is a secret, matched case-insensitively wherever they start, so that prefixed names
# (TF_VAR_secret_key, QCLOUD_SECRET_KEY, TmpSecretKey, client_secret) are found where \b would fail.
_KEY_LABEL = r"(?i:secret|token|api[_-]?key|private[_-]?key)[A-Za-z0-9_-]{0,32}"
_PASSWORD_LABEL = r"(?i:password|passwd|passphrase|pwd)"
_SEP = r"[\"']?[ \t]{0,64}(?:\[[^\]\n]{0,64}\][ \t]{0,8})?(?:=>|:=|[:=])[ \t]{0,64}"  # aligned, PHP =>, prompt [****]:
_FLAG = r"(?i:secret-?key|secret-?id|token|password|passwd)"
_NOT_VALUES = frozenset({"null", "none", "nil", "true", "false", "undefined", "empty", "required", "string"})


class _Rule(NamedTuple):
    """A secret shape: the keyword that announces it, where the pattern starts relative to it, the pattern."""

    keyword: str  # lowercase literal found with str.find
    offsets: tuple[int, ...]  # the pattern is tried at the keyword's position minus each offset
    source: str


# Each pattern is anchored (tried only where its keyword stands), bounded, without nested quantifiers;
# group "v" is the secret, group "l" (where present) the label. They run on the raw text and on its
# decoded forms.
_RULES: tuple[_Rule, ...] = (
    # API key IDs, permanent and temporary, of any length; an unlabelled key right after one (a CSV row,
    # Credential("AKID…", "…"))
    _Rule("akid", (0,), rf"(?<![A-Za-z0-9])(?P<v>AKID[A-Za-z0-9]{{8,{MAX_VALUE}}})"),
    _Rule(
        "akid",
        (0,),
        r"(?<![A-Za-z0-9])AKID[A-Za-z0-9]{8,1024}[\"']?[ \t]{0,8}[,;|\t:][ \t]{0,8}[\"']?"
        r"(?P<v>[A-Za-z0-9+/=]{24,128})(?![A-Za-z0-9+/=])",
    ),
    # TC3 Authorization header: Credential=<SecretId>/..., Signature=<hex> (the value may wrap to the next line)
    _Rule("credential", (0,), r"Credential=(?P<v>[^/\s,\"']{1,256})/"),
    _Rule("signature", (0,), rf"(?i:signature)[\"']?\s{{0,64}}[=:]\s{{0,64}}[\"']?(?P<v>[A-Za-z0-9+/%=_-]{{8,{MAX_VALUE}}})"),
    # Authorization: Bearer …, Basic …; a bare "Bearer <token>"
    _Rule(
        "authorization",
        (0,),
        r"(?i:authorization)[\"']?[ \t]{0,8}[:=][ \t]{0,8}[\"']?(?i:bearer|basic|token|digest)"
        rf"[ \t]{{1,8}}(?P<v>[A-Za-z0-9._~+/=-]{{4,{MAX_VALUE}}})",
    ),
    _Rule("bearer", (0,), rf"Bearer {{1,4}}(?P<v>[A-Za-z0-9._~+/=-]{{16,{MAX_VALUE}}})"),
    # label = "quoted value": aligned spacing, PHP's =>, a prompt's [****]; the value may wrap once
    *(
        _Rule(
            word,
            (0,),
            rf"(?P<l>{_KEY_LABEL}|{_PASSWORD_LABEL}){_SEP}(?P<q>[\"'`])"
            rf"(?P<v>[^\"'`\n]{{1,{MAX_VALUE}}}(?:\n[ \t]{{0,64}}[^\"'`\n\s][^\"'`\n]{{0,4096}})?)",
        )
        for word in ("secret", "token", "api", "private", "passw", "pwd", "passphrase")
    ),
    # Go's header map: X-Tc-Token:[value]
    *(
        _Rule(word, (0,), rf"(?P<l>{_KEY_LABEL}|{_PASSWORD_LABEL}){_SEP}\[(?P<v>[^\]\s]{{1,{MAX_VALUE}}})\]")
        for word in ("secret", "token", "passw", "pwd")
    ),
    # key label = unquoted value (env, query string, kubectl describe, logs)
    *(
        _Rule(word, (0,), rf"(?P<l>{_KEY_LABEL}){_SEP}(?P<v>[^\s\"'`&,;<>\[\]{{}}()]{{1,{MAX_VALUE}}})")
        for word in ("secret", "token", "api", "private")
    ),
    # password label: unquoted value; after "password:" to the end of the line, since passwords hold spaces;
    # after "password=" (query strings, connection strings "Pwd=x;Database=y") to a space, '&' or ';'
    *(
        _Rule(
            word,
            (0,),
            rf"(?P<l>{_PASSWORD_LABEL})[\"']?[ \t]{{0,64}}(?:\[[^\]\n]{{0,64}}\][ \t]{{0,8}})?:[ \t]{{0,64}}"
            r"(?P<v>[^\s\"'`&<>\[\]{}()][^\n\"'`&]{0,255})",
        )
        for word in ("passw", "pwd", "passphrase")
    ),
    *(
        _Rule(word, (0,), rf"(?P<l>{_PASSWORD_LABEL})[\"']?[ \t]{{0,64}}(?:=>|:=|=)[ \t]{{0,64}}(?P<v>[^\s\"'`&;<>]{{1,1024}})")
        for word in ("passw", "pwd", "passphrase")
    ),
    # XML: <SecretKey>…</SecretKey>, <TmpSecretKey>, <ns:Password>
    *(
        _Rule(word, (0,), rf"(?P<l>{_KEY_LABEL}|{_PASSWORD_LABEL})>(?P<v>[^<\n]{{1,{MAX_VALUE}}})</")
        for word in ("secret", "token", "passw", "pwd")
    ),
    # command lines: --secretKey VALUE, --secretKey  VALUE, --secretKey "VALUE", --secretKey=VALUE;
    # argv logged as a Python list: ['--secretKey', 'VALUE']
    *(
        _Rule(word, (2,), rf"--{_FLAG}(?:[ \t]{{1,8}}|=)[\"']?(?P<v>[^\s\"']{{1,{MAX_VALUE}}})")
        for word in ("secret", "token", "passw")
    ),
    *(
        _Rule(word, (2, 3), rf"[\"']--?{_FLAG}[\"'],[ \t]{{0,8}}[\"'](?P<v>[^\"'\n]{{1,{MAX_VALUE}}})")
        for word in ("secret", "token", "passw")
    ),
    # tccli: configure set secretId AKID… secretKey …
    *(
        _Rule(word, (0,), rf"(?:secretKey|secretId|token)[ \t]{{1,8}}(?P<v>[A-Za-z0-9+/=]{{16,{MAX_VALUE}}})")
        for word in ("secret", "token")
    ),
    # Kubernetes env: - name: SOME_SECRET_KEY (newline) value: VALUE
    _Rule(
        "name:",
        (0,),
        r"name:[ \t]{0,8}[\"']?[A-Za-z0-9_.-]{0,64}(?i:secret|token|password|passwd)[A-Za-z0-9_.-]{0,64}"
        rf"[\"']?[ \t]{{0,8}}\n[ \t]{{0,64}}(?:- )?value:[ \t]{{0,8}}[\"']?(?P<v>[^\s\"']{{1,{MAX_VALUE}}})",
    ),
    # credentials inside URLs: scheme://user:password@host
    _Rule("://", (0,), r"://[^/\s:@]{1,256}:(?P<v>[^/\s@]{1,256})@"),
)


_KEYWORDS: tuple[str, ...] = tuple(dict.fromkeys(rule.keyword for rule in _RULES))


@lru_cache(maxsize=len(_KEYWORDS))
def _rules_of(word: str) -> tuple[tuple[tuple[int, ...], re.Pattern[str]], ...]:
    # compiled when the keyword is first found: a command line such as `lookup AuthFailure.X`, learned on
    # every start, contains none of them and must not pay for compiling all 26 patterns (about 4 ms here)
    return tuple((rule.offsets, re.compile(rule.source)) for rule in _RULES if rule.keyword == word)


def _plausible(value: str, label: str | None) -> bool:
    """Whether a labelled value can be a secret: passwords may be anything; keys and tokens are not words."""
    if label is None or re.fullmatch(_PASSWORD_LABEL, label):
        return True
    return len(value) >= 12 or (len(value) >= 6 and any(ch.isdigit() for ch in value))


_ASCII_UPPER = r"[A-Z]{1,4096}"


def _lower(text: str) -> str:
    """text in lower case, offsets unchanged (str.lower() lengthens a few non-ASCII letters)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return re.sub(_ASCII_UPPER, lambda m: m.group(0).lower(), text)


def _matches(text: str) -> Iterator[re.Match[str]]:
    """Every secret-shaped match in text: each keyword is found with str.find, its rules tried where it stands."""
    lowered = _lower(text)
    for word in _KEYWORDS:
        at = lowered.find(word)
        rules = _rules_of(word) if at != -1 else ()
        covered = 0  # the keyword again inside a value already found ("SecretKey=SecretKey=…") starts nothing new
        while at != -1:
            if at >= covered:
                for offsets, pattern in rules:
                    for offset in offsets:
                        match = pattern.match(text, at - offset) if at >= offset else None
                        if match is not None:
                            value = match.group("v")
                            first = value.split(None, 1)[0] if value.strip() else value
                            covered = max(covered, match.start("v") + len(first))
                            yield match
                            break
            at = lowered.find(word, max(at + 1, covered))


_JSON_ESCAPE = r"\\(?:u(?P<u>[0-9a-fA-F]{4})|(?P<c>[\"\\/bfnrt]))"
_JSON_CHARS = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_PERCENT = r"%[0-9A-Fa-f]{2}"


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
            from urllib.parse import unquote

            plain = unquote(form, errors="replace")
            if plain not in seen:
                seen.add(plain)
                yield plain
                if "\\" in plain:  # URL-encoded JSON with escapes inside
                    unescaped = _json_unescape(plain)
                    if unescaped not in seen:
                        seen.add(unescaped)
                        yield unescaped


def _decode_all(text: str) -> str:
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
    for url in (quote(value, safe=""), quote(value), quote_plus(value)):
        forms.add(url)
        forms.add(url.lower())
    for line in value.splitlines():
        if len(line.strip()) >= 3:
            forms.add(line.strip())
    forms.discard("")
    return forms


def _alternation(words: list[str]) -> str:
    """A regex matching any of words (sorted, distinct, non-empty), as a prefix tree: longest first, one pass."""
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


class Masker:
    """The secret values of one run, and the one place they are taken out of text (see the module docstring)."""

    def __init__(self) -> None:
        self.values: set[str] = set()
        self._forms: set[str] = set()
        self._regex: re.Pattern[str] | None = None
        self._dirty = False
        self._size = 0
        self._recent: list[str] = []

    @property
    def count(self) -> int:
        """How many distinct secret values were found."""
        return len(self.values)

    def _add(self, value: str) -> bool:
        value = value.strip().rstrip(";,.:")
        if len(value) < 3 or value.lower() in _NOT_VALUES or MASK in value or value in MASK or "REDACTED" in value:
            return False
        if set(value) <= {"*", "x", "X", "#", "."}:  # already masked or a placeholder
            return False
        if value in self.values or len(self.values) >= MAX_SECRETS or self._size + len(value) > MAX_LEARNED:
            return False
        self._size += len(value)
        self.values.add(value)
        self._forms |= encoded_forms(value)
        for sep in ";&,":  # "Pwd=abc;Database=x": the part before the separator is the password itself
            head = value.split(sep, 1)[0].strip()
            if head != value and len(head) >= 3 and head not in self.values:
                self.values.add(head)
                self._forms |= encoded_forms(head)
        self._dirty = True
        return True

    def learn(self, text: str) -> int:
        """Remember every secret in text and in its decoded forms; return how many new values were found."""
        if not text:
            return 0
        before = len(self.values)
        for form in (text, *decoded_forms(text)):
            for match in _matches(form):
                if not _plausible(match.group("v").strip(), match.groupdict().get("l")):
                    continue
                self._add(match.group("v"))
                if match.end() == len(form) or form[match.end()] in "\n\"'":
                    self._continuation(form, match)
        return len(self.values) - before

    def learn_lines(self, lines: list[str]) -> int:
        """learn() for input read in pieces: the lines are seen with the two before them, so that a shape
        spread over lines (a Kubernetes name/value pair, a Signature or key wrapped to the next line) is found;
        one pass over each piece, not one per line."""
        window = self._recent + [line[:CONTEXT_CHARS] for line in lines]
        self._recent = window[-2:]
        return self.learn("\n".join(window))

    def _continuation(self, text: str, match: re.Match[str]) -> None:
        """A key cut by a line break ("SecretKey=Gu5t9x" / "GARNpq86…"): the next line's lone token is its tail."""
        value = match.group("v")
        if len(value) >= 32 or "\n" in value:
            return
        nxt = re.match(r"\n[ \t]{0,64}(?P<t>[A-Za-z0-9+/=]{4,64})[\"']?[ \t]{0,8}(?:\n|$)", text[match.end() : match.end() + 200])
        if nxt:
            self._add(nxt.group("t"))
            self._add(value + nxt.group("t"))

    def _compiled(self) -> re.Pattern[str] | None:
        if self._dirty:
            long = sorted(f for f in self._forms if len(f) >= _SHORT)
            short = sorted((f for f in self._forms if len(f) < _SHORT), key=len, reverse=True)
            parts = []
            if long:
                parts.append(_alternation(long))
            if short:
                parts.append(r"(?<![A-Za-z0-9])(?:" + "|".join(re.escape(s) for s in short) + r")(?![A-Za-z0-9])")
            # longest first where a short form is a prefix of a long one: the trie is greedy within itself
            self._regex = re.compile("|".join(parts)) if parts else None
            self._dirty = False
        return self._regex

    def seal(self, text: str) -> str:
        """Replace every learned value (in any of its encodings) in text; nothing is decoded or learned."""
        regex = self._compiled()
        if regex is None or not text:
            return text
        return regex.sub(MASK, text)

    def mask(self, text: str) -> str:
        """text as it may be shown: learn from it, then mask learned values, also behind escapes and %XX."""
        if not text:
            return text
        self.learn(text)
        shown = self.seal(text)
        if ("\\" in shown or "%" in shown) and self.values:
            plain = _decode_all(shown)
            if plain != shown and self.seal(plain) != plain:
                return self.seal(plain)  # a secret hid behind an encoding: show the decoded text, masked
        return shown


def keylike(value: str) -> bool:
    """Whether a code-shaped word is more likely a key than an error code: 16+ characters, mixed case, 3+
    digits, no dot ("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", not "FailedOperation.Ipv6Invalid" or "InternalError").

    For text that never passed learn() (scan streams gigabytes without reading them through the masker)."""
    if len(value) < 16 or "." in value:
        return False
    digits = sum(ch.isdigit() for ch in value)
    return digits >= 3 and any(ch.islower() for ch in value) and any(ch.isupper() for ch in value)


def redact(text: str) -> tuple[str, int]:
    """Mask every secret in text; return the new text and how many distinct secrets were found."""
    masker = Masker()
    masker.learn(text)
    return masker.seal(text), masker.count


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


def mask_tail(value: str, keep: int = 4) -> str:
    """'AKIDabcdef1234' -> '**********1234': enough to recognise a key, not to use it."""
    if len(value) <= keep:
        return "*" * len(value)
    return "*" * (len(value) - keep) + value[-keep:]
