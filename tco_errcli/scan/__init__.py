"""scan: count every error code in logs of any size, streaming, in constant memory.

counter.py counts (two regex passes, a Counter per input, merged in order); engine.py says what an engine is and
maps --engine to one: python.py reads and counts itself, ripgrep.py lets rg find the matches; files.py runs
several files one per process. Calling the package, `tco_errcli.scan(lines)`, is the Python API's scan (api.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from tco_errcli.catalog import Catalog
from tco_errcli.model import ScanRow
from tco_errcli.public import public_package

from .counter import Counter, known_codes, rows
from .engine import Engine, engine_for, resolve, scan_path
from .files import default_jobs, expand, scan_paths
from .python import scan_stream

__all__ = [
    "Counter",
    "Engine",
    "default_jobs",
    "engine_for",
    "expand",
    "known_codes",
    "resolve",
    "rows",
    "scan_lines",
    "scan_path",
    "scan_paths",
    "scan_stream",
]


def scan_lines(lines: Iterable[bytes | str], catalog: Catalog) -> tuple[list[ScanRow], Counter]:
    """For the Python API: count codes over an iterable of lines (with or without their newlines)."""
    counter = Counter(known_codes(catalog))
    for line in lines:
        data = line.encode("utf-8", errors="replace") if isinstance(line, str) else line
        counter.feed(data if data.endswith(b"\n") else data + b"\n")
    return rows(counter, catalog), counter


public_package(__name__)
