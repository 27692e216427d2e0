"""The JSON documents of a text and the API error objects in them: API 3.0's Response.Error, bare Code/Message
objects, API 2.0's code/message/codeDesc, and an error object a message consists of (a gateway's wrapper)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from tco_errcli.catalog.codes import CATEGORIES

from .fields import clean_json

MAX_JSON_ATTEMPTS = 2000  # failed parses per text: a text of many stray braces cannot cost more


def walk(node: Any) -> Iterator[tuple[dict[str, Any], str | None]]:
    """Yield (error dict, request id) for every API error object in a parsed JSON document, iteratively."""
    stack: list[tuple[Any, str | None]] = [(node, None)]
    while stack:
        item, rid = stack.pop()
        if isinstance(item, dict):
            here = item.get("RequestId") if isinstance(item.get("RequestId"), str) else rid
            error = item.get("Error")
            if isinstance(error, dict) and isinstance(error.get("Code"), str):
                yield error, here
            elif isinstance(item.get("Code"), str) and "Message" in item:
                code = item["Code"]
                if code.split(".")[0] in CATEGORIES or is_cos_error(item):
                    yield item, here
            elif _api2_error(item):  # API 2.0: {"code": 4100, "message": "…", "codeDesc": "AuthFailure"}
                yield {"Code": item["codeDesc"].strip(), "Message": item.get("message")}, here
            # the Error object just yielded is not walked again (it holds Code and Message itself)
            stack.extend(
                (value, here) for value in reversed(list(item.values())) if isinstance(value, dict | list) and value is not error
            )
        elif isinstance(item, list):
            stack.extend((value, rid) for value in reversed(item) if isinstance(value, dict | list))


def is_cos_error(item: dict[str, Any]) -> bool:
    """A COS error as JSON (the Node SDK's err.error: its XML answer parsed): Code and Message with COS's own
    RequestId and TraceId or Resource; its codes are S3's (AccessDenied), not API 3.0 categories."""
    return isinstance(item.get("RequestId"), str) and ("TraceId" in item or "Resource" in item) and "Error" not in item


def inner_error(message: str) -> tuple[str, str] | None:
    """The (code, message) of an error object a message consists of: {"Code": X, "Message": Y} or {"Error": …}."""
    stripped = message.strip()
    if not (stripped.startswith("{") and stripped.endswith("}") and "Code" in stripped):
        return None
    try:
        doc = json.loads(stripped)
    except (ValueError, RecursionError):
        return None
    if isinstance(doc, dict) and isinstance(doc.get("Error"), dict):
        doc = doc["Error"]
    code = doc.get("Code") if isinstance(doc, dict) else None
    if not isinstance(code, str) or code.split(".")[0] not in CATEGORIES:
        return None
    inner = doc.get("Message")
    return code[:128], clean_json(inner) if isinstance(inner, str) else ""


# API 2.0's own names are no API 3.0 category (StrategyResourceInvalid, InvalidSecretId): any CamelCase name
API2_NAME = re.compile(r"[A-Z][A-Za-z0-9]{2,60}(?:\.[A-Za-z0-9]{1,80}){0,2}")


def _api2_error(item: dict[str, Any]) -> bool:
    """An API 2.0 error object: a non-zero numeric code, its name in codeDesc (the older Tencent Cloud API)."""
    desc, code = item.get("codeDesc"), item.get("code")
    return (
        isinstance(desc, str)
        and (desc.split(".")[0] in CATEGORIES or API2_NAME.fullmatch(desc.strip()) is not None)
        and isinstance(code, int | str)
        and str(code).lstrip("-").isdigit()
        and str(code) != "0"
    )


def json_candidates(text: str) -> Iterator[tuple[int, int, Any]]:
    """(start, end, parsed) for each JSON document: the whole text, JSON lines, or objects embedded in prose."""
    decoder = json.JSONDecoder()
    stripped = text.lstrip()
    if stripped[:1] in "{[":
        try:
            yield len(text) - len(stripped), len(text), json.loads(stripped)
            return
        except (ValueError, RecursionError):
            pass
    attempts = 0  # failed parses: a text of many stray braces cannot cost more than this many
    find = text.find
    pos = find("{")
    code = find('"Code"')
    error = find('"Error"')  # the next '"Code"' and '"Error"' at or after pos; -1 once there is none left
    desc = find('"codeDesc"')  # and API 2.0's
    while pos != -1 and attempts < MAX_JSON_ATTEMPTS:
        # only an object holding "Code" or "Error" is worth parsing; each is looked for again only once passed,
        # so the text is scanned once however many objects it holds
        if 0 <= code < pos:
            code = find('"Code"', pos)
        if 0 <= error < pos:
            error = find('"Error"', pos)
        if 0 <= desc < pos:
            desc = find('"codeDesc"', pos)
        marker = min((m for m in (code, error, desc) if m != -1), default=-1)
        if marker == -1:
            break
        if marker - pos > 4096:
            pos = find("{", marker - 4096)
            continue
        try:
            value, end = decoder.raw_decode(text, pos)  # from pos in place: no copy of the rest of the text
        except (ValueError, RecursionError):
            attempts += 1
            pos = find("{", pos + 1)
            continue
        if end > marker:
            yield pos, end, value
        pos = find("{", end)
