"""tco-err list: every code, or those of a category, an API version, an action or a kind."""

from __future__ import annotations

from typing import Annotated

import typer

from tco_errcli.cli.boundary import guarded
from tco_errcli.cli.env import Env
from tco_errcli.cli.options import ApiVersion, CatalogOpt, JsonOpt, LangOpt, complete_action, load_catalog
from tco_errcli.errors import ExitStatus, TcoErrError


@guarded
def list_codes(
    env: Env,
    category: Annotated[str | None, typer.Option("--category", help="e.g. AuthFailure, FailedOperation.")] = None,
    api_version: Annotated[ApiVersion | None, typer.Option("--api-version", help="Only codes of this version.")] = None,
    action: Annotated[
        str | None,
        typer.Option("--action", help="Only codes this action may return.", autocompletion=complete_action),
    ] = None,
    common: Annotated[bool, typer.Option("--common", help="Only platform-wide codes (every product returns them).")] = False,
    service: Annotated[bool, typer.Option("--service", help="Only Organization's own codes.")] = False,
    json_output: JsonOpt = False,
    lang: LangOpt = None,
    catalog: CatalogOpt = None,
) -> ExitStatus:
    """List every code, or those matching the filters (the action in any case)."""
    if common and service:
        raise TcoErrError.of("common_and_service")
    kind = "common" if common else "service" if service else None
    entries = load_catalog(catalog).filter(
        category=category, api_version=api_version.value if api_version else None, action=action, kind=kind
    )
    out = env.renderer(json_output)
    if entries or json_output:
        out.entries(entries)
    if not entries:
        env.note("no_filter_match")
        return ExitStatus.NOT_FOUND
    return ExitStatus.FOUND
