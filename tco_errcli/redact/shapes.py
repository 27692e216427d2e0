"""The shapes of a secret in text: each announced by a keyword (found with str.find), its pattern tried only there.

Group "v" of a match is the secret, group "l" (where present) its label. tests/secret_shapes.py has one example
of each, tested in every output mode.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

from .commands import RULES as COMMAND_RULES
from .formats import RULES as FORMAT_RULES
from .formats import random_enough
from .layouts import RULES as LAYOUT_RULES
from .literals import Literals
from .vocab import ANCHOR, BEFORE_SEP, KEY_LABEL, MAX_VALUE, PASSWORD_LABEL, SEP, SP, VALUE_STOPS, ZH_LABELS, ZH_PASSWORD, Rule

_KEY_LABEL, _PASSWORD_LABEL, _SP, _SEP, _ZH_PASSWORD, _ZH_LABELS = KEY_LABEL, PASSWORD_LABEL, SP, SEP, ZH_PASSWORD, ZH_LABELS
# a value in prose ("password is X", "密码是X"): printable ASCII holding a digit or a symbol, so that
# "the password is incorrect" or "密钥是否过期" learn nothing
_PROSE_VALUE = r"(?=[!-~]{0,80}?[0-9!@#$%^&*_+=/-])[!-~]{6,256}?"
# what points at the line above: "^^^ that is my ", "↑ this was the "
_POINTER = (
    r"[ \t]{0,8}(?:\^{1,8}|↑{1,3}|<-{1,3})?[ \t]{0,3}(?i:that|this|it)[ \t]{1,3}(?i:is|was)[ \t]{1,3}"
    r"(?i:my|the|our|your)[ \t]{1,3}"
)
_PROSE_END = r"(?=[\"'`]?(?:[\s,;，。；、)）]|\.(?:\s|$)|$))"
_FLAG = r"(?i:secret-?key|secret-?id|token|password|passwd)"
NOT_VALUES = frozenset({"null", "none", "nil", "true", "false", "undefined", "empty", "required", "string"})


_Rule = Rule


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
            rf"(?P<l>{_KEY_LABEL}|{_PASSWORD_LABEL}){_SEP}(?:[ubrUBR]|\[\]byte\()?(?P<q>[\"'`])"
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
        _Rule(word, (0,), rf"(?P<l>{_KEY_LABEL}){_SEP}(?P<v>[^\s\"'`&,;<>\[\]{{}}(){VALUE_STOPS}]{{1,{MAX_VALUE}}})")
        for word in ("secret", "token", "api", "private")
    ),
    # password label: unquoted value; after "password:" to the end of the line, since passwords hold spaces;
    # after "password=" (query strings, connection strings "Pwd=x;Database=y") to a space, '&' or ';'
    *(
        _Rule(
            word,
            (0,),
            rf"(?P<l>{_PASSWORD_LABEL}){BEFORE_SEP}[:：]{_SP}{{0,64}}{ANCHOR}"
            rf"(?P<v>[^\s\"'`&<>\[\]{{}}(){VALUE_STOPS}][^\n\"'`&{VALUE_STOPS}]{{0,255}})",
        )
        for word in ("passw", "pwd", "passphrase")
    ),
    *(
        _Rule(
            word,
            (0,),
            rf"(?P<l>{_PASSWORD_LABEL}){BEFORE_SEP}(?:=>|:=|[=＝]){_SP}{{0,64}}{ANCHOR}(?P<v>[^\s\"'`&;<>{VALUE_STOPS}]{{1,1024}})",
        )
        for word in ("passw", "pwd", "passphrase")
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
    # tccli's configure set secretId AKID… secretKey …: formats.py, with the other values after a space
    # Kubernetes env: - name: SOME_SECRET_KEY (newline) value: VALUE
    _Rule(
        "name:",
        (0,),
        r"name:[ \t]{0,8}[\"']?[A-Za-z0-9_.-]{0,64}(?i:secret|token|password|passwd)[A-Za-z0-9_.-]{0,64}"
        rf"[\"']?[ \t]{{0,8}}\n[ \t]{{0,64}}(?:- )?value:[ \t]{{0,8}}[\"']?(?P<v>[^\s\"']{{1,{MAX_VALUE}}})",
    ),
    # Chinese labels: 密码：x, 密钥＝x, 令牌 = "x", 秘钥为x, {"密码": "x"}, 秘钥 x (after a space only, a random value:
    # formats.py); the value printable ASCII: Chinese prose after 是 is no value
    *(
        _Rule(
            word,
            (0,),
            rf"(?P<l>{word})(?:ID|Id|id)?[\"'）)]?(?:{_SP}{{0,8}}(?:[:：=＝]|是|为){_SP}{{0,8}}[\"'`“「]?|{_SP}{{1,8}}(?P<weak>))"
            rf"(?P<v>[!-~]{{4,{MAX_VALUE}}}?)(?=[\"'`”」]|[^!-~]|$)",
        )
        for word in _ZH_LABELS
    ),
    # … and its value alone on a line below, after up to two blank lines: "密钥：", "", "V"
    *(
        _Rule(
            word,
            (0,),
            rf"(?P<l>{word})(?:ID|Id|id)?{_SP}{{0,8}}[:：=＝]{_SP}{{0,8}}\r?\n(?:[ \t]{{0,8}}\r?\n){{0,2}}[ \t]{{0,64}}"
            rf"(?P<v>[!-~]{{4,{MAX_VALUE}}}?)(?=[ \t\r]{{0,8}}(?:\n|$))",
        )
        for word in _ZH_LABELS
    ),
    # the value after its label in prose: "my password is X", "the secret key was X"
    *(
        _Rule(
            word,
            (0,),
            rf"(?P<l>{_KEY_LABEL}|{_PASSWORD_LABEL}|(?i:secret key|api key)){_SP}{{1,3}}(?i:is|was){_SP}{{1,3}}"
            rf"[\"'`]?(?P<v>{_PROSE_VALUE}){_PROSE_END}",
        )
        for word in ("secret", "token", "api", "passw", "pwd", "passphrase")
    ),
    # the value before its label: "hunter2-staple is my password", "q8Rtq1zLm0 是我的密钥"
    *(
        _Rule(
            word,
            (),
            rf"(?<![!-~])[\"'`]?(?P<v>{_PROSE_VALUE})[\"'`]?{_SP}{{1,3}}(?i:is|was){_SP}{{1,3}}(?i:my|the|our|your){_SP}{{1,3}}"
            rf"(?P<l>(?i:secret key|api key|secret|token|password|passwd|passphrase))\b",
            rf"[\"'`]?{_SP}{{1,3}}(?i:is|was){_SP}{{1,3}}(?i:my|the|our|your){_SP}{{1,3}}(?i:secret |api )?\Z",
        )
        for word in ("secret", "token", "api", "passw")
    ),
    # … or on the line above it: "Gu5t9x…" / "^^^ that is my SecretKey"
    *(
        _Rule(
            word,
            (),
            rf"(?<![!-~])[\"'`]?(?P<v>{_PROSE_VALUE})[\"'`]?[ \t]{{0,8}}\r?\n{_POINTER}"
            rf"(?P<l>(?i:secret ?key|api ?key|secret|token|password|passwd|passphrase))\b",
            rf"[\"'`]?[ \t]{{0,8}}\r?\n{_POINTER}(?i:secret ?|api ?)?\Z",
        )
        for word in ("secret", "token", "api", "passw")
    ),
    *(
        _Rule(
            word,
            (),
            rf"(?<![!-~])(?P<v>{_PROSE_VALUE}){_SP}{{0,3}}(?:是|为)(?:我的|我们的|你的)?(?P<l>{word})",
            rf"{_SP}{{0,3}}(?:是|为)(?:我的|我们的|你的)?\Z",
        )
        for word in _ZH_LABELS
    ),
    # a key pair's short names, a word of their own: ak=AKID…, sk=… (the secret key), SK：…
    _Rule(
        "sk",
        (0,),
        rf"(?<![A-Za-z0-9_.-])(?P<l>(?i:sk))[\"']?{_SP}{{0,8}}[:=：＝]{_SP}{{0,8}}[\"']?(?P<v>[A-Za-z0-9+/=_-]{{16,{MAX_VALUE}}})",
    ),
    # credentials inside URLs: scheme://user:password@host
    _Rule("://", (0,), r"://[^/\s:@]{1,256}:(?P<v>[^/\s@]{1,256})@"),
    # command lines, connection strings, cookies, signed URLs (commands.py); other layouts of a label (layouts.py)
    *(_Rule(*rule) for rule in (*COMMAND_RULES, *LAYOUT_RULES)),
    *FORMAT_RULES,
)


_KEYWORDS: tuple[str, ...] = tuple(dict.fromkeys(rule.keyword for rule in _RULES))


@lru_cache(maxsize=len(_KEYWORDS))
def _rules_of(word: str) -> tuple[tuple[tuple[int, ...], re.Pattern[str], re.Pattern[str] | None, bool], ...]:
    # compiled when the keyword is first found: a command line such as `lookup AuthFailure.X`, learned on
    # every start, contains none of them and must not pay for compiling all 26 patterns (about 4 ms here);
    # the last item: the rule needs a separator after its label (_SEP), looked for once per occurrence
    return tuple(
        (
            rule.offsets,
            re.compile(rule.source),
            re.compile(rule.gap) if rule.gap else None,
            _separated(rule.source) if rule.separated is None else rule.separated,
        )
        for rule in _RULES
        if rule.keyword == word
    )


_SEPARATOR = re.compile("[:=：＝>]")  # > of ->
_SEPARATOR_REACH = 160  # a label's tail (32), its aligning spaces (64) and a prompt's [****] fit in this


def _separated(source: str) -> bool:
    """Whether a rule matches only where a separator follows its label on the label's line (label = value)."""
    return _SEP in source or "[:：]" in source or "[=＝]" in source or "=>" in source


