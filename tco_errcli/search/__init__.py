"""Search by meaning: search() ranks the catalogue against a query (ranking.py: BM25F over the index bm25.py
reads, typo help, code names matched as names), with one tokeniser for the index and the query (tokens.py).

Calling the package itself, `tco_errcli.search(text, limit=…, lang=…)`, is the Python API's search (api.py).
"""

from __future__ import annotations

from tco_errcli.public import public_package

from .ranking import search

__all__ = ["search"]

public_package(__name__)
