"""--help in the user's language, wrapped by terminal cells and never inside a token, with examples and summaries.

click lays a help page out through a HelpFormatter: every text of a page (help, option help, summaries, epilog,
headings) passes one of its methods, so translating there (words/help.py) leaves the commands as typer built them.
"""

from __future__ import annotations

import re
from typing import Any

from typer import core as typer_core
from typer._click import core as click_core
from typer._click import formatting

from tco_errcli.cli.boundary import Settings
from tco_errcli.model import Lang
from tco_errcli.render.wrap import cells, wrap
from tco_errcli.words.help import EXAMPLES, EXIT_STATUS, HEADINGS, SUMMARIES, ZH

STACK_BELOW = 60  # help narrower than this puts each option's text under its name, not in a squeezed column
NO_PAGER_HELP = "Print long output straight to the terminal, not through a pager."

# every English text of a help page -> its Chinese
_CHINESE: dict[str, str] = {
    **ZH,
    **{en: zh for en, zh in EXIT_STATUS.values()},
    **{en: zh for en, zh in SUMMARIES.values()},
}
_EXTRA = re.compile(r"(?P<help>.*?)\s*\[(?P<extra>[^\[\]]*)\]$", re.S)  # "How many.  [default: 10; 1<=x<=400]"


def help_language() -> Lang:
    from tco_errcli.cli.usage import argv_language

    return argv_language(Settings.invoked)


def epilog(command: str) -> str:
    """The examples and the exit statuses under a command's help (in English: the formatter translates)."""
    lines = "\n".join(f"  {line}" for line in EXAMPLES[command])
    status = EXIT_STATUS.get(command, EXIT_STATUS["default"])[0]
    return f"\b\nExamples:\n{lines}\n\n{status}"


def translate(text: str, lang: Lang) -> str:
    """A help text in lang: a whole text, else paragraph by paragraph; what has no translation stays."""
    if lang is Lang.EN:
        return text
    if text in _CHINESE:
        return _CHINESE[text]
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 1:
        return "\n\n".join(translate(p, lang) for p in paragraphs)
    return "\n".join(f"{HEADINGS[line[:-1]]}：" if line[:-1] in HEADINGS else line for line in text.split("\n"))


class HelpFormatter(formatting.HelpFormatter):
    """click's formatter with texts in the help language and lines broken by cells, never inside a token."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lang = help_language()

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if self.lang is Lang.ZH:
            args = re.sub(r"\b(OPTIONS|COMMAND|ARGS)\b", lambda m: HEADINGS[m[0]], args)
            prefix = f"{HEADINGS['Usage']}："
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        if self.lang is Lang.ZH and heading in HEADINGS:
            self.write(f"{'':>{self.current_indent}}{HEADINGS[heading]}：\n")
            return
        super().write_heading(heading)

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write("\n".join(indent + line if line else "" for line in self._fill(text, self.width - self.current_indent)))
        self.write("\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        """Options and commands in two columns; narrower than STACK_BELOW, each option's text goes under its name."""
        rows = list(rows)
        names = max((cells(first) for first, _ in rows), default=0)
        stacked = self.width < STACK_BELOW and names > 12  # short names (the commands) keep their column
        first_col = 4 if stacked else min(names, col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            lines = self._fill(self._option_help(second), max(self.width - first_col - self.current_indent, 20))
            if not stacked and cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cells(first)) + lines.pop(0))
            self.write("\n")
            for line in lines:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n" if line else "\n")

    def _option_help(self, text: str) -> str:
        """An option's help and click's bracketed extras ([required], [default: 10; 1<=x<=400]) in the language."""
        found = _EXTRA.fullmatch(text)
        if self.lang is Lang.EN or found is None:
            return translate(text, self.lang)
        extra = re.sub(r"\b(required|default)\b(: )?", lambda m: HEADINGS[m[1]] + ("：" if m[2] else ""), found["extra"])
        return f"{translate(found['help'], self.lang)}  [{extra.replace('; ', '；')}]".lstrip()

    def _fill(self, text: str, width: int) -> list[str]:
        """Paragraphs rewrapped to width; a paragraph whose first line is \\b keeps its lines (examples)."""
        lines: list[str] = []
        for paragraph in translate(text, self.lang).split("\n\n"):
            if lines:
                lines.append("")
            if paragraph.startswith("\b\n"):
                lines += paragraph[2:].split("\n")
            else:
                lines += wrap(" ".join(paragraph.split("\n")) if self.lang is Lang.EN else paragraph.replace("\n", ""), width)
        return lines


class Context(click_core.Context):
    formatter_class = HelpFormatter


class Command(typer_core.TyperCommand):
    """A command whose help page is translated and wrapped, with plain metavars (CODE, not {CODE}),
    a summary that fits, and --no-pager listed (route() takes it out anywhere on the line)."""

    context_class = Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(
            typer_core.TyperOption(param_decls=["--no-pager"], is_flag=True, expose_value=False, help=NO_PAGER_HELP)
        )

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [_plain(piece) for piece in super().collect_usage_pieces(ctx)]

    def get_short_help_str(self, limit: int = 45) -> str:
        summary = SUMMARIES.get(self.name or "")
        return summary[0] if summary else super().get_short_help_str(limit)


class Group(typer_core.TyperGroup):
    context_class = Context


def _plain(piece: str) -> str:
    return piece[1:-1] if piece.startswith("{") and piece.endswith("}") else piece
