"""tco-err run: real child processes; their output passed on byte for byte, their status kept, their errors explained."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TCO = [sys.executable, "-m", "tco_errcli", "run"]
ENV = {
    **os.environ,
    "LANG": "C.UTF-8",
    "LC_ALL": "",
    "LC_MESSAGES": "",
    "NO_COLOR": "",
    "FORCE_COLOR": "",
    "PYTHONPATH": str(ROOT),
}
SECRET = "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe"
SDK_ERROR = (
    "[TencentCloudSDKException] code:AuthFailure.SignatureExpire message:Signature expired "
    "requestId:3f1e2d4c-1111-4222-8333-444455556666"
)


def child(code: str) -> list[str]:
    """A Python child running code (dedented)."""
    return [sys.executable, "-c", textwrap.dedent(code)]


def tco(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*TCO, *args], capture_output=True, stdin=subprocess.DEVNULL, env=ENV, cwd=ROOT, timeout=timeout)


def start(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([*TCO, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=ENV)


def alive(pid: int) -> bool:
    """The process exists and is not a zombie (a reparented one waits for a PID 1 that may never reap it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


def gone(pid: int, within: float = 5.0) -> bool:
    end = time.monotonic() + within
    while alive(pid):
        if time.monotonic() > end:
            return False
        time.sleep(0.02)
    return True


# --- passthrough --------------------------------------------------------------------------------------------------

OUT = b"plain line\n" + bytes(range(256)) + b"\n\xff\xfe\x00\xc3\x28 invalid UTF-8\r\nno newline at the end"
ERR = b"to stderr \xe4\xb8\xad\xe6\x96\x87\n\x00\x01\x02 binary\nlast line without newline"


def test_stdout_and_stderr_pass_through_byte_for_byte() -> None:
    done = tco(
        *child(f"""
            import sys
            sys.stdout.buffer.write({OUT!r}); sys.stdout.flush()
            sys.stderr.buffer.write({ERR!r}); sys.stderr.flush()
        """)
    )
    assert done.returncode == 0
    assert done.stdout == OUT
    assert done.stderr == ERR  # a command that succeeds and prints no error: nothing added


def test_the_command_gets_its_arguments_and_options_after_it_as_given() -> None:
    done = tco(sys.executable, "-c", "import sys; print(sys.argv[1:])", "--json", "-x", "--", "a b")
    assert done.returncode == 0 and done.stderr == b""
    assert done.stdout == b"['--json', '-x', '--', 'a b']\n"


# --- exit status ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [0, 3, 1])
def test_the_exit_status_is_the_commands(status: int) -> None:
    done = tco(*child(f"import sys; sys.exit({status})"))
    assert done.returncode == status
    if status:
        assert done.stderr.decode().endswith(f"exited with status {status}; no Tencent Cloud error found in its output\n")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_death_by_signal_is_128_plus_n_as_a_shell_says(sig: signal.Signals) -> None:
    done = tco(*child(f"import os; os.kill(os.getpid(), {int(sig)})"))
    assert done.returncode == 128 + sig
    assert f"was ended by {sig.name} (status {128 + sig})" in done.stderr.decode()


# --- the explanation ------------------------------------------------------------------------------------------------


def test_errors_the_command_prints_are_explained_on_stderr_after_its_output_and_masked() -> None:
    done = tco(
        *child(f"""
            import sys
            print("stdout stays the command's", flush=True)
            print({SDK_ERROR.replace("expired ", f"expired SecretKey={SECRET} ")!r}, file=sys.stderr, flush=True)
            sys.stderr.write("SecretKey={SECRET}")  # a last line without its newline
            sys.exit(1)
        """)
    )
    assert done.returncode == 1
    assert done.stdout == b"stdout stays the command's\n"
    stderr = done.stderr.decode()
    passed, _, ours = stderr.partition("tco-err: ")
    assert passed == SDK_ERROR.replace("expired ", f"expired SecretKey={SECRET} ") + f"\nSecretKey={SECRET}"  # unchanged
    lines = ours.splitlines()
    assert lines[0].endswith("exited with status 1; the Tencent Cloud errors in its output:")
    assert lines[1:5] == ["[1] AuthFailure.SignatureExpire", "file: standard error", "line: 1", "source: sdk-exception"]
    assert "message: Signature expired SecretKey=[REDACTED]" in lines
    assert "request_id: 3f1e2d4c-1111-4222-8333-444455556666" in lines
    assert SECRET not in ours
    assert lines[-1].startswith("redacted: ")


def test_json_report_goes_to_the_report_file_and_stdout_stays_the_commands(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    done = tco(
        "--json",
        "--report",
        str(report),
        "--",
        *child(f"""
            print("out")
            print({SDK_ERROR + " SecretKey=" + SECRET!r})
            raise SystemExit(2)
        """),
    )
    assert done.returncode == 2
    assert done.stdout == f"out\n{SDK_ERROR} SecretKey={SECRET}\n".encode()  # the command's own output: unmasked
    assert done.stderr == b""
    data = json.loads(report.read_text(encoding="utf-8"))
    (error,) = data["errors"]
    assert error["code"] == "AuthFailure.SignatureExpire"
    assert error["file"] == "standard output" and error["line"] == 2
    assert data["verdict"] == "fix" and data["redacted"] >= 1
    assert SECRET not in report.read_text(encoding="utf-8")


def test_json_without_report_goes_to_stderr_even_without_errors() -> None:
    done = tco("--json", "--", *child("print('fine')"))
    assert done.returncode == 0 and done.stdout == b"fine\n"
    assert json.loads(done.stderr)["errors"] == []


def test_report_dash_is_stdout_after_the_commands_output() -> None:
    done = tco("--report", "-", *child(f"print('first'); print({SDK_ERROR!r})"))
    assert done.returncode == 0
    out = done.stdout.decode().splitlines()
    assert out[:3] == ["first", SDK_ERROR, "[1] AuthFailure.SignatureExpire"]
    assert done.stderr == b""


def test_messages_follow_lang() -> None:
    done = tco("--lang", "zh", *child("raise SystemExit(4)"))
    assert done.returncode == 4
    assert done.stderr.decode().endswith("已退出，退出状态 4；其输出中未找到腾讯云错误\n")


# --- --exit-verdict -------------------------------------------------------------------------------------------------

THROTTLED = "[TencentCloudSDKException] code:RequestLimitExceeded message:Request limit exceeded requestId:9d2e"


@pytest.mark.parametrize(
    ("printed", "status", "expected"),
    [
        (SDK_ERROR, 1, 4),  # a clock to fix
        (THROTTLED, 1, 3),  # retry as is
        ("nothing Tencent Cloud here", 1, 5),  # a failure whose cause is not known
        (SDK_ERROR, 0, 0),  # the command succeeded: its status stands
    ],
)
def test_exit_verdict_replaces_a_failing_status(printed: str, status: int, expected: int) -> None:
    done = tco("--exit-verdict", *child(f"import sys; print({printed!r}, file=sys.stderr); sys.exit({status})"))
    assert done.returncode == expected, done.stderr


def test_exit_verdict_keeps_a_signal_death() -> None:
    done = tco("--exit-verdict", *child(f"import os; print({THROTTLED!r}, flush=True); os.kill(os.getpid(), 15)"))
    assert done.returncode == 143


# --- commands that cannot start -------------------------------------------------------------------------------------


def test_a_missing_command_is_one_line_and_127() -> None:
    done = tco("tco-err-no-such-command", "--flag")
    assert done.returncode == 127
    assert done.stderr == b"tco-err: error: tco-err-no-such-command: command not found\n"
    assert done.stdout == b""


def test_a_file_that_is_not_executable_is_126(tmp_path: Path) -> None:
    script = tmp_path / "deploy.sh"
    script.write_text("#!/bin/sh\necho hi\n")
    done = tco(str(script))
    assert done.returncode == 126
    assert done.stderr == f"tco-err: error: {script} is not executable (permission denied)\n".encode()
    missing = tco(str(tmp_path / "nope.sh"))
    assert missing.returncode == 127 and missing.stderr == f"tco-err: error: {tmp_path / 'nope.sh'}: no such file\n".encode()


@pytest.mark.parametrize("args", [[], ["--"], ["--json"]])
def test_no_command_is_a_usage_error(args: list[str]) -> None:
    done = tco(*args)
    assert done.returncode == 2
    assert done.stderr.decode().splitlines()[0] == "tco-err: error: give a command to run, e.g. tco-err run -- terraform apply"
    assert b"Traceback" not in done.stderr + done.stdout


def test_a_report_file_that_cannot_be_written_fails_before_the_command_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    done = tco("--report", str(tmp_path / "no" / "dir" / "r.txt"), *child(f"open({str(marker)!r}, 'w')"))
    assert done.returncode == 2 and not marker.exists()
    assert done.stderr.decode().count("\n") == 1 and "cannot write the report" in done.stderr.decode()


# --- signals --------------------------------------------------------------------------------------------------------

SLEEPER = """
    import os, subprocess, sys, time
    grandchild = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    print(os.getpid(), grandchild.pid, flush=True)
    time.sleep(60)
"""


def test_sigterm_to_tco_err_ends_the_command_and_what_it_started() -> None:
    proc = start(*child(SLEEPER))
    assert proc.stdout is not None
    pid, grandchild = map(int, proc.stdout.readline().split())
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=10)
    assert proc.returncode == 128 + signal.SIGTERM
    assert gone(pid) and gone(grandchild)  # off a terminal, the command's whole process group is signalled
    assert b"was ended by SIGTERM" in err


def test_sigint_to_tco_err_off_a_terminal_reaches_the_command_once() -> None:
    proc = start(
        *child("""
            import os, signal, sys, time
            seen = []
            signal.signal(signal.SIGINT, lambda *_: seen.append(1))
            print(os.getpid(), flush=True)
            end = time.time() + 10
            while not seen and time.time() < end:
                time.sleep(0.01)
            time.sleep(0.2)
            print("interrupts", len(seen), flush=True)
            sys.exit(5)
        """)
    )
    assert proc.stdout is not None
    proc.stdout.readline()
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=10)
    assert out == b"interrupts 1\n"
    assert proc.returncode == 5  # tco-err waited for the command and kept its status


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pseudo-terminal as on Linux")
def test_ctrl_c_on_a_terminal_reaches_the_command_once_and_tco_err_waits() -> None:
    import pty

    code = textwrap.dedent("""
        import signal, sys, time
        seen = []
        signal.signal(signal.SIGINT, lambda *_: seen.append(1))
        print("ready", flush=True)
        end = time.time() + 10
        while not seen and time.time() < end:
            time.sleep(0.01)
        time.sleep(0.3)
        print("interrupts", len(seen), flush=True)
        sys.exit(7)
    """)
    pid, fd = pty.fork()
    if pid == 0:  # the child: a session of its own on the terminal, tco-err its foreground job
        os.execve(sys.executable, [*TCO, "--", sys.executable, "-c", code], ENV)
    seen = b""
    try:
        end = time.monotonic() + 15
        while b"ready" not in seen and time.monotonic() < end:
            if select.select([fd], [], [], 0.1)[0]:
                seen += os.read(fd, 4096)
        os.write(fd, b"\x03")  # Ctrl-C: the terminal signals its foreground process group
        while b"exited with status" not in seen and time.monotonic() < end:
            if select.select([fd], [], [], 0.1)[0]:
                try:
                    seen += os.read(fd, 4096)
                except OSError:
                    break
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert b"interrupts 1" in seen  # not twice: the terminal's Ctrl-C is not sent again
    assert os.waitstatus_to_exitcode(status) == 7


