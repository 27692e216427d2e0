"""A code for text that carries none: the server's message matched against the catalogue's (Node.js, .NET >= 3.0.892,
a paste of only the message), with a confidence; and the codes that share one message.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tco_errcli.catalog import Catalog
from tco_errcli.model import Entry, Finding

from .fields import request_id_in, sentence_start, trim_message
from .shapes import HTTP_REASONS, HTTP_STATUS_TEXTS

MIN_CONFIDENCE = 0.7
HEAD_LINES = 200  # a paste of only a server message is looked for in the input's first lines

# Server messages as the API sends them (en and zh), for text that carries no code (Node.js, .NET >= 3.0.892).
KNOWN_MESSAGES: tuple[tuple[str, str], ...] = (
    ("The provided credentials could not be validated", "AuthFailure.SignatureFailure"),
    ("请求签名验证失败", "AuthFailure.SignatureFailure"),
    ("The SecretId is not found", "AuthFailure.SecretIdNotFound"),
    ("SecretId不存在", "AuthFailure.SecretIdNotFound"),
    ("You are not authorized to perform this operation", "AuthFailure.UnauthorizedOperation"),
    ("操作未授权，请检查CAM策略", "AuthFailure.UnauthorizedOperation"),
    ("you are not authorized to perform operation (", "UnauthorizedOperation"),
    ("which exceeds the frequency limit", "RequestLimitExceeded"),
    ("超过了每秒频率上限", "RequestLimitExceeded"),
    ("Signature expired", "AuthFailure.SignatureExpire"),
    ("签名过期", "AuthFailure.SignatureExpire"),
    ("The request is not authorized", "AuthFailure.UnauthorizedOperation"),
    ("is missing a required parameter", "MissingParameter"),
    ("The value type of parameter", "InvalidParameter"),
)


def infer_code(message: str, catalog: Catalog) -> tuple[str | None, float]:
    """The catalogue code a bare server message most likely belongs to, with a confidence in [0, 1]."""
    text = message.strip()
    if not text:
        return None, 0.0
    for needle, code in KNOWN_MESSAGES:
        if needle.lower() in text.lower():
            return code, 0.95
    from rapidfuzz import fuzz, process, utils

    query = utils.default_process(text[:500])
    dense = any("\u4e00" <= ch <= "\u9fff" for ch in query)  # Chinese says in 4 characters what takes 8 letters
    if len(query) < (4 if dense else 8):
        return None, 0.0
    choices = _message_choices(catalog)
    # the whole message resembles a description, or a description stands inside a longer message
    whole = process.extractOne(query, list(choices), scorer=fuzz.ratio, score_cutoff=80)
    inside = process.extractOne(
        query,
        [c for c in choices if (6 if dense else 12) <= len(c) <= len(query)],
        scorer=fuzz.partial_ratio,
        score_cutoff=92,
    )
    best = max((m for m in (whole, inside) if m is not None), key=lambda m: m[1], default=None)
    if best is None:
        return None, 0.0
    return choices[best[0]][0], round(best[1] / 100 * 0.9, 2)


@lru_cache(maxsize=4)
def _message_choices(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """Processed description -> the codes that have it, the one more actions return first."""
    from rapidfuzz import utils

    choices: dict[str, list[Entry]] = {}
    for entry in catalog.entries:
        for desc in (entry.description.en, entry.description.zh, entry.reference_text):
            processed = utils.default_process(desc) if desc else ""
            if processed and entry not in choices.setdefault(processed, []):
                choices[processed].append(entry)
    return {
        text: tuple(e.code for e in sorted(entries, key=lambda e: -sum(len(a) for a in e.actions.values())))
        for text, entries in choices.items()
    }


def alternatives(code: str, message: str, catalog: Catalog) -> tuple[str, ...]:
    """Other codes whose official message is this one (two codes can share a message)."""
    from rapidfuzz import utils

    processed = utils.default_process(message.strip()[:500])
    return tuple(c for c in _message_choices(catalog).get(processed, ()) if c != code)


def bare_messages(head: list[str], catalog: Catalog) -> list[Finding]:
    """A paste of just the server's message: infer the code line by line, only with high confidence."""
    found: list[Finding] = []
    for number, line in enumerate(head, 1):
        text = line.strip()
        dense = any("\u4e00" <= ch <= "\u9fff" for ch in text)
        if len(text) < (4 if dense else 12) and text not in HTTP_STATUS_TEXTS:
            continue
        if text in HTTP_STATUS_TEXTS or text.endswith(tuple(f": {s}" for s in HTTP_STATUS_TEXTS)):
            status = HTTP_REASONS[text.rsplit(": ", 1)[-1]]
            if not any(f.http_status == status for f in found):  # a reason phrase: no code, the HTTP status
                found.append(Finding(None, text[:4000], None, "message", number, client_side=True, http_status=status))
            continue
        code, confidence = infer_code(line, catalog)
        if code and confidence >= MIN_CONFIDENCE and not any(f.code == code for f in found):
            following = head[number].strip() if number < len(head) else ""
            if following.startswith("resource ("):  # CAM's denial goes on to the next line
                text = f"{text} {following}"
            said = _message_part(text, code)
            if _names(text, code):  # "fail: RequestLimitExceeded, Your current request…": the code is there
                found.append(Finding(code, said, request_id_in(text), "message", number))
            else:
                found.append(Finding(None, said, request_id_in(text), "message", number, True, confidence))
    return found


def _message_part(text: str, code: str) -> str:
    """Only the server's message of a line that holds one: after the code when the line names it ("X, message"),
    else from where the known message starts (a tool's prefix or the user's words before it dropped)."""
    named = re.search(rf"(?<![\w.]){re.escape(code)}(?![\w.])[,:：]?\s{{0,3}}", text)
    if named and named.end() < len(text):
        return trim_message(text[named.end() :])[:4000]
    lowered = text.lower()
    starts = [lowered.find(needle.lower()) for needle, _ in KNOWN_MESSAGES]
    start = min((at for at in starts if at > 0), default=0)
    if start and text[start].islower():  # a fragment: the message is the sentence it is in
        start = sentence_start(text, start)
    if start:
        inside = text.rfind("[request id:", 0, start)
        start = inside if inside != -1 and start - inside <= 60 else start
    return trim_message(text[start:])[:4000]


def _names(text: str, code: str) -> bool:
    """Whether text names code as a word of its own (not inside a longer code name)."""
    return re.search(rf"(?<![\w.]){re.escape(code)}(?![\w.])", text) is not None
