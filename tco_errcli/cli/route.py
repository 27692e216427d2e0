"""What people type without a subcommand, turned into the command they meant. Imports nothing: every start runs it."""

from __future__ import annotations

import os
from typing import Any

from tco_errcli.cli.env import isatty

# The commands app.py registers (a test checks the two agree): route() must not import typer to know them.
COMMANDS = frozenset({"lookup", "search", "list", "explain", "scan", "doctor", "run"})

# A first word that is a code as people paste it: a dot, an underscore or a capital, maybe `code:` and a comma
_CODE_WORD = r"(?:[A-Za-z]{1,20}[:=] ?)?[A-Za-z][A-Za-z0-9]{1,80}(?:[._][A-Za-z0-9]{1,120}){0,2}[.,:;，。]?"


GLOBAL_FLAGS = frozenset({"--json"})
GLOBAL_VALUES = frozenset({"--lang", "--catalog"})  # options every command has, taking a value


def _leading_globals(argv: list[str]) -> tuple[list[str], list[str]]:
    """The options every command has, typed before the command (`tco-err --lang zh CODE`), and the rest."""
    taken: list[str] = []
    at = 0
    while at < len(argv):
        arg = argv[at]
        name = arg.split("=", 1)[0]
        if arg in GLOBAL_FLAGS or (name in GLOBAL_VALUES and "=" in arg):
            taken.append(arg)
            at += 1
        elif arg in GLOBAL_VALUES and at + 1 < len(argv):
            taken += argv[at : at + 2]
            at += 2
        else:
            break
    return taken, argv[at:]


def route(argv: list[str], stdin: Any, environ: Any) -> tuple[list[str], bool]:
    """route_command() of argv with the options every command has accepted before the command too."""
    if "_TCO_ERR_COMPLETE" in environ:
        return argv, False
    taken, rest = _leading_globals(argv)
    routed, no_pager = route_command(rest, stdin, environ)
    if routed[:1] in (["--help"], ["-h"]):  # `tco-err --help --lang zh`: the language is --help's (helptext.py)
        return ["--help"], no_pager
    if not taken:
        return routed, no_pager
    if routed and routed[0] in COMMANDS:
        return [routed[0], *taken, *routed[1:]], no_pager
    return [*routed, *taken] if routed != ["--help"] else routed, no_pager


def route_command(argv: list[str], stdin: Any, environ: Any) -> tuple[list[str], bool]:
    """What people type without a subcommand, turned into the command they meant; and --no-pager, taken out.

    `tco-err CODE` -> lookup; `... | tco-err` -> explain -; `tco-err` on a terminal -> --help;
    `tco-err help [COMMAND]` -> [COMMAND] --help, `tco-err help json` stays. Imports nothing: every start goes through here.
    """
    if "_TCO_ERR_COMPLETE" in environ:
        return argv, False
    cut = argv.index("--") if "--" in argv else len(argv)
    no_pager = "--no-pager" in argv[:cut]
    if no_pager:
        argv = [a for a in argv[:cut] if a != "--no-pager"] + argv[cut:]
    if not argv:
        return (["explain", "-"] if stdin_has_data(stdin) else ["--help"]), no_pager
    first = argv[0]
    if first == "help":  # `help json`: the --json reference (app.py prints it)
        return (argv[:2] if argv[1:2] == ["json"] else [*argv[1:2], "--help"]), no_pager
    if first.startswith("-") or first in COMMANDS:
        return argv, no_pager
    import re  # already loaded by the standard library at start-up: no cost

    if re.fullmatch(_CODE_WORD, first) and (first != first.lower() or "." in first.rstrip(".") or "_" in first):
        return ["lookup", *argv], no_pager
    if " " in first.strip() or not first.isascii():  # a pasted message or Chinese words: lookup says what it matches
        return ["lookup", *argv], no_pager
    return argv, no_pager


def stdin_has_data(stdin: Any) -> bool:
    """stdin is a pipe or a file (not a terminal, not /dev/null): something was piped in."""
    import stat

    try:
        mode = os.fstat(stdin.fileno()).st_mode
    except (AttributeError, ValueError, OSError):  # no descriptor (an in-process test): trust isatty
        return stdin is not None and not isatty(stdin)
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode) or stat.S_ISSOCK(mode)
