"""Every product's error codes: the packaged file against the reference, the reader's answers, the build's checks."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from tco_errcli.catalog import allproducts, code_key, pack
from tco_errcli.catalog.allproducts import Definition
from tco_errcli.errors import TcoErrError

from .conftest import REFERENCE, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import build_products

SAMPLE_SEED = 19


@pytest.fixture(scope="module")
def reference() -> dict[str, dict[str, dict[str, Any]]]:
    products: dict[str, dict[str, dict[str, Any]]] = json.loads(
        (REFERENCE / "tencentcloud-error-codes.json").read_text(encoding="utf-8")
    )["products"]
    return products


@pytest.fixture(scope="module")
def built() -> bytes:
    return build_products.build()


def returned_by(body: dict[str, Any], code: str) -> tuple[str, ...]:
    return tuple(sorted(action for action, codes in body["actions"].items() if code in codes))


def test_200_sampled_entries_have_exactly_the_reference_text_and_actions(
    reference: dict[str, dict[str, dict[str, Any]]],
) -> None:
    entries = sorted((p, v, c) for p, versions in reference.items() for v, body in versions.items() for c in body["codes"])
    assert len(entries) == 16931
    for short, version, code in random.Random(SAMPLE_SEED).sample(entries, 200):
        body = reference[short][version]
        wanted = Definition(short, version, code, body["codes"][code]["zh"], body["codes"][code]["en"], returned_by(body, code))
        assert wanted in allproducts.definitions(code), (short, version, code)
        assert wanted in allproducts.definitions(code.upper().replace(".", "_"), product=short)  # SDK constant form
        assert short in allproducts.owners(code)


def test_every_product_has_all_its_codes(reference: dict[str, dict[str, dict[str, Any]]]) -> None:
    for short, versions in reference.items():
        listed = {(d.version, d.code) for d in allproducts.codes_of(short)}
        assert listed == {(v, c) for v, body in versions.items() for c in body["codes"]}, short
    assert sum(p.codes for p in allproducts.products()) == 16931


def test_owners_are_the_real_numbers() -> None:
    # the "FailedOperation to 183" counts product versions: 161 products
    assert len(allproducts.owners("FailedOperation")) == 161
    assert len(allproducts.definitions("FailedOperation")) == 183
    assert allproducts.owners("InvalidInstanceId.NotFound") == ("cbs", "cvm", "vpc")
    assert allproducts.owners("invalidinstanceid_notfound") == ("cbs", "cvm", "vpc")
    assert allproducts.owners("FailedOperation.ServiceIsolate") == ("aai", "asr", "tmt")
    assert allproducts.owners("Nope.Nothing") == allproducts.owners("") == allproducts.owners("a\tb") == ()
    assert allproducts.definitions("InvalidInstanceId.NotFound", product="sms") == ()


def test_a_code_without_official_english_has_none_never_a_translation() -> None:
    [aai] = allproducts.definitions("FailedOperation.ServiceIsolate", product="aai")
    assert aai.zh == "账号因为欠费停止服务，请在腾讯云账户充值。" and aai.en is None
    [asr] = allproducts.definitions("FailedOperation.ServiceIsolate", product="asr")
    assert asr.en == "Services are stopped due to overdue payments. Top up your Tencent Cloud account first."


def test_case_variants_across_products_are_one_key_each_with_its_own_spelling() -> None:
    spellings = {(d.product, d.code) for d in allproducts.definitions("InternalError.Unknown")}
    assert ("faceid", "InternalError.UnKnown") in spellings and ("tcr", "InternalError.Unknown") in spellings
    [odd] = allproducts.definitions("InternalError.", product="cpdp")  # cpdp's trailing dot, as published
    assert odd.code == "InternalError." and odd.zh == "系统错误。"


def test_products_carry_names_hosts_versions_and_counts() -> None:
    everything = allproducts.products()
    assert len(everything) == 262 and [p.short for p in everything] == sorted(p.short for p in everything)
    cvm = allproducts.product("cvm")
    assert cvm == allproducts.ProductInfo(
        "cvm", "云服务器", "Cloud Virtual Machine", "cvm.tencentcloudapi.com", ("2017-03-12",), 422
    )
    scaling = allproducts.product("AS")
    assert scaling is not None and (scaling.name_zh, scaling.host) == ("弹性伸缩", "as.tencentcloudapi.com")
    edgezone = allproducts.product("edgezone")  # tccli ships it; the Go SDK has no errors for it yet
    assert edgezone is not None and edgezone.codes == 0 and allproducts.codes_of("edgezone") == ()
    assert allproducts.product("nosuch") is None


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("cvm", "cvm"),
        ("CVM", "cvm"),
        ("cvm.tencentcloudapi.com", "cvm"),
        ("https://cvm.ap-guangzhou.tencentcloudapi.com/", "cvm"),
        ("云服务器", "cvm"),
        ("腾讯云云服务器", "cvm"),
        ("云服务器 CVM", "cvm"),
        ("Cloud Virtual Machine", "cvm"),
        ("EdgeOne", "teo"),
        ("Tencent Cloud EdgeOne", "teo"),
        ("autoscaling", "as"),
        ("autoscaling.tencentcloudapi.com", "as"),
        ("短信", "sms"),
        ("私有网络VPC", "vpc"),
        ("DNSPod", "dnspod"),
        ("集团账号管理", "organization"),
    ],
)
def test_resolve_product_by_short_name_host_chinese_english_or_close_name(text: str, short: str) -> None:
    found = allproducts.resolve_product(text)
    assert found is not None and found.short == short


@pytest.mark.parametrize("text", ["主机安全", "MySQL", "服务器", "nosuch", "cvn", "", "   "])
def test_resolve_product_never_guesses(text: str) -> None:
    assert allproducts.resolve_product(text) is None


def test_suggest_products() -> None:
    assert "cvm" in allproducts.suggest_products("cvn")
    assert allproducts.suggest_products("clbb")[0] == "clb"
    assert set(allproducts.suggest_products("主机安全")) >= {"cwp", "yunjing"}  # a name two products share
    assert allproducts.suggest_products("nosuch") == ()
    assert allproducts.suggest_products("") == ()


def test_codes_of_a_product_and_a_version() -> None:
    cvm = allproducts.codes_of("cvm")
    assert len(cvm) == 422 and {d.product for d in cvm} == {"cvm"}
    assert [code_key(d.code) for d in cvm] == sorted(code_key(d.code) for d in cvm)
    teo = allproducts.codes_of("teo", "2022-09-01")
    assert teo and {d.version for d in teo} == {"2022-09-01"}
    assert len(teo) < len(allproducts.codes_of("teo"))
    assert allproducts.codes_of("cvm", "1999-01-01") == allproducts.codes_of("nosuch") == ()


def test_actions_name_their_products_and_codes(reference: dict[str, dict[str, dict[str, Any]]]) -> None:
    assert allproducts.action_owners("StopInstances") == allproducts.action_owners("stopinstances")
    assert "cvm" in allproducts.action_owners("DescribeInstances") and len(allproducts.action_owners("DescribeInstances")) > 5
    assert allproducts.action_owners("AddSmsSign") == ("sms",)  # an action that one product alone has
    assert allproducts.action_owners("SendSms") == ("ic", "sms")  # IoT card has one too
    assert allproducts.action_owners("CreateAPIKey") == ("ags",)  # the exact spelling, not CreateApiKey's
    assert set(allproducts.action_owners("createapikey")) == {"ags", "apigateway", "dlc", "tcb", "tokenhub"}
    assert allproducts.action_owners("NoSuchAction") == allproducts.action_owners("") == ()
    wanted = sorted(reference["cvm"]["2017-03-12"]["actions"]["StopInstances"], key=lambda c: (code_key(c), c))
    assert list(allproducts.codes_for_action("cvm", "StopInstances")) == wanted
    assert allproducts.codes_for_action("cvm", "SendSms") == ()
    # the services list knows actions the SDK publishes no error list for: they own the action, without codes
    owners_by_action: dict[str, set[str]] = defaultdict(set)
    for short, versions in reference.items():
        for body in versions.values():
            for action in body["actions"]:
                owners_by_action[action].add(short)
    for action in ("RunInstances", "SendSms", "DescribeOrganization"):
        assert owners_by_action[action] <= set(allproducts.action_owners(action))


def test_categories_are_every_first_segment_and_cheap(reference: dict[str, dict[str, dict[str, Any]]]) -> None:
    firsts = {c.split(".")[0] for versions in reference.values() for body in versions.values() for c in body["codes"]}
    assert len(firsts) == 122
    pack._CATEGORIES = None
    pack._PACK = None
    assert allproducts.categories() == firsts
    assert {"InvalidInstanceId", "ResourcesSoldOut", "CallCvmError"} <= allproducts.categories()
    assert pack._PACK is None  # two lines read: the header and the blobs were not


def test_near_codes_come_from_the_products_own_codes() -> None:
    assert allproducts.near_codes("InvalidInstanceId.NotFoud", "cvm")[0] == "InvalidInstanceId.NotFound"
    assert allproducts.near_codes("INVALIDINSTANCEID_NOTFOUD", "cvm")[0] == "InvalidInstanceId.NotFound"
    cvm = {d.code for d in allproducts.codes_of("cvm")}
    assert set(allproducts.near_codes("FailedOperation.NodeNotEmpty", "cvm")) <= cvm  # never Organization's
    assert allproducts.near_codes("InvalidInstanceId.NotFoud", "nosuch") == ()


def test_by_message_finds_another_products_code() -> None:
    isolate = [(d.product, d.code) for d in allproducts.by_message("账号因为欠费停止服务，请在腾讯云账户充值。")]
    assert isolate == [
        ("aai", "FailedOperation.ServiceIsolate"),
        ("asr", "FailedOperation.ServiceIsolate"),
        ("tmt", "FailedOperation.ServiceIsolate"),
    ]
    english = allproducts.by_message("services are stopped due to overdue payments.  top up your Tencent Cloud account first")
    assert [(d.product, d.code) for d in english] == [("asr", "FailedOperation.ServiceIsolate")]
    fragment = allproducts.by_message("没有找到相应实例")  # official: 没有找到相应实例。
    assert ("cvm", "InvalidInstanceId.NotFound") in [(d.product, d.code) for d in fragment]
    pasted = allproducts.by_message(
        "[TencentCloudSDKException] code:InvalidInstanceId.NotFound message:没有找到相应实例。 requestId:x"
    )
    assert (pasted[0].product, pasted[0].code) == ("cvm", "InvalidInstanceId.NotFound")
    sold_out = allproducts.by_message("The specified instance type is sold out.", product="cvm")
    assert [d.code for d in sold_out] == ["ResourcesSoldOut.SpecifiedInstanceType"]
    assert allproducts.by_message("没有找到相应实例", product="sms") == ()
    assert allproducts.by_message("") == allproducts.by_message(" 。") == ()
    assert len(allproducts.by_message("参数错误", limit=5)) == 5


def test_the_exact_meaning_comes_first() -> None:
    found = allproducts.by_message("操作失败。")
    assert found and all(d.zh.rstrip("。") == "操作失败" for d in found[:100])


def test_packaged_file_is_what_the_reference_builds() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_products.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_the_build_is_deterministic_and_check_detects_a_stale_file(
    tmp_path: Path, built: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    packaged = (ROOT / allproducts.FILE_NAME).read_bytes()
    assert built == packaged == build_products.build()
    stale = tmp_path / allproducts.FILE_NAME
    stale.write_bytes(build_products.build(small_reference(tmp_path)))  # built from another reference
    monkeypatch.setattr(build_products, "build", lambda reference: built)
    assert build_products.main(["--check", "--out", str(stale)]) == 1
    assert build_products.main(["--check", "--out", str(tmp_path / "missing.bin")]) == 1


def test_check_accepts_the_same_content_compressed_by_another_zlib(
    tmp_path: Path, built: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # zlib-ng and other builds compress differently: the digest of the content decides, not the bytes
    packaged = (ROOT / allproducts.FILE_NAME).read_bytes()
    head, rest = packaged.split(b"\n", 3)[2], packaged.split(b"\n", 3)[3]
    other = tmp_path / allproducts.FILE_NAME
    other.write_bytes(packaged[: len(packaged) - len(rest)] + rest[:-1] + b"\x00")
    assert build_products.digest_of(other.read_bytes()) == json.loads(head)["digest"]
    monkeypatch.setattr(build_products, "build", lambda reference: built)
    assert build_products.main(["--check", "--out", str(other)]) == 0


def small_reference(tmp_path: Path, broken: dict[str, Any] | None = None) -> Path:
    body = {
        "codes": {"InvalidInstanceId.NotFound": {"zh": "没有找到相应实例。", "en": "No instance found."}},
        "actions": {"StopInstances": ["InvalidInstanceId.NotFound"]},
    }
    data = {"sources": {}, "products": {"cvm": {"2017-03-12": {**body, **(broken or {})}}}}
    path = tmp_path / "tencentcloud-error-codes.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("broken", "named"),
    [
        (
            {"codes": {"InvalidInstanceId.NotFound": {"zh": "", "en": None}}},
            "products.cvm.2017-03-12.codes.InvalidInstanceId.NotFound.zh",
        ),
        (
            {"codes": {"InvalidInstanceId.NotFound": {"zh": "x\ty", "en": None}}},
            "products.cvm.2017-03-12.codes.InvalidInstanceId.NotFound.zh",
        ),
        (
            {"codes": {"InvalidInstanceId.NotFound": {"zh": "实例", "en": 3}}},
            "products.cvm.2017-03-12.codes.InvalidInstanceId.NotFound.en",
        ),
        ({"codes": {"InvalidInstanceId.NotFound": {"zh": "实例"}}}, "products.cvm.2017-03-12.codes.InvalidInstanceId.NotFound"),
        ({"codes": {"Not A Code": {"zh": "x", "en": None}}}, "products.cvm.2017-03-12.codes.Not A Code"),
        ({"actions": {"StopInstances": ["Nope.Undefined"]}}, "products.cvm.2017-03-12.actions.StopInstances"),
        ({"actions": {"StopInstances": "InvalidInstanceId.NotFound"}}, "products.cvm.2017-03-12.actions.StopInstances"),
        ({"extra": 1}, "products.cvm.2017-03-12"),
    ],
)
def test_a_malformed_reference_fails_the_build_naming_the_entry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], broken: dict[str, Any], named: str
) -> None:
    path = small_reference(tmp_path, broken)
    assert build_products.main(["--reference", str(path), "--out", str(tmp_path / "out.bin")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"build_products: tencentcloud-error-codes.json: {named}:"), err
    assert err[-1] == "\n" and err.count("\n") == 1
    assert not (tmp_path / "out.bin").exists()


def test_a_wrong_version_or_product_name_is_named(tmp_path: Path) -> None:
    path = small_reference(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["products"]["cvm"]["v20170312"] = data["products"]["cvm"].pop("2017-03-12")
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(build_products.BuildError, match=r"products\.cvm\.v20170312: not an API version"):
        build_products.read_reference(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(build_products.BuildError, match="cannot be read"):
        build_products.read_reference(path)


def test_a_small_reference_builds_a_file_the_reader_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / allproducts.FILE_NAME
    assert build_products.main(["--reference", str(small_reference(tmp_path)), "--out", str(out)]) == 0
    monkeypatch.setattr(pack, "PACKAGED", out)
    monkeypatch.setattr(pack, "_PACK", None)
    monkeypatch.setattr(pack, "_CATEGORIES", None)
    assert allproducts.definitions("InvalidInstanceId.NotFound") == (
        Definition(
            "cvm", "2017-03-12", "InvalidInstanceId.NotFound", "没有找到相应实例。", "No instance found.", ("StopInstances",)
        ),
    )
    assert allproducts.categories() == {"InvalidInstanceId"}
    assert allproducts.by_message("No instance found")[0].code == "InvalidInstanceId.NotFound"


def test_a_missing_or_corrupt_file_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / allproducts.FILE_NAME
    bad.write_bytes(b"something else\n")
    for path in (bad, tmp_path / "absent.bin"):
        monkeypatch.setattr(pack, "PACKAGED", path)
        monkeypatch.setattr(pack, "CHECKOUT", path)
        monkeypatch.setattr(pack, "_PACK", None)
        monkeypatch.setattr(pack, "_CATEGORIES", None)
        with pytest.raises(TcoErrError, match=r"the all-products data .* cannot be read"):
            allproducts.definitions("InvalidInstanceId.NotFound")
        with pytest.raises(TcoErrError, match="cannot be read"):
            allproducts.categories()


def test_the_reader_opens_nothing_at_import() -> None:
    script = (
        "import sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == 'open' else None)\n"
        "import tco_errcli.catalog.allproducts as a\n"
        "at_import = [p for p in opened if p.endswith(a.FILE_NAME)]\n"
        "assert 'sqlite3' not in sys.modules and 'rapidfuzz' not in sys.modules and 'unicodedata' not in sys.modules\n"
        "a.definitions('InvalidInstanceId.NotFound')\n"
        "print(len(at_import), len([p for p in opened if p.endswith(a.FILE_NAME)]) > 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "True"]


@pytest.mark.slow
def test_the_wheel_ships_the_file_and_the_installed_reader_finds_it(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)], check=True, capture_output=True)
    wheel = next(dist.glob("tco_err-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        assert z.read(f"tco_errcli/catalog/{allproducts.FILE_NAME}") == (ROOT / allproducts.FILE_NAME).read_bytes()
        z.extractall(tmp_path / "site")
    script = (
        "import tco_errcli.catalog.allproducts as a\n"
        "assert a.PACKAGED.is_file() and not a.CHECKOUT.is_file()\n"
        "print(a.owners('InvalidInstanceId.NotFound'), a.resolve_product('云服务器').short)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": str(tmp_path / "site")}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "('cbs', 'cvm', 'vpc') cvm"
