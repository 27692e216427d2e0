"""Long output on a terminal goes through a pager, the way git does: $PAGER, else `less -FRX`."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
from collections.abc import Mapping
from typing import Any

DEFAULT = "less -FRX"  # -F: quit when it fits one screen, -R: keep colours, -X: leave the text on screen


def start(environ: Mapping[str, str]) -> Any | None:
    """A running pager whose stdin takes our output, or None (no pager wanted or none to be found).

    The caller only starts one when stdout is a terminal; PAGER= (empty) or PAGER=cat turns it off.
    """
    command = environ.get("TCO_ERR_PAGER", environ.get("PAGER", DEFAULT)).strip()
    if not command or command == "cat":
        return None
    if command == DEFAULT and shutil.which("less") is None:
        return None
    env = dict(environ)
    env.setdefault("LESS", "FRX")  # a bare `less` in $PAGER behaves like git's
    env.setdefault("LV", "-c")
    env.setdefault("LESSCHARSET", "utf-8")  # what we write: less in a C locale would show Chinese as <E9><94><99>
    try:
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        return None
    assert process.stdin is not None
    process.stdin = io.TextIOWrapper(process.stdin, encoding="utf-8", errors="replace", line_buffering=False)  # type: ignore[assignment]
    return process


def finish(process: Any) -> None:
    """Close the pager's input and wait for the user to quit it."""
    with contextlib.suppress(BrokenPipeError, OSError, ValueError):
        process.stdin.close()
    with contextlib.suppress(KeyboardInterrupt):
        process.wait()
