"""Which Tencent Cloud product an error came from: a lookup in the services reference, never string tests in hints.

Evidence, strongest first: a CAM action (`sms:SendSms`), an API host (`sms.tencentcloudapi.com`), a Terraform
resource type (`tencentcloud_instance`), an SDK package, client class, tccli command or tool name, a call named
`clb.ModifyDomainAttributes` (when the reference gives clb that action), an action name (`X-TC-Action: SendSms`).
Action names are ambiguous (`DescribeInstances` belongs to many services), so one that is not an Organization
action says only "not Organization", unless it belongs to a single service. Data:
data/reference/tencentcloud-services.json, loaded on first use (only inputs that name another product pay for it).
"""

from __future__ import annotations

from functools import lru_cache

from tco_errcli.catalog.products import ORGANIZATION, action_owners
from tco_errcli.catalog.products import product as _product
from tco_errcli.model import Product
from tco_errcli.model.patterns import Lazy, lazy

__all__ = ["Product", "identify", "named_action", "named_in_prose", "named_owner"]

CAM_ACTION = lazy(r"\((?P<service>[a-z][a-z0-9_-]{0,40}):[A-Za-z0-9*]{1,100}\)")
HOST = lazy(r"\b(?P<service>[a-z][a-z0-9-]{0,40})(?:\.[a-z][a-z0-9-]{0,40})?\.tencentcloudapi\.com\b")
TERRAFORM = lazy(r"\btencentcloud_(?P<type>[a-z0-9_]{1,80})")
ACTION = lazy(
    r"(?:X-TC-Action[\"']?\s{0,3}[:=]\s{0,3}[\"']?|[?&]Action=|tencentcloud-sdk-go: \[|api\[|\"Action\"\s{0,3}:\s{0,3}\")"
    r"(?P<action>[A-Z][A-Za-z0-9]{2,80})"
)
# SDK package paths: tencentcloud/cvm/v20170312 (Go), tencentcloud.cvm.v20170312 (Python), com.tencentcloudapi.cvm
# .v20170312 (Java), tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312 (Node), TencentCloud\Cvm\V20170312
# (PHP): the segment before an API version is the product
SDK_PATH = lazy(
    r"(?i)tencentcloud(?:api)?[/.\\](?:[a-z][a-z0-9_-]{0,30}[/.\\]){0,3}?(?P<service>[a-z][a-z0-9]{1,20})[/.\\]v20\d{6}\b"
)
NODE_PACKAGE = lazy(r"tencentcloud-sdk-nodejs-(?P<service>[a-z][a-z0-9]{1,20})\b")
CLIENT_CLASS = lazy(r"\b(?P<service>[A-Z][a-z]{1,15})Client\b")  # SmsClient, CvmClient
TCCLI = lazy(r"\btccli\s+(?P<service>[a-z][a-z0-9]{1,20})\s+[A-Z][A-Za-z0-9]{2,80}\b")  # tccli cdn PurgeUrlsCache
LAYOUT = lazy(r"\bCall(?P<service>[A-Z][a-z]{1,15})Error\b")  # CallCvmError:InvalidParameter:…
# "腾讯云CDN", "腾讯云 DNSPod", "Tencent Cloud COS": the vendor's name, then a product's short name
VENDOR_PRODUCT = lazy(r"(?:腾讯云|Tencent ?Cloud) ?(?P<service>[A-Za-z][A-Za-z0-9]{1,20})(?![A-Za-z0-9])")
TOOL_NAME = lazy(r"\btencentcloud-(?P<service>[a-z][a-z0-9]{1,20})\b")  # Packer's tencentcloud-cvm builder, modules
# service.Action as tools name the call they made ('clb.ModifyDomainAttributes'): evidence only when the reference
# says that service has that action
DOTTED_ACTION = lazy(r"\b(?P<service>[a-z][a-z0-9]{1,20})\.(?P<action>[A-Z][A-Za-z0-9]{2,80})\b")
DOTTED_TRIED = 64  # matches looked at per text (a Java stack has many dotted names, none an action)
NOT_PRODUCTS = frozenset({"abstract", "common", "http", "sdk", "api", "base", "cloud", "tencent", "profile", "cli"})

