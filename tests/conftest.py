"""Shared fixtures: the catalogue, the reference data shipped in data/, and an in-process CLI runner."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tco_errcli import catalog as catalog_module

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "data" / "reference"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def cat() -> catalog_module.Catalog:
    return catalog_module.load()


@pytest.fixture(scope="session")
def raw_catalog() -> dict[str, Any]:
    return json.loads((ROOT / "catalog.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def reference_codes() -> list[dict[str, Any]]:
    return json.loads((REFERENCE / "organization-error-codes.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def reference_actions() -> dict[str, dict[str, Any]]:
    return json.loads((REFERENCE / "organization-actions.json").read_text(encoding="utf-8"))


class Run:
    """Run the CLI in-process the way the installed command does (tco_errcli.cli.invoke: the routing of
    `tco-err CODE`, one-line usage errors), with a clean, English, non-terminal environment unless told otherwise."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None) -> Any:
        from typer.testing import Result

        from tco_errcli import cli

        base = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "NO_COLOR": "", "FORCE_COLOR": ""}
        base.update(env or {})
        with self.runner.isolation(input=input, env=base) as (stdout, stderr, output):
            status = cli.invoke(list(args))
            sys.stdout.flush()
            sys.stderr.flush()
            captured = stdout.getvalue(), stderr.getvalue(), output.getvalue()
        return Result(self.runner, *captured, None, status, None)


@pytest.fixture
def run() -> Run:
    return Run()


@pytest.fixture(autouse=True)
def _search_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """A --catalog overlay's search index is cached under XDG_CACHE_HOME: keep the tests' out of $HOME."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))


def load_script(name: str) -> Any:
    """A script of scripts/ imported as a module (they are not a package), registered under its name."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
