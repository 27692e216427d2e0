"""The installed command: a wheel built from this checkout, installed into a fresh virtualenv, run elsewhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bin/ of a new virtualenv holding only the wheel and its dependencies."""
    work = tmp_path_factory.mktemp("installed")
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
    )
    wheel = next(dist.glob("tco_err-*.whl"))
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / "bin"
    subprocess.run([str(bin_dir / "pip"), "install", "-q", str(wheel)], check=True, capture_output=True, text=True)
    return bin_dir


def run(cmd: list[str], cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["LANG"] = "C.UTF-8"
    return subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True, text=True, env=env, timeout=60)


def test_wheel_ships_the_catalogue_and_the_command_works_anywhere(installed: Path, tmp_path: Path) -> None:
    result = run([str(installed / "tco-err"), "lookup", "AuthFailure.SignatureExpire", "--json"], tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["code"] == "AuthFailure.SignatureExpire" and "clock skew" in data["hint"]
    files = run(
        [
            str(installed / "python"),
            "-c",
            "import tco_errcli.catalog as c, pathlib; print(pathlib.Path(c.__file__).with_name('catalog.json').is_file())",
        ],
        tmp_path,
    )
    assert files.stdout.strip() == "True"


def test_python_dash_m_works(installed: Path, tmp_path: Path) -> None:
    result = run([str(installed / "python"), "-m", "tco_errcli", "search", "部门", "--limit", "1"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Node" in result.stdout.split("\t")[1]  # a department code
    index = "import tco_errcli.search as s, pathlib; print(pathlib.Path(s.__file__).with_name('search_index.txt').is_file())"
    assert run([str(installed / "python"), "-c", index], tmp_path).stdout.strip() == "True"  # precomputed, not rebuilt


def test_exit_statuses_of_the_real_process(installed: Path, tmp_path: Path) -> None:
    tco = str(installed / "tco-err")
    assert run([tco, "lookup", "InternalError"], tmp_path).returncode == 0
    missing = run([tco, "lookup", "Nope.Nothing"], tmp_path)
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert missing.stderr.startswith("tco-err: unknown code 'Nope.Nothing'")  # flushed before the fast exit
    assert run([tco, "list", "--api-version", "1999-01-01"], tmp_path).returncode == 2


def test_closed_pipe_is_quiet(installed: Path, tmp_path: Path) -> None:
    shell = f"'{installed / 'tco-err'}' list | head -1"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", shell], cwd=tmp_path, capture_output=True, text=True)
    assert result.stdout.startswith("ActionOffline\t")
    assert result.stderr == ""


def test_batch_lookup_from_a_pipe(installed: Path, tmp_path: Path) -> None:
    result = run([str(installed / "tco-err"), "lookup", "-"], tmp_path, stdin="InternalError\nRequestLimitExceeded\n")
    assert [line.split("\t")[2] for line in result.stdout.splitlines()] == ["yes", "yes"]


def test_large_output_is_complete_after_the_fast_exit(installed: Path, tmp_path: Path) -> None:
    result = run([str(installed / "tco-err"), "list", "--json"], tmp_path)
    assert result.returncode == 0
    assert len(json.loads(result.stdout)) == 363


def test_the_wheel_ships_the_services_reference_that_tells_products_apart(installed: Path, tmp_path: Path) -> None:
    # without the data file the product would silently be unknown and Organization advice would be shown
    paste = (
        "[TencentCloudSDKException] code:AuthFailure.UnauthorizedOperation message:you are not authorized to perform "
        "operation (sms:SendSms) resource (*) has no permission requestId:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\n"
    )
    result = run([str(installed / "tco-err"), "explain", "-", "--json"], tmp_path, stdin=paste)
    assert result.returncode == 0, result.stderr
    [error] = json.loads(result.stdout)["errors"]
    assert error["product"]["service"] == "sms" and error["product"]["name"] == "短信"
