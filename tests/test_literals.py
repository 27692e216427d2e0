"""The one-pass literal search (ahocorasick-rs, the `fast` extra) and its str.find fallback find the same places,
so the masker and explain's prefilter give the same results on every machine."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tco_errcli.explain import prefilter
from tco_errcli.redact import literals, shapes
from tco_errcli.redact.literals import Literals

from .test_prefilter import COLD, NOISE, PLANTED, TEXTS

WORDS = ["code", "Code", "de", "e", "\n ", "\n\n", "secret", "api_key", "│", "{", "ab", "aba"]


@pytest.fixture
def automaton(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every text searched in one pass, however short (the engine is installed with the test extra)."""
    assert literals.available(), "ahocorasick-rs is part of the test extra: both engines are tested"
    monkeypatch.setattr(literals, "MIN_CHARS", 0)


def _fallback(words: list[str], text: str) -> list[list[int]]:
    return [literals._every(text, word) for word in words]


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(["a", "b", "c", "o", "d", "e", "C", " ", "\n", "{", "_", "k"]), max_size=300))
def test_every_occurrence_is_found_overlapping_ones_included(text: str) -> None:
    words = WORDS
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(literals, "MIN_CHARS", 0)
        assert Literals(words).one_pass(text)
        assert Literals(words).positions(text) == _fallback(words, text)


def test_a_non_ascii_text_takes_the_fallback_and_a_non_ascii_word_is_still_found(automaton: None) -> None:
    text = "│ Error: code 错误 │"
    found = Literals(["│", "code"]).positions(text)
    assert not Literals(["│"]).one_pass(text)
    assert found == [[0, len(text) - 1], [9]]
    assert Literals(["│", "code"]).positions("ascii code") == [[], [6]]  # in one pass: the word cannot occur


def test_empty_words_are_refused() -> None:
    with pytest.raises(ValueError):
        Literals(["a", ""])


def test_turned_off_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(literals.ENGINE_ENV, "python")
    literals._module.cache_clear()
    literals._automaton.cache_clear()
    try:
        assert not literals.available() and not Literals(["a"]).one_pass("a" * literals.MIN_CHARS)
    finally:
        monkeypatch.delenv(literals.ENGINE_ENV)
        literals._module.cache_clear()
        literals._automaton.cache_clear()
    assert literals.available()


LOG = "\n".join([*COLD * 3, *NOISE, *PLANTED, "export TENCENTCLOUD_SECRET_KEY=Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"]) * 5


def _both(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    return prefilter.hot_spans(text), [m.span("v") for m in shapes.matches(text)]


@pytest.mark.parametrize("path", TEXTS[:: max(1, len(TEXTS) // 40)], ids=lambda p: p.name)
def test_the_prefilter_and_the_masker_find_the_same_both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8", errors="replace") + "\n" + LOG
    for candidate in (text, text.encode("ascii", "ignore").decode()):  # a fixture's own non-ASCII, and without it
        with monkeypatch.context() as patch:
            patch.setattr(literals, "MIN_CHARS", 10**12)  # the str.find passes
            expected = _both(candidate)
        with monkeypatch.context() as patch:
            patch.setattr(literals, "MIN_CHARS", 0)  # one pass wherever the text is ASCII
            assert _both(candidate) == expected
        assert expected[0] and expected[1]  # hot lines and a learned secret: there was something to find


# the words of both sets in other cases: the shared pass folds case, and the prefilter's words keep theirs
CASES = "\nCODE: InvalidParameter\ncode=InvalidParameter TOKEN=abcdef123456 Secret_Key=x REQUESTID requestid\nPassWord: p4ss!"


def test_a_piece_searched_once_for_both_gives_each_what_its_own_search_would(automaton: None) -> None:
    text = ((LOG + CASES) * 3).encode("ascii", "ignore").decode()  # an ASCII text: searched in one pass
    expected = _both(text)
    prefilter.share(text)
    assert any(kept.text is text for kept in literals._kept)
    assert _both(text) == expected
    assert not any(kept.text is text for kept in literals._kept)  # each set took its part: nothing is held on
    assert expected[0] and expected[1]
