"""Subpackages named like functions of the Python API (tco_errcli.explain, .search, .scan) are callable as them.

`from tco_errcli import search` must give the same callable whether or not the package was loaded first; the
package's module object gets a class whose __call__ calls api's function. api is found at call time by name, so
the feature packages do not import the API layer above them (the import contracts in pyproject.toml).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any


class _PublicPackage(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        function = getattr(importlib.import_module("tco_errcli.api"), self.__name__.rpartition(".")[2])
        return function(*args, **kwargs)


def public_package(name: str) -> None:
    """Make the loaded package `name` callable as the API function of its last name."""
    sys.modules[name].__class__ = _PublicPackage
