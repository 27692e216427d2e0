"""Next steps for another product's code where no common code of the catalogue has one that fits.

The catalogue's common codes (the seed page's categories) give most products' codes their next step. Where they
cannot, one of these does, written for any product (tests/test_every_product.py checks that none names an
Organization action or concept):
- a category the seed page has no common code for (AuthFailure, ResourcesSoldOut), or whose catalogue entry is
  Organization's own code with Organization's advice (OperationDenied: resource sharing refused the call);
- a sub-code of FailedOperation: the common step says the service "gave no more specific code", which a named
  sub-code contradicts;
- a code whose official meaning asks to try again later (254 of the reference's 16,931 entries, 138 of them
  FailedOperation): its category's step would say "not retryable as is".
Each step takes its retry class and note from the common code named beside it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from tco_errcli.model import Text


class Step(NamedTuple):
    """A product-neutral next step; its retry class and note are those of the common code `retry_like`."""

    hint: Text
    retry_like: str


TRY_LATER = "try-later"  # the key of the step for a meaning that asks to try again later
SUB_CODE = "FailedOperation.*"  # the key of the step for a named sub-code of FailedOperation

STEPS: dict[str, Step] = {
    "AuthFailure": Step(
        Text(
            "The request's credentials or signature were rejected. Check that the SecretId and SecretKey (and the "
            "token, for temporary keys) are current and of this account, that the request is signed for this "
            "service's host, and that the machine's clock is right; the official meaning above names which part failed.",
            "请求的凭证或签名未通过校验。请确认 SecretId、SecretKey（临时密钥还有 Token）仍然有效且属于该账号，"
            "签名使用的是该产品的域名，且机器时钟准确；上面的官方释义说明了哪一项未通过。",
        ),
        "FailedOperation",
    ),
    "OperationDenied": Step(
        Text(
            "The service refused the operation in the current state of the resource or account (a conflicting task, "
            "a setting or qualification it requires). The official meaning above says which: meet that condition, or "
            "wait for the conflicting operation to finish, then call again.",
            "服务在资源或账号的当前状态下拒绝了该操作（存在冲突的任务，或缺少所需的设置或资质）。"
            "上面的官方释义说明了具体原因：满足该条件，或等冲突的操作完成后，再重新调用。",
        ),
        "FailedOperation",
    ),
    "ResourcesSoldOut": Step(
        Text(
            "What the request asks for is sold out where it asks for it. Choose another availability zone, "
            "instance type or specification (the product's describe call for its offerings lists what is on "
            "sale), or try again later.",
            "请求的资源在所选位置已售罄。请换一个可用区、实例类型或规格（该产品的售卖配置查询接口会列出可售资源），或稍后再试。",
        ),
        "FailedOperation",
    ),
    SUB_CODE: Step(
        Text(
            "The code and its official meaning above name what failed. Act on what they say, checking the current "
            "state of the object you acted on with the product's describe or list call; if they give no reason, "
            "submit a ticket quoting the RequestId.",
            "错误码及上面的官方释义说明了失败的原因。请按其所述处理，并用该产品的查询接口确认所操作对象的当前状态；"
            "若没有说明原因，请携带 RequestId 提交工单。",
        ),
        "FailedOperation",
    ),
    TRY_LATER: Step(
        Text(
            "The official meaning asks you to try again later: the service or the object is busy (an operation "
            "in progress, data still being prepared). Wait, check the object's state with the product's describe "
            "call where there is one, then call again with backoff; if it keeps failing, submit a ticket quoting "
            "the RequestId.",
            "官方释义要求稍后重试：服务或对象正忙（有操作正在进行，或数据仍在准备中）。请稍等，"
            "如有查询接口先确认对象状态，再以退避方式重新调用；若一直失败，请携带 RequestId 提交工单。",
        ),
        "ResourceUnavailable",
    ),
}

# "请稍后重试", "稍后再试", "请稍等再试", "please try again later", "retry later" …: 254 reference entries
_LATER = (
    r"稍(?:后|候|等)(?:再|重新)?(?:重试|再试|尝试|发起|操作|接入)"
    r"|(?i:try\s+(?:it\s+|again\s+)?later|retry\s+later|try\s+again\s+in\s+a\s+(?:while|moment|few))"
)


@cache
def _later() -> re.Pattern[str]:
    return re.compile(_LATER)


def says_try_later(*meanings: str | None) -> bool:
    """Whether an official meaning asks the caller to try again later. Every wording of _LATER holds 稍 or "try"
    (retry too): a meaning with neither is answered without compiling the pattern (1-2 ms of a lookup)."""
    return any(text and ("稍" in text or "try" in text.lower()) and _later().search(text) for text in meanings)
