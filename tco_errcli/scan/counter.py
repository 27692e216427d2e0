"""scan's counting: two regex passes find every printed code, and a Counter keeps count, first and last line per
code, fed chunk by chunk, in constant memory whatever the input holds.

scan counts every printed occurrence of a code in one of the shapes explain knows (JSON "Code", SDK exception
lines, tccli): a debug log that prints an error as a body and as an exception counts it twice, as grep would.
`explain` is the command that folds those together. Both engines (python.py, ripgrep.py) feed this Counter, so
they give the same counts and places; several inputs are merged in order (merge()).
"""

from __future__ import annotations

import collections
import re
from bisect import bisect_right
from collections.abc import Iterator

from tco_errcli.catalog import Catalog
from tco_errcli.catalog.codes import could_be_code
from tco_errcli.model import ScanEngine, ScanRow

MAX_UNKNOWN = 10_000  # distinct codes outside the catalogue kept per run; the occurrences of any more are counted

_CODE = rb"([A-Z][A-Za-z0-9]{1,80}(?:\.[A-Za-z0-9]{1,120})?)"
# Each pass starts with a literal, which CPython's regex engine finds quickly (about 1 GB/s here), and has
# one group, so that findall() returns the codes as a flat list counted in C. Two passes read the data
# twice; what stands before a literal is not checked, so the value must look like an error code
# (could_be_code): "Type:Foo-" or "code=OK" never count.
CODE_PASS = re.compile(  # "Code":"X" (JSON, escaped JSON); Code=X, Message= (Go, Ruby); ErrorCode=X, ErrorMessage= (C++)
    rb"Code(?:\\{0,2}\"[ \t]{0,3}:[ \t]{0,3}\\{0,2}\"|=)" + _CODE + rb"(?:\\{0,2}\"|, (?:Error)?Message=)"
)
# "e:" ends both "code:" and "message:", so one pass covers code:X message: (Python, tccli, PHP, Java, .NET),
# code: 'X' (Node.js util.inspect) and ]message:X- (Java <= 3.1.119).
LOWER_PASS = re.compile(rb"e: ?'?" + _CODE + rb"(?:'| message:|-)")
PASSES = (CODE_PASS, LOWER_PASS)
FAST_DISTINCT = 32  # above this many distinct codes in a chunk, positions come from finditer instead
# Every shape in one pattern, for tests and documentation (scan uses the passes above; ripgrep.py their alternation).
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
    """Counts, first and last line per code, fed chunk by chunk.

    known: codes always kept (the catalogue's); other codes are kept in the order they first appear, up to
    cap distinct ones; the occurrences of any more are added up in `unlisted`, so memory stays flat whatever
    the input holds.
    """

    def __init__(self, known: frozenset[bytes] = frozenset(), cap: int | None = None) -> None:
        self.stats: dict[bytes, list[int]] = {}  # code -> [count, first line, last line], in order of first place
        self.line = 1  # line number at the start of the next chunk
        self.known = known
        self.cap = MAX_UNKNOWN if cap is None else cap
        self.unknown = 0  # distinct codes kept that are not known
        self.unlisted = 0  # occurrences of codes beyond the cap
        self.engine = ScanEngine.PYTHON  # what counted: ripgrep if it searched any input merged in
        self.starts: list[tuple[int, str]] = []  # (first line, name) of each input merged in, in order

    def feed(self, chunk: bytes | bytearray, end: int | None = None, spill: bool = False) -> None:
        """Count the matches in chunk[:end] (default: all of it), which ends at a line end.

        spill: chunk[:end] is cut inside one huge line, and a match starting before end may run past it.
        No pattern crosses a newline, so at a line end nothing is lost.
        """
        end = len(chunk) if end is None else end
        counts, first, last = self._matches(chunk, end, spill)
        line_at = self._lines(chunk, sorted({*first.values(), *last.values()}), end)
        stats = self.stats
        new = []
        for code, count in counts.items():
            row = stats.get(code)
            if row is None:
                new.append((first[code], code, count))
            else:
                row[0] += count
                row[2] = line_at[last[code]]
        for at, code, count in sorted(new):  # kept in the order they stand, so the cap keeps the first ones
            self._add(code, [count, line_at[at], line_at[last[code]]])

    def _add(self, code: bytes, row: list[int]) -> None:
        if code in self.known:
            self.stats[code] = row
        elif self.unknown < self.cap:
            self.unknown += 1
            self.stats[code] = row
        else:
            self.unlisted += row[0]

    def _matches(
        self, chunk: bytes | bytearray, end: int, spill: bool
    ) -> tuple[dict[bytes, int], dict[bytes, int], dict[bytes, int]]:
        """(count, first offset, last offset) per code in chunk[:end]; first only for codes not yet seen."""
        stats = self.stats
        if not spill:
            codes = self._codes(chunk, end)
            counts = {c: n for c, n in collections.Counter(codes).items() if c in stats or could_be_code(c)}
            if len(counts) <= FAST_DISTINCT:
                first: dict[bytes, int] = {}
                last: dict[bytes, int] = {}
                budget = [end + 65536]
                for code in counts:
                    last[code] = _find(chunk, code, end, True, budget)
                    if code not in stats:
                        first[code] = _find(chunk, code, end, False, budget)
                # a place findall counted but _find could not confirm: take every position the slow way
                if -1 not in last.values() and -1 not in first.values():
                    return counts, first, last
        counts, first, last = {}, {}, {}
        for pos, code in _positions(chunk, end):
            if code not in counts:
                if code not in stats and not could_be_code(code):
                    continue
                counts[code] = 0
                if code not in stats:
                    first[code] = pos
            counts[code] += 1
            if pos < first.get(code, end) and code not in stats:
                first[code] = pos
            if pos > last.get(code, -1):
                last[code] = pos
        return counts, first, last

    def _codes(self, chunk: bytes | bytearray, end: int) -> list[bytes]:
        """Every code in chunk[:end], as findall() lists them (counted in C)."""
        return CODE_PASS.findall(chunk, 0, end) + LOWER_PASS.findall(chunk, 0, end)

    def _lines(self, chunk: bytes | bytearray, offsets: list[int], end: int) -> dict[int, int]:
        """Line number of each offset (sorted) in one pass over the chunk; moves self.line past chunk[:end]."""
        line_at: dict[int, int] = {}
        line, pos = self.line, 0
        for offset in offsets:
            line += chunk.count(b"\n", pos, offset)
            pos = offset
            line_at[offset] = line
        self.line = line + chunk.count(b"\n", pos, end)
        return line_at

    def merge(self, other: Counter, name: str = "") -> None:
        """Add the counts of the input that follows this one (its lines are numbered on from ours, as cat would;
        name: its file, so that rows() can say file:line when there were several)."""
        shift = self.line - 1
        self.starts.append((self.line, name))
        for code, (count, first, last) in other.stats.items():  # in order of first place
            row = self.stats.get(code)
            if row is None:
                self._add(code, [count, first + shift, last + shift])
            else:
                row[0] += count
                row[2] = last + shift
        self.unlisted += other.unlisted
        if other.engine is ScanEngine.RIPGREP:
            self.engine = other.engine
        self.line += other.line - 1


