"""Plain text for pipes: stable, uncoloured, one fact per line, tab-separated where rows repeat."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from tco_errcli.model import Entry, Explained, Lang, LookupResult, Report, ScanRow, SearchHit
from tco_errcli.redact import inert
from tco_errcli.render.emit import Emit
from tco_errcli.words import labels_in

from .interface import MAX_SHOWN
from .text import code_spans, folded, product_facts, same_text, shown_message, terraform_place


def _one_line(text: str) -> str:
    return inert(" ".join(text.split()))


def _lines(lines: Sequence[int], count: int, more: str) -> str:
    listed = ", ".join(str(n) for n in lines)
    return listed + (f", … ({count - len(lines)} {more})" if count > len(lines) else "")


def _row(*fields: str) -> str:
    return "\t".join(_one_line(f) for f in fields) + "\n"


class PlainRenderer:
    def __init__(self, out: Emit, lang: Lang, *, fold: bool = True) -> None:
        self.out = out
        self.lang = lang
        self.fold = fold
        self.words = w = labels_in(lang)
        self.t = {"yes": w["plain.yes"], "no": w["plain.no"], "unknown": w["unknown"], "mean": w["mean"]}
        self.t.update(parent=w["plain.parent"], required=w["required"], optional=w["optional"])

    def _line(self, *fields: str) -> None:
        self.out.write(_row(*fields))

    def _field(self, name: str, value: str, **params: str) -> None:
        """One fact as `label: value`; name is a field.* key of the label table."""
        if value:
            self.out.write(f"{self.words['field.' + name].format(**params)}: {_one_line(value)}\n")

    def _entry(self, e: Entry) -> None:
        lang = self.lang
        self._field("code", e.code)
        products, meanings, note = product_facts(e, lang, self.words)
        self._field("products", products)
        self._field("description", e.description.get(lang))
        if lang is Lang.ZH and e.official_zh_differs():  # Tencent's own words beside ours
            self._field("official", str(e.official()["zh"]))
        for meaning in meanings:
            self._field("meaning", meaning)
        self._field("note", note)
        self._field("hint", e.hint.get(lang))
        if e.org_hint is not None:  # lookup knows no product: the Organization part of a common code's advice too
            self._field("organization", e.org_hint.get(lang))
        self._field("retryable", self.t["yes"] if e.retryable else self.t["no"])
        self._field("retry", e.retry_note.get(lang))
        for cause in e.causes(lang):
            self._field("cause", cause)
        for g in e.parameter_groups(lang):
            need = self.t["required"] if g.required else self.t["optional"]
            self._field("parameter", f"{g.name} ({g.type}, {need}) {', '.join(g.actions)}: {g.rule}")
        self._field("versions", ", ".join(e.versions))
        for version, actions in e.actions.items():
            self._field("actions", folded(actions, self.words, self.fold), version=version)
        self._field("related", ", ".join(e.related))
        self._field("aliases", ", ".join(e.aliases))
        for doc in e.docs:
            self._field("docs", doc["url"])

    def lookup(self, result: LookupResult) -> None:
        if result.members:  # a category: its codes, as `list` shows them
            self.entries(result.members)
            return
        if result.entry is None:
            return  # the CLI says "unknown code" and the suggestions on stderr
        if result.match and result.match.value == "parent":
            self._field("query", result.query)
            self._field("match", self.t["parent"])
        self._entry(result.entry)

    def lookup_line(self, result: LookupResult) -> str:
        e = result.entry
        if result.members:
            return _row(result.query, "-", "-", self.words["category_row"].format(count=len(result.members)))
        if e is None:
            note = self.t["unknown"]
            if result.suggestions:
                note += f" ({self.t['mean']}: {', '.join(result.suggestions)})"
            return _row(result.query, "-", "-", note)
        # the RETRYABLE column is a machine value, the same in every language (awk '$3 == "yes"' on any runner)
        return _row(result.query, e.code, "yes" if e.retryable else "no", e.description.get(self.lang))

    def hits(self, hits: Sequence[SearchHit]) -> None:
        for h in hits:
            self._line(f"{h.score:.0f}", h.entry.code, h.entry.description.get(self.lang))

    def entries(self, entries: Sequence[Entry]) -> None:
        for e in entries:
            self._line(e.code, e.description.get(self.lang))

    def _explained(self, n: int, item: Explained) -> None:
        """Diagnosis first (the specific part), then what to do; nothing said twice."""
        f = item.finding
        d = item.to_dict(self.lang)
        self.out.write(f"[{n}] {_one_line(f.code or self.words['no_code'])}\n")
        self._field("file", f.origin)
        self._field("line", str(f.line))
        if item.occurrences > 1:
            self._field("count", str(item.occurrences))
            self._field("lines", _lines(item.lines, item.occurrences, self.words["more_lines"]))
        self._field("source", f.source)
        if f.inferred:
            self._field("inferred", f"{f.confidence:.2f}")
        if item.product is not None and item.other_product:
            self._field("product", f"{item.product.service or item.product.name} ({item.product.evidence})")
        for line in item.diagnosis:
            self._field("diagnosis", line)
        self._field("hint", d["hint"] or "")
        self._field("organization", d["org_hint"] or "")
        if item.policy is not None:
            self._field("policy", json.dumps(item.policy, separators=(",", ":")))
        message = shown_message(f.message)
        self._field("message", message)
        self._field("request_id", f.request_id or "")
        if item.request_id_count > 1:
            self._field("request_ids", str(item.request_id_count))
            self._field("last_request_id", item.last_request_id or "")
        self._field("http_status", str(f.http_status) if f.http_status is not None else "")
        if item.terraform is not None:
            self._field("terraform", terraform_place(item.terraform, self.words["field.line"], self.words))
        if d["parent"]:
            self._field("parent", d["parent"])
        if not same_text(d["description"], message):
            self._field("description", d["description"] or "")
        if item.entry is not None and item.entry.products:
            products, meanings, note = product_facts(item.entry, self.lang, self.words)
            if item.product is None:  # the product it came from is not known: these are only the ones that define it
                self._field("defined_by", products)
            for meaning in meanings:
                self._field("meaning", meaning)
            self._field("note", note)
        if d["retryable"] is not None:
            self._field("retry", d["retry_note"] or (self.t["yes"] if d["retryable"] else self.t["no"]))
        if item.suggestions:
            self._field("mean", ", ".join(item.suggestions))
        self.out.write("\n")

    def finding(self, n: int, item: Explained) -> None:
        self._explained(n, item)

    def repeat(self, n: int, item: Explained, line: int) -> None:
        code = _one_line(item.finding.code or self.words["no_code"])
        self.out.write(self.words["again_line"].format(n=n, code=code, line=line) + "\n")

    def summary(self, report: Report, shown: int) -> None:
        if len(report.errors) > shown:
            listed = code_spans(report.spans(shown), self.words, "x")
            self.out.write(self.words["hidden_line"].format(count=len(report.errors) - shown, codes=_one_line(listed)) + "\n")
        counts_all = code_spans(report.spans(), self.words, "x")
        self.out.write(self.words["summary_line"].format(count=report.total, codes=_one_line(counts_all)) + "\n")
        if report.errors:  # the verdict itself is the same word in every language: scripts read it
            why = self.words[f"verdict.{report.verdict}"]
            self.out.write(self.words["verdict_line"].format(verdict=report.verdict, why=why) + "\n")
        if report.uncapped:
            self.out.write(self.words["beyond_line"].format(count=report.uncapped) + "\n")
        if report.redacted:
            self.out.write(self.words["redacted_line"].format(count=report.redacted) + "\n")

    def report(self, report: Report) -> None:
        shown = min(len(report.errors), MAX_SHOWN)
        for n, item in enumerate(report.errors[:shown], 1):
            self._explained(n, item)
        self.summary(report, shown)

    def scan(self, rows: Sequence[ScanRow], lines: int, *, unlisted: int = 0, engine: str = "python") -> None:
        for r in rows:
            desc = r.entry.description.get(self.lang) if r.entry else self.t["unknown"]
            self._line(str(r.occurrences), r.code, r.first, r.last, desc)  # machine columns: no separators

    def doctor(self, checks: Sequence[dict[str, Any]]) -> None:
        for c in checks:
            self._line(self.words["status." + c["status"]], c["name"], c["detail"])
            if c["hint"]:
                self.out.write(f"  {c['code']}: {_one_line(c['hint'])}\n")
