"""The neighbourhood index: facts a diagnosis needs from elsewhere in the input — the request's timestamp, the
server's Date header, the API host — indexed as lines go by, and the Neighbourhood handed to each finding.

A fact applies to findings close after it (NEAR_LINES; a host only HOST_LINES), never to the whole text.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, NamedTuple

from tco_errcli.model import Neighbourhood, TerraformContext
from tco_errcli.model.patterns import lazy

from .records import Record

NEAR_LINES = 200  # an indexed fact (timestamp, Date header) applies to findings this close after it
EVIDENCE_CHARS = 4096  # of a record that may name a product, what is kept for the findings below it
EVIDENCE_KEPT = 4  # such records remembered, the newest first in what a finding is given
HOST_LINES = 30  # a host names the product of errors only this close after it (a request log, then its error)

X_TC_TIMESTAMP = lazy(r"(?i:x-tc-timestamp)\s{0,3}[:=]\s{0,3}[\"']?(?P<ts>\d{9,11})\b")
TIMESTAMP_PARAM = lazy(r"[\"']?Timestamp[\"']?\s{0,3}[:=]\s{0,3}[\"']?(?P<ts>\d{9,11})\b")
DATE_HEADER = lazy(
    r"(?im)^[<>\s]{0,8}Date:\s{0,3}[A-Z][a-z]{2}, (?P<day>\d{1,2}) (?P<month>[A-Z][a-z]{2}) (?P<year>\d{4}) "
    r"(?P<h>\d{2}):(?P<m>\d{2}):(?P<s>\d{2}) GMT"
)
MONTHS = {m: i for i, m in enumerate(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1)}
HOST = lazy(r"\b(?P<host>[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9][a-z0-9-]{0,62}){1,6}\.(?:com|cn|net|org|io|internal|local))\b")
# Terraform's diagnostic: "with tencentcloud_instance.web," / "on main.tf line 84, in resource "x" "y":"
TF_WITH = lazy(r"\bwith (?P<resource>tencentcloud_[a-z0-9_]{1,80}\.[A-Za-z0-9_-]{1,120})(?:\[[^\]\n]{0,80}\])?,")
TF_ON = lazy(r"\bon (?P<file>[^\s,]{1,200}) line (?P<line>\d{1,7})\b")
TF_IN = lazy(r"\bin (?:resource|data) \"(?P<type>tencentcloud_[a-z0-9_]{1,80})\" \"(?P<name>[A-Za-z0-9_-]{1,120})\"")
TF_LINES = 8  # the clue follows its error within this many lines
LOG_TIME = lazy(r"(?P<ts>\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2})(?P<frac>[.,]\d{1,9})?(?P<tz>Z|[+-]\d{2}:?\d{2})?")


def request_time(text: str) -> tuple[datetime, str] | None:
    """The request's own timestamp (X-TC-Timestamp header, or the Timestamp parameter) in text, if any, with the
    words key of what it was."""
    for regex, label in ((X_TC_TIMESTAMP, "diagnosis.stamp.header"), (TIMESTAMP_PARAM, "diagnosis.stamp.parameter")):
        match = regex.search(text) if "imestamp" in text else None
        if match:
            return datetime.fromtimestamp(int(match.group("ts")), tz=UTC), label
    return None


def log_time(line: str) -> datetime | None:
    """A log line's own timestamp, when it carries a time zone."""
    match = LOG_TIME.search(line[:64])
    if match and match.group("tz"):
        raw = match.group("ts").replace(" ", "T") + match.group("tz").replace("Z", "+00:00")
        try:
            return datetime.fromisoformat(raw)
        except ValueError:
            return None
    return None


def server_date(text: str) -> datetime | None:
    """The HTTP Date header (RFC 7231 IMF-fixdate); email.utils would cost 6 ms of start-up for this."""
    match = DATE_HEADER.search(text) if "Date:" in text else None
    if not match or match.group("month") not in MONTHS:
        return None
    try:
        return datetime(
            int(match.group("year")),
            MONTHS[match.group("month")],
            int(match.group("day")),
            int(match.group("h")),
            int(match.group("m")),
            int(match.group("s")),
            tzinfo=UTC,
        )
    except ValueError:
        return None


def host(text: str) -> str | None:
    """The first API host text names (a Tencent Cloud endpoint first, then any host)."""
    if "tencentcloudapi.com" in text:
        at = text.find("tencentcloudapi.com")
        start = max(0, at - 100)
        match = HOST.search(text, start, at + len("tencentcloudapi.com"))
        if match and match.group("host").endswith("tencentcloudapi.com"):
            return match.group("host")
    match = HOST.search(text)
    return match.group("host") if match else None


