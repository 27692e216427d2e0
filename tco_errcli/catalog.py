"""The catalogue: loading and validating catalog.json, code normalisation, exact lookup, did-you-mean.

A department is a "node" in the Organization API; codes and filters use the API's word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .errors import TcoErrError
from .model import Entry, LookupResult, MatchKind, ParamRule, Text

PACKAGED = Path(__file__).with_name("catalog.json")
# An editable install or `python -m pytest` from the checkout sees the package directory, not the wheel.
CHECKOUT = Path(__file__).resolve().parent.parent / "catalog.json"
API_VERSIONS = ("2018-12-25", "2021-03-31")
MAX_CATALOG_BYTES = 32 * 1024 * 1024

_QUOTES = "\"'`“”‘’「」[]()<>（）【】"
_CODE_SHAPE = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,80}(?:[._][A-Za-z0-9]{1,120})?$")


def code_key(text: str) -> str:
    """The one normaliser: 'FAILEDOPERATION_NODENOTEMPTY', ' failedoperation.nodenotempty ' -> same key."""
    return text.strip().strip(_QUOTES).strip().replace("_", ".").lower()


# what people paste around a code: `code: X`, `Code=X`, `"Code": "X",`, `ErrorCode:X`; a sentence's end
_PREFIX = re.compile(r"^(?:\"?(?:error[ _]?)?code\"?\s{0,3}[:=]\s{0,3})", re.IGNORECASE)
_TRAILING = ".,:;，。：；、"


def clean_query(text: str) -> str:
    """A lookup query without the wrapping users copy along: quotes, a `code:` prefix, a trailing comma."""
    text = text.strip().strip(_QUOTES).strip()
    text = _PREFIX.sub("", text, count=1)
    return text.strip().strip(_QUOTES).rstrip(_TRAILING).strip().strip(_QUOTES).strip()


def _one_slip(query: str, code: str) -> bool:
    """'FailedOperation.NodeNotEmtpy' for FailedOperation.NodeNotEmpty: a typo or two, not another code."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(code_key(query), code_key(code)) <= 2