_QUOTES = "\"'`"
_GAP_ENDS = ("my", "the", "our", "your", "secret", "api", "是", "为", "的")  # how every gap ends (rstripped)


def _word_before(text: str, gap: re.Pattern[str], at: int) -> int:
    """Where the printable word before a gap that ends at `at` starts (with its opening quote), or -1."""
    if not text[max(0, at - 8) : at].rstrip(" \t\u00a0\u3000").lower().endswith(_GAP_ENDS):
        return -1  # the cheap test first: "refresh token" is no "… is my token"
    found = gap.search(text, max(0, at - 40), at)
    if found is None:
        return -1
    end = found.start()
    start = end
    while start > 0 and end - start < 256 and "!" <= text[start - 1] <= "~" and text[start - 1] not in _QUOTES:
        start -= 1
    return start - 1 if start > 0 and text[start - 1] in _QUOTES else start


_PASSWORD_ONLY = re.compile(_PASSWORD_LABEL)  # compiled once: plausible runs for every labelled value of a log


def accepted(match: re.Match[str]) -> bool:
    """Whether a match's value is taken: plausible for its label, and random enough where its rule is weak."""
    value = match.group("v").strip()
    if match.groupdict().get("weak") is not None and not random_enough(value):
        return False
    return plausible(value, match.groupdict().get("l"))


