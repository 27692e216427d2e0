"""What each API action does, in Tencent's words (its official summary): a clause in which the user says what
they were doing ("添加委派管理员时…", "when creating a member account, …") names the action it best fits.

The summaries are read as ideas (Concepts.segment: 添加 is ~create, 成员账号 ~member), each term weighted by its
idf in the index, and stored in it; a clause fits an action by the F-measure of the weight they share.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache

from .concepts import Concepts

LANGS = ("zh", "en")
FIT = 0.6  # a clause fits an action when they share this F-measure of their weight, or more
NEAR = 0.05  # actions this close to the best fit are named with it
MAX_FITS = 3
# Chinese: the clause before 时 / 的时候 (what was being done when the error came), or one that opens the query
# and ends where the error is reported (…提示 / 报 / 说 …). Scanned by hand: a regex class of the CJK ranges costs
# milliseconds to compile, at every start.
_ZH_WHEN = ("的时候", "时候", "时")
_ZH_REPORTED = ("提示", "报错", "报", "说", "返回")
_EN_WORDS = ("when", "while", "whilst", "during")
_EN_WHEN = (
    r"\b(?:when|while|whilst|during)\s{1,3}(?:i\s|we\s|i'm\s|we're\s|trying\sto\s){0,2}\s{0,3}"
    r"([A-Za-z][A-Za-z' -]{2,60}?)"
    r"(?=[,;:.]|\s(?:it|i|we|got|get|gets|say|says|return|returns|fail|fails|failed|error|errors)\b|$)"
)
# the API reference's ways of opening a summary, which say nothing of what the action does
_BOILERPLATE = ("This API is used to ", "本接口（")


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _before(text: str, at: int, least: int, most: int) -> str:
    """The run of Chinese characters that ends at text[at], if its length is within bounds."""
    start = at
    while start > 0 and at - start < most and _is_cjk(text[start - 1]):
        start -= 1
    return text[start:at] if at - start >= least else ""


def _zh_clause(query: str) -> str:
    at = query.find("时")
    while at >= 0:
        for ending in _ZH_WHEN:  # 的时候 and 时候 end a clause before 时 does
            head = at - (len(ending) - 1 - ending.index("时"))
            if head >= 0 and query.startswith(ending, head) and (found := _before(query, head, 2, 30)):
                return found
        at = query.find("时", at + 1)
    start = next((i for i, ch in enumerate(query[:21]) if _is_cjk(ch)), -1)
    if start >= 0:
        for end in range(start + 3, min(start + 21, len(query))):
            if not _is_cjk(query[end - 1]):
                break
            if query.startswith(_ZH_REPORTED, end):
                return query[start:end]
    return ""


@lru_cache(maxsize=1)
def _en_when() -> re.Pattern[str]:
    return re.compile(_EN_WHEN, re.IGNORECASE)


@lru_cache(maxsize=16)  # asked by query reading and ranking of one query
def clause(query: str) -> tuple[str, str] | None:
    """(language, text) of the clause in which the query says what the user was doing, if it has one."""
    found = _zh_clause(query) if not query.isascii() else ""
    if found:
        return "zh", found
    lowered = query.lower()
    if any(word in lowered for word in _EN_WORDS) and (match := _en_when().search(query)):
        return "en", match.group(1)
    return None


def _summary(text: str) -> str:
    """A summary without its opening boilerplate ('This API is used to', '本接口（Action）可用于')."""
    if text.startswith(_BOILERPLATE[0]):
        return text[len(_BOILERPLATE[0]) :]
    if text.startswith(_BOILERPLATE[1]) and "）" in text:
        text = text.partition("）")[2]
        return text.removeprefix("可用于")
    return text


class Tasks:
    """action -> language -> {term: weight}: what each action's summary says."""

    def __init__(self, actions: Mapping[str, Mapping[str, Mapping[str, float]]] | None = None) -> None:
        self.actions = {a: {lang: dict(t) for lang, t in by_lang.items()} for a, by_lang in (actions or {}).items()}

    @classmethod
    def compile(
        cls, summaries: Mapping[str, Mapping[str, str]], concepts: Concepts, weight: Callable[[str], float | None]
    ) -> Tasks:
        """From {action: {"zh": summary, "en": summary}}; weight gives a term's idf (None: not in the index)."""
        out: dict[str, dict[str, dict[str, float]]] = {}
        for action, texts in summaries.items():
            for lang in LANGS:
                found = {}
                for term in concepts.segment(_summary(texts.get(lang) or "")):
                    w = weight(term)
                    if w:
                        found[term] = w
                if found:
                    out.setdefault(action, {})[lang] = found
        return cls(out)

    def fits(self, lang: str, terms: Mapping[str, float]) -> list[str]:
        """The actions a clause's terms (with their weights) fit, best first: at most MAX_FITS, each within
        NEAR of the best and at least FIT."""
        said = sum(terms.values())
        if not said:
            return []
        scored = []
        for action, by_lang in self.actions.items():
            summary = by_lang.get(lang)
            if not summary:
                continue
            shared = sum(w for t, w in summary.items() if t in terms)
            if shared:
                precision, recall = shared / said, shared / sum(summary.values())
                scored.append((2 * precision * recall / (precision + recall), action))
        scored.sort(key=lambda item: (-item[0], item[1]))
        if not scored or scored[0][0] < FIT:
            return []
        return [action for f, action in scored[:MAX_FITS] if f >= max(FIT, scored[0][0] - NEAR)]

    # The stored form (one line of the index): actions split by \x1d; an action, then one field per language
    # ("zh term:weight term:weight"), by \x1f.
    def dumps(self) -> str:
        return "\x1d".join(
            "\x1f".join([action, *(" ".join([lang, *(f"{t}:{w:.3f}" for t, w in by_lang[lang].items())]) for lang in by_lang)])
            for action, by_lang in sorted(self.actions.items())
        )

    @classmethod
    def loads(cls, text: str) -> Tasks:
        actions: dict[str, dict[str, dict[str, float]]] = {}
        for record in text.split("\x1d") if text else ():
            action, *fields = record.split("\x1f")
            for field in fields:
                lang, *pairs = field.split(" ")
                actions.setdefault(action, {})[lang] = {t: float(w) for t, _, w in (p.rpartition(":") for p in pairs)}
        return cls(actions)
