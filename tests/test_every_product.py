"""Every Tencent Cloud product's codes: lookup and explain give the product and its official meaning, never
Organization's advice for another product's error."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "data" / "reference" / "tencentcloud-error-codes.json"


def sample(n: int = 200, seed: int = 19) -> list[tuple[str, str, str, str, str | None]]:
    products = json.loads(REFERENCE.read_text(encoding="utf-8"))["products"]
    rows = [  # Organization's own codes answer from the catalogue (tests/test_catalog_data.py checks its texts)
        (short, version, code, text["zh"], text["en"])
        for short, versions in products.items()
        if short != "organization"
        for version, body in versions.items()
        for code, text in body["codes"].items()
    ]
    return random.Random(seed).sample(sorted(rows), n)


def test_two_hundred_sampled_entries_give_the_references_texts_exactly(run) -> None:  # type: ignore[no-untyped-def]
    wrong: list[Any] = []
    for short, version, code, zh, en in sample():
        for lang in ("en", "zh"):
            data = json.loads(run("lookup", "--product", short, code, "--json", "--lang", lang).stdout)
            mine = [p for p in data.get("products", []) if p["service"] == short and version in p["versions"]]
            if not mine or mine[0]["meaning"] != {"zh": zh, "en": en}:
                wrong.append((short, version, code, lang, mine[:1]))
                continue
            # the description is the official text: English where published, else the Chinese (never a translation)
            wanted = zh if lang == "zh" or en is None else en
            if data["description"] != wanted and len(data["products"]) == 1:
                wrong.append((short, version, code, lang, data["description"]))
    assert not wrong, wrong[:5]


def test_cvm_commonest_error_names_its_products_not_an_organization_code(run) -> None:  # type: ignore[no-untyped-def]
    result = run("lookup", "InvalidInstanceId.NotFound", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [p["service"] for p in data["products"]] == ["cbs", "cvm", "vpc"]
    assert data["kind"] == "product" and data["org_hint"] is None
    assert data["next_step_from"] == "ResourceNotFound"  # the seed page's common code whose step applies
    cvm = json.loads(run("lookup", "-p", "cvm", "InvalidInstanceId.NotFound", "--json").stdout)
    assert cvm["description"] == "No instance found." and [p["service"] for p in cvm["products"]] == ["cvm"]


def test_a_code_of_products_without_official_english_says_so(run) -> None:  # type: ignore[no-untyped-def]
    plain = run("lookup", "-p", "aai", "FailedOperation.ServiceIsolate")
    assert "description: 账号因为欠费停止服务，请在腾讯云账户充值。" in plain.stdout
    assert "publishes no English text" in plain.stdout
    data = json.loads(run("lookup", "FailedOperation.ServiceIsolate", "--json").stdout)
    assert {p["service"] for p in data["products"]} == {"aai", "asr", "tmt"}
    assert data["org_hint"] is None and "Organization" not in data["hint"]


def test_a_common_code_of_a_named_product_gives_its_text_first_then_the_common_advice(run) -> None:  # type: ignore[no-untyped-def]
    common = json.loads(run("lookup", "InvalidParameter", "--json").stdout)
    cvm = json.loads(run("lookup", "--product", "cvm.tencentcloudapi.com", "InvalidParameter", "--json").stdout)
    assert cvm["products"][0]["service"] == "cvm"
    assert cvm["description"] == cvm["products"][0]["meaning"]["en"]
    assert cvm["hint"] == common["hint"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_unknown_product_is_one_line_with_did_you_mean(run, lang: str) -> None:  # type: ignore[no-untyped-def]
    result = run("lookup", "--product", "cmv", "InvalidParameter", "--lang", lang)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "cme" in result.stderr
    assert ("did you mean" in result.stderr) == (lang == "en")


def test_a_product_code_unknown_to_that_product_suggests_its_own_codes(run) -> None:  # type: ignore[no-untyped-def]
    result = run("lookup", "-p", "cvm", "InvalidInstanceId.NotFoud", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["suggestions"][0] == "InvalidInstanceId.NotFound"


def test_explain_gives_another_products_meaning_and_no_organization_advice(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paste = tmp_path / "asr.txt"
    paste.write_text(
        "[TencentCloudSDKException] code:FailedOperation.ServiceIsolate message:账号因为欠费停止服务 "
        "requestId:5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c\nendpoint: asr.tencentcloudapi.com\n",
        encoding="utf-8",
    )
    for flags in (["--json"], ["--json", "--lang", "zh"]):
        finding = json.loads(run("explain", *flags, str(paste)).stdout)["errors"][0]
        assert finding["product"]["service"] == "asr"
        assert finding["org_hint"] is None
        assert finding["description"].startswith("Services are stopped" if "zh" not in flags else "账号因为欠费停止服务")
    plain = run("explain", str(paste)).stdout
    assert "organization:" not in plain and "In Organization" not in plain


def test_a_code_one_product_alone_defines_names_that_product(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paste = tmp_path / "sms.txt"
    paste.write_text("Code=FailedOperation.SignatureIncorrectOrUnapproved, Message=签名未审批\n", encoding="utf-8")
    finding = json.loads(run("explain", "--json", str(paste)).stdout)["errors"][0]
    assert finding["product"]["service"] == "sms"
    assert finding["product"]["evidence"].startswith("code ")


def test_list_and_search_reach_every_product(run) -> None:  # type: ignore[no-untyped-def]
    listing = run("list", "--products").stdout.splitlines()
    assert len(listing) >= 258 and any(row.startswith("cvm\t") for row in listing)
    cvm = json.loads(run("list", "--product", "cvm", "--json").stdout)
    assert "InvalidInstanceId.NotFound" in {e["code"] for e in cvm} and all(e["kind"] == "product" for e in cvm)
    found = json.loads(run("search", "--product", "cvm", "No instance found", "--json").stdout)
    assert found[0]["code"] == "InvalidInstanceId.NotFound" and found[0]["score"] == 100
    pasted = json.loads(run("search", "--product", "all", "账号因为欠费停止服务", "--json").stdout)
    assert pasted[0]["code"] == "FailedOperation.ServiceIsolate"
    assert {"aai", "asr", "tmt"} <= {p["service"] for p in pasted[0]["products"]}
    # the default scope stays Organization's and the common codes
    assert all(h["kind"] != "product" for h in json.loads(run("search", "instance not found", "--json").stdout))


def test_scan_counts_another_products_code_as_known_with_its_products(run) -> None:  # type: ignore[no-untyped-def]
    log = "[TencentCloudSDKException] code:InvalidInstanceId.NotFound message:x requestId:5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c\n"
    row = json.loads(run("scan", "--json", input=log * 3).stdout)["codes"][0]
    assert row["code"] == "InvalidInstanceId.NotFound" and row["count"] == 3
    assert row["known"] is True and row["products"] == ["cbs", "cvm", "vpc"]


def test_lookup_shows_tencents_official_chinese_beside_ours(run) -> None:  # type: ignore[no-untyped-def]
    zh = run("lookup", "FailedOperation.NodeNotEmpty", "--lang", "zh").stdout
    assert "\n说明: 部门中还有成员，不能删除。\n官方说明: 企业组织单元成员不为空。\n" in zh
    data = json.loads(run("lookup", "FailedOperation.NodeNotEmpty", "--json").stdout)
    assert data["official"] == {"zh": "企业组织单元成员不为空。", "en": "There are members in this department"}
    assert "官方说明" not in run("lookup", "FailedOperation.NodeNotEmpty").stdout.replace("official", "")


def test_a_product_named_in_prose_is_the_last_evidence(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paste = tmp_path / "teo.txt"
    paste.write_text(
        "[TencentCloudSDKException] code:InvalidParameter message:EdgeOne site not found "
        "requestId:5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c\n",
        encoding="utf-8",
    )
    finding = json.loads(run("explain", "--json", str(paste)).stdout)["errors"][0]
    assert finding["product"]["service"] == "teo" and finding["product"]["evidence"] == "product name EdgeOne"
    assert finding["org_hint"] is None


RID = "requestId:5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c"


@pytest.mark.parametrize(
    ("text", "service", "evidence"),
    [
        # a tool naming the call it made: the reference gives clb that action
        (
            "failed to execute sdk request 'clb.ModifyDomainAttributes': [TencentCloudSDKError] "
            "Code=InvalidParameter, Message=bad domain, RequestId=5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c",
            "clb",
            "action clb.ModifyDomainAttributes",
        ),
        # Packer's builder name on the error's own line
        (
            "==> tencentcloud-cvm: Failed to create image: [TencentCloudSDKError] Code=InvalidParameter, "
            "Message=bad, RequestId=5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c",
            "cvm",
            "tool name tencentcloud-cvm",
        ),
        # tccli's usage banner between the command and its error does not hide the command
        (
            '> tccli cdn PurgeUrlsCache --region "ap-guangzhou" --Urls \'["x"]\'\nusage: tccli [options] <command>\n\n'
            "  tccli help\n  tccli configure help\n\n[TencentCloudSDKException] code:AuthFailure.SecretIdNotFound "
            f"message:SecretId不存在 {RID}",
            "cdn",
            "tccli command tccli cdn PurgeUrlsCache",
        ),
        # a sentence above the error names the product: beside a Chinese character, and as 腾讯云 + short name
        (
            f"我使用的是腾讯云DNSPod，更新记录时报错：\n[TencentCloudSDKException] code:InvalidParameter message:bad {RID}",
            "dnspod",
            "product name DNSPod",
        ),
        (
            f"现在腾讯云CDN刷新缓存时报错\n[TencentCloudSDKException] code:InvalidParameter message:bad {RID}",
            "cdn",
            "product name 腾讯云CDN",
        ),
        # the call that failed, named bare by the tool's own log line: one product has that action
        (
            "2026/01/02 10:00:00 DescribeRecordList failed: [TencentCloudSDKError] Code=AuthFailure.SecretIdNotFound, "
            f"Message=The SecretId is not found, RequestId={RID.split(':')[-1]}",
            "dnspod",
            "action DescribeRecordList",
        ),
    ],
)
def test_a_product_named_by_the_call_or_the_tool_is_found(run, tmp_path: Path, text: str, service: str, evidence: str) -> None:  # type: ignore[no-untyped-def]
    product = _product_of(run, tmp_path, text)
    assert product["service"] == service and product["evidence"] == evidence


def _product_of(run, tmp_path: Path, text: str) -> Any:  # type: ignore[no-untyped-def]
    """The product explain --json names for the first error of text, pasted as a file."""
    paste = tmp_path / "paste.txt"
    paste.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    return json.loads(run("explain", "--json", str(paste)).stdout)["errors"][0]["product"]


def test_an_action_several_products_have_names_those_that_define_the_code(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """CreateListener is alb's, clb's, ecm's and ga2's; ga2 defines no FailedOperation: the three others are named."""
    product = _product_of(
        run,
        tmp_path,
        "CreateListener failed, err [TencentCloudSDKError] Code=FailedOperation, Message=uin not allow to create port "
        f"range listener., RequestId={RID.split(':')[-1]}",
    )
    assert product["service"] is None and product["name"] == "alb, clb, ecm"
    assert product["evidence"] == "action CreateListener"


def test_a_dotted_name_that_is_no_action_of_that_service_names_nothing(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = "at java.lang.RuntimeException: sdk.ModifyDomainAttributes [TencentCloudSDKException] "
    text += f"code:InternalError message:boom {RID}"
    assert _product_of(run, tmp_path, text) is None


PRODUCT_PASTES = json.loads((ROOT / "tests" / "fixtures" / "products" / "manifest.json").read_text(encoding="utf-8"))["pastes"]


def test_real_pastes_of_many_products_are_collected() -> None:
    assert len({p["product"] for p in PRODUCT_PASTES}) >= 12


@pytest.mark.parametrize("paste", PRODUCT_PASTES, ids=[p["file"] for p in PRODUCT_PASTES])
def test_a_real_paste_names_its_product_by_its_evidence(run, paste: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    path = ROOT / "tests" / "fixtures" / "products" / paste["file"]
    errors = json.loads(run("explain", "--json", str(path)).stdout)["errors"]
    named = [e["product"] for e in errors if e["product"] and e["product"]["service"] == paste["product"]]
    assert named and named[0]["evidence"] == paste["evidence"]
    for e in errors:  # no Organization advice on another product's error
        if e["product"] and e["product"]["service"] not in (None, "organization"):
            assert e["org_hint"] is None


def test_the_python_api_answers_the_same() -> None:
    from tco_errcli import lookup

    found = lookup("InvalidInstanceId.NotFound")
    assert found["found"] is True and [p["service"] for p in found["products"]] == ["cbs", "cvm", "vpc"]
    assert lookup("InvalidInstanceId.NotFound", product="cvm")["description"] == "No instance found."


@pytest.mark.parametrize(
    ("paste", "service", "evidence"),
    [
        # allinssl-like: the vendor's name, then the end of a product's Chinese name (机器翻译)
        (
            "使用腾讯云翻译api一直出现签名错误。\n`Service error: AuthFailure.SignatureFailure:请求签名验证失败。`\n",
            "tmt",
            "product name 腾讯云翻译",
        ),
        (
            "腾讯云短信发送失败：\n[TencentCloudSDKError] Code=InternalError, Message=m, RequestId=x\n",
            "sms",
            "product name 腾讯云短信",
        ),
        # lego: a code two products define (dnspod, ssl), and one of them named in the message
        (
            "tencentcloud: create record failed: [TencentCloudSDKError] Code=InvalidParameter.DomainInvalid, "
            "Message=域名不正确，请输入主域名，如 dnspod.cn。, RequestId=96b61fd1-a225-4455-821f-63101f59a117\n",
            "dnspod",
            "product name dnspod beside a code it defines",
        ),
    ],
)
def test_a_product_named_in_words_near_its_error(run, tmp_path: Path, paste: str, service: str, evidence: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "paste.txt"
    path.write_text(paste, encoding="utf-8")
    finding = json.loads(run("explain", "--json", str(path)).stdout)["errors"][0]
    assert finding["product"]["service"] == service and finding["product"]["evidence"] == evidence


@pytest.mark.parametrize(
    "paste",
    [
        "腾讯云账号登录后调用：\n[TencentCloudSDKError] Code=InternalError, Message=m, RequestId=x\n",  # 账号: of 集团账号管理
        "腾讯云域名解析报错：\n[TencentCloudSDKError] Code=InternalError, Message=m, RequestId=x\n",  # 域名: the head of 域名注册
        # a code 156 products define: a short name beside it decides nothing (QCE/CDB is a monitor namespace)
        'name=QCE/CDB msg="[TencentCloudSDKError] Code=InvalidParameterValue, Message=there are no valid statistics type, '
        'RequestId=d4b2c621-762a-41e8-9870-e96e8978b089"\n',
    ],
)
def test_words_that_only_look_like_a_product_name_name_none(run, tmp_path: Path, paste: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "paste.txt"
    path.write_text(paste, encoding="utf-8")
    assert json.loads(run("explain", "--json", str(path)).stdout)["errors"][0]["product"] is None
