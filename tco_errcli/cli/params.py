"""The typer parameters several commands share (their names, metavars and help); the values they take are
options.py's. Only the typer app imports this: the fast path (fast.py) parses these options itself."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .options import OutputFormat

JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON (its shape: `tco-err help json`).")]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="en|zh",
        help="en or zh (zh-CN, zh_CN, en-US... too): every word of the output and of the messages "
        "(default: from LANG/LC_ALL; zh_* gives zh).",
        autocompletion=lambda: ["en", "zh"],
    ),
]
FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        help="text (the default: a terminal view, or plain text in a pipe), json (as --json), or github: "
        "GitHub Actions annotations on each error's file and line.",
        metavar="text|json|github",
    ),
]
ProductOpt = Annotated[
    str | None,
    typer.Option(
        "--product",
        "-p",
        help="The Tencent Cloud product the error came from (cvm, a host such as cvm.tencentcloudapi.com, or a "
        "product name): its own codes and official meanings.",
        metavar="PRODUCT",
    ),
]
CatalogOpt = Annotated[
    Path | None,
    typer.Option(
        "--catalog",
        metavar="FILE",
        help="Your own catalogue (JSON, see catalog.schema.json) laid over the built-in one.",
        dir_okay=True,
        exists=False,
    ),
]
