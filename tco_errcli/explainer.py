"""explain as a stream: lines -> records -> findings, each looked up and diagnosed from its own neighbourhood.

`Explainer` takes lines one at a time and returns `Update`s as records complete (a line, or a multi-line exception
or JSON body); `explain(text)` is that stream collected into a `Report`. Each pass is one pass: records are
explained in batches, identical records once, and the facts a diagnosis needs from elsewhere in the input (the
request timestamp, the server's Date header, the API host) come from an index updated as lines go by.
"""

from __future__ import annotations

import json
import re
import time
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

from . import diagnose as diag
from .catalog import Catalog, load
from .extract import Record, Records, find_raw, is_candidate, request_id_in, richer
from .inputs import decode
from .model import Entry, Explained, Finding, Lang, Neighbourhood, Product, Report

MAX_FINDINGS = 10_000  # distinct findings kept; further ones are only counted
MAX_LINES = 100  # line numbers kept per folded finding
MIN_CONFIDENCE = 0.7
BATCH_CHARS = 64 * 1024  # records are explained this many characters at a time (or sooner when live)
LIVE_DELAY = 0.3  # seconds a complete record may wait for company before it is explained anyway
NEAR_LINES = 200  # an indexed fact (timestamp, Date header) applies to findings this close after it
HOST_LINES = 30  # a host names the product of errors only this close after it (a request log, then its error)
DUPLICATE_LINES = 30  # the same error printed twice this close is one occurrence
CACHE_SIZE = 20_000
LOOSE_SOURCES = frozenset({"log", "text"})
MAX_SUGGESTED = 200  # distinct findings that get close codes suggested (a fuzzy search each)
UUIDS = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")

# Server messages as the API sends them (en and zh), for text that carries no code (Node.js, .NET >= 3.0.892).
KNOWN_MESSAGES: tuple[tuple[str, str], ...] = (
    ("The provided credentials could not be validated", "AuthFailure.SignatureFailure"),
    ("请求签名验证失败", "AuthFailure.SignatureFailure"),
    ("The SecretId is not found", "AuthFailure.SecretIdNotFound"),
    ("SecretId不存在", "AuthFailure.SecretIdNotFound"),
    ("You are not authorized to perform this operation", "AuthFailure.UnauthorizedOperation"),
    ("操作未授权，请检查CAM策略", "AuthFailure.UnauthorizedOperation"),
    ("you are not authorized to perform operation (", "UnauthorizedOperation"),
    ("which exceeds the frequency limit", "RequestLimitExceeded"),
    ("超过了每秒频率上限", "RequestLimitExceeded"),
    ("Signature expired", "AuthFailure.SignatureExpire"),
    ("签名过期", "AuthFailure.SignatureExpire"),
    ("The request is not authorized", "AuthFailure.UnauthorizedOperation"),
    ("is missing a required parameter", "MissingParameter"),
)
# HTTP status texts a gateway answers with: an SDK that prints only the message is still a client-side finding
HTTP_STATUS_TEXTS = frozenset({"Bad Gateway", "Gateway Timeout", "Service Unavailable", "Internal Server Error"})


class Update(NamedTuple):
    """What a line changed: a new finding (render it), or one more occurrence of finding `position`."""

    position: int
    item: Explained
    new: bool
    line: int


def infer_code(message: str, catalog: Catalog) -> tuple[str | None, float]:
    """The catalogue code a bare server message most likely belongs to, with a confidence in [0, 1]."""
    text = message.strip()
    if not text:
        return None, 0.0
    for needle, code in KNOWN_MESSAGES:
        if needle.lower() in text.lower():
            return code, 0.95
    from rapidfuzz import fuzz, process, utils

    query = utils.default_process(text[:500])
    dense = any("\u4e00" <= ch <= "\u9fff" for ch in query)  # Chinese says in 4 characters what takes 8 letters
    if len(query) < (4 if dense else 8):
        return None, 0.0
    choices = _message_choices(catalog)
    # the whole message resembles a description, or a description stands inside a longer message
    whole = process.extractOne(query, list(choices), scorer=fuzz.ratio, score_cutoff=80)
    inside = process.extractOne(
        query,
        [c for c in choices if (6 if dense else 12) <= len(c) <= len(query)],
        scorer=fuzz.partial_ratio,
        score_cutoff=92,
    )
    best = max((m for m in (whole, inside) if m is not None), key=lambda m: m[1], default=None)
    if best is None:
        return None, 0.0
    return choices[best[0]][0], round(best[1] / 100 * 0.9, 2)


