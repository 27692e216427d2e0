"""Labels laid out in other ways than "label = value", and the values a match implies besides its own.

Rules (keyword, offsets, pattern) for shapes.py's table: more labels of a key (accessKey, signingKey, hmac_key,
encryption_key, credential); a name/value pair ({"Key": "TENCENTCLOUD_SECRETKEY", "Value": "…"}, SCF's and tccli's
environment variables, and the YAML of the same); the value after a blank line ("Enter your SecretKey:", "", V); in
brackets (SecretKey (V), SecretKey[V]); with words between ("SecretKey for sub-account 1000 is V"); before its
parameter's name ("The value 'V' of parameter Password"); a header folded by curl -v ("> X-TC-Token:" / ">\tV"); a
token after "token " in prose (32+ characters with a digit); a SecretKey after its SecretId and a slash (AKID…/V).

`derived` gives what a match implies besides its value: the column of a CSV under a labelled header, the password
of an HTTP Basic credential (base64 of user:password, echoed decoded), and a password holding quotes, braces or
backslashes ('password=":"', 'password=a"b\\c') whole, which the rules cut at its first quote. A short value glued
to its flag (mysql's -pX0001) is learned with it too: alone, a value under 8 characters is masked only as a word.
`sentence` tells prose after a label ("Password: must contain 8-30 characters, …", the API's own rule) from a value.
"""

from __future__ import annotations

import base64
import binascii
import csv
import json
import re
from collections.abc import Iterator

MAX = 1 << 20
_SP = "[ \t\u00a0\u3000]"
_KEY = r"(?i:secret|token|api[_-]?key|private[_-]?key)[A-Za-z0-9_-]{0,32}"
_PASSWORD = r"(?i:password|passwd|passphrase|pwd)"
# labels of a key that shapes.py's do not name (a COS accessKey holding the SecretKey by mistake, an HMAC key …)
_MORE = (
    r"(?i:access[_-]?key(?:[_-]?(?:id|secret))?|signing[_-]?key|hmac[_-]?(?:key|secret)|encrypt(?:ion)?[_-]?key"
    r"|master[_-]?key|auth[_-]?key|credentials?)(?![A-Za-z0-9_-])"  # whole: a CredentialId or encryptionKeyId is an ID
)
# the keywords that find them, spelled out where the word alone fills logs (AuthFailure on every line, "access denied")
_MORE_WORDS = (
    *(f"{word}{sep}key" for word in ("access", "signing", "master", "auth") for sep in ("", "_", "-")),
    "hmac",
    "encrypt",
    "credential",
)
_LABEL = rf"{_KEY}|{_PASSWORD}|{_MORE}"
_WORDS_OF_LABELS = ("secret", "token", "api", "private", "passw", "pwd", "passphrase", *_MORE_WORDS)
_SEP = rf"[\"']?{_SP}{{0,64}}(?:=>|:=|[:=：＝]){_SP}{{0,64}}"
_QUOTED_OR_BARE = rf"(?P<q>[\"'`])?(?P<v>(?(q)[^\"'`\n]{{1,{MAX}}}|[^\s\"'`&,;<>\[\]{{}}()/]{{1,{MAX}}}))"
_PROSE_VALUE = r"(?=[!-~]{0,80}?[0-9!@#$%^&*_+=/-])[!-~]{6,256}?"
_PROSE_END = r"(?=[\"'`]?(?:[\s,;，。；、)）]|\.(?:\s|$)|$))"
_REQUEST_ID = (
    r"(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32})(?![A-Za-z0-9+/=_-])"
)
_SYMBOLIC = r"(?=[^\s]{0,80}?[0-9!@#$%^&*_+=/-]|[^\s]{16})"  # a lone word is a value if it holds a digit or a symbol