def rows(counter: Counter, catalog: Catalog, top: int | None = None) -> list[ScanRow]:
    """Table rows, most frequent first."""
    from tco_errcli.catalog import anyproduct

    result = []
    several = len(counter.starts) > 1
    for raw_code, (count, first, last) in counter.stats.items():
        code = raw_code.decode("ascii")
        entry = catalog.get(code)
        if entry is None and "." in code:  # another product's code: its products and official meaning
            entry = anyproduct.answer(catalog, code)
        if several:  # each place as its own file's line, not a line of the inputs run together
            (first_file, first), (last_file, last) = _place(counter, first), _place(counter, last)
            result.append(ScanRow(code, count, first, last, entry, first_file, last_file))
        else:
            result.append(ScanRow(code, count, first, last, entry))
    result.sort(key=lambda r: (-r.occurrences, r.code))
    return result[:top] if top else result


def _place(counter: Counter, line: int) -> tuple[str, int]:
    """A line of the inputs run together as (file, its own line)."""
    index = bisect_right(counter.starts, (line, "\uffff")) - 1
    start, name = counter.starts[max(index, 0)]
    return name, line - start + 1


def known_codes(catalog: Catalog) -> frozenset[bytes]:
    return frozenset(code.encode("ascii") for code in catalog.codes())
