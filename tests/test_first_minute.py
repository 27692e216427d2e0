"""The first minute of a new user: what people type first works, or says in one line what to type instead."""

from __future__ import annotations

import json

import pytest

from tco_errcli.cli import route

from .conftest import FIXTURES, Run

SDK_LINE = "[TencentCloudSDKException] code:FailedOperation.NodeNotEmpty message:There are members requestId:3f1c9a52"


class Piped:
    """A stdin that is a pipe with data in it (the routing looks at the descriptor)."""

    def fileno(self) -> int:
        raise ValueError

    def isatty(self) -> bool:
        return False


class Terminal(Piped):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("argv", "stdin", "routed"),
    [
        (["AuthFailure.SignatureExpire"], Terminal(), ["lookup", "AuthFailure.SignatureExpire"]),
        (["FAILEDOPERATION_NODENOTEMPTY", "--json"], Terminal(), ["lookup", "FAILEDOPERATION_NODENOTEMPTY", "--json"]),
        (["SignatureExpire,"], Terminal(), ["lookup", "SignatureExpire,"]),
        (["code:InternalError"], Terminal(), ["lookup", "code:InternalError"]),
        (["serach", "x"], Terminal(), ["serach", "x"]),  # a mistyped command stays one: "did you mean: search?"
        (["签名过期"], Terminal(), ["lookup", "签名过期"]),
        (["The SecretId is not found"], Terminal(), ["lookup", "The SecretId is not found"]),
        ([], Piped(), ["explain", "-"]),
        ([], Terminal(), ["--help"]),
        (["help"], Terminal(), ["--help"]),
        (["help", "scan"], Terminal(), ["scan", "--help"]),
        (["search", "AuthFailure"], Terminal(), ["search", "AuthFailure"]),
        (["list", "--no-pager"], Terminal(), ["list"]),
    ],
)
def test_routing_of_what_people_type(argv: list[str], stdin: object, routed: list[str]) -> None:
    assert route(argv, stdin, {})[0] == routed


def test_no_pager_is_taken_out_anywhere_before_double_dash() -> None:
    assert route(["--no-pager", "lookup", "X"], Terminal(), {}) == (["lookup", "X"], True)
    assert route(["lookup", "X"], Terminal(), {}) == (["lookup", "X"], False)


def test_a_code_without_subcommand_is_looked_up(run: Run) -> None:
    bare = run("AuthFailure.SignatureExpire")
    assert bare.exit_code == 0
    assert bare.stdout == run("lookup", "AuthFailure.SignatureExpire").stdout
    assert bare.stdout.startswith("code: AuthFailure.SignatureExpire\n")


def test_piped_data_without_subcommand_is_explained(run: Run) -> None:
    result = run(input=SDK_LINE + "\n")
    assert result.exit_code == 0
    assert result.stdout.startswith("[1] FailedOperation.NodeNotEmpty\n")


def test_explain_without_file_reads_a_pipe(run: Run) -> None:
    result = run("explain", input=SDK_LINE + "\n")
    assert result.exit_code == 0
    assert result.stdout.startswith("[1] FailedOperation.NodeNotEmpty\n")
    assert result.stderr == ""


def test_explain_of_the_error_text_itself(run: Run) -> None:
    result = run("explain", SDK_LINE)
    assert result.exit_code == 0
    assert result.stdout.startswith("[1] FailedOperation.NodeNotEmpty\n")
    assert result.stderr == (
        "tco-err: '[TencentCloudSDKException] code:FailedO…' is not a file; explaining the argument itself as text\n"
    )
    mistyped = run("explain", "my log.txt")  # not a file, and no error in it: the file error stands
    assert mistyped.exit_code == 2
    assert mistyped.stderr == "tco-err: error: my log.txt: no such file\n"


@pytest.mark.parametrize(
    "query",
    [
        "AuthFailure.SignatureExpire.",
        "AuthFailure.SignatureExpire,",
        "AuthFailure.SignatureExpire:",
        "AuthFailure.SignatureExpire，",
        "code: AuthFailure.SignatureExpire",
        "Code=AuthFailure.SignatureExpire",
        '"Code": "AuthFailure.SignatureExpire",',
        "authfailure.signatureexpire",
    ],
)
def test_lookup_takes_a_code_as_copied(run: Run, query: str) -> None:
    result = run("lookup", query)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("code: AuthFailure.SignatureExpire\n")
    assert result.stderr == ""


