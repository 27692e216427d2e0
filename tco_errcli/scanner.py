"""Streaming counts of error codes over files and pipes of any size: constant memory, binary-safe.

scan counts every printed occurrence of a code in one of the shapes extract.py knows (JSON "Code", SDK
exception lines, tccli): a debug log that prints an error as a body and as an exception counts it twice,
as grep would. `explain` is the command that folds those together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import BinaryIO

from .catalog import Catalog
from .model import ScanRow

CHUNK = 4 * 1024 * 1024
MAX_CARRY = 8 * 1024 * 1024  # a line longer than this is scanned in pieces
TAIL = 1024  # longer than any single match, so no match is cut between pieces

_CODE = rb"([A-Z][A-Za-z0-9]{1,80}(?:\.[A-Za-z0-9]{1,120})?)"
# One alternative per shape; each carries its own trailing context so that "code=OK" and friends never match.
SHAPES = re.compile(
    rb"\\{0,2}\"Code\\{0,2}\"\s{0,3}:\s{0,3}\\{0,2}\"" + _CODE + rb"\\{0,2}\""  # JSON, escaped JSON
    rb"|Code=" + _CODE + rb", Message="  # Go, Ruby, Terraform
    rb"|\] ?code: ?" + _CODE + rb" message:"  # Python, tccli, PHP, Java >= 3.1.120
    rb"|\]message:" + _CODE + rb"-"  # Java <= 3.1.119
    rb"|ErrorCode=" + _CODE + rb", ErrorMessage="  # C++
    rb"|message\xef\xbc\x9acode:" + _CODE + rb" message:"  # .NET <= 3.0.871 (full-width colon)
    rb"|TencentCloudSDKException: code:" + _CODE + rb" message:"  # .NET 3.0.872-3.0.891
    rb"|\bcode: '" + _CODE + rb"'"  # Node.js util.inspect
)


class Counter:
    """Counts, first and last line per code, fed chunk by chunk."""

    def __init__(self) -> None:
        self.stats: dict[bytes, list[int]] = {}
        self.line = 1  # line number at the start of the next chunk

    def feed(self, chunk: bytes, end: int | None = None) -> None:
        """Count the matches that start before end (default: all of chunk); chunk may run past end."""
        end = len(chunk) if end is None else end
        line = self.line
        pos = 0
        count_nl = chunk.count
        stats = self.stats
        for match in SHAPES.finditer(chunk):
            start = match.start()
            if start >= end:
                break
            line += count_nl(b"\n", pos, start)
            pos = start
            code = match.group(match.lastindex or 0)
            row = stats.get(code)
            if row is None:
                stats[code] = [1, line, line]
            else:
                row[0] += 1
                row[2] = line
        self.line = line + count_nl(b"\n", pos, end)


def scan_stream(
    stream: BinaryIO, counter: Counter | None = None, progress: Callable[[int], None] | None = None
) -> Counter:
    """Feed a binary stream to counter in chunks cut at line ends; memory stays bounded by CHUNK + MAX_CARRY."""
    counter = counter or Counter()
    carry = b""
    while True:
        block = stream.read(CHUNK)
        if not block:
            break
        if progress:
            progress(len(block))
        data = carry + block if carry else block
        cut = data.rfind(b"\n") + 1
        if cut:
            counter.feed(data[:cut])
            carry = data[cut:]
        elif len(data) > MAX_CARRY:
            # one huge line: count what starts before the tail, keep the tail (a match may run into it)
            cut = len(data) - TAIL
            counter.feed(data, end=cut)
            carry = data[cut:]
        else:
            carry = data
    if carry:
        counter.feed(carry)
    return counter


def rows(counter: Counter, catalog: Catalog, top: int | None = None) -> list[ScanRow]:
    result = []
    for raw_code, (count, first, last) in counter.stats.items():
        code = raw_code.decode("ascii", errors="replace")
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
