"""What an output format is: one method per kind of result; renderers never call the core."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from tco_errcli.model import Entry, LookupResult, Report, ScanRow, SearchHit


class Renderer(Protocol):
    def lookup(self, result: LookupResult) -> None: ...

    def lookup_line(self, result: LookupResult) -> str:
        """One result of a batch lookup (lookup -) as one line of text, newline included."""

    def hits(self, hits: Sequence[SearchHit]) -> None: ...

    def entries(self, entries: Sequence[Entry]) -> None: ...

    def report(self, report: Report) -> None: ...

    def scan(self, rows: Sequence[ScanRow], lines: int, *, unlisted: int = 0, engine: str = "python") -> None:
        """unlisted: occurrences of codes beyond the cap on distinct unknown codes; engine: which one counted."""

    def doctor(self, checks: Sequence[dict[str, Any]]) -> None: ...
