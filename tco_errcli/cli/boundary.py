"""The one error boundary every command runs inside: our errors become one stderr line and an exit status."""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import sys
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from tco_errcli.errors import ExitStatus, TcoErrError

from .env import Env, message, parse_lang, terminal_width
from .streams import Output, tolerant

F = TypeVar("F", bound=Callable[..., Any])


class Settings:
    """What the command line said before typer parsed it (route() takes --no-pager out anywhere on the line)."""

    no_pager = False
    invoked: ClassVar[list[str]] = []  # the arguments of this invocation, before route()
    argv: ClassVar[list[str]] = []  # the arguments as the process got them (main() makes undecodable bytes U+FFFD for typer)


def guarded(command: F) -> F:
    """The one error boundary: our errors become one stderr line and an exit status, never a traceback.

    It also settles the language (--lang, else the locale) and, on a terminal, starts the pager.
    """
    return _guard(command, pager=True)


def guarded_without_pager(command: F) -> F:
    """guarded() for a command whose stdout is not only its own (run passes another command's output on)."""
    return _guard(command, pager=False)


def _guard(command: F, *, pager: bool) -> F:
    import inspect  # only the typer app decorates: the fast path (fast.py) calls run_guarded() itself

    import typer

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        raise typer.Exit(run_guarded(command, args, kwargs, pager=pager))

    # typer reads the signature: hide the env parameter the wrapper supplies
    sig = inspect.signature(command, eval_str=True)
    wrapper.__signature__ = sig.replace(parameters=list(sig.parameters.values())[1:])  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def run_guarded(command: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], *, pager: bool) -> int:
    """command(env, *args, **kwargs) inside the boundary: its exit status, whether it ran or failed in our way.

    kwargs are the command's parameters as typer passes them (lang among them, settled here into env.language).
    """
    env = Env.from_os()
    for value in (*args, *kwargs.values()):  # what the user typed is input too: a key pasted as a code
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str | os.PathLike):  # a --catalog Path too
                env.masker.learn(str(text))
    json_output = bool(kwargs.get("json_output"))
    pager_process = None
    try:
        # --lang is settled here, so even a failing command speaks it; the command sees env.language
        chosen = parse_lang(kwargs.pop("lang", None))
        env = env._replace(language=env.lang(chosen))
        if pager and not json_output and wants_pager(env, kwargs):
            from .pager import start

            pager_process = start(os.environ)
            if pager_process is not None:
                env = env._replace(stdout=Output(tolerant(pager_process.stdin), env.masker), width=terminal_width())
        status = command(env, *args, **kwargs)
        env.stdout.flush()
    except TcoErrError as exc:
        text = exc.text(env.language)
        env.error(text)
        if json_output:
            json_error(env.stdout, text, exc.status)
        return int(exc.status)
    except BrokenPipeError:
        silence_stdout()
        return int(ExitStatus.FOUND)
    except KeyboardInterrupt:
        env.note("interrupted")
        return int(ExitStatus.INTERRUPTED)
    except MemoryError:
        env.error(message("out_of_memory_scan", env.language))
        return int(ExitStatus.ERROR)
    finally:
        if pager_process is not None:
            from .pager import finish

            finish(pager_process)
    return int(status)


def json_error(out: Output, text: str, status: int) -> None:
    """With --json a failure is a JSON document on stdout too, so a script always has something to parse."""
    import json

    from tco_errcli.redact import json_safe

    if out.masker is not None:  # the message may quote a file name or an argument
        text = out.masker.mask(text)
    with contextlib.suppress(TcoErrError, BrokenPipeError):  # stdout unwritable: stderr has said it already
        out.write(json_safe(json.dumps({"error": {"message": text, "status": int(status)}}, ensure_ascii=False)) + "\n")
        out.flush()


def wants_pager(env: Env, kwargs: dict[str, Any]) -> bool:
    """As git does: only when stdout is a terminal, and never while the user is typing into stdin."""
    if not env.is_tty or Settings.no_pager:
        return False
    inputs = (kwargs["files"] or ["-"]) if "files" in kwargs else [kwargs.get("code")]  # no file: stdin
    return not ("-" in inputs and (env.stdin_is_tty or _live_pipe(env.stdin)))  # typed, or a stream as it comes


def _live_pipe(stdin: Any) -> bool:
    """Whether stdin is a pipe or socket (`tail -f app.log | tco-err explain`): a pager would hold what streams."""
    try:
        mode = os.fstat(stdin.fileno()).st_mode
    except (AttributeError, OSError, ValueError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def silence_stdout() -> None:
    """After EPIPE, point stdout at /dev/null so the interpreter's final flush cannot fail loudly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
