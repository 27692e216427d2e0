"""The CLI as a user sees it: exact lines, JSON fields, exit statuses, languages, terminal vs pipe."""

from __future__ import annotations

import json

import pytest

from tco_errcli.errors import ExitStatus

from .conftest import Run


def test_lookup_plain_output_is_stable_lines(run: Run) -> None:
    result = run("lookup", "FAILEDOPERATION_NODENOTEMPTY")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "code: FailedOperation.NodeNotEmpty"
    assert lines[1] == "description: There are members in this department"
    assert lines[2].startswith("hint: A department can only be deleted when it holds no members.")
    assert "retryable: no" in lines
    assert "versions: 2018-12-25, 2021-03-31" in lines
    assert "actions 2021-03-31: DeleteOrganizationNodes" in lines
    assert "\x1b[" not in result.stdout


def test_lookup_json_contract(run: Run) -> None:
    result = run("lookup", "AuthFailure.SignatureExpire", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["code"] == "AuthFailure.SignatureExpire"
    assert data["retryable"] is False
    assert data["versions"] == ["2018-12-25", "2021-03-31"]
    assert isinstance(data["actions"], dict)
    assert "clock skew" in data["hint"]
    for key in ("description", "causes", "keywords", "related", "docs", "retry", "found", "match"):
        assert key in data
    assert data["found"] is True and data["match"] == "exact"


def test_lookup_actions_in_json(run: Run) -> None:
    data = json.loads(run("lookup", "LimitExceeded.NodeExceedLimit", "--json").stdout)
    assert data["actions"] == {"2018-12-25": ["AddOrganizationNode"], "2021-03-31": ["AddOrganizationNode"]}


def test_unknown_code_exits_1_with_suggestions_on_stderr(run: Run) -> None:
    result = run("lookup", "NodeNotEmty")
    assert result.exit_code == ExitStatus.NOT_FOUND == 1
    assert result.stdout == ""
    assert result.stderr.startswith("tco-err: unknown code 'NodeNotEmty'; did you mean: FailedOperation.NodeNotEmpty")


def test_unknown_code_json_says_not_found(run: Run) -> None:
    result = run("lookup", "NodeNotEmty", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["found"] is False and data["suggestions"][0] == "FailedOperation.NodeNotEmpty"


def test_unknown_subcode_shows_parent(run: Run) -> None:
    result = run("lookup", "ResourceNotFound.Whatever")
    assert result.exit_code == 0
    assert "showing its parent ResourceNotFound" in result.stderr
    assert "code: ResourceNotFound" in result.stdout.splitlines()
    assert "match: parent" in result.stdout.splitlines()


def test_lang_zh_and_locale_default(run: Run) -> None:
    zh = run("lookup", "FailedOperation.NodeNotEmpty", "--lang", "zh")
    assert "说明: 部门中还有成员，不能删除。" in zh.stdout.splitlines()
    by_locale = run("lookup", "FailedOperation.NodeNotEmpty", env={"LANG": "zh_CN.UTF-8"})
    assert by_locale.stdout == zh.stdout
    forced_en = run("lookup", "FailedOperation.NodeNotEmpty", "--lang", "en", env={"LANG": "zh_CN.UTF-8"})
    assert "description: There are members in this department" in forced_en.stdout


def test_batch_lookup_reads_stdin_one_line_per_code(run: Run) -> None:
    result = run("lookup", "-", input="InternalError\n\nnot.a.code\nAUTHFAILURE_SIGNATUREEXPIRE\n")
    assert result.exit_code == 1  # one code was unknown
    assert result.stdout.splitlines() == [
        "InternalError\tInternalError\tyes\tInternal error.",
        "not.a.code\t-\t-\tunknown code",
        "AUTHFAILURE_SIGNATUREEXPIRE\tAuthFailure.SignatureExpire\tno\tSignature expired. Timestamp and server time "
        "cannot differ by more than five minutes. Please ensure your current local time matches the standard time.",
    ]


def test_batch_lookup_json_lines(run: Run) -> None:
    result = run("lookup", "-", "--json", input="InternalError\nnope\n")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["found"] for r in rows] == [True, False]
    assert rows[0]["retryable"] is True


def test_search_plain_and_json(run: Run) -> None:
    result = run("search", "clock skew", "--limit", "3")
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0].split("\t")
    assert first[1] == "AuthFailure.SignatureExpire" and 50 <= int(first[0]) < 100  # only an exact code name shows 100
    data = json.loads(run("search", "department", "--json").stdout)
    assert len(data) == 10 and all("score" in d and "Node" in d["code"] for d in data[:8])


