"""The fast path: the commonest command lines run without typer, whose imports are most of a short run's time.

`tco-err CODE`, `lookup CODE` and `explain [FILE|TEXT]...` with the options below are parsed here and handed,
with the same parameters typer would pass, to the same command bodies inside the same boundary, so what they
print and their exit status are the typer app's. A line this module does not understand entirely — another
command, an option it does not know, --help, a missing or extra argument, a value that could be an option,
shell completion — returns None from parse() and goes to the typer app unchanged, with its usage errors.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from tco_errcli.errors import ExitStatus

from .boundary import run_guarded


class Spec(NamedTuple):
    """One command as typer declares it (commands/): its flags, its options taking a value, its parameters in
    the order of the function (typer passes every one, in that order), and whether it takes many arguments."""

    flags: Mapping[str, str]
    values: Mapping[str, str]
    params: tuple[str, ...]
    many: bool


SPECS = {
    "lookup": Spec(
        {"--all": "show_all", "--json": "json_output"},
        {"--product": "product", "-p": "product", "--lang": "lang"},
        ("code", "show_all", "product", "json_output", "lang", "catalog"),
        many=False,
    ),
    "explain": Spec(
        {"--json": "json_output", "--json-lines": "json_lines", "--exit-verdict": "exit_verdict"},
        {"--format": "output_format", "--lang": "lang"},
        ("files", "json_output", "json_lines", "output_format", "exit_verdict", "lang", "catalog"),
        many=True,
    ),
}
FORMATS = ("text", "json", "github")  # --format's values, as typer's choice takes them (case-sensitive)


class Call(NamedTuple):
    command: str
    kwargs: dict[str, Any]


def parse(argv: list[str], environ: Mapping[str, str]) -> Call | None:
    """The command line (as route() left it) as a call of a command body, or None: the typer app decides."""
    if "_TCO_ERR_COMPLETE" in environ or not argv or argv[0] not in SPECS:
        return None
    spec = SPECS[argv[0]]
    given: dict[str, Any] = {}
    arguments: list[str] = []
    args = argv[1:]
    at = 0
    while at < len(args):
        arg = args[at]
        at += 1
        if arg == "--":  # the rest are arguments, whatever they look like
            arguments += args[at:]
            break
        if arg == "-" or not arg.startswith("-"):
            arguments.append(arg)
            continue
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")  # click reads -p=x as "=x"
        if name in spec.flags and not eq:
            given[spec.flags[name]] = True
        elif name in spec.values:
            if not eq:
                if at == len(args):
                    return None
                value = args[at]
                at += 1
            if not value or value.startswith("-"):  # typer's reading of these is its own
                return None
            given[spec.values[name]] = value
        else:  # --help, --catalog, -pcvm, an unknown option: typer's
            return None
    if not spec.many and len(arguments) != 1:
        return None
    if "output_format" in given:
        if given["output_format"] not in FORMATS:
            return None
        from .options import OutputFormat

        given["output_format"] = OutputFormat(given["output_format"])
    kwargs: dict[str, Any] = {}
    for param in spec.params:  # every parameter, in the function's order, as typer passes them
        if param in ("code", "files"):
            kwargs[param] = (arguments or None) if spec.many else arguments[0]
        else:
            kwargs[param] = given.get(param, False if param in spec.flags.values() else None)
    return Call(argv[0], kwargs)


def run(call: Call) -> int:
    """The call's exit status, with what click's main does around a command that fails in no way of ours."""
    body: Callable[..., Any]
    if call.command == "lookup":
        from .commands.lookup_body import lookup as body
    else:
        from .commands.explain_body import explain as body
    try:
        return run_guarded(body, (), dict(call.kwargs), pager=True)
    except EOFError:
        sys.stderr.write("\n")  # click echoes a newline and aborts
        return int(ExitStatus.INTERRUPTED)
    except KeyboardInterrupt:
        return int(ExitStatus.INTERRUPTED)
    except OSError as exc:
        if exc.errno == errno.EPIPE:  # click exits 1 on a broken pipe it sees
            return 1
        raise
