"""--help as a user reads it: in their language, with examples that run, summaries that fit, plain metavars,
lines that hold at 50 and 80 columns without splitting a token; and `tco-err help json`, the --json reference."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from typing import Any

import pytest
import typer

from tco_errcli.cli.app import COMMAND_MODULES, full_app
from tco_errcli.render.wrap import cells
from tco_errcli.words.help import EXAMPLES, SUMMARIES, ZH

from .conftest import Run

COMMANDS = list(COMMAND_MODULES)
PAGES = ["", *COMMANDS]  # "" is `tco-err --help`


def click_app() -> Any:
    return typer.main.get_command(full_app())


def help_page(run: Run, command: str, lang: str = "en", columns: int = 80) -> str:
    """The page as the installed command prints it in a terminal of that width (typer's test runner forces 80)."""
    args = [command, "--help"] if command else ["--help"]
    if columns == 80:
        result = run(*args, "--lang", lang)
        assert result.exit_code == 0, result.stderr
        return str(result.stdout)
    env = {**os.environ, "COLUMNS": str(columns), "LANG": "C.UTF-8", "LC_ALL": ""}
    done = subprocess.run([sys.executable, "-m", "tco_errcli", *args, "--lang", lang], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_every_help_text_has_its_chinese() -> None:
    group = click_app()
    texts = [group.help] + [p.help for p in group.params]
    for command in group.commands.values():
        texts += [command.help] + [getattr(p, "help", None) for p in command.params]
    missing = [t for t in texts if t and " ".join(t.split()) not in {" ".join(k.split()) for k in ZH}]
    assert not missing


@pytest.mark.parametrize("command", PAGES)
def test_chinese_help_has_no_english_prose(run: Run, command: str) -> None:
    page = help_page(run, command, "zh")
    body = page.split("示例：")[0] + page.split("示例：")[-1].split("\n\n", 1)[-1]  # the examples are commands
    prose = re.sub(r"`[^`]*`", "", body)
    english = re.findall(r"\b[a-z]{2,}(?: [a-z]{2,}){2,}\b", prose)  # three English words in a row
    assert not english, english
    assert page.startswith("用法：") and "选项：" in page and "退出状态：" in page


def test_a_chinese_locale_gives_chinese_help_without_lang(run: Run) -> None:
    result = run("lookup", "--help", env={"LANG": "zh_CN.UTF-8"})
    assert "显示错误码的含义" in result.stdout and "Show what an error code means" not in result.stdout
    assert "用法：tco-err --help" not in run("--lang", "zh", "--help").stdout  # before the command too
    assert run("--lang", "zh", "--help").stdout.startswith("用法：tco-err [选项] 命令")


@pytest.mark.parametrize("columns", [50, 80, 120])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", PAGES)
def test_help_fits_the_terminal_and_never_splits_a_token(run: Run, command: str, lang: str, columns: int) -> None:
    page = help_page(run, command, lang, columns)
    wide = [line for line in page.splitlines() if cells(line) > columns]
    assert not wide
    # each back-quoted command, file name and host of the texts shown is whole on one line
    tokens = {"catalog.schema.json", "cvm.tencentcloudapi.com", "`tco-err help json`", "LANG/LC_ALL", "--exit-verdict"}
    for token in tokens:
        if token in page.replace("\n", " ") or token in " ".join(page.split()):
            assert any(token in line for line in page.splitlines()), token
    # no line ends with an opening bracket or starts with a closing one (Chinese typesetting)
    assert not [line for line in page.splitlines() if line.rstrip().endswith(("（", "《"))]
    assert not [line for line in page.splitlines() if line.strip().startswith(("，", "。", "）", "、", "；"))]


@pytest.mark.parametrize("command", PAGES)
def test_metavars_are_plain(run: Run, command: str) -> None:
    page = help_page(run, command)
    assert not re.search(r"<(str|int|int range|path|text)>|\{[A-Z]+\}", page)
    if command == "lookup":
        assert "Usage: tco-err lookup [OPTIONS] CODE\n" in page and "--lang en|zh" in page and "--catalog FILE" in page


def test_the_command_list_shows_each_summary_whole(run: Run) -> None:
    for columns in (80, 120):
        page = help_page(run, "", columns=columns)
        for name, (summary, _) in SUMMARIES.items():
            assert re.search(rf"^  {name} +{re.escape(summary)}$", page, re.M), name
    narrow = " ".join(help_page(run, "", columns=50).split())  # at 50 a summary may take two lines, never cut
    assert all(f"{name} {summary}" in narrow for name, (summary, _) in SUMMARIES.items())
    assert "错误码的含义、处理办法、能否重试" in help_page(run, "", "zh")


@pytest.mark.parametrize("command", PAGES)
def test_each_page_has_examples_that_parse(run: Run, command: str) -> None:
    page = help_page(run, command)
    shown = page.split("Examples:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert [line.strip() for line in shown] == list(EXAMPLES[command]) and len(shown) >= 2
    group = click_app()
    for example in EXAMPLES[command]:
        assert len(example) <= 46  # whole at 50 columns, under a 4-column indent
        words = shlex.split(example.split("| tco-err", 1)[-1] if "| tco-err" in example else example.split("tco-err", 1)[1])
        words = [w for w in words if w not in {">", "2>&1"}]
        if not words or words[0] not in group.commands:
            assert not words or re.fullmatch(r"[A-Z][A-Za-z]+\.[A-Za-z.]+|help|json", words[0]), example
            continue
        sub = group.commands[words[0]]
        sub.make_context(words[0], words[1:], resilient_parsing=False)  # every option exists, every value is valid


NO_PAGER_RUNS = {
    "lookup": ["AuthFailure"],
    "search": ["department"],
    "list": ["--category", "AuthFailure"],
    "explain": ["-"],
    "scan": ["-"],
    "doctor": [],
    "run": ["--", "true"],
}


@pytest.mark.parametrize("command", COMMANDS)
def test_no_pager_is_listed_and_accepted_after_every_command(run: Run, command: str) -> None:
    assert "--no-pager" in help_page(run, command)
    result = run(command, "--no-pager", *NO_PAGER_RUNS[command], input="code: AuthFailure.SignatureExpire\n")
    assert result.exit_code != 2 and "no such option" not in result.stderr


def _keys(value: Any) -> set[str]:
    """Every key of a JSON document that is a field name (not a code, a version or a language)."""
    if isinstance(value, dict):
        return {k for k in value if re.fullmatch(r"[a-z_]+", k) and k not in {"zh", "en"}} | _keys(list(value.values()))
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


PASTE = (
    "Error: [TencentCloudSDKError] Code=InvalidInstanceId.NotFound, Message=not found, "
    "RequestId=eac6b301-a322-493a-8e36-83b295459397\n\n  with tencentcloud_instance.web,\n  on main.tf line 3\n"
)


def test_help_json_names_every_key_the_commands_print(run: Run) -> None:
    documents = [
        run("lookup", "--json", "InvalidInstanceId.NotFound").stdout,
        run("search", "--json", "department").stdout,
        run("list", "--json", "--products").stdout,
        run("explain", "--json", "-", input=PASTE).stdout,
        run("scan", "--json", "-", input=PASTE).stdout,
        run("doctor", "--json").stdout,
        run("explain", "--json", "/no/such/file").stdout,
    ]
    lines = run("explain", "--json-lines", "-", input=PASTE).stdout.splitlines()
    keys = set().union(*(_keys(json.loads(d)) for d in [*documents, *lines]))
    assert {"request_ids", "verdict", "finding", "checks", "first_file"} <= keys
    for lang, heading in (("en", "# tco-err --json: the stable interface"), ("zh", "# tco-err --json：稳定的接口")):
        result = run("help", "json", "--lang", lang)
        assert result.exit_code == 0 and result.stdout.startswith(heading)
        named = set(re.findall(r"[a-z_]+", result.stdout))
        assert not keys - named, sorted(keys - named)
