"""One language per mode: with --lang zh every word a user reads is Chinese; only JSON keys stay English."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from tco_errcli.model import Lang
from tco_errcli.words.labels import LABELS
from tco_errcli.words.messages import WORDS as MESSAGES

from .conftest import FIXTURES, Run

# words that are the same in Chinese text: names, not English prose
KEEP = {"API", "CAM", "RequestId", "tco-err", "lookup", "search", "Ctrl-D", "Ctrl-C", "en", "zh", "zh-CN", "en-US", "MiB"}
KEEP |= {"cat", "scan", "CODE", "AuthFailure.SignatureExpire", "help", "common", "service", "JSON", "HTTP", "Terraform"}


def english_words(text: str) -> set[str]:
    """Runs of ASCII letters in text outside {fields}, quotes and the names in KEEP."""
    text = re.sub(r"\{[^}]*\}|`[^`]*`|--[a-z-]+", " ", text)
    return {w for w in re.findall(r"[A-Za-z][A-Za-z.\-]*[A-Za-z]|[A-Za-z]", text) if w not in KEEP}


def test_both_label_tables_have_the_same_keys_and_fields() -> None:
    en, zh = LABELS[Lang.EN], LABELS[Lang.ZH]
    assert en.keys() == zh.keys()
    for key in en:
        fields = {name for _, name, _, _ in string.Formatter().parse(en[key]) if name}
        assert fields == {name for _, name, _, _ in string.Formatter().parse(zh[key]) if name}, key


def test_chinese_labels_and_messages_have_no_english_words() -> None:
    for key, text in LABELS[Lang.ZH].items():
        assert not english_words(text), (key, text)
    for key, (en, zh) in MESSAGES.items():
        assert {n for _, n, _, _ in string.Formatter().parse(en) if n} == {n for _, n, _, _ in string.Formatter().parse(zh) if n}
        assert not english_words(zh), (key, zh)


ZH = {"LANG": "C.UTF-8"}


@pytest.mark.parametrize(
    "args",
    [
        ["lookup", "FailedOperation.NodeNotEmpty"],
        ["lookup", "-"],
        ["search", "部门", "--limit", "3"],
        ["list", "--category", "AuthFailure"],
        ["scan", str(FIXTURES / "explain" / "records.jsonl")],
        ["explain", str(FIXTURES / "explain" / "python-debug.log")],
    ],
)
def test_plain_output_in_chinese_has_no_english_label(run: Run, args: list[str]) -> None:
    result = run(*args, "--lang", "zh", input="InternalError\nNope\n")
    assert result.exit_code in (0, 1)
    for line in result.stdout.splitlines():
        label = line.split(": ", 1)[0] if ": " in line and "\t" not in line else ""
        assert not english_words(label.replace("RequestId", "")), line
    words = ["hint:", "retryable:", "summary:", "redacted:", "description:", "unknown code", "yes", "error(s)"]
    if args == ["lookup", "-"]:  # its RETRYABLE column is a machine value, yes/no in every language (#22)
        words.remove("yes")
    for word in words:
        assert word not in result.stdout


def test_plain_lookup_in_chinese_reads_as_chinese(run: Run) -> None:
    lines = run("lookup", "FailedOperation.NodeNotEmpty", "--lang", "zh").stdout.splitlines()
    assert lines[0] == "错误码: FailedOperation.NodeNotEmpty"
    assert "可重试: 否" in lines
    assert "API 版本: 2018-12-25, 2021-03-31" in lines


def test_explain_summary_and_redaction_lines_follow_the_language(run: Run) -> None:
    out = run("explain", str(FIXTURES / "explain" / "python-debug.log"), "--lang", "zh").stdout
    assert re.search(r"^汇总: \d+ 个错误: ", out, re.M)
    assert re.search(r"^已隐藏: 输入中的 \d+ 处密钥已隐藏$", out, re.M)


def test_terminal_footer_and_doctor_follow_the_language(run: Run) -> None:
    env = {"FORCE_COLOR": "1", "NO_COLOR": "1", "HOME": "/nonexistent"}
    out = run("explain", str(FIXTURES / "explain" / "python-debug.log"), "--lang", "zh", env=env).stdout
    assert "汇总" in out and "Summary" not in out and "masked" not in out
    doctor = run("doctor", "--lang", "zh", env=env).stdout
    assert "信息" in doctor and "INFO" not in doctor and "WARN" not in doctor


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["lookup", "NodeNotEmty"], "tco-err: 未知错误码 'NodeNotEmty'；您是否要找："),
        (
            ["lookup", "ResourceNotFound.Whatever"],
            "tco-err: 'ResourceNotFound.Whatever' 不是已知错误码；显示其上级错误码 ResourceNotFound",
        ),
        (["search", "qqqqzzzz"], "tco-err: 没有与 'qqqqzzzz' 相符的错误码"),
        (["list", "--action", "NoSuchAction"], "tco-err: 错误：未知接口 'NoSuchAction'"),
        (["explain", "/no/such/file"], "tco-err: 错误：/no/such/file：文件不存在"),
        (["scan", "-"], "tco-err: 在 0 行中未找到腾讯云错误码"),
        (["lookup"], "tco-err: 错误：缺少参数 CODE（参见 tco-err lookup --help）"),
        (["lookup", "x", "--frobnicate"], "tco-err: 错误：没有此选项：--frobnicate"),
    ],
)
def test_stderr_messages_follow_the_language(run: Run, args: list[str], expected: str) -> None:
    by_flag = run(*args, "--lang", "zh-CN")
    assert by_flag.stderr.startswith(expected), by_flag.stderr
    by_locale = run(*args, env={"LANG": "zh_CN.UTF-8"})
    assert by_locale.stderr.startswith(expected), by_locale.stderr


def test_json_keys_stay_english_in_chinese(run: Run) -> None:
    data = json.loads(run("lookup", "InternalError", "--json", "--lang", "zh").stdout)
    assert {"code", "description", "hint", "retryable"} <= data.keys()
    assert data["description"] == "服务端内部错误。" or "内部" in data["description"]


# names that stay as they are in Chinese prose: protocols, products, headers, fields, commands
NAMES = {"SDK", "TLS", "DNS", "HTTP", "HTTPS", "PROXY", "curl", "v", "HTML", "Response", "UTC", "Date", "NTP", "Go"}
NAMES |= {"X-TC-Timestamp", "Organization", "Terraform", "SecretId", "SecretKey", "AKID", "chmod", "Python", "LANG"}
NAMES |= {"TENCENTCLOUD", "SECRET", "ID", "KEY", "ClientProfile", "tccli", "language"}
# left as found: the input's own words for where a time came from, shown inside the Chinese sentence
ENGLISH_KEPT = {"diagnosis.stamp.parameter", "diagnosis.stamp.log", "doctor.setup"}


@pytest.mark.parametrize("name", ["messages", "diagnosis", "doctor"])
def test_every_words_table_says_each_sentence_in_both_languages(name: str) -> None:
    from tco_errcli.words import table

    for key, (en, zh) in table(name).items():
        fields = {n for _, n, _, _ in string.Formatter().parse(en) if n}
        assert fields == {n for _, n, _, _ in string.Formatter().parse(zh) if n}, key
        assert en and zh, key
        if f"{name}.{key}" not in ENGLISH_KEPT:
            assert not english_words(zh) - NAMES, (key, zh)


def test_chinese_prose_takes_chinese_punctuation_and_english_keeps_its_own(run: Run, tmp_path: Path) -> None:
    paste = tmp_path / "clb.txt"
    paste.write_text(
        "[TencentCloudSDKError] Code=FailedOperation.ResourceInOperating, Message=Mutex operation is being "
        "performed, please try later, RequestId=5d2e6b7e-3c1a-4a8e-9f2b-1c2d3e4f5a6b\n",
        encoding="utf-8",
    )
    env = {"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "120"}
    zh = run("explain", str(paste), "--lang", "zh", env=env).stdout
    assert "FailedOperation.ResourceInOperating ×1（行 1）" in zh and "结论：retry（" in zh
    assert "clb（负载均衡）、gwlb（网关负载均衡）" in zh
    # gwlb's official text is the code's own name: not repeated as a meaning
    assert "gwlb：FailedOperation" not in zh and "gwlb: FailedOperation" not in zh
    en = run("explain", str(paste), env=env).stdout
    assert "×1 (line 1)" in en and "verdict: retry (" in en and "clb (Cloud Load Balancer), gwlb" in en
    plain = run("lookup", "InvalidInstanceId.NotFound", "--lang", "zh").stdout
    assert "产品: cbs（云硬盘）、cvm（云服务器）、vpc（私有网络）" in plain
