"""Streaming counts of error codes over files and pipes of any size: constant memory, binary-safe.

scan counts every printed occurrence of a code in one of the shapes extract.py knows (JSON "Code", SDK
exception lines, tccli): a debug log that prints an error as a body and as an exception counts it twice,
as grep would. `explain` is the command that folds those together.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from .catalog import Catalog
from .extract import CATEGORIES, is_client_code
from .model import ScanRow

CHUNK = 4 * 1024 * 1024
MAX_CARRY = 8 * 1024 * 1024  # a line longer than this is scanned in pieces
TAIL = 1024  # longer than any single match, so no match is cut between pieces

_CODE = rb"([A-Z][A-Za-z0-9]{1,80}(?:\.[A-Za-z0-9]{1,120})?)"
# Each pass starts with a literal, which CPython's regex engine finds quickly (about 1 GB/s here), and has
# one group, so that findall() returns the codes as a flat list counted in C. Two passes read the data
# twice; what stands before a literal is not checked, so the value must be a Tencent Cloud code (rows()
# keeps catalogue codes, known categories and SDK client codes): "Type:Foo-" or "code=OK" never count.
CODE_PASS = re.compile(  # "Code":"X" (JSON, escaped JSON); Code=X, Message= (Go, Ruby); ErrorCode=X, ErrorMessage= (C++)
    rb"Code(?:\\{0,2}\"[ \t]{0,3}:[ \t]{0,3}\\{0,2}\"|=)" + _CODE + rb"(?:\\{0,2}\"|, (?:Error)?Message=)"
)
# "e:" ends both "code:" and "message:", so one pass covers code:X message: (Python, tccli, PHP, Java, .NET),
# code: 'X' (Node.js util.inspect) and ]message:X- (Java <= 3.1.119).
LOWER_PASS = re.compile(rb"e: ?'?" + _CODE + rb"(?:'| message:|-)")
PASSES = (CODE_PASS, LOWER_PASS)
FAST_DISTINCT = 32  # above this many distinct codes in a chunk, positions come from finditer instead
# Every shape in one pattern, for tests and documentation (scan uses the passes above).
SHAPES = re.compile(b"|".join(p.pattern for p in PASSES))


def _positions(chunk: bytes | bytearray, end: int) -> Iterator[tuple[int, bytes]]:
    """(position, code) of every shape that starts before end, pass by pass."""
    for regex in PASSES:
        for match in regex.finditer(chunk):
            if match.start() >= end:
                break
            yield match.start(), match.group(1)


def _is_match(chunk: bytes | bytearray, code: bytes, at: int, lo: int, hi: int) -> bool:
    """Whether code at offset at is the code of a match (not the same word in a message, nor the start of a
    longer code). chunk[lo:hi] is the line around it, which holds all of any match: the passes run over it
    exactly as over the whole text."""
    for regex in PASSES:
        for match in regex.finditer(chunk, lo, hi):
            if match.start(1) >= at:
                if match.span(1) == (at, at + len(code)):
                    return True
                break
    return False


def _find(chunk: bytes | bytearray, code: bytes, end: int, backwards: bool, budget: list[int]) -> int:
    """Offset of the first (or last) match of code in chunk[:end]; -1 if there is none or budget[0] (bytes of
    lines that may be re-read) runs out: a code often named in messages on long lines would cost a line each."""
    at = chunk.rfind(code, 0, end) if backwards else chunk.find(code, 0, end)
    while at != -1:
        lo = chunk.rfind(b"\n", 0, at) + 1
        hi = chunk.find(b"\n", at, end)
        hi = end if hi == -1 else hi
        budget[0] -= hi - lo + 64
        if budget[0] < 0:
            return -1
        if _is_match(chunk, code, at, lo, hi):
            return at
        at = chunk.rfind(code, 0, at) if backwards else chunk.find(code, at + 1, end)
    return -1


class Counter:
    """Counts, first and last line per code, fed chunk by chunk."""

    def __init__(self) -> None:
        self.stats: dict[bytes, list[int]] = {}
        self.line = 1  # line number at the start of the next chunk

    def feed(self, chunk: bytes | bytearray, end: int | None = None, spill: bool = False) -> None:
        """Count the matches in chunk[:end] (default: all of it), which ends at a line end.

        spill: chunk[:end] is cut inside one huge line, and a match starting before end may run past it.
        No pattern crosses a newline, so at a line end nothing is lost.
        """
        end = len(chunk) if end is None else end
        counts: dict[bytes, int] = {}
        first: dict[bytes, int] = {}
        last: dict[bytes, int] = {}
        fast = not spill
        if fast:
            codes = CODE_PASS.findall(chunk, 0, end) + LOWER_PASS.findall(chunk, 0, end)
            counts = dict(collections.Counter(codes))
            fast = len(counts) <= FAST_DISTINCT
            budget = [end + 65536]
            for code in counts if fast else ():
                last[code] = _find(chunk, code, end, True, budget)
                if code not in self.stats:
                    first[code] = _find(chunk, code, end, False, budget)
            # a place findall counted but _find could not confirm: take every position the slow way
            fast = fast and -1 not in last.values() and -1 not in first.values()
        if not fast:
            counts, first, last = {}, {}, {}
            for pos, code in _positions(chunk, end):
                counts[code] = counts.get(code, 0) + 1
                if code not in self.stats and pos < first.get(code, end):
                    first[code] = pos
                if pos > last.get(code, -1):
                    last[code] = pos
        # line numbers only for the few positions that need one, in one pass over the chunk
        line_at: dict[int, int] = {}
        line, pos = self.line, 0
        for offset in sorted({*first.values(), *last.values()}):
            line += chunk.count(b"\n", pos, offset)
            pos = offset
            line_at[offset] = line
        stats = self.stats
        for code, count in counts.items():
            row = stats.get(code)
            if row is None:
                stats[code] = [count, line_at[first[code]], line_at[last[code]]]
            else:
                row[0] += count
                row[2] = line_at[last[code]]
        self.line = line + chunk.count(b"\n", pos, end)


def scan_stream(
    stream: BinaryIO, counter: Counter | None = None, progress: Callable[[int], None] | None = None, chunk: int = CHUNK
) -> Counter:
    """Feed a binary stream to counter in pieces cut at line ends, read into one reused buffer.

    Memory stays bounded: the buffer holds CHUNK bytes plus the unfinished last line, and a line longer than
    MAX_CARRY is counted in pieces.
    """
    counter = counter or Counter()
    buf = bytearray(chunk)
    filled = 0  # bytes at the start of buf carried over from the last read (an unfinished line)
    while True:
        if len(buf) - filled < chunk // 2:
            buf.extend(bytes(chunk))  # the carried line is long: make room, up to MAX_CARRY + CHUNK
        with memoryview(buf) as view:
            n = stream.readinto(view[filled:])  # type: ignore[attr-defined]
        if not n:
            break
        if progress:
            progress(n)
        end = filled + n
        cut = buf.rfind(b"\n", 0, end) + 1
        if cut:
            counter.feed(buf, end=cut)
        elif end > MAX_CARRY:
            # one huge line: count what starts before the tail, keep the tail (a match may run into it)
            cut = end - TAIL
            counter.feed(buf, end=cut, spill=True)
        else:
            filled = end
            continue
        buf[: end - cut] = buf[cut:end]
        filled = end - cut
        if len(buf) > 2 * chunk and filled < chunk:
            del buf[2 * chunk :]  # give back the room a long line needed
    if filled:
        counter.feed(bytes(buf[:filled]))
    return counter


def rows(counter: Counter, catalog: Catalog, top: int | None = None) -> list[ScanRow]:
    """Table rows, most frequent first; only Tencent Cloud codes (catalogue, known category or SDK client code)."""
    result = []
    for raw_code, (count, first, last) in counter.stats.items():
        code = raw_code.decode("ascii", errors="replace")
        if catalog.get(code) is None and code.split(".")[0] not in CATEGORIES and not is_client_code(code):
            continue  # "StatusCode=OK, Message=" and the like
        result.append(ScanRow(code, count, first, last, catalog.get(code)))
    result.sort(key=lambda r: (-r.occurrences, r.code))
    return result[:top] if top else result


def scan_lines(lines: Iterable[bytes | str], catalog: Catalog) -> tuple[list[ScanRow], int]:
    """For the Python API: count codes over an iterable of lines (with or without their newlines)."""
    counter = Counter()
    for line in lines:
        data = line.encode("utf-8", errors="replace") if isinstance(line, str) else line
        counter.feed(data if data.endswith(b"\n") else data + b"\n")
    return rows(counter, catalog), counter.line - 1
