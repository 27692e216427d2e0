"""What explain() accepts from Python, as the text it reads."""

from __future__ import annotations

import json
from typing import Any

from tco_errcli.inputs import decode


def coerce(source: Any) -> str:
    """Text from what a Python caller hands explain(): text, bytes (decoded as inputs.decode does), a parsed JSON
    response, or an SDK exception (its code put back where its str() lacks it)."""
    if isinstance(source, bytes):
        return decode(source)
    if isinstance(source, str):
        return source
    if isinstance(source, dict | list):
        return json.dumps(source, ensure_ascii=False)
    if isinstance(source, BaseException):
        text = str(source)
        code = getattr(source, "code", None)
        if code and str(code) not in text:  # an SDK exception whose str() lacks the code (Node.js-like)
            message = getattr(source, "message", "") or text
            rid = getattr(source, "requestId", None) or getattr(source, "request_id", None) or ""
            text = f"[TencentCloudSDKException] code:{code} message:{message} requestId:{rid}"
        return text
    raise TypeError(f"explain() takes text, bytes, a parsed JSON object or an exception, not {type(source).__name__}")