# The layouts after a label, each (name, what follows the label, the value): tried as one pattern per keyword (a
# label may be on every line of a log: one try there, not one per layout), the value's shape chosen by the layout
# that matched
_LAYOUTS: tuple[tuple[str, str, str], ...] = (
    # a name/value pair: {"Key": "TENCENTCLOUD_SECRETKEY", "Value": "V"}, {Name=DB_PASSWORD,Value=V}, and in YAML
    # "- Key: SECRET_KEY" / "  Value: V"
    (
        "pair",
        r"[\"']?[ \t]{0,8}(?:,|\r?\n[ \t]{0,64}(?:-[ \t]{1,4})?)[ \t]{0,8}[\"']?(?i:value)[\"']?[ \t]{0,8}[:=][ \t]{0,8}"
        r"(?P<q>[\"'])?",
        rf"(?(q)[^\"'\n]{{1,{MAX}}}|[^\s\"'`,;&}}\]]{{1,{MAX}}})",
    ),
    # the value after a blank line: "Enter your SecretKey:", "", "V" (a lone word with a digit or a symbol)
    (
        "blank",
        r"[\"']?[ \t]{0,8}[:=：＝][ \t]{0,8}\r?\n(?:[ \t]{0,8}\r?\n){1,2}[ \t]{0,64}",
        rf"{_SYMBOLIC}[^\s\"'`]{{4,{MAX}}}(?=[ \t\r]{{0,8}}(?:\n|$))",
    ),
    # a header folded by curl -v: "> X-TC-Token:" then ">\tV"
    ("fold", r"[ \t]{0,8}:[ \t]{0,8}\r?\n[<>][ \t]{1,8}", rf"[^\s\"'`]{{16,{MAX}}}"),
    # in brackets: SecretKey (V), SecretKey[V] — V with a digit or a symbol ("password (optional)" is no value)
    ("bracket", rf"{_SP}{{0,3}}[(\[]", rf"(?=[^\s)\]]{{0,80}}?[0-9!@#$%^&*_+=/-])[^\s()\[\]\"'`]{{8,{MAX}}}(?=[)\]])"),
    # words between the label and "is": "SecretKey for sub-account 100000000001 is V"
    (
        "between",
        rf"{_SP}{{1,3}}(?i:for|of|from|in|on|at|to|with|used)(?:{_SP}{{1,3}}[^\s]{{1,64}}+){{1,3}}?{_SP}{{1,3}}(?i:is|was)"
        rf"{_SP}{{1,3}}[\"'`]?",
        rf"{_PROSE_VALUE}{_PROSE_END}",
    ),
    # "token V" in prose: 32+ characters of a token with a digit ("invalid token FP81GbkeP-jx-e9q_EU41…")
    # (not a RequestId: a UUID or 32 hex digits)
    (
        "prose",
        rf"{_SP}{{1,3}}",
        rf"(?!{_REQUEST_ID})(?=[A-Za-z_=+/-]{{0,64}}[0-9])[A-Za-z0-9+/=_-]{{32,{MAX}}}+(?![^\s,;\"')\]])",
    ),
    # a CSV header naming the column (its rows are read by derived): name,secret_key,region
    ("csv", r"[\"']?(?=[ \t]{0,8}(?:[,\t;|]|\r?\n|$))", ""),
)


def _layouts() -> str:
    """The label, then one of the layouts, then the value of that layout (nested conditionals)."""
    value = ""
    for name, _, shape in reversed(_LAYOUTS):
        value = f"(?({name}){shape}|{value})"
    after = "|".join(f"(?P<{name}>{follows})" for name, follows, _ in _LAYOUTS)
    # the label taken whole, never backtracked into (one try per layout, not one per length of its tail)
    return rf"(?P<l>(?>(?i:secret key|api key)|{_LABEL}))(?:{after})(?P<v>{value})"


RULES: tuple[tuple[str, tuple[int, ...], str], ...] = (
    # accessKey: V, signingKey = "V", hmac_key: V …
    *((word, (0,), rf"(?P<l>{_MORE}){_SEP}{_QUOTED_OR_BARE}") for word in _MORE_WORDS),
    *((word, (0,), _layouts()) for word in _WORDS_OF_LABELS),
    # the value before its parameter's name: "The value 'V' of parameter Password is invalid"
    (
        "value",
        (0,),
        r"(?i:value)[ \t]{1,3}(?P<q>['\"`])(?P<v>[^'\"`\n]{1,1024})(?P=q)[ \t]{1,3}(?i:of|for)[ \t]{1,3}(?i:the[ \t]{1,3})?"
        r"(?i:parameter|param|field|argument)[ \t]{1,3}[\"'`]?[A-Za-z0-9_.]{0,32}?"
        rf"(?P<l>{_PASSWORD}|{_KEY})(?![a-z])",
    ),
    # a SecretKey after its SecretId and a slash: AKID…/V (the TC3 scope after it is a date, no 24-letter word)
    ("akid", (0,), r"(?<![A-Za-z0-9])AKID[A-Za-z0-9]{8,1024}/(?P<v>[A-Za-z0-9]{24,64})(?![A-Za-z0-9+/=])"),
)

_PASSWORD_ONLY = re.compile(_PASSWORD)
_BASE64 = re.compile(r"[A-Za-z0-9+/]{8,4096}={0,2}")
SHORT = 8  # a learned value shorter than this is masked only where it stands as a word (masker.py)
MAX_ROWS = 4096
# a column of secrets is named by its last word: secret_key, TENCENTCLOUD_SECRET_KEY, token, password, api_key, SecretId
_SECRET_COLUMN = re.compile(
    r"(?i)[A-Za-z0-9_. -]{0,48}?(?:key|secret|token|password|passwd|pwd|passphrase|credentials?|secret[_ .-]?id)"
)  # of a CSV, read under its header
_ODD = frozenset("\"'`\\{}")
_NON_SPACE = re.compile(r"[^\s]{0,256}")


