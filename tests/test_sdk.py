"""Real TencentCloudSDKException objects from the official Python SDK, against a local fake Organization API."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.organization.v20210331 import models, organization_client

from tco_errcli import explain

from .fake_api import FakeApi, api_error, serve

SECRET_ID = "AKIDfakeFAKEfake0000000000000000test"
SECRET_KEY = "fakeFAKEfake0000000000000000key0"


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with serve() as address:
        yield address


def client(endpoint: str, language: str = "en-US") -> organization_client.OrganizationClient:
    cred = credential.Credential(SECRET_ID, SECRET_KEY)
    profile = ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=endpoint, reqTimeout=5), language=language)
    return organization_client.OrganizationClient(cred, "", profile)


def call(endpoint: str, answer: tuple[int, str, bytes], language: str = "en-US") -> TencentCloudSDKException:
    FakeApi.queue.append(answer)
    with pytest.raises(TencentCloudSDKException) as caught:
        client(endpoint, language).DescribeOrganization(models.DescribeOrganizationRequest())
    return caught.value


@pytest.mark.parametrize(
    ("code", "message", "language"),
    [
        (
            "AuthFailure.SignatureExpire",
            "Signature expired. Timestamp and server time cannot differ by more than 5 minutes.",
            "en-US",
        ),
        ("FailedOperation.NodeNotEmpty", "企业组织单元成员不为空。", "zh-CN"),
        ("ResourceNotFound.OrganizationNotExist", "The organization does not exist.", "en-US"),
        ("RequestLimitExceeded", "您当前每秒请求 `103` 次，超过了每秒频率上限 `100`，请稍后重试。", "zh-CN"),
    ],
)
def test_real_sdk_exception_is_explained(endpoint: str, code: str, message: str, language: str) -> None:
    exc = call(endpoint, api_error(code, message, "11111111-2222-4333-8444-555555555555"), language)
    assert FakeApi.seen[-1]["X-TC-Language"] == language
    for source in (exc, str(exc)):
        report = explain(source, lang="zh" if language == "zh-CN" else "en")
        (item,) = report["errors"]
        assert item["code"] == code and item["known"] is True and item["inferred"] is False
        assert item["request_id"] == "11111111-2222-4333-8444-555555555555"
        assert item["message"] == message
    if code == "RequestLimitExceeded":
        assert item["diagnosis"] == ["每秒调用 103 次，上限为 100 次/秒：请至少降低到上限以下并加入退避。"]


def test_real_cam_denial_gives_a_policy(endpoint: str) -> None:
    message = (
        "[request id:9f8e7d6c-5b4a-4321-8fed-cba987654321]you are not authorized to perform operation "
        "(organization:DescribeOrganization)\nresource (*) has no permission\n"
    )
    exc = call(endpoint, api_error("UnauthorizedOperation", message, "9f8e7d6c-5b4a-4321-8fed-cba987654321"))
    (item,) = explain(exc)["errors"]
    assert item["policy"]["statement"][0]["action"] == ["organization:DescribeOrganization"]


def test_gateway_502_is_a_client_side_error(endpoint: str) -> None:
    exc = call(endpoint, (502, "text/html", b"<html><body><h1>502 Bad Gateway</h1></body></html>\r\n"))
    assert exc.get_code() == "ServerNetworkError"
    (item,) = explain(exc)["errors"]
    assert item["client_side"] is True and item["known"] is False
    assert item["diagnosis"][0].startswith("Not an API error: a gateway or proxy answered")


def test_sdk_debug_log_is_one_error_and_no_secret(endpoint: str) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(filename)s L%(lineno)s %(levelname)s %(message)s"))
    logger = logging.getLogger("tencentcloud_sdk_common")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        exc = call(endpoint, api_error("AuthFailure.SignatureFailure", "The provided credentials could not be validated.", "r-1"))
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    log = stream.getvalue() + f"\nTraceback (most recent call last):\n{type(exc).__module__}.{type(exc).__name__}: {exc}\n"
    assert SECRET_ID in log  # the SDK logged the Authorization header in clear
    report = explain(log)
    assert [e["code"] for e in report["errors"]] == ["AuthFailure.SignatureFailure"]
    assert report["redacted"] >= 2
    assert SECRET_ID not in json.dumps(report)
