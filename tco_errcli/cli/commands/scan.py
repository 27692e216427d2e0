"""tco-err scan: count every error code in logs of any size, streaming, in parallel over files."""

from __future__ import annotations

import contextlib
from typing import Annotated, Any, TextIO, cast

import typer

from tco_errcli.cli.boundary import guarded, json_error
from tco_errcli.cli.env import Env, message
from tco_errcli.cli.helptext import Command
from tco_errcli.cli.options import Inputs, OutputFormat, load_catalog, name, size, stdin_when_none
from tco_errcli.cli.params import CatalogOpt, FormatOpt, JsonOpt, LangOpt
from tco_errcli.errors import ExitStatus, TcoErrError
from tco_errcli.model import ScanEngine


class ScanCommand(Command):
    """scan's --help ends with the engine that would run: known only by looking, so looked up only for --help."""

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        super().format_epilog(ctx, formatter)
        from tco_errcli.model import ScanEngine
        from tco_errcli.scan import resolve

        if resolve(ScanEngine.AUTO) is ScanEngine.RIPGREP:
            line = "Engine: ripgrep (the fast extra is installed); --engine python for the pure-Python scanner."
        else:
            line = "Engine: python (pip install 'tco-err[fast]' adds ripgrep: faster where errors are rare)."
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(line)


COMMAND_SETTINGS = {"cls": ScanCommand}  # app.py registers scan with it


@guarded
def scan(
    env: Env,
    files: Annotated[
        list[str] | None,
        typer.Argument(
            help="Log files or directories of any size; - (or nothing) for stdin.", show_default=False, metavar="[FILE]..."
        ),
    ] = None,
    top: Annotated[int | None, typer.Option("--top", min=1, metavar="N", help="Only the N most frequent codes.")] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, metavar="N", help="Files counted at once (default: the number of cores).")
    ] = None,
    engine: Annotated[
        ScanEngine,
        typer.Option(
            "--engine", metavar="auto|ripgrep|python", help="auto: ripgrep if the fast extra is installed, else python."
        ),
    ] = ScanEngine.AUTO,
    output_format: FormatOpt = None,
    json_output: JsonOpt = False,
    lang: LangOpt = None,
    catalog: CatalogOpt = None,
) -> ExitStatus:
    """Count every Tencent Cloud error code in logs, streaming: first and last line, description, hint."""
    from tco_errcli.scan import Counter, default_jobs, expand, known_codes, resolve, rows, scan_paths

    json_output = json_output or output_format is OutputFormat.json
    cat = load_catalog(catalog)
    language = env.language
    used = resolve(engine)
    known = known_codes(cat)
    total = Counter(known)  # line numbers run on across files, as with cat
    inputs = Inputs(env)
    skipped: list[str] = []
    unreadable: list[str] = []
    paths = expand(stdin_when_none(env, files), skipped, unreadable)
    for path in skipped:  # a FIFO or a link to /dev/zero inside a directory would block or never end
        env.note("scan_skipped", path=path)
    for path in unreadable:
        inputs.fail(message("scan_unreadable_dir", env.language, path=path))
    show_progress = env.stderr.isatty() and not json_output
    in_process = {"-"} if not show_progress else set(paths)  # a progress bar needs the bytes read here
    elsewhere = [p for p in paths if p not in in_process]
    counted = iter(scan_paths(elsewhere, known, used, jobs or default_jobs(), language))
    for path in paths:
        if path not in in_process:
            _, result = next(counted)
        else:
            result = _scan_here(env, path, known, used, show_progress)
        if isinstance(result, str):
            inputs.fail(result)
        else:
            total.merge(result, name(env, path))
    found = rows(total, cat)
    if top and len(found) > top:
        if not json_output:
            env.note("scan_top_left_out", top=top, count=len(found) - top)
        found = found[:top]
    if json_output and inputs.failed and not found:
        json_error(env.stdout, inputs.first_error, ExitStatus.ERROR)
    elif found or json_output:
        shown = env.renderer(json_output, language, github=output_format is OutputFormat.github)
        shown.scan(found, total.line - 1, unlisted=total.unlisted, engine=total.engine.value)
    if total.unlisted and not json_output:
        env.note("scan_unlisted", count=total.unlisted, cap=total.cap)
    if not found and not inputs.failed:
        lines = total.line - 1
        env.note("no_code_in_lines" if lines != 1 else "no_code_in_line", lines=lines)
    return inputs.status(bool(found))


def _scan_here(env: Env, path: str, known: frozenset[bytes], engine: ScanEngine, show_progress: bool) -> Any:
    """Count one input in this process (stdin, or a file under a progress bar): the counter or an error line."""
    from tco_errcli.inputs import open_binary
    from tco_errcli.scan import Counter, scan_path, scan_stream

    try:
        with contextlib.ExitStack() as stack:
            advance = None
            if show_progress:
                from tco_errcli.render.terminal import progress

                advance = stack.enter_context(progress(cast(TextIO, env.stderr), name(env, path), size(path)))
            if path == "-":
                return scan_stream(open_binary(path, getattr(env.stdin, "buffer", None)), Counter(known), advance)
            return scan_path(path, known, engine, advance)
    except TcoErrError as exc:
        return exc.text(env.language)
    except OSError as exc:
        return message("read_failed", env.language, path=name(env, path), reason=exc.strerror or exc)
