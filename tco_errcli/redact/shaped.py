"""Credentials known by their shape, with no label before them: what the masker takes out of a field it prints
even when nothing in the input said "secret" (a loose log line's tail, a message quoting a token).

The shapes: a SecretId (AKID…), a JWT, a private-key block, URL userinfo, long hex (a signature: 48+ digits; not
an MD5, a SHA-1 or a git commit), long base64 (40+ characters with its padding or its + and /), and a
SecretKey-shaped token (keylike: 20+ letters and digits, mixed case, digits in two places at least). Never
masked: UUIDs (RequestIds), COS RequestIds (base64 of hex words joined by "_"), error codes and API names
(dotted, or digits in one run only: X509…, GB28181), resource IDs (ins-5d8a23rs: short), paths (split at "/"
unless the token is base64). tests/test_shaped.py holds both sides, over every code, action and parameter name of
the reference (none is masked).
"""

from __future__ import annotations

import base64
import binascii
import re

TOKEN = re.compile(r"(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/=_-]{20,}(?![A-Za-z0-9+/=_-])")
PEM = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(?:-----END [A-Z ]*PRIVATE KEY-----|\Z)", re.S)
USERINFO = re.compile(r"(?<=://)([^/\s:@]{1,256}):([^/\s@]{1,256})(?=@)")
JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{0,}")
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
HEX = re.compile(r"[0-9a-fA-F]{48,}")  # a SHA-256 signature; not an MD5, SHA-1 or git commit
COS_ID = re.compile(rb"[0-9a-f]{4,16}(?:_[0-9a-f]{2,16}){2,5}")  # what a COS RequestId decodes to
DIGIT_RUNS = re.compile(r"\d+")
LONG = 24  # from this length a token of random-looking case is a key even with few digits
CHUNKS = re.compile(r"[A-Z][a-z]+|[a-z]+|[A-Z]+(?![a-z])|\d+")
RANDOM_LETTERS_RUN = 3.0  # the same for a word of letters only: 84.7 % of random 32-letter keys, no name
RANDOM_RUN = 2.2  # average characters per chunk at most: random (see keylike)


def keylike(value: str) -> bool:
    """Whether a word is shaped like a SecretKey rather than a code or a name: 16+ characters, mixed case, 3+
    digits in two places at least (or, from 24, characters in runs as short as random ones are), no dot
    ("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"; not "FailedOperation.Ipv6Invalid", "X509CertificateNotFound" or
    "InvalidGB28181Config")."""
    if len(value) < 16 or "." in value:
        return False
    digits = sum(ch.isdigit() for ch in value)
    upper = any(ch.isupper() for ch in value)
    lower = any(ch.islower() for ch in value)
    # random characters: short runs of one kind (a key averages under two characters a run); a name in CamelCase
    # is words (OriginL4RecordIPV4MixDomain: Origin, L, 4, Record, IPV, 4, Mix, Domain)
    if len(value) >= LONG and value.isalnum() and upper and lower and digits:
        return len(value) / len(CHUNKS.findall(value)) <= RANDOM_RUN or _digits_apart(value, digits)
    if len(value) >= LONG and value.isascii() and value.isalpha() and upper and lower:
        # letters only (one random key in 250): runs of random case average 2.7, a name's words 3.25 and more
        # (CreateDDoSBlackWhiteIpList is the shortest-run name of 7,727 in the reference)
        return len(value) / len(CHUNKS.findall(value)) <= RANDOM_LETTERS_RUN
    return _digits_apart(value, digits) and lower and upper


def _digits_apart(value: str, digits: int) -> bool:
    return digits >= 3 and len(DIGIT_RUNS.findall(value)) >= 2


def _is_cos_id(token: str) -> bool:
    try:
        decoded = base64.b64decode(token, validate=True)
    except (binascii.Error, ValueError):
        return False
    return COS_ID.fullmatch(decoded) is not None


def credential(token: str) -> bool:
    """Whether one token (letters, digits, + / = _ -) is shaped like a credential."""
    if len(token) < 20 or (UUID.search(token) and len(UUID.sub("", token)) < 8):
        return False
    if token.startswith("AKID") and len(token) >= 20:
        return True
    if JWT.fullmatch(token):
        return True
    if HEX.fullmatch(token):
        return True
    base64ish = token.endswith("=") or "+" in token
    if "/" in token and not base64ish:  # a path: its parts are words of their own
        return False
    if len(token) % 4 == 0 and _is_cos_id(token):
        return False
    if len(token) >= 40 and (base64ish or "/" in token):
        return any(ch.isdigit() for ch in token) and any(ch.isupper() for ch in token) and any(ch.islower() for ch in token)
    word = token.rstrip("=")
    return "_" not in word and "-" not in word and keylike(word)


def found(text: str) -> list[str]:
    """Every credential-shaped value in text, as it is written there (a PEM block whole, userinfo's password)."""
    values = [m.group() for m in PEM.finditer(text)]
    values += [m.group(2) for m in USERINFO.finditer(text) if len(m.group(2)) >= 3]
    values += [m.group() for m in JWT.finditer(text)]
    for match in TOKEN.finditer(text):
        token = match.group()
        if "/" in token and not (token.endswith("=") or "+" in token):  # a path: only its credential parts
            values += [part for part in token.split("/") if credential(part)]
        elif credential(token):
            values.append(token)
    return values
