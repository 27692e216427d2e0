"""The package's layout is what the README says, and the import contracts hold (lint-imports)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tco_errcli"
MAX_LINES = 400


def modules() -> list[Path]:
    return sorted(
        p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts and p.name not in {"__init__.py", "__main__.py"}
    )


def layout_paragraph() -> str:
    text = (ROOT / "docs" / "development.md").read_text(encoding="utf-8")
    start = text.index("- Layout (")
    return text[start : text.index("\n- `", start)]


def test_every_module_is_named_in_the_readme_layout() -> None:
    named = set(re.findall(r"`([a-z0-9_/]+\.py)`", layout_paragraph()))
    missing = []
    for path in modules():
        if path.name not in named and str(path.relative_to(PACKAGE)) not in named:
            missing.append(str(path.relative_to(PACKAGE)))
    assert not missing, f"modules docs/development.md's layout paragraph does not name: {missing}"


def test_every_package_is_named_in_the_readme_layout() -> None:
    named = set(re.findall(r"`([a-z_]+)/`", layout_paragraph()))
    packages = {p.parent.relative_to(PACKAGE).parts[-1] for p in PACKAGE.rglob("__init__.py") if p.parent != PACKAGE}
    assert packages <= named, f"packages docs/development.md does not name: {sorted(packages - named)}"


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n for p in modules() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split these: {long}"


def test_the_router_knows_every_command_app_registers() -> None:
    from tco_errcli.cli.app import app
    from tco_errcli.cli.route import COMMANDS

    registered = {info.name or (info.callback.__name__ if info.callback else "") for info in app.registered_commands}
    assert registered == COMMANDS


def test_import_contracts_hold() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    if lint is None:
        pytest.fail("lint-imports is not installed: pip install -e '.[test]'")
    done = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
