"""Search for what the user was doing: an action named in any case, a tccli command with its flags, a Terraform
resource type and its phase, a clause that describes the action in words — each weighs the codes those
actions return (the reference's per-action lists)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tco_errcli.catalog import Catalog
from tco_errcli.search import bm25, ranking, tasks, terraform
from tco_errcli.search.query import named_in, query_terms
from tco_errcli.search.ranking import search

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tf() -> ModuleType:
    spec = importlib.util.spec_from_file_location("terraform_data", ROOT / "scripts" / "terraform.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def codes(cat: Catalog, query: str, limit: int = 3) -> list[str]:
    return [h.entry.code for h in search(cat, query, limit)]


def returned_by(raw_catalog: dict[str, Any], actions: set[str], versions: tuple[str, ...] = ("2021-03-31",)) -> set[str]:
    """The codes these actions return, and the common codes (any action may return one)."""
    return {
        e["code"]
        for e in raw_catalog["entries"]
        if e["kind"] == "common" or any(actions & set(e["actions"].get(v, ())) for v in versions)
    }


def test_the_index_holds_the_types_of_the_data_file(cat: Catalog, tf: ModuleType) -> None:
    types = tf.types()
    assert len(types) >= 50 and "tencentcloud_organization_org_node" in types
    assert types["tencentcloud_organization_org_node"]["delete"] == ["DeleteOrganizationNodes"]
    assert ranking.index_of(cat).resources().types == tf.resources().types


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ('[aws_instance]\ncreate = ["CreateUser"]\n', "is not a resource type"),
        ('[tencentcloud_x]\nplan = ["CreateUser"]\n', "phases are"),
        ('[tencentcloud_x]\ncreate = ["CreateWidget"]\n', "['CreateWidget'] not actions of 2021-03-31"),
        ("[tencentcloud_x]\ncreate = []\n", "each a list of actions"),
    ],
)
def test_the_build_refuses_a_malformed_terraform_file(tf: ModuleType, tmp_path: Path, body: str, error: str) -> None:
    path = tmp_path / "terraform.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(tf.TerraformError, match=re.escape(error)):
        tf.types(path)


PROGRESS = {"create": "Creating...", "read": "Refreshing state...", "update": "Modifying...", "delete": "Destroying..."}


def test_a_terraform_type_and_its_phase_find_only_codes_its_actions_return(
    cat: Catalog, tf: ModuleType, raw_catalog: dict[str, Any]
) -> None:
    common = returned_by(raw_catalog, set())
    checked = wrong = 0
    for name, phases in tf.types().items():
        for phase, actions in phases.items():
            allowed = returned_by(raw_catalog, set(actions))
            if allowed == common:
                continue
            checked += 1
            found = codes(cat, f"{name}.main: {PROGRESS[phase]} Error: failed", 1)
            wrong += not found or found[0] not in allowed
    assert checked >= 120 and wrong / checked <= 0.3, (wrong, checked)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("terraform destroy of tencentcloud_identity_center_group fails because the group still has users",
         "FailedOperation.DeleteGroupNotAllowExistUser"),
        ("tencentcloud_identity_center_user_group_attachment: user already in group", "InvalidParameter.GroupUserAlreadyExists"),
        ("terraform tencentcloud_identity_center_user create fails, that user name is taken in the space",
         "InvalidParameter.UsernameAlreadyExists"),
        ("tencentcloud_organization_org_manage_policy_target attach fails: policy type not enabled",
         "FailedOperation.OrganizationPolicyIsNotEnabled"),
    ],
)  # fmt: skip
def test_a_terraform_type_in_a_query_finds_the_code_of_what_went_wrong(cat: Catalog, query: str, expected: str) -> None:
    assert codes(cat, query)[0] == expected


def test_the_phase_says_which_actions_of_a_type(cat: Catalog, raw_catalog: dict[str, Any]) -> None:
    index = ranking.index_of(cat)
    named = named_in(index, "terraform destroy tencentcloud_organization_org_node")
    assert named.terms == [terraform.resource_term("tencentcloud_organization_org_node", "delete")]
    named = named_in(index, "terraform apply tencentcloud_organization_org_node")
    assert named.terms == [terraform.resource_term("tencentcloud_organization_org_node", p) for p in ("create", "update")]
    named = named_in(index, "tencentcloud_organization_org_node: oops")
    assert named.terms == [terraform.resource_term("tencentcloud_organization_org_node")]
    deleting = returned_by(raw_catalog, {"DeleteOrganizationNodes"})
    assert set(codes(cat, "Destroying tencentcloud_organization_org_node.ops failed", 3)) <= deleting


@pytest.mark.parametrize(
    "query",
    ["tccli organization CreatePolicy says the policy name is already used",
     "tccli organization createpolicy says the policy name is already used",
     "organization:createpolicy: the policy name is already used"],
)  # fmt: skip
def test_an_action_is_named_in_any_case_and_never_matched_as_a_code(
    cat: Catalog, raw_catalog: dict[str, Any], query: str
) -> None:
    found = codes(cat, query, 3)
    assert found[0] in {"InvalidParameter.PolicyNameExisted", "FailedOperation.PolicyNameInUse"}
    assert set(found) <= returned_by(raw_catalog, {"CreatePolicy"})
    assert "FailedOperation.CreatePolicy" not in found


def test_every_action_named_alone_finds_codes_it_returns(cat: Catalog, raw_catalog: dict[str, Any]) -> None:
    common = returned_by(raw_catalog, set())
    actions = {a for by_version in raw_catalog["actions"].values() for a in by_version}
    checked = wrong = 0
    for action in sorted(actions):
        allowed = returned_by(raw_catalog, {action}, ("2018-12-25", "2021-03-31"))
        if allowed != common:
            checked += 1
            wrong += codes(cat, f"{action} fails", 1)[0] not in allowed
    assert checked >= 140 and wrong / checked <= 0.15, (wrong, checked)


def test_a_tccli_command_s_flags_are_what_was_sent_not_what_went_wrong(cat: Catalog) -> None:
    query = (
        "tccli organization CreateOrganizationMember --Name dev --PolicyType Financial --PermissionIds '[1,2]' "
        "--NodeId 123 --region ap-guangzhou --cli-unfold-argument fails: name already used"
    )
    assert codes(cat, query, 2) == ["FailedOperation.OrganizationMemberNameUsed", "FailedOperation.MemberNameUsed"]
    # a parameter's name is no code, passed as a flag: --NodeId is not InvalidParameter.NodeId…
    assert all(h.score < 100 for h in search(cat, "tccli organization DescribeOrganizationNodes --NodeId 5"))


def test_the_words_of_an_action_s_name_weigh_little(cat: Catalog) -> None:
    weights = dict(query_terms(ranking.index_of(cat), "InviteOrganizationMember 提示申请已经存在"))
    assert weights["~invite"] < 0.2 and weights["invit"] < 0.5  # the name says what was done
    assert weights["~exists"] >= 0.7 and weights["申请"] == 1.0  # the rest says what went wrong


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("删除用户组的时候提示组里还有用户", ("zh", "删除用户组")),
        ("添加成员邮箱提示邮箱已被使用", ("zh", "添加成员邮箱")),
        ("when deleting a user group it says there are still users in it", ("en", "deleting a user group")),
        ("I get an error while creating a SCIM key: too many keys", ("en", "creating a SCIM key")),
        ("组里根本没这个人", None),
    ],
)
def test_the_clause_that_says_what_was_being_done(query: str, found: tuple[str, str] | None) -> None:
    assert tasks.clause(query) == found


@pytest.mark.parametrize(
    ("query", "action", "expected"),
    [
        ("删除用户组的时候提示组里还有用户", "DeleteGroup", "FailedOperation.DeleteGroupNotAllowExistUser"),
        ("删除身份中心用户时提示还有用户同步", "DeleteUser", "FailedOperation.UserProvisioningExists"),
        ("创建权限配置时提示名字已经有了", "CreateRoleConfiguration", "InvalidParameter.ConfigurationNameAlreadyExists"),
        ("部署权限配置到成员账号时报成员不存在", "ProvisionRoleConfiguration", "FailedOperation.OrganizationMemberNotExist"),
        ("while creating a SCIM key: too many keys", "CreateSCIMCredential", "LimitExceeded.ScimCredentialLimitExceeded"),
        ("when inviting a member it says the application already exists", "InviteOrganizationMember",
         "FailedOperation.ApplyExist"),
    ],
)  # fmt: skip
def test_an_action_described_in_words_weighs_the_codes_it_returns(
    cat: Catalog, raw_catalog: dict[str, Any], query: str, action: str, expected: str
) -> None:
    index = ranking.index_of(cat)
    assert named_in(index, query).terms[0] == bm25.action_term(action)
    found = codes(cat, query, 1)
    assert found == [expected] and expected in returned_by(raw_catalog, {action})


def test_a_clause_that_fits_no_action_well_names_none(cat: Catalog) -> None:
    index = ranking.index_of(cat)
    assert named_in(index, "签名时间戳超过五分钟").terms == []
    assert named_in(index, "签名时提示过期").terms == []  # 签名 is what no action's summary says
    assert named_in(index, "when the moon is full it fails").terms == []
