"""Plain text for pipes: stable, uncoloured, one fact per line, tab-separated where rows repeat."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from tco_errcli.model import Entry, Explained, Lang, LookupResult, Report, ScanRow, SearchHit
from tco_errcli.redact import inert
from tco_errcli.render.emit import Emit

LABELS = {
    Lang.EN: {"yes": "yes", "no": "no", "unknown": "unknown code", "mean": "did you mean", "parent": "parent"},
    Lang.ZH: {"yes": "是", "no": "否", "unknown": "未知错误码", "mean": "您是否要找", "parent": "上级错误码"},
}


def _one_line(text: str) -> str:
    return inert(" ".join(text.split()))


def _row(*fields: str) -> str:
    return "\t".join(_one_line(f) for f in fields) + "\n"


class PlainRenderer:
    def __init__(self, out: Emit, lang: Lang) -> None:
        self.out = out
        self.lang = lang
        self.t = LABELS[lang]

    def _line(self, *fields: str) -> None:
        self.out.write(_row(*fields))

    def _field(self, name: str, value: str) -> None:
        if value:
            self.out.write(f"{name}: {_one_line(value)}\n")

    def _entry(self, e: Entry) -> None:
        lang = self.lang
        self._field("code", e.code)
        self._field("description", e.description.get(lang))
        self._field("hint", e.hint.get(lang))
        self._field("retryable", self.t["yes"] if e.retryable else self.t["no"])
        self._field("retry", e.retry_note.get(lang))
        for cause in e.causes(lang):
            self._field("cause", cause)
        self._field("versions", ", ".join(e.versions))
        for version, actions in e.actions.items():
            self._field(f"actions {version}", ", ".join(actions))
        self._field("related", ", ".join(e.related))
        self._field("aliases", ", ".join(e.aliases))
        for doc in e.docs:
            self._field("docs", doc["url"])

    def lookup(self, result: LookupResult) -> None:
        if result.entry is None:
            return  # the CLI says "unknown code" and the suggestions on stderr
        if result.match and result.match.value == "parent":
            self._field("query", result.query)
            self._field("match", self.t["parent"])
        self._entry(result.entry)

    def lookup_line(self, result: LookupResult) -> str:
        e = result.entry
        if e is None:
            note = self.t["unknown"]
            if result.suggestions:
                note += f" ({self.t['mean']}: {', '.join(result.suggestions)})"
            return _row(result.query, "-", "-", note)
        return _row(result.query, e.code, self.t["yes"] if e.retryable else self.t["no"], e.description.get(self.lang))

    def hits(self, hits: Sequence[SearchHit]) -> None:
        for h in hits:
            self._line(f"{h.score:.0f}", h.entry.code, h.entry.description.get(self.lang))

    def entries(self, entries: Sequence[Entry]) -> None:
        for e in entries:
            self._line(e.code, e.description.get(self.lang))

    def _explained(self, n: int, item: Explained) -> None:
        f = item.finding
        d = item.to_dict(self.lang)
        self.out.write(f"[{n}] {_one_line(f.code or '(no code)')}\n")
        self._field("file", f.origin)
        self._field("line", str(f.line))
        self._field("source", f.source)
        if f.inferred:
            self._field("inferred", f"{f.confidence:.2f}")
        self._field("message", f.message)
        self._field("request_id", f.request_id or "")
        if d["parent"]:
            self._field("parent", d["parent"])
        self._field("description", d["description"] or "")
        self._field("hint", d["hint"] or "")
        if d["retryable"] is not None:
            self._field("retryable", self.t["yes"] if d["retryable"] else self.t["no"])
        if item.suggestions:
            self._field(self.t["mean"], ", ".join(item.suggestions))
        for line in item.diagnosis:
            self._field("diagnosis", line)
        if item.policy is not None:
            self._field("policy", json.dumps(item.policy, separators=(",", ":")))
        self.out.write("\n")

    def report(self, report: Report) -> None:
        for n, item in enumerate(report.errors, 1):
            self._explained(n, item)
        counts = ", ".join(f"{code} x{count}" for code, count in report.summary().items())
        self.out.write(f"summary: {len(report.errors)} error(s): {_one_line(counts)}\n")
        if report.redacted:
            self.out.write(f"redacted: {report.redacted} secret(s) in the input were masked\n")

    def scan(self, rows: Sequence[ScanRow], lines: int) -> None:
        for r in rows:
            desc = r.entry.description.get(self.lang) if r.entry else self.t["unknown"]
            self._line(str(r.occurrences), r.code, str(r.first_line), str(r.last_line), desc)

    def doctor(self, checks: Sequence[dict[str, Any]]) -> None:
        for c in checks:
            self._line(c["status"], c["name"], c["detail"])
            if c["hint"]:
                self.out.write(f"  {c['code']}: {_one_line(c['hint'])}\n")
