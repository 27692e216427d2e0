"""The Python API: the same data as --json, as plain dicts and lists.

>>> from tco_errcli import lookup, search, explain
>>> lookup("FAILEDOPERATION_NODENOTEMPTY")["code"]
'FailedOperation.NodeNotEmpty'
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .model import Lang

__all__ = ["explain", "lookup", "public_package", "scan", "search"]


class _PublicPackage(types.ModuleType):
    """A subpackage named like a function of this API (tco_errcli.explain, .search, .scan): calling it calls the
    function, so `from tco_errcli import search` is the same callable whether or not the package was loaded."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        function = globals()[self.__name__.rpartition(".")[2]]
        return function(*args, **kwargs)


def public_package(name: str) -> None:
    """Make the loaded package `name` callable as the API function of its last name (see _PublicPackage)."""
    sys.modules[name].__class__ = _PublicPackage


def _catalog(catalog: str | Path | None) -> Any:
    from .catalog import load

    return load(catalog)


def _masked(data: Any, *inputs: str) -> Any:
    """data with every secret found in inputs (or in data itself) masked, as the CLI's output stage does."""
    from .redact import Masker
    from .render.emit import scrub

    masker = Masker()
    for text in inputs:
        masker.learn(text)
    return scrub(data, masker)


def lookup(code: str, *, lang: str = "en", catalog: str | Path | None = None) -> dict[str, Any]:
    """One code: description, hint, retry advice, versions, actions. {"found": False, ...} when unknown."""
    return dict(_masked(_catalog(catalog).lookup(code), code).to_dict(Lang(lang)))


def search(text: str, *, limit: int = 10, lang: str = "en", catalog: str | Path | None = None) -> list[dict[str, Any]]:
    """Search by meaning (BM25F with typo help), best first; each result carries a score (0-100)."""
    from .search.ranking import search as rank

    return [hit.to_dict(Lang(lang)) for hit in rank(_catalog(catalog), text, limit)]


def explain(source: Any, *, lang: str = "en", catalog: str | Path | None = None) -> dict[str, Any]:
    """Every error in source — text, bytes, a parsed JSON response, or an SDK exception — explained.

    Returns {"errors": [...], "summary": {...}, "redacted": N}, as `tco-err explain --json` prints.
    """
    from .explain.coerce import coerce
    from .explain.explainer import explain as run
    from .redact import Masker
    from .render.emit import scrub

    text = coerce(source)
    masker = Masker()
    masker.learn(text)
    report = run(text, _catalog(catalog), Lang(lang))
    return dict(scrub(report._replace(redacted=masker.count), masker).to_dict(Lang(lang)))


def scan(lines: Iterable[bytes | str], *, lang: str = "en", catalog: str | Path | None = None) -> dict[str, Any]:
    """Count every error code in a stream of log lines; as `tco-err scan --json` prints."""
    from .redact import MASK, keylike
    from .scan import scan_lines

    cat = _catalog(catalog)
    rows, counter = scan_lines(lines, cat)
    rows = [r._replace(code=MASK) if r.entry is None and keylike(r.code) else r for r in _masked(rows)]
    codes = [r.to_dict(Lang(lang)) for r in rows]
    total = sum(r.occurrences for r in rows)
    return {"lines": counter.line - 1, "total": total, "codes": codes, "unlisted": counter.unlisted, "engine": "python"}
