"""The pure-Python engine: the input read in pieces cut at line ends (inputs.line_pieces), each counted by the
Counter's two regex passes; works on any stream (stdin too) and any file."""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

from tco_errcli.inputs import CHUNK, line_pieces, open_binary
from tco_errcli.model import ScanEngine

from .counter import Counter


def scan_stream(
    stream: BinaryIO, counter: Counter | None = None, progress: Callable[[int], None] | None = None, chunk: int = CHUNK
) -> Counter:
    """Count a binary stream. Memory stays bounded: one buffer of a chunk plus the unfinished last line, and a
    line longer than inputs.MAX_CARRY is counted in pieces."""
    counter = counter or Counter()
    for buffer, end, spill in line_pieces(stream, chunk, progress=progress):
        counter.feed(buffer, end=end, spill=spill)
    return counter


class PythonEngine:
    """Counts any file itself."""

    name = ScanEngine.PYTHON

    def count(self, path: str, known: frozenset[bytes], progress: Callable[[int], None] | None = None) -> Counter:
        stream = open_binary(path)
        try:
            return scan_stream(stream, Counter(known), progress)
        finally:
            stream.close()
