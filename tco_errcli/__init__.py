"""tco-err: Tencent Cloud Organization API errors, explained. Public API: lookup, search, explain, scan."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "explain", "lookup", "scan", "search"]

if TYPE_CHECKING:
    from .api import explain, lookup, scan, search


def __getattr__(name: str) -> Any:
    # Loaded on first use so that `import tco_errcli` and the CLI's start-up stay cheap. explain, search and scan
    # are also the names of subpackages; each is callable as its API function (public.py), so the
    # attribute is the package whichever was imported first.
    if name == "lookup":
        from .api import lookup

        return lookup
    if name in {"explain", "scan", "search"}:
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'tco_errcli' has no attribute {name!r}")
