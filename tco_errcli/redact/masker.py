"""The Masker: the secret values of one run, learned from what it is shown, taken out of whatever is shown."""

from __future__ import annotations

import itertools
import re
from enum import Enum
from typing import Any

from tco_errcli.model import Entry, Explained, ScanRow

from .forms import decode_all, decoded_forms, encoded_forms
from .layouts import derived, implies, sentence
from .shaped import found as shaped_values
from .shaped import keylike
from .shapes import NOT_VALUES, matches, plausible

MASK = "[REDACTED]"
MAX_SECRETS = 4096  # distinct values remembered per run; past it, what is found is still masked where it is shown
MAX_LEARNED = 16 * 1024 * 1024  # characters of secret values remembered per run, so memory stays bounded
MAX_UNKEPT = 512  # values past those caps still masked in the texts that follow them (the most recent)
CONTEXT_CHARS = 64 * 1024  # of each line kept as context for the next (learn_lines)
HUGE = 1024  # a form this long is replaced by str.replace, not compiled (a 1 MiB token is 1 MiB of regex)
_SHORT = 8  # values shorter than this are masked only as whole words ("abc" must not eat "abcdef")


def _alternation(words: list[str]) -> str:
    """A regex matching any of words (sorted, distinct, non-empty), as a prefix tree: longest first, one pass."""
    if len(words) == 1:
        return re.escape(words[0])
    first, last = words[0], words[-1]  # sorted: what these two share, all share
    size = next((i for i, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), min(len(first), len(last)))
    prefix = first[:size]
    if prefix:
        rest = [w[len(prefix) :] for w in words]
        tails = [r for r in rest if r]
        return re.escape(prefix) + "(?:" + _alternation(tails) + ")" + ("?" if len(tails) < len(rest) else "")
    groups = [list(group) for _, group in itertools.groupby(words, key=lambda w: w[0])]
    return "(?:" + "|".join(_alternation(group) for group in groups) + ")"


def _compile(forms: set[str]) -> tuple[re.Pattern[str] | None, list[str]]:
    """What masks forms: one regex for those under HUGE characters, the huge ones (longest first) for _huge."""
    return _pattern(forms), sorted((f for f in forms if len(f) >= HUGE), key=len, reverse=True)


def _pattern(forms: set[str]) -> re.Pattern[str] | None:
    """One regex for every form: long ones as a prefix tree, short ones only as whole words (forms of
    HUGE characters or more are not for a regex: see _huge)."""
    long = sorted(f for f in forms if _SHORT <= len(f) < HUGE)
    short = sorted((f for f in forms if len(f) < _SHORT), key=len, reverse=True)
    parts = []
    if long:
        parts.append(_alternation(long))
    if short:
        parts.append(r"(?<![A-Za-z0-9])(?:" + "|".join(re.escape(s) for s in short) + r")(?![A-Za-z0-9])")
    # longest first where a short form is a prefix of a long one: the trie is greedy within itself
    return re.compile("|".join(parts)) if parts else None


def _huge(text: str, forms: list[str]) -> str:
    """text with each huge form (longest first) replaced: one str.replace each, at C speed."""
    for form in forms:
        if form in text:
            text = text.replace(form, MASK)
    return text


