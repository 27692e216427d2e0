"""tco-err explain, as typer parses it: the parameters, their help, and the call of explain_body.py."""

from __future__ import annotations

from typing import Annotated

import typer

from tco_errcli.cli.boundary import guarded
from tco_errcli.cli.env import Env
from tco_errcli.cli.params import CatalogOpt, FormatOpt, JsonOpt, LangOpt
from tco_errcli.errors import ExitStatus

from . import explain_body


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
    return explain_body.explain(env, files, json_output, json_lines, output_format, exit_verdict, catalog)
