"""lookup's "parameters" section: the documented rule of the parameters a code is about, from the API reference."""

from __future__ import annotations

import json
import tomllib
from typing import Any

from .conftest import ROOT, Run


def test_lookup_quotes_the_documented_rule_of_the_parameter(run: Run) -> None:
    result = run("lookup", "InvalidParameter.ConfigurationNameFormatError")
    assert result.exit_code == 0
    assert (
        "parameter: RoleConfigurationName (string, required) CreateRoleConfiguration: Permission configuration name, "
        "which contains up to 128 characters, including English letters, digits, and hyphens (-).\n"
    ) in result.stdout


def test_lookup_in_chinese_quotes_the_chinese_rule(run: Run) -> None:
    result = run("lookup", "LimitExceeded.ShareUnitResourceOverLimit", "--lang", "zh")
    line = "参数: Resources (list of ShareResource, 必填) DeleteShareUnitResources: 共享资源列表。最大10个。\n"
    assert line in result.stdout


def test_lookup_json_lists_parameters_per_action(run: Run) -> None:
    data = json.loads(run("lookup", "InvalidParameter.PolicyDocumentEmpty", "--json").stdout)
    rows = {(p["action"], p["name"]) for p in data["parameters"]}
    assert rows == {
        ("AddPermissionPolicyToRoleConfiguration", "CustomPolicyDocument"),
        ("AddPermissionPolicyToRoleConfiguration", "CustomPolicyDocuments"),
        ("UpdateCustomPolicyForRoleConfiguration", "NewCustomPolicyDocument"),
    }
    first = data["parameters"][0]
    assert set(first) == {"action", "version", "name", "type", "required", "rule"}
    assert first["version"] == "2021-03-31" and first["required"] is False and "4096" in first["rule"]


def test_a_code_about_no_parameter_has_no_section(run: Run) -> None:
    assert "parameter:" not in run("lookup", "AuthFailure.SignatureExpire").stdout
    assert json.loads(run("lookup", "AuthFailure.SignatureExpire", "--json").stdout)["parameters"] == []


def test_every_chosen_parameter_is_in_the_catalogue_with_the_reference_doc(raw_catalog: dict[str, Any]) -> None:
    chosen = tomllib.loads((ROOT / "data" / "parameters.toml").read_text(encoding="utf-8"))
    api = json.loads((ROOT / "data" / "reference" / "organization-api.json").read_text(encoding="utf-8"))["versions"]
    by_code = {e["code"]: e for e in raw_catalog["entries"]}
    for code, names in chosen.items():
        rows = by_code[code]["parameters"]
        assert {r["name"] for r in rows} == set(names), code
        for r in rows:
            top = next(p for p in api[r["version"]][r["action"]]["request"] if p["name"] == r["name"].split(".")[0])
            assert r["action"] in by_code[code]["actions"][r["version"]]
            if "." not in r["name"]:
                assert r["type"] == top["type"] and r["required"] == top["required"]


def test_descriptions_are_the_official_wording_where_there_is_one(
    raw_catalog: dict[str, Any], reference_codes: list[dict[str, Any]]
) -> None:
    by_code = {e["code"]: e for e in raw_catalog["entries"]}
    for ref in reference_codes:
        entry = by_code[ref["code"]]
        official = ref["en_seed"] or ref["en_sdk"]
        if official:
            assert entry["description"]["en"] == official, ref["code"]
            assert entry["description_source"] == ("seed" if ref["en_seed"] else "sdk")
        else:
            assert entry["description_source"] == "authored", ref["code"]
    assert by_code["LimitExceeded.AddUserToGroupLimitExceeded"]["description"]["en"] == (
        "Requests for adding users to the user group exceed the limit."
    )


def test_terminal_view_has_a_parameters_row_in_the_chosen_language() -> None:
    import io

    from tco_errcli import catalog
    from tco_errcli.model import Lang
    from tco_errcli.render.terminal import TerminalRenderer

    result = catalog.load().lookup("InvalidParameterValue.ZoneNameFormatError")
    for lang, label, rule in ((Lang.EN, "Parameters", "2-64 characters"), (Lang.ZH, "参数", "2~64 个字符")):
        out = io.StringIO()
        TerminalRenderer(out, lang, no_color=True, width=200).lookup(result)
        text = out.getvalue()
        assert label in text and "NewZoneName" in text and "UpdateZone" in text and rule in text, lang
