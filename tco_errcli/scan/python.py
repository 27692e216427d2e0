"""The pure-Python engine: the input read in pieces cut at line ends (inputs.line_pieces), each counted by the
Counter's two regex passes; works on any stream (stdin too) and any file."""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

from tco_errcli.errors import TcoErrError
from tco_errcli.inputs import CHUNK, MAX_LINE_BYTES, describe, line_pieces, open_binary
from tco_errcli.model import ScanEngine

from .counter import Counter


def scan_stream(
    stream: BinaryIO,
    counter: Counter | None = None,
    progress: Callable[[int], None] | None = None,
    chunk: int = CHUNK,
    name: str = "standard input",
) -> Counter:
    """Count a binary stream. Memory stays bounded: one buffer of a chunk plus the unfinished last line, and a
    line longer than inputs.MAX_CARRY is counted in pieces; one longer than inputs.MAX_LINE_BYTES is no log
    (/dev/zero has no line end): a TcoErrError, as explain says, not a count that never ends."""
    counter = counter or Counter()
    unended = 0  # bytes of the line the last pieces were cut inside
    for buffer, end, spill in line_pieces(stream, chunk, progress=progress):
        unended = unended + end if spill else 0
        if unended > MAX_LINE_BYTES:
            raise TcoErrError.of("line_too_long", path=name, mib=MAX_LINE_BYTES // 2**20)
        counter.feed(buffer, end=end, spill=spill)
    return counter


class PythonEngine:
    """Counts any file itself."""

    name = ScanEngine.PYTHON

    def count(self, path: str, known: frozenset[bytes], progress: Callable[[int], None] | None = None) -> Counter:
        stream = open_binary(path)
        try:
            return scan_stream(stream, Counter(known), progress, name=describe(path))
        finally:
            stream.close()
