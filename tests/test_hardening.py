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
from datetime import UTC
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tco_errcli.catalog import Catalog, code_key
from tco_errcli.catalog.codes import could_be_code
from tco_errcli.explain import explain
from tco_errcli.explain.extract import find_raw
from tco_errcli.redact import inert, redact
from tco_errcli.scan import rows, scan_stream
from tco_errcli.scan.counter import SHAPES
from tco_errcli.search.ranking import search

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
def test_found_errors_lines_are_in_range(text: str) -> None:
    lines = text.count("\n") + 1
    for raw in find_raw(text):
        assert 1 <= raw.finding.line <= lines


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


def test_every_invisible_character_is_shown_as_an_escape() -> None:
    """Every format character (Unicode Cf), variation selector, Hangul filler and the other characters that
    render as nothing becomes a visible escape: none reaches the terminal raw."""
    import unicodedata

    invisible = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]
    invisible += [chr(c) for c in (0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0, *range(0xFE00, 0xFE10))]
    invisible += [chr(c) for c in range(0xE0100, 0xE01F0)]
    shown = inert("".join(invisible))
    assert shown.isascii() and shown.count("\\") == len(invisible)


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


ERROR_LINE = "\n[TencentCloudSDKException] code:InternalError message:boom requestId:r-1\n"


def test_explain_reads_a_file_of_any_size_in_pieces(run: Run, tmp_path: Path) -> None:
    big = tmp_path / "big.log"
    noise = b"2025-11-02 08:00:01 INFO request DescribeOrganization finished in 12ms\n"
    count = 70 * 1024 * 1024 // len(noise) + 1  # past the 64 MiB explain once refused
    with big.open("wb") as f:
        f.write(noise * count)
        f.write(b"[TencentCloudSDKException] code:FailedOperation.NodeNotEmpty message:m requestId:r-1\n")
    result = run("explain", "--json", str(big))
    assert result.exit_code == 0
    (error,) = json.loads(result.stdout)["errors"]
    assert (error["code"], error["line"]) == ("FailedOperation.NodeNotEmpty", count + 1)


def test_a_line_without_end_is_a_one_line_error(run: Run, tmp_path: Path) -> None:
    proc = cli(["explain", "/dev/zero"], memory_mb=150)
    assert proc.status == 2
    one_error_line(proc, "/dev/zero: a line longer than 1,024 MiB")


@pytest.mark.parametrize(
    ("args", "redirect", "name"),
    [(["scan", "-"], "< /dev/zero", "standard input"), (["scan", "--engine", "python", "/dev/zero"], "", "/dev/zero")],
)
def test_scan_of_a_line_without_end_stops_with_a_one_line_error(args: list[str], redirect: str, name: str) -> None:
    """scan counted /dev/zero for ever (a line longer than any log's is counted in pieces): it stops after 1 GiB."""
    proc = cli(args, redirect, memory_mb=150)
    assert proc.status == 2
    one_error_line(proc, f"{name}: a line longer than 1,024 MiB")


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
        assert result.exit_code in (0, 1, 3), (args, result.stderr)  # 3: doctor found no credentials


# -- the process's streams: closed, full, odd encodings (a real process: descriptors are the point) ----------

ROOT = Path(__file__).resolve().parent.parent


class Proc:
    def __init__(self, status: int, stdout: bytes, stderr: bytes) -> None:
        self.status, self.stdout, self.stderr = status, stdout, stderr.decode("utf-8", "replace")


def cli(
    args: list[str],
    redirect: str = "",
    *,
    stdin: bytes | str | None = None,
    env: dict[str, str] | None = None,
    memory_mb: int | None = None,
) -> Proc:
    """tco-err in a shell with the given redirections (">&-", "<&-", "2>&-", "> /dev/full"), bounded in time."""
    import resource
    import shlex
    import subprocess
    import sys

    def limit() -> None:
        if memory_mb is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 2**20, memory_mb * 2**20))

    command = " ".join([shlex.quote(sys.executable), "-m", "tco_errcli", *map(shlex.quote, args)]) + " " + redirect
    base = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT), "HOME": str(ROOT / "tests")}
    data = stdin.encode() if isinstance(stdin, str) else stdin
    done = subprocess.run(
        ["/bin/sh", "-c", command],
        input=data,
        stdin=None if data is not None else subprocess.DEVNULL,
        capture_output=True,
        env={**base, **(env or {})},
        timeout=120,
        preexec_fn=limit,
        check=False,
    )
    return Proc(done.returncode, done.stdout, done.stderr)


def one_error_line(proc: Proc, text: str) -> None:
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("tco-err: error: "), proc.stderr
    assert text in proc.stderr, proc.stderr


