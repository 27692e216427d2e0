"""What an error code is: the one normaliser, a query's wrapping taken off, the categories, the code shapes.

Three shapes, each said once: a catalogue code as lookup reads it (`looks_like_code`), an API code of any product
as scan counts it (`could_be_code`), and the codes SDKs make up on the client side (`is_client_code`).
"""

from __future__ import annotations

import re
from functools import lru_cache

# API 3.0 code: Category or Category.Detail (a regex source, for the patterns that find codes in text)
CODE = r"[A-Z][A-Za-z0-9]{1,80}(?:\.[A-Za-z0-9]{1,120})?"

CATEGORIES = frozenset(
    {
        "ActionOffline",
        "AuthFailure",
        "DryRunOperation",
        "FailedOperation",
        "InternalError",
        "InvalidAction",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidRequest",
        "IpInBlacklist",
        "IpNotInWhitelist",
        "LimitExceeded",
        "MissingParameter",
        "NoSuchProduct",
        "NoSuchVersion",
        "OperationDenied",
        "RequestLimitExceeded",
        "RequestSizeLimitExceeded",
        "ResourceInUse",
        "ResourceInsufficient",
        "ResourceNotFound",
        "ResourceUnavailable",
        "ResponseSizeLimitExceeded",
        "ServiceUnavailable",
        "UnauthorizedOperation",
        "UnknownParameter",
        "UnsupportedOperation",
        "UnsupportedProtocol",
        "UnsupportedRegion",
        "ResourceBusy",
    }
)

_QUOTES = "\"'`“”‘’「」[]()<>（）【】"
_CODE_SHAPE = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,80}(?:[._][A-Za-z0-9]{1,120})?$")
# what people paste around a code: `code: X`, `Code=X`, `"Code": "X",`, `ErrorCode:X`; a sentence's end
_PREFIX = re.compile(r"^(?:\"?(?:error[ _]?)?code\"?\s{0,3}[:=]\s{0,3})", re.IGNORECASE)
_TRAILING = ".,:;，。：；、"

# Codes the SDKs make up on the client side: the API never sent them.
CLIENT_CODE = (
    r"^(?:ClientNetworkError|ServerNetworkError|ClientError(?:\.[A-Za-z]{1,40})?|ClientParamsError|InvalidCredential"
    r"|ClientSideError|ServerSideError|CoreInternalError|DnsError|ConnectionError|SSLError|NetworkError"
    r"|javax?\.[a-z.]{1,80}\.[A-Z][A-Za-z]{1,80}(?:Exception|Error)"
    r"|ServiceNetworkError|Bad Gateway|Gateway Timeout|Service Unavailable|Internal Server Error"
    r"|[A-Z][A-Za-z]{0,60}(?:Error|Exception))$"
)

# What an API error code looks like in every Tencent Cloud product: CamelCase words, a category and at most
# one detail ("InvalidInstanceId.NotFound" in CVM, "FailedOperation.NodeNotEmpty" here, "InternalError"): a
# capital, a small letter, then a second word or a dotted detail. Order numbers, IDs, hashes and words ("ORD2…",
# "OK", "E5F0…", "Success") do not look like that, nor does a category with 5 digits in a row (a date, an
# account). SDK client codes ("SSLError", "DnsError") are the other shape (CLIENT_CODE).
ANY_PRODUCT_CODE = rb"(?=[^.]*(?:[a-z0-9][A-Z]|\.))(?![^.]*[0-9]{5})[A-Z][a-z][A-Za-z0-9]{0,80}(?:\.[A-Za-z0-9]{1,120})?"


def code_key(text: str) -> str:
    """The one normaliser: 'FAILEDOPERATION_NODENOTEMPTY', ' failedoperation.nodenotempty ' -> same key."""
    return text.strip().strip(_QUOTES).strip().replace("_", ".").lower()


def clean_query(text: str) -> str:
    """A lookup query without the wrapping users copy along: quotes, a `code:` prefix, a trailing comma."""
    text = text.strip().strip(_QUOTES).strip()
    text = _PREFIX.sub("", text, count=1)
    return text.strip().strip(_QUOTES).rstrip(_TRAILING).strip().strip(_QUOTES).strip()


def looks_like_code(text: str) -> bool:
    return bool(_CODE_SHAPE.match(clean_query(text)))


@lru_cache(maxsize=1)
def _client_code() -> re.Pattern[str]:
    return re.compile(CLIENT_CODE)  # compiled on first use: lookup never needs it


@lru_cache(maxsize=1)
def _any_product_code() -> re.Pattern[bytes]:
    return re.compile(ANY_PRODUCT_CODE)


@lru_cache(maxsize=4096)  # a log repeats a few codes many times
def is_client_code(code: str) -> bool:
    """A code an SDK made up on the client side (ClientNetworkError, SSLError, java.net.…Exception)."""
    return bool(_client_code().match(code)) and code.split(".")[0] not in CATEGORIES


def could_be_code(value: bytes) -> bool:
    """Whether a value printed where a code stands can be an error code of some product (ANY_PRODUCT_CODE), or
    is an SDK's client code."""
    return _any_product_code().fullmatch(value) is not None or _client_code().match(value.decode("ascii")) is not None
