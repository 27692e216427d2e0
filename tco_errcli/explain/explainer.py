"""explain as a stream: lines -> records -> findings, each explained from its own neighbourhood, then folded.

The Explainer coordinates: records.py groups lines, extract.py finds the errors in each record (once per distinct
text), context.py indexes the facts around them, explained.py explains each new finding, fold.py folds repeats
and duplicates, infer.py finds a paste of only a server message. Records are explained in batches; `explain(text)`
is the stream collected into a Report.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from tco_errcli.catalog import Catalog, load
from tco_errcli.model import Explained, Finding, Lang, Neighbourhood, Report

from .coerce import coerce
from .context import HOST_LINES, Context, worth_indexing
from .explained import FindingExplainer
from .extract import RecordFinder
from .fold import Folder, Update
from .infer import HEAD_LINES, bare_messages
from .prefilter import hot_spans, share
from .records import Record, Records

BATCH_CHARS = 64 * 1024  # records are explained this many characters at a time (or sooner when live)
LIVE_DELAY = 0.3  # seconds a complete record may wait for company before it is explained anyway
MAX_SUGGESTED = 200  # distinct findings that get close codes suggested (a fuzzy search each)
MAX_UNPLACED = 16  # recent findings of unknown product that a host below them may still place
STEP = 4096  # lines grouped into records at a time
SIEVE_CHARS = 32 * 1024  # a piece at least this long is prefiltered (prefilter.py): only its hot lines are looked at
PROBE_CHARS = 16 * 1024  # ... unless most of its first characters are hot: then every line is (a dense log)


class Explainer:
    """Feed lines; get Updates as their records complete. live=True explains a waiting record after LIVE_DELAY;
    updates=False when only the report is wanted (a file, --json): no Update per repeat."""

    def __init__(
        self,
        catalog: Catalog | None = None,
        lang: Lang = Lang.EN,
        now: datetime | None = None,
        *,
        origin: str = "",
        live: bool = False,
        updates: bool = True,
    ) -> None:
        self.catalog = catalog or load()
        self.updates = updates
        self.live = live
        self.records = Records()
        self.finder = RecordFinder()
        self.context = Context()
        self.folder = Folder(origin)
        self.explain = FindingExplainer(self.catalog, lang, now)
        self.pending: list[Record] = []
        self.pending_chars = 0
        self.pending_since = 0.0
        self.head: list[str] = []  # the first lines, for a paste of only a server message
        self.unplaced: list[tuple[int, Neighbourhood]] = []  # recent findings of unknown product (see _host_after)
        self.held: list[Update] = []  # updates waiting until a host below a finding can no longer name its product

    # --- the stream ------------------------------------------------------------------------------------------

    def feed_text(self, text: str) -> list[Update]:
        """A whole input at once: feed_lines() of its lines, without their line ends (prefiltered when long)."""
        return self.feed_piece(text, last=True)

    def expect(self, piece: str, begin: int = 0) -> None:
        """piece (its text from begin) is about to be learnt by the masker, then fed: when it will be prefiltered,
        it is searched once for both (prefilter.share); a dense piece is not prefiltered, the masker searches alone."""
        if len(piece) - begin >= SIEVE_CHARS and not _dense(piece[begin : begin + PROBE_CHARS]):
            share(piece)

    def feed_piece(self, piece: str, last: bool = False, begin: int = 0) -> list[Update]:
        """A piece of a long input (a file read in pieces, a pipe's read): it ends with a line end unless it is
        the last; its text starts at begin (what comes before is the end of the last piece, learnt with it by the
        masker: the same string, searched once for both, redact/literals.py). The same updates as feed_text() of
        the whole input, but a long piece is prefiltered: its cold lines are counted, not looked at (prefilter.py)."""
        size = len(piece) - 1 if not last and piece.endswith("\n") else len(piece)  # the last line's end
        if size - begin < SIEVE_CHARS or _dense(piece[begin : begin + PROBE_CHARS]):
            return self.feed_lines(_lines(piece[begin:size]))
        through = 0
        if self.records.number < HEAD_LINES:  # the head is kept whole (infer.py reads it)
            through = begin - 1
            for _ in range(HEAD_LINES - self.records.number):
                through = piece.find("\n", through + 1, size)
                if through == -1:
                    return self.feed_lines(_lines(piece[begin:size]))
        updates: list[Update] = []
        pos = begin
        for start, end in hot_spans(piece, through, begin):
            if start > pos:
                pos = self._cold(piece, pos, start, updates)
            updates += self._feed(_lines(piece[pos:end]))
            pos = end + 1
        if pos == size:  # the text ends with a line end: the empty line after it is a line too, as split() has it
            updates += self._feed([""])
        return self._release(updates, self.records.number)

    def _cold(self, body: str, pos: int, start: int, updates: list[Update]) -> int:
        """The lines of body from pos to start are cold: those an open record still takes are fed (a JSON body
        or an exception goes on), the rest skipped. Returns where the hot run starts."""
        find = body.find
        while self.records.open and pos < start:
            end = find("\n", pos)
            updates += self._feed(_lines(body[pos:end]))
            pos = end + 1
        count = body.count("\n", pos, start)
        record = self.records.skip(count)
        if record is not None:  # the record a hot run left open, complete: explained in its batch like any other
            self._pend([record], sum(map(len, record.lines)) + len(record.lines))
            if self.pending_chars >= BATCH_CHARS:
                updates += self._process()
        return start

    def feed_lines(self, lines: list[str]) -> list[Update]:
        """Lines (without their newlines) as they come; the updates of the records they completed."""
        return self._release(self._feed(lines), self.records.number)

    def _feed(self, lines: list[str]) -> list[Update]:
        updates: list[Update] = []
        head = HEAD_LINES - len(self.head)
        if head > 0:
            self.head += lines[:head]
        for at in range(0, len(lines), STEP):
            chunk = lines[at : at + STEP]
            records = self.records.push_many(chunk)
            if records:
                self._pend(records, sum(map(len, chunk)) + len(chunk))  # near enough: the open record's lines too
            if self.pending and (
                self.pending_chars >= BATCH_CHARS or (self.live and time.monotonic() - self.pending_since >= LIVE_DELAY)
            ):
                updates += self._process()
        return updates

    def _pend(self, records: list[Record], chars: int) -> None:
        if not self.pending:
            self.pending_since = time.monotonic()
        self.pending += records
        self.pending_chars += chars

    def idle(self) -> list[Update]:
        """The input went quiet: whatever record is open is complete."""
        record = self.records.flush()
        if record is not None:
            self.pending.append(record)
        return self._release(self._process() if self.pending else [], None)

    def close(self) -> list[Update]:
        """End of input. A paste of only a server message gets its code inferred here."""
        updates = self.idle()
        if not self.folder.slots:
            for finding in bare_messages(self.head, self.catalog):
                # the lines above it may name the product (a client class, an SDK path): as a record's would
                above = "\n".join(self.head[max(0, finding.line - 1 - HOST_LINES) : finding.line - 1])
                updates += self._occur(finding, finding.line, Neighbourhood(line_text=finding.message, evidence=above or None))
        return updates

    def report(self) -> Report:
        return Report(tuple(slot.folded() for slot in self.folder.slots), beyond=tuple(self.folder.beyond.items()))

    def _release(self, updates: list[Update], seen: int | None) -> list[Update]:
        """Updates in order, each as final as a file's report would have it: a new finding of unknown product waits
        until HOST_LINES lines below it have been read (a host there may still name its product), or the input
        ends or goes quiet (seen None); everything after it waits too, so the order stays."""
        if not self.updates:
            return updates
        queue = self.held + updates if self.held else updates
        out: list[Update] = []
        for at, update in enumerate(queue):
            slot = self.folder.slots[update.position]
            waiting = update.new and slot.item.product is None and seen is not None and seen - update.line <= HOST_LINES
            if waiting:
                self.held = queue[at:]
                return out
            out.append(update._replace(item=slot.item) if update.new else update)
        self.held = []
        return out

    # --- a batch of records ----------------------------------------------------------------------------------

    def _process(self) -> list[Update]:
        records, self.pending, self.pending_chars = self.pending, [], 0
        texts = [record.lines[0] if len(record.lines) == 1 else record.text for record in records]
        self.finder.find(texts)
        updates: list[Update] = []
        previous, repeated = "", False
        positions: list[tuple[int, int]] = []
        for record, text in zip(records, texts, strict=True):
            found_here = self.finder.get(text)
            if not found_here:
                if worth_indexing(text):
                    self._index(text, record.first_line)
                continue
            if repeated and text == previous and not any(f.request_id for _, f in found_here):
                positions = positions or self.folder.positions(found_here)
                updates += self.folder.count_again(positions, record.first_line, self.updates)  # the same line again
                continue
            if worth_indexing(text):
                self._index(text, record.first_line)
            before = len(self.folder.slots)
            occurred = []
            for rel, found in found_here:
                occurred += self._occur(found, record.first_line + rel, record, text)
            previous = text
            # a record whose every finding was a plain repeat (and that carries no RequestId: checked above) can be
            # counted again without another look
            repeated = len(self.folder.slots) == before and len(occurred) == len(found_here)
            positions = []  # worked out when the record does repeat
            if self.updates:
                updates += occurred
        return updates

    def _occur(self, found: Finding, line: int, record: Record | Neighbourhood, text: str = "") -> list[Update]:
        def new(finding: Finding) -> Explained:
            near = record if isinstance(record, Neighbourhood) else self.context.near(record, text, line)
            item = self.explain(finding, near, may_suggest=len(self.folder.slots) < MAX_SUGGESTED)
            if item.product is None and len(self.unplaced) < MAX_UNPLACED:
                self.unplaced.append((len(self.folder.slots), near))
            return item

        update = self.folder.occur(found, line, new)
        return [update] if update is not None else []

    def _index(self, text: str, first_line: int) -> None:
        host = self.context.index(text, first_line)
        if host:
            self._host_after(host, first_line)

    def _host_after(self, host: str, line: int) -> None:
        """A host just after a finding of unknown product (a paste with the client's endpoint below the error)
        names its product too: explain those findings again with it."""
        slots = self.folder.slots
        for index, near in self.unplaced:
            slot = slots[index]
            if slot.item.product is None and 0 <= line - slot.finding.line <= HOST_LINES:
                again = self.explain(slot.item.finding, near._replace(host=host), may_suggest=len(slots) < MAX_SUGGESTED)
                if again.product is not None:
                    slot.item = again
        self.unplaced = [(i, n) for i, n in self.unplaced if 0 <= line - slots[i].finding.line <= HOST_LINES]


def _dense(probe: str) -> bool:
    """Whether most of probe's lines are hot: prefiltering such a piece costs more than it saves."""
    return sum(end - start for start, end in hot_spans(probe)) * 2 > len(probe)


def _lines(text: str) -> list[str]:
    lines = text.split("\n")
    if "\r" in text:
        lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    return lines


def explain(source: Any, catalog: Catalog | None = None, lang: Lang = Lang.EN, now: datetime | None = None) -> Report:
    """Every error in source — text, bytes, a parsed JSON response, or an SDK exception — explained and folded."""
    explainer = Explainer(catalog, lang, now, updates=False)
    explainer.feed_text(coerce(source))
    explainer.close()
    return explainer.report()
