"""Search ranking: the words users type, in English and Chinese, with typos, codes and pasted messages."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tco_errcli.catalog import Catalog, load
from tco_errcli.search import bm25, ranking
from tco_errcli.search.query import FUSED_WEIGHT, query_terms
from tco_errcli.search.ranking import search
from tco_errcli.search.tokens import code_terms, split_fused, stem, terms
from tests.eval.evaluate import SETS, groups, misses, rates, report, rows


def codes(cat: Catalog, query: str, limit: int = 10) -> list[str]:
    return [h.entry.code for h in search(cat, query, limit)]


def is_department_code(code: str) -> bool:
    return "Node" in code


@pytest.mark.parametrize("query", ["department", "departmnet", "部门", "organizational unit"])
def test_department_queries_list_node_codes_first(cat: Catalog, query: str) -> None:
    found = codes(cat, query)
    assert len(found) == 10
    assert all(is_department_code(c) for c in found[:8]), found


@pytest.mark.parametrize(
    "query", ["clock skew", "clok skew", "时钟", "时钟不同步", "NTP", "SignatureExpire", "signature expired", "SignatureExpried"]
)
def test_clock_skew_finds_signature_expire_first(cat: Catalog, query: str) -> None:
    assert codes(cat, query)[0] == "AuthFailure.SignatureExpire"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("wrong signature calculation", "AuthFailure.SignatureFailure"),
        ("The SecretId is not found, please ensure that your SecretId is correct.", "AuthFailure.SecretIdNotFound"),
        ("请求签名验证失败，请检查您的签名计算是否正确。", "AuthFailure.SignatureFailure"),
        ("region not supported", "UnsupportedRegion"),
        ("department nested too deep", "LimitExceeded.NodeDepthExceedLimit"),
        ("cannot leave the organization I created", "FailedOperation.DisableQuitSelfCreatedOrganization"),
        ("policy document too long", "InvalidParameter.PolicyDocumentLengthOverLimit"),
        ("code:FailedOperation.NodeNotEmpty message:There are members in this department", "FailedOperation.NodeNotEmpty"),
        ("FAILEDOPERATION_NODENOTEMPTY", "FailedOperation.NodeNotEmpty"),
    ],
)
def test_issue_examples_find_their_code_first(cat: Catalog, query: str, expected: str) -> None:
    assert codes(cat, query)[0] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("no permission cam policy", {"AuthFailure.UnauthorizedOperation", "UnauthorizedOperation"}),
        ("throttling", {"RequestLimitExceeded"}),
        ("限频", {"RequestLimitExceeded"}),
        ("shared unit", {"FailedOperation.ShareUnitNotEmpty"}),
        ("共享单元", {"FailedOperation.ShareUnitNotExist"}),
        ("实名认证", {"FailedOperation.AuthInfoEmpty"}),
        ("scim", {"LimitExceeded.ScimCredentialLimitExceeded"}),
    ],
)
def test_topic_queries_find_their_codes_near_the_top(cat: Catalog, query: str, expected: set[str]) -> None:
    assert expected & set(codes(cat, query, 10))


def test_only_an_exact_code_name_shows_100(cat: Catalog) -> None:
    for query, code in [("InternalError", "InternalError"), ("NodeNotEmpty", "FailedOperation.NodeNotEmpty")]:
        hits = search(cat, query)
        assert (hits[0].entry.code, hits[0].score, hits[0].matched) == (code, 100.0, "code")
        assert all(h.score < 100 for h in hits[1:])
    assert all(h.score < 100 for h in search(cat, "department nested too deep"))


def test_matched_names_the_field_that_contributed_most(cat: Catalog) -> None:
    assert search(cat, "部门下还有成员")[0].matched == "phrases"
    assert search(cat, "NodeDepthExceedLimit")[0].matched == "code"
    assert search(cat, "Timestamp and server time cannot differ by more than five minutes")[0].matched == "description"


def test_scores_are_descending_limited_and_ties_deterministic(cat: Catalog) -> None:
    hits = search(cat, "policy", 25)
    assert len(hits) == 25
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert all(0 < h.score <= 100 for h in hits)
    assert codes(cat, "policy", 25) == [h.entry.code for h in hits]


def test_a_long_paste_is_cut_to_the_caps_and_still_answers(cat: Catalog) -> None:
    message = "code:AuthFailure.SignatureExpire message:Signature expired. " * 20
    paste = message + "lorem ipsum dolor sit amet consectetur " * 300
    assert len(paste) > 10_000
    assert codes(cat, paste)[0] == "AuthFailure.SignatureExpire"
    assert codes(cat, paste) == codes(cat, paste[: ranking.MAX_QUERY_CHARS])


def test_nothing_for_noise(cat: Catalog) -> None:
    assert search(cat, "qqqqzzzz") == []
    assert search(cat, "   ") == []
    assert search(cat, "!!!") == []
    assert search(cat, "department", 0) == []


def test_index_and_query_split_words_with_the_same_tokeniser(cat: Catalog) -> None:
    index = ranking.index_of(cat)
    for code in cat.codes():
        for term in code_terms(code):
            assert index.idf(term) is not None, (code, term)
    name = ["fail", "operation", "fail+operation", "node", "not", "empty", "node+not", "not+empty"]
    assert terms("FailedOperation.NodeNotEmpty") == name
    assert terms("部门下") == ["部门", "门下"] and terms("部") == ["部"]
    assert terms("can't leave the organization") == ["cannot", "leav", "organization", "cannot+leav", "leav+organization"]
    stems = [stem(w) for w in ("policies", "expired", "expires", "expiring", "members")]
    assert stems == ["policy", "expir", "expir", "expir", "member"]
    # one word for one thing: users say admin where Tencent writes administrator, OU for node
    assert terms("delegated admin") == terms("delegated administrator") and terms("OUs") == ["node"]


def test_a_paste_s_envelope_and_ids_are_not_words(cat: Catalog) -> None:
    paste = (
        "Error: [TencentCloudSDKError] Code=ResourceBusy, Message=656e6c70-be4a-4657-aed1-95964abc0b7b,ins-ruv3rbzm "
        "is busy, please retry later (0afe54a64aa6), RequestId=a7e786f4-5c73-47e6-8d37-0afe54a64aa6"
    )
    assert terms(paste)[:3] == ["resourc", "busy", "resourc+busy"]
    assert "5c73" not in terms(paste) and "100005419791" not in terms("uin 100005419791")
    assert codes(cat, paste)[0] == "ResourceInUse"
    assert codes(cat, "verification code error")[0] == "InvalidParameter.CodeError"  # "code" is a word here


def test_builtin_index_opens_without_parsing_every_term(cat: Catalog) -> None:
    data = ranking.INDEX_FILE.read_bytes()
    head = json.loads(data.partition(b"\n")[0])
    assert head["entries"] == len(cat) and head["format"] == bm25.FORMAT
    index = bm25.Index(data)
    found = index.postings("skew")
    assert found is not None and [cat.entry_at(i).code for i in found.entries] == ["AuthFailure.SignatureExpire"]
    assert index.postings("nosuchterm") is None


def _overlay(tmp_path: Path, description: str) -> Path:
    custom = tmp_path / "team.json"
    entry = {"code": "FailedOperation.TeamSpecific", "description": {"en": description}, "hint": {"en": "Ask the platform team."}}
    custom.write_text(json.dumps({"entries": [entry]}), encoding="utf-8")
    return custom


def test_overlay_entries_are_searchable_and_their_index_cached_by_content(tmp_path: Path) -> None:
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "tco-err"
    before = set(cache.glob("index-*.txt")) if cache.exists() else set()
    merged = load(_overlay(tmp_path, "Our wrapper refused the call: quota of widgets exhausted."))
    assert codes(merged, "widgets exhausted")[0] == "FailedOperation.TeamSpecific"
    assert codes(merged, "clock skew")[0] == "AuthFailure.SignatureExpire"
    first = set(cache.glob("index-*.txt")) - before
    assert len(first) == 1
    ranking._opened.clear()  # a new process: the index comes from the disk cache, same answers
    assert codes(load(_overlay(tmp_path, "Our wrapper refused the call: quota of widgets exhausted.")), "widgets")[0] == (
        "FailedOperation.TeamSpecific"
    )
    assert set(cache.glob("index-*.txt")) - before == first
    other = load(_overlay(tmp_path, "Gadget budget exhausted."))
    assert codes(other, "gadget budget")[0] == "FailedOperation.TeamSpecific"
    assert len(set(cache.glob("index-*.txt")) - before) == 2


def test_a_damaged_cached_overlay_index_is_rebuilt(tmp_path: Path) -> None:
    custom = _overlay(tmp_path, "Sprocket allowance used up.")
    load(custom)  # nothing cached until a search
    assert codes(load(custom), "sprocket")[0] == "FailedOperation.TeamSpecific"
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "tco-err"
    for path in cache.glob("index-*.txt"):
        path.write_bytes(path.read_bytes()[:5000])  # cut short, as a full disk would leave it
    ranking._opened.clear()
    assert codes(load(custom), "sprocket")[0] == "FailedOperation.TeamSpecific"


@pytest.mark.parametrize("query", ["CreatePolicy fails with an error", "tccli organization CreatePolicy"])
def test_an_action_named_weighs_the_codes_it_returns_not_the_code_of_its_name(
    cat: Catalog, reference_actions: dict[str, dict[str, Any]], query: str
) -> None:
    returned = set(reference_actions["v20210331"]["CreatePolicy"]["errors"])
    assert "FailedOperation.CreatePolicy" not in returned  # the code of the action's name is not one it returns
    found = codes(cat, query, 5)
    assert set(found) <= returned, found
    hits = search(cat, "FailedOperation.CreatePolicy", 1)  # the code typed in full is still that code
    assert (hits[0].entry.code, hits[0].score, hits[0].matched) == ("FailedOperation.CreatePolicy", 100.0, "code")


def test_a_common_code_counts_as_returned_by_any_action(cat: Catalog) -> None:
    found = codes(cat, "sub-user denied organization:CreateOrganizationMember, no permission", 2)
    assert set(found) == {"AuthFailure.UnauthorizedOperation", "UnauthorizedOperation"}


def test_fused_words_are_split_into_the_index_s_words(cat: Catalog) -> None:
    known = ranking.index_of(cat).words().__contains__
    assert split_fused("membername", known) == ["member", "name"]
    assert split_fused("nodeid", known) == ["node", "id"]
    assert split_fused("samlidentityprovider", known) == ["saml", "identity", "provider"]
    assert split_fused("qqqqzzzz", known) is None
    member_name = ["FailedOperation.MemberNameUsed", "FailedOperation.OrganizationMemberNameUsed"]
    assert codes(cat, "membername already used", 2) == member_name
    assert codes(cat, "samlidentityprovider not found", 1) == ["ResourceNotFound.SAMLIdentityProviderNotFound"]


def test_two_words_the_index_writes_as_one_are_joined(cat: Catalog) -> None:
    assert codes(cat, "user name already taken", 1) == ["InvalidParameter.UsernameAlreadyExists"]
    assert ("usernam", FUSED_WEIGHT) in query_terms(ranking.index_of(cat), "user name already taken")
    assert "email" in dict(query_terms(ranking.index_of(cat), "the e mail is invalid"))


def test_one_rare_deciding_word_outweighs_words_many_codes_share(cat: Catalog) -> None:
    # "user" and "created" are in dozens of codes; "manually" in four, and it decides
    manual = ["FailedOperation.ManualUserNotDelete", "FailedOperation.ManualUserNotUpdate"]
    assert codes(cat, "user was created manually", 2) == manual


def test_a_clear_first_stands_apart_and_scores_do_not_saturate(cat: Catalog) -> None:
    first, second = search(cat, "department nested too deep", 2)
    assert first.entry.code == "LimitExceeded.NodeDepthExceedLimit" and first.score - second.score >= 50
    ties = total = 0
    for name in ("own", "fresh", "unseen"):
        for group in groups(name):
            if group == "held-out":
                continue
            for row in rows(name, group):
                hits = search(cat, row["query"], 2)
                if len(hits) == 2:
                    total += 1
                    ties += f"{hits[0].score:.0f}" == f"{hits[1].score:.0f}"
    assert total >= 400 and ties / total <= 0.05, (ties, total)


def test_equal_evidence_is_ordered_by_evidence_then_name_never_by_catalogue_order(tmp_path: Path) -> None:
    def entry(code: str) -> dict[str, Any]:
        return {"code": code, "description": {"en": "The zorblax quota is gone."}, "hint": {"en": "Ask."}}

    found = []
    for order in (["FailedOperation.ZorbB", "FailedOperation.ZorbA"], ["FailedOperation.ZorbA", "FailedOperation.ZorbB"]):
        custom = tmp_path / f"{order[0]}.json"
        custom.write_text(json.dumps({"entries": [entry(code) for code in order]}), encoding="utf-8")
        found.append(codes(load(custom), "zorblax", 2))
    assert found[0] == found[1] == ["FailedOperation.ZorbA", "FailedOperation.ZorbB"]


# Floors: the figures when issue 23's search work closed, less 0.02. The unseen set's held-out half was
# measured, never read: a change that lowers it is a change that does not generalise.
FLOORS = {
    ("own", "tuning"): (0.96, 0.98),
    ("own", "held-out"): (0.96, 0.98),
    ("fresh", "1"): (0.88, 0.94),
    ("fresh", "2"): (0.84, 0.96),
    ("fresh", "3"): (0.90, 0.96),
    ("blind", "held-out"): (0.61, 0.81),  # measured once when added (0.631 / 0.831): issue 23's target is 0.90
    ("unseen", "tuning"): (0.90, 0.95),
    ("unseen", "held-out"): (0.90, 0.96),
    ("blind2", "tuning"): (0.80, 0.92),  # measured once when added, untuned (0.827 / 0.947)
    ("blind2", "held-out"): (0.83, 0.95),  # measured once when added (0.853 / 0.973)
    ("blind3", "tuning"): (0.88, 0.95),  # measured once when added, untuned (0.910 / 0.970)
    ("blind3", "held-out"): (0.85, 0.96),  # measured once when added (0.870 / 0.980)
}


def test_every_set_and_half_has_a_floor() -> None:
    assert set(FLOORS) == {(name, group) for name in SETS for group in groups(name)}


@pytest.mark.parametrize(("name", "group"), sorted(FLOORS))
def test_search_quality_stays_above_its_floor(cat: Catalog, name: str, group: str) -> None:
    found = rates(cat, group, name)
    top1, top3 = FLOORS[name, group]
    assert found.queries >= 50
    assert found.top1 >= top1 and found.top3 >= top3, found


def test_a_held_out_half_is_measured_never_listed(cat: Catalog) -> None:
    with pytest.raises(ValueError, match="held out"):
        misses(cat, "unseen", "held-out")
    lines = report(cat, kinds=True, final=False)
    assert any(line.startswith("unseen half held-out") for line in lines)
    held_out = lines.index(next(line for line in lines if line.startswith("unseen half held-out")))
    after = lines[held_out + 1 : held_out + 2]
    assert not after or not after[0].startswith(" ")  # no rates per kind after it without --final


def test_unseen_set_is_well_formed(cat: Catalog) -> None:
    rows_ = rows("unseen")
    assert len(rows_) >= 300 and {r["half"] for r in rows_} == {"tuning", "held-out"}
    assert abs(len(rows("unseen", "tuning")) - len(rows("unseen", "held-out"))) <= 1
    known = set(cat.codes())
    assert all(r["expected"] and set(r["expected"]) <= known for r in rows_)
    kinds = {"how", "why", "task", "symptom", "zh-colloquial", "zh", "short", "typo", "message", "other-layer"}
    assert {r["kind"] for r in rows_} == kinds


def test_evaluation_set_is_well_formed(cat: Catalog) -> None:
    rows = json.loads(Path("tests/eval/search-queries.json").read_text(encoding="utf-8"))["queries"]
    assert len(rows) >= 150
    assert {r["kind"] for r in rows} == {"symptom", "paraphrase", "zh", "typo", "constant", "message"}
    known = set(cat.codes())
    assert all(set(r["expected"]) <= known for r in rows)
    assert {c.split(".")[0] for r in rows for c in r["expected"]} == {c.split(".")[0] for c in known}
    assert len({r["query"] for r in rows}) == len(rows)


def test_whole_classes_of_codes_carry_the_words_users_say(raw_catalog: dict[str, Any]) -> None:
    phrases = {e["code"]: e.get("phrases", {"en": [], "zh": []}) for e in raw_catalog["entries"]}
    for code, said in phrases.items():
        detail = code.partition(".")[2]
        if code.startswith("LimitExceeded") and "PhoneNumBound" not in code:
            assert "too many" in said["en"] and "上限" in said["zh"], code
        if detail.endswith("NotExist") or code.startswith("ResourceNotFound"):
            assert "does not exist" in said["en"] and "找不到" in said["zh"], code
        if detail.endswith("NotSame"):
            assert "mismatch" in said["en"] and "不一致" in said["zh"], code
        if detail.endswith("NotEmpty"):
            assert "still has" in said["en"] and "还有" in said["zh"], code
        if "Quit" in detail and detail != "AllowQuitIllegal":
            assert "leave" in said["en"] and "退出" in said["zh"], code
    for code in ("AuthFailure.SecretIdNotFound", "AuthFailure.InvalidSecretId"):
        assert {"access key", "credential"} <= set(phrases[code]["en"]) and "密钥" in phrases[code]["zh"]


def test_a_code_that_names_none_of_the_query_s_things_weighs_less(cat: Catalog) -> None:
    index = ranking.index_of(cat)
    names = cat.codes()

    def things(query: str) -> set[str] | None:
        found = ranking._things(index, query, query_terms(index, query))
        return None if found is None else {names[i] for i in found}

    assert things("not allowed") is None  # no thing named: nothing to miss
    policy = things("policy cannot be deleted")
    assert policy is not None
    assert "FailedOperation.OrganizationPolicyInUsed" in policy and "InternalError" in policy  # a common code: any thing
    assert "FailedOperation.NodeNotEmpty" not in policy
    # the thing of a clause saying what the user was doing is where, not what went wrong
    assert things("password illegal when binding member email") is None
    invited = codes(cat, "the account I invited is in someone else's organization", 3)
    assert "FailedOperation.MemberExistInOtherOrganization" in invited


def test_near_duplicate_codes_are_told_apart_by_their_deciding_words(cat: Catalog) -> None:
    from tco_errcli.search.deciding import _extra

    concepts = ranking.index_of(cat).concepts()

    def extra(one: str, other: str) -> tuple[set[str], set[str]] | None:
        found = _extra(one, other, concepts)
        return None if found is None else (set(found[0]), set(found[1]))

    # names read as ideas, as a query is: what each says that the other does not
    assert extra("FailedOperation.IdentityCenterNotOpen", "FailedOperation.IdentityCenterOrganizationNotOpen") == (
        set(),
        {"~organization"},
    )
    assert extra("RequestLimitExceeded.UinLimitExceeded", "RequestLimitExceeded.GlobalRegionUinLimitExceeded") == (
        set(),
        {"global", "region"},
    )
    assert extra("ResourceNotFound.MemberPolicyNotExist", "ResourceNotFound.MemberIdentityNotExist") == (
        {"~policy"},
        {"identity"},
    )
    # 'Is' is the deciding word of the first, though search drops it as a stop word
    assert (
        extra("FailedOperation.MemberIsDelegatePayerNotAllowDelete", "FailedOperation.MemberExistDelegatePayerNotAllowDelete")
        is None
    )
    assert extra("FailedOperation.QuitShareUint", "FailedOperation.QuitShareUintError") is None  # 'Error' decides nothing
    assert extra("ResourceInUse.NodeName", "FailedOperation.OrganizationNodeName") is None  # another category
    assert extra("FailedOperation.ShareUnitNotEmpty", "FailedOperation.ShareNodeExisted") is None  # nothing in common
    # the longer name first only when the query says its extra word; the shorter one when it says none; of two
    # that differ both ways, the one whose words the query says
    assert codes(cat, "identity center cannot be opened because the organization is not enabled", 1) == [
        "FailedOperation.IdentityCenterOrganizationNotOpen"
    ]
    assert codes(cat, "identity center is not open", 1) == ["FailedOperation.IdentityCenterNotOpen"]
    # CreateMemberNotAllowDelete's texts share more words with it, but its name says Delete, which it does not
    made = "the member was created by the organization and cannot create an organization"
    assert codes(cat, made, 1) == ["UnsupportedOperation.CreateMemberNotAllowCreateOrganization"]
    # GroupUserCountOverUpperLimit's extra ideas are User and Count: a query that says only Count of them is
    # about GroupOverUpperLimit
    assert codes(cat, "cannot create more user groups in identity center, count at limit", 1) == [
        "FailedOperation.GroupOverUpperLimit"
    ]
    assert codes(cat, "身份中心里用户组太多了", 1) == ["FailedOperation.GroupOverUpperLimit"]
    found = codes(cat, "同一个主账号调用太频繁")  # says neither 全局 nor 地域
    assert found.index("RequestLimitExceeded.UinLimitExceeded") < found.index("RequestLimitExceeded.GlobalRegionUinLimitExceeded")


def test_a_quoted_message_says_its_code_stop_words_and_all(cat: Catalog) -> None:
    # the two messages differ by 'has' and 'is', which search drops as stop words: the quote decides
    pasted = "TencentCloudSDKException: The member has a payer and cannot be deleted. requestId: 1f2e"
    assert codes(cat, pasted, 1) == ["FailedOperation.MemberExistDelegatePayerNotAllowDelete"]
    assert codes(cat, "报错：成员是代付者，不允许删除。", 1) == ["FailedOperation.MemberIsDelegatePayerNotAllowDelete"]
    # a message within a Chinese sentence, without punctuation around it
    assert codes(cat, "提示成员存在代付者不允许删除", 1) == ["FailedOperation.MemberExistDelegatePayerNotAllowDelete"]
