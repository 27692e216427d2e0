"""The catalogue's objects: languages, entries and their texts, a lookup's result, a search hit."""

from __future__ import annotations

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
