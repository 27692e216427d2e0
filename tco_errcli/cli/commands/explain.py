"""tco-err explain: every error in files, text or a pipe, each explained and diagnosed; streaming from pipes."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from tco_errcli.cli.boundary import guarded, json_error
from tco_errcli.cli.env import Env, message
from tco_errcli.cli.options import (
    CatalogOpt,
    Inputs,
    JsonOpt,
    LangOpt,
    is_text_argument,
    load_catalog,
    name,
    short,
    stdin_when_none,
    text_argument_or,
)
from tco_errcli.errors import ExitStatus


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
    lang: LangOpt = None,
    catalog: CatalogOpt = None,
) -> ExitStatus:
    """Find every Tencent Cloud error in pasted output and explain and diagnose each one.

    From a pipe or a terminal, each finding is printed as soon as its record is complete (tail -f app.log | ...).
    """
    from tco_errcli.explain import Explainer, Update
    from tco_errcli.inputs import live_fd, live_lines, read_text
    from tco_errcli.model import Report
    from tco_errcli.render.interface import MAX_SHOWN

    cat = load_catalog(catalog)
    language = env.language
    files = stdin_when_none(env, files)
    out = env.renderer(json_output or json_lines, language, json_lines=json_lines)
    # a pipe or terminal prints each finding as it completes; a file is explained whole, repeats folded
    streaming = json_lines or (not json_output and any(live_fd(env.stdin, path) is not None for path in files))
    errors: list[Any] = []
    redacted = 0
    shown = 0
    repeats = 0
    interrupted = False
    inputs = Inputs(env)

    def show(updates: list[Update]) -> None:
        nonlocal shown, repeats
        for update in updates:
            n = len(errors) + update.position + 1
            if update.new and shown < MAX_SHOWN:
                out.finding(n, update.item)
                shown += 1
            elif not update.new and update.position < shown and repeats < MAX_SHOWN:
                out.repeat(n, update.item, update.line)
                repeats += 1
        if updates:
            env.stdout.flush()

    for path in files:
        origin = name(env, path) if len(files) > 1 else ""
        live = live_fd(env.stdin, path)
        explainer = Explainer(cat, language, origin=origin, live=live is not None, updates=streaming)
        if live is not None:
            try:
                for lines in live_lines(live):
                    if lines is None:
                        show(explainer.idle())
                        continue
                    env.masker.learn_lines(lines)  # before anything from these lines is shown
                    show(explainer.feed_lines([line[:-1] if line.endswith("\r") else line for line in lines]))
            except KeyboardInterrupt:  # Ctrl-C ends `tail -f … | tco-err explain`: still say what was seen
                interrupted = True
        else:
            for _, text in inputs.each([path], text_argument_or(read_text)):
                if not text.strip():
                    env.note("empty_input", name=name(env, path))
                    break
                env.masker.learn(text)  # before anything from this input is shown: its secrets are masked everywhere
                updates = explainer.feed_text(text)
                if streaming:
                    show(updates)
        final = explainer.close()
        if streaming:
            show(final)
        report = explainer.report()
        if is_text_argument(path) and not report.errors:  # no error in it: most likely a mistyped file name
            inputs.fail(message("no_such_file", env.language, path=path))
            continue
        if is_text_argument(path):
            env.note("explaining_text", name=short(path))
        elif not report.errors and explainer.records.number:
            env.note("no_error_found", name=name(env, path))
        errors += report.errors
        redacted += report.redacted
        if interrupted:
            break
    combined = Report(tuple(errors), max(redacted, env.masker.count))
    if json_output and inputs.failed and not errors:
        json_error(env.stdout, inputs.first_error, ExitStatus.ERROR)
    elif streaming and (errors or json_lines):
        out.summary(combined, shown)
    elif errors or json_output:
        out.report(combined)
    if interrupted:
        raise KeyboardInterrupt
    return inputs.status(bool(errors))
