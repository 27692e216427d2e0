"""The tco-err application: the commands registered on one typer app, and a command line run by it.

start.py sends it every command line the fast path (fast.py) does not answer.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer

from tco_errcli import __version__
from tco_errcli.cli.boundary import silence_stdout
from tco_errcli.cli.env import Env
from tco_errcli.cli.helptext import Command, Group, epilog
from tco_errcli.cli.route import COMMANDS
from tco_errcli.cli.streams import Output
from tco_errcli.cli.usage import usage_error
from tco_errcli.errors import ExitStatus, TcoErrError

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


def run(argv: list[str]) -> int:
    """argv (as route() left it) run by the typer app: its exit status; usage errors one line in the user's language."""
    name = _requested_command(argv, os.environ)
    try:
        status = (_single_app(name) if name else full_app())(args=argv, prog_name="tco-err", standalone_mode=False)
        return status if isinstance(status, int) else 0
    except typer.TyperException as exc:  # typer's usage errors: one line, in the user's language
        return usage_error(exc, argv)
    except typer.Abort:
        return int(ExitStatus.INTERRUPTED)
