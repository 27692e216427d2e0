"""Search in colloquial Chinese: the synonym classes' colloquial words (撞了, 满员, 删不掉 …), and bigrams across
a state phrase's edge weighed as half a bigram."""

from __future__ import annotations

import pytest

from tco_errcli.catalog import Catalog
from tco_errcli.search import ranking
from tco_errcli.search.query import STRADDLING_WEIGHT, query_terms
from tco_errcli.search.ranking import search


def codes(cat: Catalog, query: str, limit: int = 3) -> list[str]:
    return [h.entry.code for h in search(cat, query, limit)]


@pytest.mark.parametrize(
    ("text", "classes"),
    [
        ("删不掉", ["~delete", "~refused"]),  # a verb, then 不 and what it could not reach
        ("绑不上", ["~attach", "~refused"]),
        ("策略名撞了", ["~policy", "~name", "~exists"]),
        ("组织满员了", ["~organization", "~exceeds"]),
        ("成员名字不合规", ["~member", "~name", "~invalid"]),
        ("已经在别的集团里了", ["~exists", "~other", "~organization"]),
    ],
)
def test_colloquial_words_are_their_standard_idea(cat: Catalog, text: str, classes: list[str]) -> None:
    assert ranking.index_of(cat).concepts().find(text) == classes


def test_a_bigram_across_a_phrase_s_edge_weighs_half(cat: Catalog) -> None:
    index = ranking.index_of(cat)
    # 用户 | 已经在 | 组 | 里: 在组 is half of the state 已经在 and half of 组 — and half of 在组织 in another
    # code's text; 户同 of 用户同步 (a thing and an action) is the compound they make, and weighs in full
    assert index.concepts().straddling("用户已经在组里了") == {"户已", "在组"}
    straddling = index.concepts().straddling("删除用户时提示还有用户同步")
    assert "有用" in straddling and "户同" not in straddling
    weights = dict(query_terms(index, "用户已经在组里了"))
    assert weights["在组"] == STRADDLING_WEIGHT and weights["用户"] == 1.0
    assert codes(cat, "用户已经在组里了", 1) == ["InvalidParameter.GroupUserAlreadyExists"]
    assert index.concepts().straddling("department not empty") == set()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("部门里还有人 删不掉", {"FailedOperation.NodeNotEmpty", "FailedOperation.OrganizationNodeNotEmpty"}),
        ("这个部门下面还挂着成员呢 删不了", {"FailedOperation.NodeNotEmpty", "FailedOperation.OrganizationNodeNotEmpty"}),
        ("策略名撞了", {"InvalidParameter.PolicyNameExisted", "InvalidParameter.PolicyNameAlreadyExists"}),
        ("部门名字撞了", {"ResourceInUse.NodeName", "ResourceInUse.NodeNameUsed", "FailedOperation.OrganizationNodeNameUsed"}),
        ("邮箱被占了", {"FailedOperation.EmailAlreadyUsed", "InvalidParameter.EmailAlreadyExists"}),
        ("组里没有这个用户", {"InvalidParameter.GroupUserNotExist"}),
        ("这个用户不在组里", {"InvalidParameter.GroupUserNotExist"}),
        ("子账号不见了", {"FailedOperation.SubAccountNotExist"}),
        ("一个手机号绑了太多账号", {"LimitExceeded.PhoneNumBound"}),
        ("调得太频繁被限了", {"RequestLimitExceeded"}),
        ("成员账号欠费了 不让操作", {"UnsupportedOperation.MemberAccountArrears"}),
        ("证书传错了 解析不了", {"FailedOperation.X509CertificateParsingFailed"}),
        ("不是管理员 开不了身份中心", {"FailedOperation.IdentityCenterNotOrganizationManager"}),
        ("成员已经在别的集团里了", {"FailedOperation.MemberExistInOtherOrganization", "FailedOperation.InOrganizationAlready"}),
    ],
)
def test_a_colloquial_chinese_query_finds_its_code_first(cat: Catalog, query: str, expected: set[str]) -> None:
    assert codes(cat, query, 1)[0] in expected


def test_a_chinese_phrase_weighs_as_an_english_one(cat: Catalog) -> None:
    from tco_errcli.search.query import LONE_WEIGHT, PHRASE_WORDS_WEIGHT

    index = ranking.index_of(cat)
    # the bigrams of a phrase of three characters say its one idea, as the words of "already exists" do; a
    # bigram that is a phrase of its own (绑定 of 已绑定: attached) keeps its weight
    weights = dict(query_terms(index, "对方已经是成员"))
    assert weights["已经"] == weights["经是"] == PHRASE_WORDS_WEIGHT and weights["成员"] == 1.0
    assert dict(query_terms(index, "策略已绑定"))["绑定"] == 1.0
    # a thing whose phrase makes no bigram (别 of 别的) has only its class to say it: it weighs as a word
    assert dict(query_terms(index, "对方是别的组织的成员"))["~other"] == LONE_WEIGHT
    assert dict(query_terms(index, "其他组织"))["~other"] < LONE_WEIGHT  # 其他 is a bigram, typed