@pytest.fixture(scope="module")
def log_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("logs") / "app.log"
    path.write_text(ERROR_LINE, encoding="utf-8")
    return path


COMMANDS = [
    ["lookup", "InternalError"],
    ["search", "department"],
    ["list"],
    ["explain", "LOG"],
    ["scan", "LOG"],
    ["doctor"],
    ["lookup", "InternalError", "--json"],
    ["--version"],
]


@pytest.mark.slow
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_closed_stdout_is_one_error_line_for_every_command(args: list[str], log_file: Path) -> None:
    proc = cli([str(log_file) if a == "LOG" else a for a in args], ">&-")
    assert proc.status == 2
    one_error_line(proc, "cannot write the output: standard output is closed")


@pytest.mark.slow
@pytest.mark.parametrize("args", [["explain", "-"], ["scan", "-"], ["lookup", "-"], ["scan"]], ids=" ".join)
def test_closed_stdin(args: list[str]) -> None:
    proc = cli(args, "<&-")
    assert proc.status == 2
    one_error_line(proc, "standard input is closed")


@pytest.mark.slow
def test_closed_stderr_keeps_the_exit_status(log_file: Path) -> None:
    assert cli(["lookup", "InternalError"], "2>&-").status == 0
    assert cli(["explain", str(log_file)], "2>&-").status == 0
    assert cli(["lookup", "Nope.Nothing"], "2>&-").status == 1
    assert cli(["explain", "/no/such/file"], "2>&-").status == 2


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "stdin"),
    [(["list"], None), (["lookup", "-"], "InternalError\n" * 50), (["explain", "-", "--json"], ERROR_LINE)],
    ids=["list", "lookup -", "explain --json"],
)
def test_a_full_disk_is_one_error_line_and_status_2(args: list[str], stdin: str | None) -> None:
    proc = cli(args, "> /dev/full", stdin=stdin)
    assert proc.status == 2
    one_error_line(proc, "cannot write the output: No space left on device")


@pytest.mark.slow
@pytest.mark.parametrize(
    "env",
    [{"LC_ALL": "en_US.ISO-8859-1", "LANG": "en_US.ISO-8859-1"}, {"PYTHONIOENCODING": "latin-1"}, {"PYTHONIOENCODING": "gbk"}],
    ids=["LC_ALL latin-1", "PYTHONIOENCODING latin-1", "gbk"],
)
@pytest.mark.parametrize("extra", [[], ["--json"], ["FORCE_COLOR"]], ids=["plain", "json", "rich"])
def test_output_encodings_that_cannot_hold_the_text(env: dict[str, str], extra: list[str]) -> None:
    line = "[TencentCloudSDKException] code:InternalError message:部门 😀 é requestId:r\n"
    flags = [x for x in extra if x != "FORCE_COLOR"]
    proc = cli(["explain", "-", *flags], stdin=line, env={**env, **({"FORCE_COLOR": "1"} if "FORCE_COLOR" in extra else {})})
    assert proc.status == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert b"InternalError" in proc.stdout
    # the emoji escaped where the encoding cannot hold it (a locale that is not installed falls back to UTF-8)
    assert b"U0001f600" in proc.stdout or b"ud83d" in proc.stdout or "😀".encode() in proc.stdout


# -- bounded reads ---------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_lookup_stdin_of_dev_zero_stops_with_flat_memory() -> None:
    proc = cli(["lookup", "-"], "< /dev/zero", memory_mb=400)
    assert proc.status == 2
    one_error_line(proc, "standard input: a line longer than 1,024 MiB")


@pytest.mark.slow
def test_one_100_mb_line_to_lookup_is_cut_and_the_next_lines_still_answer() -> None:
    proc = cli(["lookup", "-"], "", stdin=b"A" * 100_000_000 + b"\nInternalError\n", memory_mb=400)
    assert proc.status == 1, proc.stderr  # the long line is an unknown code
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == 2 and lines[1].startswith("InternalError\tInternalError")
    assert len(lines[0]) < 1000


@pytest.mark.slow
def test_catalog_from_a_device_is_bounded_by_bytes_read() -> None:
    proc = cli(["lookup", "InternalError", "--catalog", "/dev/zero"], memory_mb=400)
    assert proc.status == 2
    one_error_line(proc, "catalogue /dev/zero is larger than 32 MiB")


@pytest.mark.slow
@pytest.mark.parametrize("args", [["explain", "/dev/zero"], ["explain", "-"]], ids=["file", "stdin"])
def test_no_memory_error_traceback_under_a_memory_limit(args: list[str]) -> None:
    for limit in (60, 90, 400):  # below and above what reading a file in pieces needs
        proc = cli(args, "< /dev/zero" if "-" in args else "", memory_mb=limit)
        assert proc.status == 2
        assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr
        assert proc.stderr.count("\n") == 1 and ("out of memory" in proc.stderr or "a line longer than" in proc.stderr)


