"""What an output format is: one method per kind of result; renderers never call the core."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from tco_errcli.model import Entry, Explained, LookupResult, Report, ScanRow, SearchHit, TerraformContext

MAX_SHOWN = 200  # distinct findings shown in full by text formats; the rest are summarised by code
MESSAGE_LINES = 4  # a message is shown once, cut to this many lines
MESSAGE_CHARS = 600


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


def terraform_place(where: TerraformContext, line_word: str) -> str:
    """Where Terraform says the error arose: "tencentcloud_instance.web (main.tf line 84)"."""
    place = f"{where.file} {line_word} {where.line}" if where.file and where.line is not None else where.file or ""
    if where.resource and place:
        return f"{where.resource} ({place})"
    return where.resource or place


def shown_message(message: str) -> str:
    """A message as shown: runs of \\r collapsed, at most MESSAGE_LINES lines and MESSAGE_CHARS characters."""
    text = message.replace("\r\n", "\n")
    if "\\r\\n" in text or text.startswith("b'"):  # Python printed a bytes body: literal \r\n escapes
        text = text.replace("\\r", "\r").replace("\\n", "\n")
    while "\r\r" in text:
        text = text.replace("\r\r", "\r")
    text = text.replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    cut = len(lines) > MESSAGE_LINES or sum(len(line) for line in lines) > MESSAGE_CHARS
    text = "\n".join(lines[:MESSAGE_LINES])[:MESSAGE_CHARS]
    return text + (" …" if cut else "")


def same_text(a: str | None, b: str | None) -> bool:
    """Two texts that say the same (a Message equal to the Description is shown once)."""
    if not a or not b:
        return False

    def norm(text: str) -> str:
        return "".join(ch for ch in text.lower() if ch.isalnum())

    return norm(a) == norm(b)
