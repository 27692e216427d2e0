"""Per-finding facts drawn from the input: clock skew, the CAM action and its minimal policy, the parameter,
the throttling rate, and what a client-side (not API) failure means."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from .model import Finding, Lang, Neighbourhood

WINDOW_SECONDS = 300

CAM_ACTION = re.compile(r"perform operation \((?P<action>[a-z][a-z0-9_-]{0,40}:[A-Za-z0-9*]{1,100})\)")
CAM_RESOURCE = re.compile(r"resource \((?P<resource>[^()\s]{1,500})\)")
PARAMETER = (
    re.compile(r"(?i:\bparameter)s?\s{1,3}[`'\"“]?(?P<name>[A-Z][A-Za-z0-9.]{0,80})[`'\"”]?"),
    re.compile(r"参数\s{0,2}[`'\"“]?(?P<name>[A-Za-z][A-Za-z0-9.]{0,80})[`'\"”]?"),
    re.compile(r"[`'\"“](?P<name>[A-Z][A-Za-z0-9]{1,80})[`'\"”]\s{0,3}(?:is|不|参数|取值|必须|格式|不能|的值)"),
)
RATE = re.compile(r"`(?P<now>\d{1,9})`[^`]{0,120}?`(?P<limit>\d{1,9})`")
X_TC_TIMESTAMP = re.compile(r"(?i:x-tc-timestamp)\s{0,3}[:=]\s{0,3}[\"']?(?P<ts>\d{9,11})\b")
TIMESTAMP_PARAM = re.compile(r"[\"']?Timestamp[\"']?\s{0,3}[:=]\s{0,3}[\"']?(?P<ts>\d{9,11})\b")
DATE_HEADER = re.compile(
    r"(?im)^[<>\s]{0,8}Date:\s{0,3}[A-Z][a-z]{2}, (?P<day>\d{1,2}) (?P<month>[A-Z][a-z]{2}) (?P<year>\d{4}) "
    r"(?P<h>\d{2}):(?P<m>\d{2}):(?P<s>\d{2}) GMT"
)
MONTHS = {m: i for i, m in enumerate(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1)}
HOST = re.compile(
    r"\b(?P<host>[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9][a-z0-9-]{0,62}){1,6}\.(?:com|cn|net|org|io|internal|local))\b"
)
NOT_A_PARAMETER = {"is", "the", "value", "error", "invalid", "missing", "required", "name", "format"}
LOG_TIME = re.compile(r"(?P<ts>\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2})(?P<frac>[.,]\d{1,9})?(?P<tz>Z|[+-]\d{2}:?\d{2})?")

CLIENT_SIDE: dict[str, tuple[str, str]] = {
    "network": (
        "Not an API error: the SDK could not reach the endpoint (DNS, proxy, firewall, TLS or timeout). Check "
        "that {host} resolves and is reachable from this host (curl -v), proxy variables "
        "(HTTPS_PROXY), and the SDK's timeout; retrying with backoff is safe.",
        "不是 API 返回的错误：SDK 无法连到接口域名（DNS、代理、防火墙、TLS 或超时）。请检查本机能否解析并访问 "
        "{host}（curl -v）、代理变量（HTTPS_PROXY）以及 SDK 超时设置；可以退避重试。",
    ),
    "http": (
        "Not an API error: a gateway or proxy answered with a non-200 HTTP status (for example 502), so there is "
        "no API error code. Check any proxy between you and Tencent Cloud, then retry with backoff; Tencent Cloud "
        "APIs themselves answer 200 even for errors.",
        "不是 API 返回的错误：网关或代理返回了非 200 的 HTTP 状态（如 502），因此没有 API 错误码。请检查您与腾讯云之间"
        "的代理，然后退避重试；腾讯云 API 即使出错也返回 200。",
    ),
    "parse": (
        "Not an API error: the SDK could not parse the response (a body without 'Response', HTML from a proxy, "
        "or a truncated reply). Check the endpoint and any proxy, and upgrade the SDK.",
        "不是 API 返回的错误：SDK 无法解析响应（缺少 'Response'、代理返回的 HTML 或被截断的响应）。请检查请求域名与代理，"
        "并升级 SDK。",
    ),
    "credential": (
        "Not an API error: the SDK rejected the credentials before sending (empty, or with spaces). Check "
        "TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY or your credential file for empty values and whitespace; "
        "`tco-err doctor` checks them.",
        "不是 API 返回的错误：SDK 在发送前就拒绝了凭证（为空或含空格）。请检查 TENCENTCLOUD_SECRET_ID / "
        "TENCENTCLOUD_SECRET_KEY 或凭证文件中的空值和空白；`tco-err doctor` 可帮助检查。",
    ),
    "client": (
        "Not an API error: the SDK failed on the client side (bad parameters for the SDK call, or an exception "
        "inside the SDK). Read the message, check the SDK call's arguments and the SDK version.",
        "不是 API 返回的错误：SDK 在客户端出错（SDK 调用参数错误或 SDK 内部异常）。请阅读错误信息，检查 SDK 调用的参数和 "
        "SDK 版本。",
    ),
}


# Java's exceptions for a request that never got an answer (the Java SDK wraps them as its message)
JAVA_NETWORK = ("java.net.", "javax.net.ssl.", "java.io.interruptedioexception", "java.io.eofexception")


def _java_network(lowered: str) -> bool:
    return lowered.startswith(JAVA_NETWORK)


def client_side_kind(code: str) -> str:
    lowered = code.lower()
    if lowered == "servernetworkerror":  # the Python SDK's name for any non-200 HTTP status
        return "http"
    if "network" in lowered or lowered in {"dnserror", "connectionerror", "sslerror"} or _java_network(lowered):
        return "network"
    if (
        "httpstatus" in lowered
        or "gateway" in lowered
        or lowered in {"serversideerror", "service unavailable", "internal server error"}
    ):
        return "http"
    if "parse" in lowered or lowered in {"keyerror", "jsondecodeerror", "valueerror"}:
        return "parse"
    if "credential" in lowered:
        return "credential"
    return "client"


def cam_policy(message: str, neighbourhood: str = "") -> tuple[str | None, str | None, dict[str, Any] | None]:
    """The CAM action and resource named in a denial, and the smallest policy that would allow it.

    The resource comes from the denial itself (the message, or the line after it when the message was cut at a
    newline); when none is named there is no policy: a guessed "*" would grant far more than was asked.
    """
    text = message.replace("\\/", "/")
    action_match = CAM_ACTION.search(text)
    if not action_match:
        return None, None, None
    action = action_match.group("action")
    resource_match = CAM_RESOURCE.search(text, action_match.end())
    if resource_match is None and neighbourhood:
        near = neighbourhood.replace("\\/", "/")
        at = near.find(action)
        resource_match = CAM_RESOURCE.search(near, at if at != -1 else 0)
    if resource_match is None:
        return action, None, None
    resource = resource_match.group("resource")
    policy = {"version": "2.0", "statement": [{"effect": "allow", "action": [action], "resource": [resource]}]}
    return action, resource, policy


def parameter_name(message: str) -> str | None:
    for regex in PARAMETER:
        for match in regex.finditer(message):
            name = match.group("name")
            # a code ("InvalidParameterValue.X") or a common word is not a parameter name
            if name.lower() not in NOT_A_PARAMETER and "Parameter" not in name and not name.endswith("."):
                return name.rstrip(".")
    return None


def _fmt_delta(seconds: float, lang: Lang) -> str:
    total = int(abs(seconds))
    minutes, secs = divmod(total, 60)
    hours, minutes = divmod(minutes, 60)
    if lang is Lang.ZH:
        return (f"{hours} 小时 " if hours else "") + f"{minutes} 分 {secs} 秒"
    return (f"{hours}h " if hours else "") + f"{minutes}m {secs}s"


def request_time(text: str) -> tuple[datetime, str] | None:
    """The request's own timestamp (X-TC-Timestamp header, or the Timestamp parameter) in text, if any."""
    for regex, label in ((X_TC_TIMESTAMP, "X-TC-Timestamp"), (TIMESTAMP_PARAM, "Timestamp parameter")):
        match = regex.search(text) if "imestamp" in text else None
        if match:
            return datetime.fromtimestamp(int(match.group("ts")), tz=UTC), label
    return None


