"""Rich output for a terminal, the only module that imports rich. Input-derived text is never parsed as markup."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO, cast

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from tco_errcli.model import Entry, Explained, Lang, LookupResult, Report, ScanRow, SearchHit
from tco_errcli.redact import inert
from tco_errcli.render.emit import Emit
from tco_errcli.words import labels_in

from .interface import MAX_SHOWN
from .text import code_spans, folded, product_facts, same_text, shown_message, terraform_place
from .wrap import wrap as cells_wrap


def _t(text: str, style: str = "") -> Text:
    return Text(inert(text), style=style)


DOCTOR_COLUMNS = 70  # narrower than this, doctor puts each check's details under its line
MIN_BESIDE = 16  # cells a description needs beside its code, or the table puts every description under its row


def wrap(text: str, width: int) -> list[str]:
    """wrap.wrap with rich's cell widths (the ones the console lays out with)."""
    return cells_wrap(text, width, cell_len)


class TerminalRenderer:
    def __init__(self, out: Emit, lang: Lang, *, no_color: bool = False, width: int | None = None, fold: bool = True) -> None:
        self.console = Console(
            file=cast(TextIO, out),
            markup=False,
            emoji=False,
            highlight=False,
            no_color=no_color,
            width=width,
            force_terminal=True if not out.isatty() else None,
        )
        self.lang = lang
        self.w = labels_in(lang)
        self.colon = self.w["colon"]
        self.fold = fold

    def _entry_view(self, e: Entry, note: str = "") -> None:
        """One code, no box: each token (code, action, URL) is whole on its line, so a copy is exact."""
        w, lang = self.w, self.lang
        self._whole(_t(e.code, "bold"))
        if note:
            self._para(note, "dim")
        products, meanings, official = product_facts(e, lang, w)
        if products:
            self._label("products")
            self._para(products, "cyan")
        self._label("desc")
        self._para(e.description.get(lang))
        if lang is Lang.ZH and e.official_zh_differs():  # Tencent's own words beside ours
            self._label("official")
            self._para(str(e.official()["zh"]))
        for meaning in meanings:
            self._para(meaning)
        if official:
            self._para(official, "dim")
        self._label("hint", "bold yellow")
        self._para(e.hint.get(lang), "yellow")
        if e.org_hint is not None:  # lookup knows no product: the Organization part of a common code's advice too
            self._label("org_hint", "bold yellow")
            self._para(e.org_hint.get(lang), "yellow")
        retry = _t(f"{w['retry']}{self.colon}", "bold")
        retry.append(inert(w["yes"] if e.retryable else w["no"]), "green" if e.retryable else "red")
        self.console.print(retry)
        self._para(e.retry_note.get(lang), "dim")
        if causes := e.causes(lang):
            self._label("causes")
            for cause in causes:
                self._bullet(cause)
        if groups := e.parameter_groups(lang):
            self._label("params")
            for g in groups:
                need = w["required"] if g.required else w["optional"]
                self._para(f"{g.name} ({g.type}, {need}) {', '.join(g.actions)}", "cyan")
                self._para(g.rule, indent=4)
        self._whole(_t(f"{w['versions']}{self.colon}", "bold") + _t(", ".join(e.versions)))
        acts = [(v, a) for v, a in e.actions.items() if a]
        if acts:
            self._label("actions")
            for version, names in acts:
                self._para(f"{version}: {folded(names, w, self.fold)}")
        if e.aliases:
            self._label("aliases")
            self._para(", ".join(e.aliases), "cyan")
        if e.related:
            self._label("related")
            self._para(folded(e.related, w, self.fold), "cyan")
        if e.docs:
            self._label("docs")
            for doc in e.docs:  # URLs on lines of their own, never wrapped by us
                self._whole(_t("  " + doc["url"], "blue"))

    def lookup(self, result: LookupResult) -> None:
        if result.members:  # a category: its codes, as `list` shows them
            self.entries(result.members)
            return
        if result.entry is None:
            return
        note = f"{self.w['parent']}{self.colon}{result.query}" if result.match and result.match.value == "parent" else ""
        self._entry_view(result.entry, note)

    def lookup_line(self, result: LookupResult) -> str:
        e = result.entry
        if result.members:
            line = _t(f"{result.query}\t" + self.w["category_row"].format(count=len(result.members)), "dim")
        elif e is None:
            line = _t(f"{result.query}\t{self.w['unknown']}", "red")
            if result.suggestions:
                line.append(f" ({self.w['mean']}{self.colon}{', '.join(result.suggestions)})", style="dim")
        else:
            line = _t(f"{result.query}\t", "dim")
            line.append(e.code, style="bold")
            line.append("\t" + inert(e.description.get(self.lang)))
        with self.console.capture() as capture:
            self.console.print(line, soft_wrap=True)
        return capture.get()

    def _rows(self, headers: Sequence[str], rows: Sequence[Sequence[Text]], code: int) -> None:
        """Rows whose code never wraps and whose last cell (a description) is cut to what the line has left.

        The code column is as wide as the codes while descriptions keep MIN_BESIDE cells beside them, else up to
        half the screen: a longer code runs past it on its own row. A row whose cells before the description do
        not fit the width puts its code on a line of its own, the other cells and the description under it.
        """
        width = self.console.width
        widths = [max([cell_len(str(h)), *(r[i].cell_len for r in rows)]) for i, h in enumerate(headers)]
        if sum(widths[:-1]) + 2 * (len(widths) - 1) + MIN_BESIDE > width:
            widths[code] = min(widths[code], max(16, width // 2))

        def lead(cells: Sequence[Text]) -> Text:
            line = Text()
            for i, cell in enumerate(cells):
                line.append_text(cell)
                line.append(" " * max(widths[i] - cell.cell_len, 0) + "  ")
            return line

        # one layout for the whole table: when one row's code does not fit beside the cells before it, every row
        # puts its code on a line of its own and the other cells and the description under it; when one row's
        # description would have no room beside it, every row puts its description under it (a table mixing
        # layouts reads as two tables)
        if any(lead(r[:-1]).cell_len - 2 > width for r in rows):
            widths.pop(code)

            def split(cells: Sequence[Text]) -> None:
                self._whole(cells[code])
                under = Text("  ").append_text(lead([c for i, c in enumerate(cells[:-1]) if i != code]))
                last = cells[-1].copy()
                last.truncate(max(width - under.cell_len, 8), overflow="ellipsis")
                self.console.print(under.append_text(last), no_wrap=True, overflow="ignore", soft_wrap=True)

            split([_t(h, "bold") for h in headers])
            self.console.print(_t("─" * width, "dim"))
            for row in rows:
                split(row)
            return
        stacked = any(width - min(lead(r[:-1]).cell_len, width) < MIN_BESIDE for r in rows)

        def show(line: Text, last: Text) -> None:
            room = 0 if stacked and line is not header else width - line.cell_len
            if room >= 8:
                cut = last.copy()
                cut.truncate(room, overflow="ellipsis")
                line.append_text(cut)
            line.rstrip()
            self.console.print(line, no_wrap=True, overflow="ignore", soft_wrap=True)
            if room < 8 and line is not header:  # no room left on this line: the description under it, indented
                cut = Text("  ").append_text(last)
                cut.truncate(width, overflow="ellipsis")
                self.console.print(cut, no_wrap=True, overflow="ignore", soft_wrap=True)

        header = lead([_t(h, "bold") for h in headers[:-1]])
        show(header, _t(headers[-1], "bold"))
        self.console.print(_t("─" * min(width, header.cell_len + max(widths[-1], cell_len(headers[-1]))), "dim"))
        for row in rows:
            show(lead(row[:-1]), row[-1])

    def hits(self, hits: Sequence[SearchHit]) -> None:
        rows = [[_t(f"{h.score:.0f}", "dim"), _t(h.entry.code, "bold"), _t(h.entry.description.get(self.lang))] for h in hits]
        self._rows([self.w["score"], self.w["code"], self.w["desc"]], rows, code=1)

    def entries(self, entries: Sequence[Entry]) -> None:
        rows = [[_t(e.code, "bold"), _t(e.description.get(self.lang))] for e in entries]
        self._rows([self.w["code"], self.w["desc"]], rows, code=0)

    def _label(self, key: str, style: str = "bold") -> None:
        self.console.print(_t(self.w[key], style))

    def _para(self, text: str, style: str = "", indent: int = 2) -> None:
        """Prose under an indent, wrapped at spaces and between CJK characters, never inside a token (see wrap)."""
        for line in wrap(inert(text), max(self.console.width - indent, 20)):
            self.console.print(Text(" " * indent + line, style=style), soft_wrap=True)

    def _bullet(self, text: str, indent: int = 2) -> None:
        """A bullet with a hanging indent: its later lines start under its text, not under the bullet."""
        for i, line in enumerate(wrap(inert(text), max(self.console.width - indent - 2, 20))):
            self.console.print(Text(" " * indent + ("• " if i == 0 else "  ") + line), soft_wrap=True)

    def _labelled(self, label: str, text: str, style: str = "") -> None:
        """`Label: text` with the label bold and the text's later lines indented under it."""
        head = inert(label) + self.colon
        for i, line in enumerate(wrap(head + inert(text), max(self.console.width - 2, 20))):
            if i == 0:
                shown = _t(head, "bold")
                shown.append(line[len(head) :].lstrip(), style=style)
                self.console.print(shown, soft_wrap=True)
            else:
                self.console.print(Text("  " + line, style=style), soft_wrap=True)

    def _whole(self, text: Text) -> None:
        """A line never wrapped by us (a code, a RequestId, a URL, JSON): the terminal may fold it, a copy is whole."""
        self.console.print(text, soft_wrap=True)

    def finding(self, n: int, item: Explained) -> None:
        """Diagnosis first (the specific part), then what to do; no box, so every token copies cleanly."""
        w, f = self.w, item.finding
        d = item.to_dict(self.lang)
        head = _t(f"[{n}] ", "dim")
        head.append(inert(f.code or self.w["no_code"]), style="bold red")
        if item.occurrences > 1:
            head.append(f"  ×{item.occurrences}", style="bold")
        if f.inferred:
            head.append(f"  ({w['inferred']}, {f.confidence:.0%})", style="dim")
        self._whole(head)
        where = f"{f.origin} · " if f.origin else ""
        lines = ", ".join(str(x) for x in item.lines[:12]) if item.occurrences > 1 else str(f.line)
        more = " …" if item.occurrences > 12 else ""
        self._whole(_t(f"{where}{w['line']} {lines}{more} · {f.source}", "dim"))
        if item.diagnosis:
            self._label("diagnosis", "bold magenta")
            for line in item.diagnosis:
                self._bullet(line)
        if d["hint"]:
            self._label("hint", "bold yellow")
            self._para(d["hint"], "yellow")
        if d["org_hint"]:
            self._label("org_hint", "bold yellow")
            self._para(d["org_hint"], "yellow")
        if item.policy is not None:
            self._label("policy")
            self._whole(_t(json.dumps(item.policy, indent=2)))
        message = shown_message(f.message)
        if message:
            self._label("message")
            self._para(message, "italic")
        if f.request_id:
            rid = _t(f"{w['request']}{self.colon}", "bold")
            rid.append(inert(f.request_id))
            self._whole(rid)
            if item.request_id_count > 1 and item.last_request_id:
                last = _t(f"{w['request_last'].format(count=item.request_id_count)}: ", "bold")
                last.append(inert(item.last_request_id))
                self._whole(last)
        if f.http_status is not None:
            self._whole(_t(f"{w['http_status']}{self.colon}{f.http_status}", "bold"))
        if item.terraform is not None:
            place = _t(f"{w['terraform']}{self.colon}", "bold")
            place.append(inert(terraform_place(item.terraform, w["line"], w)))
            self._whole(place)
        if d["description"] and not same_text(d["description"], message):
            self._label("desc")
            self._para(d["description"])
        if item.entry is not None and item.entry.products:
            products, meanings, official = product_facts(item.entry, self.lang, w)
            if item.product is None:  # the product it came from is not known: these are only the ones that define it
                self._label("defined_by")
                self._para(products, "cyan")
            for meaning in meanings:
                self._para(meaning)
            if official:
                self._para(official, "dim")
        if d["retryable"] is not None:
            note = d["retry_note"] or (w["yes"] if d["retryable"] else w["no"])
            self._labelled(w["retry"], note, "green" if d["retryable"] else "red")
        if item.suggestions:
            mean = _t(f"{w['mean']}{self.colon}", "bold")
            mean.append(inert(", ".join(item.suggestions)), "cyan")
            self._whole(mean)
        self.console.print()

    def repeat(self, n: int, item: Explained, line: int) -> None:
        text = _t(f"[{n}] ", "dim")
        text.append(inert(item.finding.code or self.w["no_code"]), style="bold")
        text.append(f" {self.w['again']} {self.w['line']} {line}", style="dim")
        self._whole(text)

    def summary(self, report: Report, shown: int) -> None:
        if len(report.errors) > shown:
            listed = code_spans(report.spans(shown), self.w, "×")
            self._para(f"{self.w['hidden'].format(n=len(report.errors) - shown)}: {listed}", "dim", indent=0)
        counts_all = code_spans(report.spans(), self.w, "×")
        self._labelled(self.w["summary"], f"{report.total} — {counts_all}", "bold")
        if report.errors:
            why = self.w[f"verdict.{report.verdict}"]
            style = {"retry": "green", "fix": "red"}.get(report.verdict, "yellow")
            self._para(self.w["verdict_term"].format(verdict=report.verdict, why=why), style, indent=0)
        if report.uncapped:
            self._para(self.w["beyond_line"].format(count=report.uncapped), "dim", indent=0)
        if report.redacted:
            self._para(f"{report.redacted} {self.w['redacted']}", "yellow", indent=0)

    def report(self, report: Report) -> None:
        shown = min(len(report.errors), MAX_SHOWN)
        for n, item in enumerate(report.errors[:shown], 1):
            self.finding(n, item)
        self.summary(report, shown)

    def scan(self, rows: Sequence[ScanRow], lines: int, *, unlisted: int = 0, engine: str = "python") -> None:
        w = self.w
        cells = [
            [
                _t(f"{r.occurrences:,}", "bold"),
                _t(r.code, "bold"),
                _t(r.first),
                _t(r.last),
                _t(r.entry.description.get(self.lang) if r.entry else w["unknown"]),
            ]
            for r in rows
        ]
        self._rows([w["count"], w["code"], w["first"], w["last"], w["desc"]], cells, code=1)
        total = sum(r.occurrences for r in rows)
        self._para(w["scan_total"].format(total=f"{total:,}", codes=f"{len(rows):,}", lines=f"{lines:,}"), "bold", indent=0)

    def doctor(self, checks: Sequence[dict[str, Any]]) -> None:
        """Status, check and details in columns, the details wrapped under their own column and never inside a
        token (a path, a URL, an export line); below DOCTOR_COLUMNS, each check's details go under its line."""
        styles = {"pass": "green", "warn": "yellow", "fail": "bold red", "info": "cyan"}
        labels = {c["status"]: self.w["status." + c["status"]].upper() for c in checks}
        status_w = max((cell_len(label) for label in labels.values()), default=0)
        name_w = max((cell_len(c["name"]) for c in checks), default=0)
        width = self.console.width
        stacked = width < DOCTOR_COLUMNS
        indent = 4 if stacked else 1 + status_w + 2 + name_w + 2
        for c in checks:
            label = labels[c["status"]]
            head = _t(" ")
            head.append(label + " " * (status_w - cell_len(label)), style=styles.get(c["status"], ""))
            head.append("  ")
            head.append(inert(c["name"]), style="bold")
            lines = wrap(inert(c["detail"]), max(width - indent, 20))
            if not stacked and lines:
                head.append(" " * (name_w - cell_len(c["name"]) + 2) + lines.pop(0))
            self._whole(head)
            for line in lines:
                self._whole(_t(" " * indent + line))
            if c["hint"]:
                for line in wrap(inert(f"{c['code']}: {c['hint']}"), max(width - indent, 20)):
                    self._whole(_t(" " * indent + line, "dim"))


@contextmanager
def progress(stream: TextIO, label: str, total: int | None) -> Iterator[Callable[..., None]]:
    """A progress bar on stderr for long work on a terminal, cleared at the end; yields advance(n_bytes,
    status=None): status, when given, is shown after the label (explain's findings so far)."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

    console = Console(file=stream, markup=False, highlight=False)
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(inert(label), total=total)

        def advance(n: int, status: str | None = None) -> None:
            if status is None:
                bar.advance(task, n)
            else:
                bar.update(task, advance=n, description=inert(f"{label} · {status}"))

        yield advance
