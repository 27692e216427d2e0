"""The facts audit of issue #23 stays applied: each corrected hint, description and retry class is what its
source says (tests/data/facts-audit.json holds the 86 proposals with their reasons and sources)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tco_errcli.catalog import load

AUDIT = json.loads((Path(__file__).parent / "data" / "facts-audit.json").read_text(encoding="utf-8"))["proposals"]


def text_of(entry: Any, field: str, lang: str) -> str:
    if field == "zh":
        return str(entry.description.zh)
    value = getattr(entry, field)
    return str(value.en if lang == "en" else value.zh) if value is not None else ""


@pytest.mark.parametrize("p", AUDIT, ids=[f"{p['code']}.{p['field']}" for p in AUDIT])
def test_the_corrected_fact_is_in_the_catalogue(p: dict[str, Any]) -> None:
    entry = load().get(p["code"])
    assert entry is not None, p["code"]
    if p["field"] == "retry":
        assert entry.retry_strategy == p["proposed"], p["why"]
        return
    for lang in ("en", "zh"):
        proposed, current = p.get(f"proposed_{lang}"), p.get(f"current_{lang}")
        if proposed:
            assert text_of(entry, p["field"], lang) == proposed, p["why"]
        if current and current != proposed:
            assert text_of(entry, p["field"], lang) != current, p["why"]
