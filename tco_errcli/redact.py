"""Secrets and terminal-unsafe characters, in one place: what comes from input is shown inert and secret-free."""

from __future__ import annotations

import re
from functools import lru_cache

MASK = "[REDACTED]"

# Each pattern is anchored on a literal and bounded; group "v" is the secret to mask.
_SECRET_SOURCES: tuple[str, ...] = (
    # API key IDs (permanent AKID…, and the temporary-key form some tools print)
    r"(?P<v>\bAKID[A-Za-z0-9]{8,64})",
    # TC3 Authorization header: Credential=<SecretId>/..., Signature=<hex>
    r"Credential=(?P<v>[^/\s,\"']{1,128})/",
    r"(?i:\bSignature)\s{0,3}[=:]\s{0,3}[\"']?(?P<v>[A-Za-z0-9+/%=_-]{8,512})",
    # key=value, key: value, "key": "value" for secret keys, tokens and passwords (JSON, env, query, logs)
    (
        r"(?i:\b(?:tencentcloud_secret_key|tencentcloud_secret_id|secret[_-]?key|secret[_-]?id|secretkey|secretid"
        r"|access[_-]?key[_-]?secret|x-tc-token|session[_-]?token|security[_-]?token|tencentcloud_session_token"
        r"|token|password|passwd|pwd|client[_-]?secret))"
        r"[\"']?\s{0,3}[:=]\s{0,3}[\"']?(?P<v>[^\s\"'&,;<>\]\[}{]{4,4096})"
    ),
    # command-line flags: tccli --secretKey VALUE, --token VALUE, --password VALUE
    r"(?i:--(?:secret-?key|secret-?id|token|password))[ =](?P<v>[^\s\"']{1,4096})",
    # credentials inside URLs: scheme://user:password@host
    r"://[^/\s:@]{1,256}:(?P<v>[^/\s@]{1,256})@",
)


@lru_cache(maxsize=1)
def _secret_patterns() -> tuple[re.Pattern[str], ...]:
    # compiled on first use: commands that print only catalogue text never pay for them
    return tuple(re.compile(source) for source in _SECRET_SOURCES)


# C0 controls but tab and newline, DEL, C1 controls, and the bidi/invisible formatting characters
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def redact(text: str) -> tuple[str, int]:
    """Mask every secret in text; return the new text and how many secrets were masked."""
    count = 0
    for pattern in _secret_patterns():

        def mask(match: re.Match[str]) -> str:
            nonlocal count
            value = match.group("v")
            if value == MASK or value.startswith("[REDACTED"):
                return match.group(0)
            count += 1
            start, end = match.span("v")
            base = match.start()
            whole = match.group(0)
            return whole[: start - base] + MASK + whole[end - base :]

        text = pattern.sub(mask, text)
    return text, count


def _escape(match: re.Match[str]) -> str:
    ch = match.group(0)
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def inert(text: str) -> str:
    """Text safe to print on a terminal: escape sequences, controls and bidi marks become visible escapes."""
    return _UNSAFE.sub(_escape, text)


def json_safe(dumped: str) -> str:
    """JSON text (ensure_ascii=False) with the characters inert() escapes written as \\u escapes."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", dumped)


def mask_tail(value: str, keep: int = 4) -> str:
    """'AKIDabcdef1234' -> '**********1234': enough to recognise a key, not to use it."""
    if len(value) <= keep:
        return "*" * len(value)
    return "*" * (len(value) - keep) + value[-keep:]
