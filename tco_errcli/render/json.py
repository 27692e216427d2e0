"""JSON output: the model's to_dict(), serialised; one document per command, JSON lines for batches."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from tco_errcli.model import Entry, Explained, Lang, LookupResult, Report, ScanRow, SearchHit
from tco_errcli.redact import json_safe
from tco_errcli.render.emit import Emit


class JsonRenderer:
    """One document per command; with lines=True (explain --json-lines) one finding per line as it comes.

    It is given values already masked field by field (emit.Masked scrubs every call), and the document is not
    masked again once serialised: a secret equal to a key ("count"), to a code or to JSON's punctuation
    cannot break it."""

    masked_by_field = True

    def __init__(self, out: Emit, lang: Lang, *, lines: bool = False) -> None:
        self.out = out
        self.lang = lang
        self.lines = lines

    def _text(self, data: Any, *, indent: int | None) -> str:
        return json_safe(json.dumps(data, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":")))

    def _dump(self, data: Any, *, indent: int | None = 2) -> None:
        self.out.write_document(self._text(data, indent=indent) + "\n")

    def lookup(self, result: LookupResult) -> None:
        self._dump(result.to_dict(self.lang))

    def lookup_line(self, result: LookupResult) -> str:
        return self._text(result.to_dict(self.lang), indent=None) + "\n"

    def hits(self, hits: Sequence[SearchHit]) -> None:
        self._dump([h.to_dict(self.lang) for h in hits])

    def entries(self, entries: Sequence[Entry]) -> None:
        self._dump([e.to_dict(self.lang) for e in entries])

    def report(self, report: Report) -> None:
        if not self.lines:
            self._dump(report.to_dict(self.lang))
            return
        for n, item in enumerate(report.errors, 1):
            self.finding(n, item)
        self.summary(report, len(report.errors))

    def finding(self, n: int, item: Explained) -> None:
        if self.lines:
            self._dump({"finding": n, **item.to_dict(self.lang)}, indent=None)
            self.out.flush()

    def repeat(self, n: int, item: Explained, line: int) -> None:
        """Repeats are counted in the summary line, which lists each finding's count and lines."""

    def summary(self, report: Report, shown: int) -> None:
        if not self.lines:
            self._dump(report.to_dict(self.lang))
            return
        counts = [{"finding": n, "count": e.occurrences, "lines": list(e.lines)} for n, e in enumerate(report.errors, 1)]
        self._dump({"summary": report.summary_dict(), "counts": counts, "redacted": report.redacted}, indent=None)

    def scan(self, rows: Sequence[ScanRow], lines: int, *, unlisted: int = 0, engine: str = "python") -> None:
        total = sum(r.occurrences for r in rows)
        codes = [r.to_dict(self.lang) for r in rows]
        self._dump({"lines": lines, "total": total, "codes": codes, "unlisted": unlisted, "engine": engine})

    def doctor(self, checks: Sequence[dict[str, Any]]) -> None:
        self._dump({"ok": not any(c["status"] == "fail" for c in checks), "checks": list(checks)})
