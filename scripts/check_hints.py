"""Check the authored catalogue text against the API reference and the glossary; print every violation per code.

Run `python scripts/check_hints.py [CODE ...]` (exit 1 when anything is wrong). The test suite calls `check()`.

What it checks, in every text of an entry (description, hint, causes, org_hint; en and zh):
- an Organization action named in a text exists in the code's API version(s), or in the version the sentence names;
- a parameter or field named in a sentence that also names an action exists on the action next to it, before or
  after (request parameters, nested object fields, response fields), in the version meant; in a sentence without
  an action, on every action of the text that changes something. The reference lists only top-level response fields,
  so next to a Describe/List/Get action an ID-like name (…Id, …Uin, …Name, …Status) that is a parameter somewhere in
  that version is accepted: it is probably a field of the returned objects;
- where the code belongs to both versions and a named parameter exists on the action in only one, the sentence says
  which version (2018-12-25 or 2021-03-31); the same for an action that only one of the versions has;
- list wording ("split", "batch", "each of the", 分批, 拆分 …) only about a parameter of type `list of …`;
- CamelCase words that are neither actions, parameters, error codes nor listed in data/glossary.toml [names];
- an ID format given as '<prefix>-…' is one the official examples use (z-, g-, u-, rc-, scimcred- …);
- the glossary (data/glossary.toml): no wrong Chinese variant of a concept in any Chinese text;
- common (platform-wide) codes: `hint` names nothing Organization-only (that belongs in `org_hint`);
- a hint (with its org_hint) that names some of the actions returning its code names all of them, so that it says
  what applies to each (#23: OperatePolicy's hint ignored UpdateOrganizationMembersPolicy), unless the code is in
  ACTION_NEUTRAL (advice that holds for any action, the named ones being examples or checks);
- the English and the Chinese of a text name the same API actions (the two languages are kept in step);
- causes are possible causes (the terminal's heading says so): one that is documented says so with its source,
  '(documented: …)' / '（文档：…）', in both languages; one that is not claims no frequency (usually, often, 通常);
- a hint presents no undocumented cause as the usual one ('the usual cause', 'usually because', '常见原因是' …): a
  cause the reference does not give is 'likely' / 'possible' (可能 … 推测), #23;
- a hint quotes no parameter doc that the other language's doc contradicts (scripts/doc_conflicts.py; the
  English SDK's 'User ID.' for ListGroupMembers GroupId, member names without 汉字), #23.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
REFERENCE = DATA / "reference"
VERSIONS = {"v20181225": "2018-12-25", "v20210331": "2021-03-31"}

VERSION_WORD = re.compile(r"2018-12-25|2021-03-31")
# CamelCase identifiers: start upper-case, at least two capitals and a lower-case letter (SSoStatus, X509Certificate).
# Not preceded by ':' '/' '.' '*' (cvm:RunInstances, qcs paths, code names) and not part of a longer word.
IDENT = re.compile(r"(?<![A-Za-z0-9_:/.*$<\-])[A-Z][A-Za-z0-9]{1,80}(?![A-Za-z0-9_\-])")
CODE_NAME = re.compile(r"\b[A-Z][A-Za-z0-9]{1,80}\.[A-Z][A-Za-z0-9]{1,120}\b")
SENTENCE_EN = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(\"'])|\n")
SENTENCE_ZH = re.compile(r"(?<=[。；！？])|\n")
LIST_WORDS = re.compile(r"\b(?:split|splitting|batch|batches|batched|chunks?|each of the)\b|分批|拆分|每批|拆成", re.IGNORECASE)
EXAMPLE_ID = re.compile(r"(?<![A-Za-z0-9])([a-z]{1,12})-[A-Za-z0-9*]{3,}")
QUOTED_ID_PREFIX = re.compile(r"'([a-z]{1,12})-")  # 'g-…', 'rc-so2msow'
PLURAL_ABBREVIATION = re.compile(r"^[A-Z]{2,}s$")  # IDs, APIs, UINs
READ_ACTION = re.compile(r"^(?:Describe|List|Get|Check)[A-Z]")
ID_LIKE = re.compile(r"(?:Id|Ids|Uin|Uins|Name|Names|Status|[a-z]Type)$")
ORG_ONLY = re.compile(
    r"QcloudOrganization|[Oo]rganization|management account|member account|集团|组织|管理账号|成员账号|身份中心|Identity Center"
)


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    doc_en: str
    doc_zh: str
    path: str  # "Name" or "Parent.Name" for nested fields
    example: str = ""


@dataclass
class Api:
    """organization-api.json, indexed: version -> action -> parameter name -> the parameters of that name."""

    actions: dict[str, dict[str, dict[str, list[Param]]]] = field(default_factory=dict)
    request: dict[str, list[Param]] = field(default_factory=dict)  # "version action" -> top-level request
    names: dict[str, set[str]] = field(default_factory=dict)  # version -> every parameter or field name
    request_names: dict[str, set[str]] = field(default_factory=dict)  # version -> request parameters and fields
    every_action: set[str] = field(default_factory=set)
    other_products: set[str] = field(default_factory=set)  # action names of other Tencent Cloud products
    id_prefixes: set[str] = field(default_factory=set)  # 'z', 'g', 'u', 'rc' ...: as the official examples write IDs

    def has(self, version: str, action: str) -> bool:
        return action in self.actions.get(version, {})

    def params(self, version: str, action: str, name: str) -> list[Param]:
        return self.actions.get(version, {}).get(action, {}).get(name, [])

    def is_list(self, version: str, action: str, name: str) -> bool:
        return any(p.type.startswith("list of") for p in self.params(version, action, name))

    def any_list(self, version: str, action: str) -> bool:
        return any(p.type.startswith("list of") for ps in self.actions.get(version, {}).get(action, {}).values() for p in ps)


def _walk(params: Iterable[Mapping[str, Any]], prefix: str) -> Iterator[Param]:
    for p in params:
        path = f"{prefix}{p['name']}"
        example = str(p.get("example") or "")
        yield Param(p["name"], p["type"], bool(p.get("required")), p.get("doc_en") or "", p.get("doc_zh") or "", path, example)
        yield from _walk(p.get("fields") or [], f"{path}.")


def load_api(reference: Path = REFERENCE) -> Api:
    raw = json.loads((reference / "organization-api.json").read_text(encoding="utf-8"))
    api = Api()
    for version, actions in raw["versions"].items():
        api.actions[version] = {}
        api.names[version] = set()
        api.request_names[version] = set()
        for action, body in actions.items():
            table: dict[str, list[Param]] = {}
            for param in _walk(body["request"], ""):
                table.setdefault(param.name, []).append(param)
            for name in body.get("response", []):
                table.setdefault(name, []).append(Param(name, "response", False, "", "", name))
            api.actions[version][action] = table
            api.request[f"{version} {action}"] = list(_walk(body["request"], ""))
            api.names[version] |= set(table)
            api.request_names[version] |= {p.name for p in api.request[f"{version} {action}"]}
            api.every_action.add(action)
            examples = [str(p.example) for p in api.request[f"{version} {action}"]] + [body.get("example_request") or ""]
            api.id_prefixes.update(m.group(1) for text in examples for m in EXAMPLE_ID.finditer(text))
    services = json.loads((reference / "tencentcloud-services.json").read_text(encoding="utf-8"))["services"]
    for short, service in services.items():
        if short != "organization":
            api.other_products.update(service.get("actions", []))
    return api


@dataclass(frozen=True)
class Subject:
    """One code with everything the checks need: its versions and actions, and its texts."""

    code: str
    kind: str
    versions: tuple[str, ...]
    actions: tuple[str, ...]  # every action that returns it, any version
    texts: tuple[tuple[str, str, str], ...]  # (field, lang, text): field is description, hint, causes, org_hint
    stale_en: bool = False  # an authored `en` that the official wording (seed page or English SDK) replaces
    retry: str = "fix"  # the retry class the build gives it (build_catalog.retry_strategy)


@dataclass
class Glossary:
    patterns: list[tuple[re.Pattern[str], str]]  # (wrong variant, message)
    allowed: list[str]
    not_api: set[str]


def load_glossary(path: Path = DATA / "glossary.toml") -> Glossary:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    patterns: list[tuple[re.Pattern[str], str]] = []
    allowed: list[str] = []
    for name, concept in raw.get("concepts", {}).items():
        for wrong in concept.get("wrong_zh", []):
            patterns.append(
                (re.compile(re.escape(wrong)), f"glossary: '{wrong}' is not the term for {name}; write '{concept['zh']}'")
            )
        for regex in concept.get("wrong_zh_patterns", []):
            patterns.append((re.compile(regex), f"glossary: {{}} is not the term for {name}; write '{concept['zh']}'"))
        allowed += concept.get("allowed_zh", [])
    for name, rule in raw.get("style", {}).items():
        for regex in rule.get("wrong_zh_patterns", []):
            patterns.append((re.compile(regex), f"style ({name}): {{}}: {rule['explain']}"))
    return Glossary(patterns, allowed, set(raw.get("names", {}).get("not_api", [])))


def _sentences(text: str, lang: str) -> list[str]:
    parts = SENTENCE_ZH.split(text) if lang == "zh" else SENTENCE_EN.split(text)
    out: list[str] = []
    for part in parts:
        if lang == "zh":  # Latin sentences inside Chinese text
            out += SENTENCE_EN.split(part)
        else:
            out.append(part)
    return [s for s in out if s.strip()]


def _identifiers(sentence: str, lang: str, codes: set[str]) -> list[tuple[str, int]]:
    """The API-looking words of a sentence with their positions."""
    sentence = CODE_NAME.sub(lambda m: " " * len(m.group(0)), sentence)
    found: list[tuple[str, int]] = []
    for match in IDENT.finditer(sentence):
        word = match.group(0)
        if word in codes:
            continue
        capitals = sum(c.isupper() for c in word)
        if capitals >= 2 and sum(c.islower() for c in word) >= 3 and not PLURAL_ABBREVIATION.match(word):
            found.append((word, match.start()))
        elif capitals == 1 and (lang == "zh" or sentence[: match.start()].strip()):
            found.append((word, match.start()))  # a capitalised word mid-sentence: a parameter only if the API has it
    return found


def _on(api: Api, versions: Iterable[str], action: str, param: str) -> bool:
    return any(api.params(v, action, param) for v in versions)


def _lenient(api: Api, versions: Iterable[str], action: str, param: str) -> bool:
    """A listing's response objects are not in the reference: accept an ID-like name the API knows elsewhere."""
    return bool(READ_ACTION.match(action) and ID_LIKE.search(param)) and any(param in api.names[v] for v in versions)


