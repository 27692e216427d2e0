"""explain's diagnosis lines, in English and Chinese: what a finding's own text and neighbourhood tell.

Asked for as `message("diagnosis.<key>", lang, ...)`. Times are datetimes, formatted by the field itself
(`{request:%H:%M:%S}`); the evidence and timestamp labels named in a line are the input's own words.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # an SDK's client-side failure (explain/diagnose.py client_side_kind)
    "client.network": (
        "Not an API error: the SDK could not reach the endpoint (DNS, proxy, firewall, TLS or timeout). Check "
        "that {host} resolves and is reachable from this host (curl -v), proxy variables "
        "(HTTPS_PROXY), and the SDK's timeout; retrying with backoff is safe.",
        "不是 API 返回的错误：SDK 无法连到接口域名（DNS、代理、防火墙、TLS 或超时）。请检查本机能否解析并访问 "
        "{host}（curl -v）、代理变量（HTTPS_PROXY）以及 SDK 超时设置；可以退避重试。",
    ),
    "client.endpoint": ("the API endpoint", "接口域名"),  # {host} when the input names none
    "client.http": (
        "Not an API error: a gateway or proxy answered with a non-200 HTTP status (for example 502), so there is "
        "no API error code. Check any proxy between you and Tencent Cloud, then retry with backoff; Tencent Cloud "
        "APIs themselves answer 200 even for errors.",
        "不是 API 返回的错误：网关或代理返回了非 200 的 HTTP 状态（如 502），因此没有 API 错误码。请检查您与腾讯云之间"
        "的代理，然后退避重试；腾讯云 API 即使出错也返回 200。",
    ),
    "client.parse": (
        "Not an API error: the SDK could not parse the response (a body without 'Response', HTML from a proxy, "
        "or a truncated reply). Check the endpoint and any proxy, and upgrade the SDK.",
        "不是 API 返回的错误：SDK 无法解析响应（缺少 'Response'、代理返回的 HTML 或被截断的响应）。请检查请求域名与代理，"
        "并升级 SDK。",
    ),
    "client.credential": (
        "Not an API error: the SDK rejected the credentials before sending (empty, or with spaces). Check "
        "`TENCENTCLOUD_SECRET_ID` / `TENCENTCLOUD_SECRET_KEY` or your credential file for empty values and whitespace; "
        "`tco-err doctor` checks them.",
        "不是 API 返回的错误：SDK 在发送前就拒绝了凭证（为空或含空格）。请检查 `TENCENTCLOUD_SECRET_ID` / "
        "`TENCENTCLOUD_SECRET_KEY` 或凭证文件中的空值和空白；`tco-err doctor` 可帮助检查。",
    ),
    "client.client": (
        "Not an API error: the SDK failed on the client side (bad parameters for the SDK call, or an exception "
        "inside the SDK). Read the message, check the SDK call's arguments and the SDK version.",
        "不是 API 返回的错误：SDK 在客户端出错（SDK 调用参数错误或 SDK 内部异常）。请阅读错误信息，检查 SDK 调用的参数和 "
        "SDK 版本。",
    ),
    # clock skew (AuthFailure.SignatureExpire): the request's time against the server's Date header
    "skew": (
        "Request time ({label}) {request:%Y-%m-%d %H:%M:%S} UTC is {delta} {direction} "
        "the server's Date header {server:%H:%M:%S} UTC: {verdict}.",
        "请求时间（{label}）{request:%Y-%m-%d %H:%M:%S} UTC {direction}服务器 Date 头 {server:%H:%M:%S} UTC "
        "共 {delta}：{verdict}。",
    ),
    "skew.ahead": ("ahead of", "快于"),
    "skew.behind": ("behind", "慢于"),
    "skew.outside": ("outside the 5-minute window", "超出 5 分钟窗口"),
    "skew.inside": (
        "inside the 5-minute window (check that the request was not signed long before it was sent)",
        "在 5 分钟窗口内（请检查签名是否在发送很久之前生成）",
    ),
    "delta": ("{minutes}m {seconds}s", "{minutes} 分 {seconds} 秒"),
    "delta.hours": ("{hours}h {minutes}m {seconds}s", "{hours} 小时 {minutes} 分 {seconds} 秒"),
    "clock.local": (
        "This machine's clock reads {now:%Y-%m-%d %H:%M:%S} UTC. The server accepts a request only if its "
        "timestamp is within 5 minutes of server time; check NTP sync with `timedatectl status` or "
        "`chronyc tracking`.",
        "本机当前时间（UTC）：{now:%Y-%m-%d %H:%M:%S}。服务器只接受时间戳与其时间相差 5 分钟以内的请求；"
        "请用 `timedatectl status` 或 `chronyc tracking` 确认 NTP 已同步。",
    ),
    "clock.historical": (
        "This is a past request: compare its own time with the server's Date of the same response, not with this "
        "machine's clock now.",
        "这是过去的请求：请用它自己的时间与同一响应的服务器 Date 比较，而不是与本机当前时间比较。",
    ),
    "clock.request": (
        "Request time ({label}): {request:%Y-%m-%d %H:%M:%S} UTC (no server Date header in the input to compare with).",
        "请求时间（{label}）：{request:%Y-%m-%d %H:%M:%S} UTC（输入中没有服务器 Date 头可供比较）。",
    ),
    # which of the input's times the request time is; the input's own words, the same in both languages
    "stamp.header": ("X-TC-Timestamp", "X-TC-Timestamp"),
    "stamp.parameter": ("Timestamp parameter", "Timestamp parameter"),
    "stamp.log": ("log timestamp", "log timestamp"),
    # CAM denials
    "cam.policy": (
        "CAM denied action {action} on resource {resource}. Grant the caller the policy below "
        "(or a preset policy that includes it).",
        "CAM 拒绝了操作 {action}，资源 {resource}。请为调用身份授予下面的策略（或包含它的预设策略）。",
    ),
    "cam.no_resource": (
        "CAM denied action {action}; the message names no resource, so no policy is suggested here: "
        "grant that action on the resource you are working with.",
        "CAM 拒绝了操作 {action}；错误信息没有给出资源，因此这里不给出策略：请授予该操作，资源限定为您要操作的资源。",
    ),
    "cam.system_policy": (
        "The system policy check failed: the caller may lack the product's basic permissions, or the "
        "API does not accept this kind of caller.",
        "未满足系统策略校验：调用身份可能缺少该产品的基础权限，或调用身份类型不被该接口接受。",
    ),
    "parameter": ("The parameter at fault: {name}.", "出问题的参数：{name}。"),
    # what the message itself already says (explain/diagnose.py message_says)
    "credentials.missing": (
        "No credentials reached the SDK: {name} is the credential, not a request parameter. Set "
        "`TENCENTCLOUD_SECRET_ID` / `TENCENTCLOUD_SECRET_KEY` (and `TENCENTCLOUD_SESSION_TOKEN` for temporary keys), "
        "a profile, or a role, and check the client is built with them.",
        "没有凭证传到 SDK：{name} 是凭证而不是普通请求参数。请设置 `TENCENTCLOUD_SECRET_ID` / "
        "`TENCENTCLOUD_SECRET_KEY`（临时密钥还需 `TENCENTCLOUD_SESSION_TOKEN`）、配置文件或角色，并确认客户端使用了它们。",
    ),
    "signature.method": (
        "The message says the request is too large for this signing method or names the method: sign with "
        "`TC3-HMAC-SHA256` (the SDKs' default) instead of `HmacSHA1/HmacSHA256`.",
        "错误信息指出请求对当前签名方法过大或点名了签名方法：请改用 `TC3-HMAC-SHA256` 签名（SDK 默认方式），"
        "不要用 `HmacSHA1/HmacSHA256`。",
    ),
    "body.malformed": (
        "The request body was malformed (it could not be parsed as JSON): fix what the client sends — this is "
        "not a server fault, and retrying the same body fails again.",
        "请求体格式错误（无法按 JSON 解析）：请修正客户端发送的内容——这不是服务端故障，原样重试仍会失败。",
    ),
    "rate": (
        "Called {now} times per second against a limit of {limit}: slow down below the limit and add backoff.",
        "每秒调用 {now} 次，上限为 {limit} 次/秒：请至少降低到上限以下并加入退避。",
    ),
    "inferred": (
        "The input carries no error code; inferred from the message with {confidence:.0%} confidence.",
        "原始输出中没有错误码；根据错误信息推断，置信度 {confidence:.0%}。",
    ),
    # another product's error (explain/explained.py)
    "product.unknown_service": (
        "This error is not from Organization: {evidence} belongs to {name}. "
        "Only advice that holds for every Tencent Cloud product is given.",
        "该错误不是集团账号管理（Organization）的：{evidence} 属于 {name}。以下只给出适用于所有腾讯云产品的建议。",
    ),
    "product.named": (
        "This error came from {service} ({name}; seen: {evidence}), not from Organization. "
        "Only advice that holds for every Tencent Cloud product is given.",
        "该错误来自 {name}（{service}，依据：{evidence}），不是集团账号管理。以下只给出适用于所有腾讯云产品的建议。",
    ),
    "product.short": (
        "This error came from {service} (seen: {evidence}), not from Organization. "
        "Only advice that holds for every Tencent Cloud product is given.",
        "该错误来自 {service}（依据：{evidence}），不是集团账号管理。以下只给出适用于所有腾讯云产品的建议。",
    ),
    # how a product was recognised: the start of Product.evidence ("host live.tencentcloudapi.com")
    "evidence.cam": ("CAM action ", "CAM 操作 "),
    "evidence.host": ("host ", "域名 "),
    "evidence.terraform": ("Terraform resource type ", "Terraform 资源类型 "),
    "evidence.action": ("action ", "接口 "),
    "evidence.code": ("code ", "错误码 "),  # a code only one product defines
    "evidence.sdk_package": ("SDK package ", "SDK 包 "),
    "evidence.sdk_client": ("SDK client ", "SDK 客户端 "),
    "evidence.tccli": ("tccli command ", "tccli 命令 "),
    "evidence.layout": ("error layout ", "错误格式 "),
    "evidence.prose": ("product name ", "产品名称 "),
    # a code the catalogue does not hold
    "unknown.product_parent": (
        "{code} is {owner}'s code: its exact meaning is in that product's error-code documentation. "
        "What follows is its common parent {parent}.",
        "{code} 是 {owner} 的错误码，具体含义见该产品的错误码文档；以下是其通用上级错误码 {parent} 的说明。",
    ),
    "unknown.product": (
        "{code} is {owner}'s code: its meaning is in that product's error-code documentation.",
        "{code} 是 {owner} 的错误码，具体含义见该产品的错误码文档。",
    ),
    "unknown.parent": (
        "{code} is not in the catalogue; what follows is its parent {parent}.",
        "目录中没有 {code}；以下是其上级错误码 {parent} 的说明。",
    ),
    "unknown": ("{code} is not in the catalogue.", "目录中没有 {code}。"),
    "alternatives": ("The same message also belongs to {codes}.", "同样的错误信息也属于 {codes}。"),
}

# the order the evidence kinds are tried in when a line translates Product.evidence (the longest prefix first)
EVIDENCE = (
    "diagnosis.evidence.cam",
    "diagnosis.evidence.host",
    "diagnosis.evidence.terraform",
    "diagnosis.evidence.action",
    "diagnosis.evidence.code",
    "diagnosis.evidence.sdk_package",
    "diagnosis.evidence.sdk_client",
    "diagnosis.evidence.tccli",
    "diagnosis.evidence.layout",
    "diagnosis.evidence.prose",
)
