"""Where the English and Chinese docs of a request parameter disagree (issue #23): the build finds every such
parameter, says so, and never shows the contradicted English text as the parameter's rule."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from typing import Any

import pytest

from .conftest import ROOT, Run, load_script

# Every disagreement in data/reference/organization-api.json, reviewed in data/doc_conflicts.toml. A new SDK copy
# that brings another one fails here until it is reviewed there.
EXPECTED = {
    ("2021-03-31 AddOrganizationNode Name", "characters"),
    ("2021-03-31 CreateOrganizationMember Name", "characters"),
    ("2021-03-31 CreateOrganizationMember AccountName", "characters"),
    ("2021-03-31 CreateOrganizationMember PermissionIds", "numbers"),
    ("2021-03-31 InviteOrganizationMember Name", "characters"),
    ("2021-03-31 ListGroupMembers GroupId", "id"),
    ("2021-03-31 UpdateOrganizationMember Name", "characters"),
    ("2021-03-31 UpdateOrganizationNode Name", "characters"),
    ("2021-03-31 UpdatePolicy Name", "characters"),
}


@pytest.fixture(scope="module")
def finder() -> Any:
    return load_script("doc_conflicts")


def test_the_finder_lists_every_disagreement_of_the_reference_and_each_is_reviewed(finder: Any) -> None:
    found = {(c.key, c.kind) for c in finder.find()}
    assert found == EXPECTED
    reviewed = tomllib.loads((ROOT / "data" / "doc_conflicts.toml").read_text(encoding="utf-8"))
    assert {(key, table["kind"]) for key, table in reviewed.items()} == EXPECTED


@pytest.mark.parametrize(
    ("name", "zh", "en", "kinds"),
    [
        ("GroupId", "用户组ID。", "User ID.", ["id"]),  # ListGroupMembers in the English SDK
        ("GroupId", "用户组 ID。", "User group ID.", []),
        ("UserId", "用户 ID。", "User ID.", []),
        ("PrincipalId", "CAM 用户同步的身份 ID。", "Identity ID for the CAM user synchronization.", []),
        ("ZoneId", "空间ID。", "Permission configuration ID.", ["id"]),
        ("Name", "最大长度为25个字符，支持英文字母、数字、汉字", "up to 25 letters and digits", ["characters"]),
        ("Name", "长度为1~128个字符，可以包含汉字", "1 to 128 characters, and can contain chinese characters", []),
        ("Description", "长度：最大 1024 个字符。", "up to 1,024 characters", []),
        ("Limit", "取值范围：1~50，默认值：10", "Value range: 1-50. Default value: 10.", []),
        ("Limit", "取值范围：1~50，默认值：10", "Value range: 1-100. Default value: 10.", ["numbers"]),
        ("Uins", "最大5个", "can contain up to five UINs", []),
        ("MemberUin", "入参MemberUin与IdentityId至少填写一个", "At least one of MemberUin and IdentityId", []),
    ],
)
def test_the_finder_compares_what_the_two_docs_say_not_their_wording(
    finder: Any, name: str, zh: str, en: str, kinds: list[str]
) -> None:
    assert [kind for kind, _detail in finder.compare(name, zh, en)] == kinds


def test_the_build_says_which_disagreements_the_catalogue_shows() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_catalog.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stderr.splitlines() if "ListGroupMembers GroupId" in x)
    assert line.startswith("build_catalog: warning: 2021-03-31 ListGroupMembers GroupId: the en and zh docs disagree")
    assert "in InvalidParameter.GroupNotExist" in line


def test_group_not_exist_does_not_give_list_group_members_group_id_the_rule_user_id(run: Run) -> None:
    data = json.loads(run("lookup", "InvalidParameter.GroupNotExist", "--json").stdout)
    rules = {p["action"]: p["rule"] for p in data["parameters"] if p["name"] == "GroupId"}
    assert "User ID." not in rules.values()
    assert rules["ListGroupMembers"].startswith("User group ID")
    assert "contradicts" in rules["ListGroupMembers"]
    zh = json.loads(run("lookup", "InvalidParameter.GroupNotExist", "--json", "--lang", "zh").stdout)
    assert {p["rule"] for p in zh["parameters"] if p["action"] == "ListGroupMembers"} == {"用户组ID。"}


@pytest.mark.parametrize(
    "code",
    ["FailedOperation.OrganizationMemberNameUsed", "FailedOperation.MemberNameUsed", "FailedOperation.OrganizationNodeNameUsed"],
)
def test_name_rules_and_hints_allow_chinese_characters_in_both_languages(run: Run, code: str) -> None:
    en = json.loads(run("lookup", code, "--json").stdout)
    zh = json.loads(run("lookup", code, "--json", "--lang", "zh").stdout)
    assert "Chinese characters" in en["hint"] and "汉字" in zh["hint"]
    for p in en["parameters"]:
        if p["version"] == "2021-03-31":
            assert "Chinese characters" in p["rule"], (p["action"], p["rule"])


def test_an_unreviewed_disagreement_is_shown_as_the_chinese_text_with_a_warning(finder: Any) -> None:
    build = load_script("build_catalog")
    api = json.loads((ROOT / "data" / "reference" / "organization-api.json").read_text(encoding="utf-8"))["versions"]
    conflict = finder.Conflict("2021-03-31", "GetGroup", "GroupId", "id", "made up", "User ID.", "用户组的 ID。")
    warnings: list[str] = []
    rules = build.parameter_rules("X.Y", ["GroupId"], api, {"2021-03-31": ["GetGroup"]}, {conflict.key: [conflict]}, warnings)
    assert rules[0]["rule"]["en"].startswith("The English and Chinese API docs disagree (made up)")
    assert rules[0]["rule"]["zh"] == "用户组的 ID。"
    assert warnings and "UNREVIEWED" in warnings[0]
