"""The Python API: the same data as --json, as plain dicts and lists.

>>> from tco_errcli import lookup, search, explain
>>> lookup("FAILEDOPERATION_NODENOTEMPTY")["code"]
'FailedOperation.NodeNotEmpty'
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .model import Lang

__all__ = ["explain", "lookup", "scan", "search"]


def _catalog(catalog: str | Path | None) -> Any:
    from .catalog import load

    return load(catalog)


def _masked(data: Any, *inputs: str) -> Any:
    """data with every secret found in inputs (or in data itself) masked, as the CLI's output stage does."""
    from .redact import Masker, scrub

    masker = Masker()
    for text in inputs:
        masker.learn(text)
    return scrub(data, masker)


def lookup(code: str, *, lang: str = "en", catalog: str | Path | None = None, product: str | None = None) -> dict[str, Any]:
    """One code of Organization or any product (product: a short name, host or name, as --product):
    description, hint, retry advice, versions, actions, products. {"found": False, ...} when unknown."""
    from .catalog import anyproduct

    cat = _catalog(catalog)
    result = anyproduct.lookup(cat, code, anyproduct.resolve(product) if product else None)
    return dict(_masked(result, code).to_dict(Lang(lang)))


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
    from .redact import Masker, scrub

    text = coerce(source)
    masker = Masker()
    masker.learn(text)
    report = run(text, _catalog(catalog), Lang(lang))
    return dict(scrub(report._replace(redacted=masker.count), masker).to_dict(Lang(lang)))


def scan(lines: Iterable[bytes | str], *, lang: str = "en", catalog: str | Path | None = None) -> dict[str, Any]:
    """Count every error code in a stream of log lines; as `tco-err scan --json` prints."""
    from .scan import scan_lines

    cat = _catalog(catalog)
    rows, counter = scan_lines(lines, cat)
    rows = _masked(rows)  # an unknown code shaped like a key is hidden (redact.scrub)
    codes = [r.to_dict(Lang(lang)) for r in rows]
    total = sum(r.occurrences for r in rows)
    return {"lines": counter.line - 1, "total": total, "codes": codes, "unlisted": counter.unlisted, "engine": "python"}
