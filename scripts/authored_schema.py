"""The schemas of the authored files under data/: an unknown, misspelt or missing key fails the build, naming the
file, the entry and the key (a `keywrods` once dropped one code's keywords from catalog.json and the search index
without a word)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

BILINGUAL = {
    "type": "object",
    "properties": {"en": {"type": "string", "minLength": 1}, "zh": {"type": "string", "minLength": 1}},
    "required": ["en", "zh"],
    "additionalProperties": False,
}
BILINGUAL_LIST = {
    "type": "object",
    "properties": {"en": {"type": "array", "items": {"type": "string"}}, "zh": {"type": "array", "items": {"type": "string"}}},
    "required": ["en", "zh"],
    "additionalProperties": False,
}
STRINGS = {"type": "array", "items": {"type": "string", "minLength": 1}}
RETRY_CLASSES = ["throttle", "transient", "later", "fix", "none"]

# data/authored/<table>.toml: one table per code
CODE = {
    "oneOf": [
        {
            "type": "object",
            "properties": {
                "zh": {"type": "string", "minLength": 1},
                "en": {"type": "string", "minLength": 1},
                "hint": BILINGUAL,
                "org_hint": BILINGUAL,
                "causes": BILINGUAL_LIST,
                "keywords": STRINGS,
                "related": STRINGS,
                "retry": {"enum": RETRY_CLASSES},
            },
            "required": ["zh", "hint", "keywords"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {"zh": {"type": "string"}, "alias_of": {"type": "string", "minLength": 1}},
            "required": ["zh", "alias_of"],
            "additionalProperties": False,
        },
    ]
}
# data/authored/phrases.toml
PHRASES = {
    "type": "object",
    "properties": {
        "class": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "properties": {"codes": STRINGS, "except": STRINGS, "en": STRINGS, "zh": STRINGS},
                "required": ["codes"],
                "additionalProperties": False,
            },
        },
        "code": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "properties": {"en": STRINGS, "zh": STRINGS},
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}
RETRY_NOTES = {"type": "object", "additionalProperties": BILINGUAL, "required": RETRY_CLASSES}
PARAMETERS = {"type": "object", "additionalProperties": STRINGS}
# data/doc_conflicts.toml: one table per disagreement of a parameter's English and Chinese docs
DOC_CONFLICTS = {
    "type": "object",
    "propertyNames": {"pattern": "^(2018-12-25|2021-03-31) [A-Z][A-Za-z0-9]+ [A-Za-z][A-Za-z0-9.]*$"},
    "additionalProperties": {
        "type": "object",
        "properties": {
            "kind": {"enum": ["id", "characters", "numbers"]},
            "right": {"enum": ["zh", "en"]},
            "rule_en": {"type": "string", "minLength": 1},
            "rule_zh": {"type": "string", "minLength": 1},
            "why": {"type": "string", "minLength": 1},
        },
        "required": ["kind", "right", "rule_en", "why"],
        "additionalProperties": False,
    },
}


class SchemaError(Exception):
    """An authored file does not match its schema: file, entry and key in the message."""


def _problems(error: Any) -> list[str]:
    """Every specific reason: in a oneOf, those of the branch the entry was meant for (an alias when it says so)."""
    if error.validator == "oneOf" and error.context:
        alias = isinstance(error.instance, dict) and "alias_of" in error.instance
        meant = [e for e in error.context if e.schema_path and e.schema_path[0] == (1 if alias else 0)]
        return [p for e in meant or error.context for p in _problems(e)]
    where = "/".join(str(p) for p in error.absolute_path)
    return [f"{where}: {error.message}" if where else error.message]


def check(path: Path, data: dict[str, Any], schema: dict[str, Any], *, per_entry: bool = False) -> None:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema)
    items = data.items() if per_entry else [("", data)]
    for entry, body in items:
        errors = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
        if errors:
            name = f" {entry}" if entry else ""
            problems = [p for e in errors for p in _problems(e)]
            raise SchemaError(f"{path.name}:{name}: " + "; ".join(problems))


def load(path: Path, schema: dict[str, Any], *, per_entry: bool = False) -> dict[str, Any]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    check(path, data, schema, per_entry=per_entry)
    return data
