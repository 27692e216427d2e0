"""explain over a fixture of every input shape: codes, RequestIds, sources, diagnosis, safety, exit statuses."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tco_errcli.explain import explain
from tco_errcli.model import Lang

from .conftest import FIXTURES, Run

EXPLAIN = FIXTURES / "explain"
NOW = datetime(2025, 11, 2, 8, 30, tzinfo=UTC)

# fixture -> [(code, request id, source, known, inferred, client_side)]
EXPECTED = {
    "api-compact.json": [("AuthFailure.SignatureFailure", "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6", "json", 1, 0, 0)],
    "api-pretty-then-prose.txt": [("FailedOperation.NodeNotEmpty", "3f1c9a52-8d7e-4f10-9b2a-6c1e2d3f4a5b", "json", 1, 0, 0)],
    "nested-log-record.json": [("LimitExceeded.NodeDepthExceedLimit", "9a8b7c6d-0000-4000-8000-000000000001", "json", 1, 0, 0)],
    "records.jsonl": [
        ("FailedOperation.AuthInfoEmpty", "00000000-0000-4000-8000-000000000011", "json", 1, 0, 0),
        ("RequestLimitExceeded", "00000000-0000-4000-8000-000000000012", "json", 1, 0, 0),
        ("RequestLimitExceeded", "00000000-0000-4000-8000-000000000013", "json", 1, 0, 0),
    ],
    "python-traceback.txt": [
        ("FailedOperation.OrganizationNodeNotEmpty", "6a1d3e2f-4b5c-4d6e-8f70-1a2b3c4d5e6f", "sdk-exception", 1, 0, 0)
    ],
    "python-cam-multiline.txt": [("UnauthorizedOperation", "8c1b6f2e-0a3d-4e5f-9b7c-2d4e6f8a0b1c", "sdk-exception", 1, 0, 0)],
    "python-debug.log": [("AuthFailure.SignatureExpire", "5e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b", "json", 1, 0, 0)],
    "python-server-network.txt": [("ServerNetworkError", None, "sdk-exception", 0, 0, 1)],
    "go.txt": [("ResourceNotFound.OrganizationNodeNotExist", "0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f", "go", 1, 0, 0)],
    "go-client-error.txt": [("ClientError.NetworkError", None, "go-no-request-id", 0, 0, 1)],
    "java.txt": [("InvalidParameter.PolicyNameExisted", "7b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d", "sdk-exception", 1, 0, 0)],
    "java-legacy.txt": [("MissingParameter", "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "java-legacy", 1, 0, 0)],
    "node-tostring.txt": [("AuthFailure.SignatureFailure", "2b3c4d5e-6f70-4812-a3b4-c5d6e7f80912", "node-tostring", 1, 1, 0)],
    "node-inspect.txt": [("FailedOperation.ShareUnitNotExist", "3c4d5e6f-7081-4923-b4c5-d6e7f8091a2b", "node-inspect", 1, 0, 0)],
    "php-bad-gateway.txt": [(None, None, "sdk-exception", 0, 0, 1)],  # a reason phrase is no code (#21)
    "php.txt": [("FailedOperation.OrganizationExistAlready", "4d5e6f70-8192-4a3b-c5d6-e7f8091a2b3c", "sdk-exception", 1, 0, 0)],
    "dotnet-legacy.txt": [("LimitExceeded.Members", "5e6f7081-92a3-4b4c-d6e7-f8091a2b3c4d", "dotnet-legacy", 1, 0, 0)],
    "dotnet-872.txt": [("FailedOperation.MemberNameUsed", "6f708192-a3b4-4c5d-e7f8-091a2b3c4d5e", "dotnet", 1, 0, 0)],
    "dotnet-892.txt": [
        ("AuthFailure.UnauthorizedOperation", "708192a3-b4c5-4d6e-f809-1a2b3c4d5e6f", "dotnet-message-only", 1, 1, 0)
    ],
    "cpp.txt": [("InternalError", "8192a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7", "cpp", 1, 0, 0)],
    "tccli.txt": [("FailedOperation.ShareNodeExisted", "92a3b4c5-d6e7-4f80-91a2-b3c4d5e6f708", "sdk-exception", 1, 0, 0)],
    "tccli-old-banner.txt": [("AuthFailure.SecretIdNotFound", "a3b4c5d6-e7f8-4091-a2b3-c4d5e6f70819", "sdk-exception", 1, 0, 0)],
    "terraform.txt": [("FailedOperation.OrganizationNodeNameUsed", "b4c5d6e7-f809-41a2-b3c4-d5e6f708192a", "go", 1, 0, 0)],
    "terraform-debug.log": [("FailedOperation.MemberShareResource", "c5d6e7f8-0912-4a3b-8c4d-e5f6a7b8c9d0", "json", 1, 0, 0)],
    "http-dump.txt": [("AuthFailure.SignatureExpire", "d6e7f809-1a2b-4c3d-9e4f-5a6b7c8d9e0f", "json", 1, 0, 0)],
    "message-only.txt": [("AuthFailure.SignatureFailure", None, "message", 1, 1, 0)],
    "unknown-code.txt": [("ResourceNotFound.SomethingNew", "e7f8091a-2b3c-4d4e-8f5a-6b7c8d9e0f1a", "go", 0, 0, 0)],
    "param.txt": [("InvalidParameter", "f8091a2b-3c4d-4e5f-9a6b-7c8d9e0f1a2b", "sdk-exception", 1, 0, 0)],
    "distractors.txt": [],
    # issue #11: pastes it used to get wrong
    "cam-request-id-in-message.txt": [
        ("AuthFailure.UnauthorizedOperation", "6ecbe97c-1a2b-4c3d-8e4f-5a6b7c8d9e0f", "java-legacy", 1, 0, 0)
    ],
    "request-id-glued.txt": [("InternalError", "3469e2a1-5b6c-4d7e-8f90-1a2b7a3c7437", "go", 1, 0, 0)],
    "wrapped-sdk.txt": [
        ("InvalidParameterValue.InvalidParameter", "b6fa0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d", "sdk-exception", 1, 0, 0)
    ],
    "wrapped-plain.txt": [("InvalidParameter", "c7e1f2a3-b4c5-4d6e-9f70-8a9b0c1d2e3f", "wrapped", 1, 0, 0)],
    "go-struct-in-gateway-json.json": [
        ("AuthFailure.UnauthorizedOperation", "9a2f3b4c-5d6e-4f70-8192-a3b4c5d6e7f8", "go-struct", 1, 0, 0)
    ],
    "cam-resource-next-line.txt": [("UnauthorizedOperation", "1d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "labelled", 1, 0, 0)],
    "cam-no-resource.txt": [("UnauthorizedOperation", "2e3f4051-6b7c-4d8e-9fa0-1b2c3d4e5f60", "go", 1, 0, 0)],
    "php-missing-parameter.txt": [("MissingParameter", None, "message", 1, 1, 0)],
    "chinese-message-only.txt": [("ResourceNotFound.OrganizationNotExist", None, "message", 1, 1, 0)],
    "node-bad-gateway.txt": [(None, None, "node-http", 0, 0, 1)],  # a status, not a code (#21)
    "repeats.log": [("FailedOperation.NodeNotEmpty", "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d", "sdk-exception", 1, 0, 0)],
    "iot-timeout.txt": [("FailedOperation.Timeout", "3b4c5d6e-7f80-4912-a3b4-c5d6e7f80913", "sdk-exception", 1, 0, 0)],
    "terraform-cvm.txt": [("FailedOperation.PolicyFull", "4c5d6e7f-8091-4a23-b4c5-d6e7f8091a2b", "go", 0, 0, 0)],
    "network-host.txt": [("ClientError.NetworkError", None, "go-no-request-id", 0, 0, 1)],
    "host-after-error.txt": [("AuthFailure.SignatureFailure", "5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c", "go", 1, 0, 0)],
}


def report(name: str, lang: Lang = Lang.EN) -> dict:
    return explain((EXPLAIN / name).read_bytes(), lang=lang, now=NOW).to_dict(lang)


def test_every_fixture_has_an_expectation() -> None:
    assert {p.name for p in EXPLAIN.iterdir() if p.is_file()} == set(EXPECTED)  # real/ has its own tests


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings(name: str) -> None:
    got = [
        (e["code"], e["request_id"], e["source"], int(e["known"]), int(e["inferred"]), int(e["client_side"]))
        for e in report(name)["errors"]
    ]
    assert got == EXPECTED[name]


def test_clock_skew_is_computed_from_timestamp_and_date_header() -> None:
    for name in ("python-debug.log", "http-dump.txt"):
        diagnosis = report(name)["errors"][0]["diagnosis"]
        assert diagnosis == [
            "Request time (X-TC-Timestamp) 2025-11-02 08:05:30 UTC is 17m 11s behind the server's Date header "
            "08:22:41 UTC: outside the 5-minute window."
        ]


def test_clock_skew_without_server_time_shows_the_local_clock() -> None:
    text = '{"Response":{"Error":{"Code":"AuthFailure.SignatureExpire","Message":"Signature expired"},"RequestId":"r"}}'
    diagnosis = explain(text, now=NOW).errors[0].diagnosis
    assert diagnosis[0].startswith("This machine's clock reads 2025-11-02 08:30:00 UTC.")
    assert "within 5 minutes" in diagnosis[0]


def test_cam_denial_gives_a_minimal_valid_policy() -> None:
    item = report("python-cam-multiline.txt")["errors"][0]
    assert item["policy"] == {
        "version": "2.0",
        "statement": [
            {
                "effect": "allow",
                "action": ["organization:CreateOrganizationMember"],
                "resource": ["qcs::organization::uin/100000000001:member/*"],
            }
        ],
    }
    assert json.loads(json.dumps(item["policy"])) == item["policy"]
    assert "CAM denied action organization:CreateOrganizationMember" in item["diagnosis"][0]


def test_parameter_is_named() -> None:
    assert report("param.txt")["errors"][0]["diagnosis"] == ["The parameter at fault: NodeId."]
    assert report("java-legacy.txt")["errors"][0]["diagnosis"] == ["The parameter at fault: PolicyId."]


def test_throttling_rate_is_read_from_the_message() -> None:
    diagnosis = report("records.jsonl")["errors"][1]["diagnosis"]
    assert diagnosis == ["Called 21 times per second against a limit of 20: slow down below the limit and add backoff."]


def test_unknown_code_gets_parent_and_suggestions() -> None:
    item = report("unknown-code.txt")["errors"][0]
    assert item["known"] is False and item["parent"] == "ResourceNotFound"
    assert item["description"] == "The resource does not exist."
    assert "ResourceNotFound.SomethingNew is not in the catalogue" in item["diagnosis"][0]


def test_client_side_errors_say_they_are_not_api_errors() -> None:
    network = report("go-client-error.txt")["errors"][0]
    assert network["diagnosis"][0].startswith("Not an API error: the SDK could not reach the endpoint")
    gateway = report("python-server-network.txt")["errors"][0]
    assert gateway["diagnosis"][0].startswith("Not an API error: a gateway or proxy answered with a non-200")


def test_inferred_codes_carry_confidence() -> None:
    item = report("node-tostring.txt")["errors"][0]
    assert item["inferred"] is True and 0.7 <= item["confidence"] <= 1.0


def test_chinese_output() -> None:
    item = report("go.txt", Lang.ZH)["errors"][0]
    assert item["description"] == "部门不存在。"
    assert item["message"] == "组织节点不在。"


def test_same_error_printed_twice_counts_once_and_repeats_fold_with_a_count() -> None:
    (once,) = report("python-debug.log")["errors"]
    assert once["count"] == 1  # the JSON body and the exception line made of it are one occurrence
    body = (EXPLAIN / "go.txt").read_text(encoding="utf-8")
    twice = explain(body + body.replace("0f9e8d7c", "1f9e8d7c")).to_dict(Lang.EN)
    (item,) = twice["errors"]
    assert (item["count"], item["lines"]) == (2, [1, 2])
    assert twice["summary"] == {
        "total": 2,
        "distinct": 1,
        "by_code": {"ResourceNotFound.OrganizationNodeNotExist": 2},
        "codes": [
            {
                "code": "ResourceNotFound.OrganizationNodeNotExist",
                "count": 2,
                "first_line": 1,
                "last_line": 2,
                "first_file": None,
                "last_file": None,
            }
        ],
        "beyond_cap": 0,
        "verdict": "fix",
    }


def test_explain_accepts_dicts_and_exceptions() -> None:
    doc = json.loads((EXPLAIN / "api-compact.json").read_text(encoding="utf-8"))
    assert explain(doc).errors[0].finding.code == "AuthFailure.SignatureFailure"

    class FakeSdkError(Exception):
        code = "FailedOperation.NodeNotEmpty"
        message = "There are members in this department"
        requestId = "0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d"

        def __str__(self) -> str:
            return self.message

    item = explain(FakeSdkError()).errors[0]
    assert (item.finding.code, item.finding.request_id) == (
        "FailedOperation.NodeNotEmpty",
        "0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d",
    )


SECRETS = {
    "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE": "SecretId in an Authorization header",
    "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c": "signature",
}


@pytest.mark.parametrize("fmt", [[], ["--json"]])
def test_secrets_in_the_input_never_reach_the_output(run: Run, fmt: list[str]) -> None:
    for env in ({}, {"FORCE_COLOR": "1"}):
        result = run("explain", str(EXPLAIN / "python-debug.log"), *fmt, env=env)
        assert result.exit_code == 0
        for secret in SECRETS:
            assert secret not in result.stdout + result.stderr
        assert "2 secret(s)" in result.stdout or '"redacted": 2' in result.stdout


def test_cli_explain_plain_and_summary(run: Run) -> None:
    result = run("explain", str(EXPLAIN / "records.jsonl"))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "[1] FailedOperation.AuthInfoEmpty"
    assert lines[-2] == "summary: 3 error(s): RequestLimitExceeded x2 (line 3–4), FailedOperation.AuthInfoEmpty x1 (line 2)"
    assert lines[-1] == "verdict: fix (at least one error must be fixed before calling again)"


def test_cli_explain_stdin_and_several_files(run: Run) -> None:
    stdin = (EXPLAIN / "go.txt").read_text(encoding="utf-8")
    result = run("explain", "-", str(EXPLAIN / "cpp.txt"), "--json", input=stdin)
    data = json.loads(result.stdout)
    assert [(e["code"], e["file"]) for e in data["errors"]] == [
        ("ResourceNotFound.OrganizationNodeNotExist", "standard input"),
        ("InternalError", str(EXPLAIN / "cpp.txt")),
    ]


def test_cli_explain_nothing_found_exits_1(run: Run) -> None:
    result = run("explain", str(EXPLAIN / "distractors.txt"))
    assert result.exit_code == 1
    assert result.stderr == f"tco-err: no Tencent Cloud error found in {EXPLAIN / 'distractors.txt'}\n"
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("make", "status", "message"),
    [
        (lambda p: p / "missing.txt", 2, "no such file"),
        (lambda p: p, 2, "is a directory"),
        (lambda p: _write(p / "empty.txt", b""), 1, "is empty"),
        (lambda p: _write(p / "nul.bin", b"\0" * 4096), 1, "is empty"),
        (lambda p: _write(p / "junk.bin", bytes(range(256)) * 64), 1, "no Tencent Cloud error found"),
        (lambda p: _write(p / "truncated.json", b'{"Response":{"Error":{"Code":"InternalError","Mess'), 0, ""),
    ],
)
def test_cli_explain_bad_input_is_one_line_never_a_traceback(
    run: Run, tmp_path: Path, make: object, status: int, message: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    result = run("explain", str(path))
    assert result.exit_code == status
    assert "Traceback" not in result.stdout + result.stderr
    if message:
        assert message in result.stderr and len(result.stderr.splitlines()) == 1


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_utf16_with_bom_is_read(tmp_path: Path, run: Run) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(b"\xff\xfe" + (EXPLAIN / "tccli.txt").read_text(encoding="utf-8").encode("utf-16-le"))
    result = run("explain", str(path), "--json")
    assert json.loads(result.stdout)["errors"][0]["code"] == "FailedOperation.ShareNodeExisted"


def test_hostile_text_is_shown_inert(run: Run) -> None:
    hostile = (
        "[TencentCloudSDKError] Code=InternalError, Message=\x1b[31m[bold]boom[/bold]\x1b]8;;http://evil\x07"
        "\u202eevil\r, RequestId=r-1\n"
    )
    for env in ({}, {"FORCE_COLOR": "1"}):
        out = run("explain", "-", input=hostile, env=env).stdout
        assert "\x1b]8" not in out and "\u202e" not in out and "\r" not in out and "\x07" not in out
        assert "\\x1b]8;;http://evil" in out
        assert "[bold]boom[/bold]" in out  # shown as text, not interpreted as markup
    data = run("explain", "-", "--json", input=hostile).stdout
    assert "\u202e" not in data and "\\u202e" in data


@pytest.mark.parametrize("name", ["python-cam-multiline.txt", "go.txt", "records.jsonl", "terraform.txt", "http-dump.txt"])
def test_windows_line_endings_give_the_same_findings(name: str) -> None:
    unix = report(name)["errors"]
    crlf = explain((EXPLAIN / name).read_bytes().replace(b"\n", b"\r\n"), now=NOW).to_dict(Lang.EN)["errors"]
    assert [(e["code"], e["request_id"], e["message"], e["line"]) for e in crlf] == [
        (e["code"], e["request_id"], e["message"], e["line"]) for e in unix
    ]


def test_an_error_after_much_other_json_is_still_parsed_as_json() -> None:
    noise = "".join(f'{{"level":"info","n":{i}}}\n' for i in range(5000))  # 128 KB of JSON without errors
    rid = "9d8c7b6a-5f4e-4d3c-8b2a-190817263544"
    text = noise + f'{{"Response":{{"Error":{{"Code":"InternalError","Message":"boom"}},"RequestId":"{rid}"}}}}\n'
    (item,) = explain(text).errors
    assert (item.finding.code, item.finding.request_id, item.finding.source) == ("InternalError", rid, "json")
    assert item.finding.line == 5001


def test_cam_denial_uses_the_resource_it_names_and_never_fills_in_a_star() -> None:
    nxt = report("cam-resource-next-line.txt")["errors"][0]
    assert nxt["policy"]["statement"][0]["resource"] == ["qcs::organization::uin/100000000001:organization/o-abc123"]
    none = report("cam-no-resource.txt")["errors"][0]
    assert none["policy"] is None
    assert "the message names no resource" in none["diagnosis"][0]
    named_star = report("cam-request-id-in-message.txt")["errors"][0]  # "resource (*)" is what CAM said
    assert named_star["policy"]["statement"][0] == {"effect": "allow", "action": ["sms:SendSms"], "resource": ["*"]}
    struct = report("go-struct-in-gateway-json.json")["errors"][0]
    assert struct["policy"]["statement"][0]["resource"] == ["qcs::cvm:ap-guangzhou:uin/100000000001:instance/*"]
    assert "no error code" not in " ".join(struct["diagnosis"])


def test_wrapped_paste_keeps_message_and_names_no_nonsense_parameter() -> None:
    item = report("wrapped-sdk.txt")["errors"][0]
    assert item["message"] == "参数错误"
    assert not any("parameter at fault" in line for line in item["diagnosis"])
    assert report("wrapped-plain.txt")["errors"][0]["diagnosis"] == ["The parameter at fault: NodeId."]


def test_message_only_text_infers_the_code() -> None:
    missing = report("php-missing-parameter.txt")["errors"][0]
    assert missing["diagnosis"][0] == "The parameter at fault: BeginTime."
    chinese = report("chinese-message-only.txt")["errors"][0]
    assert chinese["suggestions"] == ["InvalidParameter.OrganizationNotExist"]  # the other code with this message
    gateway = report("node-bad-gateway.txt")["errors"][0]
    assert gateway["diagnosis"][0].startswith("Not an API error: a gateway or proxy answered with a non-200")


def test_repeats_fold_into_one_finding_with_count_and_lines() -> None:
    (item,) = report("repeats.log")["errors"]
    assert (item["count"], item["lines"]) == (4, [1, 3, 5, 6])  # the last, without RequestId, folds in too


def test_errors_from_other_products_get_no_organization_advice() -> None:
    for name, service in (
        ("iot-timeout.txt", "iotexplorer"),
        ("terraform-cvm.txt", "cvm"),
        ("cam-request-id-in-message.txt", "sms"),
        ("go-struct-in-gateway-json.json", "cvm"),
        ("host-after-error.txt", "live"),  # the client's endpoint, pasted below the error
    ):
        item = report(name)["errors"][0]
        assert item["product"]["service"] == service, name
        assert item["diagnosis"][0].startswith(f"This error came from {service} "), name
        assert item["org_hint"] is None  # the catalogue's Organization-only advice; `hint` is product-neutral
        shown = json.dumps(item["diagnosis"], ensure_ascii=False)
        for organization_advice in ("QcloudOrganizationFullAccess", "management account", "Organization service"):
            assert organization_advice not in shown, (name, organization_advice)
    iot = report("iot-timeout.txt")["errors"][0]  # iotexplorer's own code: its official meaning, not a parent's
    assert iot["known"] is True and iot["parent"] is None
    assert (
        iot["description"] == "超过时间。"
    )  # the official text (data/reference), not the message and iot["products"][0]["service"] == "iotexplorer"
    assert iot["products"][0]["official_en"] is False


def test_organization_errors_keep_their_organization_advice() -> None:
    item = report("python-cam-multiline.txt")["errors"][0]
    assert item["product"]["service"] == "organization"
    assert not item["diagnosis"][0].startswith("This error came from")


def test_network_diagnosis_names_the_host_in_the_input() -> None:
    item = report("network-host.txt")["errors"][0]
    network = next(line for line in item["diagnosis"] if line.startswith("Not an API error"))
    assert "ssl.tencentcloudapi.com resolves" in network
    assert "organization.tencentcloudapi.com" not in network


def test_a_pipe_gets_each_finding_before_its_input_ends() -> None:
    """tail -f app.log | tco-err explain -: a finding is printed while the writer is still writing."""
    import select
    import subprocess
    import sys

    records = [
        (EXPLAIN / "go.txt").read_text(encoding="utf-8"),
        (EXPLAIN / "python-cam-multiline.txt").read_text(encoding="utf-8"),  # three lines: one record
        '{"Response":{"Error":{"Code":"InternalError","Message":"boom"},"RequestId":"9d8c7b6a-5f4e-4d3c-8b2a-190817263544"}}\n',
    ]
    expected = ["ResourceNotFound.OrganizationNodeNotExist", "UnauthorizedOperation", "InternalError"]
    for args in ([], ["--json-lines"]):
        proc = subprocess.Popen(
            [sys.executable, "-m", "tco_errcli", "explain", "-", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert proc.stdin is not None and proc.stdout is not None
        shown = b""
        for record, code in zip(records, expected, strict=True):
            proc.stdin.write(record.encode())
            proc.stdin.flush()
            # input stays open; the finding must come anyway (after the quiet-time flush)
            while code.encode() not in shown:
                ready, _, _ = select.select([proc.stdout], [], [], 60)
                assert ready, f"{code} not printed while input was still open ({args})"
                chunk = os.read(proc.stdout.fileno(), 65536)
                assert chunk, "explain ended before its input did"
                shown += chunk
        proc.stdin.close()
        shown += proc.stdout.read()
        proc.stdout.close()
        assert proc.stderr is not None
        proc.stderr.close()
        assert proc.wait(timeout=60) == 0
        last = shown.decode().strip().splitlines()
        assert last[-2].startswith("summary: 3 error(s)") or json.loads(last[-1])["summary"]["total"] == 3


def _generated_log(lines: int) -> str:
    noise = "2025-11-02 08:00:{s:02d} INFO request DescribeOrganization finished in {n}ms"
    error = (
        '2025-11-02 08:00:{s:02d} ERROR {{"Response":{{"Error":{{"Code":"AuthFailure.SignatureExpire","Message":'
        '"Signature expired."}},"RequestId":"00000000-0000-4000-8000-{n:012d}"}}}}'
    )
    sdk = "[TencentCloudSDKError] Code=InternalError, Message=m, RequestId=10000000-0000-4000-8000-{n:012d}"
    shapes = (noise, noise, noise, error, sdk, '{{"Code":"InternalError","Message":"m"}}')
    return "\n".join(shapes[n % len(shapes)].format(s=n % 60, n=n) for n in range(lines)) + "\n"


def test_explain_time_grows_linearly() -> None:
    """Same work on 4x the input takes at most ~4.5x the time (best of five, CPU time, small sizes)."""
    import gc
    import time

    small, large = _generated_log(2_000), _generated_log(8_000)

    def best(text: str) -> float:
        # the garbage collector's full passes over the whole suite's heap land on whichever run is unlucky:
        # collect first and keep it out of the timed part, so the ratio measures explain alone
        times = []
        for _ in range(5):
            gc.collect()
            gc.disable()
            try:
                start = time.process_time()
                explain(text)
                times.append(time.process_time() - start)
            finally:
                gc.enable()
        return min(times)

    explain(small)  # warm the catalogue and the compiled patterns
    ratio = best(large) / best(small)
    assert ratio <= 4.5 * 1.25, f"4x the input took {ratio:.1f}x the time"
    # one long line full of codes, and a log with no "Error" after its first lines: no rescans per match
    one_line = "".join(f'x{n:05d} Code="AuthFailure.X{n % 7}" ' for n in range(2_500))
    assert best(one_line * 4) / best(one_line) <= 4.5 * 1.25
    codes = "".join(f'{{"Code":"InternalError","Message":"m{n}"}}\n' for n in range(2_500))
    assert best(codes * 4) / best(codes) <= 4.5 * 1.25


URL_IN_MESSAGE = (
    "[TencentCloudSDKError] Code=InternalError, Message=An internal error has occurred, see "
    "https://cloud.tencent.com/document/product/850/63240#internal-error-and-what-to-do-about-it-in-detail "
    "for details., RequestId=5d6e7f80-9102-4b34-c5d6-e7f8091a2b3c\n"
)


@pytest.mark.parametrize("width", [50, 80, 120])
def test_terminal_explain_never_breaks_codes_ids_urls_or_the_policy(width: int) -> None:
    import io
    import re

    from tco_errcli.render.terminal import TerminalRenderer

    names = ["python-cam-multiline.txt", "go-struct-in-gateway-json.json", "repeats.log", "unknown-code.txt"]
    text = "".join((EXPLAIN / name).read_text(encoding="utf-8") for name in names) + URL_IN_MESSAGE
    found = explain(text, now=NOW)
    out = io.StringIO()
    TerminalRenderer(out, Lang.EN, no_color=True, width=width).report(found)
    shown = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue())
    lines = shown.splitlines()
    tokens = ["https://cloud.tencent.com/document/product/850/63240#internal-error-and-what-to-do-about-it-in-detail"]
    for item in found.errors:
        tokens += [item.finding.code or "", item.finding.request_id or ""]
        if item.policy:
            tokens += item.policy["statement"][0]["action"] + item.policy["statement"][0]["resource"]
            assert json.dumps(item.policy, indent=2) in shown  # a plain JSON block, outside any box
    for token in filter(None, tokens):
        assert any(token in line for line in lines), (width, token)
    assert not any(line.lstrip().startswith(("│", "╭", "╰")) for line in lines)
    diagnosis = lines.index("Diagnosis")
    assert diagnosis < lines.index("What to do") < lines.index("Message")  # the specific part first


def test_plain_explain_says_each_thing_once() -> None:
    import io

    from tco_errcli.render.plain import PlainRenderer

    out = io.StringIO()
    PlainRenderer(out, Lang.EN).report(explain((EXPLAIN / "python-server-network.txt").read_bytes()))
    lines = out.getvalue().splitlines()
    fields = [line.split(":", 1)[0] for line in lines]
    assert fields.index("diagnosis") < fields.index("hint") if "hint" in fields else True
    assert fields.count("message") == 1 and fields.count("retry") <= 1
    assert "\\r" not in out.getvalue() and "\r" not in out.getvalue()


def test_huge_logs_show_at_most_200_findings_and_summarise_the_rest() -> None:
    import io

    from tco_errcli.render.plain import PlainRenderer

    text = "".join(f"[TencentCloudSDKError] Code=ResourceNotFound.Thing{n}, Message=m{n}, RequestId=r{n}\n" for n in range(250))
    out = io.StringIO()
    PlainRenderer(out, Lang.EN).report(explain(text))
    shown = out.getvalue()
    assert "[200] ResourceNotFound.Thing199" in shown and "[201]" not in shown
    assert "not shown: 50 more distinct finding(s): ResourceNotFound.Thing200 x1 (line 201)" in shown
    last = shown.splitlines()[-2]  # then the verdict line
    assert last.startswith("summary: 250 error(s)")
    # the summary names the 20 commonest codes and counts the rest, so its line stays short on any log
    assert last.count(" x1 (line ") == 20 and last.endswith("… (+230 more)")


RETRIES = "".join(
    f"[TencentCloudSDKException] code:RequestLimitExceeded message:too fast requestId:{rid}\n"
    for rid in ("a1b2c3d4-0000-4000-8000-000000000001", "a1b2c3d4-0000-4000-8000-000000000002")
)


def test_a_folded_finding_keeps_every_request_id_in_order_and_the_last_for_a_ticket(run: Run) -> None:
    third = "a1b2c3d4-0000-4000-8000-000000000003"
    text = RETRIES + "noise\n" * 3 + RETRIES.splitlines()[0].replace("000000000001", "000000000003") + "\n"
    (item,) = explain(text).to_dict(Lang.EN)["errors"]
    assert item["request_id"] == "a1b2c3d4-0000-4000-8000-000000000001"  # the first, as before
    assert item["request_ids"] == [f"a1b2c3d4-0000-4000-8000-00000000000{n}" for n in (1, 2, 3)]
    assert (item["count"], item["request_id_count"], item["last_request_id"], item["last_line"]) == (3, 3, third, 6)
    # the first call's RequestId again, far below (not the same printing twice): the last occurrence is its
    again = explain(RETRIES + "noise\n" * 40 + RETRIES.splitlines()[0] + "\n").to_dict(Lang.EN)["errors"][0]
    assert (again["count"], again["request_id_count"], again["last_request_id"]) == (3, 2, item["request_id"])
    plain = run("explain", "-", input=text).stdout
    assert "request_ids: 3\n" in plain and f"last_request_id: {third}\n" in plain
    zh = run("explain", "-", "--lang", "zh", input=text).stdout
    assert f"最后一个 RequestId: {third}" in zh


def test_request_ids_stay_bounded_on_a_retry_storm() -> None:
    text = "".join(
        f"[TencentCloudSDKException] code:RequestLimitExceeded message:m requestId:a1b2c3d4-0000-4000-8000-{n:012d}\n"
        for n in range(300)
    )
    (item,) = explain(text).to_dict(Lang.EN)["errors"]
    assert len(item["request_ids"]) == 100 and item["request_id_count"] == 300
    assert item["last_request_id"] == "a1b2c3d4-0000-4000-8000-000000000299"


def test_the_summary_orders_codes_by_count_with_first_and_last_place_per_file(run: Run, tmp_path: Path) -> None:
    auth = RETRIES.splitlines()[0].replace("RequestLimitExceeded", "AuthFailure.SignatureExpire") + "\n"
    (tmp_path / "a.log").write_text(auth + RETRIES, encoding="utf-8")
    (tmp_path / "b.log").write_text("ok\n" + RETRIES, encoding="utf-8")
    result = run("explain", str(tmp_path / "a.log"), str(tmp_path / "b.log"), "--json")
    codes = json.loads(result.stdout)["summary"]["codes"]
    assert [(c["code"], c["count"]) for c in codes] == [("RequestLimitExceeded", 4), ("AuthFailure.SignatureExpire", 1)]
    first, last = codes[0], codes[0]
    assert (first["first_file"], first["first_line"]) == (str(tmp_path / "a.log"), 2)
    assert (last["last_file"], last["last_line"]) == (str(tmp_path / "b.log"), 3)
    plain = run("explain", str(tmp_path / "a.log"), str(tmp_path / "b.log")).stdout
    summary = next(line for line in plain.splitlines() if line.startswith("summary:"))
    a, b = tmp_path / "a.log", tmp_path / "b.log"
    assert summary.startswith(f"summary: 5 error(s): RequestLimitExceeded x4 (line {a}:2–{b}:3)")


def test_products_are_told_by_cam_prefix_host_terraform_type_and_action() -> None:
    from tco_errcli.explain.products import identify

    def service(message: str, near: str = "") -> str | None:
        product = identify(message, near)
        return None if product is None else (product.service or f"not organization: {product.name}")

    assert service("you are not authorized to perform operation (sms:SendSms)") == "sms"
    assert service("", "POST https://cvm.ap-guangzhou.tencentcloudapi.com/") == "cvm"
    assert service("", 'in resource "tencentcloud_cam_role" "r":') == "cam"
    assert service("", "with tencentcloud_instance.web,") == "cvm"
    assert service("", "X-TC-Action: PullSmsSendStatus") == "sms"  # only one service has this action
    assert service("", "X-TC-Action: SendSms") == "not organization: ic, sms"
    assert (service("", "X-TC-Action: DescribeInstances") or "").startswith("not organization: ")  # ambiguous
    assert service("", "X-TC-Action: DescribeOrganization") is None  # an Organization action: nothing to say
    assert service("Signature expired", "2025-11-02 INFO started") is None
    organization = identify("(organization:CreateOrganizationMember)")
    assert organization is not None and organization.is_organization
    # a host the services reference does not list is still a product, and not Organization
    assert service("", "ERROR host cos.tencentcloudapi.com {...}") == "cos"
    assert service("", "at com.tencentcloudapi.common.AbstractClient.internalRequest") is None  # Java's package


def test_the_errors_own_host_wins_over_a_host_on_another_line() -> None:
    log = (
        "2026-11-28 DEBUG POST https://cvm.tencentcloudapi.com/ X-TC-Action: DescribeInstances\n"
        '2026-11-28 ERROR host cos.tencentcloudapi.com {"Response":{"Error":{"Code":"AuthFailure.SignatureExpire",'
        '"Message":"Signature expired"},"RequestId":"11111111-2222-4333-8444-555555555555"}}\n'
    )
    [item] = explain(log).errors
    assert item.product is not None and item.product.service == "cos"
    assert item.to_dict(Lang.EN)["diagnosis"][0].startswith("This error came from cos (seen: host cos.tencentcloudapi.com)")


def test_system_policy_denial_of_an_unknown_product_gets_no_organization_diagnosis() -> None:
    paste = (
        "[TencentCloudSDKException] code:AuthFailure.UnauthorizedOperation message:操作未授权，请检查CAM策略。"
        "[[request id:57ee59b2-6bca-4500-91ca-7f9488782dcb]system policy not verify] "
        "requestId:57ee59b2-6bca-4500-91ca-7f9488782dcb\n"
    )
    [item] = explain(paste).errors
    assert item.product is None
    assert item.diagnosis[0].startswith("The system policy check failed: the caller may lack the product's basic")
    assert not any("Organization" in line for line in item.diagnosis)
    assert item.entry is not None and item.entry.org_hint is not None  # the Organization reading, under its own heading


def test_a_bare_cam_message_keeps_its_request_id_and_the_resource_on_the_next_line() -> None:
    # what a Node.js SDK user pastes: the server's message alone, wrapped where CAM put its newline
    paste = (
        "[DescribeEnv] You are not authorized to perform this operation. Check your CAM policies, and ensure that you "
        "are using the correct access keys. [[request id:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d]you are not authorized "
        "to perform operation (tcb:DescribeEnv)\n"
        "resource (qcs::tcb:ap-guangzhou::env/demo-1a2b3c) has no permission\n"
        "]\n"
    )
    [item] = explain(paste).errors
    assert item.finding.code == "AuthFailure.UnauthorizedOperation" and item.finding.inferred
    assert item.finding.request_id == "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
    assert item.policy is not None
    assert item.policy["statement"][0]["resource"] == ["qcs::tcb:ap-guangzhou::env/demo-1a2b3c"]
    assert item.product is not None and item.product.service == "tcb"


def test_a_code_named_in_prose_is_not_called_inferred() -> None:
    line = (
        "2026-02-12 14:43:06 app [error]: translate fail: RequestLimitExceeded, Your current request times equals to "
        "`7` in a second, which exceeds the frequency limit `5` for a second. Please reduce the frequency of calls.\n"
    )
    [item] = explain(line).errors
    assert item.finding.code == "RequestLimitExceeded" and not item.finding.inferred
    assert not any("carries no error code" in d for d in item.diagnosis)
    assert item.diagnosis[0].startswith("Called 7 times per second against a limit of 5")


def test_a_java_exception_wrapped_by_the_sdk_is_a_client_side_finding() -> None:
    reset = explain("[TencentCloudSDKException]message:java.net.SocketException-Connection reset requestId\n").errors
    assert [(i.finding.code, i.finding.client_side, i.finding.message) for i in reset] == [
        ("java.net.SocketException", True, "Connection reset")
    ]
    assert reset[0].diagnosis[0].startswith("Not an API error: the SDK could not reach the endpoint")
    argument = explain("[TencentCloudSDKException]message:java.lang.IllegalArgumentException-bad region requestId:\n")
    assert argument.errors[0].diagnosis[0].startswith("Not an API error: the SDK failed on the client side")


@pytest.mark.parametrize(("width", "lang"), [(50, Lang.EN), (80, Lang.EN), (50, Lang.ZH), (120, Lang.ZH)])
def test_the_terminal_summary_fits_the_width_and_never_breaks_a_code(width: int, lang: Lang) -> None:
    import io
    import re

    from tco_errcli.render.terminal import TerminalRenderer

    codes = ["InvalidParameterValue.InstanceTypeNotSupported", "ResourceInsufficient.SpecifiedInstanceType"] * 2
    text = "".join(f"[TencentCloudSDKError] Code={code}, Message=m, RequestId=r{n}\n" for n, code in enumerate(codes))
    out = io.StringIO()
    TerminalRenderer(out, lang, no_color=True, width=width).summary(explain(text), 0)
    lines = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue()).splitlines()
    assert all(len(line) <= width for line in lines), lines
    words = " ".join(lines).split()
    for code in set(codes):
        assert code in words, (width, code, lines)


def test_past_the_cap_of_distinct_findings_occurrences_are_still_counted(run: Run) -> None:
    from tco_errcli.explain import fold

    extra = 30
    text = "".join(
        f"[TencentCloudSDKError] Code=FailedOperation.NodeNotEmpty, Message=node n{n} is not empty, RequestId=r{n}\n"
        for n in range(fold.MAX_FINDINGS + extra)
    )
    found = explain(text)
    assert len(found.errors) == fold.MAX_FINDINGS
    assert found.total == fold.MAX_FINDINGS + extra  # the total stays exact
    summary = found.summary_dict()
    assert summary["by_code"] == {"FailedOperation.NodeNotEmpty": fold.MAX_FINDINGS + extra}
    assert summary["beyond_cap"] == extra
    plain = run("explain", "-", input=text).stdout
    assert f"counted only: {extra} occurrence(s) of findings past the first 10,000 distinct ones" in plain
