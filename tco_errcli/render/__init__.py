"""Output formats: the --json flag and the terminal/pipe decision map to one renderer class each.

Every renderer is built here and only here, behind the masking choke point of render/emit.py.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, assert_never

if TYPE_CHECKING:
    from tco_errcli.model import Lang
    from tco_errcli.redact import Masker

    from .emit import Stream
    from .interface import Renderer


class Format(StrEnum):
    PLAIN = "plain"
    JSON = "json"
    TERMINAL = "terminal"
    GITHUB = "github"  # --format github: GitHub Actions annotations


def choose(json_output: bool, *, is_tty: bool, force_color: bool) -> Format:
    """--json wins; a terminal (or FORCE_COLOR) gets rich output; a pipe gets stable plain text."""
    if json_output:
        return Format.JSON
    if is_tty or force_color:
        return Format.TERMINAL
    return Format.PLAIN


def get(
    fmt: Format,
    out: Stream,
    lang: Lang,
    *,
    no_color: bool = False,
    width: int | None = None,
    masker: Masker | None = None,
    json_lines: bool = False,
    fold: bool = True,
) -> Renderer:
    """The renderer for fmt, writing to out through the masker (a fresh one, knowing no secret, if none given)."""
    from tco_errcli.redact import Masker

    from .emit import Emit, Masked, clamp_width

    masker = masker if masker is not None else Masker()
    emit = Emit(out, masker)
    inner: Renderer
    if fmt is Format.JSON:
        from .json import JsonRenderer

        inner = JsonRenderer(emit, lang, lines=json_lines)
    elif fmt is Format.TERMINAL:
        from .terminal import TerminalRenderer  # rich is imported only here

        inner = TerminalRenderer(emit, lang, no_color=no_color, width=clamp_width(width), fold=fold)
    elif fmt is Format.GITHUB:
        from .github import GithubRenderer

        inner = GithubRenderer(emit, lang, fold=fold)
    elif fmt is Format.PLAIN:
        from .plain import PlainRenderer

        inner = PlainRenderer(emit, lang, fold=fold)
    else:  # a new Format without its renderer: mypy reports it here, and so does this line at run time
        assert_never(fmt)
    return Masked(inner, masker)
