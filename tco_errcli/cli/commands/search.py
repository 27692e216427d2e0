"""tco-err search TEXT: codes by meaning, in English or Chinese, typo-tolerant."""

from __future__ import annotations

from typing import Annotated

import typer

from tco_errcli.cli.boundary import guarded
from tco_errcli.cli.env import Env
from tco_errcli.cli.options import load_catalog
from tco_errcli.cli.params import CatalogOpt, JsonOpt, LangOpt
from tco_errcli.errors import ExitStatus, TcoErrError


@guarded
def search(
    env: Env,
    text: Annotated[str, typer.Argument(help="Words to look for, English or Chinese; typos are fine.", metavar="TEXT")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=400, metavar="N", help="How many results.")] = 10,
    product: Annotated[
        str | None,
        typer.Option(
            "--product",
            "-p",
            help="Search another product's codes by their official messages (a short name, host or name), or "
            "`all` for every product's; the default is Organization's and the common codes.",
            metavar="PRODUCT|all",
        ),
    ] = None,
    json_output: JsonOpt = False,
    lang: LangOpt = None,
    catalog: CatalogOpt = None,
) -> ExitStatus:
    """Search codes by meaning: names, official messages, hints and users' words (English and Chinese, typo-tolerant)."""
    if not text.strip():
        raise TcoErrError.of("empty_search")
    from tco_errcli.search.ranking import search as rank

    cat = load_catalog(catalog)
    if product is not None and product.strip().lower() != "organization":
        from tco_errcli.catalog import anyproduct
        from tco_errcli.model import SearchHit

        service = None if product.strip().lower() == "all" else anyproduct.resolve(product)
        found = anyproduct.search_product(cat, text, service, limit)
        hits = [SearchHit(entry, score, "message") for entry, score in found]
    else:
        hits = rank(cat, text, limit)
    out = env.renderer(json_output)
    if not hits and not json_output:
        env.note("nothing_matches", text=text)
        return ExitStatus.NOT_FOUND
    out.hits(hits)
    return ExitStatus.FOUND if hits else ExitStatus.NOT_FOUND
