"""tco-err lookup CODE, as typer parses it: the parameters, their help, and the call of lookup_body.py."""

from __future__ import annotations

from typing import Annotated

import typer

from tco_errcli.cli.boundary import guarded
from tco_errcli.cli.env import Env
from tco_errcli.cli.options import complete_code
from tco_errcli.cli.params import CatalogOpt, JsonOpt, LangOpt, ProductOpt
from tco_errcli.errors import ExitStatus

from . import lookup_body


@guarded
def lookup(
    env: Env,
    code: Annotated[
        str,
        typer.Argument(
            help="An error code (any case, the SDK constant form, `code: X,` as copied), a category such as "
            "AuthFailure, or a code's detail such as SignatureExpire; - reads codes from stdin.",
            autocompletion=complete_code,
            metavar="CODE",
        ),
    ],
    show_all: Annotated[bool, typer.Option("--all", help="Every action that returns the code, not the first few.")] = False,
    product: ProductOpt = None,
    json_output: JsonOpt = False,
    lang: LangOpt = None,
    catalog: CatalogOpt = None,
) -> ExitStatus:
    """Show what an error code means, what to do, whether to retry, and which actions return it."""
    return lookup_body.lookup(env, code, show_all, product, json_output, catalog)