# Terraform resource types whose name does not start with their service's short name (the provider's own
# grouping: CVM instances, VPC networking, CBS disks); every other type is tencentcloud_<service>_…
TERRAFORM_SERVICE = {
    "instance": "cvm",
    "instance_set": "cvm",
    "key_pair": "cvm",
    "placement_group": "cvm",
    "reserved_instance": "cvm",
    "image": "cvm",
    "eip": "vpc",
    "eip_association": "vpc",
    "subnet": "vpc",
    "security_group": "vpc",
    "security_group_rule": "vpc",
    "security_group_rule_set": "vpc",
    "route_table": "vpc",
    "route_table_entry": "vpc",
    "nat_gateway": "vpc",
    "vpn_gateway": "vpc",
    "ccn": "vpc",
    "eni": "vpc",
    "ha_vip": "vpc",
    "mysql_instance": "cdb",
    "mysql_account": "cdb",
    "mysql_database": "cdb",
    "redis_instance": "redis",
    "kubernetes_cluster": "tke",
    "kubernetes_node_pool": "tke",
}


# the provider's name for a service where it is not the API's short name (tencentcloud_postgresql_instance calls
# postgres.tencentcloudapi.com, tencentcloud_mysql_* cdb, tencentcloud_kubernetes_* tke, tencentcloud_elasticsearch_* es)
TERRAFORM_PREFIX = {"postgresql": "postgres", "mysql": "cdb", "kubernetes": "tke", "elasticsearch": "es"}


def identify(message: str, neighbourhood: str = "") -> Product | None:
    """The product an error came from, judged from its message, then the lines around it; None when unknown."""
    for text in (message, neighbourhood):
        if not text:
            continue
        if "(" in text and ":" in text:
            for match in CAM_ACTION.finditer(text):
                found = _product(match.group("service"), f"CAM action {match.group(0)[1:-1]}")
                if found:
                    return found
        if "tencentcloudapi.com" in text:
            for match in HOST.finditer(text):
                service = match.group("service")
                found = _product(service, f"host {match.group(0)}")
                if found:
                    return found
                if service.isalpha():
                    # a product the services reference does not list: still not Organization, and stronger
                    # evidence than a host on some other line of the log
                    return Product(service, service, f"host {match.group(0)}")
        if "tencentcloud_" in text:
            for match in TERRAFORM.finditer(text):
                kind = match.group("type")
                prefix = kind.split("_")[0]
                service = TERRAFORM_SERVICE.get(kind) or TERRAFORM_PREFIX.get(prefix, prefix)
                found = _product(service, f"Terraform resource type tencentcloud_{kind}")
                if found:
                    return found
        found = _named_by_sdk(text) or _dotted_action(text)
        if found:
            return found
        named = ACTION.search(text)
        if named:
            action = named.group("action")
            owners = action_owners().get(action, ())
            if ORGANIZATION in owners or not owners:
                continue
            if len(owners) == 1:
                return _product(owners[0], f"action {action}")
            return Product(None, ", ".join(owners[:4]) + (" …" if len(owners) > 4 else ""), f"action {action}")
    return None


# (a literal the text must hold, the pattern, how the evidence is named): tried in this order
SDK_EVIDENCE = (
    ("tencentcloud", SDK_PATH, "SDK package"),
    ("tencentcloud-sdk-nodejs-", NODE_PACKAGE, "SDK package"),
    ("Client", CLIENT_CLASS, "SDK client"),
    ("tccli", TCCLI, "tccli command"),
    ("Call", LAYOUT, "error layout"),
    ("tencentcloud-", TOOL_NAME, "tool name"),
)


