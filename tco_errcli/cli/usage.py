"""click's usage errors as one line in the user's language, dispatched on click's exception types."""

from __future__ import annotations

import contextlib
import os
import sys

# typer (0.28) vendors click as typer._click: its usage errors are these classes, not click's own.
from typer._click import exceptions as click

from tco_errcli.cli.boundary import json_error
from tco_errcli.cli.env import message, parse_lang
from tco_errcli.cli.route import COMMANDS
from tco_errcli.cli.streams import Messages, Output
from tco_errcli.errors import ExitStatus, TcoErrError
from tco_errcli.model import Lang
from tco_errcli.redact import Masker


def usage_error(exc: Exception, argv: list[str]) -> int:
    """`tco-err: error: missing argument CODE (see tco-err lookup --help)`, and JSON on stdout with --json."""
    language = argv_language(argv)
    if isinstance(exc, click.NoArgsIsHelpError):
        with contextlib.suppress(TcoErrError, BrokenPipeError):
            Output(sys.stdout).write(exc.format_message() + "\n")
        return int(ExitStatus.ERROR)
    text = _sentence(exc, argv, language) if isinstance(exc, click.ClickException) else " ".join(str(exc).split())
    ctx = getattr(exc, "ctx", None)
    where = ctx.command_path if ctx is not None else "tco-err"
    text += message("see_help", language, command=where)
    from tco_errcli.redact import one_line

    sys.stderr.write(one_line(message("error", language, text=text)) + "\n")  # an argument's newline cannot forge a line
    if "--json" in argv:
        masker = sys.stderr.masker if isinstance(sys.stderr, Messages) else Masker()
        json_error(Output(sys.stdout, masker), text, ExitStatus.ERROR)
    return int(ExitStatus.ERROR)


def argv_language(argv: list[str]) -> Lang:
    for i, arg in enumerate(argv):
        value = (
            arg[len("--lang=") :] if arg.startswith("--lang=") else argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None
        )
        if value is not None:
            with contextlib.suppress(TcoErrError):
                return parse_lang(value) or Lang.EN
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return Lang.ZH if locale.lower().startswith("zh") else Lang.EN


def _sentence(exc: click.ClickException, argv: list[str], language: Lang) -> str:
    """The error in the user's language, chosen by click's exception type (subclasses before their bases)."""
    if isinstance(exc, click.MissingParameter) and exc.param is not None and exc.ctx is not None:
        return message("missing_argument", language, name=exc.param.get_error_hint(exc.ctx).strip("'"))
    if isinstance(exc, click.NoSuchOption):
        text = message("no_such_option", language, name=exc.option_name)
        if exc.possibilities:
            text += message("did_you_mean", language, names=", ".join(sorted(exc.possibilities)))
        return text
    if isinstance(exc, click.BadOptionUsage):  # an option at the end of the line, without its value
        return message("option_needs_value", language, name=exc.option_name)
    if isinstance(exc, click.BadParameter) and exc.param is not None and exc.ctx is not None:
        return message("invalid_value", language, name=exc.param.get_error_hint(exc.ctx), reason=_reason(exc.message, language))
    if isinstance(exc, click.UsageError) and hasattr(getattr(exc.ctx, "command", None), "list_commands") and argv:
        import difflib  # a group's only plain usage error: an unknown command

        text = message("no_such_command", language, name=argv[0])
        close = difflib.get_close_matches(argv[0], sorted(COMMANDS), n=2)
        if close:
            text += message("did_you_mean", language, names=", ".join(close))
        return text
    if isinstance(exc, click.UsageError) and exc.ctx is not None:
        # a command's only plain usage error: arguments left over; click names them in parentheses
        left = exc.format_message().rpartition("(")[2].rpartition(")")[0]
        if left:
            return message("got_unexpected", language, name=left)
    return " ".join(exc.format_message().split())


# click's reasons for a bad value of our options (numbers and choices), said in the user's language
_REASONS = (
    ("not_a_number", r"'(?P<value>.*)' is not a valid (?:int|integer|int range|float)\."),
    ("out_of_range", r"(?P<value>\S+) is not in the range (?P<range>\S+)\."),
    ("not_a_choice", r"'(?P<value>.*)' is not one of (?P<choices>.*)\."),
)


def _reason(reason: str, language: Lang) -> str:
    import re

    for key, pattern in _REASONS:
        found = re.fullmatch(pattern, reason.strip())
        if found:
            return message(key, language, **found.groupdict())
    return reason
