"""The facts audit of issue #23 stays applied: each corrected hint, description and retry class is what its
source says (tests/data/facts-audit.json holds the 86 proposals with their reasons and sources)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tco_errcli.catalog import load

AUDIT = json.loads((Path(__file__).parent / "data" / "facts-audit.json").read_text(encoding="utf-8"))["proposals"]


def text_of(entry: Any, field: str, lang: str) -> str:
    if field == "zh":
        return str(entry.description.zh)
    value = getattr(entry, field)
    return str(value.en if lang == "en" else value.zh) if value is not None else ""


@pytest.mark.parametrize("p", AUDIT, ids=[f"{p['code']}.{p['field']}" for p in AUDIT])
def test_the_corrected_fact_is_in_the_catalogue(p: dict[str, Any]) -> None:
    entry = load().get(p["code"])
    assert entry is not None, p["code"]
    if p["field"] == "retry":
        assert entry.retry_strategy == p["proposed"], p["why"]
        return
    for lang in ("en", "zh"):
        proposed, current = p.get(f"proposed_{lang}"), p.get(f"current_{lang}")
        if proposed:
            assert text_of(entry, p["field"], lang) == proposed, p["why"]
        if current and current != proposed:
            assert text_of(entry, p["field"], lang) != current, p["why"]


# Hints that fitted only some of the actions returning their code (#23): each now says what applies to every one,
# in both languages (scripts/check_hints.py check_actions holds the whole catalogue to it).
COVERED = [
    "FailedOperation.AuthInfoNotSame",
    "FailedOperation.CreateRole",
    "FailedOperation.EmailAlreadyUsed",
    "FailedOperation.ShareResourceNotExist",
    "FailedOperation.X509CertificateLimitExceeded",
    "FailedOperation.MemberNameUsed",
    "InvalidParameter.EmailAlreadyExists",
    "InvalidParameter.OrganizationMemberNotExist",
    "InvalidParameter.UsernameAlreadyExists",
    "InvalidParameter.UsernameFormatError",
    "ResourceNotFound.OrganizationAuthRelationNotExist",
    "ResourceNotFound.OrganizationServiceNotExist",
    "ResourceNotFound.PolicyIdNotFound",
    "ResourceNotFound.PolicyNotExist",
    "ResourceNotFound.ServiceRoleNotExist",
    "ResourceNotFound.UserNotExist",
    "UnsupportedOperation.MemberAccountExistCICRoleConfig",
    "UnsupportedOperation.MemberAccountExistCICUserConfig",
    "UnsupportedOperation.MemberNotAllowQuit",
]


@pytest.mark.parametrize("code", COVERED)
def test_the_hint_says_what_applies_to_every_action_that_returns_the_code(code: str) -> None:
    entry = load().get(code)
    assert entry is not None
    for action in {a for acts in entry.actions.values() for a in acts}:
        assert action in entry.hint.en and action in entry.hint.zh, (code, action)


def test_task_ids_come_from_the_actions_that_return_tasks() -> None:
    # UpdateUserSyncProvisioning returns nothing (organization-api.json response []): 'created or changed' was wrong
    sync = load().get("ResourceNotFound.UserProvisioningTaskNotFound")
    assert sync is not None and "changed" not in sync.hint.en and "修改" not in sync.hint.zh
    for action in ("CreateUserSyncProvisioning", "DeleteUserSyncProvisioning", "GetProvisioningTaskStatus"):
        assert action in sync.hint.en and action in sync.hint.zh
    role = load().get("ResourceNotFound.RoleConfigurationTaskNotFound")
    assert role is not None and "usually" not in role.hint.en and "GetProvisioningTaskStatus" in role.hint.en


@pytest.mark.parametrize("code", ["FailedOperation.CreateRole", "OperationDenied", "ResourceNotFound.ServiceRoleNotExist"])
def test_a_cause_guessed_from_the_code_name_is_not_presented_as_the_usual_one(code: str) -> None:
    entry = load().get(code)
    assert entry is not None
    assert "usually" not in entry.hint.en.lower() and "通常" not in entry.hint.zh
    assert ("likely" in entry.hint.en.lower() or "possible" in entry.hint.en.lower()) and "推测" in entry.hint.zh


def test_causes_are_shown_as_possible_and_a_documented_one_names_its_source() -> None:
    import io

    from tco_errcli.model import Lang
    from tco_errcli.render.terminal import TerminalRenderer

    result = load().lookup("FailedOperation.OrganizationNotEmpty")
    for lang, label, marker in ((Lang.EN, "Possible causes", "(documented: "), (Lang.ZH, "可能的原因", "（文档：")):
        out = io.StringIO()
        TerminalRenderer(out, lang, no_color=True, width=200).lookup(result)
        text = out.getvalue()
        assert label in text and "Usual causes" not in text and "常见原因" not in text, lang
        assert marker in text and "CreateMemberNotAllowDelete" in text, lang
    entry = result.entry
    assert entry is not None and not any("often" in c for c in entry.causes_en)


@pytest.mark.parametrize(
    ("code", "action"),
    [
        ("FailedOperation.UserProvisioningOverLimit", "CreateUserSyncProvisioning"),
        ("FailedOperation.RoleConfigurationAuthorizationOverLimit", "CreateRoleAssignment"),
    ],
)
def test_advice_to_use_a_group_says_how_the_action_takes_it(code: str, action: str) -> None:
    # organization-api.json: the PrincipalId field of both actions, 'When the PrincipalType value is Group, it is the
    # CIC user group ID (g-********)'
    entry = load().get(code)
    assert entry is not None
    for text in (entry.hint.en, entry.hint.zh):
        assert action in text and "PrincipalType" in text and "PrincipalId" in text and "Group" in text
