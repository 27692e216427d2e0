"""Streaming counts of error codes over files and pipes of any size: constant memory, binary-safe.

scan counts every printed occurrence of a code in one of the shapes extract.py knows (JSON "Code", SDK
exception lines, tccli): a debug log that prints an error as a body and as an exception counts it twice,
as grep would. `explain` is the command that folds those together.

Two engines give the same counts and places: this module's pure-Python scanner, and (with the `fast` extra)
scanrg.py, where ripgrep finds the candidate lines and this module counts them. Several files are counted
one per process and merged in order (merge()), so one file or many, one core or several, give one answer.
"""

from __future__ import annotations

import collections
import os
import re
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from .catalog import Catalog
from .catalog.codes import could_be_code
from .errors import TcoErrError
from .model import Lang, ScanRow
from .model import ScanEngine as Engine

CHUNK = 4 * 1024 * 1024
MAX_CARRY = 8 * 1024 * 1024  # a line longer than this is scanned in pieces
TAIL = 1024  # longer than any single match, so no match is cut between pieces
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
# Every shape in one pattern, for tests and documentation (scan uses the passes above).
SHAPES = re.compile(b"|".join(p.pattern for p in PASSES))


def resolve(engine: Engine) -> Engine:
    """The engine that runs for a choice: auto is ripgrep when the `fast` extra is installed, else python."""
    from . import scanrg

    if engine is Engine.PYTHON:
        return engine
    if scanrg.binary():
        return Engine.RIPGREP
    if engine is Engine.RIPGREP:
        raise TcoErrError("the ripgrep engine needs the fast extra: pip install 'tco-err[fast]'")
    return Engine.PYTHON


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
        self.engine = Engine.PYTHON  # what counted: ripgrep if it searched any input merged in

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

    def merge(self, other: Counter) -> None:
        """Add the counts of the input that follows this one (its lines are numbered on from ours, as cat would)."""
        shift = self.line - 1
        for code, (count, first, last) in other.stats.items():  # in order of first place
            row = self.stats.get(code)
            if row is None:
                self._add(code, [count, first + shift, last + shift])
            else:
                row[0] += count
                row[2] = last + shift
        self.unlisted += other.unlisted
        if other.engine is Engine.RIPGREP:
            self.engine = other.engine
        self.line += other.line - 1


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


def scan_path(
    path: str,
    known: frozenset[bytes] = frozenset(),
    engine: Engine = Engine.PYTHON,
    progress: Callable[[int], None] | None = None,
) -> Counter:
    """Count one file (not stdin) with an engine; ripgrep hands back to python where it cannot help."""
    from .inputs import open_binary

    if engine is Engine.RIPGREP:
        from . import scanrg

        counter = scanrg.scan_file(path, known, progress=progress)
        if counter is not None:
            return counter
    stream = open_binary(path)
    try:
        return scan_stream(stream, Counter(known), progress)
    finally:
        stream.close()


def _scan_path_or_error(path: str, known: frozenset[bytes], engine: Engine, lang: Lang) -> Counter | str:
    """For worker processes: the counter, or the one-line error in lang (a file that vanished, a read error)."""
    from .messages import message

    try:
        return scan_path(path, known, engine)
    except TcoErrError as exc:
        return exc.text(lang)
    except OSError as exc:
        return message("read_failed", lang, path=path, reason=exc.strerror or exc)


def scan_paths(
    paths: list[str], known: frozenset[bytes], engine: Engine, jobs: int, lang: Lang = Lang.EN
) -> Iterator[tuple[str, Counter | str]]:
    """(path, counter or error message) for each file, in the order given; jobs > 1 counts them in parallel."""
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield path, _scan_path_or_error(path, known, engine, lang)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ProcessPoolExecutor(max_workers=min(jobs, len(paths)), mp_context=context) as pool:
        n = len(paths)
        results = pool.map(_scan_path_or_error, paths, [known] * n, [engine] * n, [lang] * n)
        yield from zip(paths, results, strict=True)


def expand(paths: list[str]) -> list[str]:
    """Each directory replaced by the files under it, sorted (symbolic links to directories not followed)."""
    result: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                result.extend(os.path.join(root, name) for name in sorted(files))
        else:
            result.append(path)
    return result


def default_jobs() -> int:
    """The cores this process may run on (taskset and cgroup CPU sets included, where the OS tells)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def rows(counter: Counter, catalog: Catalog, top: int | None = None) -> list[ScanRow]:
    """Table rows, most frequent first."""
    result = []
    for raw_code, (count, first, last) in counter.stats.items():
        code = raw_code.decode("ascii")
        result.append(ScanRow(code, count, first, last, catalog.get(code)))
    result.sort(key=lambda r: (-r.occurrences, r.code))
    return result[:top] if top else result


def known_codes(catalog: Catalog) -> frozenset[bytes]:
    return frozenset(code.encode("ascii") for code in catalog.codes())


def scan_lines(lines: Iterable[bytes | str], catalog: Catalog) -> tuple[list[ScanRow], Counter]:
    """For the Python API: count codes over an iterable of lines (with or without their newlines)."""
    counter = Counter(known_codes(catalog))
    for line in lines:
        data = line.encode("utf-8", errors="replace") if isinstance(line, str) else line
        counter.feed(data if data.endswith(b"\n") else data + b"\n")
    return rows(counter, catalog), counter
