"""GitHub Actions workflow commands (`--format github`): each finding an annotation on its file and line.

`::error file=F,line=N,title=CODE::text` for an error to fix, `::warning` for one a retry may cure; the data
escapes %, CR and LF and the properties also `:` and `,`, as the workflow syntax requires
(https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions). Everything else
(lookup, search, list, doctor) prints as the plain format does.
"""

from __future__ import annotations

from collections.abc import Sequence

from tco_errcli.model import RETRYABLE, Explained, Report, ScanRow

from .plain import PlainRenderer


def data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def prop(text: str) -> str:
    return data(text).replace(":", "%3A").replace(",", "%2C")


class GithubRenderer(PlainRenderer):
    def _annotation(self, level: str, title: str, text: str, file: str = "", line: int = 0) -> None:
        props = [f"file={prop(file)}"] if file else []
        props += [f"line={line}"] if file and line else []
        props.append(f"title={prop(title)}")
        self.out.write(f"::{level} {','.join(props)}::{data(' '.join(text.split()))}\n")

    def finding(self, n: int, item: Explained) -> None:
        f = item.finding
        d = item.to_dict(self.lang)
        level = "warning" if item.retry in RETRYABLE else "error"
        parts = [d["description"] or f.message, d["hint"] or ""]
        if f.request_id:
            parts.append(f"RequestId {f.request_id}")
        self._annotation(level, f.code or self.words["no_code"], " — ".join(p for p in parts if p), f.origin, f.line)

    def repeat(self, n: int, item: Explained, line: int) -> None:
        """An annotation per distinct error: repeats are counted in the summary."""

    def summary(self, report: Report, shown: int) -> None:
        if report.errors:
            why = self.words[f"verdict.{report.verdict}"]
            self.out.write(f"::notice title=tco-err::{data(f'{report.total} error(s); verdict {report.verdict}: {why}')}\n")

    def report(self, report: Report) -> None:
        for n, item in enumerate(report.errors, 1):
            self.finding(n, item)
        self.summary(report, len(report.errors))

    def scan(self, rows: Sequence[ScanRow], lines: int, *, unlisted: int = 0, engine: str = "python") -> None:
        for r in rows:
            level = "warning" if r.entry is not None and r.entry.retryable else "error"
            text = f"{r.occurrences}× (lines {r.first}–{r.last})"
            if r.entry is not None:
                text += f" — {r.entry.description.get(self.lang)} — {r.entry.hint.get(self.lang)}"
            self._annotation(level, r.code, text)
