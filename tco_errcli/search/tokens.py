"""The one tokeniser of search: the index builder and the query side split text with these functions.

English: words split on CamelCase, dots, underscores and hyphens, lower-cased, a small stop list (keeping
the words that carry a meaning in errors: not, no, cannot, too, many) and a light suffix stemmer.
Chinese: each run of characters as overlapping bigrams (a lone character stays one token).
Terms are those tokens plus each pair of adjacent English words within one text, written "a+b", plus the
synonym classes (data/synonyms.toml) whose phrases the text contains, written "~name" (concepts.py).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .concepts import Concepts

# CamelCase and acronyms: "NodeNotEmpty" -> Node Not Empty, "SAMLMetadata" -> SAML Metadata, "X509" -> X 509
_WORD = re.compile(r"[A-Z]{2,}(?=[A-Z][a-z]|\d|\b|_)|[A-Z]?[a-z]+|[A-Z]+|\d+")
# a run of English letters and digits (apostrophes kept), a run of other characters (CJK among them, split
# below), or punctuation that ends a run; a regex class of the CJK ranges would cost milliseconds to compile
_PIECE = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’]*|[^\x00-\x7f]+|[.,;:!?()\[\]{}<>\"=/|]")
# hexadecimal with both digits and letters (UUID parts, hashes), or lower-case letters with digits inside
_ID_LIKE = re.compile(r"^(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{4,}$|^[a-z]+[0-9]+[a-z0-9]*[a-z][a-z0-9]*$")
# the wrapping of a pasted SDK error: "[TencentCloudSDKException] code:... message:... requestId:..."
_ENVELOPE = re.compile(
    r"\[?TencentCloudSDK(?:Exception|Error)\]?|\b(?:code|message|requestid|request_id|error)\s{0,3}[:=]", re.IGNORECASE
)
_ZH_PARTICLES = frozenset("的了吗呢吧啊")  # they join Chinese words without being part of them
# the talk around a Chinese question (where the error was seen, asking why), separating words like particles
_ZH_STOP = ("提示", "报错", "返回", "怎么办", "怎么", "为什么", "为啥", "什么", "这个", "那个", "根本", "一直", "总是",
            "就是", "我们", "你们", "他们", "请问", "如何", "是不是", "一下", "时候", "情况", "啥", "咋")  # fmt: skip
_ZH_STOP_AT: dict[str, list[str]] = {}
for _word in sorted(_ZH_STOP, key=len, reverse=True):
    _ZH_STOP_AT.setdefault(_word[0], []).append(_word)
_NEGATIONS = {"can't": "cannot", "cant": "cannot", "won't": "not", "don't": "not", "doesn't": "not", "isn't": "not",
              "aren't": "not", "didn't": "not", "wasn't": "not", "couldn't": "not", "shouldn't": "not",
              "hasn't": "not", "haven't": "not", "hadn't": "not", "weren't": "not", "wouldn't": "not",
              "cannot": "cannot", "mustn't": "not", "ain't": "not"}  # fmt: skip
# fmt: off
STOP = frozenset((
    "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "am", "to", "of", "in", "on", "at", "for",
    "by", "with", "from", "and", "or", "it", "its", "this", "that", "these", "those", "i", "my", "me", "we", "our",
    "us", "you", "your", "he", "she", "they", "them", "their", "please", "has", "have", "had", "do", "does", "did",
    "doing", "can", "will", "would", "should", "could", "shall", "may", "might", "must", "as", "so", "but", "if",
    "then", "than", "when", "while", "which", "what", "who", "whom", "how", "there", "here", "into", "onto", "just",
    "also", "very", "any", "some", "all", "each", "via", "get", "got", "s", "t",
    # the talk around a question: what a message "says", why it happens, who is "trying"
    "why", "say", "says", "said", "saying", "tell", "tells", "told", "show", "shows", "showed", "shown", "keep",
    "keeps", "kept", "try", "tries", "tried", "trying", "want", "wants", "wanted", "need", "needs", "help", "hi",
    "hello", "thanks", "thank", "anyone", "someone", "something", "im", "ive", "ll", "re", "ve", "d", "m",
))
# fmt: on
MIN_TYPO_LENGTH = 4
MIN_FUSED_LENGTH, MAX_FUSED_LENGTH = 6, 40
# One word for one thing, on both sides: Terraform "destroys", users say "OU" and "org", the API says node;
# users say "admin", Tencent's texts "administrator" (委派管理员: delegated administrator).
_SAME = {"destroy": "delete", "ou": "node", "org": "organization", "organisation": "organization", "administrator": "admin"}


def stem(word: str) -> str:
    """A light suffix stemmer: policies -> policy, expired/expires/expiring -> expir, members -> member."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":  # mapped -> map
                word = word[:-1]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


CANONICAL = {stem(word): stem(same) for word, same in _SAME.items()}


