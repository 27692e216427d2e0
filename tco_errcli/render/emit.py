"""The one way out for every renderer: model objects are masked before rendering, written text is sealed.

`render.get()` never hands a renderer the caller's stream or an unmasked model object:
- every Renderer method is called through `Masked`, which passes each input-derived string of its
  arguments through `Masker.mask` (learning from it, decoding escapes that hide a secret) — catalogue
  entries are the tool's own text and are left as they are;
- the renderer writes only to an `Emit`, whose `write` replaces every learned secret value (raw,
  JSON-escaped, URL-encoded) in what is written, whatever the renderer built around it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from tco_errcli.model import Entry, Explained, LookupResult, Report, ScanRow, SearchHit
from tco_errcli.redact import Masker, scrub

from .interface import Renderer

MIN_WIDTH = 20
MAX_WIDTH = 1000


def clamp_width(width: int | None) -> int | None:
    """A usable terminal width: COLUMNS=0 would print nothing, COLUMNS=99999999 would build gigabyte lines."""
    return None if width is None else max(MIN_WIDTH, min(width, MAX_WIDTH))


class Stream(Protocol):
    """Where output goes: a text stream (sys.stdout, the CLI's safe wrapper of it, a StringIO in tests)."""

    def write(self, text: str, /) -> int: ...

    def flush(self) -> None: ...

    def isatty(self) -> bool: ...


class Emit:
    """The stream a renderer writes to: text passes `Masker.seal` on its way to the real stream."""

    def __init__(self, out: Stream, masker: Masker) -> None:
        self._out = out
        self._masker = masker

    def write(self, text: str) -> int:
        self._out.write(self._masker.seal(text))
        return len(text)

    def write_document(self, text: str) -> None:
        """A JSON document serialised from values already masked (json.py): masking the text again would turn
        a key into [REDACTED] where a password was "count"."""
        self._out.write(text)

    def flush(self) -> None:
        self._out.flush()

    def isatty(self) -> bool:
        return bool(self._out.isatty())

    @property
    def encoding(self) -> str:
        return getattr(self._out, "encoding", None) or "utf-8"


class Masked:
    """A Renderer whose every call passes through the masker (see the module docstring)."""

    def __init__(self, inner: Renderer, masker: Masker) -> None:
        self._inner = inner
        self._masker = masker

    def lookup(self, result: LookupResult) -> None:
        self._inner.lookup(scrub(result, self._masker))

    def lookup_line(self, result: LookupResult) -> str:
        line = self._inner.lookup_line(scrub(result, self._masker))
        return line if getattr(self._inner, "masked_by_field", False) else self._masker.seal(line)

    def hits(self, hits: Sequence[SearchHit]) -> None:
        self._inner.hits(scrub(list(hits), self._masker))

    def entries(self, entries: Sequence[Entry]) -> None:
        self._inner.entries(entries)

    def report(self, report: Report) -> None:
        self._inner.report(self._counted(scrub(report, self._masker)))

    def finding(self, n: int, item: Explained) -> None:
        self._inner.finding(n, scrub(item, self._masker))

    def repeat(self, n: int, item: Explained, line: int) -> None:
        self._inner.repeat(n, scrub(item, self._masker), line)

    def summary(self, report: Report, shown: int) -> None:
        self._inner.summary(self._counted(scrub(report, self._masker)), shown)

    def _counted(self, report: Report) -> Report:
        """The count of secrets masked, those known by their shape only as the findings were shown included."""
        return report._replace(redacted=max(report.redacted, self._masker.count))

    def scan(self, rows: Sequence[ScanRow], lines: int, *, unlisted: int = 0, engine: str = "python") -> None:
        # scrub also hides an unknown "code" shaped like a key: scan counts without reading its input through the masker
        self._inner.scan(scrub(list(rows), self._masker), lines, unlisted=unlisted, engine=engine)

    def doctor(self, checks: Sequence[dict[str, Any]]) -> None:
        # doctor's rows are built by doctor.py, which shows secrets as their last 4 characters at most;
        # the learned values are still taken out of them, without learning from the catalogue hints inside
        self._inner.doctor([{k: self._masker.seal(v) if isinstance(v, str) else v for k, v in c.items()} for c in checks])
