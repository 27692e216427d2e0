"""The command line: parses arguments, makes core calls, hands results to a renderer; nothing else lives here.

start.py owns start-up and exit and sends a command line to fast.py (the commonest ones, parsed without typer)
or to app.py, which registers the commands (commands/, one module each) on the typer app; env.py the Env a
command runs in; boundary.py the one error boundary; route.py what a bare `tco-err …` means; usage.py click's
errors in the user's language; options.py what commands share, params.py their typer parameters; streams.py the
process's standard streams; pager.py the pager.
"""

from typing import Any

from tco_errcli.cli.route import route
from tco_errcli.cli.start import invoke, main

__all__ = ["app", "invoke", "main", "route"]


def __getattr__(name: str) -> Any:
    if name == "app":  # the full app, built on first use (a run builds only its command's)
        from tco_errcli.cli.app import full_app

        return full_app()
    raise AttributeError(name)
