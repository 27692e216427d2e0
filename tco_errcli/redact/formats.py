"""Secrets in the syntax of a file format or a language's dump, and values after a label with only a space.

Rules as in shapes.py (vocab.py): a keyword, an anchored bounded pattern, group "v" the value, "l" the label.
A match with a group "weak" (empty, where it took part) says little by itself (`token` then a space, a JSON pair
["password", "x"]): its value is taken only when it looks random (random_enough), so "refresh token ok", "password incorrect",
["password", "username"] and "token ins-5d8a23rs" learn nothing.
"""

from __future__ import annotations

import re

from .shaped import CHUNKS, UUID, keylike
from .vocab import KEY_LABEL, MAX_VALUE, PASSWORD_LABEL, SEP, SP, VALUE_STOPS, Rule

_LABEL = rf"(?P<l>{KEY_LABEL}|{PASSWORD_LABEL})"
_WORDS = ("secret", "token", "passw", "pwd")
RULES: tuple[Rule, ...] = (
    # the value alone on the next line: "SecretKey:" / "    VALUE", a YAML block scalar (key: |), an HCL heredoc
    # (key = <<EOT, <<-EOT), a TOML multi-line string (key = """), a YAML list's first item (secret_keys: / - V;
    # the others: masker._items); the next line one token, so a log line is no value
    *(
        Rule(
            word,
            (0,),
            rf"{_LABEL}{SEP}(?:[|>][+-]?[0-9]?|<<[-~]?[\"']?[A-Z_]{{1,20}}[\"']?|\"\"\"|''')?"
            rf"{SP}{{0,8}}\r?\n{SP}{{0,64}}(?:-{SP}{{1,4}}[\"']?)?(?P<v>[^\s\"'`]{{4,{MAX_VALUE}}})[\"']?[ \t\r]{{0,8}}(?=\n|$)",
        )
        for word in ("secret", "token", "api", "private", "passw", "pwd", "passphrase")
    ),
    # Terraform: variable "secret_key" { default = "…" } or default = <<-EOT (newline) … (newline) EOT
    *(
        Rule(
            "variable",
            (0,),
            r"variable[ \t]{1,8}\"?[A-Za-z0-9_-]{0,32}(?i:secret|token|password|passwd)[A-Za-z0-9_-]{0,32}\"?[ \t]{0,8}\{"
            rf"[^{{}}]{{0,512}}?\bdefault[ \t]{{0,8}}=[ \t]{{0,8}}{value}",
            separated=False,
        )
        for value in (
            rf"\"(?P<v>[^\"\n]{{1,{MAX_VALUE}}})\"",
            rf"<<[-~]?[A-Z_]{{1,20}}[ \t]{{0,8}}\r?\n[ \t]{{0,64}}(?P<v>[^\s\"]{{1,{MAX_VALUE}}})",
        )
    ),
    # language dumps: PHP var_dump ["secret_key"]=> string(19) "…", serialize s:9:"secretKey";s:32:"…"; Erlang
    # <<"secret_key">> => <<"…">> and {password, <<"…">>}; Rust {:?} and {:#?} secret_key: Some("…") (the quote on
    # the next line); PHP print_r [secret_key] => … (one pattern per value's end: each is tried where the label is)
    *(
        Rule(word, (0,), source)
        for word in _WORDS
        for source in (
            rf"{_LABEL}(?:[\"']?\]=>\s{{0,8}}string\(\d{{1,9}}\)\s{{0,4}}|\";s:\d{{1,9}}:|(?:[\"']>>)?{SP}{{0,8}}(?:=>|,|:=)"
            rf"{SP}{{0,8}}<<|:{SP}{{0,8}}(?:Some|Ok)\(\s{{0,64}})\"(?P<v>[^\"\n]{{1,{MAX_VALUE}}})\"",
            rf"{_LABEL}\]{SP}{{0,8}}=>{SP}{{0,8}}(?P<v>[^\s]{{1,{MAX_VALUE}}})",
        )
    ),
    # XML: <SecretKey>…</SecretKey>, <TmpSecretKey>, <ns:Password>, CDATA; the label an attribute: Java's
    # <entry key="db.password">…</entry>, <add key="Password" value="…"/>, <property name="secret_key" value="…"/>
    *(
        Rule(word, (0,), source)
        for word in _WORDS
        for source in (
            rf"{_LABEL}(?:[A-Za-z0-9_.-]{{0,32}}\"{SP}{{0,8}})?>(?P<v>[^<\n]{{1,{MAX_VALUE}}})</",
            rf"{_LABEL}>\s{{0,8}}<!\[CDATA\[(?P<v>[^\]]{{1,{MAX_VALUE}}})\]\]>",
            rf"{_LABEL}[A-Za-z0-9_.-]{{0,32}}\"{SP}{{1,8}}value=\"(?P<v>[^\"\n]{{1,{MAX_VALUE}}})\"",
        )
    ),
    # a value after a space only: tccli's configure set secretId AKID… secretKey … (16+ characters of a key); weak
    # (random values only) a JSON array pair or a tuple, ["SecretKey", "…"], ("password", "…"), and a config key then
    # its value: Dockerfile ENV SECRET_KEY …, nginx-style secret_key …;, .netrc "… password …", SecretKey<TAB>…
    # (秘钥 …: shapes.py); one pattern, so that "token" on every line costs one try
    *(
        Rule(
            word,
            (0,),
            rf"(?:(?:secretKey|secretId|token)[ \t]{{1,8}}(?=[A-Za-z0-9+/=]{{16}})"
            rf"|{_LABEL}(?:[\"']{SP}{{0,8}},{SP}{{0,8}}[\"']|{SP}{{1,8}})(?![A-Za-z_][A-Za-z0-9_.-]{{0,40}}[=:])(?P<weak>))"
            rf"(?P<v>[^\s\"'`&,;<>\[\]{{}}(){VALUE_STOPS}]{{8,{MAX_VALUE}}})",
            separated=False,
        )
        for word in ("secret", "token", "passw", "pwd")
    ),
)

_NOT_RANDOM = re.compile(
    r"[a-z]{2,10}-[a-z0-9]{6,16}"  # a resource ID: ins-5d8a23rs, lb-0kfi3a6x
    r"|[0-9a-fA-F]{16,}"  # hex: a RequestId without dashes, a digest
    r"|[A-Z][A-Za-z0-9]{1,80}(?:\.[A-Za-z0-9_]{1,120}){1,3}"  # an error code
    r"|[0-9:.,/TZ+-]+"  # a date, a time, a number
    r"|[a-z]+://\S*|/\S*"  # a URL, a path
)


def random_enough(value: str) -> bool:
    """Whether a value a weak rule found looks like a secret: a key's random letters and digits, or a password's
    symbols; not a word, a name in CamelCase, a code, a resource ID, a UUID, hex, a date or a path."""
    if len(value) < 8 or sum(ch.isalpha() for ch in value) < 3 or _NOT_RANDOM.fullmatch(value) or UUID.search(value):
        return False
    if keylike(value) or any(ch in "!@#$%^&*+=~?|" for ch in value):
        return True
    if len(value) >= 16 and value.isalnum() and not value.islower() and not value.isupper():
        return len(value) / len(CHUNKS.findall(value)) < 3.25  # runs of random case; a name's words are longer
    return len(re.findall(r"\d+", value)) >= 2 and any(ch.isupper() for ch in value) and any(ch.islower() for ch in value)
