"""Immutable data objects shared by the core and every output format; JSON is these, serialised.

NamedTuples rather than dataclasses: they cost a fifth as much to define, and start-up time matters here.
core.py: the catalogue's objects (languages, entries, lookups, search hits); findings.py: what explain and scan find.
"""

from .core import (
    RETRYABLE,
    Entry,
    Lang,
    LookupResult,
    MatchKind,
    ParamGroup,
    ParamRule,
    ProductMeaning,
    ScanEngine,
    SearchHit,
    Text,
)
from .findings import UNKNOWN, CodeSpan, Explained, Finding, Neighbourhood, Product, Report, ScanRow, TerraformContext

__all__ = [
    "RETRYABLE",
    "UNKNOWN",
    "CodeSpan",
    "Entry",
    "Explained",
    "Finding",
    "Lang",
    "LookupResult",
    "MatchKind",
    "Neighbourhood",
    "ParamGroup",
    "ParamRule",
    "Product",
    "ProductMeaning",
    "Report",
    "ScanEngine",
    "ScanRow",
    "SearchHit",
    "TerraformContext",
    "Text",
]