class Masker:
    """The secret values of one run, and the one place they are taken out of text (see the module docstring)."""

    def __init__(self) -> None:
        self.values: set[str] = set()
        self._forms: set[str] = set()
        self._regex: re.Pattern[str] | None = None
        self._huge: list[str] = []  # forms of HUGE characters or more, longest first
        self._dirty = False
        self._size = 0
        self._recent: list[str] = []
        # past the caps: the last values found but not remembered, still masked wherever shown (fail closed)
        self._unkept: dict[str, None] = {}
        self._unkept_regex: re.Pattern[str] | None = None
        self._unkept_huge: list[str] = []
        self._unkept_built = False

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
                self._unkept[value] = None
                if len(self._unkept) > MAX_UNKEPT:
                    del self._unkept[next(iter(self._unkept))]
                self._unkept_built = False
            return False
        self._size += len(value)
        self.values.add(value)
        self._forms |= encoded_forms(value)
        for sep in ";&,":  # "Pwd=abc;Database=x": the part before the separator is the password itself
            head = value.split(sep, 1)[0].strip()
            if head != value and len(head) >= 3 and head not in self.values:
                self.values.add(head)
                self._forms |= encoded_forms(head)
        self._dirty = True
        return True

    def learn(self, text: str) -> int:
        """Remember every secret in text and in its decoded forms; return how many new values were found."""
        if not text:
            return 0
        before = len(self.values)
        for form in (text, *decoded_forms(text)):
            for match in matches(form):
                value = match.group("v")
                label = match.group("l") if "l" in match.re.groupindex else None
                if implies(form, match, value):  # a CSV column, a Basic credential's password (layouts.py)
                    for implied in derived(form, match, label):
                        if plausible(implied.strip(), label):
                            self._add(implied)
                if not plausible(value.strip(), label) or (" " in value and sentence(value)):
                    continue  # a word where a key was expected; the API's rule for a password after "Password:"
                self._add(value)
                if match.end() == len(form) or form[match.end()] in "\n\"'":
                    self._continuation(form, match)
        return len(self.values) - before

    def learn_lines(self, lines: list[str]) -> int:
        """learn() for input read in pieces: the lines are seen with the two before them, so that a shape
        spread over lines (a Kubernetes name/value pair, a Signature or key wrapped to the next line) is found;
        one pass over each piece, not one per line."""
        window = self._recent + [line[:CONTEXT_CHARS] for line in lines]
        self._recent = window[-2:]
        return self.learn("\n".join(window))

    def _continuation(self, text: str, match: re.Match[str]) -> None:
        """A key cut by a line break ("SecretKey=Gu5t9x" / "GARNpq86…"): the next line's lone token is its tail."""
        value = match.group("v")
        if len(value) >= 32 or "\n" in value:
            return
        nxt = re.match(r"\n[ \t]{0,64}(?P<t>[A-Za-z0-9+/=]{4,64})[\"']?[ \t]{0,8}(?:\n|$)", text[match.end() : match.end() + 200])
        if nxt:
            self._add(nxt.group("t"))
            self._add(value + nxt.group("t"))

    def _compiled(self) -> re.Pattern[str] | None:
        if self._dirty:
            self._regex, self._huge = _compile(self._forms)
            self._dirty = False
        return self._regex

    def seal(self, text: str) -> str:
        """Replace every learned value (in any of its encodings) in text; nothing is decoded or learned."""
        regex = self._compiled()
        if not text:
            return text
        if self._huge and len(text) >= HUGE:
            text = _huge(text, self._huge)
        return regex.sub(MASK, text) if regex is not None else text

    def _seal_unkept(self, text: str) -> str:
        """text with the last values the caps kept from being remembered replaced too, in every encoding: the
        4,097th secret of a run is masked where it is shown and in the texts after it (the last MAX_UNKEPT)."""
        if not self._unkept:
            return text
        if not self._unkept_built:
            self._unkept_built = True
            self._unkept_regex, self._unkept_huge = _compile({f for value in self._unkept for f in encoded_forms(value)})
        text = _huge(text, self._unkept_huge)
        return self._unkept_regex.sub(MASK, text) if self._unkept_regex else text

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
        if ("\\" in shown or "%" in shown) and self.values:
            plain = decode_all(shown)
            if plain != shown and self.seal(plain) != plain:
                return self.seal(plain)  # a secret hid behind an encoding: show the decoded text, masked
        return shown


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
                _scrub_id(item, masker) if name in IDS else _scrub_code(item, masker) if name == "code" else scrub(item, masker)
                for name, item in zip(fields, value, strict=True)
            )
        )
    if isinstance(value, dict):  # a dict keyed by code (a summary's counts): a code stays shown, as in its field
        return {_scrub_code(k, masker): scrub(v, masker) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(scrub(item, masker) for item in value)
    return value


IDS = frozenset({"request_id", "request_ids", "last_request_id"})  # fields the extractor filled by their shape
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