def _english(piece: str) -> list[str]:
    lowered = piece.lower().replace("’", "'")
    if lowered in _NEGATIONS:
        return [_NEGATIONS[lowered]]
    if _ID_LIKE.match(piece):  # request IDs, hashes, instance IDs in a paste say nothing about the error
        return []
    words = []
    for part in _WORD.findall(piece.replace("'", " ").replace("’", " ")):
        word = part.lower()
        if word not in STOP and not (word.isdigit() and len(word) > 4):  # account IDs, timestamps
            word = stem(word)
            words.append(CANONICAL.get(word, word))
    return words


def _surface(piece: str) -> list[str]:
    """An English piece's words as typed, for synonym phrases: lower-case, not stemmed, stop words kept."""
    lowered = piece.lower().replace("’", "'")
    if lowered in _NEGATIONS:
        return [_NEGATIONS[lowered]]
    if _ID_LIKE.match(piece):
        return []
    return [part.lower() for part in _WORD.findall(piece.replace("'", " ").replace("’", " "))]


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _cjk_runs(piece: str) -> list[str]:
    """The runs of Chinese characters in piece; anything else (punctuation, particles, stop words) separates them."""
    runs: list[str] = []
    start: int | None = None
    i = 0
    while i < len(piece):
        ch = piece[i]
        stop = next((w for w in _ZH_STOP_AT.get(ch, ()) if piece.startswith(w, i)), "")
        if stop or ch in _ZH_PARTICLES or not _is_cjk(ch):
            if start is not None:
                runs.append(piece[start:i])
                start = None
            i += len(stop) or 1
            continue
        if start is None:
            start = i
        i += 1
    if start is not None:
        runs.append(piece[start:])
    return runs


def _bigrams(run: str) -> list[str]:
    return [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]


def _pieces(text: str) -> Iterator[str]:
    """Runs of English letters and digits, runs of other characters, and "" where punctuation ends a run."""
    for piece in _PIECE.findall(_ENVELOPE.sub(" . ", text)):  # the envelope also ends a run
        yield piece if not piece.isascii() or piece[0].isalnum() else ""


def words(text: str) -> list[list[str]]:
    """The tokens of text, grouped into runs that adjacent-word pairs may span (punctuation ends a run)."""
    runs: list[list[str]] = [[]]
    for piece in _pieces(text):
        if not piece:
            runs.append([])
        elif piece.isascii():
            runs[-1].extend(_english(piece))
        else:
            runs.extend(_bigrams(part) for part in _cjk_runs(piece))
            runs.append([])
    return [run for run in runs if run]


def terms(text: str, concepts: Concepts | None = None) -> list[str]:
    """Every term of text: tokens, then pairs of adjacent English words ("not+empty"), then its synonym classes."""
    out = run_terms(words(text))
    if concepts is not None:
        out += concepts.find(text)
    return out


def run_terms(runs: list[list[str]]) -> list[str]:
    """The terms of text already split by words(): each run's tokens, then its English word pairs."""
    out: list[str] = []
    for run in runs:
        out.extend(run)
        if not _is_cjk(run[0][0]):
            out.extend(f"{a}+{b}" for a, b in itertools.pairwise(run) if a != b)
    return out


def code_terms(code: str, concepts: Concepts | None = None) -> list[str]:
    """A code name's terms: 'FailedOperation.NodeNotEmpty' -> failed operation node not empty + pairs."""
    out: list[str] = []
    for part in code.split("."):
        out.extend(terms(part, concepts))
    return out


def fused_words(text: str) -> list[str]:
    """Lower-case words of text that CamelCase did not split and that might be words run together
    ("membername", "nodeid"), as typed: a word is split before it is stemmed."""
    out = []
    for piece in _pieces(text):
        if piece and piece.isascii() and piece.isalpha() and MIN_FUSED_LENGTH <= len(piece) <= MAX_FUSED_LENGTH:
            parts = _WORD.findall(piece)
            if len(parts) == 1:
                out.append(parts[0].lower())
    return unique(out)


def split_fused(word: str, known: Callable[[str], bool]) -> list[str] | None:
    """word as two or three words the index knows ("samlidentityprovider" -> saml identity provider), the
    split with fewest words and then the most even lengths; None when there is none."""
    best: tuple[int, int, list[str]] | None = None

    def ok(part: str) -> bool:
        return len(part) >= 2 and part not in STOP and known(stem(part))

    n = len(word)
    for i in range(2, n - 1):
        head = word[:i]
        if not ok(head):
            continue
        tail = word[i:]
        candidates = [[head, tail]] if ok(tail) else []
        if best is None or best[0] == 3:
            candidates += [[head, tail[:j], tail[j:]] for j in range(2, len(tail) - 1) if ok(tail[:j]) and ok(tail[j:])]
        for parts in candidates:
            key = (len(parts), -sum(len(p) ** 2 for p in parts), parts)
            if best is None or key[:2] < best[:2]:
                best = key
    return None if best is None else best[2]


def is_typo_candidate(term: str) -> bool:
    """An English word long enough that a close indexed word is likely what was meant."""
    return len(term) >= MIN_TYPO_LENGTH and term.isalpha() and term.isascii()


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
