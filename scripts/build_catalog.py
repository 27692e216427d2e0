"""Build catalog.json from the reference facts (data/reference), the seed page and the authored text.

Run `python scripts/build_catalog.py` after editing data/authored/*.toml; `--check` exits 1 when
catalog.json is not what the sources produce (the test suite runs that check).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
OUT = ROOT / "catalog.json"
INDEX = ROOT / "tco_errcli" / "search" / "search_index.txt"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import authored_schema as schema  # noqa: E402  (the scripts folder is on the path from here on)
from doc_conflicts import Conflict  # noqa: E402
from doc_conflicts import find as find_conflicts  # noqa: E402

VERSIONS = {"v20181225": "2018-12-25", "v20210331": "2021-03-31"}
EXPLORER = "https://console.cloud.tencent.com/api/explorer?Product=organization&Version={version}&Action={action}"

# Search words users think in, keyed by a CamelCase token of the code name.
TOKEN_KEYWORDS: dict[str, list[str]] = {
    "Node": ["department", "organizational unit", "OU", "node", "部门", "组织单元", "节点"],
    "Share": ["resource sharing", "shared unit", "资源共享", "共享单元"],
    "Uint": ["shared unit", "共享单元"],
    "IdentityCenter": ["Identity Center", "CIC", "身份中心"],
    "Zone": ["Identity Center", "CIC", "space", "身份中心", "空间"],
    "Scim": ["SCIM", "provisioning", "SCIM同步"],
    "SAML": ["SAML", "SSO", "single sign-on", "单点登录"],
    "SSo": ["SSO", "single sign-on", "单点登录"],
    "X509": ["certificate", "SAML", "证书"],
    "Metadata": ["SAML metadata", "元数据"],
    "Policy": ["policy", "策略"],
    "Tag": ["tag", "标签"],
    "Email": ["email", "邮箱"],
    "Phone": ["phone", "手机"],
    "Member": ["member account", "成员"],
    "Members": ["member account", "成员"],
    "Organization": ["organization", "集团", "组织"],
    "Invitation": ["invitation", "invite", "邀请"],
    "Invite": ["invitation", "invite", "邀请"],
    "Auth": ["authorization", "授权"],
    "Payer": ["pay-on-behalf", "代付"],
    "Delegate": ["pay-on-behalf", "delegated", "代付"],
    "Discount": ["discount", "优惠"],
    "Agent": ["reseller", "经销商"],
    "Client": ["reseller customer", "经销商子客"],
    "Distributor": ["distributor", "reseller", "经销商"],
    "Partner": ["reseller", "partner", "经销商"],
    "Group": ["user group", "用户组"],
    "User": ["user", "用户"],
    "Role": ["permission configuration", "role", "权限配置"],
    "Configuration": ["permission configuration", "权限配置"],
    "Provisioning": ["provisioning", "sync", "同步", "部署"],
    "Service": ["organization service", "集团服务"],
    "Assign": ["delegated administrator", "委派管理员"],
    "Identity": ["identity", "身份"],
    "Billing": ["billing", "计费"],
    "Arrears": ["arrears", "overdue", "欠费"],
    "Voucher": ["voucher", "代金券"],
    "Financial": ["billing", "financial", "财务"],
    "Certificate": ["certificate", "证书"],
    "Credential": ["credential", "密钥"],
    "Signature": ["signature", "签名"],
    "SecretId": ["secret id", "access key", "密钥"],
    "Token": ["token", "令牌"],
    "Limit": ["limit", "quota", "上限", "配额"],
    "Exceeded": ["limit", "上限"],
    "Region": ["region", "site", "地域", "站点"],
    "Sync": ["sync", "同步"],
    "Synchronized": ["synchronized", "SCIM", "同步"],
    "Manual": ["manual", "手动"],
    "Account": ["account", "账号"],
}
CATEGORY_KEYWORDS: dict[str, list[str]] = {
    "AuthFailure": ["authentication", "credentials", "认证", "鉴权"],
    "RequestLimitExceeded": ["throttling", "rate limit", "限频"],
    "LimitExceeded": ["limit", "quota", "上限", "配额"],
    "ResourceNotFound": ["not found", "不存在"],
    "InvalidParameter": ["invalid parameter", "参数错误"],
    "InvalidParameterValue": ["invalid value", "参数取值"],
    "UnsupportedOperation": ["not supported", "不支持"],
    "FailedOperation": ["operation failed", "操作失败"],
    "ResourceInUse": ["in use", "占用"],
}

RETRY_NOTES: dict[str, dict[str, str]] = schema.load(DATA / "retry_notes.toml", schema.RETRY_NOTES)
TRANSIENT_CODES = {"InternalError", "ServiceUnavailable"}

CAMEL = re.compile(r"[A-Z]{2,}(?=[A-Z][a-z]|\d|$)|[A-Z]?[a-z]+|[A-Z]+|\d+")


class BuildError(Exception):
    """The sources disagree; the message says where."""


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def seed_descriptions() -> dict[str, str]:
    """The two tables of the official Error Codes page: code -> English description."""
    text = next((DATA / "seed").glob("000_*.txt")).read_text(encoding="utf-8")
    rows: dict[str, str] = {}
    for line in text.splitlines():
        match = re.match(r"^([A-Z][A-Za-z0-9]+(?:\.[A-Za-z0-9]+)?) (\S.*)$", line)
        if match and line.split(" ", 1)[0] not in {"Error", "Code"}:
            rows[match.group(1)] = match.group(2).strip()
    return rows


def authored() -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    for path in sorted((DATA / "authored").glob("*.toml")):
        if path.name == "phrases.toml":  # users' phrases for search, not a table per code (scripts/phrases.py)
            continue
        try:
            table = schema.load(path, schema.CODE, per_entry=True)
        except schema.SchemaError as exc:
            raise BuildError(str(exc)) from None
        for code, body in table.items():
            if code in entries:
                raise BuildError(f"{path.name}: {code} is authored twice")
            entries[code] = body
    return entries


def tokens(code: str) -> list[str]:
    return [t for part in code.split(".") for t in CAMEL.findall(part)]


def keywords_for(code: str, extra: list[str]) -> list[str]:
    words: list[str] = list(extra)
    category, _, detail = code.partition(".")
    words += CATEGORY_KEYWORDS.get(category, [])
    detail_tokens = set(tokens(detail))
    for key, extra_words in TOKEN_KEYWORDS.items():
        # multi-part keys (IdentityCenter, SSo, X509) are matched as substrings of the name
        compound = sum(c.isupper() or c.isdigit() for c in key) > 1
        if key in detail_tokens or (compound and key in detail):
            words += extra_words
    seen: set[str] = set()
    unique = []
    for word in words:
        if word.lower() not in seen:
            seen.add(word.lower())
            unique.append(word)
    return unique


# The parameters each code is about (issue #12), chosen by hand: see the file's header.
PARAMETERS: dict[str, list[str]] = schema.load(DATA / "parameters.toml", schema.PARAMETERS)
# Where a parameter's English and Chinese docs disagree, which is right and the English rule shown (issue #23).
DOC_CONFLICTS: dict[str, dict[str, str]] = schema.load(DATA / "doc_conflicts.toml", schema.DOC_CONFLICTS)
HTML_TAG = re.compile(r"<[^>]{1,200}>")
MARKDOWN_LINK = re.compile(r"\[([^\]]{1,200})\]\((?:https?://[^)\s]{1,300})\)")


def clean_doc(text: str) -> str:
    """A parameter's documented rule as one line: no HTML, links reduced to their text."""
    text = MARKDOWN_LINK.sub(r"\1", HTML_TAG.sub(" ", text or ""))
    return " ".join(text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").split())


def request_params(action: dict[str, Any], prefix: str = "") -> list[dict[str, Any]]:
    """Top-level request parameters and their nested fields (name given as Parent.Field)."""
    out: list[dict[str, Any]] = []
    for p in action.get("request", []) if not prefix else action.get("fields", []):
        name = f"{prefix}{p['name']}"
        out.append({**p, "name": name, "leaf": p["name"]})
        if p.get("fields"):
            out += request_params(p, f"{name}.")
    return out


def disagreements(api: dict[str, Any]) -> dict[str, list[Conflict]]:
    """The parameters whose English and Chinese docs disagree (scripts/doc_conflicts.py), by 'VERSION ACTION NAME';
    a table of data/doc_conflicts.toml for a disagreement no longer found is a build error."""
    found: dict[str, list[Conflict]] = {}
    for conflict in find_conflicts(api):
        found.setdefault(conflict.key, []).append(conflict)
    if stale := sorted(set(DOC_CONFLICTS) - set(found)):
        raise BuildError(f"doc_conflicts.toml: {stale} no longer disagree in organization-api.json; remove them")
    for key, table in DOC_CONFLICTS.items():
        if table["kind"] not in {c.kind for c in found[key]}:
            raise BuildError(f"doc_conflicts.toml: {key}: kind {table['kind']!r}, found {[c.kind for c in found[key]]}")
    return found


def parameter_rules(
    code: str,
    names: list[str],
    api: dict[str, Any],
    actions: dict[str, list[str]],
    conflicts: dict[str, list[Conflict]] | None = None,
    warnings: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Each named parameter's documented rule on each action that returns the code. Where the two languages'
    docs disagree, the English rule is data/doc_conflicts.toml's `rule_en` (or, unreviewed, the Chinese text with
    a note), never the contradicted English text; each such rule is reported in `warnings`."""
    rules: list[dict[str, Any]] = []
    for version in sorted(actions):
        for action in actions[version]:
            by_name = {p["name"]: p for p in request_params(api[version].get(action, {}))}
            for name in names:
                p = by_name.get(name)
                if p is None:
                    continue
                zh = clean_doc(p.get("doc_zh", ""))
                en = clean_doc(p.get("doc_en", "")) or zh
                key = f"{version} {action} {name}"
                if conflicts and key in conflicts:
                    said = "; ".join(c.detail for c in conflicts[key])
                    table = DOC_CONFLICTS.get(key)
                    if table is not None:
                        if table["right"] == "zh":
                            en = table["rule_en"]
                        elif "rule_zh" in table:
                            zh = table["rule_zh"]
                        else:
                            raise BuildError(f"doc_conflicts.toml: {key}: the English is right, so give rule_zh")
                        status = f"shown as the {table['right']} text says"
                    else:
                        en = f"The English and Chinese API docs disagree ({said}); the Chinese says: {zh}"
                        status = "UNREVIEWED: add a table to data/doc_conflicts.toml"
                    if warnings is not None:
                        warnings.append(f"{key}: the en and zh docs disagree ({said}); {status}; in {code}")
                rules.append(
                    {
                        "action": action,
                        "version": version,
                        "name": name,
                        "type": p["type"],
                        "required": bool(p.get("required")),
                        "rule": {"en": en, "zh": zh or en},
                    }
                )
    known = {r["name"] for r in rules}
    if unknown := [n for n in names if n not in known]:
        raise BuildError(f"{code}: params {unknown} are not request parameters of the actions that return it")
    return rules


def retry_strategy(code: str, body: dict[str, Any]) -> str:
    if "retry" in body:
        return str(body["retry"])
    if code.startswith("RequestLimitExceeded"):
        return "throttle"
    if code in TRANSIENT_CODES:
        return "transient"
    return "fix"


def action_names(actions: dict[str, dict[str, Any]]) -> dict[str, set[str]]:
    return {VERSIONS[v]: set(acts) for v, acts in actions.items()}


def docs_for(hint: str, versions: list[str], known: dict[str, set[str]]) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = []
    for word in dict.fromkeys(re.findall(r"\b[A-Z][A-Za-z]{3,80}\b", hint)):
        for version in sorted(versions, reverse=True):
            if word in known[version]:
                url = EXPLORER.format(version=version, action=word)
                docs.append({"title": f"API Explorer: {word} ({version})", "url": url})
                break
        if len(docs) == 2:
            break
    return docs


def build(warnings: list[str] | None = None) -> dict[str, Any]:
    """The catalogue; `warnings` receives what the build should say but does not fail on."""
    codes = read_json(DATA / "reference" / "organization-error-codes.json")
    actions = read_json(DATA / "reference" / "organization-actions.json")
    api = read_json(DATA / "reference" / "organization-api.json")["versions"]
    seed = seed_descriptions()
    texts = authored()
    known = action_names(actions)
    conflicts = disagreements(api)
    reference_codes = {e["code"] for e in codes}
    if unknown := sorted(set(texts) - reference_codes):
        raise BuildError(f"authored codes not in the reference: {unknown}")
    if missing := sorted(reference_codes - set(texts)):
        raise BuildError(f"reference codes without authored text: {missing}")

    entries: list[dict[str, Any]] = []
    for ref in codes:
        code = ref["code"]
        body = dict(texts[code])
        alias_of = body.get("alias_of")
        if alias_of:
            target = texts[alias_of]
            for key in ("hint", "causes", "keywords", "retry"):
                if key in target and key not in body:
                    body[key] = target[key]
        if ref["en_seed"] is not None:
            if "en" in body:
                raise BuildError(f"{code}: seed codes keep the seed's English description")
            if seed.get(code) != ref["en_seed"]:
                raise BuildError(f"{code}: seed page and reference disagree")
            description_en, source = ref["en_seed"], "seed"
        elif ref.get("en_sdk"):
            if "en" in body:
                raise BuildError(f"{code}: the English SDK's wording is the description; remove the authored 'en'")
            description_en, source = ref["en_sdk"], "sdk"  # the English SDK's wording is official too
        else:
            description_en, source = body["en"], "authored"
        versions = [VERSIONS[v] for v in ref["versions"]]
        strategy = retry_strategy(code, body)
        causes = body.get("causes", {})
        by_version = {VERSIONS[v]: ref["actions"][v] for v in ("v20181225", "v20210331")}
        params = parameter_rules(code, PARAMETERS.get(code, []), api, by_version, conflicts, warnings)
        entry = {
            "code": code,
            "category": code.split(".")[0],
            "kind": ref["kind"],
            "versions": versions,
            "actions": {VERSIONS[v]: ref["actions"][v] for v in ("v20181225", "v20210331")},
            "description": {"en": description_en, "zh": body["zh"]},
            "description_source": source,
            "reference_zh": ref["zh"],
            "hint": {"en": body["hint"]["en"], "zh": body["hint"]["zh"]},
            **({"org_hint": {"en": body["org_hint"]["en"], "zh": body["org_hint"]["zh"]}} if "org_hint" in body else {}),
            "causes": {"en": causes.get("en", []), "zh": causes.get("zh", [])},
            "retry": {
                "retryable": strategy in {"throttle", "transient", "later"},
                "strategy": strategy,
                "note": RETRY_NOTES[strategy],
            },
            "keywords": keywords_for(code, body.get("keywords", [])),
            "related": list(body.get("related", [])),
            "aliases": [alias_of] if alias_of else [],
            "docs": docs_for(body["hint"]["en"], versions, known),
            "parameters": params,
        }
        entries.append(entry)

    by_code = {e["code"]: e for e in entries}
    for entry in entries:  # aliases and related links go both ways
        for alias in entry["aliases"]:
            if entry["code"] not in by_code[alias]["aliases"]:
                by_code[alias]["aliases"].append(entry["code"])
        for other in entry["related"] + entry["aliases"]:
            if other not in by_code:
                raise BuildError(f"{entry['code']}: related code {other} is not in the catalogue")
            if entry["code"] not in by_code[other]["related"]:
                by_code[other]["related"].append(entry["code"])
    for entry in entries:
        entry["related"] = sorted(set(entry["related"]) - {entry["code"]})
        entry["aliases"] = sorted(entry["aliases"])
    add_phrases(entries)

    return {
        "schema_version": 1,
        "provenance": (
            "Codes, API versions, actions and Chinese reference meanings: data/reference/ (Tencent Cloud SDK "
            "for Go v1.3.166, SDK for Python organization 3.1.193, tccli 3.1.189.1). English descriptions of the "
            "62 codes on the official Error Codes page (2025-10-30): data/seed/; of the others, where the English "
            "edition of the Go SDK (v3.0.1474) defines one: its wording (description_source 'sdk'). Parameter rules: "
            "the documentation of each request parameter in tccli api.json and the English SDK (organization-api.json). "
            "All other text: tco-err authors."
        ),
        "api_versions": sorted(VERSIONS.values()),
        "actions": {
            VERSIONS[v]: {name: {"summary_zh": a["summary_zh"], "status": a["status"]} for name, a in acts.items()}
            for v, acts in actions.items()
        },
        "entries": entries,
    }


def add_phrases(entries: list[dict[str, Any]]) -> None:
    """Users' phrases for search, from data/authored/phrases.toml, as each entry's `phrases` {en, zh}."""
    from phrases import PhraseError, phrases_for

    try:
        schema.load(DATA / "authored" / "phrases.toml", schema.PHRASES)
    except schema.SchemaError as exc:
        raise BuildError(str(exc)) from None
    try:
        found = phrases_for([entry["code"] for entry in entries])
    except PhraseError as exc:
        raise BuildError(str(exc)) from None
    for entry in entries:
        if found[entry["code"]]["en"] or found[entry["code"]]["zh"]:
            entry["phrases"] = found[entry["code"]]


def render(catalog: dict[str, Any]) -> str:
    """Compact JSON with one entry per line: small and fast to load, and diffs stay per code."""
    head = {k: v for k, v in catalog.items() if k != "entries"}
    lines = [json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1] + ',"entries":[']
    rows = [json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in catalog["entries"]]
    lines.append(",\n".join(rows))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def render_index(catalog: dict[str, Any]) -> str:
    """The search index of the built-in catalogue (tco_errcli/search/bm25.py), so `tco-err search` need not build it.

    Tencent's own English wordings of each code (the SDK's and the Error Codes page's) are indexed with the
    description, so a pasted server message finds its code even where our description words it differently.
    The synonym classes (data/synonyms.toml, scripts/synonyms.py) are compiled into it, so a query is read
    with the same classes the catalogue was; so are the Terraform resource types (data/terraform.toml,
    scripts/terraform.py), each a term of the codes its actions return; and what each API action does, from
    its official summaries in both languages (tco_errcli/search/tasks.py).
    """
    from synonyms import SynonymError, concepts
    from terraform import TerraformError, resources

    from tco_errcli.search import bm25
    from tco_errcli.search.tasks import Tasks

    official: dict[str, list[str]] = {}
    for ref in read_json(DATA / "reference" / "organization-error-codes.json"):
        official[ref["code"]] = [text for text in (ref.get("en_sdk"), ref.get("en_seed")) if text]
    try:
        classes, types = concepts(), resources()
    except (SynonymError, TerraformError) as exc:
        raise BuildError(str(exc)) from None
    # what each action does, weighted by the idf of its words in the index built without it
    words = bm25.Index(bm25.build(catalog["entries"], official, classes, types).encode("utf-8"))
    summaries: dict[str, dict[str, str]] = {}
    for version in read_json(DATA / "reference" / "organization-api.json")["versions"].values():
        for action, about in version.items():  # both versions' words for an action of both
            said = summaries.setdefault(action, {"zh": "", "en": ""})
            for lang in ("zh", "en"):
                said[lang] = " ".join(filter(None, (said[lang], about.get(f"summary_{lang}") or "")))
    tasks = Tasks.compile(summaries, classes, words.idf)
    return bm25.build(catalog["entries"], official, classes, types, tasks)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if catalog.json is stale")
    args = parser.parse_args()
    warnings: list[str] = []
    try:
        catalog = build(warnings)
        text, index = render(catalog), render_index(catalog)
    except BuildError as exc:
        sys.stderr.write(f"build_catalog: {exc}\n")
        return 2
    grouped: dict[str, list[str]] = {}  # the en/zh disagreements the catalogue shows (data/doc_conflicts.toml)
    for warning in warnings:
        said, _, code = warning.rpartition("; in ")
        grouped.setdefault(said, []).append(code)
    for said, codes in grouped.items():
        sys.stderr.write(f"build_catalog: warning: {said}; in {', '.join(dict.fromkeys(codes))}\n")
    if args.check:
        for path, wanted in ((OUT, text), (INDEX, index)):
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != wanted:
                sys.stderr.write(f"build_catalog: {path.name} is stale; run scripts/build_catalog.py\n")
                return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    INDEX.write_text(index, encoding="utf-8")
    sys.stdout.write(f"wrote {OUT.name}: {len(json.loads(text)['entries'])} entries\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
