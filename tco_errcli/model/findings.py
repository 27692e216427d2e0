"""What explain and scan find in input: findings, their neighbourhood and explanation, a report, a scan row."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from .core import RETRYABLE, Entry, Lang

if TYPE_CHECKING:  # only named in annotations: a lookup need not import datetime
    from datetime import datetime


class Finding(NamedTuple):
    """One error found in input text, before it is explained."""

    code: str | None
    message: str
    request_id: str | None
    source: str
    line: int
    inferred: bool = False
    confidence: float = 1.0
    client_side: bool = False
    origin: str = ""  # the file it came from, when several were given
    http_status: int | None = None  # the HTTP status a gateway answered with (no API code then)


class Neighbourhood(NamedTuple):
    """What a diagnosis may look at besides the finding: its record, its line, and facts indexed from the input
    before it (the latest request timestamp, server Date header and API host) — never the whole text."""

    record: str = ""
    line_text: str = ""
    request_time: tuple[datetime, str] | None = None
    server_date: datetime | None = None
    host: str | None = None
    evidence: str | None = None  # a record above that may name the product (a tccli command, a Terraform resource)
    terraform: TerraformContext | None = None


class TerraformContext(NamedTuple):
    """Where in a Terraform configuration an error arose: `with tencentcloud_x.y,` / `on main.tf line N`."""

    resource: str | None
    file: str | None
    line: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"resource": self.resource, "file": self.file, "line": self.line}


class Product(NamedTuple):
    """The Tencent Cloud product an error came from: API short name (None: only "not Organization" is known)."""

    service: str | None
    name: str
    evidence: str

    @property
    def is_organization(self) -> bool:
        return self.service == "organization"

    def to_dict(self) -> dict[str, Any]:
        return {"service": self.service, "name": self.name, "evidence": self.evidence}


class Explained(NamedTuple):
    """A finding with what the catalogue and the diagnosis say about it; repeats of it folded in (count, lines)."""

    finding: Finding
    entry: Entry | None
    parent: Entry | None
    suggestions: tuple[str, ...]
    diagnosis: tuple[str, ...]
    policy: dict[str, Any] | None
    occurrences: int = 1
    lines: tuple[int, ...] = ()  # every line it occurred on (the first MAX_LINES of them)
    last_line: int = 0  # the line of its last occurrence (0: its only one, finding.line)
    request_ids: tuple[str, ...] = ()  # its distinct RequestIds in order (the first MAX_LINES of them)
    request_id_count: int = 0  # how many distinct RequestIds it had
    last_request_id: str | None = None  # the RequestId of its last occurrence that had one
    product: Product | None = None
    retry: str | None = None  # retry class (explain/verdict.py): its entry's, or read off a client-side failure
    terraform: TerraformContext | None = None

    @property
    def other_product(self) -> bool:
        """From a product other than Organization: only product-neutral advice applies."""
        return self.product is not None and not self.product.is_organization

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        f = self.finding
        shown = self.entry or self.parent
        org_hint = shown.org_hint if shown is not None and not self.other_product else None
        return {
            "code": f.code,
            "message": f.message,
            "request_id": f.request_id,
            "line": f.line,
            "source": f.source,
            "file": f.origin or None,
            "known": self.entry is not None,
            "inferred": f.inferred,
            "confidence": round(f.confidence, 2),
            "client_side": f.client_side,
            "http_status": f.http_status,
            "description": shown.description.get(lang) if shown else None,
            "hint": shown.hint.get(lang) if shown else None,
            "org_hint": org_hint.get(lang) if org_hint else None,
            "retryable": None if self.retry is None else self.retry in RETRYABLE,
            "retry_strategy": self.retry,
            "retry_note": shown.retry_note.get(lang) if shown else None,
            "parent": self.parent.code if self.parent and not self.entry else None,
            "suggestions": list(self.suggestions),
            "diagnosis": list(self.diagnosis),
            "policy": self.policy,
            "product": self.product.to_dict() if self.product else None,
            "products": [p.to_dict(lang) for p in shown.products] if shown else [],
            "terraform": self.terraform.to_dict() if self.terraform else None,
            "count": self.occurrences,
            "lines": list(self.lines or (f.line,)),
            "last_line": self.last_line or f.line,
            "request_ids": list(self.request_ids or ((f.request_id,) if f.request_id else ())),
            "request_id_count": self.request_id_count or int(bool(f.request_id)),
            "last_request_id": self.last_request_id or f.request_id,
        }


# The summary key for findings without a code (a JSON key, so it stays English; renderers show their own label).
UNKNOWN = "(unknown)"


class CodeSpan(NamedTuple):
    """One code of a report: its occurrences and the (file, line) of its first and last."""

    code: str  # UNKNOWN for findings without one
    occurrences: int
    first: tuple[str, int]
    last: tuple[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "count": self.occurrences,
            "first_line": self.first[1],
            "last_line": self.last[1],
            "first_file": self.first[0] or None,
            "last_file": self.last[0] or None,
        }


class Report(NamedTuple):
    """Everything `explain` found in one input: distinct findings, each with the count of its occurrences."""

    errors: tuple[Explained, ...]
    # secrets masked in the input: only the output stage knows (its masker's count); the core leaves it 0
    redacted: int = 0
    # occurrences of findings past the cap of distinct ones (fold.MAX_FINDINGS): not kept, counted by code
    beyond: tuple[tuple[str, int], ...] = ()

    @property
    def total(self) -> int:
        """Occurrences, repeats included, those past the cap of distinct findings too."""
        return sum(item.occurrences for item in self.errors) + self.uncapped

    @property
    def uncapped(self) -> int:
        """Occurrences of findings past the cap of distinct ones: counted, not kept."""
        return sum(count for _, count in self.beyond)

    def summary(self, start: int = 0) -> dict[str, int]:
        """Occurrences by code, commonest first; from the start-th distinct finding on (what a capped view left out)."""
        counts: dict[str, int] = {}
        for item in self.errors[start:]:
            key = item.finding.code or UNKNOWN
            counts[key] = counts.get(key, 0) + item.occurrences
        for key, count in self.beyond:
            counts[key] = counts.get(key, 0) + count
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def spans(self, start: int = 0) -> list[CodeSpan]:
        """Each code's occurrences with its first and last place, commonest first (what summary() counts)."""
        order = {origin: n for n, origin in enumerate(dict.fromkeys(item.finding.origin for item in self.errors))}
        spans: dict[str, CodeSpan] = {}
        for item in self.errors[start:]:
            f = item.finding
            key = f.code or UNKNOWN
            first, last = (f.origin, f.line), (f.origin, item.last_line or f.line)
            known = spans.get(key)
            if known is not None:
                first = min(known.first, first, key=lambda place: (order[place[0]], place[1]))
                last = max(known.last, last, key=lambda place: (order[place[0]], place[1]))
            spans[key] = CodeSpan(key, (known.occurrences if known else 0) + item.occurrences, first, last)
        return sorted(spans.values(), key=lambda span: (-span.occurrences, span.code))

    @property
    def verdict(self) -> str:
        """What a CI job should do: retry (every error may be retried as is), fix (one must be changed first),
        unknown (no retry class for some, none to fix), none (no error)."""
        classes = [item.retry for item in self.errors]
        if not classes:
            return "none"
        if any(c is not None and c not in RETRYABLE for c in classes):
            return "fix"
        return "unknown" if None in classes else "retry"

    def summary_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "distinct": len(self.errors),
            "by_code": self.summary(),
            "codes": [span.to_dict() for span in self.spans()],
            "beyond_cap": self.uncapped,  # occurrences of findings past the cap of distinct ones, in total and by_code
            "verdict": self.verdict,
        }

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        return {
            "errors": [e.to_dict(lang) for e in self.errors],
            "summary": self.summary_dict(),
            "verdict": self.verdict,
            "redacted": self.redacted,
        }


class ScanRow(NamedTuple):
    code: str
    occurrences: int
    first_line: int
    last_line: int
    entry: Entry | None
    first_file: str = ""  # with several files scanned, the file of first_line (and last_line): lines are their own
    last_file: str = ""

    @property
    def first(self) -> str:
        """Where it first occurred, as shown: file:line when several files were scanned."""
        return f"{self.first_file}:{self.first_line}" if self.first_file else str(self.first_line)

    @property
    def last(self) -> str:
        return f"{self.last_file}:{self.last_line}" if self.last_file else str(self.last_line)

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        return {
            "code": self.code,
            "count": self.occurrences,
            "first_line": self.first_line,
            "last_line": self.last_line,
            "first_file": self.first_file or None,
            "last_file": self.last_file or None,
            "known": self.entry is not None,
            "description": self.entry.description.get(lang) if self.entry else None,
            "hint": self.entry.hint.get(lang) if self.entry else None,
            "retryable": self.entry.retryable if self.entry else None,
            "products": list(dict.fromkeys(p.service for p in self.entry.products)) if self.entry else [],
        }
