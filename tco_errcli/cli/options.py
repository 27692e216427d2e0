"""What several commands share: the choices of their options, completions, how inputs are opened and named.

Imports no typer: the fast path (fast.py) runs commands through it too; the typer parameters are params.py's."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tco_errcli.errors import ExitStatus, TcoErrError

from .env import Env, message

if TYPE_CHECKING:
    from pathlib import Path


class ApiVersion(StrEnum):
    v2018 = "2018-12-25"
    v2021 = "2021-03-31"


def complete_code(incomplete: str) -> list[str]:
    from tco_errcli.catalog import load

    prefix = incomplete.lower()
    return [code for code in load().codes() if code.lower().startswith(prefix)]


def complete_action(incomplete: str) -> list[str]:
    from tco_errcli.catalog import load

    return [a for a in load().action_names() if a.lower().startswith(incomplete.lower())]


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class Inputs:
    """Opens each path (or stdin for "-"); an unreadable one is reported on stderr and the rest go on."""

    def __init__(self, env: Env) -> None:
        self.env = env
        self.failed = False
        self.failures = 0  # inputs reported so far (one that failed halfway is not also "empty")
        self.first_error = ""  # with --json, a run whose every input failed prints this as {"error": ...}

    def each(self, files: list[str], opener: Callable[..., Any]) -> Iterator[tuple[str, Any]]:
        for path in files:
            try:
                stdin = getattr(self.env.stdin, "buffer", None) if path == "-" else None
                if path == "-" and stdin is None:
                    raise TcoErrError.of("stdin_closed")
                yield path, opener(path, stdin)
            except TcoErrError as exc:
                self.fail(exc.text(self.env.language))

    def until_failure(self, items: Iterator[Any]) -> Iterator[Any]:
        """items until one fails to come (a read error halfway through a file): the failure is reported like
        an input that could not be opened, and what came before it is kept."""
        try:
            yield from items
        except TcoErrError as exc:
            self.fail(exc.text(self.env.language))

    def fail(self, text: str) -> None:
        self.env.error(text)
        self.failed = True
        self.failures += 1
        self.first_error = self.first_error or text

    def status(self, found: bool) -> ExitStatus:
        if self.failed:
            return ExitStatus.ERROR
        return ExitStatus.FOUND if found else ExitStatus.NOT_FOUND


def load_catalog(path: Path | None) -> Any:
    from tco_errcli.catalog import load

    return load(path)


def stdin_when_none(env: Env, files: list[str] | None) -> list[str]:
    """No file means stdin; on a terminal, say what to do instead of waiting in silence."""
    files = files or ["-"]
    if "-" in files and env.stdin_is_tty:
        env.note("paste_prompt")
    return files


def is_text_argument(arg: str) -> bool:
    """An argument that cannot be a file we were meant to read: no such path, and it reads like text."""
    return arg != "-" and any(c.isspace() or c in ":={[" for c in arg) and not os.path.lexists(arg)


def clip(text: str, width: int = 60) -> str:
    """A pasted text as stderr names it: one line, its secrets masked, cut to width."""
    from tco_errcli.redact import redact

    line = " ".join(redact(text)[0].split())
    return line if len(line) <= width else line[: width - 1] + "…"


def short(env: Env, text: str, width: int = 40) -> str:
    """An argument quoted on stderr: masked whole before it is cut (a key cut at 40 characters has no key's
    shape left for the masker to know)."""
    return repr(clip(env.masker.mask(text), width))


def name(env: Env, path: str) -> str:
    """How stderr names an input: the path, or "standard input" in the command's language."""
    if path == "-":
        return message("stdin", env.language)
    return short(env, path) if is_text_argument(path) else path


def size(path: str) -> int | None:
    try:
        return os.path.getsize(path) if path != "-" else None
    except OSError:
        return None
