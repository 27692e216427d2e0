"""What a scan engine is, and which one runs for a --engine choice: auto is ripgrep when the `fast` extra is
installed (and a trustworthy rg is found), else python."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from tco_errcli.errors import TcoErrError
from tco_errcli.model import ScanEngine

from .counter import Counter


class Engine(Protocol):
    """Counts the error codes of one file (stdin is always counted by python.scan_stream)."""

    name: ScanEngine

    def count(self, path: str, known: frozenset[bytes], progress: Callable[[int], None] | None = None) -> Counter:
        """The counts of path; known: the catalogue's codes, always kept; progress(n) told the bytes read."""
        ...


def resolve(choice: ScanEngine) -> ScanEngine:
    """The engine that runs for a choice: auto is ripgrep when the `fast` extra is installed, else python."""
    if choice is ScanEngine.PYTHON:
        return choice
    from .ripgrep import binary

    if binary():
        return ScanEngine.RIPGREP
    if choice is ScanEngine.RIPGREP:
        raise TcoErrError.of("ripgrep_missing")
    return ScanEngine.PYTHON


def engine_for(choice: ScanEngine) -> Engine:
    """The engine object for a choice (resolved first: auto, or ripgrep without rg, fall to python)."""
    match resolve(choice):
        case ScanEngine.RIPGREP:
            from .ripgrep import RipgrepEngine

            return RipgrepEngine()
        case _:
            from .python import PythonEngine

            return PythonEngine()


def scan_path(
    path: str,
    known: frozenset[bytes] = frozenset(),
    engine: ScanEngine = ScanEngine.PYTHON,
    progress: Callable[[int], None] | None = None,
) -> Counter:
    """Count one file (not stdin) with the engine chosen; ripgrep hands back to python where it cannot help."""
    return engine_for(engine).count(path, known, progress)