def terraform(lines: list[str], at: int) -> TerraformContext | None:
    """The resource, file and line Terraform names under the error on lines[at]; the next error (another box
    after this one) has its own."""
    resource = file = None
    number = None
    for line in lines[at + 1 : at + 1 + TF_LINES]:
        stripped = line.strip()
        if stripped.startswith("Error:") or "[TencentCloudSDKError]" in stripped:
            break
        if resource is None and "with tencentcloud_" in line:
            match = TF_WITH.search(line)
            resource = match.group("resource") if match else None
        if file is None and " line " in line:
            on = TF_ON.search(line)
            if on:
                file, number = on.group("file"), int(on.group("line"))
                named = TF_IN.search(line, on.end())
                if named and resource is None:
                    resource = f"{named.group('type')}.{named.group('name')}"
    if resource is None and file is None:
        return None
    return TerraformContext(resource, file, number)


def worth_indexing(text: str) -> bool:
    """Whether text can hold an indexed fact at all (a substring test run on every record)."""
    return "imestamp" in text or "Date:" in text or "tencentcloudapi.com" in text or _names_product(text)


def _names_product(text: str) -> bool:
    """Text that may name the product of errors below it: a tccli command, a Terraform resource, an SDK client, a
    sentence naming the vendor's product ("我使用的是腾讯云DNSPod")."""
    return (
        "tccli " in text
        or "tencentcloud_" in text
        or "Client" in text
        or "tencentcloud/" in text
        or "tencentcloud-" in text
        or "腾讯云" in text
        or "Tencent Cloud " in text
    )


REQUESTS_KEPT = 64  # request times remembered for matching a response to its own request
IDS_PER_RECORD = 8
X_TC_ACTION = lazy(r"(?i:x-tc-action)[\"']?\s{0,3}[:=]\s{0,3}[\"']?(?P<action>[A-Z][A-Za-z0-9]{2,80})")
UUID = lazy(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


class Stamp(NamedTuple):
    """A request's own time, where it was seen, and what identifies the request (TraceId, RequestId, action)."""

    time: tuple[datetime, str]
    line: int
    ids: frozenset[str]
    action: str | None


def _ids(text: str) -> frozenset[str]:
    found = []
    for match in UUID.finditer(text) if "-" in text else ():
        found.append(match.group(0).lower())
        if len(found) >= IDS_PER_RECORD:
            break
    return frozenset(found)


def _action(text: str) -> str | None:
    match = X_TC_ACTION.search(text) if "ction" in text else None
    return match.group("action") if match else None


class Context:
    """The recent request times, the latest Date header and API host, each with the line it was seen on."""

    def __init__(self) -> None:
        self.times: list[Stamp] = []
        self.date: tuple[datetime, int] | None = None
        self.host: tuple[str, int] | None = None
        self.evidence: list[tuple[str, int]] = []  # the latest records that may name a product (see _names_product)

    def index(self, text: str, first_line: int) -> str | None:
        """Remember the facts of a record (call only where worth_indexing); the API host it names, if any."""
        stamp = request_time(text)
        if stamp:
            self.times.append(Stamp(stamp, first_line, _ids(text), _action(text)))
            if len(self.times) > REQUESTS_KEPT:
                del self.times[0]
        date = server_date(text)
        if date:
            self.date = (date, first_line)
        found = host(text) if "tencentcloudapi.com" in text else None
        if found:
            self.host = (found, first_line)
        if _names_product(text):
            # the last few: tccli's usage banner ("tccli help") must not hide the command above it; which one names
            # a product is judged only for a finding (products.identify), not for every such record of a long log
            self.evidence.append((text[:EVIDENCE_CHARS], first_line))
            del self.evidence[:-EVIDENCE_KEPT]
        return found

    def _request_time(self, text: str, line: int) -> tuple[datetime, str] | None:
        """The time of the request this error answers: the one sharing a TraceId or RequestId with it, else the
        nearest earlier one of the same action; never a neighbour's in an interleaved log."""
        recent = [s for s in self.times if 0 <= line - s.line <= NEAR_LINES]
        if not recent:
            return None
        ids = _ids(text)
        for stamp in reversed(recent):
            if ids & stamp.ids:
                return stamp.time
        action = _action(text)
        if action is not None:
            same = [s for s in recent if s.action == action]
            return same[-1].time if same else None
        if len({s.action for s in recent}) == 1:  # one request, or one action throughout: no neighbour to confuse
            return recent[-1].time
        return None

    def near(self, record: Record, text: str, line: int) -> Neighbourhood:
        """What a finding on line of record (whose text is text) may look at besides itself."""

        def fresh(entry: tuple[Any, int] | None) -> Any:
            return entry[0] if entry is not None and 0 <= line - entry[1] <= NEAR_LINES else None

        lines = text.split("\n")
        at = line - record.first_line
        return Neighbourhood(
            record=text,
            line_text=lines[at] if 0 <= at < len(lines) else "",
            request_time=self._request_time(text, line),
            server_date=fresh(self.date),
            host=self.host[0] if self.host and 0 <= line - self.host[1] <= HOST_LINES else None,
            evidence="\n".join(t for t, at in reversed(self.evidence) if 0 < line - at <= HOST_LINES) or None,
            terraform=terraform(lines, at) if " line " in text or "with tencentcloud_" in text else None,
        )
