"""Users' phrases for search (data/authored/phrases.toml): whole classes of codes first, then per code."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

PHRASES = Path(__file__).resolve().parent.parent / "data" / "authored" / "phrases.toml"


class PhraseError(Exception):
    """phrases.toml names a code or pattern the catalogue does not have."""


def _matches(code: str, patterns: list[str]) -> bool:
    return any(fnmatchcase(code, pattern) for pattern in patterns)


def phrases_for(codes: list[str], path: Path = PHRASES) -> dict[str, dict[str, list[str]]]:
    """code -> {"en": [...], "zh": [...]}: each class's phrases for the codes it covers, then the code's own."""
    data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    out: dict[str, dict[str, list[str]]] = {code: {"en": [], "zh": []} for code in codes}
    for name, cls in data.get("class", {}).items():
        for pattern in cls["codes"] + cls.get("except", []):
            if not any(fnmatchcase(code, pattern) for code in codes):
                raise PhraseError(f"{path.name}: class {name}: pattern {pattern!r} matches no code")
        for code in codes:
            if _matches(code, cls["codes"]) and not _matches(code, cls.get("except", [])):
                for lang in ("en", "zh"):
                    out[code][lang] += cls.get(lang, [])
    for code, own in data.get("code", {}).items():
        if code not in out:
            raise PhraseError(f"{path.name}: {code} is not in the catalogue")
        for lang in ("en", "zh"):
            out[code][lang] += own.get(lang, [])
    return {code: {lang: list(dict.fromkeys(p)) for lang, p in texts.items()} for code, texts in out.items()}
