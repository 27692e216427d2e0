"""Per-finding facts drawn from the finding and its neighbourhood: clock skew, the CAM action and its minimal
policy, the parameter, the throttling rate, and what a client-side (not API) failure means. Its words are
words/diagnosis.py's."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tco_errcli.model import Finding, Lang, Neighbourhood
from tco_errcli.model.patterns import lazy
from tco_errcli.words import message

from .context import host, log_time

WINDOW_SECONDS = 300

CAM_ACTION = lazy(r"perform operation \((?P<action>[a-z][a-z0-9_-]{0,40}:[A-Za-z0-9*]{1,100})\)")
CAM_RESOURCE = lazy(r"resource \((?P<resource>[^()\s]{1,500})\)")
PARAMETER = (
    lazy(r"(?i:\bparameter)s?\s{1,3}[`'\"“]?(?P<name>[A-Z][A-Za-z0-9.]{0,80})[`'\"”]?"),
    lazy(r"参数\s{0,2}[`'\"“]?(?P<name>[A-Za-z][A-Za-z0-9.]{0,80})[`'\"”]?"),
    lazy(r"[`'\"“](?P<name>[A-Z][A-Za-z0-9]{1,80})[`'\"”]\s{0,3}(?:is|不|参数|取值|必须|格式|不能|的值)"),
)
RATE = lazy(r"`(?P<now>\d{1,9})`[^`]{0,120}?`(?P<limit>\d{1,9})`")
NOT_A_PARAMETER = {"is", "the", "value", "error", "invalid", "missing", "required", "name", "format"}
# Java's exceptions for a request that never got an answer (the Java SDK wraps them as its message)
JAVA_NETWORK = ("java.net.", "javax.net.ssl.", "java.io.interruptedioexception", "java.io.eofexception")


def _java_network(lowered: str) -> bool:
    return lowered.startswith(JAVA_NETWORK)


CREDENTIAL_NAMES = ("SecretId", "SecretKey", "Token")
SIGNING_METHOD = lazy(r"(?i:too large|too long|hmacsha1|hmacsha256|hmac-sha1|hmac-sha256|signaturemethod)")
JSON_PARSE = ("JsonParseFail", "JsonParseError", "JSONParseError", "ParseJsonError", "JsonFormatError")


def client_side_kind(code: str, http_status: int | None = None) -> str:
    if http_status is not None:  # a gateway's status, no API code
        return "http"
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
    return message("diagnosis.delta.hours" if hours else "diagnosis.delta", lang, hours=hours, minutes=minutes, seconds=secs)


def clock_skew(finding: Finding, near: Neighbourhood, lang: Lang, now: datetime | None = None) -> list[str]:
    stamp = near.request_time
    if stamp is None:
        at = log_time(near.line_text)
        stamp = (at, "diagnosis.stamp.log") if at else None
    request, label = stamp if stamp else (None, "")
    server = near.server_date
    if request is not None and server is not None:
        skew = (request - server).total_seconds()
        return [
            message(
                "diagnosis.skew",
                lang,
                label=message(label, lang),
                request=request,
                server=server,
                delta=_fmt_delta(skew, lang),
                direction=message("diagnosis.skew.ahead" if skew > 0 else "diagnosis.skew.behind", lang),
                verdict=message("diagnosis.skew.outside" if abs(skew) > WINDOW_SECONDS else "diagnosis.skew.inside", lang),
            )
        ]
    if request is not None:  # a past request: this machine's clock now says nothing about it
        return [
            message("diagnosis.clock.request", lang, label=message(label, lang), request=request),
            message("diagnosis.clock.historical", lang),
        ]
    return [message("diagnosis.clock.local", lang, now=now or datetime.now(UTC))]


def message_says(code: str, text: str, lang: Lang) -> list[str]:
    """What the message itself already says is wrong, beyond what its code means."""
    if code.startswith("MissingParameter"):
        name = parameter_name(text)
        if name in CREDENTIAL_NAMES:
            return [message("diagnosis.credentials.missing", lang, name=name)]
    if code == "AuthFailure.SignatureFailure" and SIGNING_METHOD.search(text):
        return [message("diagnosis.signature.method", lang)]
    if code.rpartition(".")[2] in JSON_PARSE:
        return [message("diagnosis.body.malformed", lang)]
    return []


def diagnose(
    finding: Finding, near: Neighbourhood, lang: Lang, now: datetime | None = None
) -> tuple[list[str], dict[str, Any] | None]:
    """Diagnosis lines for one finding, from its own text and neighbourhood, and a CAM policy where one applies."""
    code = finding.code or ""
    lines: list[str] = []
    policy = None
    if finding.client_side:
        kind = client_side_kind(code, finding.http_status)
        params = {}
        if kind == "network":
            params["host"] = host(finding.message) or near.host or message("diagnosis.client.endpoint", lang)
        lines.append(message(f"diagnosis.client.{kind}", lang, **params))
    if code == "AuthFailure.SignatureExpire":
        lines += clock_skew(finding, near, lang, now)
    if code in {"UnauthorizedOperation", "AuthFailure.UnauthorizedOperation"} or code.startswith("UnauthorizedOperation"):
        action, resource, policy = cam_policy(finding.message, near.record)
        if action and resource:
            lines.append(message("diagnosis.cam.policy", lang, action=action, resource=resource))
        elif action:
            lines.append(message("diagnosis.cam.no_resource", lang, action=action))
        elif "system policy not verify" in finding.message:
            # product-neutral even when the product is unknown: the Organization reading, if it applies, is the
            # entry's org_hint, shown under its own heading
            lines.append(message("diagnosis.cam.system_policy", lang))
    lines += message_says(code, finding.message, lang)
    if code.startswith(("InvalidParameter", "MissingParameter", "UnknownParameter")):
        name = parameter_name(finding.message)
        if name and not (code.startswith("MissingParameter") and name in CREDENTIAL_NAMES):
            lines.append(message("diagnosis.parameter", lang, name=name))
    if code.startswith("RequestLimitExceeded"):
        rate = RATE.search(finding.message)
        if rate:
            lines.append(message("diagnosis.rate", lang, now=rate.group("now"), limit=rate.group("limit")))
    if finding.inferred:
        lines.append(message("diagnosis.inferred", lang, confidence=finding.confidence))
    return lines, policy