def _check_sentence(
    subject: Subject,
    sentence: str,
    lang: str,
    where: str,
    api: Api,
    glossary: Glossary,
    codes: set[str],
    text_actions: list[str],
) -> Iterator[str]:
    stated = tuple(sorted(set(VERSION_WORD.findall(sentence))))
    meant = stated or subject.versions
    words = _identifiers(sentence, lang, codes)
    placed = [(w, pos) for w, pos in words if w in api.every_action]
    actions = list(dict.fromkeys(w for w, _pos in placed))
    label = f"{where}.{lang}"
    common = subject.kind == "common"

    for action in actions:
        present = [v for v in meant if api.has(v, action)]
        if not present:
            yield f"{label}: {action} is not an action of {' / '.join(meant)}"
        elif not stated and len(meant) == 2 and len(present) == 1:
            yield f"{label}: {action} exists only in {present[0]}; say the version in the sentence"

    params: list[tuple[str, int]] = []
    for word, pos in words:
        if word in api.every_action or word in glossary.not_api:
            continue
        single = sum(c.isupper() for c in word) == 1
        in_api = any(word in api.names.get(v, set()) for v in meant)
        if single:  # an ordinary capitalised word ("List", "Type") is a parameter only if some request takes it
            if actions and any(word in api.request_names.get(v, set()) for v in meant):
                params.append((word, pos))
            continue
        if not in_api:
            if any(word in api.names.get(v, set()) for v in VERSIONS.values()):
                yield f"{label}: {word} is a parameter only in the other API version, not in {' / '.join(meant)}"
            elif not (common and word in api.other_products):  # a common code may cite another product's action
                yield f"{label}: {word} is neither an action, a parameter nor a field in the reference"
            continue
        params.append((word, pos))

    # Which action each parameter belongs to: the nearest action in the sentence; without one, every action
    # the text names that changes something (or the actions that return the code).
    fallback = [a for a in (text_actions or subject.actions) if any(api.has(v, a) for v in meant)]
    owners: dict[str, list[str]] = {}
    for param, pos in params:
        if placed:  # the actions on either side of the parameter: "X of CreateUser", "CreateUser 的 X"
            before = [a for a, p in placed if p < pos]
            after = [a for a, p in placed if p > pos]
            owners[param] = list(dict.fromkeys(before[-1:] + after[:1]))
        elif fallback:
            writes = [a for a in fallback if not READ_ACTION.match(a)]
            owners[param] = writes or fallback
    for param, owned in owners.items():
        if placed or len(owned) == 1 or all(READ_ACTION.match(a) for a in owned):  # on one of them
            if not any(_on(api, meant, a, param) or _lenient(api, meant, a, param) for a in owned):
                yield f"{label}: {param} is not a parameter or field of {' / '.join(owned)} in {' / '.join(meant)}"
                continue
        else:
            missing = [a for a in owned if not _on(api, meant, a, param)]
            if missing:
                yield f"{label}: {param} is not a parameter or field of {' / '.join(missing)} in {' / '.join(meant)}"
                continue
        if not stated and len(meant) == 2:
            for action in owned:
                on = [v for v in meant if api.params(v, action, param)]
                if len(on) == 1 and all(api.has(v, action) for v in meant):
                    yield f"{label}: {param} is on {action} only in {on[0]}; say the version in the sentence"

    match = LIST_WORDS.search(sentence)
    if match:
        # what is split is a parameter of the action that returned the code, or of one the sentence names
        scope = list(dict.fromkeys([a for a in subject.actions if any(api.has(v, a) for v in meant)] + actions))
        named = [p for p, _pos in params if any(_on(api, meant, a, p) for a in scope)]
        if named:
            if not any(api.is_list(v, a, p) for p in named for a in scope for v in meant):
                kinds = ", ".join(
                    sorted({f"{p} ({x.type})" for p in named for a in scope for v in meant for x in api.params(v, a, p)})
                )
                yield f"{label}: list wording '{match.group(0)}' but {kinds} is not a list"
        elif scope and not any(api.any_list(v, a) for a in scope for v in meant):
            yield f"{label}: list wording '{match.group(0)}' but {' / '.join(scope)} takes no list parameter"


