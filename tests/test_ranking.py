"""Search ranking: the words users type, in English and Chinese, with typos."""

from __future__ import annotations

import pytest

from tco_errcli.catalog import Catalog
from tco_errcli.ranking import search


def codes(cat: Catalog, query: str, limit: int = 10) -> list[str]:
    return [h.entry.code for h in search(cat, query, limit)]


def is_department_code(code: str) -> bool:
    return "Node" in code


@pytest.mark.parametrize("query", ["department", "departmnet", "部门", "organizational unit"])
def test_department_queries_list_node_codes_first(cat: Catalog, query: str) -> None:
    found = codes(cat, query)
    assert len(found) == 10
    assert all(is_department_code(c) for c in found[:8]), found


@pytest.mark.parametrize("query", ["clock skew", "clok skew", "时钟", "NTP", "SignatureExpire", "signature expired"])
def test_clock_skew_finds_signature_expire_first(cat: Catalog, query: str) -> None:
    assert codes(cat, query)[0] == "AuthFailure.SignatureExpire"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("throttling", "RequestLimitExceeded"),
        ("限频", "RequestLimitExceeded"),
        ("shared unit", "FailedOperation.ShareUnitNotEmpty"),
        ("共享单元", "FailedOperation.ShareUnitNotExist"),
        ("实名认证", "FailedOperation.AuthInfoEmpty"),
        ("scim", "LimitExceeded.ScimCredentialLimitExceeded"),
        ("FAILEDOPERATION_NODENOTEMPTY", "FailedOperation.NodeNotEmpty"),
        ("NodeNotEmpty", "FailedOperation.NodeNotEmpty"),
    ],
)
def test_topic_queries_find_their_codes_near_the_top(cat: Catalog, query: str, expected: str) -> None:
    assert expected in codes(cat, query, 10)


def test_exact_code_name_ranks_first(cat: Catalog) -> None:
    assert codes(cat, "InternalError")[0] == "InternalError"
    assert codes(cat, "NodeNotEmpty")[0] == "FailedOperation.NodeNotEmpty"


def test_scores_are_descending_and_limited(cat: Catalog) -> None:
    hits = search(cat, "policy", 25)
    assert len(hits) == 25
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_nothing_for_noise(cat: Catalog) -> None:
    assert search(cat, "qqqqzzzz") == []
    assert search(cat, "   ") == []
    assert search(cat, "!!!") == []
