"""The loaded catalogue: entries parsed on first use, exact lookup, details and categories, filters.

A department is a "node" in the Organization API; codes and filters use the API's word.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from tco_errcli.errors import TcoErrError
from tco_errcli.model import Entry, LookupResult, MatchKind, ParamRule, Text

from .codes import clean_query, code_key, looks_like_code

API_VERSIONS = ("2018-12-25", "2021-03-31")


def _param(raw: Mapping[str, Any]) -> ParamRule:
    rule = raw.get("rule") or {}
    return ParamRule(
        action=str(raw.get("action", "")),
        version=str(raw.get("version", "")),
        name=str(raw.get("name", "")),
        type=str(raw.get("type", "")),
        required=bool(raw.get("required", False)),
        rule=Text(rule.get("en", ""), rule.get("zh") or rule.get("en", "")),
    )


def _entry(raw: Mapping[str, Any]) -> Entry:
    description = raw["description"]
    hint = raw["hint"]
    retry = raw.get("retry") or {}
    note = retry.get("note") or {"en": "", "zh": ""}
    causes = raw.get("causes") or {}
    return Entry(
        code=raw["code"],
        category=raw.get("category") or raw["code"].split(".")[0],
        kind=raw.get("kind", "service"),
        versions=tuple(raw.get("versions", ())),
        actions={v: tuple(a) for v, a in (raw.get("actions") or {}).items()},
        description=Text(description["en"], description.get("zh") or description["en"]),
        hint=Text(hint["en"], hint.get("zh") or hint["en"]),
        causes_en=tuple(causes.get("en", ())),
        causes_zh=tuple(causes.get("zh", ())),
        retryable=bool(retry.get("retryable", False)),
        retry_strategy=str(retry.get("strategy", "fix")),
        retry_note=Text(note.get("en", ""), note.get("zh") or note.get("en", "")),
        keywords=tuple(raw.get("keywords", ())),
        related=tuple(raw.get("related", ())),
        aliases=tuple(raw.get("aliases", ())),
        docs=tuple(raw.get("docs", ())),
        reference_text=raw.get("reference_zh") or "",
        official_en=raw.get("description_source", "sdk") != "authored",
        org_hint=Text(raw["org_hint"]["en"], raw["org_hint"].get("zh") or raw["org_hint"]["en"]) if raw.get("org_hint") else None,
        parameters=tuple(_param(p) for p in raw.get("parameters", ())),
    )


class Catalog:
    """The loaded catalogue. Entries are built from the raw JSON on first use: a lookup builds one, not 363."""

    def __init__(self, raw_entries: list[Any], actions: dict[str, dict[str, Any]] | bytes) -> None:
        # raw entries are dicts, or (from the built-in file) JSON lines parsed when first needed
        self._raw = raw_entries
        self._built: dict[int, Entry] = {}
        self._keys: dict[str, int] | None = None
        self._all: tuple[Entry, ...] | None = None
        self._actions = actions  # JSON text until first needed: a lookup never needs the actions table
        self.builtin = False  # True for the shipped catalogue, whose search index is precomputed

    def raw(self, i: int) -> dict[str, Any]:
        raw = self._raw[i]
        if isinstance(raw, bytes):
            raw = self._raw[i] = json.loads(raw)
        return raw  # type: ignore[no-any-return]

    def _code_at(self, i: int) -> str:
        raw = self._raw[i]
        if isinstance(raw, bytes):  # the generator writes "code" first: no need to parse the line
            return raw[9 : raw.index(b'"', 9)].decode("ascii")
        return str(raw["code"])

    @property
    def actions(self) -> dict[str, dict[str, Any]]:
        if isinstance(self._actions, bytes):
            self._actions = dict(json.loads(self._actions).get("actions") or {})
        return self._actions

    def codes(self) -> list[str]:
        """Every code, without building the entries (shell completion runs on every TAB)."""
        return [self._code_at(i) for i in range(len(self._raw))]

    def __len__(self) -> int:
        return len(self._raw)

    def entry_at(self, i: int) -> Entry:
        return self._at(i)

    def _at(self, i: int) -> Entry:
        entry = self._built.get(i)
        if entry is None:
            entry = self._built[i] = _entry(self.raw(i))
        return entry

    @property
    def entries(self) -> tuple[Entry, ...]:
        if self._all is None:
            self._all = tuple(self._at(i) for i in range(len(self._raw)))
        return self._all

    @property
    def by_key(self) -> dict[str, int]:
        """code_key(code) -> the entry's position."""
        if self._keys is None:
            self._keys = {code_key(self._code_at(i)): i for i in range(len(self._raw))}
        return self._keys

    def get(self, code: str) -> Entry | None:
        i = self.by_key.get(code_key(code))
        return None if i is None else self._at(i)

    def parent_of(self, code: str) -> Entry | None:
        """The entry of 'ResourceNotFound' for 'ResourceNotFound.Whatever', if the prefix is known."""
        key = code_key(code)
        if "." not in key:
            return None
        i = self.by_key.get(key.split(".", 1)[0])
        return None if i is None else self._at(i)

    def suggest(self, query: str, limit: int = 3) -> tuple[str, ...]:
        """Did you mean: the codes closest to query (catalog/suggest.py)."""
        from .suggest import close_codes

        return close_codes(self, query, limit)

    def by_detail(self, detail: str) -> list[Entry]:
        """The codes whose part after the category is detail: 'SignatureExpire' -> AuthFailure.SignatureExpire."""
        key = code_key(detail)
        if not key or "." in key:
            return []
        return [self._at(i) for k, i in self.by_key.items() if k.partition(".")[2] == key]

    def category(self, name: str) -> list[Entry]:
        """The codes of a category ('AuthFailure' -> AuthFailure.*), in catalogue order."""
        key = code_key(name)
        if not key or "." in key:
            return []
        return [self._at(i) for k, i in self.by_key.items() if k.partition(".")[0] == key and "." in k]

    def lookup(self, query: str, *, suggest: bool = True) -> LookupResult:
        """Exact code first; then a unique detail, a category that is not a code, a known category's parent.

        The query may carry what users copy along with a code (see clean_query). suggest=False leaves out the
        did-you-mean (rapidfuzz), for a caller that may answer from elsewhere first (anyproduct.lookup).
        """
        cleaned = clean_query(query)
        entry = self.get(cleaned)
        if entry is not None:
            return LookupResult(query, entry, MatchKind.EXACT)
        details = self.by_detail(cleaned)
        if len(details) == 1:
            return LookupResult(query, details[0], MatchKind.DETAIL)
        members = self.category(cleaned)
        if members:
            return LookupResult(query, None, MatchKind.CATEGORY, members=tuple(members))
        parent = self.parent_of(cleaned) if looks_like_code(cleaned) else None
        suggestions = tuple(e.code for e in details) or (self.suggest(cleaned) if suggest else ())
        if parent is not None and not (suggestions and _slip_of(cleaned, suggestions[0])):
            # a code the catalogue lacks (a newer one) gets its category's advice; a mistyped one does not
            return LookupResult(query, parent, MatchKind.PARENT, suggestions)
        return LookupResult(query, None, None, suggestions)

    def filter(
        self,
        *,
        category: str | None = None,
        api_version: str | None = None,
        action: str | None = None,
        kind: str | None = None,
    ) -> list[Entry]:
        if api_version is not None and api_version not in API_VERSIONS:
            raise TcoErrError.of("unknown_api_version", version=api_version, known=", ".join(API_VERSIONS))
        if action is not None:
            action = self.resolve_action(action)
        versions = (api_version,) if api_version else API_VERSIONS
        result = []
        for entry in self.entries:
            if category and entry.category.lower() != category.lower():
                continue
            if api_version and api_version not in entry.versions:
                continue
            if action and not any(action in entry.actions.get(v, ()) for v in versions):
                continue
            if kind and entry.kind != kind:
                continue
            result.append(entry)
        return result

    def action_names(self) -> list[str]:
        return sorted({a for acts in self.actions.values() for a in acts})

    def resolve_action(self, action: str) -> str:
        """The action's own spelling for action in any case; an unknown one is an error naming close ones."""
        names = self.action_names()
        if action in names:
            return action
        by_lower = {a.lower(): a for a in names}
        found = by_lower.get(action.strip().lower())
        if found is not None:
            return found
        from .suggest import close_actions  # only a mistyped action pays for the fuzzy match

        close = close_actions(action, names)
        if close:
            raise TcoErrError.of("unknown_action_mean", action=action, names=", ".join(close))
        raise TcoErrError.of("unknown_action", action=action)


def _slip_of(query: str, code: str) -> bool:
    from .suggest import one_slip

    return one_slip(query, code)
