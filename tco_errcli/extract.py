"""Finding errors in text: a JSON walker and one table of SDK, tccli, HTTP and log patterns.

Every pattern is anchored on a literal, and every repeat is bounded, so no input can make it backtrack for long.
Formats and their sources: data/reference/sdk-error-formats.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from .model import Finding

MAX_MESSAGE = 4000
MAX_JSON_ATTEMPTS = 2000

# API 3.0 code: Category or Category.Detail
CODE = r"[A-Z][A-Za-z0-9]{1,80}(?:\.[A-Za-z0-9]{1,120})?"
RID = r"[A-Za-z0-9*\[\]_-]{1,64}"

CATEGORIES = frozenset(
    {
        "ActionOffline",
        "AuthFailure",
        "DryRunOperation",
        "FailedOperation",
        "InternalError",
        "InvalidAction",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidRequest",
        "IpInBlacklist",
        "IpNotInWhitelist",
        "LimitExceeded",
        "MissingParameter",
        "NoSuchProduct",
        "NoSuchVersion",
        "OperationDenied",
        "RequestLimitExceeded",
        "RequestSizeLimitExceeded",
        "ResourceInUse",
        "ResourceInsufficient",
        "ResourceNotFound",
        "ResourceUnavailable",
        "ResponseSizeLimitExceeded",
        "ServiceUnavailable",
        "UnauthorizedOperation",
        "UnknownParameter",
        "UnsupportedOperation",
        "UnsupportedProtocol",
        "UnsupportedRegion",
        "ResourceBusy",
    }
)

# Codes the SDKs make up on the client side: the API never sent them.
CLIENT_CODE = re.compile(
    r"^(?:ClientNetworkError|ServerNetworkError|ClientError(?:\.[A-Za-z]{1,40})?|ClientParamsError|InvalidCredential"
    r"|ClientSideError|ServerSideError|CoreInternalError|DnsError|ConnectionError|SSLError|NetworkError"
    r"|ServiceNetworkError|Bad Gateway|Gateway Timeout|Service Unavailable|Internal Server Error"
    r"|[A-Z][A-Za-z]{0,60}(?:Error|Exception))$"
)


class Pattern(NamedTuple):
    """One printed shape of an error. Groups: code (optional), message, rid; extra groups are kept."""

    name: str
    source: str
    infer: bool = False  # the shape carries no code: infer it from the message


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[Pattern, re.Pattern[str]], ...]:
    # compiled on first use: the table is large, and lookup or search never need it
    return tuple((p, re.compile(p.source, re.DOTALL)) for p in PATTERNS)


# Order matters where two shapes share an anchor: the more specific first.
PATTERNS: tuple[Pattern, ...] = (
    # Python SDK, tccli, PHP (fully qualified class), Java >= 3.1.120 ("]code: X message:M requestId:R")
    Pattern(
        "sdk-exception",
        r"\[(?:TencentCloud\\{1,2}Common\\{1,2}Exception\\{1,2})?TencentCloudSDKException\] ?code: ?"
        r"(?P<code>[^\n]{0,64}?) message:(?P<message>.{0,4000}?)\s{1,3}requestId:(?P<rid>[^\s]{0,64})",
    ),
    # Java <= 3.1.119: "]message:Code-Message requestId:R"
    Pattern(
        "java-legacy",
        rf"\[TencentCloudSDKException\]message:(?P<code>{CODE})-(?P<message>.{{0,4000}}?)\s{{1,2}}requestId:"
        r"(?P<rid>[^\s]{0,64})",
    ),
    # Node.js toString(): no code in it
    Pattern(
        "node-tostring",
        r"\[TencentCloudSDKException\]message:(?P<message>.{0,4000}?)\s{1,2}requestId:(?P<rid>[^\s]{0,64})"
        r"(?:\s{1,2}traceId:(?P<trace>[^\s]{0,64}))?",
        infer=True,
    ),
    # Go (and Ruby's to_s): RequestId part present, or omitted when empty
    Pattern(
        "go",
        r"\[TencentCloudSDKError\] Code=(?P<code>[^,\n]{1,128}), Message=(?P<message>.{0,4000}?), RequestId="
        rf"(?P<rid>{RID})",
    ),
    Pattern("go-no-request-id", r"\[TencentCloudSDKError\] Code=(?P<code>[^,\n]{1,128}), Message=(?P<message>[^\n]{0,4000})"),
    # Node.js console.error / unhandled rejection: message first, code and requestId in the inspected object
    Pattern(
        "node-inspect",
        r"TencentCloudSDKHttpException(?: \[Error\])?: (?P<message>[^\n]{0,4000})(?P<tail>.{0,3000}?)"
        r"code: '(?P<code>[^'\n]{1,128})'",
    ),
    # .NET 3.0.872-3.0.891 (code inside the message) before >= 3.0.892 (message only)
    Pattern(
        "dotnet",
        rf"requestId: (?P<rid>{RID}) TencentCloud\.Common\.TencentCloudSDKException: code:(?P<code>[^\s]{{1,128}}) "
        r"message:(?P<message>[^\n]{0,4000})",
    ),
    Pattern(
        "dotnet-message-only",
        rf"requestId: (?P<rid>{RID}) TencentCloud\.Common\.TencentCloudSDKException: (?P<message>[^\n]{{1,4000}})",
        infer=True,
    ),
    # .NET <= 3.0.871: full-width colon, no separator after requestId
    Pattern(
        "dotnet-legacy",
        r"message：code:(?P<code>[^\s]{1,128}) message:(?P<message>.{0,4000}?)\s{1,3}requestId(?P<rid>[A-Za-z0-9-]{0,64})",
    ),
    # C++ Error::PrintAll()
    Pattern(
        "cpp",
        rf"RequestId=(?P<rid>{RID}|), ErrorCode=(?P<code>[^,\n]{{1,128}}), ErrorMessage=(?P<message>[^\n]{{0,4000}})",
    ),
    # JSON that did not parse (truncated, escaped inside a string, Python dict repr): "Code": "X"
    Pattern(
        "json-fragment",
        rf"\\{{0,2}}[\"']Code\\{{0,2}}[\"']\s{{0,3}}:\s{{0,3}}\\{{0,2}}[\"'](?P<code>{CODE})\\{{0,2}}[\"']",
    ),
)

# A cheap prefilter: only lines containing one of these can hold a pattern.
ANCHORS = re.compile(r"TencentCloudSDK|Code\\{0,2}[\"']\s{0,3}:|message：code:|ErrorCode=|TencentCloudSDKHttpException")
# Loose "code=X" / "code: X" in logs: accepted only for catalogue categories, so code=OK, gRPC codes stay out.
LOOSE = re.compile(rf"(?i:\bcode)\s{{0,3}}[:=]\s{{0,3}}[\"'`]?(?P<code>{CODE})")
BARE = re.compile(rf"\b(?P<code>(?:{'|'.join(sorted(CATEGORIES))})\.[A-Za-z0-9]{{1,120}})\b")
MESSAGE_NEAR = re.compile(r"\\{0,2}[\"']Message\\{0,2}[\"']\s{0,3}:\s{0,3}\\{0,2}\"(?P<message>(?:[^\"\\]|\\.){0,4000})")
RID_NEAR = re.compile(rf"\\{{0,2}}[\"']RequestId\\{{0,2}}[\"']\s{{0,3}}:\s{{0,3}}\\{{0,2}}[\"'](?P<rid>{RID})")
NODE_RID = re.compile(r"requestId: '(?P<rid>[^'\n]{0,64})'")


class Raw(NamedTuple):
    """A candidate before de-duplication: where it was, and what it said."""

    start: int
    end: int
    finding: Finding


def is_client_code(code: str) -> bool:
    return bool(CLIENT_CODE.match(code)) and code.split(".")[0] not in CATEGORIES


def _clean(text: str) -> str:
    text = text.strip()
    if "\\n" in text or "\\/" in text or '\\"' in text:  # JSON-escaped text inside a log line
        text = text.replace("\\n", "\n").replace("\\/", "/").replace('\\"', '"')
    return text[:MAX_MESSAGE]


def _rid(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip().strip("'\"[]")
    if value.lower() in {"", "none", "null", "undefined"}:
        return None
    return value


class _Lines:
    """Offset -> 1-based line number, by binary search over line starts."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            self.starts.append(pos + 1)
            pos = find("\n", pos + 1)

    def line(self, offset: int) -> int:
        from bisect import bisect_right

        return bisect_right(self.starts, offset)