def implies(text: str, match: re.Match[str], value: str) -> bool:
    """Whether a match may imply more than its value (the cheap test, for every labelled value of a log): not when
    the value has 8 characters or more after "=", ":" or a quote, and ends cleanly."""
    end = match.end("v")
    return len(value) < SHORT or text[match.start("v") - 1] in " \t" or text[end : end + 1] in _ODD


def derived(text: str, match: re.Match[str], label: str | None) -> list[str]:
    """What a match implies besides its value (see the module docstring)."""
    value, at = match.group("v"), match.start("v")
    if not value:
        return list(_column(text, match)) if "csv" in match.re.groupindex and match.group("csv") is not None else []
    end = match.end("v")
    before = text[at - 1] if at > 0 else ""
    found: list[str] = []
    if before in " \t" and text[max(0, at - 8) : at].lower().rstrip().endswith("basic") and _BASE64.fullmatch(value):
        found += _basic(value)
    if len(value) < SHORT and before.isalnum():
        found.append(text[max(0, at - 2) : end])  # "-pX0001": a short value is masked as a word only; here with its flag
    if (len(value) < 3 or text[end : end + 1] in _ODD) and label is not None and _PASSWORD_ONLY.fullmatch(label):
        found += _whole(text, match)
    return found


def _basic(value: str) -> Iterator[str]:
    """The parts of an HTTP Basic credential, base64 of "user:password": the password, and user:password."""
    try:
        plain = base64.b64decode(value + "=" * (-len(value) % 4), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return
    _user, colon, password = plain.partition(":")
    if colon and password and plain.isprintable():
        yield password
        yield plain


def _whole(text: str, match: re.Match[str]) -> Iterator[str]:
    """A password that the rules cut short, at a quote or a backslash: its whole word, or the JSON string it opens."""
    value, quote = match.group("v"), match.groupdict().get("q")
    after = match.end("v") + (1 if quote and text.startswith(quote, match.end("v")) else 0)
    if len(value.strip()) >= 3 and text[after : after + 1] not in _ODD:
        return  # whole: a space, the end or punctuation follows it (the cheap test first: every password passes here)
    start = match.start("q") if quote else match.start("v")
    word = _NON_SPACE.match(text, start).group()  # type: ignore[union-attr]
    rest = text[after : start + len(word)]
    if len(value.strip()) >= 3 and not any(ch.isalnum() for ch in rest):
        return  # only its closing quote and punctuation follow
    if word.startswith('"'):
        try:
            decoded, _ = json.decoder.scanstring(text, start + 1)  # type: ignore[attr-defined]
        except ValueError:
            decoded = ""
        if isinstance(decoded, str) and len(decoded) >= 3 and "\n" not in decoded:
            yield decoded  # the string's value; its escaped form is not what is shown
            return
    if any(ch in _ODD for ch in word):
        yield word


def _column(text: str, match: re.Match[str]) -> Iterator[str]:
    """The values under a labelled column of a CSV (or TSV, or '|' table): the header's field is the label alone,
    and each row has as many fields as the header."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    line_end = len(text) if line_end == -1 else line_end
    header = text[line_start:line_end].rstrip("\r")
    delimiter = next((d for d in ",\t;|" if d in header), None)
    if delimiter is None or len(header) > 4096:
        return
    fields = [f.strip().strip("\"'").strip() for f in header.split(delimiter)]
    label = match.group("l")
    at = header[: match.start() - line_start].count(delimiter)
    if at >= len(fields) or not fields[at].endswith(label) or not _SECRET_COLUMN.fullmatch(fields[at]):
        return  # "token_count", "prompt_tokens": numbers, not secrets
    rows = text[line_end + 1 : line_end + 1 + MAX_ROWS * 256].split("\n", MAX_ROWS)[:MAX_ROWS]
    for row in csv.reader((r.rstrip("\r") for r in rows), delimiter=delimiter):
        if len(row) != len(fields):
            break
        value = row[at].strip()
        if value:
            yield value


# prose after a label: the API's rule for a password ("must contain 8-30 characters, including …") is no value
_FUNCTION_WORDS = frozenset(
    (  # noqa: SIM905 (a paragraph of words reads better than one a line)
        "must should shall contain contains containing include includes including consist consists characters character "
        "letters letter digits digit symbols symbol numbers number between least most and or the a an of be is are can "
        "cannot not no only with without length long required than more less to in for your you please enter use which "
        "that this it its at from"
    ).split()
)
_WORD = re.compile(r"[A-Za-z]+|\d+(?:-\d+)?")


def sentence(value: str) -> bool:
    """Whether a labelled value reads as a sentence of ordinary words (3 or more, 2 of them words such as "must",
    "contain", "characters", "and"), up to its first comma, semicolon or full stop: then it is no value."""
    head = re.split(r"[,;]|\.(?:\s|$)", value, maxsplit=1)[0]
    words = head.split()
    if len(words) < 3 or not all(_WORD.fullmatch(w) for w in words):
        return False
    return sum(w.lower() in _FUNCTION_WORDS for w in words) >= 2
