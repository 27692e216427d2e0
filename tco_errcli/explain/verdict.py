"""Retry classes for what the catalogue does not hold, so that every finding a CI job sees has one where it can
be known (Report.verdict turns them into retry, fix or unknown).

A client-side failure has no catalogue entry: a network failure, a timeout or a gateway's 5xx answer is
transient (retry with backoff; the SDKs' own retry helpers treat them so), an HTTP 429 or a rate-limit word is
throttling; anything else is not known.
"""

from __future__ import annotations

from tco_errcli.model import Entry, Finding

_TRANSIENT_WORDS = (
    "network", "timeout", "timed out", "econnreset", "connection reset", "connection refused", "eof",
    "bad gateway", "gateway timeout", "service unavailable", "internal server error", "temporarily",
)  # fmt: skip
_THROTTLE_WORDS = ("too many requests", "rate limit", "ratelimit", "429")


def retry_class(finding: Finding, shown: Entry | None) -> str | None:
    """The retry class of a finding: its entry's (or parent's), else one read off a client-side failure."""
    if shown is not None:
        return shown.retry_strategy
    if not finding.client_side:
        return None
    text = f"{finding.code or ''} {finding.message[:400]}".lower()
    if any(word in text for word in _THROTTLE_WORDS):
        return "throttle"
    if any(word in text for word in _TRANSIENT_WORDS):
        return "transient"
    return None