def _walk(node: Any) -> Iterator[tuple[dict[str, Any], str | None]]:
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
                if code.split(".")[0] in CATEGORIES:
                    yield item, here
            stack.extend((value, here) for value in reversed(list(item.values())) if isinstance(value, dict | list))
        elif isinstance(item, list):
            stack.extend((value, rid) for value in reversed(item) if isinstance(value, dict | list))


def _json_candidates(text: str) -> Iterator[tuple[int, int, Any]]:
    """(start, end, parsed) for each JSON document: the whole text, JSON lines, or objects embedded in prose."""
    decoder = json.JSONDecoder()
    stripped = text.lstrip()
    if stripped[:1] in "{[":
        try:
            yield len(text) - len(stripped), len(text), json.loads(stripped)
            return
        except (ValueError, RecursionError):
            pass
    attempts = 0
    pos = text.find("{")
    while pos != -1 and attempts < MAX_JSON_ATTEMPTS:
        attempts += 1
        window = text[pos : pos + 8 * 1024 * 1024]
        if '"Code"' in window[:65536] or '"Error"' in window[:65536]:
            try:
                value, length = decoder.raw_decode(window)
            except (ValueError, RecursionError):
                pos = text.find("{", pos + 1)
                continue
            yield pos, pos + length, value
            pos = text.find("{", pos + length)
        else:
            # no error near this brace: jump to the next "Code"/"Error" and try the braces shortly before it
            marker = min((m for m in (text.find('"Code"', pos), text.find('"Error"', pos)) if m != -1), default=-1)
            if marker == -1:
                break
            pos = text.find("{", max(pos + 1, marker - 4096))


