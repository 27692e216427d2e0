"""Code normalisation, exact lookup, parent fallback, did-you-mean, filters, user catalogues."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tco_errcli import catalog as catalog_module
from tco_errcli.catalog import Catalog, code_key
from tco_errcli.errors import TcoErrError
from tco_errcli.model import MatchKind


@pytest.mark.parametrize(
    "query",
    [
        "FailedOperation.NodeNotEmpty",
        "failedoperation.nodenotempty",
        "FAILEDOPERATION_NODENOTEMPTY",
        "  'FailedOperation.NodeNotEmpty'\n",
        "`FailedOperation.NodeNotEmpty`",
    ],
)
def test_lookup_accepts_any_case_quotes_and_the_sdk_constant_form(cat: Catalog, query: str) -> None:
    result = cat.lookup(query)
    assert result.entry is not None and result.entry.code == "FailedOperation.NodeNotEmpty"
    assert result.match is MatchKind.EXACT


def test_code_keys_are_unique(cat: Catalog) -> None:
    keys = [code_key(e.code) for e in cat.entries]
    assert len(keys) == len(set(keys)) == 363


def test_unknown_subcode_with_known_parent_returns_the_parent(cat: Catalog) -> None:
    result = cat.lookup("ResourceNotFound.Whatever")
    assert result.entry is not None and result.entry.code == "ResourceNotFound"
    assert result.match is MatchKind.PARENT


def test_unknown_code_suggests_close_codes(cat: Catalog) -> None:
    result = cat.lookup("NodeNotEmty")
    assert result.entry is None
    assert result.suggestions[0] == "FailedOperation.NodeNotEmpty"
    assert cat.lookup("zzzz").suggestions == ()


def test_typo_in_a_subcode_suggests_the_code_instead_of_showing_the_parent(cat: Catalog) -> None:
    # the parent's generic advice with exit 0 would tell a script the lookup worked
    for typo, meant in (
        ("FailedOperation.NodeNotEmty", "FailedOperation.NodeNotEmpty"),
        ("FailedOperation.NodeNotEmtpy", "FailedOperation.NodeNotEmpty"),
        ("ResourceNotFound.OrganizationNotExists", "ResourceNotFound.OrganizationNotExist"),
    ):
        result = cat.lookup(typo)
        assert result.entry is None and result.match is None
        assert result.suggestions[0] == meant
    # a code that is not a slip of a known one still gets its category's advice
    assert cat.lookup("FailedOperation.BrandNewThing").match is MatchKind.PARENT


def test_codes_pasted_in_brackets_are_found(cat: Catalog) -> None:
    for pasted in ("[FailedOperation.NodeNotEmpty]", "FailedOperation.NodeNotEmpty)", "(FailedOperation.NodeNotEmpty)"):
        result = cat.lookup(pasted)
        assert result.entry is not None and result.entry.code == "FailedOperation.NodeNotEmpty"


def test_filters(cat: Catalog) -> None:
    auth = cat.filter(category="authfailure")
    assert {e.code for e in auth} == {e.code for e in cat.entries if e.code.startswith("AuthFailure")}
    assert len(auth) == 8
    assert len(cat.filter(api_version="2018-12-25")) == 62
    assert len(cat.filter(api_version="2021-03-31")) == 356
    node_codes = {e.code for e in cat.filter(action="AddOrganizationNode", api_version="2018-12-25")}
    assert node_codes == {
        "LimitExceeded.NodeDepthExceedLimit",
        "LimitExceeded.NodeExceedLimit",
        "ResourceInUse.NodeName",
        "ResourceNotFound.NodeNotExist",
        "ResourceNotFound.OrganizationNotExist",
    }
    assert len(cat.filter(kind="common")) == 38
    assert len(cat.filter(kind="service")) == 325


def test_filter_takes_actions_in_any_case_and_rejects_unknown_ones(cat: Catalog) -> None:
    assert cat.filter(action="addorganizationnode") == cat.filter(action="AddOrganizationNode")
    with pytest.raises(TcoErrError, match="did you mean: AddOrganizationNode"):
        cat.filter(action="AddOrganizationNod")
    with pytest.raises(TcoErrError, match="unknown API version"):
        cat.filter(api_version="2020-01-01")


def test_user_catalogue_adds_and_overrides_codes(tmp_path: Path) -> None:
    custom = tmp_path / "team.json"
    custom.write_text(
        json.dumps(
            {
                "entries": [
                    {
                        "code": "FailedOperation.TeamSpecific",
                        "description": {"en": "Our wrapper refused the call."},
                        "hint": {"en": "Ask #cloud-platform to raise the team quota."},
                    },
                    {
                        "code": "InternalError",
                        "description": {"en": "Internal error."},
                        "hint": {"en": "Page the on-call SRE with the RequestId before retrying."},
                    },
                ]
            }
        ),
        encoding="utf-8",
    )
    merged = catalog_module.load(custom)
    team = merged.get("FailedOperation.TeamSpecific")
    assert team is not None and team.hint.zh == "Ask #cloud-platform to raise the team quota."
    internal = merged.get("InternalError")
    assert internal is not None and internal.hint.en.startswith("Page the on-call")
    assert internal.versions == ("2018-12-25", "2021-03-31")  # fields not given keep the built-in value
    assert len(merged.entries) == 364


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"entries": [{"code": "X.Y", "description": {"en": "d"}}]}', "at entries/0: 'hint' is a required property"),
        ('{"entries": [{"code": "bad code", "description": {"en": "d"}, "hint": {"en": "h"}}]}', "at entries/0/code"),
        ("[1, 2", "is not valid JSON"),
        ('{"entries": {}}', "at entries: {} is not of type 'array'"),
    ],
)
def test_malformed_user_catalogue_is_rejected_with_its_location(tmp_path: Path, content: str, message: str) -> None:
    custom = tmp_path / "bad.json"
    custom.write_text(content, encoding="utf-8")
    with pytest.raises(TcoErrError, match=message.replace("[", r"\[").replace("{", r"\{").replace("}", r"\}")):
        catalog_module.load(custom)


def test_missing_user_catalogue_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TcoErrError, match="does not exist"):
        catalog_module.load(tmp_path / "nope.json")
    with pytest.raises(TcoErrError, match="is a directory"):
        catalog_module.load(tmp_path)


def test_extract_knows_every_catalogue_category(cat: Catalog) -> None:
    from tco_errcli.catalog.codes import CATEGORIES

    assert {e.category for e in cat.entries} <= CATEGORIES  # explain and scan trust only these prefixes