def test_doctor_refuses_fifo_and_device_credential_files(tmp_path: Path) -> None:
    from tco_errcli.doctor import run_checks

    tccli = tmp_path / ".tccli"
    tccli.mkdir()
    os.mkfifo(tccli / "fifo.credential")  # nobody writes: reading it would wait for ever
    (tccli / "zero.credential").symlink_to("/dev/zero")  # reading it would never end
    (tmp_path / ".tencentcloud").mkdir()
    (tmp_path / ".tencentcloud" / "credentials").symlink_to("/dev/zero")
    with hang_guard(20):
        checks = run_checks(environ={}, home=tmp_path, probe=lambda: None)
    assert [c.detail for c in checks if "fifo" in c.name or "zero" in c.name] == ["SecretId is missing or empty"] * 2


# -- doctor with odd tccli credential files ---------------------------------------------------------------------

ODD_TCCLI = {
    "non-string secretId": '{"secretId": 12345678, "secretKey": "k"}',
    "secretId a list": '{"secretId": ["AKID"], "secretKey": {"a": 1}}',
    "expiresAt in ms": '{"secretId": "AKIDabcdefgh", "secretKey": "k", "token": "t", "expiresAt": 1700000000000}',
    "expiresAt huge": '{"secretId": "AKIDabcdefgh", "secretKey": "k", "token": "t", "expiresAt": 99999999999999999}',
    "expiresAt superscript": '{"secretId": "AKIDabcdefgh", "secretKey": "k", "token": "t", "expiresAt": "²"}',
    "5,000-digit number": '{"secretId": "AKIDabcdefgh", "secretKey": "k", "expiresAt": ' + "9" * 5000 + "}",
    "5,000-digit string": '{"secretId": "AKIDabcdefgh", "secretKey": "k", "expiresAt": "' + "9" * 5000 + '"}',
    "expiresAt NaN": '{"secretId": "AKIDabcdefgh", "secretKey": "k", "expiresAt": NaN}',
    "expiresAt true": '{"secretId": "AKIDabcdefgh", "secretKey": "k", "expiresAt": true}',
    "deep nesting": "[" * 100_000,
    "not JSON": "\x00\xff",
}


@pytest.mark.parametrize("name", sorted(ODD_TCCLI))
def test_doctor_with_odd_tccli_credential_files(run: Run, tmp_path: Path, name: str) -> None:
    (tmp_path / ".tccli").mkdir()
    (tmp_path / ".tccli" / "default.credential").write_text(ODD_TCCLI[name], encoding="utf-8")
    for flags in ([], ["--json"]):
        result = run("doctor", *flags, env={"HOME": str(tmp_path), "TENCENTCLOUD_SECRET_ID": "", "TENCENTCLOUD_SECRET_KEY": ""})
        assert result.exit_code in (0, 1), result.stderr
        assert "default.credential" in result.stdout


