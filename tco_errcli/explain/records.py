"""Records: the unit a stream is explained in — one log line, or a multi-line exception or JSON body.

Records.push_many() groups lines as they come and returns the records they completed; flush() ends the open one.
"""

from __future__ import annotations

from typing import NamedTuple

from .shapes import BOX

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
    "<Error>",  # COS's XML error after the HTTP status line it answers
)


class Record(NamedTuple):
    """Lines that belong together: one log line, or a multi-line exception or JSON body."""

    first_line: int
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


class Records:
    """Groups a stream of lines into records. push_many() returns the records lines completed; flush() the rest."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.first = 1
        self.number = 0
        self.depth = 0  # unbalanced "{" so far: a JSON body is still open
        self.open_exception = 0  # lines an SDK exception without its RequestId yet may still take
        self.xml = False  # inside COS's <Error> element: its lines are one record until </Error>
        self.chars = 0

    def push_many(self, lines: list[str]) -> list[Record]:
        """The records these lines completed, in one loop with the state in locals (called once per chunk)."""
        done: list[Record] = []
        current, first, number = self.lines, self.first, self.number
        depth, open_exception, chars, xml = self.depth, self.open_exception, self.chars, self.xml
        for line in lines:
            number += 1
            if "│" in line:
                line = BOX.sub("", line, count=1)
            if current and not (
                depth > 0 or open_exception > 0 or xml or not line or line[0] in " \t" or line.startswith(CONTINUATION)
            ):
                done.append(Record(first, current))
                current = []
                depth = open_exception = chars = 0
                xml = False
            if not current:
                first = number
            current.append(line)
            chars += len(line)
            if "{" in line or "}" in line:
                depth = max(0, depth + line.count("{") - line.count("}"))
            if "Error>" in line:
                xml = line.rfind("<Error>") > line.rfind("</Error>")
            if "encentCloudSDK" in line:  # a Node stack may lose the class name's first letter
                open_exception = 0 if "equestId" in line else 12
            elif open_exception:
                open_exception = 0 if "equestId" in line else open_exception - 1
            if len(current) >= MAX_RECORD_LINES or chars >= MAX_RECORD_CHARS:
                done.append(Record(first, current))
                current = []
                depth = open_exception = chars = 0
                xml = False
        self.lines, self.first, self.number = current, first, number
        self.depth, self.open_exception, self.chars, self.xml = depth, open_exception, chars, xml
        return done

    @property
    def open(self) -> bool:
        """Whether the next line joins the open record whatever it holds (a JSON body or an SDK exception not
        yet complete): lines may be skipped (skip()) only when it is not."""
        return self.depth > 0 or self.open_exception > 0 or self.xml

    def skip(self, count: int) -> Record | None:
        """count lines the prefilter found cold: each a record of its own holding nothing, so they only move the
        line numbers on; the open record is complete (the first of them would have ended it)."""
        if count <= 0:
            return None
        done = self.flush()
        self.number += count
        self.first = self.number + 1
        return done

    def flush(self) -> Record | None:
        if not self.lines:
            return None
        record = Record(self.first, self.lines)
        self.lines = []
        self.depth = self.open_exception = self.chars = 0
        self.xml = False
        return record
