"""The BM25F search index: built from catalogue entries, stored as text that opens without parsing it all.

Layout (UTF-8): a JSON header line; a line "\\x01vocab\\t" with the English words (for typo expansion and
splitting fused words); a line "\\x01concepts\\t" with the synonym classes (tokens.Concepts.dumps); a line
"\\x01terraform\\t" with the Terraform resource types and their actions (terraform.Resources.dumps); a line
"\\x01tasks\\t" with what each action's summary says (tasks.Tasks.dumps); then
one line per term, "term\\tidf\\tentries\\tcontributions\\tfields" (comma lists; fields one digit per
entry, an index into FIELDS). Lines are grouped in buckets by a hash
of the term, and the header holds each bucket's byte offset, so a term is found with bytes.find over one
small bucket. A term's contribution to an entry is query-independent (field-weighted, length-normalised,
saturated BM25F), so a query only adds numbers up.
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from .concepts import Concepts
from .tokens import code_terms, is_typo_candidate, terms

if TYPE_CHECKING:  # read from an index only for a query that needs them: start-up imports neither
    from .tasks import Tasks
    from .terraform import Resources

FORMAT = 5
BUCKETS = 1024
# Field weights: a code's name says what it is; keywords, aliases and users' phrases are chosen words;
# descriptions and causes are sentences; hints mention many things in passing. An action that returns the
# code (a term "@action", from the per-action error lists) is a fact, named in a query only on purpose.
WEIGHTS: dict[str, float] = {
    "code": 3.0, "keyword": 2.0, "description": 1.0, "causes": 1.0, "phrases": 2.0, "hint": 0.25, "action": 3.0,
    "name_state": 0.0,  # the states the code's name says (=exists): a query's opposite state is looked up here
}  # fmt: skip
FIELDS = tuple(WEIGHTS)
K1 = 2.0
B = 0.75
_VOCAB = b"\n\x01vocab\t"
_CONCEPTS = b"\n\x01concepts\t"
_TERRAFORM = b"\n\x01terraform\t"
_TASKS = b"\n\x01tasks\t"
RESOURCE = "&"  # the mark of a Terraform resource type's term (terraform.py); no typed word has it either
ACTION = "@"  # the mark of an action's term; the tokeniser drops "@" from text, so no typed word has it
ANY_ACTION = "@*"  # a common code (InternalError, UnauthorizedOperation ...): any action may return it
_NO_CONCEPTS = Concepts()


def action_term(action: str) -> str:
    """The index term of an API action: 'CreatePolicy' -> '@createpolicy' (a query may write it in any case)."""
    return ACTION + action.lower()


def is_word(term: str) -> bool:
    """An English word of the index (not a pair, class or action term): what typos and fused words resolve to."""
    return len(term) >= 2 and term.isalpha() and term.isascii()


class Postings(NamedTuple):
    """The entries a term occurs in, with its contribution to each and the field that gave the most."""

    idf: float
    entries: list[int]
    contributions: list[float]
    fields: str  # one digit per entry: an index into FIELDS


def _texts(raw: Mapping[str, Any], key: str) -> list[str]:
    value = raw.get(key) or {}
    if isinstance(value, str):
        return [value]
    out: list[str] = []
    for lang in ("en", "zh"):
        item = value.get(lang) if isinstance(value, Mapping) else None
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, list):
            out.extend(str(x) for x in item)
    return out


def field_terms(
    raw: Mapping[str, Any],
    official: Sequence[str] = (),
    concepts: Concepts = _NO_CONCEPTS,
    resources: Resources | None = None,
) -> dict[str, list[str]]:
    """The terms of each field of one raw catalogue entry; official: the code's wordings from Tencent.
    The Terraform types whose actions return the code are facts of the same kind as the actions.

    Hints get no synonym classes: they mention many ideas in passing, and each class's postings would grow
    by most of the catalogue."""
    keywords = [t for word in raw.get("keywords", ()) for t in terms(str(word), concepts)]
    keywords += [t for alias in raw.get("aliases", ()) for t in code_terms(str(alias), concepts)]
    description = [*_texts(raw, "description"), str(raw.get("reference_zh") or ""), *official]
    actions = raw.get("actions") or {}
    action_names = list(dict.fromkeys(action_term(str(a)) for names in actions.values() for a in names))
    if resources is not None:
        action_names += resources.terms_for(str(a) for a in actions.get(resources.version, ()))
    return {
        "code": code_terms(str(raw["code"]), concepts),
        "keyword": keywords,
        "description": [t for text in description for t in terms(text, concepts)],
        "causes": [t for text in _texts(raw, "causes") for t in terms(text, concepts)],
        "phrases": [t for text in _texts(raw, "phrases") for t in terms(text, concepts)],
        "hint": [t for text in _texts(raw, "hint") + _texts(raw, "org_hint") for t in terms(text)],
        "action": [ANY_ACTION] if raw.get("kind") == "common" else action_names,
        "name_state": concepts.states(str(raw["code"])),
    }


def build(
    raw_entries: Iterable[Mapping[str, Any]],
    official: Mapping[str, Sequence[str]] | None = None,
    concepts: Concepts = _NO_CONCEPTS,
    resources: Resources | None = None,
    tasks: Tasks | None = None,
) -> str:
    """The index text of these entries (in this order); official maps a code to Tencent's wordings of it;
    concepts: the synonym classes, resources: the Terraform types, tasks: what the actions do, all stored in
    the index so that a query (and an overlay's index) is read with the same ones."""
    docs = [field_terms(raw, (official or {}).get(str(raw["code"]), ()), concepts, resources) for raw in raw_entries]
    n = len(docs)
    average = {f: (sum(len(d[f]) for d in docs) / n if n else 0.0) or 1.0 for f in FIELDS}
    weighted: dict[str, dict[int, dict[str, float]]] = {}
    for i, doc in enumerate(docs):
        for field in FIELDS:
            norm = 1.0 - B + B * len(doc[field]) / average[field]
            for term in doc[field]:
                per_field = weighted.setdefault(term, {}).setdefault(i, {})
                per_field[field] = per_field.get(field, 0.0) + WEIGHTS[field] / norm
    body: list[list[bytes]] = [[] for _ in range(BUCKETS)]
    for term in sorted(weighted):
        holders = weighted[term]
        idf = math.log(1.0 + (n - len(holders) + 0.5) / (len(holders) + 0.5))
        entries, contributions, fields = [], [], []
        for i, per_field in sorted(holders.items()):
            tf = sum(per_field.values())
            entries.append(str(i))
            contributions.append(f"{idf * tf / (K1 + tf):.3f}")
            fields.append(str(FIELDS.index(max(FIELDS, key=lambda f: per_field.get(f, 0.0)))))
        line = f"{term}\t{idf:.3f}\t{','.join(entries)}\t{','.join(contributions)}\t{''.join(fields)}\n"
        body[_bucket(term)].append(line.encode())
    offsets, size = [], 0
    for bucket in body:
        offsets.append(size)
        size += sum(len(line) for line in bucket)
    offsets.append(size)
    head = {"format": FORMAT, "entries": n, "k1": K1, "b": B, "weights": WEIGHTS, "offsets": offsets}
    vocab = " ".join(sorted(t for t in weighted if is_word(t)))
    return "".join(
        [
            json.dumps(head, separators=(",", ":")),
            *(
                "\n\x01vocab\t",
                vocab,
                "\n\x01concepts\t",
                concepts.dumps(),
                "\n\x01terraform\t",
                resources.dumps() if resources else "",
            ),
            *("\n\x01tasks\t", tasks.dumps() if tasks else "", "\n"),
            b"".join(b"".join(b) for b in body).decode(),
        ]
    )


def _bucket(term: str) -> int:
    return zlib.crc32(term.encode("utf-8")) % BUCKETS


class Index:
    """An opened index: terms are looked up in the text when asked for, never all parsed."""

    def __init__(self, data: bytes) -> None:
        head, _, _ = data.partition(b"\n")
        self.header: dict[str, Any] = json.loads(head)
        if self.header.get("format") != FORMAT:
            raise ValueError(f"search index format {self.header.get('format')!r}, expected {FORMAT}")
        self.entries = int(self.header["entries"])
        self._offsets: list[int] = self.header["offsets"]
        self._data = data
        self._concepts_at = data.index(_CONCEPTS) + len(_CONCEPTS)
        self._terraform_at = data.index(_TERRAFORM, self._concepts_at) + len(_TERRAFORM)
        self._tasks_at = data.index(_TASKS, self._terraform_at) + len(_TASKS)
        table_end = data.index(b"\n", self._tasks_at)
        self._body = table_end  # the newline before the first term line; offsets count from after it
        if len(self._offsets) != BUCKETS + 1 or len(data) - table_end - 1 != self._offsets[-1] or not data.endswith(b"\n"):
            raise ValueError("search index is truncated or damaged")
        self._vocab: list[str] | None = None
        self._known: frozenset[str] | None = None
        self._concepts: Concepts | None = None
        self._resources: Resources | None = None
        self._tasks: Tasks | None = None

    def idf(self, term: str) -> float | None:
        line = self._line(term)
        return None if line is None else float(line.split("\t", 2)[1])

    def postings(self, term: str) -> Postings | None:
        line = self._line(term)
        if line is None:
            return None
        _term, idf, entries, contributions, fields = line.split("\t")
        return Postings(float(idf), list(map(int, entries.split(","))), list(map(float, contributions.split(","))), fields)

    def words(self) -> frozenset[str]:
        """Every English word of the index (tokens, not pairs): what a fused word may be split into."""
        if self._known is None:
            start = self._data.find(_VOCAB) + len(_VOCAB)
            self._known = frozenset(self._data[start : self._data.index(b"\n", start)].decode("utf-8").split())
        return self._known

    def vocabulary(self) -> list[str]:
        """The index's words long enough to be what a typo meant."""
        if self._vocab is None:
            self._vocab = sorted(w for w in self.words() if is_typo_candidate(w))
        return self._vocab

    def concepts(self) -> Concepts:
        """The synonym classes the index was built with; a query is read with the same."""
        if self._concepts is None:
            end = self._terraform_at - len(_TERRAFORM)
            self._concepts = Concepts.loads(self._data[self._concepts_at : end].decode("utf-8"))
        return self._concepts

    def resources(self) -> Resources:
        """The Terraform resource types the index was built with (an overlay's index is built with the same)."""
        if self._resources is None:
            from .terraform import Resources

            end = self._tasks_at - len(_TASKS)
            self._resources = Resources.loads(self._data[self._terraform_at : end].decode("utf-8"))
        return self._resources

    def tasks(self) -> Tasks:
        """What the API actions do, by their summaries (read only for a query that says what was being done)."""
        if self._tasks is None:
            from .tasks import Tasks

            self._tasks = Tasks.loads(self._data[self._tasks_at : self._body].decode("utf-8"))
        return self._tasks

    def _line(self, term: str) -> str | None:
        if not term or "\t" in term or "\n" in term:
            return None
        bucket = _bucket(term)
        start, end = self._body + self._offsets[bucket], self._body + self._offsets[bucket + 1]
        found = self._data.find(b"\n" + term.encode("utf-8") + b"\t", start, end + 1)
        if found < 0:
            return None
        return self._data[found + 1 : self._data.index(b"\n", found + 1)].decode("utf-8")
