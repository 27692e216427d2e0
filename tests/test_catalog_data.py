"""catalog.json against its schema, the reference facts, the seed page and our quality rules."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from typing import Any

import jsonschema
import pytest

from .conftest import ROOT

VERSION = {"v20181225": "2018-12-25", "v20210331": "2021-03-31"}
CJK = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|lorem|placeholder|xxx)\b|待补充|待定", re.IGNORECASE)
ACTION_WORD = re.compile(r"\b(?:[A-Z][a-z]+){2,}[A-Za-z]*\b")


def entries(raw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["code"]: e for e in raw["entries"]}


def test_catalog_matches_its_schema(raw_catalog: dict[str, Any]) -> None:
    schema = json.loads((ROOT / "tco_errcli" / "catalog.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(raw_catalog))
    assert errors == []


def test_catalog_json_is_what_the_sources_build() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_catalog.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_every_reference_code_is_there_with_its_versions_and_actions(
    raw_catalog: dict[str, Any], reference_codes: list[dict[str, Any]]
) -> None:
    by_code = entries(raw_catalog)
    assert len(reference_codes) == 363
    assert set(by_code) == {r["code"] for r in reference_codes}
    for ref in reference_codes:
        entry = by_code[ref["code"]]
        assert entry["versions"] == [VERSION[v] for v in ref["versions"]], ref["code"]
        assert entry["actions"] == {VERSION[v]: acts for v, acts in ref["actions"].items()}, ref["code"]
        assert entry["kind"] == ref["kind"]


def test_catalog_actions_table_is_the_reference(
    raw_catalog: dict[str, Any], reference_actions: dict[str, dict[str, Any]]
) -> None:
    assert {VERSION[v]: sorted(a) for v, a in reference_actions.items()} == {
        v: sorted(a) for v, a in raw_catalog["actions"].items()
    }


def test_seed_codes_keep_the_seed_english_word_for_word(
    raw_catalog: dict[str, Any], reference_codes: list[dict[str, Any]]
) -> None:
    seed_text = next((ROOT / "data" / "seed").glob("000_*.txt")).read_text(encoding="utf-8")
    by_code = entries(raw_catalog)
    seeded = [r for r in reference_codes if r["en_seed"]]
    assert len(seeded) == 62
    for ref in seeded:
        assert by_code[ref["code"]]["description"]["en"] == ref["en_seed"]
        assert f"{ref['code']} {ref['en_seed']}" in seed_text


def test_signature_expire_hint_says_check_clock_skew(raw_catalog: dict[str, Any]) -> None:
    hint = entries(raw_catalog)["AuthFailure.SignatureExpire"]["hint"]
    assert "clock skew" in hint["en"] and "NTP" in hint["en"] and "5 minutes" in hint["en"]
    assert "时钟" in hint["zh"] and "NTP" in hint["zh"]


def test_every_entry_has_real_bilingual_text(raw_catalog: dict[str, Any]) -> None:
    for e in raw_catalog["entries"]:
        for field in ("description", "hint"):
            en, zh = e[field]["en"], e[field]["zh"]
            assert len(en) >= 10 and len(zh) >= 4, (e["code"], field)
            assert not PLACEHOLDER.search(en) and not PLACEHOLDER.search(zh), (e["code"], field)
            assert CJK.search(zh), f"{e['code']} {field}.zh is not Chinese"
            assert not CJK.search(en), f"{e['code']} {field}.en contains Chinese"
            assert len(CJK.findall(zh)) * 3 >= len(re.findall(r"[a-z]{3,}", zh)), f"{e['code']} {field}.zh is English"
        assert len(e["hint"]["en"]) >= 60, f"{e['code']}: hint too thin to be a next step"
        assert e["keywords"], e["code"]
        assert len(e["causes"]["en"]) == len(e["causes"]["zh"]) <= 3


def test_no_two_codes_share_a_hint_unless_aliases(raw_catalog: dict[str, Any]) -> None:
    seen: dict[str, str] = {}
    by_code = entries(raw_catalog)
    for e in raw_catalog["entries"]:
        for lang in ("en", "zh"):
            other = seen.get(e["hint"][lang])
            if other is not None:
                assert other in by_code[e["code"]]["aliases"], f"{e['code']} repeats the hint of {other}"
            seen[e["hint"][lang]] = e["code"]


def test_aliases_and_related_point_at_real_codes_both_ways(raw_catalog: dict[str, Any]) -> None:
    by_code = entries(raw_catalog)
    for e in raw_catalog["entries"]:
        for other in e["related"]:
            assert e["code"] in by_code[other]["related"], (e["code"], other)
        for other in e["aliases"]:
            assert e["code"] in by_code[other]["aliases"], (e["code"], other)
    node = by_code["ResourceNotFound.NodeNotExist"]["related"]
    assert {"ResourceNotFound.OrganizationNodeNotExist", "InvalidParameter.OrganizationNodeNotExist"} <= set(node)
    assert by_code["FailedOperation.QuiteShareUnit"]["aliases"] == ["FailedOperation.QuitShareUint"]


def test_actions_named_in_hints_exist_in_the_codes_api_versions(raw_catalog: dict[str, Any]) -> None:
    actions = raw_catalog["actions"]
    every = {a for acts in actions.values() for a in acts}
    not_actions = {
        "TencentCloud",
        "CloudAudit",
        "QcloudOrganizationFullAccess",
        "FullAccess",
        "StringEquals",
        "RolePolicyType",
        "CustomPolicyDocument",
        "EncodedMetadataDocument",
        "IdentityPolicy",
        "IdentityAliasName",
        "RoleConfigurationName",
        "RoleAssignmentInfo",
        "SSoStatus",
        "IsAllowQuit",
        "PermissionIds",
        "PolicyType",
        "PayUin",
        "ParentNodeId",
        "NodeId",
        "PolicyName",
        "PolicyId",
        "TargetId",
        "TargetUin",
        "MemberUin",
        "UnitId",
        "ZoneId",
        "ZoneName",
        "GroupId",
        "GroupName",
        "GroupType",
        "UserId",
        "UserName",
        "UserType",
        "BindId",
        "CredentialId",
        "CertificateId",
        "TaskId",
        "ServiceId",
        "IdentityId",
        "RoleConfigurationId",
        "RolePolicyId",
        "AuthRelationId",
        "OrgSubAccountUin",
        "NextToken",
        "MaxResults",
        "ProductResourceId",
        "SignedHeaders",
        "UserProvisioningId",
        "SCIMSynchronizationStatus",
        "EntityId",
        "RelayState",
        "DryRun",
        "TagPolicy",
        "PolicyDocument",
        "SecretId",
        "SecretKey",
        "RequestId",
        "ContentType",
        "RunInstances",
        "StandardRetryer",
        "RateLimitExceededMaxRetries",
        "StringEqual",
    }
    for e in raw_catalog["entries"]:
        allowed = {a for v in e["versions"] for a in actions[v]}
        for lang in ("en", "zh"):
            for word in ACTION_WORD.findall(e["hint"][lang]):
                if word in every:
                    assert word in allowed, f"{e['code']}: {word} is not an action of {e['versions']}"
                elif re.match(
                    r"(Add|Create|Delete|Describe|Get|List|Update|Remove|Set|Send|Move|Bind|Cancel|Invite"
                    r"|Accept|Deny|Quit|Attach|Detach|Enable|Disable|Open|Provision|Dismantle|Check)[A-Z]",
                    word,
                ):
                    assert word in not_actions, f"{e['code']}: {word} looks like an action but is not one"


def test_retry_advice_follows_the_kind_of_error(raw_catalog: dict[str, Any]) -> None:
    by_code = entries(raw_catalog)
    for code in ("RequestLimitExceeded", "RequestLimitExceeded.UinLimitExceeded"):
        assert by_code[code]["retry"]["strategy"] == "throttle" and by_code[code]["retry"]["retryable"]
    for code in ("InternalError", "ServiceUnavailable"):
        assert by_code[code]["retry"]["strategy"] == "transient" and by_code[code]["retry"]["retryable"]
    for code in ("AuthFailure.SignatureFailure", "FailedOperation.NodeNotEmpty", "InvalidParameter.PolicyNameError"):
        assert by_code[code]["retry"]["retryable"] is False


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("FailedOperation.NodeNotEmpty", ["department", "部门"]),
        ("FailedOperation.ShareUnitNotEmpty", ["shared unit", "共享单元"]),
        ("FailedOperation.IdentityCenterNotOpen", ["Identity Center", "CIC", "身份中心"]),
        ("LimitExceeded.ScimCredentialLimitExceeded", ["SCIM"]),
        ("FailedOperation.SSoStatusEnableNotClearIdentityProvider", ["SSO", "SAML"]),
        ("RequestLimitExceeded", ["throttling", "rate limit", "限频"]),
        ("AuthFailure.SignatureExpire", ["clock skew", "时钟"]),
        ("FailedOperation.AuthInfoEmpty", ["real-name verification", "实名认证"]),
    ],
)
def test_keywords_carry_the_words_users_think_in(raw_catalog: dict[str, Any], code: str, words: list[str]) -> None:
    assert set(words) <= set(entries(raw_catalog)[code]["keywords"])
