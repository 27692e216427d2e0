"""Did you mean: the codes and actions closest to what was typed (rapidfuzz, loaded only when something is unknown)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .codes import code_key

if TYPE_CHECKING:
    from .lookup import Catalog


def close_codes(catalog: Catalog, query: str, limit: int = 3) -> tuple[str, ...]:
    """The catalogue codes closest to query, best first (WRatio of the normalised keys, at least 70)."""
    from rapidfuzz import fuzz, process

    key = code_key(query)
    if not key:
        return ()
    by_key = catalog.by_key
    found = process.extract(key, list(by_key), scorer=fuzz.WRatio, limit=limit, score_cutoff=70)
    return tuple(catalog.entry_at(by_key[c]).code for c, _score, _i in found)


def one_slip(query: str, code: str) -> bool:
    """'FailedOperation.NodeNotEmtpy' for FailedOperation.NodeNotEmpty: a typo or two, not another code."""
    from rapidfuzz.distance import Levenshtein

    return bool(Levenshtein.distance(code_key(query), code_key(code)) <= 2)


def close_actions(action: str, names: list[str]) -> list[str]:
    """The API actions closest to a mistyped one, in their own spelling (at most 3, WRatio at least 80)."""
    from rapidfuzz import fuzz, process

    by_lower = {a.lower(): a for a in names}
    close = process.extract(action.lower(), list(by_lower), scorer=fuzz.WRatio, limit=3, score_cutoff=80)
    return [by_lower[c] for c, _score, _i in close]