def test_doctor_reads_expiry_in_milliseconds(tmp_path: Path) -> None:
    from datetime import datetime

    from tco_errcli.doctor import Credential, check_credential

    cred = Credential("f", "AKID" + "a" * 32, "k" * 32, "token", 1_700_000_000_000 // 1000)
    checks = check_credential(cred, None, datetime(2026, 1, 1, tzinfo=UTC))
    assert any("expired at 2023-11-14" in c.detail for c in checks)


def test_doctor_without_home_or_passwd_entry(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import pwd

    def no_entry(uid: int) -> object:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    with pytest.raises(RuntimeError):
        Path.home()  # what doctor used to call unguarded
    result = run("doctor", env={"TENCENTCLOUD_SECRET_ID": "", "TENCENTCLOUD_SECRET_KEY": ""})
    assert result.exit_code in (0, 1) and "credentials" in result.stdout


# -- terminal safety ---------------------------------------------------------------------------------------------

INVISIBLE = {"\u061c": "\\u061c", "\U000e0041": "\\U000e0041", "\u00ad": "\\xad", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@pytest.mark.parametrize("char", sorted(INVISIBLE))
def test_invisible_and_separator_characters_are_escaped(run: Run, char: str) -> None:
    line = f"[TencentCloudSDKException] code:InternalError message:a{char}b requestId:r\n"
    rich = run("explain", "-", input=line, env={"FORCE_COLOR": "1"}).stdout
    assert char not in rich and INVISIBLE[char] in rich
    assert char not in run("explain", "-", input=line).stdout
    dumped = run("explain", "-", "--json", input=line).stdout
    assert char not in dumped
    assert json.loads(dumped)["errors"][0]["message"] == f"a{char}b"  # escaped in the text, intact in the data


def test_tag_characters_are_all_escaped() -> None:
    tags = "".join(chr(c) for c in range(0xE0000, 0xE0080))
    assert not any(ch in inert(tags) for ch in tags)
    from tco_errcli.redact import json_safe

    assert json.loads(json_safe(json.dumps(tags, ensure_ascii=False))) == tags


def test_a_newline_in_a_file_name_cannot_forge_a_second_message(run: Run) -> None:
    result = run("explain", "gone\ntco-err: error: forged")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "gone\\ntco-err: error: forged" in result.stderr


def test_overlay_schema_rejects_a_code_with_a_final_newline(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "team.json"
    bad.write_text(json.dumps({"entries": [{"code": "Team.Thing\n", "description": {"en": "d"}, "hint": {"en": "h"}}]}))
    result = run("lookup", "Team.Thing", "--catalog", str(bad))
    assert result.exit_code == 2
    assert "does not match the schema at entries/0/code" in result.stderr and result.stderr.count("\n") == 1


def test_a_5_mb_wrong_value_in_the_overlay_is_cut(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "team.json"
    bad.write_text(json.dumps({"entries": [{"code": "Team.Thing", "description": "x" * 5_000_000, "hint": {"en": "h"}}]}))
    result = run("lookup", "Team.Thing", "--catalog", str(bad))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and len(result.stderr) < 1000 and "… (cut)" in result.stderr


@pytest.mark.parametrize("columns", ["0", "1", "99999999", "999999999999999999999"])
def test_extreme_columns_still_print_a_bounded_layout(run: Run, columns: str) -> None:
    result = run("lookup", "InternalError", env={"FORCE_COLOR": "1", "COLUMNS": columns})
    assert result.exit_code == 0
    assert "InternalError" in result.stdout and "Internal error." in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) < 1200


@pytest.mark.slow
def test_a_newline_in_an_unknown_option_cannot_forge_a_second_message() -> None:
    proc = cli(["list", "--x\ntco-err: error: forged"])
    assert proc.status == 2
    assert proc.stderr.count("\n") == 1 and "--x\\ntco-err: error: forged" in proc.stderr


def test_scan_of_a_directory_skips_fifos_and_links_to_devices(tmp_path: Path) -> None:
    import os

    (tmp_path / "a.log").write_text("[TencentCloudSDKError] Code=InternalError, Message=x\n", encoding="utf-8")
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "zero").symlink_to("/dev/zero")
    proc = cli(["scan", str(tmp_path)])
    assert proc.status == 0
    assert f"skipped {tmp_path / 'fifo'}: not a regular file" in proc.stderr
    assert f"skipped {tmp_path / 'zero'}: not a regular file" in proc.stderr


def test_lookup_of_an_empty_stream_looked_nothing_up(run) -> None:  # type: ignore[no-untyped-def]
    assert run("lookup", "-", input="").exit_code == 1


def test_an_argument_of_bytes_that_are_not_utf8_is_one_line_not_a_traceback() -> None:
    import os
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "tco_errcli", "lookup", os.fsdecode(b"Auth\xffFailure\xed\xa0\xbd")],
        capture_output=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr and "\ufffd" in done.stderr.decode()


@pytest.mark.parametrize("cword", ["x", "", "٢"])
def test_shell_completion_with_a_bad_word_number_is_quiet(cword: str) -> None:
    proc = cli([], env={"_TCO_ERR_COMPLETE": "complete_bash", "COMP_WORDS": "tco-err lookup AuthF", "COMP_CWORD": cword})
    assert proc.status == 0 and "Traceback" not in proc.stderr


def test_megabyte_tokens_are_masked_in_bounded_memory(tmp_path: Path) -> None:
    """Six 1 MiB session tokens, each labelled on its own line: masked without compiling them into a regex
    (that took 35 s and 1.3 GB; 22 of them ran out of memory)."""
    import random

    rng = random.Random(150)
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    tokens = ["".join(rng.choices(alphabet, k=2**20)) for _ in range(6)]
    lines = [f"> X-TC-Token: {token}" for token in tokens]
    lines.append(
        "[TencentCloudSDKError] Code=AuthFailure.TokenFailure, Message=rejected "
        f"{tokens[-1]}, RequestId=c1ba62f2-59f6-46e7-a8bc-7e75ccab0140"
    )
    log = tmp_path / "tokens.log"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = cli(["explain", "--json", str(log)], memory_mb=600)
    assert proc.status == 0, proc.stderr
    shown = proc.stdout.decode()
    assert json.loads(shown)["errors"][0]["message"] == "rejected [REDACTED]"
    assert not any(token[:32] in shown or token[-32:] in shown for token in tokens)
