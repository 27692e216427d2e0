"""tco-err list: every code, or those of a category, an API version, an action or a kind."""

from __future__ import annotations

from typing import Annotated

import typer

from tco_errcli.cli.boundary import guarded
from tco_errcli.cli.env import Env
from tco_errcli.cli.options import ApiVersion, complete_action, load_catalog
from tco_errcli.cli.params import CatalogOpt, JsonOpt, LangOpt, ProductOpt
from tco_errcli.errors import ExitStatus, TcoErrError


@guarded
def list_codes(
    env: Env,
    category: Annotated[
        str | None, typer.Option("--category", metavar="CATEGORY", help="e.g. AuthFailure, FailedOperation.")
    ] = None,
    api_version: Annotated[
        ApiVersion | None, typer.Option("--api-version", metavar="2018-12-25|2021-03-31", help="Only codes of this version.")
    ] = None,
    action: Annotated[
        str | None,
        typer.Option("--action", metavar="ACTION", help="Only codes this action may return.", autocompletion=complete_action),
    ] = None,
    common: Annotated[bool, typer.Option("--common", help="Only platform-wide codes (every product returns them).")] = False,
    service: Annotated[bool, typer.Option("--service", help="Only Organization's own codes.")] = False,
    product: ProductOpt = None,
    products: Annotated[bool, typer.Option("--products", help="Every Tencent Cloud product, with its code count.")] = False,
    json_output: JsonOpt = False,
    lang: LangOpt = None,
    catalog: CatalogOpt = None,
) -> ExitStatus:
    """List every code, or those matching the filters (the action in any case)."""
    if common and service:
        raise TcoErrError.of("common_and_service")
    if products:
        return _products(env, json_output)
    if product:
        from tco_errcli.catalog import anyproduct

        service_name = anyproduct.resolve(product)
        if service_name != "organization":
            found = anyproduct.product_codes(load_catalog(catalog), service_name, category)
            out = env.renderer(json_output)
            if found or json_output:
                out.entries(found)
            if not found:
                env.note("no_filter_match")
            return ExitStatus.FOUND if found else ExitStatus.NOT_FOUND
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


def _products(env: Env, json_output: bool) -> ExitStatus:
    """Every product: short name, code count, name; JSON as a list of objects."""
    import json

    from tco_errcli.catalog import allproducts

    rows = sorted(allproducts.products(), key=lambda p: p.short)
    if json_output:
        data = [{"service": p.short, "name_zh": p.name_zh, "name_en": p.name_en, "host": p.host, "codes": p.codes} for p in rows]
        env.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        for p in rows:
            name = (p.name_en or p.name_zh or "") if env.language.value == "en" else (p.name_zh or p.name_en or "")
            env.stdout.write(f"{p.short}\t{p.codes}\t{' '.join(name.split())}\n")
    return ExitStatus.FOUND
