"""Output formats: the --json flag and the terminal/pipe decision map to one renderer class each."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from tco_errcli.model import Lang

    from .interface import Renderer


class Format(str, Enum):
    PLAIN = "plain"
    JSON = "json"
    TERMINAL = "terminal"


def choose(json_output: bool, *, is_tty: bool, force_color: bool) -> Format:
    """--json wins; a terminal (or FORCE_COLOR) gets rich output; a pipe gets stable plain text."""
    if json_output:
        return Format.JSON
    if is_tty or force_color:
        return Format.TERMINAL
    return Format.PLAIN


def get(
    fmt: Format, out: TextIO, lang: Lang, *, no_color: bool = False, width: int | None = None, json_lines: bool = False
) -> Renderer:
    if fmt is Format.JSON:
        from .json import JsonRenderer

        return JsonRenderer(out, lang, lines=json_lines)
    if fmt is Format.TERMINAL:
        from .terminal import TerminalRenderer  # rich is imported only here

        return TerminalRenderer(out, lang, no_color=no_color, width=width)
    from .plain import PlainRenderer

    return PlainRenderer(out, lang)