def _dotted_action(text: str) -> Product | None:
    if "." not in text:
        return None
    for n, match in enumerate(DOTTED_ACTION.finditer(text)):
        if n >= DOTTED_TRIED:
            break
        service, action = match.group("service"), match.group("action")  # the reference read only for a match
        if service != ORGANIZATION and service in action_owners().get(action, ()):
            return _product(service, f"action {match.group(0)}")
    return None


def _named_by_sdk(text: str) -> Product | None:
    """A product named by how the SDK or tccli printed the error: a package path, a client class, a tccli line."""
    lowered = text.lower()
    for literal, pattern, kind in SDK_EVIDENCE:
        if literal.lower() not in lowered:
            continue
        found = _first_named(pattern, text, kind)
        if found:
            return found
    return None


def _first_named(pattern: Lazy, text: str, kind: str) -> Product | None:
    """The first product a match of pattern names by its "service" group (a word of NOT_PRODUCTS names none)."""
    for match in pattern.finditer(text):
        service = match.group("service").lower()
        found = _product(service, f"{kind} {match.group(0)}") if service not in NOT_PRODUCTS else None
        if found:
            return found
    return None


def _prose_names() -> list[tuple[str, str]]:
    """(name, product) for the product names distinctive enough to name a product in prose: Chinese names of 4
    characters or more (云服务器, 语音识别; not 短信), English names of two words or more (Cloud Virtual Machine), and
    one-word brand names in CamelCase (EdgeOne) — each belonging to one product only; longest first."""
    global _PROSE
    if _PROSE is None:
        from tco_errcli.catalog import allproducts

        owners: dict[str, set[str]] = {}
        for p in allproducts.products():
            for name in (p.name_zh, p.name_en):
                if not name:
                    continue
                name = " ".join(name.split())
                cjk = not name.isascii()
                brand = name.isascii() and " " not in name and any(c.isupper() for c in name[1:]) and len(name) >= 6
                if (cjk and len(name) >= 4 and " " not in name) or (name.isascii() and name.count(" ") >= 1) or brand:
                    owners.setdefault(name, set()).add(p.short)
        _PROSE = sorted(((n, next(iter(s))) for n, s in owners.items() if len(s) == 1), key=lambda x: -len(x[0]))
    return _PROSE


_PROSE: list[tuple[str, str]] | None = None


@lru_cache(maxsize=256)  # the findings of one long line share its record: look once
def named_in_prose(text: str) -> Product | None:
    """A product named in words (EdgeOne, 云服务器, Cloud Virtual Machine): the weakest evidence, tried last."""
    if len(text) > 20_000:
        text = text[:20_000]
    for name, service in _prose_names():
        at = text.find(name)
        if at < 0:
            continue
        before, after = text[at - 1 : at], text[at + len(name) : at + len(name) + 1]
        if name.isascii() and (_word_char(before) or _word_char(after)):  # a part of a longer word
            continue
        found = _product(service, f"product name {name}")
        if found:
            return found
    if "腾讯云" in text or "Cloud" in text:
        return _first_named(VENDOR_PRODUCT, text, "product name") or _vendor_zh(text)
    return None


VENDOR_ZH = lazy(r"腾讯云 ?(?P<name>[\u4e00-\u9fff]{2,8})")  # 腾讯云翻译, 腾讯云短信


def _vendor_zh(text: str) -> Product | None:
    """ "腾讯云翻译": the vendor's name, then the end of one product's Chinese name, at least half of it (翻译 of
    机器翻译, 服务器 of 云服务器; not 账号 of 集团账号管理, nor 域名 of 域名注册 in 腾讯云域名解析): the longest head of
    the words after the vendor's name that names one product only."""
    endings = _zh_endings()
    for match in VENDOR_ZH.finditer(text):
        words = match.group("name")
        for size in range(len(words), 1, -1):
            owners = endings.get(words[:size], ())
            if len(owners) == 1:
                found = _product(owners[0], f"product name 腾讯云{words[:size]}")
                if found:
                    return found
    return None


