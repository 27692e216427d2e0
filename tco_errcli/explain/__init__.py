"""explain: find every Tencent Cloud error in pasted output or a log, and explain and diagnose each.

explain(text) -> Report; Explainer for a stream (feed_lines / idle / close / report, yielding Updates); Session for
several inputs as the CLI reads them. The Explainer coordinates records.py, shapes.py + extract.py, context.py,
explained.py (with infer.py, products.py, diagnose.py) and fold.py. Calling the package,
`tco_errcli.explain(source)`, is the Python API's explain (api.py).
"""

from __future__ import annotations

from tco_errcli.public import public_package

from .explainer import Explainer, explain
from .fold import Update

__all__ = ["Explainer", "Update", "explain"]

public_package(__name__)
