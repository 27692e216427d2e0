"""tco-err search TEXT: codes by meaning, in English or Chinese, typo-tolerant."""

from __future__ import annotations

from typing import Annotated

import typer

from tco_errcli.cli.boundary import guarded
from tco_errcli.cli.env import Env
from tco_errcli.cli.options import CatalogOpt, JsonOpt, LangOpt, load_catalog
from tco_errcli.errors import ExitStatus, TcoErrError


@guarded
def search(
    env: Env,
    text: Annotated[str, typer.Argument(help="Words to look for, English or Chinese; typos are fine.", metavar="TEXT")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=400, help="How many results.")] = 10,
    json_output: JsonOpt = False,
    lang: LangOpt = None,
    catalog: CatalogOpt = None,
) -> ExitStatus:
    """Search codes by meaning: names, official messages, hints and users' words (English and Chinese, typo-tolerant)."""
    if not text.strip():
        raise TcoErrError.of("empty_search")
    from tco_errcli.search.ranking import search as rank

    hits = rank(load_catalog(catalog), text, limit)
    out = env.renderer(json_output)
    if not hits and not json_output:
        env.note("nothing_matches", text=text)
        return ExitStatus.NOT_FOUND
    out.hits(hits)
    return ExitStatus.FOUND if hits else ExitStatus.NOT_FOUND
