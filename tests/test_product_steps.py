"""Another product's code gets a next step written for any product, and the retry class its official meaning
implies: never Organization's advice, never "not retryable" for a meaning that says to try again later."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "data" / "reference" / "tencentcloud-error-codes.json"
ORG_API = ROOT / "data" / "reference" / "organization-api.json"
ORG_WORDS = re.compile(
    r"Organization|organization|集团|shared unit|共享单元|resource sharing|资源共享|department|部门|member|成员"
)


def test_no_next_step_of_another_products_code_is_organizations() -> None:
    from tco_errcli.catalog import anyproduct, store
    from tco_errcli.model import ProductMeaning

    catalog = store.load()
    org_actions = {a for version in json.loads(ORG_API.read_text(encoding="utf-8"))["versions"].values() for a in version}
    hints: dict[str, set[str]] = {}
    for short, versions in json.loads(REFERENCE.read_text(encoding="utf-8"))["products"].items():
        if short == "organization":
            continue
        for version, body in versions.items():
            for code, text in body["codes"].items():
                meaning = ProductMeaning(short, short, None, (version,), text["zh"], text["en"], ())
                entry = anyproduct.product_entry(code, (meaning,), catalog)
                hints.setdefault(entry.hint.en + "\n" + entry.hint.zh, set()).add(f"{short} {code}")
    assert len(hints) >= 10  # the common codes' steps and steps.py's
    for hint, codes in hints.items():
        assert not ORG_WORDS.search(hint), (hint, sorted(codes)[:3])
        assert not {w for w in re.findall(r"[A-Z][A-Za-z]+", hint) if w in org_actions}, (hint, sorted(codes)[:3])


def test_a_meaning_that_says_try_again_later_retries_later(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("lookup", "-p", "clb", "FailedOperation.ResourceInOperating", "--json").stdout)
    assert data["official"]["en"].endswith("Please try again later.")
    assert data["retryable"] is True and data["retry"]["strategy"] == "later"
    assert data["next_step_from"] == "try-later" and "try again later" in data["hint"]
    zh = json.loads(run("lookup", "-p", "cdb", "OperationDenied.FlowConflict", "--json", "--lang", "zh").stdout)
    assert zh["official"]["zh"] == "流程冲突，请稍后重试。" and zh["retry"]["strategy"] == "later"
    paste = tmp_path / "clb.txt"  # as a tool printed it in a public issue
    paste.write_text(
        "[TencentCloudSDKError] Code=FailedOperation.ResourceInOperating, Message=Mutex operation is being "
        "performed, please try later, RequestId=5d2e6b7e-3c1a-4a8e-9f2b-1c2d3e4f5a6b\n",
        encoding="utf-8",
    )
    result = run("explain", "--exit-verdict", "--json", str(paste))
    assert json.loads(result.stdout)["verdict"] == "retry" and result.exit_code == 3


def test_a_step_that_already_retries_keeps_its_class(run) -> None:  # type: ignore[no-untyped-def]
    # "请求过于频繁，请稍后再试。": throttling stays throttling, with its backoff advice
    data = json.loads(run("lookup", "-p", "ciam", "RequestLimitExceeded.FrequentRequest", "--json").stdout)
    assert data["retry"]["strategy"] == "throttle" and data["next_step_from"] == "RequestLimitExceeded"


def test_a_named_sub_code_and_organizations_own_categories_get_a_neutral_step(run) -> None:  # type: ignore[no-untyped-def]
    isolated = json.loads(run("lookup", "-p", "aai", "FailedOperation.ServiceIsolate", "--json").stdout)
    assert isolated["next_step_from"] == "FailedOperation.*" and "no more specific code" not in isolated["hint"]
    assert isolated["retry"]["strategy"] == "fix"
    # OperationDenied is Organization's own code in the catalogue (resource sharing refused the call)
    denied = json.loads(run("lookup", "-p", "cdb", "OperationDenied.QueryAuditLogsError", "--json").stdout)
    assert denied["next_step_from"] == "OperationDenied" and "sharing" not in denied["hint"]
    sold = json.loads(run("lookup", "-p", "cvm", "ResourcesSoldOut.SpecifiedInstanceType", "--json").stdout)
    assert sold["next_step_from"] == "ResourcesSoldOut" and "zone" in sold["hint"]
