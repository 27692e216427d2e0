"""Issue #24's command-line, cookie, URL and label-layout shapes: what they must leave shown (a RequestId next to
key=, ordinary cookies, the API's rule text after "Password:", ports and user ids on a command line), and the
fields a password reaches besides a message (a finding's code, the row of a CSV)."""

from __future__ import annotations

import json
import time

import pytest

from tco_errcli.redact import MASK, redact

from .conftest import Run

RID = "3f1e2d4c-1111-4222-8333-444455556666"
SDK = "[TencentCloudSDKError] Code=FailedOperation, Message={}, RequestId=" + RID


def explained(run: Run, text: str) -> dict[str, object]:
    result = run("explain", "-", "--json", input=text)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def only_message(run: Run, text: str) -> str:
    (error,) = explained(run, text)["errors"]  # type: ignore[misc]
    return str(error["message"])


def test_the_apis_rule_for_a_password_is_shown_and_a_password_still_masked(run: Run) -> None:
    rule = "Password: must contain 8-30 characters, including uppercase letters, lowercase letters and digits."
    assert only_message(run, SDK.format(rule) + "\n") == rule
    assert only_message(run, SDK.format("Password: Tr0ub4dor-3x")) == f"Password: {MASK}"
    assert only_message(run, SDK.format("Password: correct horse battery staple")) == f"Password: {MASK}"


@pytest.mark.parametrize(
    "text",
    [
        f"GET /v1/objects?key={RID}&limit=10",  # key= with no webhook: an object's ID
        "Cookie: uin=o0100000000001; lang=zh; qcloud_uid=abc123def456; qcloud_from=qcloud.google.seo",
        "docker run -u 1000:1000 -p 8080:80 nginx; mkdir -p /data; find . -print",
        "SessionId=sess-12345678abcd, InstanceId=ins-5d8a23rs",  # an API's SessionId, no cookie
        "password (optional), the token for this request is expired",
        "The value 'ins-5d8a23rs' of parameter InstanceId is invalid",
        "connect to db/primary@10.0.0.8 failed, signature=none",
        "CredentialId: scimcred-un1tgbnt0s9j, encryptionKeyId: kms-3f8a9b2c1d0e",  # IDs, not keys
        f"invalid token {RID} for this session",  # a RequestId after "token" is no token
    ],
)
def test_ordinary_values_beside_the_new_shapes_are_shown(run: Run, text: str) -> None:
    assert only_message(run, SDK.format(text)) == text


def test_a_webhook_key_is_masked_and_the_request_id_beside_it_is_not(run: Run) -> None:
    key = "1f825962-aa47-4c49-882e-afae3f201619"
    (error,) = explained(run, SDK.format(f"POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={key} failed"))["errors"]  # type: ignore[misc]
    assert error["message"] == f"POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={MASK} failed"
    assert error["request_id"] == RID


def test_session_cookies_are_masked_and_the_others_kept() -> None:
    shown, count = redact("Cookie: uin=o0100000000001; skey=@KAGYX5X8Y; p_skey=f-J00UVstnF-6nvU8URq; lang=zh\n")
    assert shown == f"Cookie: uin=o0100000000001; skey={MASK}; p_skey={MASK}; lang=zh\n" and count == 2


def test_a_csv_column_of_token_counts_is_no_secret() -> None:
    text = "model,prompt_tokens,token_count\nhunyuan,12345678,87654321\n"
    assert redact(text) == (text, 0)


def test_a_csv_masks_the_labelled_column_only() -> None:
    shown, _ = redact(
        "name,secret_key,region\nprod,JainQtWJ5BMEVfWadkhZPOQqY7TvysLi,ap-shanghai\ntest,Qm9vYmFyYmF6cXV4MTIz,ap-beijing\n"
    )
    assert shown == f"name,secret_key,region\nprod,{MASK},ap-shanghai\ntest,{MASK},ap-beijing\n"


def test_a_password_shaped_like_a_code_is_no_code(run: Run) -> None:
    """An unknown code equal to a labelled password is masked in the finding's code; a password equal to a code
    of the catalogue is not taken for a finding of its own (its line is no error)."""
    text = f"db_password: TencentCloudRocks.Forever\n{SDK.replace('FailedOperation', 'TencentCloudRocks.Forever').format('x')}\n"
    (error,) = explained(run, text)["errors"]  # type: ignore[misc]
    assert error["code"] == MASK and error["request_id"] == RID
    text = f"password=ResourceNotFound.NodeNotExist\n{SDK.format('password=ResourceNotFound.NodeNotExist rejected')}\n"
    (error,) = explained(run, text)["errors"]  # type: ignore[misc]
    assert error["code"] == "FailedOperation" and error["message"] == f"password={MASK} rejected"


@pytest.mark.parametrize("password", ['":"', '","', '{"}', '\\"\\\\'])
def test_a_password_of_quotes_and_punctuation_is_masked_in_text(run: Run, password: str) -> None:
    """Cut at its first quote, such a password was too short to learn: it is learned whole, in the text of the
    input and in an API response's Message, and the JSON stays whole."""
    response = {"Response": {"Error": {"Code": "FailedOperation", "Message": f"password={password}"}, "RequestId": RID}}
    text = f"password={password}\n{json.dumps({'password': password})}\n{json.dumps(response)}\n"
    result = run("explain", "-", input=text)
    assert f"password={password}" not in result.stdout and f"password={MASK}" in result.stdout
    (error,) = explained(run, text)["errors"]  # type: ignore[misc]
    assert error["message"] == f"password={MASK}" and error["request_id"] == RID


def test_a_large_labelled_log_is_masked_in_linear_time() -> None:
    """The new rules are tried where their keyword stands, anchored and bounded: twice the log, about twice the time."""
    line = "2025-11-02 INFO login password=Pw{:06d}x token refresh ok Cookie: skey=@K{:06d}; mysql -uroot -pX{:06d}\n"
    times = []
    for lines in (600, 1200):  # 3 values a line: under the 4,096 a run remembers
        text = "".join(line.format(i, i, i) for i in range(lines))
        start = time.perf_counter()
        shown, _ = redact(text)
        times.append(time.perf_counter() - start)
        assert "Pw000001x" not in shown and "@K000001" not in shown and "X000001" not in shown
    assert times[1] < times[0] * 3 + 0.2