def test_lookup_of_a_unique_detail_shows_that_code(run: Run) -> None:
    result = run("lookup", "SignatureExpire")
    assert result.exit_code == 0
    assert result.stdout.startswith("code: AuthFailure.SignatureExpire\n")
    assert result.stderr == "tco-err: 'SignatureExpire' is not a full code; showing AuthFailure.SignatureExpire\n"
    assert json.loads(run("lookup", "SignatureExpire", "--json").stdout)["match"] == "detail"


def test_lookup_of_a_shared_detail_names_every_code(run: Run) -> None:
    result = run("lookup", "OrganizationNotExist")
    assert result.exit_code == 1
    assert result.stderr == (
        "tco-err: unknown code 'OrganizationNotExist'; did you mean: "
        "InvalidParameter.OrganizationNotExist, ResourceNotFound.OrganizationNotExist?\n"
    )


def test_lookup_of_a_category_lists_its_codes(run: Run) -> None:
    result = run("lookup", "AuthFailure")
    assert result.exit_code == 0
    codes = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert len(codes) == 8 and all(c.startswith("AuthFailure.") for c in codes)
    assert "AuthFailure.SignatureExpire" in codes
    assert result.stderr == "tco-err: 'AuthFailure' is a category; its 8 codes follow (tco-err lookup CODE for one)\n"
    data = json.loads(run("lookup", "AuthFailure", "--json").stdout)
    assert data["found"] is True and data["match"] == "category" and len(data["codes"]) == 8


@pytest.mark.parametrize("text", ["签名过期", "The signature has expired"])
def test_lookup_of_text_that_is_no_code_shows_search_hits(run: Run, text: str) -> None:
    result = run("lookup", text)
    assert result.exit_code == 1
    assert result.stderr == f"tco-err: {text!r} is not an error code; closest matches by meaning (tco-err search for more):\n"
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert len(rows) == 3
    assert "AuthFailure.SignatureExpire" in [r[1] for r in rows]
    data = json.loads(run("lookup", text, "--json").stdout)
    assert data["found"] is False and "AuthFailure.SignatureExpire" in data["suggestions"]


def test_empty_lookup_is_a_usage_error(run: Run) -> None:
    result = run("lookup", "")
    assert result.exit_code == 2
    assert result.stderr == "tco-err: error: give an error code, e.g. tco-err lookup AuthFailure.SignatureExpire\n"


def test_empty_search_is_a_usage_error(run: Run) -> None:
    for text in ("", "   "):
        result = run("search", text)
        assert result.exit_code == 2
        assert result.stderr == 'tco-err: error: give words to search for, e.g. tco-err search "clock skew"\n'


@pytest.mark.parametrize("value", ["zh", "zh-CN", "zh_CN", "ZH", "zh_CN.UTF-8", "zh-Hans"])
def test_lang_accepts_how_people_write_chinese(run: Run, value: str) -> None:
    result = run("lookup", "InternalError", "--lang", value)
    assert result.exit_code == 0
    assert result.stdout.startswith("错误码: InternalError\n")


@pytest.mark.parametrize("value", ["en", "en-US", "EN", "en_GB"])
def test_lang_accepts_how_people_write_english(run: Run, value: str) -> None:
    result = run("lookup", "InternalError", "--lang", value, env={"LANG": "zh_CN.UTF-8"})
    assert result.stdout.startswith("code: InternalError\n")


def test_unknown_language_is_a_usage_error(run: Run) -> None:
    result = run("lookup", "InternalError", "--lang", "fr")
    assert result.exit_code == 2
    assert result.stderr == "tco-err: error: unknown language 'fr'; use en or zh (zh-CN, en-US and the like also work)\n"


def test_list_action_in_any_case_and_with_a_suggestion(run: Run) -> None:
    assert run("list", "--action", "addorganizationnode").stdout == run("list", "--action", "AddOrganizationNode").stdout
    typo = run("list", "--action", "AddOrganizationNod")
    assert typo.exit_code == 2
    assert typo.stderr.startswith("tco-err: error: unknown action 'AddOrganizationNod'; did you mean: AddOrganizationNode")