def _from_json(text: str, lines: _Lines) -> tuple[list[Raw], list[tuple[int, int]]]:
    found: list[Raw] = []
    regions: list[tuple[int, int]] = []
    for start, end, doc in _json_candidates(text):
        regions.append((start, end))
        cursor = start
        for error, rid in _walk(doc):
            code = str(error.get("Code", ""))[:128]
            message = error.get("Message")
            message = message if isinstance(message, str) else ""
            at = text.find(f'"{code}"', cursor, end)
            at = at if at != -1 else start
            cursor = at + 1
            finding = Finding(
                code=code or None,
                message=_clean(message),
                request_id=_rid(rid),
                source="json",
                line=lines.line(at),
                client_side=is_client_code(code),
            )
            found.append(Raw(at, at + len(code) + 2, finding))
    return found, regions


def _inside(pos: int, regions: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in regions)


def _from_patterns(text: str, lines: _Lines, regions: list[tuple[int, int]]) -> list[Raw]:
    found: list[Raw] = []
    taken: list[tuple[int, int]] = []
    for pattern, regex in _compiled():
        for match in regex.finditer(text):
            start, end = match.span()
            if any(a <= start < b for a, b in taken):
                continue
            if pattern.name == "json-fragment" and _inside(start, regions):
                continue  # the JSON walker has it, with its message and RequestId
            groups = match.groupdict()
            code = (groups.get("code") or "").strip() or None
            message = _clean(groups.get("message") or "")
            rid = _rid(groups.get("rid"))
            if pattern.name == "json-fragment":
                near = text[max(0, start - 2000) : end + 4000]
                message_match = MESSAGE_NEAR.search(near)
                rid_match = RID_NEAR.search(near)
                message = _clean(message_match.group("message")) if message_match else ""
                rid = _rid(rid_match.group("rid")) if rid_match else None
            if pattern.name == "node-inspect":
                rid_match = NODE_RID.search(groups.get("tail") or "")
                rid = _rid(rid_match.group("rid")) if rid_match else None
            finding = Finding(
                code=None if pattern.infer else code,
                message=message,
                request_id=rid,
                source=pattern.name,
                line=lines.line(start),
                inferred=pattern.infer,
                client_side=bool(code) and not pattern.infer and is_client_code(code or ""),
            )
            found.append(Raw(start, end, finding))
            taken.append((start, end))
    # log prose: "code=FailedOperation.X", or a dotted code of a known category standing alone
    for regex, source in ((LOOSE, "log"), (BARE, "text")):
        for match in regex.finditer(text):
            start, end = match.span("code")
            code = match.group("code")
            if code.split(".")[0] not in CATEGORIES or any(a <= start < b for a, b in taken):
                continue
            if _inside(start, regions):
                continue
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            context = text[line_start : line_end if line_end != -1 else len(text)]
            found.append(Raw(start, end, Finding(code, _clean(context), None, source, lines.line(start))))
            taken.append((start, end))
    return found


def _strip_boxes(text: str) -> str:
    """Terraform wraps errors in a box ('│ ' at line starts); remove it without moving line numbers."""
    if "│" not in text:
        return text
    return re.sub(r"(?m)^[ \t]{0,8}│ ?", "", text)


def _merge(raws: list[Raw]) -> list[Finding]:
    """One finding per occurrence: the same error printed as a JSON body and as an exception line is one."""
    raws.sort(key=lambda r: r.start)
    kept: list[Raw] = []
    for raw in raws:
        f = raw.finding
        duplicate = False
        for i in range(len(kept) - 1, max(-1, len(kept) - 50), -1):
            k = kept[i].finding
            same_rid = f.request_id and k.request_id == f.request_id and "*" not in f.request_id
            same_code = f.code == k.code or f.inferred or k.inferred
            near_same = (
                not f.request_id
                and not k.request_id
                and f.code == k.code
                and f.source != k.source
                and f.message == k.message
                and abs(f.line - k.line) <= 30
            )
            if (same_rid and same_code) or near_same:
                duplicate = True
                if _richer(f, k):
                    kept[i] = raw
                break
        if not duplicate:
            kept.append(raw)
    return [r.finding for r in kept]


def _richer(new: Finding, old: Finding) -> bool:
    def score(f: Finding) -> int:
        return (not f.inferred) * 4 + bool(f.message) * 2 + bool(f.request_id) + (f.source == "json")

    return score(new) > score(old)


def find_errors(text: str) -> list[Finding]:
    """Every Tencent Cloud error in text, in order of appearance, each occurrence once."""
    text = _strip_boxes(text)
    lines = _Lines(text)
    json_found, regions = _from_json(text, lines)
    pattern_found = _from_patterns(text, lines, regions) if ANCHORS.search(text) or BARE.search(text) else []
    if not json_found and not pattern_found and LOOSE.search(text):
        pattern_found = _from_patterns(text, lines, regions)
    return _merge(json_found + pattern_found)
