"""Rich output for a terminal, the only module that imports rich. Input-derived text is never parsed as markup."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO, cast

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tco_errcli.model import Entry, Explained, Lang, LookupResult, Report, ScanRow, SearchHit
from tco_errcli.redact import inert
from tco_errcli.render.emit import Emit

from .interface import MAX_SHOWN, same_text, shown_message

FOLD_AT = 8
WORDS = {
    Lang.EN: {
        "desc": "Description",
        "hint": "What to do",
        "retry": "Retry",
        "yes": "retryable",
        "no": "not retryable",
        "causes": "Usual causes",
        "params": "Parameters",
        "required": "required",
        "optional": "optional",
        "versions": "API versions",
        "actions": "Returned by",
        "related": "Related",
        "aliases": "Same error as",
        "docs": "Docs",
        "more": "more",
        "parent": "Unknown sub-code; showing its parent",
        "code": "Code",
        "score": "Score",
        "count": "Count",
        "first": "First",
        "last": "Last",
        "unknown": "unknown code",
        "message": "Message",
        "request": "RequestId",
        "diagnosis": "Diagnosis",
        "policy": "Minimal CAM policy",
        "inferred": "inferred from the message",
        "summary": "Summary",
        "redacted": "secret(s) in the input were masked",
        "mean": "Did you mean",
        "org_hint": "For Organization",
        "line": "line",
        "again": "again on",
        "hidden": "{n} more distinct finding(s) not shown",
    },
    Lang.ZH: {
        "desc": "说明",
        "hint": "处理建议",
        "retry": "重试",
        "yes": "可重试",
        "no": "不可重试",
        "causes": "常见原因",
        "params": "参数",
        "required": "必填",
        "optional": "选填",
        "versions": "API 版本",
        "actions": "返回该错误的接口",
        "related": "相关错误码",
        "aliases": "同一错误",
        "docs": "文档",
        "more": "个未显示",
        "parent": "未知子错误码，显示其上级错误码",
        "code": "错误码",
        "score": "得分",
        "count": "次数",
        "first": "首行",
        "last": "末行",
        "unknown": "未知错误码",
        "message": "错误信息",
        "request": "RequestId",
        "diagnosis": "诊断",
        "policy": "最小 CAM 策略",
        "inferred": "根据错误信息推断",
        "summary": "汇总",
        "redacted": "处输入中的密钥已隐藏",
        "mean": "您是否要找",
        "org_hint": "集团账号管理",
        "line": "行",
        "again": "再次出现于",
        "hidden": "另有 {n} 个不同的错误未显示",
    },
}


def _t(text: str, style: str = "") -> Text:
    return Text(inert(text), style=style)


def _fold(items: Sequence[str], more: str) -> str:
    shown = ", ".join(items[:FOLD_AT])
    return shown + (f" … (+{len(items) - FOLD_AT} {more})" if len(items) > FOLD_AT else "")


class TerminalRenderer:
    def __init__(self, out: Emit, lang: Lang, *, no_color: bool = False, width: int | None = None) -> None:
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
        self.w = WORDS[lang]

    def _entry_panel(self, e: Entry, subtitle: str = "") -> Panel:
        w, lang = self.w, self.lang
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")  # long URLs and IDs wrap instead of being cut
        grid.add_row(_t(w["desc"]), _t(e.description.get(lang)))
        grid.add_row(_t(w["hint"], "bold yellow"), _t(e.hint.get(lang), "yellow"))
        retry = _t(w["yes"] if e.retryable else w["no"], "green" if e.retryable else "red")
        retry.append(Text(" — " + inert(e.retry_note.get(lang)), style="dim"))
        grid.add_row(_t(w["retry"]), retry)
        if causes := e.causes(lang):
            grid.add_row(_t(w["causes"]), _t("\n".join(f"• {c}" for c in causes)))
        if groups := e.parameter_groups(lang):
            rows = Text()
            for i, g in enumerate(groups):
                need = w["required"] if g.required else w["optional"]
                rows.append(("\n" if i else "") + inert(g.name), style="bold cyan")
                rows.append(inert(f" ({g.type}, {need}) {', '.join(g.actions)}"), style="dim")
                rows.append("\n" + inert(g.rule))
            grid.add_row(_t(w["params"]), rows)
        grid.add_row(_t(w["versions"]), _t(", ".join(e.versions)))
        acts = [f"{v}: {_fold(a, w['more'])}" for v, a in e.actions.items() if a]
        if acts:
            grid.add_row(_t(w["actions"]), _t("\n".join(acts)))
        if e.aliases:
            grid.add_row(_t(w["aliases"]), _t(", ".join(e.aliases), "cyan"))
        if e.related:
            grid.add_row(_t(w["related"]), _t(_fold(e.related, w["more"]), "cyan"))
        if e.docs:
            grid.add_row(_t(w["docs"]), _t("\n".join(d["url"] for d in e.docs), "blue"))
        return Panel(
            grid, title=_t(e.code, "bold"), subtitle=_t(subtitle) if subtitle else None, title_align="left", box=box.ROUNDED
        )

    def lookup(self, result: LookupResult) -> None:
        if result.entry is None:
            return
        sub = f"{self.w['parent']}: {result.query}" if result.match and result.match.value == "parent" else ""
        self.console.print(self._entry_panel(result.entry, sub))

    def lookup_line(self, result: LookupResult) -> str:
        e = result.entry
        if e is None:
            line = _t(f"{result.query}\t{self.w['unknown']}", "red")
            if result.suggestions:
                line.append(f" ({self.w['mean']}: {', '.join(result.suggestions)})", style="dim")
        else:
            line = _t(f"{result.query}\t", "dim")
            line.append(e.code, style="bold")
            line.append("\t" + inert(e.description.get(self.lang)))
        with self.console.capture() as capture:
            self.console.print(line, soft_wrap=True)
        return capture.get()

    def _table(self, *headers: str) -> Table:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False)
        for h in headers:
            table.add_column(_t(h), overflow="fold")
        return table

    def hits(self, hits: Sequence[SearchHit]) -> None:
        table = self._table(self.w["score"], self.w["code"], self.w["desc"])
        for h in hits:
            table.add_row(_t(f"{h.score:.0f}", "dim"), _t(h.entry.code, "bold"), _t(h.entry.description.get(self.lang)))
        self.console.print(table)

    def entries(self, entries: Sequence[Entry]) -> None:
        table = self._table(self.w["code"], self.w["desc"])
        for e in entries:
            table.add_row(_t(e.code, "bold"), _t(e.description.get(self.lang)))
        self.console.print(table)

    def _label(self, key: str, style: str = "bold") -> None:
        self.console.print(_t(self.w[key], style))

    def _para(self, text: str, style: str = "") -> None:
        """Prose, wrapped at spaces under a 2-column indent: a token shorter than the width is never split."""
        self.console.print(Padding(_t(text, style), (0, 0, 0, 2)))

    def _whole(self, text: Text) -> None:
        """A line never wrapped by us (a code, a RequestId, a URL, JSON): the terminal may fold it, a copy is whole."""
        self.console.print(text, soft_wrap=True)

    def finding(self, n: int, item: Explained) -> None:
        """Diagnosis first (the specific part), then what to do; no box, so every token copies cleanly."""
        w, f = self.w, item.finding
        d = item.to_dict(self.lang)
        head = _t(f"[{n}] ", "dim")
        head.append(inert(f.code or "(no code)"), style="bold red")
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
                self._para(f"• {line}")
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
            rid = _t(f"{w['request']}: ", "bold")
            rid.append(inert(f.request_id))
            self._whole(rid)
        if d["description"] and not same_text(d["description"], message):
            self._label("desc")
            self._para(d["description"])
        if d["retryable"] is not None:
            retry = _t(f"{w['retry']}: ", "bold")
            retry.append(
                inert(d["retry_note"] or (w["yes"] if d["retryable"] else w["no"])), "green" if d["retryable"] else "red"
            )
            self.console.print(retry)
        if item.suggestions:
            mean = _t(f"{w['mean']}: ", "bold")
            mean.append(inert(", ".join(item.suggestions)), "cyan")
            self._whole(mean)
        self.console.print()

    def repeat(self, n: int, item: Explained, line: int) -> None:
        text = _t(f"[{n}] ", "dim")
        text.append(inert(item.finding.code or "(no code)"), style="bold")
        text.append(f" {self.w['again']} {self.w['line']} {line}", style="dim")
        self._whole(text)

    def summary(self, report: Report, shown: int) -> None:
        hidden = report.errors[shown:]
        if hidden:
            counts: dict[str, int] = {}
            for item in hidden:
                key = item.finding.code or "(unknown)"
                counts[key] = counts.get(key, 0) + item.occurrences
            listed = ", ".join(f"{code} ×{count}" for code, count in sorted(counts.items(), key=lambda kv: -kv[1]))
            self.console.print(_t(f"{self.w['hidden'].format(n=len(hidden))}: {listed}", "dim"))
        counts_all = ", ".join(f"{code} ×{count}" for code, count in report.summary().items())
        self.console.print(_t(f"{self.w['summary']}: {report.total} — {counts_all}", "bold"))
        if report.redacted:
            self.console.print(_t(f"{report.redacted} {self.w['redacted']}", "yellow"))

    def report(self, report: Report) -> None:
        shown = min(len(report.errors), MAX_SHOWN)
        for n, item in enumerate(report.errors[:shown], 1):
            self.finding(n, item)
        self.summary(report, shown)

    def scan(self, rows: Sequence[ScanRow], lines: int) -> None:
        table = self._table(self.w["count"], self.w["code"], self.w["first"], self.w["last"], self.w["desc"])
        for r in rows:
            desc = r.entry.description.get(self.lang) if r.entry else self.w["unknown"]
            table.add_row(
                _t(str(r.occurrences), "bold"), _t(r.code, "bold"), _t(str(r.first_line)), _t(str(r.last_line)), _t(desc)
            )
        self.console.print(table)

    def doctor(self, checks: Sequence[dict[str, Any]]) -> None:
        styles = {"pass": "green", "warn": "yellow", "fail": "bold red", "info": "cyan"}
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, show_header=False)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(overflow="fold")
        for c in checks:
            detail = _t(c["detail"])
            if c["hint"]:
                detail.append("\n" + inert(f"{c['code']}: {c['hint']}"), style="dim")
            table.add_row(_t(c["status"].upper(), styles.get(c["status"], "")), _t(c["name"], "bold"), detail)
        self.console.print(table)


@contextmanager
def progress(stream: TextIO, label: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr for long scans on a terminal; yields advance(n_bytes)."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

    console = Console(file=stream, markup=False, highlight=False)
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(inert(label), total=total)
        yield lambda n: bar.advance(task, n)