# one retry class per situation, consistent with the hint (#23): a hint that says there is nothing to do is class
# none; a hint that says to retry is a retryable class
SAYS_SKIP = re.compile(
    r"\b(?:skip (?:this|the)\b[^.]{0,40}\bcall|nothing to (?:remove|do|delete)|no (?:further )?action is needed)", re.I
)
SAYS_RETRY = re.compile(r"\bretry (?:up to|a few|with (?:exponential )?backoff|later)\b", re.I)


# Codes whose hint holds for whichever action returned them; the actions it names are examples or checks, not the
# actions it is for. Each with the reason; every other hint that names one returning action names them all.
ACTION_NEUTRAL: dict[str, str] = {
    "FailedOperation.DBOperationError": "a server-side storage error of any Identity Center call; writes named as examples",
    "FailedOperation.IdentityCenterNotOpen": "any Identity Center call before the service is on; DescribeIdentityCenter checks",
    "FailedOperation.OperateBillingPermissionErr": "a billing failure of any member call; DescribeOrganizationMembers checks",
    "InvalidParameter.InterfaceNotExist": "any policy query; ListPolicies named for its PolicyType values",
    "InvalidParameter.ParamError": "a malformed parameter of any call; the actions named are examples of slips",
    "OperationDenied": "any resource sharing call refused; DescribeShareUnits checks the caller's units",
    "ResourceNotFound.OrganizationNotExist": "the caller has no organization, whatever the call; the actions named check it",
}
ACTION_WORD = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?:[A-Z][A-Za-z]*)+(?![A-Za-z])")


