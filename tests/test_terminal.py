"""On a real terminal: long output goes through a pager as git does, and `explain -` says what it waits for."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


def terminal() -> tuple[int, int]:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return master, slave


def drain(master: int) -> bytes:
    shown = b""
    try:
        while chunk := os.read(master, 65536):
            shown += chunk
    except OSError:
        pass
    os.close(master)
    return shown


def run_on_terminal(args: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    master, slave = terminal()
    full = {k: v for k, v in os.environ.items() if k not in {"PAGER", "TCO_ERR_PAGER", "FORCE_COLOR", "NO_COLOR"}}
    full.update(env, LANG="C.UTF-8")
    result = subprocess.run(
        [sys.executable, "-m", "tco_errcli", *args], stdout=slave, stderr=subprocess.PIPE, env=full, timeout=120
    )
    os.close(slave)
    return result.returncode, drain(master)


def test_terminal_output_goes_through_the_pager(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    status, shown = run_on_terminal(["lookup", "InternalError"], {"PAGER": f"cat > '{paged}'"})
    assert status == 0
    text = paged.read_text(encoding="utf-8")
    assert "InternalError" in text and "What to do" in text
    assert "\x1b[" in text  # the pager gets the terminal's colours (less -R shows them)
    assert b"What to do" not in shown  # everything went through the pager


def test_no_pager_and_empty_pager_print_straight_to_the_terminal(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    for args, env in (
        (["--no-pager", "lookup", "InternalError"], {"PAGER": f"cat > '{paged}'"}),
        (["lookup", "InternalError", "--no-pager"], {"PAGER": f"cat > '{paged}'"}),
        (["lookup", "InternalError"], {"PAGER": ""}),
    ):
        status, shown = run_on_terminal(args, env)
        assert status == 0 and b"What to do" in shown
    assert not paged.exists()


def test_piped_output_never_starts_a_pager(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    env = {**os.environ, "PAGER": f"cat > '{paged}'", "LANG": "C.UTF-8"}
    result = subprocess.run(
        [sys.executable, "-m", "tco_errcli", "lookup", "InternalError"], capture_output=True, env=env, timeout=120
    )
    assert result.stdout.startswith(b"code: InternalError\n")
    assert not paged.exists()


@pytest.mark.parametrize("args", [["explain", "-"], ["explain"]])
def test_explain_from_a_terminal_prompts_on_stderr(args: list[str], tmp_path: Path) -> None:
    master, slave = terminal()
    out_master, out_slave = terminal()  # stdout a terminal too: the pager must stay out of the way of typing
    paged = tmp_path / "paged.txt"
    env = {**os.environ, "LANG": "C.UTF-8", "PAGER": f"cat > '{paged}'"}
    process = subprocess.Popen(
        [sys.executable, "-m", "tco_errcli", *args],
        stdin=slave,
        stdout=out_slave,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(slave)
    os.close(out_slave)
    os.write(master, b"[TencentCloudSDKException] code:InternalError message:boom requestId:r1\n")
    os.write(master, b"\x04")
    _, err = process.communicate(timeout=120)
    os.close(master)
    shown = drain(out_master).decode()
    assert err.decode().startswith("tco-err: paste the error, then press Ctrl-D on a new line (Ctrl-C to cancel)\n")
    assert "InternalError" in shown
    assert process.returncode == 0
    assert not paged.exists()


def test_batch_lookup_from_a_terminal_says_what_it_waits_for() -> None:
    master, slave = terminal()
    env = {**os.environ, "LANG": "C.UTF-8"}
    process = subprocess.Popen(
        [sys.executable, "-m", "tco_errcli", "lookup", "-"],
        stdin=slave,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(slave)
    os.write(master, b"InternalError\n\x04")
    out, err = process.communicate(timeout=120)
    os.close(master)
    assert err.decode() == "tco-err: type or paste codes, one a line, then press Ctrl-D on a new line\n"
    assert out.decode().startswith("InternalError\tInternalError\tyes\t")


def test_bare_command_with_real_stdin_kinds(tmp_path: Path) -> None:
    """A file or a pipe on stdin is explained; /dev/null (nothing piped) shows the help."""
    env = {**os.environ, "LANG": "C.UTF-8"}
    cmd = [sys.executable, "-m", "tco_errcli"]
    with open(os.devnull, "rb") as devnull:
        empty = subprocess.run(cmd, stdin=devnull, capture_output=True, env=env, timeout=120)
    assert empty.returncode == 0 and empty.stdout.startswith(b"Usage: tco-err")
    log = tmp_path / "go.txt"
    log.write_text("[TencentCloudSDKError] Code=InternalError, Message=boom, RequestId=r1\n", encoding="utf-8")
    with log.open("rb") as stdin:
        from_file = subprocess.run(cmd, stdin=stdin, capture_output=True, env=env, timeout=120)
    assert from_file.returncode == 0 and from_file.stdout.startswith(b"[1] InternalError\n")
    piped = subprocess.run(cmd, input=b"nothing to see\n", capture_output=True, env=env, timeout=120)
    assert piped.returncode == 1
    assert piped.stderr == b"tco-err: no Tencent Cloud error found in standard input\n"


def test_scan_progress_shows_on_a_terminal_stderr_only(tmp_path: Path) -> None:
    log = tmp_path / "big.log"
    log.write_bytes(b'{"Response":{"Error":{"Code":"InternalError","Message":"m"}}}\n' * 300_000)
    master, slave = terminal()
    env = {**os.environ, "COLUMNS": "100"}
    result = subprocess.run(
        [sys.executable, "-m", "tco_errcli", "scan", str(log)], stdout=subprocess.PIPE, stderr=slave, env=env, timeout=120
    )
    os.close(slave)
    shown = drain(master)
    assert result.returncode == 0
    assert result.stdout.decode().split("\t")[:2] == ["300000", "InternalError"]
    assert b"big.log" in shown  # the progress bar named the file on the terminal
    piped = subprocess.run([sys.executable, "-m", "tco_errcli", "scan", str(log)], capture_output=True, timeout=120)
    assert piped.stderr == b""


def test_explain_shows_progress_on_a_terminal_after_a_second_and_never_when_piped(tmp_path: Path) -> None:
    log = tmp_path / "service.log"
    error = '2025-11-02 08:00:00 ERROR {"Response":{"Error":{"Code":"InternalError","Message":"m"},"RequestId":"%s"}}\n'
    log.write_text("".join(error % f"a1b2c3d4-0000-4000-8000-{n:012d}" for n in range(60_000)), encoding="utf-8")
    master, slave = terminal()
    env = {**os.environ, "COLUMNS": "100", "TCO_ERR_PAGER": ""}
    command = [sys.executable, "-m", "tco_errcli", "explain", str(log)]
    result = subprocess.run(command, stdout=slave, stderr=slave, env=env, timeout=120)
    os.close(slave)
    shown = drain(master).decode("utf-8", "replace")
    assert result.returncode == 0
    assert "service.log · " in shown and "distinct error(s) so far" in shown  # bytes read and findings so far
    assert "InternalError ×60000" in shown  # and then the report
    piped = subprocess.run(command, capture_output=True, env=env, timeout=120)
    assert "so far" not in piped.stderr.decode() + piped.stdout.decode()


def test_a_live_pipe_on_stdin_is_never_paged_and_the_pager_reads_utf8(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    master, slave = terminal()
    env = {k: v for k, v in os.environ.items() if k not in {"TCO_ERR_PAGER", "LESSCHARSET"}}
    env.update(PAGER=f"cat > '{paged}'", LANG="C.UTF-8")
    error = b"[TencentCloudSDKException] code:InternalError message:m requestId:b4c5d6e7-f809-41a2-b3c4-d5e6f708192a\n"
    with subprocess.Popen(
        [sys.executable, "-m", "tco_errcli", "explain", "-"], stdin=subprocess.PIPE, stdout=slave, stderr=subprocess.PIPE, env=env
    ) as process:
        process.communicate(error, timeout=60)  # `tail -f app.log | tco-err explain` on a terminal: findings as they come
    os.close(slave)
    assert b"InternalError" in drain(master) and not paged.exists()
    charset = tmp_path / "charset.txt"
    log = tmp_path / "app.log"
    log.write_bytes(error)
    status, _ = run_on_terminal(["explain", str(log)], {"PAGER": f"cat > /dev/null; echo \"$LESSCHARSET\" > '{charset}'"})
    assert status == 0 and charset.read_text(encoding="utf-8").strip() == "utf-8"  # less shows 错误 as text
