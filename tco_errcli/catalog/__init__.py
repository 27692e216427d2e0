"""The catalogue: load() and the Catalog it returns; the code shapes in codes.py, did-you-mean in suggest.py,
the services reference in products.py."""

from __future__ import annotations

from .codes import clean_query, code_key, looks_like_code
from .lookup import API_VERSIONS, Catalog
from .store import load, validate

__all__ = ["API_VERSIONS", "Catalog", "clean_query", "code_key", "load", "looks_like_code", "validate"]