def check_actions(subject: Subject, api: Api) -> list[str]:
    """The returning actions a hint leaves out while naming others; actions named in one language only."""
    problems: list[str] = []
    named: dict[tuple[str, str], set[str]] = {}
    for where, lang, text in subject.texts:
        if where in {"hint", "org_hint"}:
            words = {w for w in ACTION_WORD.findall(text) if w in api.every_action}
            named[(where, lang)] = named.get((where, lang), set()) | words
    for where in ("hint", "org_hint"):
        if (where, "en") not in named or (where, "zh") not in named:
            continue  # one language only (the checker's own tests); the build wants both
        en, zh = named[(where, "en")], named[(where, "zh")]
        if en != zh:
            only = [f"{lang} only: {', '.join(sorted(x))}" for lang, x in (("en", en - zh), ("zh", zh - en)) if x]
            problems.append(f"{where}: the languages name different actions ({'; '.join(only)})")
    said = named.get(("hint", "en"), set()) | named.get(("org_hint", "en"), set())
    if len(subject.actions) > 1 and subject.kind != "common" and subject.code not in ACTION_NEUTRAL:
        missing = [a for a in subject.actions if a not in said]
        if missing and len(missing) < len(subject.actions):
            problems.append(
                f"actions: the hint names some of the actions that return the code but not {', '.join(missing)}: "
                "say what applies to those too (or, if the advice holds for any action, list the code in ACTION_NEUTRAL)"
            )
    return problems


