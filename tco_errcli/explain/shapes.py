"""The printed shapes of an error, in one table: SDK exceptions, tccli, Terraform, HTTP dumps, log prose.

Every pattern is anchored on a literal, and every repeat is bounded, so no input can make it backtrack for long.
Formats and their sources: data/reference/sdk-error-formats.md; a fixture of each in tests/fixtures/explain/.
extract.py runs them; is_candidate() is the cheap test every record passes first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from tco_errcli.catalog.codes import CATEGORIES, CODE
from tco_errcli.model.patterns import Lazy, lazy

RID = r"[A-Za-z0-9*\[\]_-]{1,64}"
UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
UUID_AT_START = lazy(UUID)
UUIDS = UUID_AT_START  # the same pattern, searched anywhere (fold.py takes RequestIds out of CAM's messages)
# CAM puts the RequestId inside the message: "[request id:6ecbe97c-…]you are not authorized…"
RID_IN_MESSAGE = lazy(rf"\[request id:(?P<rid>{UUID})\]")
# Terraform wraps errors in a box: '│ ' at line starts
BOX = lazy(r"^[ \t]{0,8}│ ?")
BOXES = lazy(r"(?m)^[ \t]{0,8}│ ?")


class Pattern(NamedTuple):
    """One printed shape of an error. Groups: code (optional), message, rid; extra groups are kept."""

    name: str
    source: str
    infer: bool = False  # the shape carries no code: infer it from the message
    needs: tuple[str, ...] = ()  # literals one of which the text must hold for the pattern to be tried at all


@lru_cache(maxsize=1)
def compiled() -> tuple[tuple[Pattern, Lazy], ...]:
    # each compiled on first use: the table is large (8 ms to compile), and a paste needs the few whose
    # literals it holds (Pattern.needs); lookup or search never need any
    return tuple((p, lazy(p.source, re.DOTALL)) for p in PATTERNS)


# Order matters where two shapes share an anchor: the more specific first. A lazy part is followed by a literal
# that must start a line (Node's inspected object) or by an end that the next error's label also gives, so a
# failed try costs at most one line, never a line times a window.
PATTERNS: tuple[Pattern, ...] = (
    # Python SDK, tccli, PHP (fully qualified class), Java >= 3.1.120 ("]code: X message:M requestId:R")
    Pattern(
        "sdk-exception",
        r"\[(?:TencentCloud\\{1,2}Common\\{1,2}Exception\\{1,2})?TencentCloudSDKException\] ?code: ?"
        r"(?P<code>[^\n]{0,64}?)(?: |[ \t]{0,4}\n[ \t]{0,8})message:(?P<message>.{0,4000}?)\s{1,12}requestId:"
        r"(?P<rid>[^\s]{0,64})",
        needs=("TencentCloudSDKException]",),
    ),
    # The same, cut before " requestId:" (an issue title, a paste that stops at the message's line end)
    Pattern(
        "sdk-exception-cut",
        r"\[(?:TencentCloud\\{1,2}Common\\{1,2}Exception\\{1,2})?TencentCloudSDKException\] ?code: ?"
        r"(?P<code>[^\s]{0,64}) message:(?P<message>[^\n]{1,4000})",
        needs=("TencentCloudSDKException]",),
    ),
    # Java, any version: the SDK wraps a local exception (no response came back) as "message:java.net.X-reason"
    Pattern(
        "java-client",
        r"\[TencentCloudSDKException\]\s{0,2}message:(?P<code>javax?\.[a-z.]{1,80}\.[A-Z][A-Za-z]{1,80}(?:Exception|Error))"
        r"(?:[-:]\s{0,2}(?P<message>[^\n]{0,4000}?))?(?:\s{1,2}requestId:?(?P<rid>[^\s]{0,64})|(?=\n|\Z))",
        needs=("TencentCloudSDKException]",),
    ),
    # Java <= 3.1.119: "]message:Code-Message requestId:R"
    Pattern(
        "java-legacy",
        rf"\[TencentCloudSDKException\]message:(?P<code>{CODE})-(?P<message>.{{0,4000}}?)(?:\s{{1,2}}requestId:"
        r"(?P<rid>[^\s]{0,64})|(?=\n(?!resource \(|[ \t\]])|\Z))",  # a paste cut before requestId ends its message
        needs=("TencentCloudSDKException]message:",),
    ),
    # Node.js toString(): no code in it
    Pattern(
        "node-tostring",
        r"\[TencentCloudSDKException\]message:(?P<message>.{0,4000}?)(?:\s{1,2}requestId:(?P<rid>[^\s]{0,64})"
        r"(?:\s{1,2}traceId:(?P<trace>[^\s]{0,64}))?|(?=\n|\Z))",  # a paste may end its line before requestId
        infer=True,
        needs=("TencentCloudSDKException]message:",),
    ),
    # Go (and Ruby's to_s): RequestId part present, or omitted when empty
    Pattern(
        "go",
        r"\[TencentCloudSDKError\] Code=(?P<code>[^,\n]{1,128}), Message=(?P<message>.{0,4000}?),? RequestId="
        rf"(?P<rid>{RID}|)",  # an old SDK printed "RequestId=" empty
        needs=("[TencentCloudSDKError]",),
    ),
    Pattern(
        "go-no-request-id",
        r"\[TencentCloudSDKError\] Code=(?P<code>[^,\n]{1,128}), Message=(?P<message>[^\n]{0,4000})",
        needs=("[TencentCloudSDKError]",),
    ),
    # Node.js console.error / unhandled rejection: message first, code and requestId in the inspected object
    Pattern(
        "node-inspect",
        r"encentCloudSDKHttpException(?:\s{0,2}\[Error\])?: (?P<message>[^\n]{0,4000})(?P<tail>\n.{0,3000}?)"
        r"code: '(?P<code>[^'\n]{1,128})'",
        needs=("encentCloudSDKHttpException",),
    ),
    # the older Node.js SDK's Error as console.log inspects it: "{ Error: <message>", its stack, then
    # "requestId: '…'," and "code: 'InternalError' }" (a catalogue category only: Node's own errors look alike)
    Pattern(
        "node-error",
        r"\{ Error: (?P<message>[^\n]{1,4000})(?P<tail>\n(?:[ \t]{2,8}[^\n]{0,400}\n){0,40}?)[ \t]{2,8}"
        r"code: '(?P<code>[^'\n]{1,128})'",
        needs=("{ Error: ",),
    ),
    # Node.js console.log of a response object: unquoted keys, single quotes, the RequestId after Error's brace
    Pattern(
        "js-object",
        rf"\bCode: '(?P<code>{CODE})',\s{{0,40}}Message: '(?P<message>(?:[^'\\\n]|\\.){{0,4000}})'"
        rf"(?:\s{{0,40}}\}},?\s{{0,40}}RequestId: '(?P<rid>{RID})')?",
        needs=("Code: '",),
    ),
    # Objective-C: an NSDictionary's description (NSLog of the parsed response): Key = "value"; one per line, aligned
    # with spaces, the RequestId after Error's closing brace
    Pattern(
        "nsdictionary",
        rf"\bCode = \"?(?P<code>{CODE})\"?;\s{{0,80}}Message = \"(?P<message>(?:[^\"\\\n]|\\.){{0,4000}})\";"
        rf"(?:\s{{0,80}}\}};\s{{0,80}}RequestId = \"?(?P<rid>{RID})\"?;)?",
        needs=("Code = ",),
    ),
    # .NET 3.0.872-3.0.891 (code inside the message) before >= 3.0.892 (message only)
    Pattern(
        "dotnet",
        rf"requestId: (?P<rid>{RID}) TencentCloud\.Common\.TencentCloudSDKException: code:(?P<code>[^\s]{{1,128}}) "
        r"message:(?P<message>[^\n]{0,4000})",
        needs=("TencentCloud.Common.TencentCloudSDKException",),
    ),
    Pattern(
        "dotnet-message-only",
        rf"requestId: (?P<rid>{RID}) TencentCloud\.Common\.TencentCloudSDKException: (?P<message>[^\n]{{1,4000}})",
        infer=True,
        needs=("TencentCloud.Common.TencentCloudSDKException",),
    ),
    # .NET <= 3.0.871: full-width colon, no separator after requestId
    Pattern(
        "dotnet-legacy",
        r"message：code:(?P<code>[^\s]{1,128}) message:(?P<message>.{0,4000}?)\s{1,3}requestId(?P<rid>[A-Za-z0-9-]{0,64})",
        needs=("message：code:",),
    ),
    # C++ Error::PrintAll()
    Pattern(
        "cpp",
        rf"RequestId=(?P<rid>{RID}|), ErrorCode=(?P<code>[^,\n]{{1,128}}), ErrorMessage=(?P<message>[^\n]{{0,4000}})",
        needs=("ErrorCode=",),
    ),
    # A Go SDK error printed with %v (a struct, not its Error() string), often JSON-escaped by a gateway:
    # \u0026{AuthFailure.UnauthorizedOperation <message> <request id>}
    Pattern(
        "go-struct",
        rf"(?:\\u0026|&)\{{(?P<code>{CODE}) (?P<message>[^{{}}\n]{{0,4000}}?)(?: (?P<rid>{UUID}))?\}}",
        needs=("&{", "u0026{"),
    ),
    # Node.js console.error of a non-200 answer: the status text, then httpCode in the inspected object
    Pattern(
        "node-http",
        r"encentCloudSDKHttpException(?:\s{0,2}\[Error\])?: (?P<message>[^\n]{0,400})(?P<tail>\n.{0,3000}?)"
        r"httpCode: (?P<code>[1-5][0-9]{2})\b",
        needs=("httpCode",),
    ),
    # COS XML API (not API 3.0): <Error><Code>NoSuchKey</Code><Message>…</Message>…<RequestId>…</RequestId>;
    # a browser's XML view puts each element's text on lines of its own
    Pattern(
        "cos-xml",
        r"<Code>\s{0,40}(?P<code>[A-Z][A-Za-z0-9]{1,80})\s{0,40}</Code>\s{0,40}<Message>\s{0,40}"
        r"(?P<message>[^<]{0,2000})</Message>",
        needs=("<Code>",),
    ),
    # An AWS S3 SDK pointed at COS: "<message> (Service: Amazon S3; Status Code: 404; Error Code: X; Request ID: R"
    # (anchored on the literal; the message is the text before it, back to a colon or the line start)
    Pattern(
        "s3-sdk",
        r"\(Service: Amazon S3; Status Code: (?P<status>[1-5][0-9]{2}); "
        r"Error Code: (?P<code>[A-Z][A-Za-z0-9]{1,80}); Request ID: (?P<rid>[A-Za-z0-9+/=_-]{1,128})",
        needs=("Service: Amazon S3",),
    ),
    # The COS Go SDK (cos-go-sdk-v5, coscli): "PUT https://…myqcloud.com/key: 405 MethodNotAllowed(Message: …,
    # RequestId: …, TraceId: …)"
    Pattern(
        "cos-go",
        r"(?P<status>[1-5][0-9]{2}) (?P<code>[A-Z][A-Za-z0-9]{1,80})\(Message: (?P<message>[^\n]{0,4000}?), "
        r"RequestId: (?P<rid>[A-Za-z0-9+/=_-]{0,128})(?:, TraceId: [A-Za-z0-9+/=_-]{0,1024})?\)",
        needs=("(Message: ",),
    ),
    # PHP print_r of a response: "[Code] => X" / "[Message] => Y", the RequestId further down
    Pattern(
        "php-print-r",
        rf"\[Code\] => (?P<code>{CODE})[ \t]{{0,8}}\n[ \t]{{0,40}}\[Message\] => (?P<message>[^\n]{{0,4000}})",
        needs=("[Code] =>",),
    ),
    # Auto Scaling's activity StatusCode: "CallCvmError:InvalidParameter: [19045]…" (the CVM error inside)
    Pattern(
        "as-activity",
        r"\b(?P<code>Call[A-Z][A-Za-z]{1,30}Error):(?P<message>[^\n]{1,4000})",
        needs=("Error:",),
    ),
    # Node.js: the error line alone, without the inspected object (a title, a log that printed only err.message)
    Pattern(
        "node-message",
        r"encentCloudSDKHttpException(?:\s{0,2}\[Error\])?:[ \t]{0,2}(?P<message>[^\n]{1,4000})",
        infer=True,
        needs=("encentCloudSDKHttpException",),
    ),
    # The COS iOS SDK (QCloudCOSXML) prints an NSError whose UserInfo holds COS's XML error fields:
    # Error Domain=com.tencent.qcloud.networking Code=403 "(null)" UserInfo={…, RequestId=…, Code=…, Message=…}
    Pattern(
        "cos-ios",
        r"Error Domain=com\.tencent\.qcloud[^\n]{0,300}?UserInfo=\{(?P<tail>.{0,6000}?)\}(?![^\n{]{0,40}\})",
        needs=("Domain=com.tencent.qcloud",),
    ),
    # COS PHP SDK (cos-php-sdk-v5): Qcloud\Cos\Exception\ServiceResponseException's own text
    Pattern(
        "cos-php",
        # quoted cut after any field ("Cos Error Code: AccessDenied, Status Code: 403" in a plugin's FAQ)
        r"Cos Error Code: (?P<code>[A-Za-z][A-Za-z0-9.]{1,80}), Status Code: (?P<status>[1-5][0-9]{2})"
        r"(?:, Cos Request ID: (?P<rid>[A-Za-z0-9+/=_-]{0,128})(?:, Cos Error Type: [a-z]{0,20}"
        r"(?:, Cos Error Message: (?P<message>[^\n]{0,4000}))?)?)?",
        needs=("Cos Error Code: ",),
    ),
    # A gateway's own error page (nginx 502/504 HTML) where the API's JSON should be: a status, no code
    Pattern(
        "gateway-html",
        r"<title>(?P<message>(?P<status>5[0-9]{2}) (?:Bad Gateway|Gateway Time-?out|Service Unavailable|"
        r"Internal Server Error))</title>",
        needs=("<title>5",),
    ),
    # A paste the user wrapped: code, message and requestId each on a line of its own, no SDK prefix
    Pattern(
        "wrapped",
        rf"(?im:^[ \t]{{0,8}}code[:：=][ \t]{{0,2}})(?P<code>{CODE})[ \t]{{0,8}}\n[ \t]{{0,8}}(?i:message)[:：=][ \t]{{0,2}}"
        r"(?P<message>[^\n]{0,4000})(?:\n[ \t]{0,8}(?i:request_?id)[:：=][ \t]{0,2}(?P<rid>[^\s]{1,64}))?",
        needs=("\ncode", "\nCode"),
    ),
    # Labelled fields without an SDK prefix: "Code: X, Message: Y, RequestId: Z", "code:X message:Y requestId:Z"
    # (a title cut mid-line, a tool that prints the fields, a user who wrapped the line after ", ")
    Pattern(
        "labelled",
        rf"[cC](?<![\w.][cC])(?i:ode)[ \t]{{0,2}}[:=：][ \t]{{0,2}}(?P<code>{CODE})[,;]?[ \t]{{0,3}}\n?[ \t]{{0,8}}"
        r"(?:Message|message|msg|ErrorMessage)[ \t]{0,2}[:=：][ \t]{0,2}(?P<message>[^\n]{0,4000}?)"
        r"(?:[,;]?[ \t]{1,3}(?i:request_?id)[ \t]{0,3}[:=：][ \t]{0,3}(?P<rid>[^\s,]{0,64})"
        # the line's end, or the next error's code and message ("[QCloudError] Code=11008 …" inside a message
        # is part of it)
        r"|[,;]?[ \t]{0,3}(?=\n|\Z|[,;]?[ \t]{1,3}(?i:code)[ \t]{0,2}[:=：][^\n]{0,200}?(?i:message|msg)[ \t]{0,2}[:=：]))",
        needs=("essage", "msg"),
    ),
    # API 2.0's error as Node's console.log or Python's repr prints it (not JSON: jsondocs.py has that):
    # { code: 4000, message: '(1012)传参错误 …', codeDesc: 'InvalidParameter' }
    Pattern(
        "api2-inspect",
        r"(?<![\w.])[\"']?code[\"']?[ \t]{0,3}:[ \t]{0,3}-?[1-9][0-9]{0,6},\s{0,12}[\"']?message[\"']?[ \t]{0,3}:[ \t]{0,3}"
        r"(?P<q>['\"])(?P<message>(?:(?!(?P=q))[^\\\n]|\\.){0,4000})(?P=q),\s{0,12}"
        r"[\"']?codeDesc[\"']?[ \t]{0,3}:[ \t]{0,3}[\"'](?P<code>[A-Za-z][A-Za-z0-9.]{1,120})[\"']",
        needs=("codeDesc",),
    ),
    # JSON that did not parse (truncated, escaped inside a string, Python dict repr): "Code": "X"
    Pattern(
        "json-fragment",
        rf"Code(?<=[\"']Code)\\{{0,2}}[\"']\s{{0,3}}:\s{{0,3}}u?\\{{0,2}}[\"'](?P<code>{CODE})\\{{0,2}}[\"']",
        needs=('Code"', "Code'", "Code\\"),
    ),
)

# A cheap prefilter: only lines containing one of these can hold a pattern.
ANCHORS = lazy(
    r"encentCloudSDK|<Code>|<title>5|Service: Amazon S3|\[Code\] =>|(?i:code)[ \t]{0,2}[:=：][ \t]{0,2}[A-Z]"
    r"|Code\\{0,2}[\"']\s{0,3}:|message：code:"
    r"|ErrorCode=|\\u0026\{|&\{|(?im:^[ \t]{0,8}code[:：=])|\(Message: |codeDesc|Domain=com\.tencent"
)


def is_candidate(text: str) -> bool:
    """Whether text can hold an error at all: a cheap test (substring checks, no regex) run on every record.

    Every pattern is anchored on "code" (any case), an SDK class name, a Go struct or a dotted code of a
    catalogue category; the category tails below cover all of CATEGORIES.
    """
    return (
        "code" in text
        or "<title>5" in text
        or "<RequestId>" in text  # a COS XML error's RequestId line, when each element is a record of its own
        or "(Message: " in text  # the COS Go SDK
        or "Code" in text
        or "CODE" in text
        or "TencentCloudSDK" in text
        or "&{" in text
        or "u0026{" in text
        or (
            "." in text
            and (
                "Failure." in text
                or "Operation." in text
                or "Error." in text
                or "Parameter." in text
                or "Value." in text
                or "Request." in text
                or "Exceeded." in text
                or "NotFound." in text
                or "Unavailable." in text
                or "Action." in text
                or "Offline." in text
                or "Product." in text
                or "Version." in text
                or "list." in text
                or "Denied." in text
                or "InUse." in text
                or "Insufficient." in text
                or "Protocol." in text
                or "Region." in text
                or "Busy." in text
            )
        )
    )


# Loose "code=X" / "code: X" in logs: accepted only for catalogue categories, so code=OK, gRPC codes stay out.
LOOSE = lazy(rf"[cC](?<=\b[cC])(?i:ode)\s{{0,3}}[:=]\s{{0,3}}[\"'`]?(?P<code>{CODE})")
BARE = lazy(rf"(?<![A-Za-z0-9_.])(?P<code>(?:{'|'.join(sorted(CATEGORIES))})\.[A-Za-z0-9]{{1,120}})\b")
# a Python 2 repr quotes with u'…': {u'Code': u'X', u'Message': u'…'}
MESSAGE_NEAR = lazy(
    r"\\{0,2}[\"']Message\\{0,2}[\"']\s{0,3}:\s{0,3}u?\\{0,2}"
    r"(?:\"(?P<message>(?:[^\"\\]|\\.){0,4000})|'(?P<single>(?:[^'\\]|\\.){0,4000})')"
)
RID_NEAR = lazy(rf"\\{{0,2}}[\"']RequestId\\{{0,2}}[\"']\s{{0,3}}:\s{{0,3}}u?\\{{0,2}}[\"'](?P<rid>{RID})")
# CAM's denial goes on to the next line: "…perform operation (cvm:StopInstances)" / "resource (…) has no permission"
CAM_RESOURCE_LINE = lazy(r"\n[ \t]{0,8}(?P<line>resource \([^\n]{1,2000}?\) has no permission)")
NODE_RID = lazy(r"requestId: '(?P<rid>[^'\n]{0,64})'")


# Shapes whose match needs more than its groups (extract.py's _from_patterns)
SPECIAL_SHAPES = frozenset(
    {
        "json-fragment",
        "node-inspect",
        "node-error",
        "node-http",
        "go-struct",
        "wrapped",
        "cos-xml",
        "php-print-r",
        "labelled",
        "gateway-html",
        "s3-sdk",
        "cos-go",
        "cos-ios",
        "cos-php",
    }
)
HTTP_STATUS = {"500": "Internal Server Error", "502": "Bad Gateway", "503": "Service Unavailable", "504": "Gateway Timeout"}
# the HTTP status texts a gateway answers with: an SDK that prints only the message is still a client-side finding
HTTP_STATUS_TEXTS = frozenset(HTTP_STATUS.values())
# reason phrase -> status: a reason phrase where a code should be (PHP's getReasonPhrase()) is no code
HTTP_REASONS = {
    **{text: int(status) for status, text in HTTP_STATUS.items()},
    "Bad Request": 400,
    "Unauthorized": 401,
    "Forbidden": 403,
    "Not Found": 404,
    "Request Timeout": 408,
    "Too Many Requests": 429,
}
# shapes only one product prints: the product they name (explained.py, when nothing stronger names one)
LAYOUT_SERVICE = {"cos-xml": "cos", "s3-sdk": "cos", "cos-go": "cos", "cos-ios": "cos", "cos-php": "cos", "cos-json": "cos"}
# an NSError's UserInfo: "key=value, key=value" (a value may hold line breaks; Message is often the last)
USERINFO_FIELD = lazy(r"(?:^|, )(?P<key>Code|Message|RequestId)=(?P<value>.{1,4000}?)(?=, [A-Za-z_]{1,40}=|\Z)", re.S)
COS_RID = lazy(r"<RequestId>\s{0,40}(?P<rid>[A-Za-z0-9+/=_-]{8,128})\s{0,40}</RequestId>")
# a status printed beside a COS answer: "statusCode: 403", "HTTP/1.1 404 Not Found", "Status Code: 404"
STATUS_NEAR = lazy(r"(?i:status_?code|status code|http/1\.[01]|httpcode)[\s\"':=]{0,4}(?P<status>[1-5][0-9]{2})\b")
PHP_RID = lazy(r"\[RequestId\] => (?P<rid>[^\s]{1,64})")
# where a loose code's message is: "code=X, msg=Y" / "code=X message: Y"; or the tool layouts "X, Message",
# "X:Message", "X - Message" right after a bare code
MESSAGE_LABEL = lazy(
    r"[,;\] \t]{0,3}(?:message|msg|Message|ErrorMessage|desc)[ \t]{0,2}[:=：][ \t]{0,2}(?P<message>[^\n]{1,4000})"
)
LAYOUT_MESSAGE = lazy(r"(?:, |:| - |-)(?P<message>[^\s:][^\n]{0,3999})")
