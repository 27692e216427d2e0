"""What the rules of shapes.py and formats.py are written in: a label, the separator after it, a rule.

A rule is a keyword (lowercase, found with str.find or the automaton of literals.py) and an anchored pattern tried
where it stands; group "v" of a match is the secret, group "l" (where present) its label.
"""

from __future__ import annotations

from typing import NamedTuple

MAX_VALUE = 1 << 20  # a token or key longer than this is cut there: its head is masked, and nothing shorter leaks

# Labels whose value is a secret, matched case-insensitively wherever they start, so that prefixed names
# (TF_VAR_secret_key, QCLOUD_SECRET_KEY, TmpSecretKey, client_secret) are found where \b would fail; "secret key"
# and "secret access key" written as words too
KEY_LABEL = r"(?i:secret(?:[ ](?:access[ ])?(?:key|id)s?(?![A-Za-z]))?|token|api[_-]?key|private[_-]?key)[A-Za-z0-9_-]{0,32}"
PASSWORD_LABEL = r"(?i:password|passwd|passphrase|pwd)"
SP = "[ \t\u00a0\u3000\0]"  # a space between a label and its value: also NBSP, the ideographic space, a NUL
# a YAML anchor or core tag before a value: secret_key: &sk VALUE, password: !!str VALUE
ANCHOR = rf"(?:(?:&[A-Za-z0-9_-]{{1,32}}|!![a-z]{{1,16}}){SP}{{1,8}})?"
# the label's closing quote and subscript (cfg["password"] = …, Lua ["SecretKey"] = …), aligned spaces, a
# prompt's [****] or a note in brackets (password(hex)=, SecretKey（密钥）＝), PHP =>, full-width ：＝; a YAML anchor
BEFORE_SEP = rf"[\"']?\]?{SP}{{0,64}}(?:[\[(（][^\])）\n]{{0,64}}[\])）]{SP}{{0,8}})?"
SEP = rf"{BEFORE_SEP}(?:=>|:=|->|[:=：＝]){SP}{{0,64}}{ANCHOR}"
# Chinese labels: 密码 and 口令 are passwords; 密钥, 秘钥, 私钥, 令牌 keys and tokens
ZH_PASSWORD = ("密码", "口令")
ZH_LABELS = ("密钥", "秘钥", "私钥", "令牌", *ZH_PASSWORD)
# what ends an unquoted value besides space, quotes and ASCII punctuation: full-width punctuation of Chinese text
# (SecretKey＝V，请检查), a NUL (records of `env -0` read through a JSON escape)
VALUE_STOPS = "，。；、（）「」【】\\x00"


class Rule(NamedTuple):
    """A secret shape: the keyword that announces it, where the pattern starts relative to it, the pattern."""

    keyword: str  # lowercase literal found with str.find
    offsets: tuple[int, ...]  # the pattern is tried at the keyword's position minus each offset
    source: str
    # a value before its label: what stands between them, ending at the keyword; the pattern is tried once,
    # at the start of the printable word before that (not at every offset: "token" may be on every line)
    gap: str = ""
    # whether the pattern matches only where one of : = ： ＝ > follows the keyword on its line (then it is not
    # tried where none does: "refresh token ok"); None: judged from the pattern (shapes._separated)
    separated: bool | None = None