CAUSE_DOCUMENTED = {"en": re.compile(r"\(documented: [^)]{3,}"), "zh": re.compile(r"（文档：[^）]{2,}")}
CAUSE_FREQUENCY = re.compile(r"\b(?:usually|often|typically|commonly|mostly)\b|通常|常见|往往|多半", re.IGNORECASE)


USUAL_CAUSE = re.compile(
    r"\b(?:the usual (?:cause|reason)s?|(?:a|the) common (?:cause|reason)|common (?:causes|reasons)|"
    r"(?:usually|often|typically|commonly) (?:because|caused|causes)|usually causes)\b|常见原因|通常是因为|通常是由于",
    re.IGNORECASE,
)


def check_usual_causes(subject: Subject) -> list[str]:
    """Hints that present a guessed cause as the usual one."""
    return [
        f"{where}.{lang}: '{m.group(0)}' presents a cause as the usual one: say 'likely' / 'possible' (可能…推测), or cite it"
        for where, lang, text in subject.texts
        if where in {"hint", "org_hint"}
        for m in USUAL_CAUSE.finditer(text)
    ]


QUOTED = re.compile(r"[\"'“‘]([^\"'”’]{12,400})[\"'”’]")


def contradicted_docs(reference: Path = REFERENCE) -> dict[str, str]:
    """The English parameter docs that their Chinese contradicts: doc text -> 'VERSION ACTION PARAMETER'."""
    import importlib.util

    module = sys.modules.get("doc_conflicts")
    if module is None:
        spec = importlib.util.spec_from_file_location("doc_conflicts", Path(__file__).with_name("doc_conflicts.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["doc_conflicts"] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    api = json.loads((reference / "organization-api.json").read_text(encoding="utf-8"))["versions"]
    return {c.doc_en: c.key for c in module.find(api)}


def check_quotes(subject: Subject, contradicted: Mapping[str, str]) -> list[str]:
    """A quotation in an English text that comes from a contradicted English parameter doc."""
    problems: list[str] = []
    for where, lang, text in subject.texts:
        if lang != "en":
            continue
        for match in QUOTED.finditer(text):
            quote = match.group(1).strip(" .`")
            for doc, key in contradicted.items():
                if len(quote) >= 12 and quote in doc:
                    problems.append(f"{where}.en: quotes the English doc of {key}, which its Chinese contradicts")
    return problems


def check_causes(subject: Subject) -> list[str]:
    """Each cause marked documented (with a source) in both languages or in neither; no guessed frequency."""
    problems: list[str] = []
    marked: dict[str, dict[str, bool]] = {}
    for where, lang, text in subject.texts:
        if not where.startswith("causes["):
            continue
        documented = bool(CAUSE_DOCUMENTED[lang].search(text))
        marked.setdefault(where, {})[lang] = documented
        if not documented and (match := CAUSE_FREQUENCY.search(text)):
            problems.append(f"{where}.{lang}: '{match.group(0)}' claims how often an undocumented cause occurs")
    for where, langs in marked.items():
        if len(set(langs.values())) > 1:
            problems.append(f"{where}: marked documented in one language only")
    return problems


def check_retry(subject: Subject) -> list[str]:
    """The retry class against what the English hint tells the user to do."""
    hint = next((text for where, lang, text in subject.texts if where == "hint" and lang == "en"), "")
    problems = []
    skip, retry = SAYS_SKIP.search(hint), SAYS_RETRY.search(hint)
    if skip and subject.retry != "none":
        problems.append(f"retry: the hint says there is nothing to do ('{skip.group(0)}'); class {subject.retry}, not none")
    if retry and subject.retry not in {"throttle", "transient", "later"}:
        problems.append(f"retry: the hint says to retry ('{retry.group(0)}'); class {subject.retry} is not retryable")
    return problems


def check_subject(
    subject: Subject, api: Api, glossary: Glossary, codes: set[str], contradicted: Mapping[str, str] | None = None
) -> list[str]:
    problems: list[str] = check_retry(subject) + check_actions(subject, api) + check_causes(subject)
    problems += check_usual_causes(subject) + check_quotes(subject, contradicted or {})
    if subject.stale_en:
        problems.append("en: the official English wording is the description; remove this unused `en`")
    for where, lang, text in subject.texts:
        text_actions = list(dict.fromkeys(w for w, _p in _identifiers(text, lang, codes) if w in api.every_action))
        for sentence in _sentences(text, lang):
            problems += _check_sentence(subject, sentence, lang, where, api, glossary, codes, text_actions)
        if lang == "zh":
            cleaned = text
            for phrase in glossary.allowed:
                cleaned = cleaned.replace(phrase, "")
            for pattern, message in glossary.patterns:
                for match in pattern.finditer(cleaned):
                    problems.append(f"{where}.zh: " + message.replace("{}", f"'{match.group(0)}'"))
        for match in QUOTED_ID_PREFIX.finditer(text):
            if match.group(1) not in api.id_prefixes:
                problems.append(f"{where}.{lang}: ID format '{match.group(1)}-' is in no official example")
        if where == "hint" and subject.kind == "common":
            for match in ORG_ONLY.finditer(text):
                problems.append(f"hint.{lang}: common code names Organization-only '{match.group(0)}'; move it to org_hint")
            for action, _pos in _identifiers(text, lang, codes):
                if action in api.every_action:
                    problems.append(f"hint.{lang}: common code names the Organization action {action}; move it to org_hint")
    return list(dict.fromkeys(problems))


def subjects(data: Path = DATA) -> list[Subject]:
    """The authored entries (data/authored/*.toml) joined with their versions and actions from the reference."""
    authored: dict[str, dict[str, Any]] = {}
    for path in sorted((data / "authored").glob("*.toml")):
        if path.name == "phrases.toml":
            continue
        authored.update(tomllib.loads(path.read_text(encoding="utf-8")))
    reference = json.loads((data / "reference" / "organization-error-codes.json").read_text(encoding="utf-8"))
    out: list[Subject] = []
    for ref in reference:
        body = authored.get(ref["code"])
        if body is None:
            continue
        texts: list[tuple[str, str, str]] = []
        official = ref.get("en_seed") or ref.get("en_sdk")
        if "en" in body and not official:
            texts.append(("description", "en", body["en"]))
        if "zh" in body:
            texts.append(("description", "zh", body["zh"]))
        for name in ("hint", "org_hint"):
            for lang in ("en", "zh"):
                if isinstance(body.get(name), dict) and body[name].get(lang):
                    texts.append((name, lang, body[name][lang]))
        for lang in ("en", "zh"):
            for i, cause in enumerate((body.get("causes") or {}).get(lang, [])):
                texts.append((f"causes[{i}]", lang, cause))
        versions = tuple(VERSIONS[v] for v in ref["versions"])
        actions = tuple(dict.fromkeys(a for v in ("v20181225", "v20210331") for a in ref["actions"].get(v, [])))
        stale = "en" in body and official is not None
        retry = body.get("retry") or (
            "throttle" if ref["code"].startswith("RequestLimitExceeded")
            else "transient" if ref["code"] in {"InternalError", "ServiceUnavailable"} else "fix"
        )  # fmt: skip
        out.append(Subject(ref["code"], ref["kind"], versions, actions, tuple(texts), stale, retry))
    return out


def check(data: Path = DATA, only: Iterable[str] = ()) -> dict[str, list[str]]:
    """Every violation, per code (codes without one are left out)."""
    api = load_api(data / "reference")
    glossary = load_glossary(data / "glossary.toml")
    contradicted = contradicted_docs(data / "reference")
    all_subjects = subjects(data)
    # code names, their categories and their detail parts (hints say "ActionNotExist" for a sibling code)
    codes = {part for s in all_subjects for part in (s.code, *s.code.split("."))}
    wanted = set(only)
    found: dict[str, list[str]] = {}
    for subject in all_subjects:
        if wanted and subject.code not in wanted:
            continue
        problems = check_subject(subject, api, glossary, codes, contradicted)
        if problems:
            found[subject.code] = problems
    return found


def main(argv: list[str]) -> int:
    found = check(only=argv)
    for code, problems in found.items():
        print(code)
        for problem in problems:
            print(f"  {problem}")
    total = sum(len(p) for p in found.values())
    print(f"{total} violation(s) in {len(found)} code(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
