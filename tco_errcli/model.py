"""Immutable data objects shared by the core and every output format; JSON is these, serialised.

NamedTuples rather than dataclasses: they cost a fifth as much to define, and start-up time matters here.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, NamedTuple

RETRYABLE = frozenset({"throttle", "transient", "later"})  # the retry classes whose errors may be retried as is


class Lang(StrEnum):
    EN = "en"
    ZH = "zh"


class ScanEngine(StrEnum):
    """How scan searches: ripgrep (the `fast` extra) finds candidate lines; python does it all itself."""

    AUTO = "auto"
    RIPGREP = "ripgrep"
    PYTHON = "python"


class MatchKind(StrEnum):
    """How a lookup query met its entry."""

    EXACT = "exact"
    PARENT = "parent"  # an unknown sub-code of a known category: ResourceNotFound.Whatever
    DETAIL = "detail"  # the part after the category, naming exactly one code: SignatureExpire
    CATEGORY = "category"  # a category that is not itself a code: AuthFailure (its codes are in members)


class Text(NamedTuple):
    """A text in both languages."""

    en: str
    zh: str

    def get(self, lang: Lang) -> str:
        return self.zh if lang is Lang.ZH else self.en


class ParamRule(NamedTuple):
    """A request parameter an error code is about, with its documented rule, on one action that returns the code."""

    action: str
    version: str
    name: str
    type: str
    required: bool
    rule: Text

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        return {
            "action": self.action,
            "version": self.version,
            "name": self.name,
            "type": self.type,
            "required": self.required,
            "rule": self.rule.get(lang),
        }


class ParamGroup(NamedTuple):
    """Parameters of the same name and rule on several actions, shown once."""

    name: str
    type: str
    required: bool
    rule: str
    actions: tuple[str, ...]


class ProductMeaning(NamedTuple):
    """One product's official meaning of a code, from Tencent's SDKs (data/reference/tencentcloud-error-codes.json)."""

    service: str  # the API short name (cvm)
    name_zh: str
    name_en: str | None
    versions: tuple[str, ...]
    zh: str
    en: str | None  # None: Tencent publishes no English text for it (the Chinese is shown, never a translation)
    actions: tuple[str, ...]

    def name(self, lang: Lang) -> str:
        return (self.name_en or self.name_zh) if lang is Lang.EN else (self.name_zh or self.name_en or self.service)

    def meaning(self, lang: Lang) -> str:
        return self.zh if lang is Lang.ZH or self.en is None else self.en

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        return {
            "service": self.service,
            "name": self.name(lang),
            "versions": list(self.versions),
            "meaning": {"zh": self.zh, "en": self.en},
            "official_en": self.en is not None,
            "actions": list(self.actions),
        }


class Entry(NamedTuple):
    """One error code of the catalogue, or of another product (products set, kind "product")."""

    code: str
    category: str
    kind: str
    versions: tuple[str, ...]
    actions: dict[str, tuple[str, ...]]
    description: Text
    hint: Text
    causes_en: tuple[str, ...]
    causes_zh: tuple[str, ...]
    retryable: bool
    retry_strategy: str
    retry_note: Text
    keywords: tuple[str, ...]
    related: tuple[str, ...]
    aliases: tuple[str, ...]
    docs: tuple[dict[str, str], ...]
    reference_text: str = ""  # the SDK's own Chinese comment, used to recognise bare messages
    # Organization-specific advice for a common (platform-wide) code; `hint` itself stays right for any product.
    # Shown only when the error came from Organization or its product is unknown.
    org_hint: Text | None = None
    parameters: tuple[ParamRule, ...] = ()
    # another product's code: each product's official meaning, the chosen or first product first; the hint is the
    # product-neutral next step of the catalogue's common code `step_from` (the seed page's category)
    products: tuple[ProductMeaning, ...] = ()
    step_from: str | None = None
    official_en: bool = True  # the English description is Tencent's (seed page or SDK), not ours

    def official(self) -> dict[str, str | None]:
        """Tencent's own meaning of the code, beside ours: the SDK's Chinese and the official English (for another
        product's code, its first product's)."""
        if self.products:
            return {"zh": self.products[0].zh, "en": self.products[0].en}
        return {"zh": self.reference_text or None, "en": self.description.en if self.official_en else None}

    def official_zh_differs(self) -> bool:
        """Whether the official Chinese says other than our Chinese description (then both are shown under zh)."""
        zh = self.official()["zh"]
        return bool(zh) and "".join(str(zh).split()).rstrip("。.") != "".join(self.description.zh.split()).rstrip("。.")

    def causes(self, lang: Lang) -> tuple[str, ...]:
        return self.causes_zh if lang is Lang.ZH else self.causes_en

    def parameter_groups(self, lang: Lang) -> list[ParamGroup]:
        """The parameters for display: one row per parameter and rule, naming every action that documents it so."""
        groups: dict[tuple[str, str, bool, str], list[str]] = {}
        for p in self.parameters:
            key = (p.name, p.type, p.required, p.rule.get(lang))
            where = groups.setdefault(key, [])
            label = f"{p.action} ({p.version})" if len(self.versions) > 1 else p.action
            if label not in where:
                where.append(label)
        return [ParamGroup(n, t, r, rule, tuple(acts)) for (n, t, r, rule), acts in groups.items()]

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        """The stable JSON shape of an entry (documented in README, 'JSON output')."""
        return {
            "code": self.code,
            "category": self.category,
            "kind": self.kind,
            "description": self.description.get(lang),
            "official": self.official(),
            "hint": self.hint.get(lang),
            "org_hint": self.org_hint.get(lang) if self.org_hint else None,
            "causes": list(self.causes(lang)),
            "retryable": self.retryable,
            "retry": {"strategy": self.retry_strategy, "note": self.retry_note.get(lang)},
            "versions": list(self.versions),
            "actions": {v: list(a) for v, a in self.actions.items() if a},
            "keywords": list(self.keywords),
            "related": list(self.related),
            "aliases": list(self.aliases),
            "docs": [dict(d) for d in self.docs],
            "parameters": [p.to_dict(lang) for p in self.parameters],
            "products": [p.to_dict(lang) for p in self.products],
            "next_step_from": self.step_from,
            "lang": lang.value,
        }


class LookupResult(NamedTuple):
    """What `lookup` found for one query: the entry, or suggestions when there is none."""

    query: str
    entry: Entry | None
    match: MatchKind | None = None
    suggestions: tuple[str, ...] = ()
    members: tuple[Entry, ...] = ()  # the codes of a category query

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        if self.members:
            return {
                "query": self.query,
                "found": True,
                "match": MatchKind.CATEGORY.value,
                "codes": [e.to_dict(lang) for e in self.members],
            }
        if self.entry is None:
            return {"query": self.query, "found": False, "suggestions": list(self.suggestions)}
        data = self.entry.to_dict(lang)
        data.update(query=self.query, found=True, match=self.match.value if self.match else None)
        return data


class SearchHit(NamedTuple):
    entry: Entry
    score: float
    matched: str

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        data = self.entry.to_dict(lang)
        data.update(score=round(self.score, 1), matched=self.matched)
        return data


class Finding(NamedTuple):
    """One error found in input text, before it is explained."""

    code: str | None
    message: str
    request_id: str | None
    source: str
    line: int
    inferred: bool = False
    confidence: float = 1.0
    client_side: bool = False
    origin: str = ""  # the file it came from, when several were given
    http_status: int | None = None  # the HTTP status a gateway answered with (no API code then)


class Neighbourhood(NamedTuple):
    """What a diagnosis may look at besides the finding: its record, its line, and facts indexed from the input
    before it (the latest request timestamp, server Date header and API host) — never the whole text."""

    record: str = ""
    line_text: str = ""
    request_time: tuple[datetime, str] | None = None
    server_date: datetime | None = None
    host: str | None = None
    evidence: str | None = None  # a record above that may name the product (a tccli command, a Terraform resource)
    terraform: TerraformContext | None = None


class TerraformContext(NamedTuple):
    """Where in a Terraform configuration an error arose: `with tencentcloud_x.y,` / `on main.tf line N`."""

    resource: str | None
    file: str | None
    line: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"resource": self.resource, "file": self.file, "line": self.line}


class Product(NamedTuple):
    """The Tencent Cloud product an error came from: API short name (None: only "not Organization" is known)."""

    service: str | None
    name: str
    evidence: str

    @property
    def is_organization(self) -> bool:
        return self.service == "organization"

    def to_dict(self) -> dict[str, Any]:
        return {"service": self.service, "name": self.name, "evidence": self.evidence}


class Explained(NamedTuple):
    """A finding with what the catalogue and the diagnosis say about it; repeats of it folded in (count, lines)."""

    finding: Finding
    entry: Entry | None
    parent: Entry | None
    suggestions: tuple[str, ...]
    diagnosis: tuple[str, ...]
    policy: dict[str, Any] | None
    occurrences: int = 1
    lines: tuple[int, ...] = ()  # every line it occurred on (the first MAX_LINES of them)
    product: Product | None = None
    retry: str | None = None  # retry class (explain/verdict.py): its entry's, or read off a client-side failure
    terraform: TerraformContext | None = None

    @property
    def other_product(self) -> bool:
        """From a product other than Organization: only product-neutral advice applies."""
        return self.product is not None and not self.product.is_organization

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        f = self.finding
        shown = self.entry or self.parent
        org_hint = shown.org_hint if shown is not None and not self.other_product else None
        return {
            "code": f.code,
            "message": f.message,
            "request_id": f.request_id,
            "line": f.line,
            "source": f.source,
            "file": f.origin or None,
            "known": self.entry is not None,
            "inferred": f.inferred,
            "confidence": round(f.confidence, 2),
            "client_side": f.client_side,
            "http_status": f.http_status,
            "description": shown.description.get(lang) if shown else None,
            "hint": shown.hint.get(lang) if shown else None,
            "org_hint": org_hint.get(lang) if org_hint else None,
            "retryable": None if self.retry is None else self.retry in RETRYABLE,
            "retry_strategy": self.retry,
            "retry_note": shown.retry_note.get(lang) if shown else None,
            "parent": self.parent.code if self.parent and not self.entry else None,
            "suggestions": list(self.suggestions),
            "diagnosis": list(self.diagnosis),
            "policy": self.policy,
            "product": self.product.to_dict() if self.product else None,
            "products": [p.to_dict(lang) for p in shown.products] if shown else [],
            "terraform": self.terraform.to_dict() if self.terraform else None,
            "count": self.occurrences,
            "lines": list(self.lines or (f.line,)),
        }


# The summary key for findings without a code (a JSON key, so it stays English; renderers show their own label).
UNKNOWN = "(unknown)"


class Report(NamedTuple):
    """Everything `explain` found in one input: distinct findings, each with the count of its occurrences."""

    errors: tuple[Explained, ...]
    # secrets masked in the input: only the output stage knows (its masker's count); the core leaves it 0
    redacted: int = 0

    @property
    def total(self) -> int:
        """Occurrences, repeats included."""
        return sum(item.occurrences for item in self.errors)

    def summary(self, start: int = 0) -> dict[str, int]:
        """Occurrences by code, commonest first; from the start-th distinct finding on (what a capped view left out)."""
        counts: dict[str, int] = {}
        for item in self.errors[start:]:
            key = item.finding.code or UNKNOWN
            counts[key] = counts.get(key, 0) + item.occurrences
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    @property
    def verdict(self) -> str:
        """What a CI job should do: retry (every error may be retried as is), fix (one must be changed first),
        unknown (no retry class for some, none to fix), none (no error)."""
        classes = [item.retry for item in self.errors]
        if not classes:
            return "none"
        if any(c is not None and c not in RETRYABLE for c in classes):
            return "fix"
        return "unknown" if None in classes else "retry"

    def summary_dict(self) -> dict[str, Any]:
        return {"total": self.total, "distinct": len(self.errors), "by_code": self.summary(), "verdict": self.verdict}

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        return {
            "errors": [e.to_dict(lang) for e in self.errors],
            "summary": self.summary_dict(),
            "verdict": self.verdict,
            "redacted": self.redacted,
        }


class ScanRow(NamedTuple):
    code: str
    occurrences: int
    first_line: int
    last_line: int
    entry: Entry | None

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        return {
            "code": self.code,
            "count": self.occurrences,
            "first_line": self.first_line,
            "last_line": self.last_line,
            "known": self.entry is not None,
            "description": self.entry.description.get(lang) if self.entry else None,
            "hint": self.entry.hint.get(lang) if self.entry else None,
            "retryable": self.entry.retryable if self.entry else None,
            "products": list(dict.fromkeys(p.service for p in self.entry.products)) if self.entry else [],
        }
