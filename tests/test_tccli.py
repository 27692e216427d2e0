"""tccli 3.1.189.1 (the real CLI, in its own virtualenv) against a local HTTPS fake of the Organization API.

tccli always speaks HTTPS to --endpoint and verifies with certifi's bundle, so the harness serves a
self-signed certificate for 127.0.0.1 and points certifi at it inside the tccli process.
"""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import sys
import venv
from collections.abc import Iterator
from pathlib import Path

import pytest

from tco_errcli import explain

from .fake_api import FakeApi, api_error, serve

pytestmark = pytest.mark.slow
TCCLI = "tccli==3.1.189.1"


@pytest.fixture(scope="module")
def tccli_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    env_dir = tmp_path_factory.mktemp("tccli") / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    subprocess.run([str(env_dir / "bin" / "pip"), "install", "-q", TCCLI], check=True, capture_output=True, text=True)
    return env_dir / "bin" / "python"


@pytest.fixture(scope="module")
def https_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    work = tmp_path_factory.mktemp("tls")
    cert, key = work / "cert.pem", work / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(cert), str(key))
    with serve(context) as address:
        yield address, cert


def run_tccli(python: Path, endpoint: str, cert: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    launcher = f"import sys, certifi\ncertifi.where = lambda: {str(cert)!r}\nfrom tccli.main import main\nsys.exit(main())\n"
    argv = [
        *args,
        "--secretId",
        "AKIDfakeFAKEfake0000000000000000test",
        "--secretKey",
        "k" * 32,
        "--region",
        "ap-guangzhou",
        "--endpoint",
        endpoint,
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "TENCENTCLOUD"))}
    env["HOME"] = str(home)
    return subprocess.run([str(python), "-c", launcher, *argv], capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize(
    ("code", "message", "args"),
    [
        (
            "FailedOperation.NodeNotEmpty",
            "企业组织单元成员不为空。",
            ["organization", "DeleteOrganizationNodes", "--NodeId", "[1]"],
        ),
        ("AuthFailure.SignatureExpire", "Signature expired.", ["organization", "DescribeOrganization"]),
    ],
)
def test_tccli_error_output_is_explained(
    tccli_python: Path, https_endpoint: tuple[str, Path], tmp_path: Path, code: str, message: str, args: list[str]
) -> None:
    endpoint, cert = https_endpoint
    FakeApi.queue.append(api_error(code, message, "5a5a5a5a-1111-4222-8333-444455556666"))
    result = run_tccli(tccli_python, endpoint, cert, tmp_path, *args)
    assert result.returncode == 255, result.stderr  # tccli's exit status for an API error
    assert result.stdout == ""
    (item,) = explain(result.stderr)["errors"]
    assert (item["code"], item["message"], item["request_id"]) == (code, message, "5a5a5a5a-1111-4222-8333-444455556666")
    assert item["known"] is True
    log = (tmp_path / ".tccli" / "log" / "tccli.log").read_text(encoding="utf-8")
    assert "k" * 32 in log  # tccli logs its whole argv, the SecretKey included ...
    report = explain(log)
    assert [e["code"] for e in report["errors"]] == [code]
    assert "k" * 32 not in json.dumps(report) and report["redacted"] >= 2  # ... and explain masks it


def test_cli_explain_reads_tccli_stderr_from_a_pipe(tccli_python: Path, https_endpoint: tuple[str, Path], tmp_path: Path) -> None:
    endpoint, cert = https_endpoint
    message = "Your current request times equals to `21` in a second, which exceeds the frequency limit `20` for a second."
    FakeApi.queue.append(api_error("RequestLimitExceeded", message, "r-42"))
    result = run_tccli(tccli_python, endpoint, cert, tmp_path, "organization", "DescribeOrganization")
    explained = subprocess.run(
        [sys.executable, "-m", "tco_errcli", "explain", "-", "--json"],
        input=result.stderr,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert explained.returncode == 0, explained.stderr
    (item,) = json.loads(explained.stdout)["errors"]
    assert item["code"] == "RequestLimitExceeded" and item["retryable"] is True
