"""Usage errors: one line naming the problem, in the user's language, chosen by click's exception type."""

from __future__ import annotations

import re

import pytest

# (arguments, what the English line says, what the Chinese line says)
KINDS = [
    (["lookup"], "missing argument CODE", "缺少参数 CODE"),
    (["lookup", "AuthFailure", "extra"], "unexpected extra argument (extra)", "多余的参数（extra）"),
    (["scan", "--top"], "option --top requires a value", "选项 --top 需要一个值"),
    (["search", "x", "--limit", "nine"], "invalid value for '--limit' / '-n'", "'--limit' / '-n' 的取值无效"),
    (["scan", "--top", "0"], "0 is out of range (x>=1)", "0 超出范围（x>=1）"),
    (["scan", "--engine", "fastest"], "'fastest' is not one of", "'fastest' 不是以下之一"),
    (["lookup", "--bogus", "x"], "no such option: --bogus", "没有此选项：--bogus"),
    (["lookp", "x"], "no such command 'lookp'", "没有此命令 'lookp'"),
]


@pytest.mark.parametrize(("args", "english", "chinese"), KINDS, ids=[k[1].split()[0] + "-" + k[1].split()[1] for k in KINDS])
def test_each_usage_error_is_one_line_in_both_languages(run, args: list[str], english: str, chinese: str) -> None:  # type: ignore[no-untyped-def]
    en = run(*args, env={"LANG": "en_US.UTF-8"})
    zh = run(*args, env={"LANG": "zh_CN.UTF-8"})
    assert en.exit_code == zh.exit_code == 2
    assert en.stderr.count("\n") == zh.stderr.count("\n") == 1
    assert en.stderr.startswith("tco-err: error: ") and english in en.stderr
    assert zh.stderr.startswith("tco-err: 错误：") and chinese in zh.stderr
    # nothing of click's English is left in the Chinese line: only names (commands, options, arguments)
    words = re.findall(r"[A-Za-z]{3,}", zh.stderr.replace("tco-err", ""))
    assert set(words) <= {
        "CODE",
        "lookup",
        "lookp",
        "search",
        "scan",
        "bogus",
        "top",
        "limit",
        "extra",
        "help",
        "nine",
        "engine",
        "fastest",
        "auto",
        "ripgrep",
        "python",
    }, zh.stderr
