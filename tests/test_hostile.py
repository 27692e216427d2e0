"""Hostile input found by an independent test set: no traceback, no hang, the --json interface intact, nothing leaked."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest

from .conftest import Run

REQUEST_ID = "05609691-3a62-4967-93b8-6e29c3cee8f9"
KEY = "xDlfvuziyn2uuzVg\\ud83d9QoRZwjtNbqGqMSx"  # a lone surrogate escape inside a labelled key


def _response(code: str, message: str) -> str:
    return json.dumps({"Response": {"Error": {"Code": code, "Message": message}, "RequestId": REQUEST_ID}})


@pytest.mark.parametrize("mode", [(), ("--json",), ("--json-lines",), ("--format", "github"), ("--lang", "zh")])
def test_a_lone_surrogate_in_a_labelled_value_is_masked_not_a_traceback(run: Run, tmp_path: Path, mode: tuple[str, ...]) -> None:
    path = tmp_path / "paste.json"
    path.write_text(
        f'{{"SecretKey":"{KEY}"}}\n'
        '{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"bad ' + KEY + '"},'
        f'"RequestId":"{REQUEST_ID}"}}}}\n',
        encoding="utf-8",
    )
    result = run("explain", *mode, str(path))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    for piece in ("xDlfvuziyn2uuzVg", "9QoRZwjtNbqGqMSx"):
        assert piece not in result.output
    if mode == ("--json",):
        assert json.loads(result.stdout)["errors"][0]["code"] == "AuthFailure.SignatureFailure"


def test_a_lone_surrogate_in_a_message_is_shown_as_an_escape(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "paste.json"
    path.write_text(_response("InternalError", "bad \\ud83d here").replace("\\\\", "\\"), encoding="utf-8")
    result = run("explain", "--json", str(path))
    assert result.exit_code == 0 and "\\ud83d" in result.stdout  # valid JSON (UTF-8 cannot hold it raw)
    assert json.loads(result.stdout)["errors"][0]["message"] == "bad \ud83d here"
    assert "message: bad \\ud83d here" in run("explain", str(path)).stdout


@pytest.mark.parametrize("password", ["fix", "throttle", "json", "cvm", "transient"])
def test_a_password_equal_to_a_json_interface_word_leaves_its_enums_intact(run: Run, tmp_path: Path, password: str) -> None:
    path = tmp_path / "paste.log"
    path.write_text(
        f"password={password}\n" + _response("InvalidInstanceId.NotFound", f"not found password={password}") + "\n"
        "POST https://cvm.tencentcloudapi.com/\n",
        encoding="utf-8",
    )
    error = json.loads(run("explain", "--json", str(path)).stdout)["errors"][0]
    assert error["message"] == "not found password=[REDACTED]"
    assert error["retry_strategy"] == "fix" and error["source"] == "json"
    assert error["product"]["service"] == "cvm"


@pytest.mark.parametrize("command", [("explain",), ("explain", "--json"), ("scan",), ("scan", "--engine", "python")])
def test_a_fifo_nobody_writes_to_is_a_one_line_error_not_a_hang(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    from tco_errcli.inputs import system

    monkeypatch.setattr(system, "WRITER_WAIT", 0.3)
    os.mkfifo(tmp_path / "in.fifo")
    result = run(*command, str(tmp_path / "in.fifo"))
    assert result.exit_code == 2
    assert result.stderr == f"tco-err: error: {tmp_path / 'in.fifo'}: a FIFO nothing opened for writing in 0.3 s; " + (
        "start the command that writes to it first\n"
    )


def test_a_fifo_is_read_once_its_writer_comes(run: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)

    def write() -> None:
        time.sleep(0.3)
        fifo.write_text(_response("InternalError", "late") + "\n", encoding="utf-8")

    writer = threading.Thread(target=write)
    writer.start()
    result = run("explain", "--json", str(fifo))
    writer.join()
    assert json.loads(result.stdout)["errors"][0]["message"] == "late"


def test_a_catalogue_that_is_a_fifo_is_refused_at_once(run: Run, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "catalog.json")
    result = run("lookup", "--catalog", str(tmp_path / "catalog.json"), "InternalError")
    assert result.exit_code == 2
    assert result.stderr == f"tco-err: error: catalogue {tmp_path / 'catalog.json'} is a pipe or FIFO; give a regular file\n"


def test_run_reads_a_chinese_windows_tools_gbk_output_and_masks_the_key_after_its_chinese_label(run: Run, tmp_path: Path) -> None:
    key = "0xwugEXAMPLEq8Rtq1zLm0Nw"
    path = tmp_path / "gbk.log"
    line = f"[TencentCloudSDKException] code:AuthFailure.SignatureFailure message:密钥：{key}，签名失败 requestId:{REQUEST_ID}\n"
    path.write_bytes(line.encode("gbk"))
    report = tmp_path / "report.txt"
    run("run", "--report", str(report), "--", "cat", str(path))
    shown = report.read_text(encoding="utf-8")
    assert "message: 密钥：[REDACTED]，签名失败" in shown and key not in shown
    assert f"request_id: {REQUEST_ID}" in shown


SK = "kUVyramfcnfe5RePyYlwxPqw2rRhxnVH"  # letters and digits that the shape rule alone does not take for a key


@pytest.mark.parametrize(
    "args",
    [
        (f"sk={SK}",),
        ("--json", f"sk={SK}"),
        ("lookup", f"Code=AuthFailure.SignatureFailure, sk={SK}"),
        ("lookup", "--json", f"Code=AuthFailure.SignatureFailure, sk={SK}"),
        ("search", f"SK：{SK}"),
    ],
)
def test_a_key_given_as_sk_on_the_command_line_is_not_echoed(run: Run, args: tuple[str, ...]) -> None:
    result = run(*args)
    assert SK[:12] not in result.output and SK[-12:] not in result.output
    assert "[REDACTED]" in result.output or args[0] == "search"  # search does not echo its query


def test_sk_is_a_label_only_as_a_word_of_its_own(run: Run, tmp_path: Path) -> None:
    message = "task=build-0123456789abcdef disk=40 risk: low sk=short"
    path = tmp_path / "paste.json"
    path.write_text(_response("InternalError", message), encoding="utf-8")
    assert json.loads(run("explain", "--json", str(path)).stdout)["errors"][0]["message"] == message


@pytest.mark.parametrize(("command", "expected"), [(("lookup", "-"), "InternalError\t"), (("scan", "-"), "\tInternalError\t")])
def test_a_non_blocking_stdin_whose_data_comes_late_is_still_read(command: tuple[str, ...], expected: str) -> None:
    """A parent (Node.js) may leave stdin non-blocking: read before the data came, it looked empty."""
    import subprocess
    import sys

    read, write = os.pipe()
    os.set_blocking(read, False)
    child = subprocess.Popen([sys.executable, "-m", "tco_errcli", *command], stdin=read, stdout=subprocess.PIPE, text=True)
    os.close(read)
    time.sleep(2)  # longer than the child's start-up, so that it reads before the data is there
    line = "InternalError\n" if command[0] == "lookup" else f"{_response('InternalError', 'late')}\n"
    os.write(write, line.encode())
    os.close(write)
    out, _ = child.communicate(timeout=60)
    assert child.returncode == 0 and expected in out
