"""No crash, no hang, no leak: property tests, adversarial inputs, odd files, secrets, terminal safety, no network."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tco_errcli.catalog import Catalog, code_key
from tco_errcli.explainer import explain
from tco_errcli.extract import find_errors
from tco_errcli.ranking import search
from tco_errcli.redact import inert, redact
from tco_errcli.scanner import SHAPES, could_be_code, rows, scan_stream

from .conftest import Run

FRAGMENTS = st.sampled_from(
    [
        '{"Response":{"Error":{"Code":"',
        '"}',
        "InternalError",
        "FailedOperation.NodeNotEmpty",
        '","Message":"',
        "[TencentCloudSDKException] code:",
        " message:",
        " requestId:",
        "[TencentCloudSDKError] Code=",
        ", Message=",
        ", RequestId=",
        "\n",
        "{",
        "}",
        "\\",
        '"',
        "AKIDabcdefgh12345678",
        "SecretKey=",
        "│ ",
        "\x1b[31m",
        "\u202e",
        "code: '",
        "ErrorCode=",
        "message：code:",
        "perform operation (",
        "resource (",
        "参数`",
        "\x00",
        "\r",
    ]
)
TEXT = st.one_of(st.text(max_size=400), st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=40).map("".join))
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@contextmanager
def hang_guard(seconds: int = 20) -> Iterator[None]:
    """Fails the test if the block runs for minutes, as catastrophic backtracking would; not a timing assertion."""

    def fire(*_: object) -> None:
        raise AssertionError(f"no result after {seconds} s: a pattern backtracks")

    old = signal.signal(signal.SIGALRM, fire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@SETTINGS
@given(TEXT)
def test_explain_never_raises_and_never_invents_codes(cat: Catalog, text: str) -> None:
    report = explain(text, cat)
    for item in report.errors:
        code = item.finding.code
        if code and not item.finding.inferred:
            assert code in redact(text)[0] or code in text.replace("│ ", "")


@SETTINGS
@given(TEXT)
def test_find_errors_lines_are_in_range(text: str) -> None:
    lines = text.count("\n") + 1
    for finding in find_errors(text):
        assert 1 <= finding.line <= lines


@SETTINGS
@given(st.binary(max_size=2000))
def test_scan_counts_agree_with_the_shapes_regex(data: bytes) -> None:
    counter = scan_stream(io.BytesIO(data))
    expected: dict[bytes, int] = {}
    for line in data.split(b"\n"):
        for match in SHAPES.finditer(line + b"\n"):
            code = match.group(match.lastindex or 0)
            if could_be_code(code):  # what cannot be an error code (an ID, "OK") is not counted
                expected[code] = expected.get(code, 0) + 1
    assert {k: v[0] for k, v in counter.stats.items()} == expected


@SETTINGS
@given(st.sampled_from(sorted(code_key(c) for c in ["InternalError", "FailedOperation.NodeNotEmpty"])), st.booleans())
def test_code_key_is_idempotent_and_accepts_constant_form(key: str, upper: bool) -> None:
    form = key.upper().replace(".", "_") if upper else key
    assert code_key(code_key(form)) == code_key(form) == key


@SETTINGS
@given(st.text(max_size=200))
def test_lookup_and_search_never_raise(cat: Catalog, text: str) -> None:
    cat.lookup(text)
    for hit in search(cat, text, 5):
        assert 0 <= hit.score <= 100


@SETTINGS
@given(st.text(max_size=300))
def test_inert_output_has_no_control_characters(text: str) -> None:
    shown = inert(text)
    assert not any(ch in shown for ch in "\x1b\x07\r\x00\u202e\u2066")


ADVERSARIAL = {
    "sdk prefixes": "[TencentCloudSDKException] code:X message:" * 2500,
    "go prefixes": "[TencentCloudSDKError] Code=X, Message=" * 2500,
    "Code runs": '"Code":"' * 12500,
    "escaped Code runs": '\\"Code\\":\\"' * 9000,
    "unclosed quote": '{"Response":{"Error":{"Code":"InternalError","Message":"' + "a" * 100_000,
    "open braces": "{" * 100_000,
    "deep nesting": '{"a":' * 100_000 + '{"Code":"InternalError","Message":"m"}' + "}" * 100_000,
    "node anchors": "TencentCloudSDKHttpException: x\n" * 3000,
    "secret keys": "SecretKey=" * 10_000,
    "bare categories": "FailedOperation." * 6000,
    "cam": "you are not authorized to perform operation (" * 2000,
    "box drawing": "│ " * 50_000,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_inputs_finish(cat: Catalog, name: str) -> None:
    text = ADVERSARIAL[name]
    with hang_guard():
        explain(text, cat)
        rows(scan_stream(io.BytesIO(text.encode())), cat)
        redact(text)


def test_deep_nesting_still_finds_the_error(cat: Catalog) -> None:
    report = explain(ADVERSARIAL["deep nesting"], cat)
    assert [e.finding.code for e in report.errors] == ["InternalError"]


SECRET_CASES = [
    (
        "Authorization header",
        "Authorization: TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2025-11-02/"
        "organization/tc3_request, SignedHeaders=content-type;host, Signature=c492e8e41437e97a620b728c301bb8d17e7dc0c17eeabce80c",
        ["AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "c492e8e41437e97a620b728c301bb8d17e7dc0c17eeabce80c"],
    ),
    ("env SecretKey", "TENCENTCLOUD_SECRET_KEY=Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", ["Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"]),
    (
        "JSON SecretKey and Token",
        '{"SecretId": "AKIDabcdefgh1234abcd", "SecretKey": "kkkkSECRETkkkk1234", "Token": "tttTOKENttt123456789"}',
        ["AKIDabcdefgh1234abcd", "kkkkSECRETkkkk1234", "tttTOKENttt123456789"],
    ),
    (
        "tccli argv in its log",
        "[INFO] tccli organization DescribeOrganization --secretId AKIDqwertyuiop123456 --secretKey zxcvbnmZXCVBNM123456",
        ["AKIDqwertyuiop123456", "zxcvbnmZXCVBNM123456"],
    ),
    ("query string password", "GET https://example.com/login?user=ops&password=hunter2hunter2&next=/", ["hunter2hunter2"]),
    ("URL credentials", "proxy https://ops:pa55w0rdpa55@proxy.corp:3128", ["pa55w0rdpa55"]),
    ("session token header", "X-TC-Token: sessTOKEN0123456789abcdef", ["sessTOKEN0123456789abcdef"]),
    (
        "curl signature",
        "curl 'https://cvm.api.qcloud.com/v2/index.php?Action=X&Signature=Zm9vYmFyYmF6cXV4&Nonce=1'",
        ["Zm9vYmFyYmF6cXV4"],
    ),
]
ERROR_LINE = "\n[TencentCloudSDKException] code:InternalError message:boom requestId:r-1\n"


@pytest.mark.parametrize(("name", "text", "secrets"), SECRET_CASES, ids=[c[0] for c in SECRET_CASES])
@pytest.mark.parametrize("fmt", ["plain", "terminal", "json"])
def test_no_secret_survives_into_any_output(run: Run, name: str, text: str, secrets: list[str], fmt: str) -> None:
    args = ["explain", "-"] + (["--json"] if fmt == "json" else [])
    env = {"FORCE_COLOR": "1"} if fmt == "terminal" else {}
    result = run(*args, input=text + ERROR_LINE + "message:" + text + "\n", env=env)
    assert result.exit_code == 0
    for secret in secrets:
        assert secret not in result.stdout and secret not in result.stderr


def test_explain_refuses_huge_input_with_a_pointer_to_scan(run: Run, tmp_path: Path) -> None:
    big = tmp_path / "big.log"
    with big.open("wb") as f:
        f.truncate(65 * 1024 * 1024)  # sparse: 65 MiB of NULs, one "line"
    result = run("explain", str(big))
    assert result.exit_code == 2
    assert "larger than 64 MiB; use `tco-err scan`" in result.stderr
    assert run("scan", str(big)).exit_code == 1


def test_invalid_utf8_and_gbk_are_read(run: Run, tmp_path: Path) -> None:
    line = "[TencentCloudSDKError] Code=FailedOperation.NodeNotEmpty, Message=企业组织单元成员不为空。, RequestId=r\n"
    gbk = tmp_path / "gbk.log"
    gbk.write_bytes(line.encode("gb18030"))
    data = json.loads(run("explain", str(gbk), "--json").stdout)
    assert data["errors"][0]["message"] == "企业组织单元成员不为空。"
    broken = tmp_path / "broken.log"
    broken.write_bytes(b"\xc3\x28\xfa" + line.encode("ascii", errors="ignore") + b"\xc3")
    assert json.loads(run("explain", str(broken), "--json").stdout)["errors"][0]["code"] == "FailedOperation.NodeNotEmpty"


def test_fifo_is_read(run: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def writer() -> None:
        with fifo.open("w") as f:
            f.write(ERROR_LINE)

    thread = threading.Thread(target=writer)
    thread.start()
    result = run("explain", str(fifo))
    thread.join(timeout=10)
    assert result.exit_code == 0 and "[1] InternalError" in result.stdout


def test_unreadable_file_is_one_line(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "secret.log"
    secret.write_text(ERROR_LINE, encoding="utf-8")
    secret.chmod(0)
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        # the suite runs as root in CI, and root reads mode-000 files: make open() refuse as it would for a user
        if self == secret:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", deny)
    for command in ("explain", "scan"):
        result = run(command, str(secret))
        assert result.exit_code == 2
        assert result.stderr == f"tco-err: error: {secret}: permission denied\n"


def test_malformed_user_catalogue_via_cli(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"entries": [{"code": "Team.Thing", "description": {"en": "d"}, "hint": {"en": ""}}]}', encoding="utf-8")
    result = run("lookup", "Team.Thing", "--catalog", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"tco-err: error: catalogue {bad} does not match the schema at entries/0/hint/en:")
    assert len(result.stderr.splitlines()) == 1


def test_hostile_user_catalogue_text_is_inert(run: Run, tmp_path: Path) -> None:
    hostile = tmp_path / "team.json"
    hostile.write_text(
        json.dumps(
            {
                "entries": [
                    {
                        "code": "FailedOperation.Team",
                        "description": {"en": "\x1b]0;pwned\x07[red]x"},
                        "hint": {"en": "\u202eevil hint"},
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    for env in ({}, {"FORCE_COLOR": "1"}):
        out = run("lookup", "FailedOperation.Team", "--catalog", str(hostile), env=env).stdout
        assert "\x1b]0" not in out and "\u202e" not in out and "[red]x" in out


def test_no_network_is_ever_used(run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("tco-err opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    log = tmp_path / "a.log"
    log.write_text(ERROR_LINE, encoding="utf-8")
    for args in (
        ["lookup", "InternalError"],
        ["lookup", "Nope.X"],
        ["search", "department"],
        ["list"],
        ["explain", str(log)],
        ["scan", str(log)],
        ["doctor"],
        ["lookup", "InternalError", "--json"],
    ):
        result = run(*args, env={"HOME": str(tmp_path)})
        assert result.exit_code in (0, 1), (args, result.stderr)
