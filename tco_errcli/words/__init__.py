"""Every English and Chinese word of the tool, keyed; no prose anywhere else.

- message(key, lang, **params): a sentence. Plain keys are stderr's (messages.py); "diagnosis." keys are explain's
  diagnosis lines (diagnosis.py); "doctor." keys are doctor's checks (doctor.py).
- label(key, lang, **params) and labels_in(lang): the words renderers print around the data (labels.py).

Each table maps a key to (English, Chinese) or, for labels, holds one dict per language; a table is imported when
its first word is asked for, so a run that says nothing loads none. JSON keys are never translated. The catalogue's
own text (descriptions, hints) is data, built from data/authored/*.toml, not words of the tool.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from functools import lru_cache

from tco_errcli.model import Lang

__all__ = ["label", "labels_in", "message", "table"]

TABLES = ("diagnosis", "doctor")  # key prefixes with a table of their own; every other key is in messages.py


@lru_cache(maxsize=len(TABLES) + 1)
def table(name: str = "messages") -> Mapping[str, tuple[str, str]]:
    """The (English, Chinese) pairs of one table: "messages", or one of TABLES."""
    words: Mapping[str, tuple[str, str]] = importlib.import_module(f"{__name__}.{name}").WORDS
    return words


def message(key: str, lang: Lang, **params: object) -> str:
    """The sentence for key in lang, its fields filled; an unknown key is a bug, not user input."""
    prefix, _, rest = key.partition(".")
    en, zh = table(prefix)[rest] if rest and prefix in TABLES else table()[key]
    return (zh if lang is Lang.ZH else en).format(**params)


def labels_in(lang: Lang) -> Mapping[str, str]:
    """The renderers' words in one language; both languages have the same keys (tests/words checks it)."""
    from .labels import LABELS

    return LABELS[lang]


def label(key: str, lang: Lang, **params: object) -> str:
    text = labels_in(lang)[key]
    return text.format(**params) if params else text
