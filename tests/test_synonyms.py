"""Synonym classes (data/synonyms.toml): validated by the build, compiled into the index, found by one rule."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from tco_errcli.catalog import Catalog
from tco_errcli.search import ranking
from tco_errcli.search.concepts import Concepts
from tco_errcli.search.ranking import search
from tco_errcli.search.tokens import terms

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def synonyms() -> ModuleType:
    spec = importlib.util.spec_from_file_location("synonyms", ROOT / "scripts" / "synonyms.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_index_is_read_with_the_classes_of_the_data_file(cat: Catalog, synonyms: ModuleType) -> None:
    assert ranking.index_of(cat).concepts().classes == synonyms.concepts().classes


def test_every_class_has_a_kind_and_both_languages(synonyms: ModuleType) -> None:
    classes = synonyms.classes()
    assert len(classes) >= 30
    assert {c["kind"] for c in classes.values()} == set(synonyms.KINDS)
    assert all(c["en"] and c["zh"] for c in classes.values())


@pytest.mark.parametrize(
    ("name", "en", "zh"),
    [
        ("create", {"create", "set up", "add", "make"}, {"新建", "创建", "建"}),
        ("exists", {"exists", "duplicate", "already have", "already there"}, {"重复", "已存在", "已经有"}),
        ("exceeds", {"exceeds", "at the ceiling", "too many", "limit hit", "maxed out"}, {"超过", "上限", "太多"}),
        ("missing", {"not found", "missing", "not exist", "gone", "was deleted"}, {"不存在", "没有", "找不到", "删了"}),
        ("management_account", {"management account", "admin account", "root account"}, {"管理账号", "主账号"}),
        ("member", {"member"}, {"成员", "子账号"}),
        ("node", {"department", "node", "unit"}, {"部门", "节点"}),
        ("certificate", {"signing certificate", "x509", "saml cert"}, {"证书"}),
        ("missing", {"unknown", "not in any", "not recognized"}, {"查无", "未知"}),
        ("authorize", {"permission assignments", "access assignment"}, {"分配权限"}),
        ("hour", {"hour", "within one hour", "hourly"}, {"小时", "钟头"}),
        ("exceeds", {"over quota", "out of quota"}, {"超限"}),
    ],
)
def test_the_classes_hold_the_words_users_were_seen_to_use(synonyms: ModuleType, name: str, en: set[str], zh: set[str]) -> None:
    cls = synonyms.classes()[name]
    assert en <= set(cls["en"]) and zh <= set(cls["zh"])


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (
            '[a_b]\nkind = "state"\nen = ["gone"]\nzh = ["没了"]\n[c_d]\nkind = "state"\nen = ["gone"]\nzh = ["不见"]\n',
            "'gone' is in [a_b] and [c_d]",
        ),
        ('[a_b]\nen = ["gone"]\nzh = ["没了"]\n', "needs kind"),
        ('[a_b]\nkind = "mood"\nen = ["gone"]\nzh = ["没了"]\n', "needs kind"),
        ('[a_b]\nkind = "state"\nen = ["gone"]\n', "both languages"),
        ('[a_b]\nkind = "state"\nen = ["gone"]\nzh = ["gone"]\n', "not a run of Chinese characters"),
        ('[a_b]\nkind = "state"\nen = ["gone, really"]\nzh = ["没了"]\n', "not a phrase of English words"),
        ('[A]\nkind = "state"\nen = ["gone"]\nzh = ["没了"]\n', "is not a class"),
        ('[a_b]\nkind = "state"\nopposite = "c_d"\nen = ["gone"]\nzh = ["没了"]\n', "two states, both classes here"),
    ],
)
def test_the_build_refuses_a_malformed_file(synonyms: ModuleType, tmp_path: Path, body: str, error: str) -> None:
    path = tmp_path / "synonyms.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(synonyms.SynonymError, match=re.escape(error)):
        synonyms.classes(path)


@pytest.fixture(scope="module")
def concepts(cat: Catalog) -> Concepts:
    return ranking.index_of(cat).concepts()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("does not exist", ["~missing"]),  # the longest phrase wins: never also ~exists
        ("doesn't exist", ["~missing"]),
        ("already exists", ["~exists"]),
        ("不存在", ["~missing"]),
        ("已存在", ["~exists"]),
        ("the department was deleted last week", ["~node", "~missing", "~time_ago"]),
        ("the department cannot be deleted", ["~node", "~refused"]),  # "deleted" alone is not "gone"
        ("identity center has not been activated", ["~identity_center", "~not_enabled"]),  # a filler inside
        ("组织单元", ["~node"]),  # not 组织 (organization) and 单元
        ("FailedOperation.NodeNotExist", ["~node", "~missing"]),  # code names by the same rule
        ("X509CertificateParsingFailed", ["~certificate", "~certificate", "~parse_failed"]),
        ("company verification", ["~enterprise"]),  # a company is what Tencent's names call an enterprise
        ("企业实名", ["~enterprise", "~real_name"]),
        ("企业组织", ["~organization"]),  # the longest phrase: the organization, not an enterprise
        ("the sms code timed out", ["~expired"]),  # a code that timed out has expired
        ("验证码超时", ["~expired"]),
        ("that policy type isn't switched on", ["~policy", "~not_enabled"]),
        ("the pem is not proper", ["~certificate", "~invalid"]),
        ("生效的策略", ["~effective", "~policy"]),  # what takes effect is the effective (有效) one
        ("有效策略", ["~effective", "~policy"]),
        ("已经给成员账号授权过", ["~member", "~authorize"]),  # 授权 is authorizing; 未授权 stays unauthorized
        ("未授权", ["~unauthorized"]),
        ("RoleConfigurationAuthorizationAlreadyExist", ["~permission_configuration", "~authorize", "~exists"]),
        ("access assigned on member accounts", ["~authorize", "~member"]),
        ("the policy is attached to an OU", ["~policy", "~in_use", "~node"]),  # a state: what is attached is in use
        ("attach policy", ["~attach", "~policy"]),  # the action
        ("cannot delete department, it has member accounts", ["~refused", "~delete", "~node", "~not_empty", "~member"]),
        ("user has no rights to call the API", ["~user", "~unauthorized"]),
        ("not allowed to call the API", ["~unauthorized"]),  # CAM's refusal of the call itself
        ("not allowed to delete", ["~refused", "~delete"]),
        ("cannot detach the only policy", ["~refused", "~detach", "~last", "~policy"]),  # the only one is the last
        ("detach the last policy", ["~detach", "~last", "~policy"]),
        ("the department was deleted last week", ["~node", "~missing", "~time_ago"]),  # a time, not the last one
        ("最后一个策略", ["~last", "~policy"]),
    ],
)
def test_phrases_are_found_longest_first_on_words_as_typed(concepts: Concepts, text: str, found: list[str]) -> None:
    assert concepts.find(text) == found


def test_class_and_action_terms_cannot_be_typed(concepts: Concepts) -> None:
    # "~" and "@" mark the terms of classes and actions; typed, they are dropped like other punctuation
    assert terms("~node @createpolicy", concepts) == ["node", "createpolicy", "node+createpolicy", "~node"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("department name is a duplicate", {"ResourceInUse.NodeName", "FailedOperation.OrganizationNodeNameUsed"}),
        ("we already have a department with that name", {"ResourceInUse.NodeName", "FailedOperation.OrganizationNodeNameUsed"}),
        ("部门名字重复", {"ResourceInUse.NodeName", "ResourceInUse.NodeNameUsed"}),
        ("the department was deleted", {"ResourceNotFound.NodeNotExist", "ResourceNotFound.OrganizationNodeNotExist"}),
        ("部门被删了", {"ResourceNotFound.NodeNotExist", "ResourceNotFound.OrganizationNodeNotExist"}),
        ("maxed out departments", {"LimitExceeded.NodeExceedLimit"}),
        ("identity center has not been activated", {"FailedOperation.IdentityCenterNotOpen"}),
        ("identity center wants a company verified account", {"FailedOperation.IdentityCenterNotEnterpriseAuth"}),
    ],
)
def test_a_user_s_word_for_the_idea_finds_the_code(cat: Catalog, query: str, expected: set[str]) -> None:
    assert search(cat, query, 1)[0].entry.code in expected


def test_a_synonym_counts_for_less_than_the_code_s_own_word(cat: Catalog) -> None:
    def score(query: str, code: str) -> float:
        return next(h.score for h in search(cat, query, 20) if h.entry.code == code)

    assert score("department name already in use", "ResourceInUse.NodeNameUsed") > score(
        "department name duplicate", "ResourceInUse.NodeNameUsed"
    )


def test_opposite_states_go_both_ways(concepts: Concepts) -> None:
    assert concepts.opposite("~exists") == "~missing" and concepts.opposite("~missing") == "~exists"
    assert concepts.opposite("~not_enabled") == "~enabled_already" and concepts.opposite("~node") is None
    assert concepts.states("InvalidParameter.UserAlreadyExistsGroup") == ["=invalid", "=exists"]


def test_a_code_whose_name_says_the_opposite_state_weighs_less(cat: Catalog) -> None:
    # 组里 ("in the group") is a rare word of UserAlreadyExistsGroup; 没有 says the user is missing
    assert search(cat, "组里没有这个用户", 1)[0].entry.code == "InvalidParameter.GroupUserNotExist"


def test_a_code_whose_name_says_none_of_the_query_s_states_weighs_less(cat: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    query = "identity center user gone"  # gone: ~missing
    shown = {h.entry.code: h.score for h in search(cat, query, 10)}
    monkeypatch.setattr(ranking, "STATE_MISS", 1.0)
    plain = {h.entry.code: h.score for h in search(cat, query, 10)}
    assert shown["FailedOperation.ZoneIdNotExist"] == plain["FailedOperation.ZoneIdNotExist"]  # its name says missing
    assert shown["FailedOperation.IdentityCenterNotAuth"] == pytest.approx(0.8 * plain["FailedOperation.IdentityCenterNotAuth"])


def test_an_action_said_not_done_is_no_evidence(cat: Catalog, concepts: Concepts) -> None:
    from tco_errcli.search.query import NEGATED_WEIGHT, query_terms

    assert concepts.negated("a member our organization created (not invited)") == {"~invite", "invit"}
    assert concepts.negated("the account did not join") == concepts.negated("never join") == {"~join", "join"}
    assert concepts.negated("it isn't attached") == set()  # 'attached' is not a phrase of attach: nothing read
    assert concepts.negated("cannot delete the member") == set()  # what was tried: the error's own action
    assert concepts.negated("the user is not a member") == set()  # a thing, not an action
    weights = dict(query_terms(ranking.index_of(cat), "created, not invited"))
    assert weights["invit"] == NEGATED_WEIGHT and weights["creat"] == 1.0
