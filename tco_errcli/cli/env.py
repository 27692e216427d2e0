"""The streams, language and environment a command runs in: one Env, built from the process, passed down."""

from __future__ import annotations

import os
import sys
from typing import Any, NamedTuple, TextIO

from tco_errcli.errors import TcoErrError
from tco_errcli.model import Lang
from tco_errcli.redact import Masker

from .streams import Messages, Output, tolerant


def message(key: str, lang: Lang, **params: object) -> str:
    """words.message, imported when a sentence is first said: a run that says nothing never loads the table."""
    from tco_errcli.words import message as sentence

    return sentence(key, lang, **params)


def parse_lang(value: str | None) -> Lang | None:
    """'zh', 'zh-CN', 'zh_CN.UTF-8', 'ZH', 'en-US' -> a Lang; None stays None; anything else is a usage error."""
    if value is None:
        return None
    primary = value.strip().lower().replace("_", "-").split(".")[0].split("-")[0]
    for lang in Lang:
        if primary == lang.value:
            return lang
    raise TcoErrError.of("bad_lang", value=value)


class Env(NamedTuple):
    """The streams and environment a command runs in, passed in rather than read from globals.

    stdout and stderr are the safe wrappers of streams.py; masker holds the secrets of this run (redact.py)
    and every byte of output passes it: renderers through render.get(), messages through say().
    """

    stdin: TextIO | None  # None when standard input is closed
    stdout: Output
    stderr: Messages
    is_tty: bool
    no_color: bool
    force_color: bool
    locale: str
    masker: Masker
    stdin_is_tty: bool = False
    language: Lang = Lang.EN  # --lang, else the locale: what every human-facing word is written in
    width: int | None = None  # COLUMNS, or the terminal's width when stdout was swapped for a pager

    @classmethod
    def from_os(cls) -> Env:
        environ = os.environ
        locale = environ.get("LC_ALL") or environ.get("LC_MESSAGES") or environ.get("LANG") or ""
        # main() wrapped stderr, with the masker that learned argv; in-process (tests, API) make one
        stderr = sys.stderr if isinstance(sys.stderr, Messages) else Messages(tolerant(sys.stderr), Masker())
        stdout = Output(tolerant(sys.stdout), stderr.masker)
        columns = environ.get("COLUMNS", "")
        return cls(
            stdin=sys.stdin,
            stdout=stdout,
            stderr=stderr,
            is_tty=stdout.isatty(),
            no_color="NO_COLOR" in environ and environ["NO_COLOR"] != "",
            force_color=bool(environ.get("FORCE_COLOR")),
            locale=locale,
            masker=stderr.masker,
            stdin_is_tty=isatty(sys.stdin),
            language=Lang.ZH if locale.lower().startswith("zh") else Lang.EN,
            width=int(columns[:9]) if columns.isdigit() else None,  # render.get() clamps it
        )

    def lang(self, chosen: Lang | str | None = None) -> Lang:
        """The command's language; guarded() has already settled --lang into self.language."""
        if isinstance(chosen, str):
            chosen = parse_lang(chosen)
        return self.language if chosen is None else chosen

    def renderer(
        self,
        json_output: bool,
        lang: Lang | None = None,
        *,
        json_lines: bool = False,
        fold: bool = True,
        github: bool = False,
    ) -> Any:
        from tco_errcli import render

        fmt = render.Format.GITHUB if github else render.choose(json_output, is_tty=self.is_tty, force_color=self.force_color)
        return render.get(
            fmt,
            self.stdout,
            self.lang(lang),
            no_color=self.no_color,
            json_lines=json_lines,
            width=self.width,
            fold=fold,
            masker=self.masker,
        )

    def say(self, message: str) -> None:
        self.stderr.say(message)

    def note(self, key: str, **params: object) -> None:
        """One line on stderr, in the command's language: `tco-err: <sentence>`."""
        from tco_errcli.words import message

        self.say(message("note", self.language, text=message(key, self.language, **params)))

    def error(self, text: str) -> None:
        from tco_errcli.words import message

        self.say(message("error", self.language, text=text))


def isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def terminal_width() -> int | None:
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns or None  # a new pty may report 0
    except (OSError, ValueError):
        return None
