"""explain over several inputs: one Explainer per input, findings numbered on across them, one Report at the end.

The caller reads the inputs (files, pipes, text) and prints; the session owns the loop: it feeds each input's
lines (or a Feed is pushed them: `tco-err run`), hands every Update on numbered across inputs, and collects the
findings. `learn` sees every line before any Update made from it is handed on, so the output stage can mask a
secret wherever it appears later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from tco_errcli.catalog import Catalog
from tco_errcli.model import Explained, Lang, Report

from .explainer import SIEVE_CHARS, Explainer
from .fold import Update

Show = Callable[[int, list[Update]], None]  # a batch of updates, and how many findings earlier inputs had
Learn = Callable[[str], object]
LearnLines = Callable[[list[str]], object]


class Session:
    def __init__(self, catalog: Catalog, lang: Lang, *, updates: bool, show: Show, learn: Learn, learn_lines: LearnLines) -> None:
        self.catalog = catalog
        self.lang = lang
        self.updates = updates  # hand on an Update per record as it completes (a pipe, --json-lines)
        self.show = show
        self.learn = learn
        self.learn_lines = learn_lines
        self.errors: list[Explained] = []
        self.beyond: dict[str, int] = {}  # occurrences past the cap of distinct findings, by code (Report.beyond)
        self.current: Explainer | None = None  # the explainer of the input pieces() is reading

    def _hand_on(self, updates: list[Update]) -> None:
        if self.updates and updates:
            self.show(len(self.errors), updates)

    def feed(self, origin: str = "", *, live: bool = False) -> Feed:
        """An input pushed to the session as it comes (a pipe read here, a command's streams in `tco-err run`)."""
        return Feed(self, Explainer(self.catalog, self.lang, origin=origin, live=live, updates=self.updates))

    def live(self, chunks: Iterable[list[str] | None], origin: str = "") -> tuple[Report, int, bool]:
        """A stream read as it comes: chunks of lines, None when it went quiet. Returns its report, its number of
        lines, and whether a KeyboardInterrupt ended it (Ctrl-C ends `tail -f … | tco-err explain`: what was seen
        is still reported)."""
        feed = self.feed(origin, live=True)
        interrupted = False
        try:
            for lines in chunks:
                if lines is None:
                    feed.idle()
                else:
                    feed.lines(lines)
        except KeyboardInterrupt:
            interrupted = True
        report, number = feed.close()
        return report, number, interrupted

    def pieces(self, pieces: Iterable[str], origin: str = "") -> tuple[Report, int, bool]:
        """An input read in pieces, each ending at a line end (a file of any size, in bounded memory). Returns
        its report, its number of lines, and whether it was blank. Each piece is learnt with the two lines
        before it, so that a secret whose label ends the previous piece is still masked."""
        explainer = self.current = Explainer(self.catalog, self.lang, origin=origin, updates=self.updates)
        held: str | None = None  # the last piece with the lines before it, as learnt (searched once for both)
        begin = 0  # where in held the piece starts
        before = ""
        blank = True
        for piece in pieces:
            seen = before + piece
            explainer.expect(seen, len(before))
            self.learn(seen)
            blank = blank and (not piece or piece.isspace())
            if held is not None:
                self._hand_on(explainer.feed_piece(held, begin=begin))
            held, begin = seen, len(before)
            before = _last_lines(piece)
        if held is not None:
            self._hand_on(explainer.feed_piece(held, last=True, begin=begin))
        self.current = None
        return self._close(explainer), explainer.records.number, blank

    def found(self) -> int:
        """Distinct findings so far, those of the input being read included (for a progress display)."""
        return len(self.errors) + (len(self.current.folder.slots) if self.current is not None else 0)

    def text(self, text: str, origin: str = "") -> tuple[Report, int]:
        """A whole input at once (a file, an argument). Returns its report and its number of lines."""
        explainer = Explainer(self.catalog, self.lang, origin=origin, updates=self.updates)
        self.learn(text)
        self._hand_on(explainer.feed_text(text))
        return self._close(explainer), explainer.records.number

    def _close(self, explainer: Explainer) -> Report:
        self._hand_on(explainer.close())
        return explainer.report()

    def keep(self, report: Report) -> None:
        """The findings of one input join the session's (an input the caller rejects is not kept)."""
        self.errors += report.errors
        for code, count in report.beyond:
            self.beyond[code] = self.beyond.get(code, 0) + count

    def report(self) -> Report:
        return Report(tuple(self.errors), beyond=tuple(self.beyond.items()))


CONTEXT_CHARS = 4096  # of each of the two lines before a piece, what is learnt again with it
LINES_CONTEXT = 64 * 1024  # of each of the two lines before a read, what Masker.learn_lines learns again with it


def _last_lines(piece: str) -> str:
    """The last two lines of piece (with their line ends), each cut to CONTEXT_CHARS."""
    end = len(piece) - 1 if piece.endswith("\n") else len(piece)
    one = piece.rfind("\n", 0, end)
    two = piece.rfind("\n", 0, max(one, 0))
    return "".join(line[:CONTEXT_CHARS] + "\n" for line in piece[two + 1 : end].split("\n"))


class Feed:
    """One input of a session, pushed: lines() as they arrive, idle() when it went quiet, close() at its end."""

    def __init__(self, session: Session, explainer: Explainer) -> None:
        self.session = session
        self.explainer = explainer
        self.before: list[str] = []  # the last two lines, the context learn_lines gives the masker too

    def lines(self, lines: list[str]) -> None:
        """Lines without their newlines (a "\r" before one is dropped); the masker learns them first."""
        before, self.before = self.before, [*self.before, *(line[:LINES_CONTEXT] for line in lines[-2:])][-2:]
        if sum(map(len, lines)) >= SIEVE_CHARS:  # a big read (a fast writer): prefiltered as a file's piece is,
            # and learnt as learn_lines() would, from the same string: searched once for both (Explainer.expect)
            seen = "\n".join([*before, *lines, ""])
            begin = sum(map(len, before)) + len(before)
            self.explainer.expect(seen, begin)
            self.session.learn(seen)
            self.session.learn_lines(lines[-2:])  # the masker's context for the next read: these lines
            self.session._hand_on(self.explainer.feed_piece(seen, begin=begin))
            return
        self.session.learn_lines(lines)
        self.session._hand_on(self.explainer.feed_lines([line[:-1] if line.endswith("\r") else line for line in lines]))

    def idle(self) -> None:
        self.session._hand_on(self.explainer.idle())

    def close(self) -> tuple[Report, int]:
        """The input's report (for session.keep) and its number of lines."""
        return self.session._close(self.explainer), self.explainer.records.number
