"""The Masker: the secret values of one run, learned from what it is shown, taken out of whatever is shown."""

from __future__ import annotations

import re
from enum import Enum
from typing import Any

from tco_errcli.model import Entry, Explained, ScanRow

from .forms import decode_all, decoded_forms, encoded, encoded_forms, inner_values
from .layouts import derived, implies, sentence
from .normal import View, views
from .sealer import Sealer
from .shaped import found as shaped_values
from .shaped import keylike
from .shapes import NOT_VALUES, accepted, matches, plausible

MASK = "[REDACTED]"
MAX_SECRETS = 4096  # distinct values remembered per run; past it, what is found is still masked where it is shown
MAX_LEARNED = 16 * 1024 * 1024  # characters of secret values remembered per run, so memory stays bounded
MAX_UNKEPT = 512  # values past those caps still masked in the texts that follow them (at least the last 384)
CONTEXT_CHARS = 64 * 1024  # of each line kept as context for the next (learn_lines)
MAX_ITEMS = 256  # items of a YAML list under a label taken as values
_TAIL = re.compile(  # the next line's first token: alone on it, or at its start before the next "key="
    r"\n(?P<alone>[ \t]{0,64}(?=[A-Za-z0-9+/=]{4,64}[\"']?[ \t]{0,8}(?:\n|$)))?(?P<t>[A-Za-z0-9+/=]{4,64})"
    r"(?:[\"']?[ \t]{0,8}(?:\n|$)|[ \t]{1,8}[A-Za-z_][A-Za-z0-9_.-]{0,40}=)"
)
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+")
_ITEM_BEFORE = re.compile(r"\n[ \t]{0,64}-[ \t]{1,4}[\"']?\Z")
_ITEM = re.compile(r"[\"']?[ \t\r]{0,8}\n[ \t]{0,64}-[ \t]{1,4}[\"']?(?P<v>[^\s\"'`]{4,4096})[\"']?[ \t\r]{0,8}(?=\n|$)")