@lru_cache(maxsize=4)
def _message_choices(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """Processed description -> the codes that have it, the one more actions return first."""
    from rapidfuzz import utils

    choices: dict[str, list[Entry]] = {}
    for entry in catalog.entries:
        for desc in (entry.description.en, entry.description.zh, entry.reference_text):
            processed = utils.default_process(desc) if desc else ""
            if processed and entry not in choices.setdefault(processed, []):
                choices[processed].append(entry)
    return {
        text: tuple(e.code for e in sorted(entries, key=lambda e: -sum(len(a) for a in e.actions.values())))
        for text, entries in choices.items()
    }


def _alternatives(code: str, message: str, catalog: Catalog) -> tuple[str, ...]:
    """Other codes whose official message is this one (two codes can share a message)."""
    from rapidfuzz import utils

    processed = utils.default_process(message.strip()[:500])
    return tuple(c for c in _message_choices(catalog).get(processed, ()) if c != code)


def _coerce(source: Any) -> str:
    if isinstance(source, bytes):
        return decode(source)
    if isinstance(source, str):
        return source
    if isinstance(source, dict | list):
        return json.dumps(source, ensure_ascii=False)
    if isinstance(source, BaseException):
        text = str(source)
        code = getattr(source, "code", None)
        if code and str(code) not in text:  # an SDK exception whose str() lacks the code (Node.js-like)
            message = getattr(source, "message", "") or text
            rid = getattr(source, "requestId", None) or getattr(source, "request_id", None) or ""
            text = f"[TencentCloudSDKException] code:{code} message:{message} requestId:{rid}"
        return text
    raise TypeError(f"explain() takes text, bytes, a parsed JSON object or an exception, not {type(source).__name__}")


def _fold_key(f: Finding) -> tuple[str | None, str, bool]:
    if f.source in LOOSE_SOURCES:  # the "message" is just the log line around a bare code: the code is the error
        return f.code, "", f.client_side
    message = f.message
    if "-" in message:  # the same error in a retry loop differs only by the RequestId CAM writes into it
        message = UUIDS.sub("", message)
    return f.code, " ".join(message.split()), f.client_side


class _Slot:
    """A distinct finding and what has been folded into it so far."""

    __slots__ = ("count", "finding", "item", "lines")

    def __init__(self, finding: Finding, item: Explained) -> None:
        self.finding = finding
        self.item = item
        self.count = 1
        self.lines = [finding.line]


class Explainer:
    """Feed lines; get findings as their records complete. live=True explains a waiting record after LIVE_DELAY."""

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
        self.updates = updates  # False: only the report is wanted (a file, --json), so no Update per occurrence
        self.lang = lang
        self.now = now
        self.origin = origin
        self.live = live
        self.records = Records()
        self.pending: list[Record] = []
        self.pending_chars = 0
        self.pending_since = 0.0
        self.slots: list[_Slot] = []
        self.by_key: dict[tuple[str | None, str, bool], int] = {}
        self.recent_rid: dict[str, tuple[int, int]] = {}  # RequestId -> (slot, line) of its latest occurrence
        self.recent_key: dict[tuple[str | None, str, bool], tuple[int, int, str, str | None]] = {}
        # record text -> its findings, each with its line relative to the record (the Finding's own line is not)
        self.cache: dict[str, list[tuple[int, Finding]]] = {}
        self.redacted = 0  # secrets are masked at the way out (render/emit.py), which also counts them
        self.head: list[str] = []  # the first lines, for a paste of only a server message
        self.index_time: tuple[tuple[datetime, str], int] | None = None
        self.index_date: tuple[datetime, int] | None = None
        self.index_host: tuple[str, int] | None = None
        self.unplaced: list[tuple[int, Neighbourhood]] = []  # recent findings of unknown product (see _host_after)
        self.suggest = lru_cache(maxsize=1024)(self.catalog.suggest)  # a log repeats the same unknown code

    # --- the stream ------------------------------------------------------------------------------------------

    def feed(self, line: str) -> list[Update]:
        """One line (its newline optional); returns the updates of every record it completed."""
        if line.endswith("\n"):
            line = line[:-1]
        if line.endswith("\r"):
            line = line[:-1]
        if len(self.head) < 200:
            self.head.append(line)
        record = self.records.push(line)
        if record is not None:
            self._queue(record)
        if self.pending and (
            self.pending_chars >= BATCH_CHARS or (self.live and time.monotonic() - self.pending_since >= LIVE_DELAY)
        ):
            return self._process()
        return []

    def feed_text(self, text: str) -> list[Update]:
        """Many lines at once (a file): the same as feed() for each line, with less overhead per line."""
        lines = text.split("\n")
        if "\r" in text:
            lines = [line[:-1] if line.endswith("\r") else line for line in lines]
        return self.feed_lines(lines)

    def feed_lines(self, lines: list[str]) -> list[Update]:
        """feed() for each of lines (without their newlines), with the per-line work in one loop."""
        updates: list[Update] = []
        head = 200 - len(self.head)
        if head > 0:
            self.head += lines[:head]
        step = 4096
        for at in range(0, len(lines), step):
            chunk = lines[at : at + step]
            records = self.records.push_many(chunk)
            if records:
                if not self.pending:
                    self.pending_since = time.monotonic()
                self.pending += records
                self.pending_chars += sum(map(len, chunk)) + len(chunk)  # near enough: the open record's lines too
            if self.pending and (
                self.pending_chars >= BATCH_CHARS or (self.live and time.monotonic() - self.pending_since >= LIVE_DELAY)
            ):
                updates += self._process()
        return updates

    def idle(self) -> list[Update]:
        """The input went quiet: whatever record is open is complete."""
        record = self.records.flush()
        if record is not None:
            self._queue(record)
        return self._process() if self.pending else []

    def close(self) -> list[Update]:
        """End of input. A paste of only a server message gets its code inferred here."""
        updates = self.idle()
        if not self.slots:
            for finding in self._bare_messages():
                updates += self._occur(finding, finding.line, Neighbourhood(line_text=finding.message))
        return updates

    def report(self) -> Report:
        items = []
        for slot in self.slots:
            items.append(slot.item._replace(finding=slot.finding, occurrences=slot.count, lines=tuple(slot.lines)))
        return Report(tuple(items), self.redacted)

    # --- batches ---------------------------------------------------------------------------------------------

    def _queue(self, record: Record) -> None:
        if not self.pending:
            self.pending_since = time.monotonic()
        self.pending.append(record)
        lines = record.lines
        self.pending_chars += len(lines[0]) + 1 if len(lines) == 1 else sum(len(line) + 1 for line in lines)

    def _process(self) -> list[Update]:
        records, self.pending, self.pending_chars = self.pending, [], 0
        texts = [record.lines[0] if len(record.lines) == 1 else record.text for record in records]
        self._find_uncached(records, texts)
        updates: list[Update] = []
        cache = self.cache
        previous, repeated = "", False
        positions: list[tuple[int, int]] = []
        for record, text in zip(records, texts, strict=True):
            found_here = cache.get(text)
            if not found_here:
                if "imestamp" in text or "Date:" in text or "tencentcloudapi.com" in text:
                    self._index(text, record.first_line)
                continue
            if repeated and text == previous and not any(f.request_id for _, f in found_here):
                if not positions:
                    positions = [(rel, self.by_key[_fold_key(found)]) for rel, found in found_here]
                updates += self._count_again(positions, record.first_line)  # the same line again: count it
                continue
            if "imestamp" in text or "Date:" in text or "tencentcloudapi.com" in text:
                self._index(text, record.first_line)
            before = len(self.slots)
            occurred = []
            for rel, found in found_here:
                occurred += self._occur(found, record.first_line + rel, record, text)
            previous = text
            # a record whose every finding was a plain repeat (and that carries no RequestId: checked above) can be
            # counted again without another look
            repeated = len(self.slots) == before and len(occurred) == len(found_here)
            positions = []  # worked out when the record does repeat
            if self.updates:
                updates += occurred
        if len(self.cache) > CACHE_SIZE:
            self.cache.clear()
        return updates

    def _find_uncached(self, records: list[Record], texts: list[str]) -> None:
        """Run the extractor once over every distinct record text not seen before, and remember what it found."""
        todo: dict[str, int] = {}
        cache = self.cache
        candidate = is_candidate
        for text in texts:
            if text not in cache and text not in todo:
                if candidate(text):
                    todo[text] = 0
                else:
                    cache[text] = []
        if not todo:
            return
        starts = []
        line = 1
        for text in todo:
            starts.append(line)
            self.cache[text] = []
            line += text.count("\n") + 1
        from bisect import bisect_right

        distinct = list(todo)
        for raw in find_raw("\n".join(distinct)):
            line = raw.finding.line
            at = bisect_right(starts, line) - 1
            cache[distinct[at]].append((line - starts[at], raw.finding))

    def _index(self, text: str, first_line: int) -> None:
        stamp = diag.request_time(text)
        if stamp:
            self.index_time = (stamp, first_line)
        date = diag.server_date(text)
        if date:
            self.index_date = (date, first_line)
        host = diag.host(text) if "tencentcloudapi.com" in text else None
        if host:
            self.index_host = (host, first_line)
            self._host_after(host, first_line)

    def _host_after(self, host: str, line: int) -> None:
        """A host just after a finding of unknown product (a paste with the client's endpoint below the error)
        names its product too: explain those findings again with it."""
        for index, near in self.unplaced:
            slot = self.slots[index]
            if slot.item.product is None and 0 <= line - slot.finding.line <= HOST_LINES:
                again = self._explain(slot.item.finding, near._replace(host=host))
                if again.product is not None:
                    slot.item = again
        self.unplaced = [(i, n) for i, n in self.unplaced if 0 <= line - self.slots[i].finding.line <= HOST_LINES]

    def _near(self, record: Record, text: str, line: int) -> Neighbourhood:
        def fresh(entry: tuple[Any, int] | None) -> Any:
            return entry[0] if entry is not None and 0 <= line - entry[1] <= NEAR_LINES else None

        lines = text.split("\n")
        at = line - record.first_line
        return Neighbourhood(
            record=text,
            line_text=lines[at] if 0 <= at < len(lines) else "",
            request_time=fresh(self.index_time),
            server_date=fresh(self.index_date),
            host=self.index_host[0] if self.index_host and 0 <= line - self.index_host[1] <= HOST_LINES else None,
        )

    # --- occurrences -----------------------------------------------------------------------------------------

    def _occur(self, found: Finding, line: int, record: Record | Neighbourhood, text: str = "") -> list[Update]:
        rid = found.request_id
        key = _fold_key(found)
        # the same occurrence printed twice (a JSON body, then the SDK's exception line of it)
        if rid and rid in self.recent_rid and "*" not in rid:
            index, seen = self.recent_rid[rid]
            slot = self.slots[index]
            if line - seen <= DUPLICATE_LINES and (slot.finding.code == found.code or found.inferred or slot.finding.inferred):
                self._upgrade(slot, found, line)
                return []
        recent = self.recent_key.get(key)
        if recent is not None:
            index, seen, source, seen_rid = recent
            if source != found.source and line - seen <= DUPLICATE_LINES and (not rid or not seen_rid or rid == seen_rid):
                self._upgrade(self.slots[index], found, line)
                return []
        known = self.by_key.get(key)
        if known is not None:
            index = known
            slot = self.slots[index]
            slot.count += 1
            if len(slot.lines) < MAX_LINES:
                slot.lines.append(line)
            if rid and not slot.finding.request_id:  # a repeat that carries the RequestId the first lacked
                slot.finding = slot.finding._replace(request_id=rid)
            update = Update(index, slot.item, False, line)
        elif len(self.slots) >= MAX_FINDINGS:
            return []
        else:
            finding = found._replace(line=line, origin=self.origin)
            near = record if isinstance(record, Neighbourhood) else self._near(record, text, line)
            item = self._explain(finding, near)
            index = len(self.slots)
            self.slots.append(_Slot(item.finding, item))
            self.by_key[key] = index
            if item.product is None and len(self.unplaced) < 16:
                self.unplaced.append((index, near))
            update = Update(index, item, True, line)
        self.recent_key[key] = (index, line, found.source, rid)
        if rid:
            self.recent_rid[rid] = (index, line)
            if len(self.recent_rid) > 4096:
                self.recent_rid.clear()
        if len(self.recent_key) > 4096:
            self.recent_key.clear()
        return [update]

    def _count_again(self, positions: list[tuple[int, int]], first_line: int) -> list[Update]:
        updates = []
        for rel, index in positions:
            slot = self.slots[index]
            line = first_line + rel
            slot.count += 1
            if len(slot.lines) < MAX_LINES:
                slot.lines.append(line)
            if self.updates:
                updates.append(Update(index, slot.item, False, line))
        return updates

    def _upgrade(self, slot: _Slot, found: Finding, line: int) -> None:
        """A second printing of an occurrence already counted: keep whichever says more."""
        if richer(found, slot.finding) and found.code == slot.finding.code:
            slot.finding = found._replace(line=slot.finding.line, origin=self.origin)
        elif found.request_id and not slot.finding.request_id:
            slot.finding = slot.finding._replace(request_id=found.request_id)

    # --- explaining one finding ------------------------------------------------------------------------------

    def _explain(self, finding: Finding, near: Neighbourhood) -> Explained:
        cat, lang = self.catalog, self.lang
        alternatives: tuple[str, ...] = ()
        if finding.inferred and finding.code is None:
            if finding.message.strip() in HTTP_STATUS_TEXTS:
                finding = finding._replace(code=finding.message.strip(), client_side=True, inferred=False)
            else:
                code, confidence = infer_code(finding.message, cat)
                finding = finding._replace(code=code, confidence=confidence)
                if code:
                    alternatives = _alternatives(code, finding.message, cat)
        from .products import identify

        product = identify(finding.message, near.record)
        if product is None and near.host:  # a host on another line is weaker evidence than an Organization-only code
            known = cat.get(finding.code or "") if finding.code and not finding.client_side else None
            product = identify("", near.host) if known is None or known.kind == "common" else None
        other = product is not None and not product.is_organization
        code = finding.code or ""
        api_code = bool(code) and not finding.client_side
        entry = cat.get(code) if api_code else None
        parent = cat.parent_of(code) if api_code and entry is None else None
        if other:  # an Organization-only code name means something else in another product
            entry = entry if entry is not None and entry.kind == "common" else None
            parent = parent if parent is not None and parent.kind == "common" else None
            if entry is None and parent is None and api_code and "." in code:
                parent = cat.get(code.split(".")[0])
                parent = parent if parent is not None and parent.kind == "common" else None
        suggest = api_code and entry is None and not other and len(self.slots) < MAX_SUGGESTED
        suggestions = alternatives or (self.suggest(code) if suggest else ())
        lines, policy = diag.diagnose(finding, near, lang, self.now)
        if other and product is not None:
            lines.insert(0, _product_line(product, lang))
        if entry is None and api_code:
            lines.append(_unknown_line(code, parent, product if other else None, lang))
        if alternatives:
            from .words import message

            lines.append(message("diagnosis.alternatives", lang, codes=", ".join(alternatives)))
        return Explained(finding, entry, parent, suggestions, tuple(lines), policy, product=product)

    def _bare_messages(self) -> list[Finding]:
        """A paste of just the server's message: infer the code line by line, only with high confidence."""
        found: list[Finding] = []
        for number, line in enumerate(self.head, 1):
            text = line.strip()
            dense = any("\u4e00" <= ch <= "\u9fff" for ch in text)
            if len(text) < (4 if dense else 12) and text not in HTTP_STATUS_TEXTS:
                continue
            if text in HTTP_STATUS_TEXTS or text.endswith(tuple(f": {s}" for s in HTTP_STATUS_TEXTS)):
                status = text.rsplit(": ", 1)[-1]
                if not any(f.code == status for f in found):
                    found.append(Finding(status, text[:4000], None, "message", number, client_side=True))
                continue
            code, confidence = infer_code(line, self.catalog)
            if code and confidence >= MIN_CONFIDENCE and not any(f.code == code for f in found):
                following = self.head[number].strip() if number < len(self.head) else ""
                if following.startswith("resource ("):  # CAM's denial goes on to the next line
                    text = f"{text} {following}"
                if _names(text, code):  # "fail: RequestLimitExceeded, Your current request…": the code is there
                    found.append(Finding(code, text[:4000], request_id_in(text), "message", number))
                else:
                    found.append(Finding(None, text[:4000], request_id_in(text), "message", number, True, confidence))
        return found


def _names(text: str, code: str) -> bool:
    """Whether text names code as a word of its own (not inside a longer code name)."""
    return re.search(rf"(?<![\w.]){re.escape(code)}(?![\w.])", text) is not None


def _product_line(product: Product, lang: Lang) -> str:
    """The first diagnosis line of another product's error: which product, seen how."""
    from .words import message
    from .words.diagnosis import EVIDENCE

    evidence = product.evidence
    for key in EVIDENCE:  # the evidence names its kind in English: say the kind in lang
        en = message(key, Lang.EN)
        if evidence.startswith(en):
            evidence = message(key, lang) + evidence[len(en) :]
            break
    if product.service is None:
        return message("diagnosis.product.unknown_service", lang, evidence=evidence, name=product.name)
    named = product.name != product.service  # a product the services reference lacks has only its short name
    key = "diagnosis.product.named" if named else "diagnosis.product.short"
    return message(key, lang, service=product.service, name=product.name, evidence=evidence)


def _unknown_line(code: str, parent: Entry | None, product: Product | None, lang: Lang) -> str:
    """What the catalogue's silence means: another product's code, a newer code of a known category, or unknown."""
    from .words import message

    if product is not None:
        owner = product.service or product.name
        if parent is not None:
            return message("diagnosis.unknown.product_parent", lang, code=code, owner=owner, parent=parent.code)
        return message("diagnosis.unknown.product", lang, code=code, owner=owner)
    if parent is not None:
        return message("diagnosis.unknown.parent", lang, code=code, parent=parent.code)
    return message("diagnosis.unknown", lang, code=code)


def explain(source: Any, catalog: Catalog | None = None, lang: Lang = Lang.EN, now: datetime | None = None) -> Report:
    """Every error in source — text, bytes, a parsed JSON response, or an SDK exception — explained and folded."""
    explainer = Explainer(catalog, lang, now, updates=False)
    explainer.feed_text(_coerce(source))
    explainer.close()
    return explainer.report()
