"""Users' words for one idea (data/synonyms.toml), validated and compiled for the search index."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from tco_errcli.search.concepts import Concepts

SYNONYMS = Path(__file__).resolve().parent.parent / "data" / "synonyms.toml"
KINDS = ("state", "action", "thing")
_NAME = re.compile(r"^[a-z][a-z_]{1,40}$")


class SynonymError(Exception):
    """synonyms.toml is malformed: a class without a kind, a phrase in two classes, a phrase that is no phrase."""


def classes(path: Path = SYNONYMS) -> dict[str, dict[str, Any]]:
    """name -> {"kind": ..., "en": [...], "zh": [...]} (and "opposite"), after checking every class and phrase."""
    data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    out: dict[str, dict[str, Any]] = {}
    owner: dict[tuple[str, ...], str] = {}
    for name, cls in data.items():
        if not _NAME.match(name) or not isinstance(cls, dict):
            raise SynonymError(f"{path.name}: [{name}] is not a class (lower-case name, a table)")
        if set(cls) - {"kind", "opposite", "en", "zh"} or cls.get("kind") not in KINDS:
            raise SynonymError(f"{path.name}: [{name}] needs kind = one of {KINDS} and only opposite, en, zh besides")
        other = data.get(cls.get("opposite", ""), {}) if "opposite" in cls else None
        if other is not None and (cls["kind"] != "state" or not isinstance(other, dict) or other.get("kind") != "state"):
            raise SynonymError(f"{path.name}: [{name}] opposite = {cls['opposite']!r}: two states, both classes here")
        if not cls.get("en") or not cls.get("zh"):
            raise SynonymError(f"{path.name}: [{name}] needs phrases in both languages")
        try:
            compiled = Concepts.compile({name: cls}).classes[0]
        except ValueError as exc:
            raise SynonymError(f"{path.name}: {exc}") from None
        for key in [("en", *words) for words in compiled.en] + [("zh", text) for text in compiled.zh]:
            if key in owner:
                raise SynonymError(f"{path.name}: {' '.join(key[1:])!r} is in [{owner[key]}] and [{name}]")
            owner[key] = name
        out[name] = {"kind": cls["kind"], "en": list(cls["en"]), "zh": list(cls["zh"])}
        if "opposite" in cls:
            out[name]["opposite"] = cls["opposite"]
    return out


def concepts(path: Path = SYNONYMS) -> Concepts:
    try:
        return Concepts.compile(classes(path))
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise SynonymError(f"{path.name}: {exc}") from None
