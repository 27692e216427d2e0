"""Start-up and exit: the process's streams and masker, the routing, the fast path or the typer app, the fast exit.

Exit statuses: 0 found, 1 nothing found, 2 usage or input error, 130 interrupted. Imports no typer: a command
line the fast path answers (fast.py) never loads it; any other goes to the typer app (app.py).
"""

from __future__ import annotations

import contextlib
import os
import sys

from tco_errcli.cli import fast
from tco_errcli.cli.boundary import Settings, silence_stdout
from tco_errcli.cli.route import route
from tco_errcli.cli.streams import Messages, Output, process_streams
from tco_errcli.errors import ExitStatus, TcoErrError
from tco_errcli.redact import Masker


def invoke(argv: list[str], *, fast_path: bool = True) -> int:
    """Run one command line and return its exit status; main() adds only the fast exit.

    fast_path=False sends every line to the typer app (the tests compare the two).
    """
    Settings.invoked = list(argv)  # --help's language: --lang anywhere on the line, before route() moves it
    argv, Settings.no_pager = route(argv, sys.stdin, os.environ)
    if "_TCO_ERR_COMPLETE" in os.environ and not os.environ.get("COMP_CWORD", "0").isascii():
        os.environ["COMP_CWORD"] = "0"
    if "_TCO_ERR_COMPLETE" in os.environ and not os.environ.get("COMP_CWORD", "0").isdigit():
        return 0  # a shell that sent no word number: nothing to complete, never a traceback
    if argv[:2] == ["help", "json"]:
        return _json_reference()
    call = fast.parse(argv, os.environ) if fast_path else None
    try:
        if call is not None:
            return fast.run(call)
        from tco_errcli.cli.app import run

        return run(argv)
    except SystemExit as exc:
        return _status(exc.code)
    except BrokenPipeError:
        silence_stdout()
        return int(ExitStatus.FOUND)
    except KeyboardInterrupt:
        return int(ExitStatus.INTERRUPTED)


def _json_reference() -> int:
    """`tco-err help json`: the shape of every command's --json (the wheel has no README), in the help language."""
    from importlib.resources import files

    from tco_errcli.cli.helptext import help_language

    text = files("tco_errcli.words").joinpath(f"json-{help_language().value}.md").read_text(encoding="utf-8")
    try:
        Output(sys.stdout).write(text)
    except BrokenPipeError:
        silence_stdout()
    return int(ExitStatus.FOUND)


def _readable(arg: str) -> str:
    """An argument as text: bytes that were not UTF-8 (kept by Python as lone surrogates) become U+FFFD, so
    echoing it in an error line cannot fail to encode."""
    if arg.isascii() or not any("\ud800" <= ch <= "\udfff" for ch in arg):
        return arg
    return arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace").encode("utf-8", "replace").decode("utf-8")


def main(*, fast_path: bool = True) -> None:
    process_streams()  # closed descriptors, and encodings that cannot hold what we print
    Settings.argv = sys.argv[1:]  # run passes a command's arguments on as they came
    sys.argv[1:] = [_readable(arg) for arg in sys.argv[1:]]
    masker = Masker()  # one per run: every message and every output passes it
    for arg in sys.argv[1:]:
        masker.learn(arg)
    masker.learn(" ".join(sys.argv[1:]))  # "--secretKey VALUE" is two arguments
    sys.stderr = Messages(sys.stderr, masker)  # typer's usage errors echo arguments
    try:
        status = invoke(sys.argv[1:], fast_path=fast_path)
    except MemoryError:
        sys.stderr.write("tco-err: error: out of memory\n")
        status = int(ExitStatus.ERROR)
    _exit(status)


def _status(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return int(ExitStatus.ERROR)


def _exit(status: int) -> None:
    """Flush and leave without the interpreter's teardown, which costs a short command 12 ms here.

    Nothing of ours needs atexit handlers or finalisers: output is flushed here, files are closed.
    Output that cannot be written (a full disk) is an error even when the command itself succeeded.
    """
    try:
        Output(sys.stdout).flush()
    except BrokenPipeError:
        silence_stdout()
    except TcoErrError as exc:
        if status in (ExitStatus.FOUND, ExitStatus.NOT_FOUND):  # else the command has said so already
            with contextlib.suppress(OSError, ValueError, AttributeError):
                sys.stderr.write(f"tco-err: error: {exc.message}\n")
            status = int(ExitStatus.ERROR)
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.flush()
    os._exit(status)
