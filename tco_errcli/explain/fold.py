"""Folding: the same error found again is one finding with a count and its lines; the same occurrence printed
twice (a JSON body, then the SDK's exception line of it) is counted once, keeping whichever printing says more.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from tco_errcli.model import UNKNOWN, Explained, Finding

from .shapes import UUIDS

MAX_FINDINGS = 10_000  # distinct findings kept; further ones are only counted
MAX_BEYOND_CODES = 1_000  # codes those are counted by; past that, under MORE
MORE = "(more codes)"
MAX_LINES = 100  # line numbers kept per folded finding
DUPLICATE_LINES = 30  # the same error printed twice this close is one occurrence
MAX_RECENT = 4096  # RequestIds and keys remembered for duplicate detection
LOOSE_SOURCES = frozenset({"log", "text"})

FoldKey = tuple[str | None, str, bool]


class Update(NamedTuple):
    """What a line changed: a new finding (render it), or one more occurrence of finding `position`."""

    position: int
    item: Explained
    new: bool
    line: int


def fold_key(f: Finding) -> FoldKey:
    """What makes two findings the same error: the code, the message without RequestIds, client-side or not."""
    if f.source in LOOSE_SOURCES:  # the "message" is just the log line around a bare code: the code is the error
        return f.code, "", f.client_side
    message = f.message
    if "-" in message:  # the same error in a retry loop differs only by the RequestId CAM writes into it
        message = UUIDS.sub("", message)
    return f.code, " ".join(message.split()), f.client_side


def richer(new: Finding, old: Finding) -> bool:
    """Whether a second printing of one occurrence says more than the first (a code, a message, a RequestId)."""

    def score(f: Finding) -> int:
        return (not f.inferred) * 4 + bool(f.message) * 2 + bool(f.request_id) + (f.source == "json")

    return score(new) > score(old)


class Slot:
    """A distinct finding and what has been folded into it so far."""

    __slots__ = ("count", "finding", "item", "last_line", "last_rid", "lines", "rid_count", "rid_seen", "rids")

    def __init__(self, finding: Finding, item: Explained) -> None:
        self.finding = finding
        self.item = item
        self.count = 1
        self.lines = [finding.line]
        self.last_line = finding.line
        self.rids: list[str] = []
        self.rid_seen: set[str] = set()
        self.rid_count = 0
        self.last_rid: str | None = None
        self.request(finding.request_id)

    def again(self, line: int, rid: str | None = None) -> None:
        self.count += 1
        self.last_line = line
        if len(self.lines) < MAX_LINES:
            self.lines.append(line)
        self.request(rid)

    def request(self, rid: str | None) -> None:
        """An occurrence's RequestId: kept in order when new (the first MAX_LINES), counted, the latest remembered."""
        if not rid:
            return
        self.last_rid = rid
        if rid in self.rid_seen:
            return
        self.rid_count += 1
        if len(self.rid_seen) < MAX_RECENT:  # past that, every RequestId counts as new: the count stays bounded work
            self.rid_seen.add(rid)
        if len(self.rids) < MAX_LINES:
            self.rids.append(rid)

    def folded(self) -> Explained:
        """The finding as the report shows it: the best printing of it, every occurrence counted."""
        return self.item._replace(
            finding=self.finding,
            occurrences=self.count,
            lines=tuple(self.lines),
            last_line=self.last_line,
            request_ids=tuple(self.rids),
            request_id_count=self.rid_count,
            last_request_id=self.last_rid,
        )


class Folder:
    """The distinct findings of one input, in the order found, and what identifies a repeat or a duplicate."""

    def __init__(self, origin: str = "") -> None:
        self.origin = origin
        self.slots: list[Slot] = []
        self.by_key: dict[FoldKey, int] = {}
        self.recent_rid: dict[str, tuple[int, int]] = {}  # RequestId -> (slot, line) of its latest occurrence
        self.recent_key: dict[FoldKey, tuple[int, int, str, str | None]] = {}
        self.beyond: dict[str, int] = {}  # occurrences of findings past MAX_FINDINGS distinct, by code

    def occur(self, found: Finding, line: int, new: Callable[[Finding], Explained]) -> Update | None:
        """found occurred on line: a new finding (explained by new()), a repeat, or None for a duplicate printing."""
        rid = found.request_id
        key = fold_key(found)
        if rid and rid in self.recent_rid and "*" not in rid:
            index, seen = self.recent_rid[rid]
            slot = self.slots[index]
            if line - seen <= DUPLICATE_LINES and (slot.finding.code == found.code or found.inferred or slot.finding.inferred):
                self._upgrade(slot, found)
                return None
        recent = self.recent_key.get(key)
        if recent is not None:
            index, seen, source, seen_rid = recent
            if source != found.source and line - seen <= DUPLICATE_LINES and (not rid or not seen_rid or rid == seen_rid):
                self._upgrade(self.slots[index], found)
                return None
        known = self.by_key.get(key)
        if known is not None:
            index = known
            slot = self.slots[index]
            slot.again(line, rid)
            if rid and not slot.finding.request_id:  # a repeat that carries the RequestId the first lacked
                slot.finding = slot.finding._replace(request_id=rid)
            update = Update(index, slot.item, False, line)
        elif len(self.slots) >= MAX_FINDINGS:  # not kept, but counted: the total stays exact
            code = found.code or UNKNOWN
            if code in self.beyond or len(self.beyond) < MAX_BEYOND_CODES:
                self.beyond[code] = self.beyond.get(code, 0) + 1
            else:
                self.beyond[MORE] = self.beyond.get(MORE, 0) + 1
            return None
        else:
            item = new(found._replace(line=line, origin=self.origin))
            index = len(self.slots)
            self.slots.append(Slot(item.finding, item))
            self.by_key[key] = index
            update = Update(index, item, True, line)
        self.recent_key[key] = (index, line, found.source, rid)
        if rid:
            self.recent_rid[rid] = (index, line)
            if len(self.recent_rid) > MAX_RECENT:
                self.recent_rid.clear()
        if len(self.recent_key) > MAX_RECENT:
            self.recent_key.clear()
        return update

    def positions(self, found: list[tuple[int, Finding]]) -> list[tuple[int, int]]:
        """(line in the record, slot) of a record's findings, every one already folded."""
        return [(rel, self.by_key[fold_key(f)]) for rel, f in found]

    def count_again(self, positions: list[tuple[int, int]], first_line: int, updates: bool) -> list[Update]:
        """A record repeated exactly (and holding no RequestId): one more occurrence of each of its findings."""
        done = []
        for rel, index in positions:
            slot = self.slots[index]
            line = first_line + rel
            slot.again(line)
            if updates:
                done.append(Update(index, slot.item, False, line))
        return done

    def _upgrade(self, slot: Slot, found: Finding) -> None:
        """A second printing of an occurrence already counted: keep whichever says more."""
        slot.request(found.request_id)
        if richer(found, slot.finding) and found.code == slot.finding.code:
            slot.finding = found._replace(line=slot.finding.line, origin=self.origin)
        elif found.request_id and not slot.finding.request_id:
            slot.finding = slot.finding._replace(request_id=found.request_id)
