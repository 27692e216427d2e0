"""The prefilter: which lines of a large piece of text can matter to explain, found with a few literal-led patterns
run over the whole piece at C speed, so that the lines around errors get the full look and the rest are counted.

A line matters ("hot") when it may hold an error (a superset of what extract.py finds: an SDK class name, a
"Code" key or label before a catalogue category, a dotted category code, a Go struct, COS XML, a gateway page),
a fact the neighbourhood index keeps (context.worth_indexing's words), or something that changes how records.py
groups lines (a continuation line, an unbalanced "{", an SDK exception's or RequestId's words, Terraform's box).
Every other line ("cold") is a record of its own that holds nothing: skipping it changes no finding, no line
number and no neighbourhood. The line before a continuation line starts its record and is hot with it.
tests/test_prefilter.py holds the two paths to the same findings over every fixture and planted logs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tco_errcli.catalog.codes import CATEGORIES
from tco_errcli.redact import literals
from tco_errcli.redact.literals import Literals

MERGE_CHARS = 160  # hot lines this close (about two lines apart) are explained as one run: fewer calls

# A line starting so continues the record before it (records.CONTINUATION, an indented or empty line).
CONTINUATION_WORDS: tuple[str, ...] = (" ", "\t", "\r", "\n", "}", "]", ")", "resource (", "requestId", "RequestId")
CONTINUATION_WORDS += ("request id", "message:", "message=", "Message:", "Message=", "traceId", "Caused by", "...", "<Error>")
CONTINUATION_START = re.compile("|".join(re.escape(word) for word in CONTINUATION_WORDS))  # a piece's first line

# what a literal's hit marks: its line; the next line and its own; an open "{"; its line, and the line before
# when it starts its line (a label may end the line before: "code:" / "InvalidParameter")
LINE, CONTINUED, BRACE, CATEGORY = 0, 1, 2, 3


@lru_cache(maxsize=1)
def _passes() -> tuple[Literals, tuple[tuple[int, re.Pattern[str] | None], ...]]:
    """The literals a hot line holds, each with what it marks and the pattern that must match where it starts
    (None: the literal alone). All are found at once (redact/literals.py): one pass per piece where the fast
    extra is installed, one str.find pass per literal otherwise."""
    cats = "|".join(sorted(CATEGORIES, key=len, reverse=True))
    category_after_label = rf"\s{{0,3}}[:=：]\s{{0,3}}[\"'`]?(?:{cats})"
    checked = {
        # errors: JSON keys and fragments, COS XML, PHP print_r, Go and C++ "Code=", S3's "Error Code: X;",
        # a label before a category (Code=X); "code: X" and "CODE: X" are found by their category (CATEGORY:
        # "code=OK" may be on every line of a log, a category name is not)
        "Code": rf"Code(?:\\{{0,2}}[\"']|>|\] =>|=|: [^\s;]{{1,80}}; Request ID|{category_after_label})",
        "Call": r"Call[A-Z][A-Za-z]{1,30}Error:",
    }
    plain = (
        "encentCloud",  # every SDK class: TencentCloudSDKException, [TencentCloudSDKError], TencentCloud.Common
        "equestId",  # an exception open until its RequestId (records.py), COS's <RequestId>
        "Error>",  # COS's XML error element: open until its end (records.py)
        "<title>5",
        "(Message: ",  # the COS Go SDK's error
        "：code:",  # .NET's oldest SDK: message：code:X
        "codeDesc",  # API 2.0's error name (JSON, or as Node and Python print the object)
        # the neighbourhood index (context.worth_indexing)
        "imestamp",
        "Date:",
        "tencentcloud",
        "tccli ",
        "Client",
        "腾讯云",  # a sentence naming the product (context._names_product)
        "Tencent Cloud ",
        "│",  # Terraform's box
    )
    # a dotted code: the last word of its category before the dot ("AuthFailure." ends in "Failure.")
    dotted = sorted({_tail(c) + "." for c in CATEGORIES})
    table: list[tuple[str, int, re.Pattern[str] | None]] = [(w, LINE, re.compile(p)) for w, p in checked.items()]
    table += [(w, LINE, None) for w in (*plain, *dotted)]
    table += [(c, CATEGORY, None) for c in sorted(CATEGORIES)]
    table += [("\n" + w, CONTINUED, None) for w in CONTINUATION_WORDS]
    table.append(("{", BRACE, None))
    return Literals([w for w, _, _ in table], shared=True), tuple((kind, check) for _, kind, check in table)


def share(text: str) -> None:
    """text is about to be learnt by the masker and read here: search it once for both (redact/literals.py)."""
    _passes()
    literals.share(text)


def _tail(category: str) -> str:
    """The last capitalised word of a category ("InvalidParameterValue" -> "Value"), enough to anchor on."""
    starts = [i for i, ch in enumerate(category) if ch.isupper()]
    return category[starts[-1] :] if starts else category


BRACES = re.compile(r"\{[^\n]*")  # a line's text from its first "{": is it left open, or a Go struct?


def _open_brace(text: str, at: int, line_start: int) -> bool:
    """Whether the line's first "{" at `at` leaves a record open or starts a Go struct (records.py)."""
    match = BRACES.match(text, at)
    tail = match.group() if match else ""
    return (
        tail.count("{") > tail.count("}") + text.count("}", line_start, at)
        or "&{" in tail
        or "u0026{" in tail
        or (at > 0 and text[at - 1] == "&")
        or text.endswith("u0026", line_start, at)  # a Go struct escaped in JSON: \u0026{Code …}
    )


def hot_spans(text: str, through: int = 0, begin: int = 0) -> list[tuple[int, int]]:
    """The runs of hot lines of text[begin:] (begin: a line start) as (start, end) offsets in text: start at a
    line start, end at the "\n" after the run's last line (or the end). The lines that start before through are
    hot (the input's head), and so is the last line: the next piece may continue its record. What comes before
    begin is context: the masker searched the same string (redact/literals.py), so the prefilter takes it too."""
    literals, table = _passes()
    starts: set[int] = set()
    add = starts.add
    rfind = text.rfind
    for (kind, check), found in zip(table, literals.positions(text), strict=True):
        if not found:
            continue
        if kind == LINE:
            for at in found:
                if check is None or check.match(text, at):
                    add(rfind("\n", 0, at) + 1)
        elif kind == CATEGORY:
            for at in found:
                line_start = rfind("\n", 0, at) + 1
                add(line_start)
                if line_start > begin and not text[line_start:at].strip(" \t\"'`"):
                    add(rfind("\n", 0, line_start - 1) + 1)
        elif kind == CONTINUED:  # a continuation line: it and the line before it (its record's start)
            for at in found:
                add(at + 1)
                add(rfind("\n", 0, at) + 1)
        else:
            seen = -1
            for at in found:
                line_start = rfind("\n", 0, at) + 1
                if line_start != seen:  # only a line's first "{" is looked at
                    seen = line_start
                    if _open_brace(text, at, line_start):
                        add(line_start)
    if CONTINUATION_START.match(text, begin):
        add(begin)
    add(rfind("\n", 0, len(text) - 1) + 1 if text.endswith("\n") else rfind("\n") + 1)
    spans: list[tuple[int, int]] = []
    find = text.find
    if through > begin:
        end = find("\n", through - 1)
        spans.append((begin, len(text) if end == -1 else end))
    for start in sorted(starts):
        if start >= len(text) or start < begin:
            continue
        end = find("\n", start)
        end = len(text) if end == -1 else end
        if spans and start - spans[-1][1] <= MERGE_CHARS:
            if end > spans[-1][1]:
                spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans
