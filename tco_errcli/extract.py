"""Finding errors in text: a JSON walker and one table of SDK, tccli, HTTP and log patterns.

Every pattern is anchored on a literal, and every repeat is bounded, so no input can make it backtrack for long.
Formats and their sources: data/reference/sdk-error-formats.md.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from .catalog.codes import CATEGORIES, CODE, is_client_code
from .model import Finding

MAX_MESSAGE = 4000
MAX_JSON_ATTEMPTS = 2000

RID = r"[A-Za-z0-9*\[\]_-]{1,64}"
UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
UUID_AT_START = re.compile(UUID)
# CAM puts the RequestId inside the message: "[request id:6ecbe97c-…]you are not authorized…"
RID_IN_MESSAGE = re.compile(rf"\[request id:(?P<rid>{UUID})\]")


class Pattern(NamedTuple):
    """One printed shape of an error. Groups: code (optional), message, rid; extra groups are kept."""

    name: str
    source: str
    infer: bool = False  # the shape carries no code: infer it from the message
    needs: tuple[str, ...] = ()  # literals one of which the text must hold for the pattern to be tried at all


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
        r"(?P<code>[^\n]{0,64}?)(?: |[ \t]{0,4}\n[ \t]{0,8})message:(?P<message>.{0,4000}?)\s{1,12}requestId:"
        r"(?P<rid>[^\s]{0,64})",
        needs=("TencentCloudSDKException]",),
    ),
    # Java, any version: the SDK wraps a local exception (no response came back) as "message:java.net.X-reason"
    Pattern(
        "java-client",
        r"\[TencentCloudSDKException\]\s{0,2}message:(?P<code>javax?\.[a-z.]{1,80}\.[A-Z][A-Za-z]{1,80}(?:Exception|Error))"
        r"(?:[-:]\s{0,2}(?P<message>[^\n]{0,4000}?))?(?:\s{1,2}requestId:?(?P<rid>[^\s]{0,64})|(?=\n|\Z))",
        needs=("TencentCloudSDKException]",),
    ),
    # Java <= 3.1.119: "]message:Code-Message requestId:R"
    Pattern(
        "java-legacy",
        rf"\[TencentCloudSDKException\]message:(?P<code>{CODE})-(?P<message>.{{0,4000}}?)(?:\s{{1,2}}requestId:"
        r"(?P<rid>[^\s]{0,64})|(?=\n(?!resource \(|[ \t\]])|\Z))",  # a paste cut before requestId ends its message
        needs=("TencentCloudSDKException]message:",),
    ),
    # Node.js toString(): no code in it
    Pattern(
        "node-tostring",
        r"\[TencentCloudSDKException\]message:(?P<message>.{0,4000}?)\s{1,2}requestId:(?P<rid>[^\s]{0,64})"
        r"(?:\s{1,2}traceId:(?P<trace>[^\s]{0,64}))?",
        infer=True,
        needs=("TencentCloudSDKException]message:",),
    ),
    # Go (and Ruby's to_s): RequestId part present, or omitted when empty
    Pattern(
        "go",
        r"\[TencentCloudSDKError\] Code=(?P<code>[^,\n]{1,128}), Message=(?P<message>.{0,4000}?), RequestId="
        rf"(?P<rid>{RID})",
        needs=("[TencentCloudSDKError]",),
    ),
    Pattern(
        "go-no-request-id",
        r"\[TencentCloudSDKError\] Code=(?P<code>[^,\n]{1,128}), Message=(?P<message>[^\n]{0,4000})",
        needs=("[TencentCloudSDKError]",),
    ),
    # Node.js console.error / unhandled rejection: message first, code and requestId in the inspected object
    Pattern(
        "node-inspect",
        r"TencentCloudSDKHttpException(?: \[Error\])?: (?P<message>[^\n]{0,4000})(?P<tail>.{0,3000}?)"
        r"code: '(?P<code>[^'\n]{1,128})'",
        needs=("TencentCloudSDKHttpException",),
    ),
    # .NET 3.0.872-3.0.891 (code inside the message) before >= 3.0.892 (message only)
    Pattern(
        "dotnet",
        rf"requestId: (?P<rid>{RID}) TencentCloud\.Common\.TencentCloudSDKException: code:(?P<code>[^\s]{{1,128}}) "
        r"message:(?P<message>[^\n]{0,4000})",
        needs=("TencentCloud.Common.TencentCloudSDKException",),
    ),
    Pattern(
        "dotnet-message-only",
        rf"requestId: (?P<rid>{RID}) TencentCloud\.Common\.TencentCloudSDKException: (?P<message>[^\n]{{1,4000}})",
        infer=True,
        needs=("TencentCloud.Common.TencentCloudSDKException",),
    ),
    # .NET <= 3.0.871: full-width colon, no separator after requestId
    Pattern(
        "dotnet-legacy",
        r"message：code:(?P<code>[^\s]{1,128}) message:(?P<message>.{0,4000}?)\s{1,3}requestId(?P<rid>[A-Za-z0-9-]{0,64})",
        needs=("message：code:",),
    ),
    # C++ Error::PrintAll()
    Pattern(
        "cpp",
        rf"RequestId=(?P<rid>{RID}|), ErrorCode=(?P<code>[^,\n]{{1,128}}), ErrorMessage=(?P<message>[^\n]{{0,4000}})",
        needs=("ErrorCode=",),
    ),
    # A Go SDK error printed with %v (a struct, not its Error() string), often JSON-escaped by a gateway:
    # \u0026{AuthFailure.UnauthorizedOperation <message> <request id>}
    Pattern(
        "go-struct",
        rf"(?:\\u0026|&)\{{(?P<code>{CODE}) (?P<message>[^{{}}\n]{{0,4000}}?)(?: (?P<rid>{UUID}))?\}}",
        needs=("&{", "u0026{"),
    ),
    # Node.js console.error of a non-200 answer: the status text, then httpCode in the inspected object
    Pattern(
        "node-http",
        r"TencentCloudSDKHttpException(?: \[Error\])?: (?P<message>[^\n]{0,400})(?P<tail>.{0,3000}?)"
        r"httpCode: (?P<code>[1-5][0-9]{2})\b",
        needs=("httpCode",),
    ),
    # A paste the user wrapped: code, message and requestId each on a line of its own, no SDK prefix
    Pattern(
        "wrapped",
        rf"(?im:^[ \t]{{0,8}}code[:：=][ \t]{{0,2}})(?P<code>{CODE})[ \t]{{0,8}}\n[ \t]{{0,8}}(?i:message)[:：=][ \t]{{0,2}}"
        r"(?P<message>[^\n]{0,4000})(?:\n[ \t]{0,8}(?i:request_?id)[:：=][ \t]{0,2}(?P<rid>[^\s]{1,64}))?",
        needs=("\ncode", "\nCode"),
    ),
    # JSON that did not parse (truncated, escaped inside a string, Python dict repr): "Code": "X"
    Pattern(
        "json-fragment",
        rf"\\{{0,2}}[\"']Code\\{{0,2}}[\"']\s{{0,3}}:\s{{0,3}}\\{{0,2}}[\"'](?P<code>{CODE})\\{{0,2}}[\"']",
        needs=('Code"', "Code'", "Code\\"),
    ),
)

# A cheap prefilter: only lines containing one of these can hold a pattern.
ANCHORS = re.compile(
    r"TencentCloudSDK|Code\\{0,2}[\"']\s{0,3}:|message：code:|ErrorCode=|\\u0026\{|&\{|(?im:^[ \t]{0,8}code[:：=])"
)


def is_candidate(text: str) -> bool:
    """Whether text can hold an error at all: a cheap test (substring checks, no regex) run on every record.

    Every pattern is anchored on "code" (any case), an SDK class name, a Go struct or a dotted code of a
    catalogue category; the category tails below cover all of CATEGORIES.
    """
    return (
        "code" in text
        or "Code" in text
        or "CODE" in text
        or "TencentCloudSDK" in text
        or "&{" in text
        or "u0026{" in text
        or (
            "." in text
            and (
                "Failure." in text
                or "Operation." in text
                or "Error." in text
                or "Parameter." in text
                or "Value." in text
                or "Request." in text
                or "Exceeded." in text
                or "NotFound." in text
                or "Unavailable." in text
                or "Action." in text
                or "Offline." in text
                or "Product." in text
                or "Version." in text
                or "list." in text
                or "Denied." in text
                or "InUse." in text
                or "Insufficient." in text
                or "Protocol." in text
                or "Region." in text
                or "Busy." in text
            )
        )
    )


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


def _clean(text: str) -> str:
    text = text.strip()
    if "\\" in text and ("\\n" in text or "\\/" in text or '\\"' in text):  # JSON-escaped text inside a log line
        text = text.replace("\\n", "\n").replace("\\/", "/").replace('\\"', '"')
    return text[:MAX_MESSAGE]


def _rid(value: str | None, message: str = "") -> str | None:
    """A RequestId as printed, or the one CAM puts inside the message; a UUID glued to more text is cut."""
    if value:
        value = value.strip().strip("'\"[]")
        uuid = UUID_AT_START.match(value)
        if uuid:  # "3469…7a3c7437]c7f5…": the UUID, not what the log glued to it
            return uuid.group(0)
        if value.lower() not in {"", "none", "null", "undefined"}:
            return value
    inside = RID_IN_MESSAGE.search(message) if "request id:" in message else None
    return inside.group("rid") if inside else None


def request_id_in(message: str) -> str | None:
    """The RequestId CAM puts inside a message (`[[request id:…]`), if there is one."""
    return _rid(None, message)


class _Lines:
    """Offset -> 1-based line number, by binary search over line starts."""

    def __init__(self, text: str, first: int = 1) -> None:
        self.starts = [0]
        self.first = first
        find = text.find
        pos = find("\n")
        while pos != -1:
            self.starts.append(pos + 1)
            pos = find("\n", pos + 1)

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset) + self.first - 1


class _Taken:
    """Which offsets of a text some earlier match already covers: a byte per character, so a check costs O(1)."""

    def __init__(self, size: int) -> None:
        self.mask = bytearray(size + 1)

    def add(self, start: int, end: int) -> None:
        self.mask[start:end] = b"\x01" * (end - start)

    def __contains__(self, offset: int) -> bool:
        return bool(self.mask[offset])


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
    attempts = 0  # failed parses: a text of many stray braces cannot cost more than this many
    find = text.find
    pos = find("{")
    code = find('"Code"')
    error = find('"Error"')  # the next '"Code"' and '"Error"' at or after pos; -1 once there is none left
    while pos != -1 and attempts < MAX_JSON_ATTEMPTS:
        # only an object holding "Code" or "Error" is worth parsing; each is looked for again only once passed,
        # so the text is scanned once however many objects it holds
        if 0 <= code < pos:
            code = find('"Code"', pos)
        if 0 <= error < pos:
            error = find('"Error"', pos)
        marker = min((m for m in (code, error) if m != -1), default=-1)
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


def _from_json(text: str, lines: _Lines, regions: _Taken) -> list[Raw]:
    found: list[Raw] = []
    for start, end, doc in _json_candidates(text):
        regions.add(start, end)
        cursor = start
        for error, rid in _walk(doc):
            code = str(error.get("Code", ""))[:128]
            message = error.get("Message")
            message = _clean(message) if isinstance(message, str) else ""
            at = text.find(f'"{code}"', cursor, end)
            at = at if at != -1 else start
            cursor = at + 1
            finding = Finding(
                code=code or None,
                message=message,
                request_id=_rid(rid, message),
                source="json",
                line=lines.line(at),
                client_side=is_client_code(code),
            )
            found.append(Raw(at, at + len(code) + 2, finding))
    return found


SPECIAL_SHAPES = frozenset({"json-fragment", "node-inspect", "node-http", "go-struct", "wrapped"})
HTTP_STATUS = {"500": "Internal Server Error", "502": "Bad Gateway", "503": "Service Unavailable", "504": "Gateway Timeout"}


def _from_patterns(text: str, lines: _Lines, regions: _Taken) -> list[Raw]:
    """Matches of the pattern table and of loose log prose; regions are the JSON walker's (already explained)."""
    found: list[Raw] = []
    taken = _Taken(len(text))
    mask = taken.mask
    starts, offset = lines.starts, lines.first - 1
    probe = "\n" + text  # a record starts a line: "\ncode" finds a first line that starts with "code" too
    present: dict[str, bool] = {}
    for pattern, regex in _compiled():
        if pattern.needs:
            for literal in pattern.needs:
                if literal not in present:
                    present[literal] = literal in probe
            if not any(present[literal] for literal in pattern.needs):
                continue
        name, infer = pattern.name, pattern.infer
        plain = name not in SPECIAL_SHAPES  # most matches need no more than their groups
        for match in regex.finditer(text):
            start, end = match.span()
            if mask[start]:
                continue
            groups = match.groupdict()
            code = groups.get("code")
            code = (code.strip() or None) if code else None
            message = groups.get("message")
            message = _clean(message) if message else ""
            rid = groups.get("rid")
            if plain:
                pass
            elif name == "json-fragment":
                if start in regions:
                    continue  # the JSON walker has it, with its message and RequestId
                near = text[max(0, start - 2000) : end + 4000]
                message_match = MESSAGE_NEAR.search(near)
                rid_match = RID_NEAR.search(near)
                message = _clean(message_match.group("message")) if message_match else ""
                rid = rid_match.group("rid") if rid_match else None
            elif name == "node-inspect":
                rid_match = NODE_RID.search(groups.get("tail") or "")
                rid = rid_match.group("rid") if rid_match else None
            elif name == "node-http":
                code = HTTP_STATUS.get(code or "", f"HTTP {code}")
            elif (code or "").split(".")[0] not in CATEGORIES:  # go-struct, wrapped
                continue  # "&{" and "code:" lines are common; only a catalogue category makes them an API error
            finding = Finding(
                None if infer else code,
                message,
                _rid(rid, message),
                name,
                bisect_right(starts, start) + offset,
                infer,
                1.0,
                bool(code) and not infer and is_client_code(code or ""),
            )
            found.append(Raw(start, end, finding))
            mask[start:end] = b"\x01" * (end - start)
    # log prose: "code=FailedOperation.X", or a dotted code of a known category standing alone, looked for
    # only in the stretches no pattern and no JSON document already explained
    for a, b in _gaps(regions.mask):
        mask[a:b] = b"\x01" * (b - a)
    gaps = [(a, b) for a, b in _gaps(mask, free=True) if b - a >= 6]  # no code fits in fewer characters
    for regex, source, hint in ((LOOSE, "log", ("ode", "ODE")), (BARE, "text", (".",))):
        for a, b in gaps:
            gap = text[a:b] if b - a < 4096 else ""
            if gap and not any(h in gap for h in hint):
                continue
            for match in regex.finditer(text, a, b):
                start, end = match.span("code")
                code = match.group("code")
                if code.split(".")[0] not in CATEGORIES or start in taken:
                    continue
                # the line around it, at most MAX_MESSAGE characters: a 2 MB line must not be copied per match
                line_start = text.rfind("\n", max(0, start - MAX_MESSAGE // 2), start) + 1 or max(0, start - MAX_MESSAGE // 2)
                line_end = text.find("\n", end, end + MAX_MESSAGE // 2)
                context = _clean(text[line_start : line_end if line_end != -1 else min(len(text), end + MAX_MESSAGE // 2)])
                found.append(Raw(start, end, Finding(code, context, _rid(None, context), source, lines.line(start))))
                taken.add(start, end)
    return found


def _gaps(mask: bytearray, *, free: bool = False) -> list[tuple[int, int]]:
    """The runs of set (or, with free=True, unset) bytes of a mask, found at C speed."""
    on, off = (b"\x00", b"\x01") if free else (b"\x01", b"\x00")
    runs = []
    end = len(mask) - 1  # the mask has one spare byte past the text
    pos = mask.find(on, 0, end)
    while pos != -1:
        stop = mask.find(off, pos, end)
        stop = end if stop == -1 else stop
        runs.append((pos, stop))
        pos = mask.find(on, stop, end)
    return runs


def _strip_boxes(text: str) -> str:
    """Terraform wraps errors in a box ('│ ' at line starts); remove it without moving line numbers."""
    if "│" not in text:
        return text
    return re.sub(r"(?m)^[ \t]{0,8}│ ?", "", text)


def find_raw(text: str, first_line: int = 1) -> list[Raw]:
    """Every candidate error in text with its offsets, in order; line numbers count from first_line."""
    text = _strip_boxes(text)
    lines = _Lines(text, first_line)
    regions = _Taken(len(text))
    found = _from_json(text, lines, regions)
    if ANCHORS.search(text) or BARE.search(text) or (not found and LOOSE.search(text)):
        found += _from_patterns(text, lines, regions)
    found.sort(key=lambda r: r.start)
    return found


def richer(new: Finding, old: Finding) -> bool:
    def score(f: Finding) -> int:
        return (not f.inferred) * 4 + bool(f.message) * 2 + bool(f.request_id) + (f.source == "json")

    return score(new) > score(old)


# --- records: the unit a stream is explained in -------------------------------------------------------------

MAX_RECORD_LINES = 400
MAX_RECORD_CHARS = 256 * 1024
# A line starting so continues the record before it: stack frames, closing brackets, the CAM resource line,
# the message and RequestId lines of a wrapped paste, the inspected properties of a Node.js error.
CONTINUATION = (
    "}",
    "]",
    ")",
    "resource (",
    "requestId",
    "RequestId",
    "request id",
    "message:",
    "Message:",
    "message=",
    "Message=",
    "traceId",
    "Caused by",
    "...",
)


class Record(NamedTuple):
    """Lines that belong together: one log line, or a multi-line exception or JSON body."""

    first_line: int
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


class Records:
    """Groups a stream of lines into records. push() returns the records a line completed; flush() the rest."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.first = 1
        self.number = 0
        self.depth = 0  # unbalanced "{" so far: a JSON body is still open
        self.open_exception = 0  # lines an SDK exception without its RequestId yet may still take
        self.chars = 0

    def push(self, line: str) -> Record | None:
        # called once per input line: the common case (a plain log line after a complete record) is kept cheap
        self.number += 1
        if "│" in line:
            line = BOX.sub("", line, count=1)
        done = None
        lines = self.lines
        if lines and not (
            self.depth > 0 or self.open_exception > 0 or not line or line[0] in " \t" or line.startswith(CONTINUATION)
        ):
            done = Record(self.first, lines)
            lines = self.lines = []
            self.depth = self.open_exception = self.chars = 0
        if not lines:
            self.first = self.number
        lines.append(line)
        self.chars += len(line)
        if "{" in line or "}" in line:
            self.depth = max(0, self.depth + line.count("{") - line.count("}"))
        if "TencentCloudSDK" in line:
            self.open_exception = 0 if "equestId" in line else 12
        elif self.open_exception:
            self.open_exception = 0 if "equestId" in line else self.open_exception - 1
        if len(lines) >= MAX_RECORD_LINES or self.chars >= MAX_RECORD_CHARS:
            return done or self.flush()  # a runaway record (an unbalanced brace) ends here
        return done

    def push_many(self, lines: list[str]) -> list[Record]:
        """push() for each line, in one loop with the state in locals: the records those lines completed."""
        done: list[Record] = []
        current, first, number = self.lines, self.first, self.number
        depth, open_exception, chars = self.depth, self.open_exception, self.chars
        for line in lines:
            number += 1
            if "│" in line:
                line = BOX.sub("", line, count=1)
            if current and not (depth > 0 or open_exception > 0 or not line or line[0] in " \t" or line.startswith(CONTINUATION)):
                done.append(Record(first, current))
                current = []
                depth = open_exception = chars = 0
            if not current:
                first = number
            current.append(line)
            chars += len(line)
            if "{" in line or "}" in line:
                depth = max(0, depth + line.count("{") - line.count("}"))
            if "TencentCloudSDK" in line:
                open_exception = 0 if "equestId" in line else 12
            elif open_exception:
                open_exception = 0 if "equestId" in line else open_exception - 1
            if len(current) >= MAX_RECORD_LINES or chars >= MAX_RECORD_CHARS:
                done.append(Record(first, current))
                current = []
                depth = open_exception = chars = 0
        self.lines, self.first, self.number = current, first, number
        self.depth, self.open_exception, self.chars = depth, open_exception, chars
        return done

    def flush(self) -> Record | None:
        if not self.lines:
            return None
        record = Record(self.first, self.lines)
        self.lines = []
        self.depth = self.open_exception = self.chars = 0
        return record


BOX = re.compile(r"^[ \t]{0,8}│ ?")
