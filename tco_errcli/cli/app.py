"""The tco-err application: the commands registered on one typer app, the start-up path and the exit.

Exit statuses: 0 found, 1 nothing found, 2 usage or input error, 130 interrupted.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Annotated, Any

import typer

from tco_errcli import __version__
from tco_errcli.cli.boundary import Settings, silence_stdout
from tco_errcli.cli.env import Env
from tco_errcli.cli.helptext import Command, Group, epilog
from tco_errcli.cli.route import COMMANDS, route
from tco_errcli.cli.streams import Messages, Output, process_streams
from tco_errcli.cli.usage import usage_error
from tco_errcli.errors import ExitStatus, TcoErrError
from tco_errcli.redact import Masker

ROOT_HELP = (
    "Tencent Cloud API errors, explained: Organization (TCO, 集团账号管理) in depth, every other product from "
    "Tencent's own texts.\n\n`tco-err CODE` looks a code up; `... | tco-err` explains what is piped in; "
    "`tco-err help COMMAND` shows a command's options; `tco-err help json` the shape of --json."
)


def _typer() -> typer.Typer:
    return typer.Typer(
        name="tco-err",
        help=ROOT_HELP,
        epilog=epilog(""),
        cls=Group,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,  # a pasted SecretKey must never reach a traceback
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


# command -> (its module under cli/commands, its function); a run imports only its own module
COMMAND_MODULES = {
    "lookup": ("lookup", "lookup"),
    "search": ("search", "search"),
    "list": ("list", "list_codes"),
    "explain": ("explain", "explain"),
    "scan": ("scan", "scan"),
    "doctor": ("doctor", "doctor"),
    "run": ("run", "run"),
}


def _register(target: typer.Typer, name: str) -> None:
    import importlib

    module_name, function = COMMAND_MODULES[name]
    module = importlib.import_module(f"tco_errcli.cli.commands.{module_name}")
    extra = {"cls": Command, **getattr(module, "COMMAND_SETTINGS", {})}  # what a command asks of typer beyond ours
    target.command(name if name != function else None, epilog=epilog(name), **extra)(getattr(module, function))


_APP: typer.Typer | None = None


def full_app() -> typer.Typer:
    """The app with every command (for --help and the tests); a run of one command builds only its own."""
    global _APP
    if _APP is None:
        _APP = _typer()
        _APP.callback()(_root)
        for name in COMMAND_MODULES:
            _register(_APP, name)
    return _APP


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # `from tco_errcli.cli.app import app`: built on first use
        return full_app()
    raise AttributeError(name)


def _version(value: bool) -> None:
    if value:
        try:
            out = Output(sys.stdout)
            out.write(f"tco-err {__version__}\n")
            out.flush()
        except TcoErrError as exc:
            Env.from_os().say(f"tco-err: error: {exc.message}")
            raise typer.Exit(int(ExitStatus.ERROR)) from None
        except BrokenPipeError:
            silence_stdout()
        raise typer.Exit()


def _root(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="Print long output straight to the terminal (anywhere on the line).")
    ] = False,
) -> None:
    """Tencent Cloud Organization (TCO, 集团账号管理) API errors, explained (the help text is _typer()'s)."""


def _single_app(name: str) -> typer.Typer:
    """An app holding only the command being run: typer converts the parameters of every registered
    command on each start, and a shell's TAB or a script loop should not pay for the other commands' imports."""
    single = _typer()
    single.callback()(_root)
    _register(single, name)
    return single


def _requested_command(argv: list[str], environ: Any) -> str | None:
    if "_TCO_ERR_COMPLETE" in environ:  # shell completion: the words typed so far
        words = (environ.get("COMP_WORDS") or environ.get("_TYPER_COMPLETE_ARGS") or "").split()
        argv = words[1:] if len(words) > 2 else []
    name = argv[0] if argv else None
    return name if name in COMMANDS else None


def invoke(argv: list[str]) -> int:
    """Run one command line and return its exit status; main() adds only the fast exit."""
    Settings.invoked = list(argv)  # --help's language: --lang anywhere on the line, before route() moves it
    argv, Settings.no_pager = route(argv, sys.stdin, os.environ)
    if "_TCO_ERR_COMPLETE" in os.environ and not os.environ.get("COMP_CWORD", "0").isascii():
        os.environ["COMP_CWORD"] = "0"
    if "_TCO_ERR_COMPLETE" in os.environ and not os.environ.get("COMP_CWORD", "0").isdigit():
        return 0  # a shell that sent no word number: nothing to complete, never a traceback
    if argv[:2] == ["help", "json"]:
        return _json_reference()
    name = _requested_command(argv, os.environ)
    try:
        status = (_single_app(name) if name else full_app())(args=argv, prog_name="tco-err", standalone_mode=False)
        return status if isinstance(status, int) else 0
    except typer.TyperException as exc:  # typer's usage errors: one line, in the user's language
        return usage_error(exc, argv)
    except typer.Abort:
        return int(ExitStatus.INTERRUPTED)
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


def main() -> None:
    process_streams()  # closed descriptors, and encodings that cannot hold what we print
    Settings.argv = sys.argv[1:]  # run passes a command's arguments on as they came
    sys.argv[1:] = [_readable(arg) for arg in sys.argv[1:]]
    masker = Masker()  # one per run: every message and every output passes it
    for arg in sys.argv[1:]:
        masker.learn(arg)
    masker.learn(" ".join(sys.argv[1:]))  # "--secretKey VALUE" is two arguments
    sys.stderr = Messages(sys.stderr, masker)  # typer's usage errors echo arguments
    try:
        status = invoke(sys.argv[1:])
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
