"""For CI jobs and shell pipelines: options before the command, a retry verdict, exit statuses to branch on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "explain"
TRACE = "[TencentCloudSDKException] code:AuthFailure.SignatureExpire message:x requestId:5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c\n"


@pytest.mark.parametrize(
    "args",
    [
        ["--json", "lookup", "InternalError"],
        ["--lang", "zh", "lookup", "InternalError"],
        ["--lang=zh", "--json", "InternalError"],
        ["--json", "InternalError"],
    ],
)
def test_common_options_before_the_command(run, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    if "--json" in args:
        assert json.loads(result.stdout)["code"] == "InternalError"
    if any(a.endswith("zh") for a in args) and "--json" not in args:
        assert "服务端" in result.stdout


def test_common_options_with_the_bare_command_on_piped_input(run) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("--json", input=TRACE).stdout)
    assert data["errors"][0]["code"] == "AuthFailure.SignatureExpire"
    assert "签名" in run("--lang", "zh", input=TRACE).stdout


@pytest.mark.parametrize(
    ("fixture", "verdict", "status"),
    [
        ("network-host.txt", "retry", 3),  # a network failure: retry with backoff
        ("node-bad-gateway.txt", "retry", 3),  # a gateway's 502
        ("repeats.log", "fix", 4),  # FailedOperation.NodeNotEmpty: empty the department first
    ],
)
def test_every_finding_has_a_retry_verdict_and_a_status_to_branch_on(run, fixture: str, verdict: str, status: int) -> None:  # type: ignore[no-untyped-def]
    path = str(FIXTURES / fixture)
    data = json.loads(run("explain", "--json", path).stdout)
    assert data["verdict"] == data["summary"]["verdict"] == verdict
    assert all(e["retryable"] is not None and e["retry_strategy"] for e in data["errors"])
    assert run("explain", "--exit-verdict", path).exit_code == status
    assert run("explain", path).exit_code == 0  # without the flag, 0 means "found"
    assert f"verdict: {verdict} (" in run("explain", path).stdout
    assert f"结论: {verdict}（" in run("explain", "--lang", "zh", path).stdout  # the word scripts read is the same


def test_no_error_found_stays_status_1_with_the_verdict_flag(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    quiet = tmp_path / "ok.log"
    quiet.write_text("all fine\n", encoding="utf-8")
    assert run("explain", "--exit-verdict", str(quiet)).exit_code == 1


def test_github_annotations_name_file_and_line_escaped_and_masked(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log = tmp_path / "deploy, 100%.log"
    secret = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA"
    log.write_text(
        f"SecretId={secret}\n"
        "[TencentCloudSDKException] code:FailedOperation.NodeNotEmpty message:still has members\n100% sure\n"
        "requestId:0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d\n",
        encoding="utf-8",
    )
    result = run("explain", "--format", "github", str(log))
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    escaped = str(log).replace("%", "%25").replace(",", "%2C")  # the workflow syntax's escapes for a property
    assert first.startswith(f"::error file={escaped},line=2,title=FailedOperation.NodeNotEmpty::")
    assert "RequestId 0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d" in first
    assert secret not in result.stdout
    assert result.stdout.splitlines()[-1].startswith("::notice title=tco-err::1 error(s); verdict fix")
    retry = run("explain", "--format", "github", str(FIXTURES / "network-host.txt")).stdout
    assert retry.startswith("::warning file=")  # a retry may cure it: a warning, not an error


def test_machine_columns_are_the_same_words_in_every_language(run) -> None:  # type: ignore[no-untyped-def]
    for lang in ("en", "zh"):
        row = run("lookup", "-", "--lang", lang, input="InternalError\nFailedOperation.NodeNotEmpty\n").stdout.splitlines()
        assert [r.split("\t")[2] for r in row] == ["yes", "no"]
