"""Synonym classes (data/synonyms.toml): users' words for one idea, found in a text as the term "~name" of their
class by one rule, the same in the index and in a query; and a short text read as ideas (Concepts.segment)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from .tokens import _bigrams, _cjk_runs, _english, _is_cjk, _pieces, _surface, unique

# words that may stand inside a phrase without changing it: "has not (been) activated", "hit (our) limit"
_FILLERS = frozenset(("been", "yet", "ever", "even", "really", "actually", "properly", "correctly", "successfully",
                      "the", "a", "an", "this", "that", "my", "our", "your", "its", "their", "any", "all"))  # fmt: skip
MAX_FILLERS = 2
_NEGATING = frozenset(("not", "never"))  # "isn't", "didn't" ... are read as "not"


def _match_words(run: list[str], start: int, phrase: tuple[str, ...]) -> int:
    """Where phrase ends if it is found at run[start] (fillers allowed between its words), else 0."""
    j = start
    for k, word in enumerate(phrase):
        skipped = 0
        while k and j < len(run) and run[j] != word and run[j] in _FILLERS and skipped < MAX_FILLERS:
            j += 1
            skipped += 1
        if j >= len(run) or run[j] != word:
            return 0
        j += 1
    return j


CONCEPT = "~"  # the mark of a synonym class's term; the tokeniser drops "~" from text, so no typed word has it
NAME_STATE = "="  # the mark of a state a code's name says (=exists); looked up, never scored


class SynonymClass(NamedTuple):
    """One class of data/synonyms.toml: its English phrases as words, its Chinese phrases as text."""

    name: str
    kind: str  # state, action or thing
    opposite: str  # a state that cannot be true with this one, or ""
    en: tuple[tuple[str, ...], ...]
    zh: tuple[str, ...]


class Concepts:
    """Synonym classes: users' words for one idea ("duplicate", "already have", 重复 for *exists*), found in a
    text as the term "~name" of their class, by the same rule in the index and in a query.

    English phrases are matched on the words as typed (lower-case, stop words kept, not stemmed: "was deleted"
    is *missing*, "cannot be deleted" is not); Chinese phrases inside Chinese text. At each place the longest
    phrase wins and its words are used up, so "does not exist" is *missing* and never also *exists*.
    """

    def __init__(self, classes: Iterable[SynonymClass] = ()) -> None:
        self.classes = tuple(classes)
        self._kinds: dict[str, str] = {}
        self._opposites: dict[str, str] = {}
        self._en: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._zh: dict[str, list[tuple[str, str]]] = {}
        for cls in self.classes:
            term = CONCEPT + cls.name
            self._kinds[term] = cls.kind
            if cls.opposite:  # both ways
                self._opposites[term] = CONCEPT + cls.opposite
                self._opposites[CONCEPT + cls.opposite] = term
            for words in cls.en:
                self._en.setdefault(words[0], []).append((words, term))
            for text in cls.zh:
                self._zh.setdefault(text[0], []).append((text, term))
        self._words: dict[str, frozenset[str]] | None = None
        for en in self._en.values():
            en.sort(key=lambda item: -len(item[0]))
        for zh in self._zh.values():
            zh.sort(key=lambda item: -len(item[0]))

    @classmethod
    def compile(cls, classes: Mapping[str, Mapping[str, Any]]) -> Concepts:
        """From {name: {"kind": kind, "opposite": name, "en": [phrase, ...], "zh": [phrase, ...]}} (the data
        file's form): English phrases split into words here."""
        out = []
        for name, body in classes.items():
            en = []
            for phrase in body.get("en", ()):
                split = tuple(word for piece in _pieces(phrase) if piece.isascii() for word in _surface(piece))
                if not split or not phrase.isascii() or "" in _pieces(phrase):
                    raise ValueError(f"synonym class {name}: {phrase!r} is not a phrase of English words")
                en.append(split)
            for phrase in body.get("zh", ()):
                if not phrase or not all(_is_cjk(ch) for ch in phrase):
                    raise ValueError(f"synonym class {name}: {phrase!r} is not a run of Chinese characters")
            kind, opposite = str(body.get("kind", "")), str(body.get("opposite", ""))
            out.append(SynonymClass(name, kind, opposite, tuple(en), tuple(body.get("zh", ()))))
        return cls(out)

    # The stored form (one line of the index): classes split by \x1d, their fields by \x1f, phrases by \x1e,
    # words by a space. Plain splits: the first query of a process reads it, and JSON took milliseconds.
    def dumps(self) -> str:
        return "\x1d".join(
            "\x1f".join((c.name, c.kind, c.opposite, "\x1e".join(" ".join(w) for w in c.en), "\x1e".join(c.zh)))
            for c in self.classes
        )

    @classmethod
    def loads(cls, text: str) -> Concepts:
        out = []
        for record in text.split("\x1d") if text else ():
            name, kind, opposite, en, zh = record.split("\x1f")
            phrases = tuple(tuple(p.split(" ")) for p in en.split("\x1e") if p)
            out.append(SynonymClass(name, kind, opposite, phrases, tuple(p for p in zh.split("\x1e") if p)))
        return cls(out)

    def kind(self, term: str) -> str:
        """The kind of a class term ("~exists" -> "state"): what is wrong, what was done, or to what."""
        return self._kinds.get(term, "")

    def opposite(self, term: str) -> str | None:
        """The state that cannot be true with this one ("~exists" -> "~missing"), if the data names one."""
        return self._opposites.get(term)

    def of_word(self, term: str) -> frozenset[str]:
        """The classes that have a one-word phrase whose search token is term ("refus" of "refused"), or a
        Chinese phrase that is term."""
        if self._words is None:
            words: dict[str, set[str]] = {}
            for cls in self.classes:
                for token in [t for p in cls.en if len(p) == 1 for t in _english(p[0])] + list(cls.zh):
                    words.setdefault(token, set()).add(CONCEPT + cls.name)
            self._words = {w: frozenset(c) for w, c in words.items()}
        return self._words.get(term, frozenset())

    def states(self, text: str) -> list[str]:
        """The state classes text says, as name-state terms ("=exists"): what a code's name says is wrong."""
        return unique(NAME_STATE + t[1:] for t in self.find(text) if self.kind(t) == "state")

    def find(self, text: str, phrases: list[str] | None = None, lone: list[str] | None = None) -> list[str]:
        """The class terms of every phrase in text, once per occurrence, in order; phrases, if given, gets
        the English phrases of two or more words that were found ("maxed out"), as text."""
        out: list[str] = []
        run: list[str] = []
        for piece in itertools.chain(_pieces(text), [""]):
            if piece and piece.isascii():
                run.extend(_surface(piece))
                continue
            self._find_en(run, out, phrases)
            run = []
            if piece:
                self._find_zh(piece, out, lone, phrases)
        return out

    def negated(self, text: str) -> set[str]:
        """The actions text says were not done ('created (not invited)', 'never joined'): the word's terms and
        its action class. What was not done is no evidence of the error; 'cannot delete' says what was tried."""
        out: set[str] = set()
        run: list[str] = []
        for piece in itertools.chain(_pieces(text), [""]):
            if piece and piece.isascii():
                run.extend(_surface(piece))
                continue
            for word, following in itertools.pairwise(run):
                if word in _NEGATING:
                    found = [c for p, c in self._en.get(following, ()) if len(p) == 1 and self._kinds.get(c) == "action"]
                    if found:
                        out.update(found[:1])
                        out.update(_english(following))
            run = []
        return out

    def segment(self, text: str) -> list[str]:
        """The terms of a short text read as ideas: each phrase of a class as its class term, the words (or
        Chinese bigrams) between phrases as themselves; no word pairs, and no bigram across a phrase's edge.
        '申请已存在' -> 申请 ~exists; 'Key does not exist.' -> key ~missing."""
        out: list[str] = []
        run: list[str] = []
        for piece in itertools.chain(_pieces(text), [""]):
            if piece and piece.isascii():
                run.extend(_surface(piece))
                continue
            i = start = 0
            while i < len(run):
                end, concept = next(((e, c) for p, c in self._en.get(run[i], ()) if (e := _match_words(run, i, p))), (0, ""))
                if end:
                    out.extend(w for word in run[start:i] for w in _english(word))
                    out.append(concept)
                    i = start = end
                else:
                    i += 1
            out.extend(w for word in run[start:] for w in _english(word))
            run = []
            if piece and not piece.isascii():
                self._segment_zh(piece, out)
        return unique(out)

    def _segment_zh(self, piece: str, out: list[str]) -> None:
        i = start = 0
        while i < len(piece):
            phrase, concept = next(((p, c) for p, c in self._zh.get(piece[i], ()) if piece.startswith(p, i)), ("", ""))
            if phrase:
                out.extend(t for run in _cjk_runs(piece[start:i]) if len(run) > 1 for t in _bigrams(run))
                out.append(concept)
                i = start = i + len(phrase)
            else:
                i += 1
        out.extend(t for run in _cjk_runs(piece[start:]) if len(run) > 1 for t in _bigrams(run))

    def _find_en(self, run: list[str], out: list[str], phrases: list[str] | None) -> None:
        i = 0
        while i < len(run):
            for phrase, concept in self._en.get(run[i], ()):
                end = _match_words(run, i, phrase)
                if end:
                    out.append(concept)
                    if phrases is not None and len(phrase) > 1:
                        phrases.append(" ".join(phrase))
                    i = end
                    break
            else:
                i += 1

    def straddling(self, text: str) -> set[str]:
        """The Chinese bigrams of text that cross the edge of a state's phrase: '在组' of 用户已经在组里 (已经在 |
        组), half of the state and half of the next word, which also matches 在组织 of another code's text. (A
        bigram across two things or a thing and an action, 户同 of 用户同步, is the compound they make.)"""
        out: set[str] = set()
        for piece in _pieces(text):
            if not piece or piece.isascii():
                continue
            i = 0
            while i < len(piece):
                phrase, concept = next(((p, c) for p, c in self._zh.get(piece[i], ()) if piece.startswith(p, i)), ("", ""))
                if phrase:
                    if self._kinds.get(concept) == "state":
                        out.update(piece[e - 1 : e + 1] for e in (i, i + len(phrase)) if 0 < e < len(piece))
                    i += len(phrase)
                else:
                    i += 1
        return out

    def _is_zh_phrase(self, text: str) -> bool:
        return any(p == text for p, _c in self._zh.get(text[0], ()))

    def _find_zh(self, piece: str, out: list[str], lone: list[str] | None = None, phrases: list[str] | None = None) -> None:
        i = 0
        while i < len(piece):
            for phrase, concept in self._zh.get(piece[i], ()):
                if piece.startswith(phrase, i):
                    out.append(concept)
                    if lone is not None and all(len(run) < 2 for run in _cjk_runs(phrase)):
                        lone.append(concept)
                    if phrases is not None and len(phrase) > 2:  # its bigrams, but one that is a phrase itself
                        phrases.extend(b for b in _bigrams(phrase) if not self._is_zh_phrase(b))
                    i += len(phrase)
                    break
            else:
                i += 1
