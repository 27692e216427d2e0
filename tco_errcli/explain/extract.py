"""Finding errors in text: the JSON walker, the shapes table (shapes.py) matched in order, and loose prose.

find_raw(text) is every candidate with its offsets; RecordFinder runs it once per distinct record text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from tco_errcli.catalog.codes import CATEGORIES, is_client_code
from tco_errcli.model import Finding
from tco_errcli.model.patterns import Lazy

from .fields import clean, clean_json, request_id, status_of, unglued
from .jsondocs import inner_error, is_cos_error, json_candidates, walk
from .shapes import (
    ANCHORS,
    BARE,
    BOXES,
    CAM_RESOURCE_LINE,
    COS_RID,
    LAYOUT_MESSAGE,
    LOOSE,
    MESSAGE_LABEL,
    MESSAGE_NEAR,
    NODE_RID,
    PHP_RID,
    RID_NEAR,
    SPECIAL_SHAPES,
    STATUS_NEAR,
    USERINFO_FIELD,
    compiled,
    is_candidate,
)

MAX_MESSAGE = 4000
CACHE_SIZE = 20_000  # distinct record texts remembered
CACHE_CHARS = 8 * 1024 * 1024  # and their characters: records of binary output are up to 256 Ki characters each


class Raw(NamedTuple):
    """A candidate before de-duplication: where it was, and what it said."""

    start: int
    end: int
    finding: Finding


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


def _from_json(text: str, lines: _Lines, regions: _Taken) -> list[Raw]:
    found: list[Raw] = []
    for start, end, doc in json_candidates(text):
        regions.add(start, end)
        cursor = start
        for error, rid in walk(doc):
            message = error.get("Message")
            message = clean_json(message) if isinstance(message, str) else ""
            code, message = unglued(str(error.get("Code", "")), message)
            code = code[:128]
            inner = inner_error(message)
            if inner is not None:  # a gateway's generic code around the backend's own error: the backend's is it
                code, message = inner
            at = text.find(f'"{code}"', cursor, end)
            at = at if at != -1 else start
            cursor = at + 1
            finding = Finding(
                code=code or None,
                message=message,
                request_id=request_id(rid, message),
                source="cos-json" if is_cos_error(error) else "json",
                line=lines.line(at),
                client_side=is_client_code(code),
            )
            found.append(Raw(at, at + len(code) + 2, finding))
    return found


class _Bounds:
    """Where each record of a batch text starts: a match or a look around one stays inside its own record, so
    what a record holds never depends on the records batched with it (the prefilter leaves some out)."""

    def __init__(self, starts: list[int] | None, size: int) -> None:
        self.starts = starts or [0]
        self.size = size

    def of(self, offset: int) -> tuple[int, int]:
        """(start, end) of the record holding offset: end is the "\n" that joins it to the next, or the end."""
        at = bisect_right(self.starts, offset)
        end = self.starts[at] - 1 if at < len(self.starts) else self.size
        return self.starts[at - 1], end


def _matches(regex: Lazy, text: str, bounds: _Bounds) -> Iterator[re.Match[str]]:
    """regex's matches in text as finditer() finds them, but none running from one record into the next: such a
    match is looked for again within its record alone."""
    pos = 0
    search = regex.compiled.search  # compiled here, on the first text that may hold it
    while True:
        match = search(text, pos)
        if match is None:
            return
        start, end = match.span()
        hi = bounds.of(start)[1]
        if end > hi:
            match = search(text, start, hi)
            if match is None:
                pos = hi + 1
                continue
            start, end = match.span()
        pos = end if end > start else end + 1
        yield match


def _from_patterns(text: str, lines: _Lines, regions: _Taken, bounds: _Bounds) -> list[Raw]:
    """Matches of the pattern table and of loose log prose; regions are the JSON walker's (already explained)."""
    found: list[Raw] = []
    taken = _Taken(len(text))
    mask = taken.mask
    starts, offset = lines.starts, lines.first - 1
    probe = "\n" + text  # a record starts a line: "\ncode" finds a first line that starts with "code" too
    present: dict[str, bool] = {}
    for pattern, regex in compiled():
        if pattern.needs:
            for literal in pattern.needs:
                if literal not in present:
                    present[literal] = literal in probe
            if not any(present[literal] for literal in pattern.needs):
                continue
        name, infer = pattern.name, pattern.infer
        plain = name not in SPECIAL_SHAPES  # most matches need no more than their groups
        for match in _matches(regex, text, bounds):
            start, end = match.span()
            if mask[start]:
                continue
            lo, hi = bounds.of(start)
            groups = match.groupdict()
            code = groups.get("code")
            code = (code.strip() or None) if code else None
            message = groups.get("message")
            message = clean(message) if message else ""
            rid = groups.get("rid")
            http_status = status_of(code)
            if http_status is not None:  # a reason phrase where the code goes: no API code, the status
                code = None
            if plain:
                pass
            elif name == "json-fragment":
                if start in regions:
                    continue  # the JSON walker has it, with its message and RequestId
                near = text[max(lo, start - 2000) : min(hi, end + 4000)]
                message_match = MESSAGE_NEAR.search(near)
                rid_match = RID_NEAR.search(near)
                said = (message_match.group("message") or message_match.group("single")) if message_match else None
                message = clean(said) if said else ""
                rid = rid_match.group("rid") if rid_match else None
            elif name == "node-inspect" or (name == "node-error" and (code or "").split(".")[0] in CATEGORIES):
                rid_match = NODE_RID.search(groups.get("tail") or "")
                rid = rid_match.group("rid") if rid_match else None
            elif name == "node-http":  # the status, no API code
                code, http_status = None, int(code or 0)
            elif name == "cos-xml":
                after = text[end : min(hi, end + 4000)]
                close = after.find("</Error>")
                after = after[: close if close != -1 else len(after)]
                rid_match = COS_RID.search(after) or COS_RID.search(text, max(lo, start - 2000), start)
                rid = rid_match.group("rid") if rid_match else None
                status = STATUS_NEAR.search(text, max(lo, start - 400), min(hi, end + 4000))
                http_status = int(status.group("status")) if status else None
            elif name in ("s3-sdk", "gateway-html", "cos-go", "cos-php"):
                http_status = int(groups["status"])
                if name == "s3-sdk":
                    reach = max(lo, start - 2000)  # no line end within reach: not the text's start (a long line)
                    line_start = text.rfind("\n", reach, start) + 1 or reach
                    before = text[line_start:start]
                    message = clean(before.rpartition(": ")[2])
            elif name == "cos-ios":
                fields = {m.group("key"): m.group("value") for m in USERINFO_FIELD.finditer(groups.get("tail") or "")}
                code = fields.get("Code", "").strip() or None
                message, rid = clean(fields.get("Message", "")), fields.get("RequestId")
                if code is None:
                    continue
            elif name == "php-print-r":
                rid_match = PHP_RID.search(text, end, min(hi, end + 4000))
                rid = rid_match.group("rid") if rid_match else None
            elif (code or "").split(".")[0] not in CATEGORIES:  # go-struct, wrapped, labelled
                continue  # "&{" and "code:" lines are common; only a catalogue category makes them an API error
            elif name in ("labelled", "wrapped") and message.endswith(")"):
                more = CAM_RESOURCE_LINE.match(text, end)  # CAM's denial, its resource on the next line
                message += "\n" + more.group("line") if more else ""
            finding = Finding(
                None if infer else code,
                message,
                request_id(rid, message),
                name,
                bisect_right(starts, start) + offset,
                infer,
                1.0,
                (http_status is not None and code is None) or (bool(code) and not infer and is_client_code(code or "")),
                http_status=http_status,
            )
            found.append(Raw(start, end, finding))
            mask[start:end] = b"\x01" * (end - start)
    # log prose: "code=FailedOperation.X", or a dotted code of a known category standing alone, looked for
    # only in the stretches no pattern and no JSON document already explained
    for a, b in _gaps(regions.mask):
        mask[a:b] = b"\x01" * (b - a)
    gaps = [(a, b) for a, b in _gaps(mask, free=True) if b - a >= 6]  # no code fits in fewer characters
    for prose, source, hint in ((LOOSE, "log", ("ode", "ODE")), (BARE, "text", (".",))):
        for a, b in gaps:
            gap = text[a:b] if b - a < 4096 else ""
            if gap and not any(h in gap for h in hint):
                continue
            for match in prose.finditer(text, a, b):
                start, end = match.span("code")
                code = match.group("code")
                if (
                    code.split(".")[0] not in CATEGORIES
                    or start in taken
                    or SECRET_BEFORE.search(text, max(0, start - 24), start)
                ):
                    continue  # "password=ResourceNotFound.NodeNotExist": a password that reads as a code is none
                # the line around it, at most MAX_MESSAGE characters: a 2 MB line must not be copied per match
                line_start = text.rfind("\n", max(0, start - MAX_MESSAGE // 2), start) + 1 or max(0, start - MAX_MESSAGE // 2)
                line_end = text.find("\n", end, end + MAX_MESSAGE // 2)
                stop = line_end if line_end != -1 else min(len(text), end + MAX_MESSAGE // 2)
                context = text[line_start:stop]  # for the RequestId CAM writes into it; never shown
                labelled = (LAYOUT_MESSAGE if source == "text" else MESSAGE_LABEL).match(text, end, stop)
                said = clean(labelled.group("message")) if labelled else ""
                if said and source == "text" and status_of(said) is None and said[:1].isdigit():
                    said = ""  # "InternalError-3": a suffix, not a message
                found.append(Raw(start, end, Finding(code, said, request_id(None, context), source, lines.line(start))))
                taken.add(start, end)
    return found


# a label of a secret and its separator, right before a code found in prose: the code is that secret's value
SECRET_BEFORE = re.compile(r"(?i:passw(?:or)?d|pwd|passphrase|secret[_-]?key|token)[\"']?[ \t]{0,3}[:=][ \t]{0,3}[\"']?$")


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
    return BOXES.sub("", text)


def find_raw(text: str, first_line: int = 1, starts: list[int] | None = None) -> list[Raw]:
    """Every candidate error in text with its offsets, in order; line numbers count from first_line. starts:
    where each record of a batch begins (find() joins many), so that no match runs from one into the next."""
    stripped = _strip_boxes(text)
    if starts and stripped is not text:  # boxes removed: the records start elsewhere now
        ends = [*starts[1:], len(text) + 1]
        moved, at = [], 0
        for start, end in zip(starts, ends, strict=True):
            moved.append(at)
            at += len(_strip_boxes(text[start : end - 1])) + 1
        starts = moved
    text = stripped
    lines = _Lines(text, first_line)
    regions = _Taken(len(text))
    found = _from_json(text, lines, regions)
    if ANCHORS.search(text) or BARE.search(text) or (not found and LOOSE.search(text)):
        found += _from_patterns(text, lines, regions, _Bounds(starts, len(text)))
    found.sort(key=lambda r: r.start)
    return found


class RecordFinder:
    """find_raw() over records: each distinct record text is searched once (a log repeats its lines), and the
    texts of a batch in one call; what a text holds is remembered with lines relative to the record."""

    def __init__(self) -> None:
        self.cache: dict[str, list[tuple[int, Finding]]] = {}
        self.chars = 0

    def get(self, text: str) -> list[tuple[int, Finding]] | None:
        return self.cache.get(text)

    def find(self, texts: list[str]) -> None:
        """Search every text not seen before (that can hold an error at all), and remember what it holds."""
        todo: dict[str, int] = {}
        cache = self.cache
        if len(cache) > CACHE_SIZE or self.chars > CACHE_CHARS:
            cache.clear()
            self.chars = 0
        candidate = is_candidate
        for text in texts:
            if text not in cache and text not in todo:
                self.chars += len(text)
                if candidate(text):
                    todo[text] = 0
                else:
                    cache[text] = []
        if not todo:
            return
        starts = []
        offsets = []
        line, offset = 1, 0
        for text in todo:
            starts.append(line)
            offsets.append(offset)
            cache[text] = []
            line += text.count("\n") + 1
            offset += len(text) + 1
        distinct = list(todo)
        for raw in find_raw("\n".join(distinct), starts=offsets):
            line = raw.finding.line
            at = bisect_right(starts, line) - 1
            cache[distinct[at]].append((line - starts[at], raw.finding))
