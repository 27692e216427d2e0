"""Search by mechanism (issue 23): what decides between near-duplicate codes, users' words linked to the codes'
wording, and the generic code of a category for a query that names nothing more specific."""

from __future__ import annotations

from tco_errcli.catalog import Catalog
from tco_errcli.search.ranking import search


def codes(cat: Catalog, query: str, limit: int = 3) -> list[str]:
    return [h.entry.code for h in search(cat, query, limit)]


def test_an_action_both_codes_are_returned_for_does_not_decide_between_them(cat: Catalog) -> None:
    # AddUserToGroup returns both: UserAddGroupCount's "Add" is what the caller of either did, not evidence
    # that this user is in too many groups; the group that is full decides
    assert codes(cat, "用户组人满了，加不进新成员", 1) == ["FailedOperation.GroupUserCountOverUpperLimit"]
    assert codes(cat, "这个用户加入的用户组太多了", 1) == ["FailedOperation.UserAddGroupCountOverUpperLimit"]


def test_users_words_for_missing_authorized_and_an_hour_find_the_code(cat: Catalog) -> None:
    # 查无此… is the colloquial "no such"; "unknown" says the thing is not there
    assert codes(cat, "查无此部门", 1)[0] in {"ResourceNotFound.NodeNotExist", "ResourceNotFound.OrganizationNodeNotExist"}
    assert codes(cat, "unknown resource type", 1) == ["ResourceNotFound.ResourceTypeNotExist"]
    # 钟头 is the colloquial hour: the limit within one hour, not the overall resend limit
    assert codes(cat, "一个钟头里重发了好多次激活邮件", 1) == ["LimitExceeded.SendEmailWithinOneHourLimit"]
    assert codes(cat, "邮件一小时内发太多了", 1) == ["LimitExceeded.SendEmailWithinOneHourLimit"]


def test_a_code_whose_name_says_an_action_the_query_does_not_weighs_less(cat: Catalog) -> None:
    # AddUserToGroup/RemoveUserFromGroup say what their caller did; "limit reached" says neither
    assert codes(cat, "user group limit reached", 1) == ["FailedOperation.GroupOverUpperLimit"]
    # MemberExistServiceNotAllowDelete says Delete, which nobody asking this did
    assert codes(cat, "这个成员并不是管理员身份", 1) == ["InvalidParameter.OrganizationMemberNotManager"]


def test_a_name_s_last_is_the_query_s_only(cat: Catalog) -> None:
    # "Last" of DetachLastPolicyError is the idea users write "the only", "last one", 最后一个
    assert codes(cat, "cannot detach the only policy on this node", 1) == ["FailedOperation.OrganizationDetachLastPolicyError"]
    assert codes(cat, "解绑节点上最后一个策略失败", 1) == ["FailedOperation.OrganizationDetachLastPolicyError"]


def test_a_word_that_only_says_refused_is_outweighed_by_the_deciding_ones(cat: Catalog) -> None:
    from tco_errcli.search import ranking
    from tco_errcli.search.query import GENERIC_WORDS_WEIGHT, query_terms

    # "refused" says what most errors say; "still being synced to a member account" says which one
    weights = dict(query_terms(ranking.index_of(cat), "DeleteUser refused, the user is still being synced"))
    assert weights["refus"] == GENERIC_WORDS_WEIGHT and weights["sync"] == 1.0
    query = "DeleteUser refused, the user is still being synced to a member account"
    assert codes(cat, query, 1) == ["FailedOperation.UserProvisioningExists"]
