"""What `tco-err explain` does once its arguments are parsed (explain.py declares them to typer; the fast path,
fast.py, calls this directly): every error in files, text or a pipe, explained and diagnosed; streaming from pipes."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TextIO, cast

from tco_errcli.cli.boundary import json_error
from tco_errcli.cli.env import Env, isatty, message
from tco_errcli.cli.options import (
    Inputs,
    OutputFormat,
    is_text_argument,
    load_catalog,
    name,
    short,
    size,
    stdin_when_none,
)
from tco_errcli.errors import VERDICT_STATUS, ExitStatus

if TYPE_CHECKING:
    from pathlib import Path


def explain(
    env: Env,
    files: list[str] | None,
    json_output: bool,
    json_lines: bool,
    output_format: OutputFormat | None,
    exit_verdict: bool,
    catalog: Path | None,
) -> ExitStatus:
    """Find every Tencent Cloud error in pasted output and explain and diagnose each one."""
    from tco_errcli.explain.fold import Update
    from tco_errcli.explain.session import Session
    from tco_errcli.inputs import live_fd, live_lines
    from tco_errcli.model import Report
    from tco_errcli.render.interface import MAX_SHOWN

    files = stdin_when_none(env, files)
    github = output_format is OutputFormat.github
    json_output = json_output or output_format is OutputFormat.json
    out = env.renderer(json_output or json_lines, env.language, json_lines=json_lines, github=github)
    # a pipe or terminal prints each finding as it completes; a file is explained whole, repeats folded
    streaming = json_lines or (not json_output and any(live_fd(env.stdin, path) is not None for path in files))
    shown = 0
    repeats = 0
    interrupted = False
    inputs = Inputs(env)

    def show(before: int, updates: list[Update]) -> None:
        nonlocal shown, repeats
        for update in updates:
            n = before + update.position + 1
            if update.new and shown < MAX_SHOWN:
                out.finding(n, update.item)
                shown += 1
            elif not update.new and update.position < shown and repeats < MAX_SHOWN:
                out.repeat(n, update.item, update.line)
                repeats += 1
        env.stdout.flush()

    # the masker learns each input before anything from it is shown: its secrets are masked everywhere after
    session = Session(
        load_catalog(catalog),
        env.language,
        updates=streaming,
        show=show,
        learn=env.masker.learn,
        learn_lines=env.masker.learn_lines,
    )
    # a file's reading shows progress on a terminal, never when output or stderr goes to a pipe or file
    bar = not (json_output or json_lines or github) and env.is_tty and isatty(env.stderr)
    for path in files:
        origin = name(env, path) if len(files) > 1 or (github and path != "-") else ""  # an annotation names its file
        live = live_fd(env.stdin, path)
        if live is not None:
            report, lines, interrupted = session.live(live_lines(live), origin)
        else:
            opener = _pieces_or_text if not bar else _small_pieces_or_text  # a bar moves a piece at a time
            pieces = next((p for _, p in inputs.each([path], opener)), None)
            if pieces is None:
                continue
            failures = inputs.failures
            if bar:
                label = os.path.basename(name(env, path))  # the bar's line is short: the file's name only
                pieces = _with_progress(env, pieces, label, size(path), session.found)
            report, lines, blank = session.pieces(inputs.until_failure(pieces), origin)
            if inputs.failures != failures:  # it failed halfway: said so; its findings so far are kept
                session.keep(report)
                continue
            if blank:
                env.note("empty_input", name=name(env, path))
                report, lines = Report(()), 0
        if is_text_argument(path) and not report.errors:  # no error in it: most likely a mistyped file name
            inputs.fail(message("no_such_file", env.language, path=path))
            continue
        if is_text_argument(path):
            env.note("explaining_text", name=short(env, path))
        elif not report.errors and lines:
            env.note("no_error_found", name=name(env, path))
        session.keep(report)
        if interrupted:
            break
    errors = session.errors
    combined = session.report()._replace(redacted=env.masker.count)
    if json_output and inputs.failed and not errors:
        json_error(env.stdout, inputs.first_error, ExitStatus.ERROR)
    elif streaming and (errors or json_lines):
        out.summary(combined, shown)
    elif errors or json_output:
        out.report(combined)
    if interrupted:
        raise KeyboardInterrupt
    status = inputs.status(bool(errors))
    if exit_verdict and status is ExitStatus.FOUND:
        return VERDICT_STATUS[combined.verdict]
    return status


PROGRESS_AFTER = 1.0  # seconds of reading before a progress bar appears: short work shows none
PROGRESS_PIECE = 1024 * 1024  # under a bar, files are read in pieces this big (a dense log: about 0.3 s each)


def _with_progress(env: Env, pieces: Iterator[str], label: str, total: int | None, found: Callable[[], int]) -> Iterator[str]:
    """pieces passed on; once reading has taken PROGRESS_AFTER seconds, a bar on stderr says the bytes read and
    the findings so far, cleared when the input ends."""
    start = time.monotonic()
    done = 0
    with contextlib.ExitStack() as stack:
        advance: Callable[..., None] | None = None
        for piece in pieces:
            yield piece
            step = len(piece.encode("utf-8", "surrogatepass")) if total is not None else len(piece)
            done += step
            if advance is None and time.monotonic() - start >= PROGRESS_AFTER:
                from tco_errcli.render.terminal import progress

                advance = stack.enter_context(progress(cast(TextIO, env.stderr), label, total))
                step = done
            if advance is not None:
                advance(step, message("progress_found", env.language, count=found()))


def _small_pieces_or_text(path: str, stdin: Any) -> Iterator[str]:
    """_pieces_or_text() in pieces of PROGRESS_PIECE: a progress bar moves at least every few tenths of a second."""
    from tco_errcli.inputs import read_pieces

    return iter((path,)) if is_text_argument(path) else read_pieces(path, stdin, PROGRESS_PIECE)


def _pieces_or_text(path: str, stdin: Any) -> Iterator[str]:
    """A file (or stdin that is not a pipe) in pieces, or the argument itself when it is error text."""
    from tco_errcli.inputs import read_pieces

    return iter((path,)) if is_text_argument(path) else read_pieces(path, stdin)