def looks_like_code(text: str) -> bool:
    return bool(_CODE_SHAPE.match(clean_query(text)))


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
    def _by_key(self) -> dict[str, int]:
        if self._keys is None:
            self._keys = {code_key(self._code_at(i)): i for i in range(len(self._raw))}
        return self._keys

    def get(self, code: str) -> Entry | None:
        i = self._by_key.get(code_key(code))
        return None if i is None else self._at(i)

    def parent_of(self, code: str) -> Entry | None:
        """The entry of 'ResourceNotFound' for 'ResourceNotFound.Whatever', if the prefix is known."""
        key = code_key(code)
        if "." not in key:
            return None
        i = self._by_key.get(key.split(".", 1)[0])
        return None if i is None else self._at(i)

    def suggest(self, query: str, limit: int = 3) -> tuple[str, ...]:
        from rapidfuzz import fuzz, process  # imported here: only unknown codes pay for it

        key = code_key(query)
        if not key:
            return ()
        choices = list(self._by_key)
        found = process.extract(key, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=70)
        return tuple(self._at(self._by_key[c]).code for c, _score, _i in found)

    def by_detail(self, detail: str) -> list[Entry]:
        """The codes whose part after the category is detail: 'SignatureExpire' -> AuthFailure.SignatureExpire."""
        key = code_key(detail)
        if not key or "." in key:
            return []
        return [self._at(i) for k, i in self._by_key.items() if k.partition(".")[2] == key]

    def category(self, name: str) -> list[Entry]:
        """The codes of a category ('AuthFailure' -> AuthFailure.*), in catalogue order."""
        key = code_key(name)
        if not key or "." in key:
            return []
        return [self._at(i) for k, i in self._by_key.items() if k.partition(".")[0] == key and "." in k]

    def lookup(self, query: str) -> LookupResult:
        """Exact code first; then a unique detail, a category that is not a code, a known category's parent.

        The query may carry what users copy along with a code (see clean_query).
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
        suggestions = tuple(e.code for e in details) or self.suggest(cleaned)
        if parent is not None and not (suggestions and _one_slip(cleaned, suggestions[0])):
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
        from rapidfuzz import fuzz, process  # imported here: only a mistyped action pays for it

        close = process.extract(action.lower(), list(by_lower), scorer=fuzz.WRatio, limit=3, score_cutoff=80)
        if close:
            names_shown = ", ".join(by_lower[c] for c, _score, _i in close)
            raise TcoErrError.of("unknown_action_mean", action=action, names=names_shown)
        raise TcoErrError.of("unknown_action", action=action)


_HEAD_END = b',"entries":['


def _read_builtin(path: Path) -> Catalog:
    """The generated catalog.json has a head line and one entry per line; entries are parsed on use.

    Any other layout (an edited file) is read as plain JSON.
    """
    data = path.read_bytes()
    lines = data.split(b"\n")
    if len(lines) > 3 and lines[0].endswith(_HEAD_END) and lines[-2] == b"]}" and lines[1].startswith(b'{"code":"'):
        rows = [line[:-1] if line.endswith(b",") else line for line in lines[1:-2]]
        return Catalog(rows, lines[0][: -len(_HEAD_END)] + b"}")
    return _build(json.loads(data))


def _read(path: Path) -> Any:
    try:
        if path.is_dir():
            raise TcoErrError(f"catalogue {path} is a directory")
        with path.open("rb") as stream:  # a pipe or a device has no size to stat(): count what is read
            data = stream.read(MAX_CATALOG_BYTES + 1)
        if len(data) > MAX_CATALOG_BYTES:
            raise TcoErrError(f"catalogue {path} is larger than {MAX_CATALOG_BYTES // 2**20} MiB")
        return json.loads(data)
    except FileNotFoundError:
        raise TcoErrError(f"catalogue {path} does not exist") from None
    except PermissionError:
        raise TcoErrError(f"catalogue {path} is not readable (permission denied)") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise TcoErrError(f"catalogue {path} is not valid JSON: {exc}") from None
    except RecursionError:
        raise TcoErrError(f"catalogue {path} is nested too deeply") from None
    except OSError as exc:
        raise TcoErrError(f"catalogue {path} cannot be read: {exc.strerror or exc}") from None


def validate(data: Any, where: str) -> None:
    """Check data against catalog.schema.json; the error names the failing location."""
    import jsonschema  # only user-supplied catalogues are validated at run time

    schema = json.loads(Path(__file__).with_name("catalog.schema.json").read_text(encoding="utf-8"))
    strict = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _whole_pattern})
    error = jsonschema.exceptions.best_match(strict(schema).iter_errors(data))
    if error is not None:
        location = "/".join(str(p) for p in error.absolute_path)[:200] or "(top level)"
        text = error.message if len(error.message) <= MAX_ECHO else error.message[:MAX_ECHO] + "… (cut)"
        raise TcoErrError(f"catalogue {where} does not match the schema at {location}: {text}")


MAX_ECHO = 300  # characters of a wrong value echoed in a schema error: a 5 MB value is not one stderr line


def _whole_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    """JSON Schema's "pattern" as the schema means it: a trailing $ ends the string ("Team.Thing\\n" fails).

    Python's $ also matches before a final newline; ECMA-262's, which the schema is written for, does not.
    """
    from jsonschema.exceptions import ValidationError

    if not validator.is_type(instance, "string"):
        return
    source = pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith("\\$") else pattern
    if re.search(source, instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _build(data: Mapping[str, Any]) -> Catalog:
    return Catalog(list(data["entries"]), dict(data.get("actions") or {}))


def _overlay(base: Catalog, extra: Iterable[dict[str, Any]]) -> Catalog:
    merged = {base._code_at(i): base.raw(i) for i in range(len(base._raw))}
    for raw in extra:
        merged[raw["code"]] = {**merged.get(raw["code"], {}), **raw}
    return Catalog(sorted(merged.values(), key=lambda raw: str(raw["code"])), base.actions)


_DEFAULT: Catalog | None = None


def load(extra_path: str | Path | None = None) -> Catalog:
    """The built-in catalogue (read once), with the entries of a user catalogue laid over it."""
    global _DEFAULT
    if _DEFAULT is None:
        path = PACKAGED if PACKAGED.is_file() else CHECKOUT
        try:
            _DEFAULT = _read_builtin(path)
            _DEFAULT.builtin = True
        except (OSError, ValueError) as exc:
            raise TcoErrError(f"the built-in catalogue {path} cannot be read: {exc}") from None
    if extra_path is None:
        return _DEFAULT
    path = Path(extra_path)
    data = _read(path)
    validate(data, str(path))
    return _overlay(_DEFAULT, data["entries"])