def log_time(line: str) -> datetime | None:
    """A log line's own timestamp, when it carries a time zone."""
    match = LOG_TIME.search(line[:64])
    if match and match.group("tz"):
        raw = match.group("ts").replace(" ", "T") + match.group("tz").replace("Z", "+00:00")
        try:
            return datetime.fromisoformat(raw)
        except ValueError:
            return None
    return None


def server_date(text: str) -> datetime | None:
    """The HTTP Date header (RFC 7231 IMF-fixdate); email.utils would cost 6 ms of start-up for this."""
    match = DATE_HEADER.search(text) if "Date:" in text else None
    if not match or match.group("month") not in MONTHS:
        return None
    try:
        return datetime(
            int(match.group("year")),
            MONTHS[match.group("month")],
            int(match.group("day")),
            int(match.group("h")),
            int(match.group("m")),
            int(match.group("s")),
            tzinfo=UTC,
        )
    except ValueError:
        return None


def host(text: str) -> str | None:
    """The first API host text names (a Tencent Cloud endpoint first, then any host)."""
    if "tencentcloudapi.com" in text:
        at = text.find("tencentcloudapi.com")
        start = max(0, at - 100)
        match = HOST.search(text, start, at + len("tencentcloudapi.com"))
        if match and match.group("host").endswith("tencentcloudapi.com"):
            return match.group("host")
    match = HOST.search(text)
    return match.group("host") if match else None