def plausible(value: str, label: str | None) -> bool:
    """Whether a labelled value can be a secret: passwords may be anything; keys and tokens are not words."""
    if label is None or label in _ZH_PASSWORD or _PASSWORD_ONLY.fullmatch(label):
        return True
    return len(value) >= 12 or (len(value) >= 6 and any(ch.isdigit() for ch in value))


# A keyword whose every label goes on: "api" is only ever api[_-]?key, and "/api/v1/…" fills web logs.
_NARROWED = {
    "api": ("api_key", "api-key", "apikey", "api key"),
    # only where a word starts, after one of these (or at the start of the text): "task=", "disk=" fill some logs
    "sk": tuple(f"{before}sk" for before in " ,;\"'\n\t&?{(（"),
}
_WORD_START = frozenset({"sk"})  # the narrowed keywords whose spellings are a character before the keyword


@lru_cache(maxsize=1)
def _literals() -> tuple[Literals, tuple[str, ...]]:
    """The words looked for (a narrowed keyword's spellings instead of it) and the keyword each stands for."""
    words = [(spelling, word) for word in _KEYWORDS for spelling in _NARROWED.get(word, (word,))]
    return Literals([spelling for spelling, _ in words], fold=True, shared=True), tuple(word for _, word in words)


def _keyword_positions(text: str) -> dict[str, list[int]]:
    """Where each keyword starts in text lowered, in order (all found in one pass where the fast extra is
    installed, that pass shared with explain's prefilter: redact/literals.py)."""
    literals, keywords = _literals()
    every = literals.positions(text)
    places: dict[str, list[int]] = {}
    for word, found in zip(keywords, every, strict=True):
        if word in _WORD_START:  # found: the character before the keyword
            found = [at + 1 for at in found]
        if found:
            places[word] = sorted({*places[word], *found}) if word in places else found
    for word in _WORD_START:
        if text[: len(word)].lower() == word:
            places[word] = [0, *places.get(word, ())]
    return places


def matches(text: str) -> Iterator[re.Match[str]]:
    """Every secret-shaped match in text: each keyword is found (redact/literals.py), its rules tried where it stands."""
    places = _keyword_positions(text)
    for word in _KEYWORDS:
        at_word = places.get(word)
        if not at_word:
            continue
        rules = _rules_of(word)
        covered = 0  # the keyword again inside a value already found ("SecretKey=SecretKey=…") starts nothing new
        index = 0
        while index < len(at_word):
            at = at_word[index]
            if at >= covered:
                separated: bool | None = None  # whether a separator follows this occurrence (asked once)
                for offsets, pattern, gap, needs_separator in rules:
                    if needs_separator:
                        if separated is None:  # on the label's own line
                            line_end = text.find("\n", at, at + _SEPARATOR_REACH)
                            reach = line_end if line_end != -1 else at + _SEPARATOR_REACH
                            separated = _SEPARATOR.search(text, at, reach) is not None
                        if not separated:  # "refresh token ok": no rule of "label = value" can match here
                            continue
                    starts = offsets if gap is None else ((at - start,) if (start := _word_before(text, gap, at)) >= 0 else ())
                    for offset in starts:
                        match = pattern.match(text, at - offset) if at >= offset else None
                        if match is not None:
                            value = match.group("v")
                            first = value.split(None, 1)[0] if value.strip() else value
                            covered = max(covered, match.start("v") + len(first))
                            yield match
                            break
            index = bisect_left(at_word, max(at + 1, covered), index + 1)