def test_list_common_and_service_together_is_a_usage_error(run: Run) -> None:
    result = run("list", "--common", "--service")
    assert result.exit_code == 2
    assert result.stderr == "tco-err: error: --common and --service exclude each other; give one of them\n"
    assert result.stdout == ""


def test_scan_that_finds_nothing_says_so(run: Run) -> None:
    result = run("scan", "-", input="all good\nstill fine\n")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "tco-err: no Tencent Cloud error code found in 2 lines\n"
    terminal = run("scan", "-", input="all good\n", env={"FORCE_COLOR": "1"})
    assert terminal.stdout == ""  # no empty table header
    assert json.loads(run("scan", "-", "--json", input="x\n").stdout)["codes"] == []


def test_version_and_help_as_people_type_them(run: Run) -> None:
    from tco_errcli import __version__

    assert run("-V").stdout == f"tco-err {__version__}\n"
    top = run("help")
    assert top.exit_code == 0 and "Commands" in top.stdout and "lookup" in top.stdout
    assert "`tco-err CODE` looks a code up; `... | tco-err` explains what is piped in;" in top.stdout
    scan = run("help", "scan")
    assert scan.exit_code == 0 and scan.stdout.startswith("Usage: tco-err scan")


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["lookup"], "tco-err: error: missing argument CODE (see tco-err lookup --help)\n"),
        (["serach", "x"], "tco-err: error: no such command 'serach'; did you mean: search? (see tco-err --help)\n"),
        (["search", "x", "--limit", "0"], None),
        (["lookup", "X", "--frobnicate"], "tco-err: error: no such option: --frobnicate (see tco-err lookup --help)\n"),
    ],
)
def test_usage_errors_are_one_line(run: Run, args: list[str], line: str | None) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("tco-err: error: ")
    if line is not None:
        assert result.stderr == line


@pytest.mark.parametrize(
    "args",
    [
        ["lookup", "", "--json"],
        ["lookup", "X", "--lang", "fr", "--json"],
        ["list", "--action", "Nope", "--json"],
        ["explain", "/no/such/file", "--json"],
        ["search", "x", "--limit", "0", "--json"],
        ["lookup", "--json"],
    ],
)
def test_json_failures_are_json_on_stdout_too(run: Run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["error"]["status"] == 2
    assert data["error"]["message"] and data["error"]["message"] in result.stderr


def test_explain_several_files_one_missing_still_explains_the_rest(run: Run) -> None:
    result = run("explain", str(FIXTURES / "explain" / "cpp.txt"), "/no/such/file")
    assert result.exit_code == 2
    assert result.stdout.startswith("[1] ")


def test_a_long_paste_is_named_in_one_short_line(run: Run) -> None:
    paste = "The provided credentials could not be validated. " * 200
    result = run("lookup", paste)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and len(result.stderr) < 200
    assert result.stderr.startswith(
        "tco-err: 'The provided credentials could not be validated. The provid…' is not an error code"
    )


def test_stderr_never_repeats_a_secret_from_a_pasted_argument(run: Run) -> None:
    key = "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe"
    explained = run("explain", f"SecretKey={key} [TencentCloudSDKException] code:InternalError message:x requestId:r")
    assert explained.exit_code == 0
    assert key not in explained.stderr + explained.stdout and "[REDACTED]" in explained.stderr
    looked_up = run("lookup", f"token={key} please help")
    assert key not in looked_up.stderr + looked_up.stdout


def test_mistyped_options_get_a_suggestion(run: Run) -> None:
    result = run("search", "x", "--limt", "3")
    assert result.exit_code == 2
    assert result.stderr == "tco-err: error: no such option: --limt; did you mean: --limit? (see tco-err search --help)\n"


def test_words_without_a_command_are_looked_up_and_searched(run: Run) -> None:
    result = run("签名过期")
    assert result.exit_code == 1
    assert result.stderr.startswith("tco-err: '签名过期' is not an error code")
    assert "AuthFailure.SignatureExpire" in result.stdout