def clock_skew(finding: Finding, near: Neighbourhood, lang: Lang, now: datetime | None = None) -> list[str]:
    stamp = near.request_time
    if stamp is None:
        at = log_time(near.line_text)
        stamp = (at, "log timestamp") if at else None
    request, label = stamp if stamp else (None, "")
    server = near.server_date
    if request is not None and server is not None:
        skew = (request - server).total_seconds()
        direction = ("ahead of" if skew > 0 else "behind") if lang is Lang.EN else ("快于" if skew > 0 else "慢于")
        outside = abs(skew) > WINDOW_SECONDS
        if lang is Lang.ZH:
            verdict = "超出 5 分钟窗口" if outside else "在 5 分钟窗口内（请检查签名是否在发送很久之前生成）"
            return [
                f"请求时间（{label}）{request:%Y-%m-%d %H:%M:%S} UTC {direction}服务器 Date 头"
                f" {server:%H:%M:%S} UTC 共 {_fmt_delta(skew, lang)}：{verdict}。"
            ]
        verdict = (
            "outside the 5-minute window"
            if outside
            else ("inside the 5-minute window (check that the request was not signed long before it was sent)")
        )
        return [
            f"Request time ({label}) {request:%Y-%m-%d %H:%M:%S} UTC is {_fmt_delta(skew, lang)} {direction} "
            f"the server's Date header {server:%H:%M:%S} UTC: {verdict}."
        ]
    now = now or datetime.now(UTC)
    if lang is Lang.ZH:
        note = [
            f"本机当前时间（UTC）：{now:%Y-%m-%d %H:%M:%S}。服务器只接受时间戳与其时间相差 5 分钟以内的请求；"
            "请用 `timedatectl status` 或 `chronyc tracking` 确认 NTP 已同步。"
        ]
        if request is not None:
            note.insert(0, f"请求时间（{label}）：{request:%Y-%m-%d %H:%M:%S} UTC（输入中没有服务器 Date 头可供比较）。")
        return note
    note = [
        f"This machine's clock reads {now:%Y-%m-%d %H:%M:%S} UTC. The server accepts a request only if its "
        "timestamp is within 5 minutes of server time; check NTP sync with `timedatectl status` or "
        "`chronyc tracking`."
    ]
    if request is not None:
        note.insert(
            0, f"Request time ({label}): {request:%Y-%m-%d %H:%M:%S} UTC (no server Date header in the input to compare with)."
        )
    return note


def diagnose(
    finding: Finding, near: Neighbourhood, lang: Lang, now: datetime | None = None
) -> tuple[list[str], dict[str, Any] | None]:
    """Diagnosis lines for one finding, from its own text and neighbourhood, and a CAM policy where one applies."""
    code = finding.code or ""
    zh = lang is Lang.ZH
    lines: list[str] = []
    policy = None
    if finding.client_side:
        kind = client_side_kind(code)
        en_text, zh_text = CLIENT_SIDE[kind]
        if kind == "network":
            shown = host(finding.message) or near.host or "the API endpoint"
            en_text, zh_text = en_text.format(host=shown), zh_text.format(host=shown if near.host or "." in shown else "接口域名")
        lines.append(zh_text if zh else en_text)
    if code == "AuthFailure.SignatureExpire":
        lines += clock_skew(finding, near, lang, now)
    if code in {"UnauthorizedOperation", "AuthFailure.UnauthorizedOperation"} or code.startswith("UnauthorizedOperation"):
        action, resource, policy = cam_policy(finding.message, near.record)
        if action and resource:
            lines.append(
                f"CAM 拒绝了操作 {action}，资源 {resource}。请为调用身份授予下面的策略（或包含它的预设策略）。"
                if zh
                else f"CAM denied action {action} on resource {resource}. Grant the caller the policy below "
                "(or a preset policy that includes it)."
            )
        elif action:
            lines.append(
                f"CAM 拒绝了操作 {action}；错误信息没有给出资源，因此这里不给出策略：请授予该操作，资源限定为您要操作的资源。"
                if zh
                else f"CAM denied action {action}; the message names no resource, so no policy is suggested here: "
                "grant that action on the resource you are working with."
            )
        elif "system policy not verify" in finding.message:
            # product-neutral even when the product is unknown: the Organization reading, if it applies, is the
            # entry's org_hint, shown under its own heading
            lines.append(
                "未满足系统策略校验：调用身份可能缺少该产品的基础权限，或调用身份类型不被该接口接受。"
                if zh
                else "The system policy check failed: the caller may lack the product's basic permissions, or the "
                "API does not accept this kind of caller."
            )
    if code.startswith(("InvalidParameter", "MissingParameter", "UnknownParameter")):
        name = parameter_name(finding.message)
        if name:
            lines.append(f"出问题的参数：{name}。" if zh else f"The parameter at fault: {name}.")
    if code.startswith("RequestLimitExceeded"):
        rate = RATE.search(finding.message)
        if rate:
            lines.append(
                f"每秒调用 {rate.group('now')} 次，上限为 {rate.group('limit')} 次/秒：请至少降低到上限以下并加入退避。"
                if zh
                else f"Called {rate.group('now')} times per second against a limit of {rate.group('limit')}: slow "
                "down below the limit and add backoff."
            )
    if finding.inferred:
        lines.append(
            f"原始输出中没有错误码；根据错误信息推断，置信度 {finding.confidence:.0%}。"
            if zh
            else f"The input carries no error code; inferred from the message with {finding.confidence:.0%} confidence."
        )
    return lines, policy