# --- pipes and memory -----------------------------------------------------------------------------------------------


def test_a_closed_pipe_downstream_reaches_the_command_as_it_would_without_tco_err() -> None:
    # SIGPIPE as a shell leaves it (Python itself ignores it): `yes | head -1` ends yes by SIGPIPE
    proc = start(*child("import signal, sys\nsignal.signal(signal.SIGPIPE, signal.SIG_DFL)\nwhile True:\n    print('y' * 99)"))
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline() == b"y" * 99 + b"\n"
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=10) == 128 + signal.SIGPIPE
    assert b"was ended by SIGPIPE" in err


def test_fifty_megabytes_pass_through_in_bounded_memory() -> None:
    size = 50 * 2**20
    printer = f"""
        import sys
        line = b"2024-01-01 12:00:00 INFO an ordinary log line of a busy command, nothing wrong here\\n"
        block = line * (65536 // len(line)) + b"binary \\x00\\xff\\xfe no newline " * 100
        left = {size}
        while left > 0:
            piece = block[:left]
            sys.stdout.buffer.write(piece)
            left -= len(piece)
    """
    # tco-err as a child of this small wrapper, so the kernel measures its peak memory alone (with the printer)
    wrapper = f"""
        import resource, subprocess, sys
        proc = subprocess.Popen({[*TCO, *child(printer)]!r}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        total = 0
        while chunk := proc.stdout.read(1 << 16):
            total += len(chunk)
        proc.wait()
        print(total, proc.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    """
    done = subprocess.run(child(wrapper), capture_output=True, env=ENV, cwd=ROOT, timeout=120)
    total, status, maxrss_kib = map(int, done.stdout.split())
    assert (total, status) == (size, 0), done.stderr
    assert maxrss_kib < 100 * 1024, f"peak RSS {maxrss_kib // 1024} MiB"
