"""The shape of the code, checked: what Python it declares, which package may import which, how big a module gets."""

from __future__ import annotations

import ast
import re
import tomllib

from .conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _minimum(requires: str) -> tuple[int, int]:
    match = re.fullmatch(r">=\s*3\.(\d+)", requires.strip())
    assert match, f"requires-python should be a plain lower bound, not {requires!r}"
    return 3, int(match.group(1))


def test_the_declared_python_is_the_one_checked_and_targeted() -> None:
    """requires-python, mypy's python_version and ruff's target are one version: the one the code is written for."""
    declared = _minimum(PYPROJECT["project"]["requires-python"])
    assert PYPROJECT["tool"]["mypy"]["python_version"] == f"{declared[0]}.{declared[1]}"
    assert PYPROJECT["tool"]["ruff"]["target-version"] == f"py{declared[0]}{declared[1]}"


def test_no_file_imports_a_module_newer_than_the_declared_python() -> None:
    """tomllib (scripts, tests) is 3.11's: a declared 3.10 would install where the build and the tests cannot run."""
    newer = {"tomllib": (3, 11)}
    declared = _minimum(PYPROJECT["project"]["requires-python"])
    for path in [*ROOT.glob("tco_errcli/**/*.py"), *ROOT.glob("scripts/*.py"), *ROOT.glob("tests/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            for name in names:
                needs = newer.get(name.split(".")[0])
                assert needs is None or needs <= declared, f"{path.relative_to(ROOT)} imports {name} (Python {needs})"
