"""catalog.json against its schema, the reference facts, the seed page and our quality rules."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from .conftest import ROOT, load_script

VERSION = {"v20181225": "2018-12-25", "v20210331": "2021-03-31"}
CJK = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|lorem|placeholder|xxx)\b|待补充|待定", re.IGNORECASE)
ACTION_WORD = re.compile(r"\b(?:[A-Z][a-z]+){2,}[A-Za-z]*\b")


def entries(raw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["code"]: e for e in raw["entries"]}


def test_catalog_matches_its_schema(raw_catalog: dict[str, Any]) -> None:
    schema = json.loads((ROOT / "tco_errcli" / "catalog" / "catalog.schema.json").read_text(encoding="utf-8"))
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


# --- scripts/check_hints.py: the checks the catalogue must pass (issue #12), tried on texts with known faults ---


def _load_checker() -> Any:
    return load_script("check_hints")


@pytest.fixture(scope="module")
def checker() -> Any:
    return _load_checker()


@pytest.fixture(scope="module")
def check_text(checker: Any) -> Any:
    api = checker.load_api()
    glossary = checker.load_glossary()

    def run(text: str, *, code: str = "X.Y", actions: tuple[str, ...] = (), both: bool = False, lang: str = "en") -> list[str]:
        versions = ("2018-12-25", "2021-03-31") if both else ("2021-03-31",)
        subject = checker.Subject(code, "service", versions, actions, (("hint", lang, text),))
        return list(checker.check_subject(subject, api, glossary, {"X.Y"}))

    return run


def test_checker_finds_list_wording_for_a_single_value_parameter(check_text: Any) -> None:
    text = "Too many users in one AddUserToGroup call. Split the user list into smaller batches."
    assert any("list wording" in p for p in check_text(text, actions=("AddUserToGroup",)))
    # DeleteOrganizationMembers takes MemberUin as 'list of int64': splitting it is right
    assert check_text("Split MemberUin into smaller batches for DeleteOrganizationMembers.") == []


def test_checker_finds_a_parameter_the_action_does_not_take(check_text: Any) -> None:
    problems = check_text(
        "When RolePolicyType is custom, CustomPolicyDocument must carry a full policy. "
        "Call UpdateCustomPolicyForRoleConfiguration again."
    )
    assert any("RolePolicyType is not a parameter" in p for p in problems)
    assert any("CustomPolicyDocument is not a parameter" in p for p in problems)
    assert any("Type is not a parameter or field of ListPolicies" in p for p in check_text("Call ListPolicies with Type TAG."))
    assert check_text("Call ListPolicies with PolicyType TAG_POLICY.") == []


def test_checker_wants_the_version_where_the_versions_differ(check_text: Any) -> None:
    problems = check_text("Flatten the tree with UpdateOrganizationNode and a new ParentNodeId.", both=True)
    assert any("ParentNodeId is on UpdateOrganizationNode only in 2018-12-25" in p for p in problems)
    stated = "In 2018-12-25, flatten the tree with UpdateOrganizationNode and a new ParentNodeId."
    assert check_text(stated, both=True) == []
    assert any("not an action of 2018-12-25" in p for p in check_text("Call ListUsers (2018-12-25).", both=True))


def test_checker_finds_names_the_api_does_not_have(check_text: Any) -> None:
    problems = check_text("Call SetExternalSAMLIdentityProvider with SSoStatus set to Disabled.")
    assert any("SSoStatus is neither" in p for p in problems)
    assert check_text("Call SetExternalSAMLIdentityProvider with SSOStatus set to Disabled.") == []


def test_checker_applies_the_glossary_to_chinese(check_text: Any) -> None:
    assert any("sub_user" in p for p in check_text("请为该子账号授权。", lang="zh"))
    assert any("root" in p for p in check_text("请把成员移到根节点。", lang="zh"))
    assert any("contact_support" in p for p in check_text("请联系腾讯云支持。", lang="zh"))
    assert any("literal_it" in p for p in check_text("请删除它。", lang="zh"))
    assert check_text("请把成员移到 Root 节点，或提交工单。", lang="zh") == []


def test_common_codes_hints_are_right_for_any_product(raw_catalog: dict[str, Any], checker: Any) -> None:
    organization_actions = {a for acts in raw_catalog["actions"].values() for a in acts}
    common = [e for e in raw_catalog["entries"] if e["kind"] == "common"]
    assert len(common) == 38
    for e in common:
        for lang in ("en", "zh"):
            text = e["hint"][lang] + " ".join(e["causes"][lang])
            assert not checker.ORG_ONLY.search(text), f"{e['code']} hint.{lang}: {checker.ORG_ONLY.search(text).group(0)}"
            assert not set(ACTION_WORD.findall(text)) & organization_actions, e["code"]
    by_code = entries(raw_catalog)
    assert "QcloudOrganizationFullAccess" in by_code["AuthFailure.UnauthorizedOperation"]["org_hint"]["en"]
    assert "management account" in by_code["UnauthorizedOperation"]["org_hint"]["en"]
    assert "管理账号" in by_code["UnauthorizedOperation"]["org_hint"]["zh"]


def test_glossary_names_one_sourced_term_per_concept_that_its_own_variants_do_not_match() -> None:
    import tomllib

    glossary = tomllib.loads((ROOT / "data" / "glossary.toml").read_text(encoding="utf-8"))
    concepts = glossary["concepts"]
    assert {"root", "department", "member_account", "management_account", "sub_user", "permission_configuration"} <= set(concepts)
    assert {"user_group", "identity_center", "shared_unit", "contact_support"} <= set(concepts)
    for name, concept in concepts.items():
        assert concept["en"] and concept["zh"] and concept["source"], name
        assert concept.get("wrong_zh") or concept.get("wrong_zh_patterns"), f"{name}: no variants listed"
        assert concept["zh"] not in concept.get("wrong_zh", []), name
        for pattern in concept.get("wrong_zh_patterns", []):
            assert not re.search(pattern, concept["zh"]), f"{name}: {pattern} matches the right term"


def test_checker_accepts_only_id_formats_of_the_official_examples(check_text: Any) -> None:
    assert check_text("Get valid IDs from ListGroups (they start with 'g-').") == []
    assert any("ID format 'grp-'" in p for p in check_text("Get valid IDs from ListGroups (they start with 'grp-')."))


def test_the_whole_catalogue_passes_check_hints(checker: Any) -> None:
    """Names, versions, list wording, ID formats, glossary and product-neutral common hints (scripts/check_hints.py)."""
    found = checker.check()
    assert found == {}, "\n".join(f"{code}: {p}" for code, problems in found.items() for p in problems)


def test_the_facts_issue_12_found_wrong_are_right(raw_catalog: dict[str, Any], checker: Any) -> None:
    by_code = entries(raw_catalog)
    for code in ("LimitExceeded.AddUserToGroupLimitExceeded", "LimitExceeded.RemoveUserFromGroupLimitExceeded"):
        e = by_code[code]
        assert e["retry"]["retryable"], code  # a request-count limit: back off and retry
        assert "UserId" in e["hint"]["en"] and not checker.LIST_WORDS.search(e["hint"]["en"] + e["hint"]["zh"]), code
    empty = by_code["InvalidParameter.PolicyDocumentEmpty"]["hint"]
    assert "NewCustomPolicyDocument" in empty["en"] and "NewCustomPolicyDocument" in empty["zh"]
    assert "RolePolicyType" not in empty["en"]
    assert "PolicyDocument" in by_code["FailedOperation.GetPolicyDetail"]["hint"]["en"]
    depth = by_code["LimitExceeded.NodeDepthExceedLimit"]["hint"]["en"]
    assert "2018-12-25's UpdateOrganizationNode has ParentNodeId" in depth
    name_rule = by_code["InvalidParameter.ConfigurationNameFormatError"]["hint"]
    assert "128" in name_rule["en"] and "hyphens (-)" in name_rule["en"] and "+ =" not in name_rule["en"]
    assert "128" in name_rule["zh"] and "短划线" in name_rule["zh"]
    for e in raw_catalog["entries"]:
        assert "ListPolicies with Type" not in e["hint"]["en"], e["code"]


@pytest.mark.parametrize(
    ("before", "after", "said"),
    [
        ("keywords = [", "keywrods = [", "Additional properties are not allowed ('keywrods' was unexpected)"),
        ('retry = "transient"', 'retry = "transiant"', "'transiant' is not one of"),
    ],
)
def test_a_misspelt_authored_key_fails_the_build_naming_file_entry_and_key(
    tmp_path: Path, before: str, after: str, said: str
) -> None:
    import shutil

    for part in ("data", "scripts", "tco_errcli"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "catalog.json", tmp_path / "catalog.json")
    common = tmp_path / "data" / "authored" / "common.toml"
    text = common.read_text(encoding="utf-8")
    at = text.index('["InternalError"]')
    common.write_text(text[:at] + text[at:].replace(before, after, 1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(tmp_path / "scripts" / "build_catalog.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr.startswith("build_catalog: common.toml: InternalError: ")
    assert said in result.stderr


def test_checker_holds_the_retry_class_to_what_the_hint_says(checker: Any) -> None:
    def problems(hint: str, retry: str) -> list[str]:
        subject = checker.Subject("X.Y", "service", ("2021-03-31",), (), (("hint", "en", hint),), False, retry)
        return list(checker.check_retry(subject))

    assert problems("The user is not in the group: nothing to remove, skip this RemoveUserFromGroup call.", "fix")
    assert problems("The user is not in the group: nothing to remove.", "none") == []
    assert problems("A server-side error. Retry up to 3 times with exponential backoff.", "fix")
    assert problems("A server-side error. Retry up to 3 times with exponential backoff.", "transient") == []


def test_checker_wants_a_hint_to_cover_every_action_that_returns_the_code(checker: Any) -> None:
    api = checker.load_api()

    def problems(en: str, zh: str, code: str = "X.Y") -> list[str]:
        texts = (("hint", "en", en), ("hint", "zh", zh))
        subject = checker.Subject(code, "service", ("2021-03-31",), ("AddShareUnitMembers", "DeleteShareUnitMembers"), texts)
        return list(checker.check_actions(subject, api))

    some = problems("Split Members of AddShareUnitMembers into batches.", "请拆分 AddShareUnitMembers 的 Members。")
    assert some and "not DeleteShareUnitMembers" in some[0]
    both = "Split Members of AddShareUnitMembers or DeleteShareUnitMembers into batches."
    assert problems(both, "请拆分 AddShareUnitMembers 或 DeleteShareUnitMembers 的 Members。") == []
    assert problems("Too many members in one call.", "单次成员过多。") == []  # names none: for every action
    drift = problems(both, "请拆分 AddShareUnitMembers 的 Members。")
    assert drift == ["hint: the languages name different actions (en only: DeleteShareUnitMembers)"]


def test_checker_wants_a_documented_cause_marked_in_both_languages_and_no_guessed_frequency(checker: Any) -> None:
    def problems(en: str, zh: str) -> list[str]:
        texts = (("causes[0]", "en", en), ("causes[0]", "zh", zh))
        return list(checker.check_causes(checker.Subject("X.Y", "service", ("2021-03-31",), (), texts)))

    assert problems("Members remain (documented: the official description)", "仍有成员（文档：官方描述）") == []
    assert problems("Members remain (documented: the official description)", "仍有成员") == [
        "causes[0]: marked documented in one language only"
    ]
    assert problems("A script usually deletes the department first", "脚本先删除了部门")
    assert problems("A script deletes the department first", "脚本通常先删除了部门")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("A ZoneId copied from another organization is the usual cause.", "en"),
        ("The usual cause is a system policy that may not be bound.", "en"),
        ("A trailing newline is a common cause.", "en"),
        ("常见原因是该系统策略不能用于权限配置。", "zh"),
    ],
)
def test_checker_finds_a_guessed_cause_presented_as_the_usual_one(checker: Any, text: str, lang: str) -> None:
    subject = checker.Subject("X.Y", "service", ("2021-03-31",), (), (("hint", lang, text),))
    assert checker.check_usual_causes(subject)
    likely = "A likely cause is a ZoneId copied from another organization."
    assert checker.check_usual_causes(checker.Subject("X.Y", "service", (), (), (("hint", "en", likely),))) == []


def test_checker_finds_a_quotation_of_an_english_parameter_doc_that_the_chinese_contradicts(checker: Any) -> None:
    contradicted = checker.contradicted_docs()
    old = 'Name is documented as "up to 25 characters, including English letters, digits, and symbols `+@&._[]-:,`".'
    subject = checker.Subject("X.Y", "service", ("2021-03-31",), (), (("hint", "en", old),))
    problems = checker.check_quotes(subject, contradicted)
    assert problems and "OrganizationMember Name, which its Chinese contradicts" in problems[0]
    fine = "GroupId is documented as 'User group ID.' on AddUserToGroup."
    assert checker.check_quotes(checker.Subject("X.Y", "service", (), (), (("hint", "en", fine),)), contradicted) == []