class Masker:
    """The secret values of one run, and the one place they are taken out of text (see the module docstring)."""

    def __init__(self) -> None:
        self.values: set[str] = set()
        self._sealer = Sealer()
        self._size = 0
        self._recent: list[str] = []
        # past the caps: the last values found but not remembered, still masked wherever shown (fail closed)
        self._unkept: set[str] = set()
        self._unkept_sealer = Sealer(largest=MAX_UNKEPT // 4)  # the oldest dropped past MAX_UNKEPT: 3/4 stay

    @property
    def count(self) -> int:
        """How many distinct secret values were found."""
        return len(self.values)

    def _add(self, value: str) -> bool:
        value = value.strip()
        if value.endswith(":") and value[:-1].isalpha():  # "token: tencentcloud: failed …": a word before a colon
            return False  # is the next label of prose, not a value (lego's error printed every tencentcloud: masked)
        value = value.rstrip(";,.:")
        if value in self.values:  # first: most values are seen again (a labelled value, then its echo)
            return False
        if len(value) < 3 or value.lower() in NOT_VALUES or MASK in value or value in MASK or "REDACTED" in value:
            return False
        if not value.strip("*xX#."):  # already masked or a placeholder
            return False
        if len(self.values) >= MAX_SECRETS or self._size + len(value) > MAX_LEARNED:
            if value not in self._unkept:
                self._unkept.add(value)
                self._unkept_sealer.add(encoded_forms(value))
                if self._unkept_sealer.count > MAX_UNKEPT:
                    self._unkept_sealer.drop_oldest()
                    self._unkept.clear()  # only a guard against adding one twice: the sealer is what masks
            return False
        self._size += len(value)
        self.values.add(value)
        self._sealer.add(encoded_forms(value))
        for sep in ";&,":  # "Pwd=abc;Database=x": the part before the separator is the password itself
            head = value.split(sep, 1)[0].strip()
            if head != value and len(head) >= 3 and head not in self.values:
                self.values.add(head)
                self._sealer.add(encoded_forms(head))
        for part in inner_values(value):  # what an invalid byte split, what hex spells
            self._add(part)
        return True

    def learn(self, text: str) -> int:
        """Remember every secret in text and in its decoded forms; return how many new values were found."""
        if not text:
            return 0
        before = len(self.values)
        for form in (text, *decoded_forms(text)):
            self._learn_form(form)
            for view in views(form):  # a label behind invisible or full-width characters, CR-only line ends
                self._learn_form(view.text, view)
        return len(self.values) - before

    def _learn_form(self, form: str, view: View | None = None) -> None:
        for match in matches(form):
            value = match.group("v")
            label = match.group("l") if "l" in match.re.groupindex else None
            if implies(form, match, value):  # a CSV column, a Basic credential's password (layouts.py)
                for implied in derived(form, match, label):
                    if plausible(implied.strip(), label):
                        self._add(implied)
            if not accepted(match) or (" " in value and sentence(value)):
                continue  # a word where a key was expected; the API's rule for a password after "Password:"
            self._add(value)
            if view is not None:  # the value as the original spells it (a ZWSP inside it, full-width digits)
                self._add(view.original(*match.span("v")))
            if match.end() == len(form) or form[match.end()] in "\n\"'":
                self._continuation(form, match)
            self._items(form, match)

    def learn_lines(self, lines: list[str]) -> int:
        """learn() for input read in pieces: the lines are seen with the two before them, so that a shape
        spread over lines (a Kubernetes name/value pair, a Signature or key wrapped to the next line) is found;
        one pass over each piece, not one per line."""
        window = self._recent + [line[:CONTEXT_CHARS] for line in lines]
        self._recent = _last_lines(window)
        return self.learn("\n".join(window))

    def _continuation(self, text: str, match: re.Match[str]) -> None:
        """A key cut by a line break ("SecretKey=Gu5t9x" / "GARNpq86…"): the next line's first token is its tail,
        alone on its line, or (a terminal's wrap of a long line) before the next "key=value"."""
        value = match.group("v")
        if len(value) >= 32 or "\n" in value:
            return
        nxt = _TAIL.match(text, match.end(), match.end() + 200)
        if nxt and (nxt.group("alone") is not None or _wrapped(text, match, nxt.group("t"))):
            self._add(nxt.group("t"))
            self._add(value + nxt.group("t"))

    def _items(self, text: str, match: re.Match[str]) -> None:
        """The items after the first of a YAML list under a label (secret_keys: / - V1 / - V2): each a value."""
        if not _ITEM_BEFORE.search(text, max(0, match.start("v") - 8), match.start("v")):
            return
        at = match.end()
        for _ in range(MAX_ITEMS):
            item = _ITEM.match(text, at)
            if item is None:
                return
            self._add(item.group("v"))
            at = item.end()

    def seal(self, text: str) -> str:
        """Replace every learned value (in any of its encodings) in text; nothing is decoded or learned."""
        return self._sealer.seal(text, MASK)

    def _seal_unkept(self, text: str) -> str:
        """text with the last values the caps kept from being remembered replaced too, in every encoding: the
        4,097th secret of a run is masked where it is shown and in the texts after it (the last MAX_UNKEPT)."""
        return self._unkept_sealer.seal(text, MASK)

    def mask(self, text: str) -> str:
        """text as it may be shown: learn from it, then mask learned values, also behind escapes and %XX."""
        if not text:
            return text
        self.learn(text)
        shown = self._seal_unkept(self.seal(text))
        shaped = shaped_values(shown)  # a credential no label announced, known by its shape (shaped.py)
        if shaped:
            for value in shaped:
                self._add(value)
            shown = self.seal(shown)
            for value in shaped:  # past MAX_SECRETS nothing more is learned, but what is shown is still masked
                if value in shown:
                    shown = shown.replace(value, MASK)
        if self.values and encoded(shown):
            plain = decode_all(shown)
            if plain != shown and self.seal(plain) != plain:
                return self.seal(plain)  # a secret hid behind an encoding: show the decoded text, masked
        return shown


def _last_lines(lines: list[str], keep: int = 2, most: int = 6) -> list[str]:
    """The last `keep` lines that are not blank, with the blank lines after them (at most `most` lines): a label
    whose value comes after a blank line or two ("密钥：", "", "", "VALUE") is still its value's context."""
    start = len(lines)
    while start > 0 and len(lines) - start < most and keep:
        start -= 1
        keep -= bool(lines[start].strip())
    return lines[start:]


def _wrapped(text: str, match: re.Match[str], tail: str) -> bool:
    """Whether a value cut at its line's end looks wrapped by a terminal: a long line ends right after it, and the
    next line starts with the rest, random-looking (not a word such as INFO, region or Region)."""
    if match.end() - (text.rfind("\n", 0, match.start()) + 1) < 40:
        return False
    return any(ch.isdigit() for ch in tail) or _WORD.fullmatch(tail) is None


def redact(text: str) -> tuple[str, int]:
    """Mask every secret in text; return the new text and how many distinct secrets were found."""
    masker = Masker()
    masker.learn(text)
    return masker.seal(text), masker.count


def mask_tail(value: str, keep: int = 4) -> str:
    """'AKIDabcdef1234' -> '**********1234': enough to recognise a key, not to use it."""
    if len(value) <= keep:
        return "*" * len(value)
    return "*" * (len(value) - keep) + value[-keep:]


def scrub(value: Any, masker: Masker) -> Any:
    """value with every input-derived string masked; catalogue entries, numbers and enums pass unchanged.

    A scan row's unknown code shaped like a key is hidden too: scan counts without reading its input through the
    masker, so that is the one place such a value is caught.
    """
    if isinstance(value, str):
        return value if isinstance(value, Enum) else masker.mask(value)
    if isinstance(value, Entry) or value is None or isinstance(value, bool | int | float | Enum):
        return value
    if isinstance(value, ScanRow) and value.entry is None and keylike(value.code):
        value = value._replace(code=MASK)
    if isinstance(value, Explained) and value.entry is None and value.finding.code in masker.values:
        value = value._replace(finding=value.finding._replace(code=MASK))  # "Code=<the password>": no code of the catalogue
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a model NamedTuple
        fields = value._fields
        return type(value)(
            *(
                _scrub_id(item, masker)
                if name in IDS
                else _scrub_code(item, masker)
                if name == "code"
                else item
                if name in VOCABULARY and isinstance(item, str) and WORD_SHAPE.fullmatch(item)
                else scrub(item, masker)
                for name, item in zip(fields, value, strict=True)
            )
        )
    if isinstance(value, dict):  # a dict keyed by code (a summary's counts): a code stays shown, as in its field
        return {_scrub_code(k, masker): scrub(v, masker) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(scrub(item, masker) for item in value)
    return value


IDS = frozenset({"request_id", "request_ids", "last_request_id"})  # fields the extractor filled by their shape
# fields the tool fills from its own vocabulary (a retry class, the shape a finding was read from, a service's short
# name), never from the input: a password of "fix" must not turn `retry_strategy` into "[REDACTED]"
VOCABULARY = frozenset({"retry", "source", "service"})
WORD_SHAPE = re.compile(r"[a-z][a-z0-9_-]{0,31}")
CODE_SHAPE = re.compile(r"[A-Z][A-Za-z0-9]{1,80}(?:\.[A-Za-z0-9_]{1,120}){0,3}")


def _scrub_code(value: Any, masker: Masker) -> Any:
    """An error code: shown as it is when it has a code's shape and no key's (a password equal to
    "InternalError" must not hide the error's code); anything else is masked like any text."""
    if isinstance(value, str) and CODE_SHAPE.fullmatch(value) and not keylike(value):
        return value
    return scrub(value, masker)


def _scrub_id(value: Any, masker: Masker) -> Any:
    """A RequestId field: learned secrets are masked in it, shapes are not (a COS RequestId is long base64)."""
    if isinstance(value, str):
        return masker.seal(value)
    if isinstance(value, tuple):
        return tuple(masker.seal(item) if isinstance(item, str) else item for item in value)
    return value
