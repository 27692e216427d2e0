"""What an output format is: one method per kind of result; renderers never call the core."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from tco_errcli.model import Entry, Explained, LookupResult, Report, ScanRow, SearchHit

MAX_SHOWN = 200  # distinct findings shown in full by text formats; the rest are summarised by code


class Renderer(Protocol):
    def lookup(self, result: LookupResult) -> None: ...

    def lookup_line(self, result: LookupResult) -> str:
        """One result of a batch lookup (lookup -) as one line of text, newline included."""

    def hits(self, hits: Sequence[SearchHit]) -> None: ...

    def entries(self, entries: Sequence[Entry]) -> None: ...

    def report(self, report: Report) -> None:
        """A whole explain report: each finding (at most MAX_SHOWN in text formats), then the summary."""

    def finding(self, n: int, item: Explained) -> None:
        """One finding, as soon as it is found (explain on a pipe or terminal)."""

    def repeat(self, n: int, item: Explained, line: int) -> None:
        """Finding n occurred again on line (text formats print a short line; JSON waits for the summary)."""

    def summary(self, report: Report, shown: int) -> None:
        """The end of an explain report: counts by code, and what was not shown (findings after the first `shown`)."""

    def scan(self, rows: Sequence[ScanRow], lines: int, *, unlisted: int = 0, engine: str = "python") -> None:
        """unlisted: occurrences of codes beyond the cap on distinct unknown codes; engine: which one counted."""

    def doctor(self, checks: Sequence[dict[str, Any]]) -> None: ...
