"""tco-err run: a command run with its output passed on unchanged, then the Tencent Cloud errors it printed explained
(on stderr, or in --report FILE), and its own exit status. The process handling is tco_errcli/run.py."""

from __future__ import annotations

import contextlib
import os
import signal
from typing import TYPE_CHECKING, Annotated, NamedTuple, TextIO

import typer

from tco_errcli.cli.boundary import Settings, guarded_without_pager
from tco_errcli.cli.env import Env, message
from tco_errcli.cli.options import clip, load_catalog
from tco_errcli.cli.params import CatalogOpt, JsonOpt, LangOpt
from tco_errcli.cli.streams import Output, tolerant
from tco_errcli.errors import VERDICT_STATUS, ExitStatus, TcoErrError

if TYPE_CHECKING:
    from tco_errcli.model import Report
    from tco_errcli.run import Finished

# the first word that is not one of run's options starts the command: `tco-err run tccli cvm ... --output json`
COMMAND_SETTINGS = {"context_settings": {"allow_interspersed_args": False}}


@guarded_without_pager
def run(
    env: Env,
    command: Annotated[
        list[str] | None,
        typer.Argument(
            help="The command and its arguments; put -- before it when it starts with a dash.",
            show_default=False,
            metavar="[--] COMMAND [ARG]...",
        ),
    ] = None,
    json_output: JsonOpt = False,
    report: Annotated[
        str | None,
        typer.Option(
            "--report",
            help="Write the explanation to FILE instead of stderr (- for stdout, after the command's own output).",
            metavar="FILE",
        ),
    ] = None,
    exit_verdict: Annotated[
        bool,
        typer.Option(
            "--exit-verdict",
            help="When the command fails, exit 3 if every error may be retried as is, 4 if one must be fixed first, "
            "5 if that is not known or no Tencent Cloud error was printed (success stays 0, a signal 128+N).",
        ),
    ] = False,
    lang: LangOpt = None,
    catalog: CatalogOpt = None,
) -> int:
    """Run a command; pass its output through unchanged, then explain the Tencent Cloud errors it printed.

    The explanation comes after the command has exited, on stderr (or in --report FILE), so the command's stdout
    stays clean for a pipe; the exit status is the command's own. Ctrl-C and SIGTERM reach the command.
    """
    from tco_errcli import run as running
    from tco_errcli.explain.session import Session

    if not command:
        raise TcoErrError.of("run_no_command")
    # everything that can fail does so before the command runs: it may not be one to run twice
    cat = load_catalog(catalog)
    target = _target(env, report)
    session = Session(
        cat, env.language, updates=False, show=lambda *_: None, learn=env.masker.learn, learn_lines=env.masker.learn_lines
    )
    feeds = {
        running.STDOUT: session.feed(message("run_stdout", env.language)),
        running.STDERR: session.feed(message("run_stderr", env.language)),
    }

    def copy(stream: int, lines: list[str]) -> None:
        feeds[stream].lines(lines)

    try:
        finished = running.run(_as_given(command), copy, env.stdout.raw(), env.stderr.raw())
        for feed in feeds.values():
            session.keep(feed.close()[0])
        explained = session.report()._replace(redacted=env.masker.count)
        for stream, reason in finished.lost:
            which = message("run_stdout" if stream == running.STDOUT else "run_stderr", env.language)
            env.error(message("run_lost_output", env.language, stream=which, reason=reason))
        _show(env, target, explained, finished, clip(command[0]), json_output=json_output)
    finally:
        if target.file is not None:
            with contextlib.suppress(OSError):
                target.file.close()
    if finished.lost and finished.status == 0:
        return int(ExitStatus.ERROR)  # the command's output did not all arrive: not a success
    if exit_verdict and finished.status != 0 and finished.signal is None:
        return int(VERDICT_STATUS.get(explained.verdict, ExitStatus.UNKNOWN))
    return finished.status


def _as_given(command: list[str]) -> list[str]:
    """The command's arguments exactly as tco-err got them: typer saw undecodable bytes as U+FFFD, the command
    gets the bytes (its arguments are always the last ones on the line)."""
    given = Settings.argv[-len(command) :]
    if len(given) == len(command) and all(a == b or "\ufffd" in b for a, b in zip(given, command, strict=True)):
        return given
    return command


class Target(NamedTuple):
    """Where the explanation goes: an Env whose stdout is it, the file to close, and whether it is our stderr."""

    env: Env
    file: TextIO | None
    on_stderr: bool


def _target(env: Env, report: str | None) -> Target:
    """stderr; stdout for -; or a file, opened (and emptied) now, before the command runs."""
    if report is None:
        stderr = Output(env.stderr.text, env.masker)
        return Target(env._replace(stdout=stderr, is_tty=env.stderr.isatty(), width=env.width or _width(2)), None, True)
    if report == "-":
        return Target(env, None, False)
    try:
        handle = open(report, "w", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115 - run() closes it
    except OSError as exc:
        raise TcoErrError.of("report_unwritable", path=report, reason=exc.strerror or str(exc)) from None
    return Target(env._replace(stdout=Output(tolerant(handle), env.masker), is_tty=False), handle, False)


def _width(fd: int) -> int | None:
    try:
        return os.get_terminal_size(fd).columns or None
    except (OSError, ValueError):
        return None


def _show(env: Env, target: Target, explained: Report, finished: Finished, name: str, *, json_output: bool) -> None:
    """The explanation, after a line on stderr saying how the command ended when it goes to stderr too."""
    if finished.signal is not None:
        ended = message("run_signalled", env.language, command=name, signal=_signal_name(finished.signal), status=finished.status)
    else:
        ended = message("run_exited", env.language, command=name, status=finished.status)
    if not explained.errors and not json_output:
        if finished.status != 0:
            env.note("run_no_error", ended=ended)
        return
    if target.on_stderr and not json_output:
        env.note("run_errors_follow", ended=ended)
    try:
        target.env.renderer(json_output).report(explained)
        target.env.stdout.flush()
    except BrokenPipeError:  # nobody reads it any more: the command's status still stands
        pass


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)