def test_search_nothing_found_exits_1(run: Run) -> None:
    result = run("search", "qqqqzzzz")
    assert result.exit_code == 1
    assert result.stderr == "tco-err: nothing matches 'qqqqzzzz'\n"
    assert json.loads(run("search", "qqqqzzzz", "--json").stdout) == []


def test_list_filters(run: Run) -> None:
    result = run("list", "--action", "AddOrganizationNode", "--api-version", "2018-12-25")
    assert result.exit_code == 0
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == [
        "LimitExceeded.NodeDepthExceedLimit",
        "LimitExceeded.NodeExceedLimit",
        "ResourceInUse.NodeName",
        "ResourceNotFound.NodeNotExist",
        "ResourceNotFound.OrganizationNotExist",
    ]
    assert len(json.loads(run("list", "--json").stdout)) == 363
    assert len(run("list", "--common").stdout.splitlines()) == 38
    assert len(run("list", "--service", "--category", "AuthFailure").stdout.splitlines()) == 0


def test_list_usage_errors_exit_2(run: Run) -> None:
    bad_action = run("list", "--action", "NoSuchAction")
    assert bad_action.exit_code == 2
    assert bad_action.stderr == "tco-err: error: unknown action 'NoSuchAction'\n"
    assert run("list", "--api-version", "2020-01-01").exit_code == 2
    assert run("search", "x", "--limit", "0").exit_code == 2


def test_terminal_output_when_forced(run: Run) -> None:
    result = run("lookup", "InternalError", env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0
    assert "What to do" in result.stdout and "╭" not in result.stdout  # no box: every line copies cleanly
    assert "\x1b[" in result.stdout
    plain_colours = run("lookup", "InternalError", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "What to do" in plain_colours.stdout and "\x1b[3" not in plain_colours.stdout


def test_help_documents_exit_statuses(run: Run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert result.stdout.count("0 found, 1 nothing found, 2 usage or input error") == 1
    for command in ("lookup", "search", "list", "explain", "scan"):
        assert "0 found, 1 nothing found, 2 usage or input error" in run(command, "--help").stdout
    assert "0 no failing check, 1 a check failed" in run("doctor", "--help").stdout
    for command in ("lookup", "search", "list", "explain", "scan", "doctor"):
        assert command in result.stdout


def test_version(run: Run) -> None:
    from tco_errcli import __version__

    assert run("--version").stdout == f"tco-err {__version__}\n"


@pytest.mark.parametrize("args", [["lookup"], ["nonsense"], ["search"]])
def test_usage_errors_exit_2_without_traceback(run: Run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.stdout + result.stderr


def test_lookup_of_a_common_code_adds_its_organization_advice(run: Run) -> None:
    lines = run("lookup", "UnauthorizedOperation").stdout.splitlines()
    hint = next(i for i, line in enumerate(lines) if line.startswith("hint: "))
    assert lines[hint + 1].startswith("organization: In Organization, a CAM denial names the action")
    assert not any(
        line.startswith("organization: ") for line in run("lookup", "FailedOperation.NodeNotEmpty").stdout.splitlines()
    )
    zh = run("lookup", "UnauthorizedOperation", "--lang", "zh").stdout
    assert "\n集团账号管理相关: " in zh
