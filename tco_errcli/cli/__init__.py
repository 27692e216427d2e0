"""The command line: parses arguments, makes core calls, hands results to a renderer; nothing else lives here.

app.py registers the commands (commands/, one module each) and owns start-up and exit; env.py the Env a command
runs in; boundary.py the one error boundary; route.py what a bare `tco-err …` means; usage.py click's errors in the
user's language; options.py what commands share; streams.py the process's standard streams; pager.py the pager.
"""

from typing import Any

from tco_errcli.cli.app import invoke, main
from tco_errcli.cli.route import route

__all__ = ["app", "invoke", "main", "route"]


def __getattr__(name: str) -> Any:
    if name == "app":  # the full app, built on first use (a run builds only its command's)
        from tco_errcli.cli.app import full_app

        return full_app()
    raise AttributeError(name)
