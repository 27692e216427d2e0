"""explain(text) -> Report: redact, find every error, look each up, infer codes from bare messages, diagnose."""

from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache
from typing import Any

from .catalog import Catalog, load
from .diagnose import diagnose
from .extract import find_errors
from .inputs import decode
from .model import Explained, Finding, Lang, Report
from .redact import redact

MAX_FINDINGS = 10_000
MIN_CONFIDENCE = 0.7

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
    return choices[best[0]], round(best[1] / 100 * 0.9, 2)


@lru_cache(maxsize=4)
def _message_choices(catalog: Catalog) -> dict[str, str]:
    from rapidfuzz import utils

    choices: dict[str, str] = {}
    for entry in catalog.entries:
        for desc in (entry.description.en, entry.description.zh, entry.reference_text):
            processed = utils.default_process(desc) if desc else ""
            if processed:
                choices.setdefault(processed, entry.code)
    return choices


def _coerce(source: Any) -> str:
    if isinstance(source, bytes):
        return decode(source)
    if isinstance(source, str):
        return source
    if isinstance(source, dict | list):
        return json.dumps(source, ensure_ascii=False)
    if isinstance(source, BaseException):
        text = str(source)
        code = getattr(source, "code", None)
        if code and str(code) not in text:  # an SDK exception whose str() lacks the code (Node.js-like)
            message = getattr(source, "message", "") or text
            rid = getattr(source, "requestId", None) or getattr(source, "request_id", None) or ""
            text = f"[TencentCloudSDKException] code:{code} message:{message} requestId:{rid}"
        return text
    raise TypeError(f"explain() takes text, bytes, a parsed JSON object or an exception, not {type(source).__name__}")


def explain(source: Any, catalog: Catalog | None = None, lang: Lang = Lang.EN, now: datetime | None = None) -> Report:
    cat = catalog or load()
    text, redacted = redact(_coerce(source).replace("\r\n", "\n"))  # Windows logs: a CR would show as \x0d
    findings = find_errors(text)[:MAX_FINDINGS]
    if not findings:
        findings = _bare_messages(text, cat)
    explained = []
    suggest = lru_cache(maxsize=1024)(cat.suggest)  # a log repeats the same unknown code many times
    for finding in findings:
        if finding.inferred and finding.code is None:
            code, confidence = infer_code(finding.message, cat)
            finding = finding._replace(code=code, confidence=confidence)
        code = finding.code or ""
        entry = cat.get(code) if code and not finding.client_side else None
        parent = cat.parent_of(code) if code and entry is None and not finding.client_side else None
        suggestions = suggest(code) if code and entry is None and not finding.client_side else ()
        lines, policy = diagnose(finding, text, lang, now)
        if entry is None and code and not finding.client_side:
            if parent is not None:
                lines.append(
                    f"目录中没有 {code}；以下是其上级错误码 {parent.code} 的说明。"
                    if lang is Lang.ZH
                    else f"{code} is not in the catalogue; what follows is its parent {parent.code}."
                )
            else:
                lines.append(f"目录中没有 {code}。" if lang is Lang.ZH else f"{code} is not in the catalogue.")
        explained.append(Explained(finding, entry, parent, suggestions, tuple(lines), policy))
    return Report(tuple(explained), redacted)


def _bare_messages(text: str, cat: Catalog) -> list[Finding]:
    """A paste of just the server's message: infer the code line by line, only with high confidence."""
    found: list[Finding] = []
    for number, line in enumerate(text.splitlines()[:200], 1):
        if len(line.strip()) < 12:
            continue
        code, confidence = infer_code(line, cat)
        if code and confidence >= MIN_CONFIDENCE and not any(f.code == code for f in found):
            found.append(Finding(code, line.strip()[:4000], None, "message", number, True, confidence))
    return found