@lru_cache(maxsize=1)
def _zh_endings() -> dict[str, tuple[str, ...]]:
    """Each end of a product's Chinese name that is at least half of it (two characters or more) -> its products."""
    from tco_errcli.catalog import allproducts

    owners: dict[str, dict[str, None]] = {}
    for p in allproducts.products():
        name = p.name_zh or ""
        for size in range(max(2, (len(name) + 1) // 2), len(name) + 1):
            owners.setdefault(name[len(name) - size :], {})[p.short] = None
    return {end: tuple(shorts) for end, shorts in owners.items()}


def named_owner(text: str, owners: tuple[str, ...]) -> Product | None:
    """One of the few products that define a code, named by its short name as a word of the text ("请输入主域名，如
    dnspod.cn" beside InvalidParameter.DomainInvalid, which dnspod and ssl define)."""
    for service in owners:
        if len(service) < 3 or service == ORGANIZATION:
            continue
        at = text.find(service)
        while at != -1:
            if not _word_char(text[at - 1 : at]) and not _word_char(text[at + len(service) : at + len(service) + 1]):
                return _product(service, f"product name {service} beside a code it defines")
            at = text.find(service, at + 1)
    return None


# an action named in a log line, bare, as the call that failed: "CreateListener failed, err […]",
# "DescribeRecordList answered:" (verb-led, then a word or mark that says it went wrong or answered)
BARE_ACTION = lazy(
    r"(?<![A-Za-z0-9_.:/])(?P<action>(?P<verb>[A-Z][a-z]{1,11})[A-Z][A-Za-z0-9]{2,60})"
    r"(?=\s{0,2}(?:failed|failure|error|err\b|answered|returned|response|:|出错|失败|报错|返回))"
)
ACTION_VERBS = frozenset(
    [
        "Describe",
        "Create",
        "Delete",
        "Modify",
        "Get",
        "List",
        "Update",
        "Send",
        "Batch",
        "Attach",
        "Detach",
        "Run",
        "Start",
        "Stop",
        "Reset",
        "Bind",
        "Unbind",
        "Query",
        "Apply",
        "Upload",
        "Check",
        "Set",
        "Add",
        "Remove",
        "Enable",
        "Disable",
        "Associate",
        "Disassociate",
        "Register",
        "Deregister",
        "Purge",
        "Push",
        "Deploy",
        "Terminate",
        "Inquiry",
        "Allocate",
        "Release",
        "Renew",
        "Replace",
        "Submit",
        "Search",
        "Assume",
        "Open",
        "Close",
        "Import",
        "Export",
    ]
)


def named_action(text: str, definers: tuple[str, ...] = ()) -> Product | None:
    """The product of an action a log line names bare as the call that failed (BARE_ACTION): the action's one
    product, or the one product among its owners that also defines the error's code (definers)."""
    if len(text) > 20_000:
        text = text[:20_000]
    for match in BARE_ACTION.finditer(text):
        if match.group("verb") not in ACTION_VERBS:
            continue
        action = match.group("action")
        services = action_owners().get(action, ())
        if ORGANIZATION in services:
            continue
        if len(services) > 1 and definers:
            services = tuple(s for s in services if s in definers)
        if len(services) == 1:
            found = _product(services[0], f"action {action}")
            if found:
                return found
        elif 1 < len(services) <= 4:  # not Organization, one of these
            return Product(None, ", ".join(services), f"action {action}")
    return None


def _word_char(char: str) -> bool:
    """A letter or digit that continues an ASCII name ("DNSPod" in "MyDNSPod"); not a Chinese character beside
    it ("腾讯云DNSPod")."""
    return char.isascii() and char.isalnum()
