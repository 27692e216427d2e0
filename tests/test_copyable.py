"""Output you can copy: at 50, 80 and 120 columns no code, action, URL or ID is broken or behind a box border."""

from __future__ import annotations

import io
import re

import pytest

from tco_errcli import render
from tco_errcli.catalog import Catalog
from tco_errcli.model import Lang
from tco_errcli.render import text
from tco_errcli.render.terminal import wrap
from tco_errcli.scan import Counter, rows
from tco_errcli.search.ranking import search

from .conftest import Run

ANSI = re.compile(r"\x1b\[[0-9;]*m")
BORDERS = "│┃║|╭╰"
WIDTHS = [50, 80, 120]
# a long list of actions, parameters, a long code, docs URLs, aliases
CODES = [
    "InternalError",
    "FailedOperation.NodeNotEmpty",
    "InvalidParameter.PolicyDocumentEmpty",
    "LimitExceeded.ShareUnitResourceOverLimit",
    "AuthFailure.SignatureExpire",
]


def shown(fmt_call: object, width: int, lang: Lang = Lang.EN, fold: bool = True) -> list[str]:
    out = io.StringIO()
    renderer = render.get(render.Format.TERMINAL, out, lang, no_color=True, width=width, fold=fold)
    fmt_call(renderer)  # type: ignore[operator]
    return [ANSI.sub("", line).rstrip() for line in out.getvalue().splitlines()]


def whole(token: str, lines: list[str]) -> bool:
    """token appears unbroken on one line, not preceded by a border character on that line."""
    for line in lines:
        at = line.find(token)
        if at >= 0 and not any(ch in BORDERS for ch in line[:at]):
            return True
    return False


def tokens_of(cat: Catalog, code: str) -> list[str]:
    e = cat.get(code)
    assert e is not None
    found = [e.code, *e.related, *e.aliases, *(d["url"] for d in e.docs)]
    for names in e.actions.values():
        found += list(names[: text.FOLD_AT])
    return found


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("code", CODES)
def test_lookup_tokens_are_whole_at_every_width(cat: Catalog, code: str, width: int) -> None:
    lines = shown(lambda r: r.lookup(cat.lookup(code)), width)
    for token in tokens_of(cat, code):
        assert whole(token, lines), (token, width)
    assert not any(line[:1] in BORDERS for line in lines)
    for line in lines:  # only a token that is itself wider than the line may pass the edge
        if len(line) > width:
            assert " " not in line.strip(), line


@pytest.mark.parametrize("width", WIDTHS)
def test_lookup_in_chinese_wraps_between_characters_not_inside_tokens(cat: Catalog, width: int) -> None:
    lines = shown(lambda r: r.lookup(cat.lookup("FailedOperation.NodeNotEmpty")), width, Lang.ZH)
    for token in tokens_of(cat, "FailedOperation.NodeNotEmpty"):
        assert whole(token, lines), (token, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_tables_never_wrap_a_code(cat: Catalog, width: int) -> None:
    entries = cat.filter(category="LimitExceeded")
    hits = search(cat, "department", 10)
    counter = Counter()
    for e in entries[:6]:
        counter.feed(f'{{"Code":"{e.code}"}}\n'.encode())
    scanned = rows(counter, cat)
    for call, codes in (
        (lambda r: r.entries(entries), [e.code for e in entries]),
        (lambda r: r.hits(hits), [h.entry.code for h in hits]),
        (lambda r: r.scan(scanned, 6), [s.code for s in scanned]),
    ):
        lines = shown(call, width)
        for code in codes:
            assert whole(code, lines), (code, width)
        for line in lines:  # descriptions are cut instead; only a code wider than the screen passes the edge
            assert len(line) <= width or " " not in line, (width, line)


def test_wide_table_keeps_one_row_per_code_and_cuts_the_description(cat: Catalog) -> None:
    lines = shown(lambda r: r.entries(cat.filter(category="LimitExceeded")), 120)
    row = next(line for line in lines if "LimitExceeded.AddUserToGroupLimitExceeded" in line)
    assert "Requests for adding users" in row


def test_lookup_all_shows_every_action_and_fold_says_how_many_more(cat: Catalog) -> None:
    folded = "\n".join(shown(lambda r: r.lookup(cat.lookup("InternalError")), 120))
    assert re.search(r"… \(\+\d+ more\)", folded)
    full = "\n".join(shown(lambda r: r.lookup(cat.lookup("InternalError")), 120, fold=False))
    entry = cat.get("InternalError")
    assert entry is not None
    assert all(a in full for names in entry.actions.values() for a in names)


def test_piped_lookup_folds_long_action_lists_unless_all(run: Run, cat: Catalog) -> None:
    entry = cat.get("InternalError")
    assert entry is not None
    lines = run("lookup", "InternalError").stdout.splitlines()
    acts = [line for line in lines if line.startswith("actions 2021-03-31: ")]
    total = len(entry.actions["2021-03-31"])
    assert acts == [acts[0]] and acts[0].endswith(f" … (+{total - text.FOLD_AT} more)")
    full = [line for line in run("lookup", "InternalError", "--all").stdout.splitlines() if line.startswith("actions 2021")]
    assert full[0] == "actions 2021-03-31: " + ", ".join(entry.actions["2021-03-31"])


def test_wrap_breaks_at_spaces_and_between_chinese_characters() -> None:
    assert wrap("alpha beta gamma", 10) == ["alpha beta", "gamma"]
    assert wrap("a https://console.cloud.tencent.com/cam/capi b", 12) == ["a", "https://console.cloud.tencent.com/cam/capi", "b"]
    assert wrap("部门中没有成员时才能删除", 10) == ["部门中没有", "成员时才能", "删除"]
    assert wrap("请调用 DeleteOrganizationNodes。", 12) == ["请调用", "DeleteOrganizationNodes。"]


@pytest.mark.parametrize("lang", [Lang.EN, Lang.ZH])
def test_a_narrow_search_table_has_one_row_layout(cat: Catalog, lang: Lang) -> None:
    """At 50 columns every description goes under its code when one of them has no room beside it."""
    hits = search(cat, "部门", 5)
    lines = shown(lambda r: r.hits(hits), 50, lang)[2:]
    codes = [i for i, line in enumerate(lines) if any(h.entry.code in line for h in hits)]
    assert len(codes) == len(hits)
    assert all(lines[i].split()[-1] in {h.entry.code for h in hits} for i in codes)  # the code ends its line
    assert all(lines[i + 1].startswith("  ") for i in codes)  # and its description is under it


def test_descriptions_beside_long_codes_start_in_one_column(cat: Catalog) -> None:
    """At 80 columns a 46-character code does not push its description out of line with the others'."""
    hits = search(cat, "member already in another organization", 4)
    assert any(len(h.entry.code) > 40 for h in hits)
    lines = shown(lambda r: r.hits(hits), 80)[2:]
    starts = {line.index(h.entry.description.get(Lang.EN)[:12]) for h, line in zip(hits, lines, strict=True)}
    assert len(starts) == 1


@pytest.mark.parametrize("lang", [Lang.EN, Lang.ZH])
def test_a_code_too_long_for_its_row_puts_every_code_on_its_own_line(cat: Catalog, lang: Lang) -> None:
    """At 50 columns a score and a 46-character code do not fit on one line: every row, and the header, shows
    the code alone and the score with the description under it (not one row of each layout)."""
    hits = search(cat, "member already in another organization", 4)
    lines = shown(lambda r: r.hits(hits), 50, lang)
    assert all(len(line) <= 50 for line in lines)
    rows = lines[3:]
    assert [line for line in rows[::2]] == [h.entry.code for h in hits]
    assert all(line.lstrip().split()[0] == f"{h.score:.0f}" for h, line in zip(hits, rows[1::2], strict=True))


def test_bullets_and_labelled_lines_hang_under_their_text(cat: Catalog) -> None:
    from tco_errcli.explain.explainer import explain

    text = (
        "[TencentCloudSDKException] code:AuthFailure.SignatureExpire message:Signature expired. Timestamp is "
        "1712300000, server time is 1712301000 requestId:eac6b301-a322-493a-8e36-83b295459397\n"
    )
    report = explain(text, cat, Lang.ZH)
    lines = shown(lambda r: r.finding(1, report.errors[0]), 50, Lang.ZH)
    bullet = next(i for i, line in enumerate(lines) if line.startswith("  • "))
    assert lines[bullet + 1].startswith("    ") and not lines[bullet + 1].startswith("     •")
    retry = next(i for i, line in enumerate(lines) if line.startswith("重试："))  # a Chinese label takes ：
    assert lines[retry + 1].startswith("  ")
