"""tco-err explain: every error in files, text or a pipe, each explained and diagnosed; streaming from pipes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

import typer

from tco_errcli.cli.boundary import guarded, json_error
from tco_errcli.cli.env import Env, message
from tco_errcli.cli.options import (
    CatalogOpt,
    FormatOpt,
    Inputs,
    JsonOpt,
    LangOpt,
    OutputFormat,
    is_text_argument,
    load_catalog,
    name,
    short,
    stdin_when_none,
)
from tco_errcli.errors import VERDICT_STATUS, ExitStatus


@guarded
def explain(
    env: Env,
    files: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files holding an API response, SDK exception, tccli or Terraform output, or a log; - (or nothing) "
            "for stdin; the error text itself also works.",
            show_default=False,
            metavar="[FILE|TEXT]...",
        ),
    ] = None,
    json_output: JsonOpt = False,
    json_lines: Annotated[
        bool, typer.Option("--json-lines", help="One JSON finding per line as each is found, then a summary line.")
    ] = False,
    output_format: FormatOpt = None,
    exit_verdict: Annotated[
        bool,
        typer.Option(
            "--exit-verdict",
            help="Exit 3 when every error may be retried as is, 4 when one must be fixed first, 5 when that is not "
            "known (0 stays: no error found is 1).",
        ),
    ] = False,
    lang: LangOpt = None,
    catalog: CatalogOpt = None,
) -> ExitStatus:
    """Find every Tencent Cloud error in pasted output and explain and diagnose each one.

    From a pipe or a terminal, each finding is printed as soon as its record is complete (tail -f app.log | ...).
    """
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
    for path in files:
        origin = name(env, path) if len(files) > 1 or (github and path != "-") else ""  # an annotation names its file
        live = live_fd(env.stdin, path)
        if live is not None:
            report, lines, interrupted = session.live(live_lines(live), origin)
        else:
            pieces = next((p for _, p in inputs.each([path], _pieces_or_text)), None)
            if pieces is None:
                continue
            failures = inputs.failures
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
            env.note("explaining_text", name=short(path))
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


def _pieces_or_text(path: str, stdin: Any) -> Iterator[str]:
    """A file (or stdin that is not a pipe) in pieces, or the argument itself when it is error text."""
    from tco_errcli.inputs import read_pieces

    return iter((path,)) if is_text_argument(path) else read_pieces(path, stdin)
