"""Rich output for a terminal, the only module that imports rich. Input-derived text is never parsed as markup."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO, cast

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tco_errcli.model import Entry, Explained, Lang, LookupResult, Report, ScanRow, SearchHit
from tco_errcli.redact import inert
from tco_errcli.render.emit import Emit

FOLD_AT = 8
WORDS = {
    Lang.EN: {
        "desc": "Description",
        "hint": "What to do",
        "retry": "Retry",
        "yes": "retryable",
        "no": "not retryable",
        "causes": "Usual causes",
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
    },
    Lang.ZH: {
        "desc": "说明",
        "hint": "处理建议",
        "retry": "重试",
        "yes": "可重试",
        "no": "不可重试",
        "causes": "常见原因",
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

    def _explained(self, n: int, item: Explained) -> Panel:
        w, f = self.w, item.finding
        d = item.to_dict(self.lang)
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")  # long URLs and IDs wrap instead of being cut
        if f.message:
            grid.add_row(_t(w["message"]), _t(f.message, "italic"))
        if f.request_id:
            grid.add_row(_t(w["request"]), _t(f.request_id))
        if d["description"]:
            grid.add_row(_t(w["desc"]), _t(d["description"]))
        if d["hint"]:
            grid.add_row(_t(w["hint"], "bold yellow"), _t(d["hint"], "yellow"))
        if d["retryable"] is not None:
            grid.add_row(_t(w["retry"]), _t(w["yes"] if d["retryable"] else w["no"], "green" if d["retryable"] else "red"))
        if item.suggestions:
            grid.add_row(_t(w["mean"]), _t(", ".join(item.suggestions), "cyan"))
        if item.diagnosis:
            grid.add_row(_t(w["diagnosis"], "bold magenta"), _t("\n".join(f"• {x}" for x in item.diagnosis)))
        parts: list[Table | Text] = [grid]
        if item.policy is not None:
            parts.append(_t(w["policy"] + ":", "bold"))
            parts.append(_t(json.dumps(item.policy, indent=2), "green"))
        title = _t(f"[{n}] ", "dim")
        title.append(inert(f.code or "(no code)"), style="bold red")
        if f.inferred:
            title.append(f"  ({w['inferred']}, {f.confidence:.0%})", style="dim")
        where = f"{f.origin} · " if f.origin else ""
        sub = _t(f"{where}line {f.line} · {f.source}", "dim")
        return Panel(Group(*parts), title=title, subtitle=sub, title_align="left", box=box.ROUNDED)

    def report(self, report: Report) -> None:
        for n, item in enumerate(report.errors, 1):
            self.console.print(self._explained(n, item))
        counts = ", ".join(f"{code} ×{count}" for code, count in report.summary().items())
        self.console.print(_t(f"{self.w['summary']}: {len(report.errors)} — {counts}", "bold"))
        if report.redacted:
            self.console.print(_t(f"{report.redacted} {self.w['redacted']}", "yellow"))

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
