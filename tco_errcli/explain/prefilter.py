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

MERGE_CHARS = 160  # hot lines this close (about two lines apart) are explained as one run: fewer calls

# A line starting so continues the record before it (records.CONTINUATION, an indented or empty line).
_CONTINUATION = r"\n(?:[ \t\r\n}\])]|resource \(|requestId|RequestId|request id|[mM]essage[:=]|traceId|Caused by|\.\.\.|<Error>)"
CONTINUATION_START = re.compile(_CONTINUATION[2:])  # the same, for a piece's first line (no "\n" before it)


@lru_cache(maxsize=1)
def _passes() -> tuple[re.Pattern[str], ...]:
    """One pattern per literal: CPython finds a literal-led pattern at about 1 GB/s, an alternation of literals
    at a few MB/s (every position tried), so the words are passes of their own."""
    cats = "|".join(sorted(CATEGORIES, key=len, reverse=True))
    category_after_label = rf"\s{{0,3}}[:=：]\s{{0,3}}[\"'`]?(?:{cats})"
    # the tails of every category, before the dot of a dotted code ("AuthFailure." ends in "Failure.")
    tails = sorted({_tail(c) for c in CATEGORIES}, key=len, reverse=True)
    # a letter before the dot first: one cheap test turns away the dots of numbers, times and versions (4x faster)
    dotted = r"\.(?<=[a-z]\.)(?:" + "|".join(rf"(?<={t}\.)" for t in tails) + r")"
    words = (
        # errors: JSON keys and fragments, COS XML, PHP print_r, Go and C++ "Code=", S3's "Error Code: X;",
        # labels before a category (code: X, Code=X, CODE: X)
        rf"Code(?:\\{{0,2}}[\"']|>|\] =>|=|: [^\s;]{{1,80}}; Request ID|{category_after_label})",
        rf"code(?:(?<=：code):|{category_after_label})",
        rf"CODE{category_after_label}",
        r"encentCloud",  # every SDK class: TencentCloudSDKException, [TencentCloudSDKError], TencentCloud.Common
        r"equestId",  # an exception open until its RequestId (records.py), COS's <RequestId>
        r"Call[A-Z][A-Za-z]{1,30}Error:",
        r"Error>",  # COS's XML error element: open until its end (records.py)
        r"<title>5",
        dotted,
        # the neighbourhood index (context.worth_indexing)
        r"imestamp",
        r"Date:",
        r"tencentcloud",
        r"tccli ",
        r"Client",
        # Terraform's box
        r"│",
        _CONTINUATION,
    )
    return tuple(re.compile(w) for w in words)


def _tail(category: str) -> str:
    """The last capitalised word of a category ("InvalidParameterValue" -> "Value"), enough to anchor on."""
    starts = [i for i, ch in enumerate(category) if ch.isupper()]
    return category[starts[-1] :] if starts else category


BRACES = re.compile(r"\{[^\n]*")  # a line's text from its first "{": is it left open, or a Go struct?


def hot_spans(text: str, through: int = 0) -> list[tuple[int, int]]:
    """The runs of hot lines of text as (start, end) offsets: start at a line start, end at the "\n" after the
    run's last line (or len(text)). The lines that start before through are hot (the input's head), and so is
    the last line: the next piece may continue its record."""
    starts: set[int] = set()
    add = starts.add
    rfind = text.rfind
    for regex in _passes():
        for match in regex.finditer(text):
            at = match.start()
            if text[at] == "\n":  # a continuation line: it and the line before it (its record's start)
                add(at + 1)
                add(rfind("\n", 0, at) + 1)
            else:
                add(rfind("\n", 0, at) + 1)
    for match in BRACES.finditer(text):
        at = match.start()
        line_start = rfind("\n", 0, at) + 1
        tail = match.group()
        if (
            tail.count("{") > tail.count("}") + text.count("}", line_start, at)
            or "&{" in tail
            or "u0026{" in tail
            or (at > 0 and text[at - 1] == "&")
            or text.endswith("u0026", line_start, at)  # a Go struct escaped in JSON: \u0026{Code …}
        ):
            add(line_start)
    if CONTINUATION_START.match(text):
        add(0)
    add(rfind("\n", 0, len(text) - 1) + 1 if text.endswith("\n") else rfind("\n") + 1)
    spans: list[tuple[int, int]] = []
    find = text.find
    if through > 0:
        end = find("\n", through - 1)
        spans.append((0, len(text) if end == -1 else end))
    for start in sorted(starts):
        if start >= len(text):
            continue
        end = find("\n", start)
        end = len(text) if end == -1 else end
        if spans and start - spans[-1][1] <= MERGE_CHARS:
            if end > spans[-1][1]:
                spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans
