"""Output formats: the flag and terminal decision map to a renderer for every format; each renders everything."""

from __future__ import annotations

import io

import pytest

from tco_errcli import render
from tco_errcli.catalog import Catalog
from tco_errcli.explain import explain
from tco_errcli.model import Lang
from tco_errcli.render.interface import Renderer
from tco_errcli.scan import Counter, rows

METHODS = [name for name in vars(Renderer) if not name.startswith("_")]


@pytest.mark.parametrize("fmt", list(render.Format))
def test_every_format_has_a_renderer_with_every_method(fmt: render.Format, cat: Catalog) -> None:
    out = io.StringIO()
    renderer = render.get(fmt, out, Lang.ZH, width=100)
    assert sorted(METHODS) == [
        "doctor",
        "entries",
        "finding",
        "hits",
        "lookup",
        "lookup_line",
        "repeat",
        "report",
        "scan",
        "summary",
    ]
    for method in METHODS:
        assert callable(getattr(renderer, method)), (fmt, method)
    entry = cat.get("InternalError")
    result = cat.lookup("InternalError")
    renderer.lookup(result)
    out.write(renderer.lookup_line(result))
    renderer.entries([entry])
    report = explain("[TencentCloudSDKError] Code=InternalError, Message=m, RequestId=r", cat)
    renderer.report(report)
    renderer.finding(1, report.errors[0])
    renderer.repeat(1, report.errors[0], 7)
    renderer.summary(report, 1)
    counter = Counter()
    counter.feed(b'"Code":"InternalError"\n')
    renderer.scan(rows(counter, cat), 1)
    renderer.doctor([{"name": "clock", "status": "pass", "detail": "ok", "code": None, "hint": None}])
    assert "服务端内部错误" in out.getvalue()


def test_format_choice() -> None:
    assert render.choose(True, is_tty=True, force_color=True) is render.Format.JSON
    assert render.choose(False, is_tty=True, force_color=False) is render.Format.TERMINAL
    assert render.choose(False, is_tty=False, force_color=True) is render.Format.TERMINAL
    assert render.choose(False, is_tty=False, force_color=False) is render.Format.PLAIN
