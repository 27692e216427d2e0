"""The same input gives the same findings on every path: a file, a pipe, --json and --json-lines.

A finding printed as soon as its record completes (a pipe, --json-lines) must already be what the whole-file
report says of it: a host below an error (the client's endpoint pasted under it) names its product on every path.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted(
    p
    for p in (ROOT / "tests" / "fixtures" / "explain").rglob("*")
    if p.is_file() and p.name not in {"README.md", "manifest.json"}
)


def essentials(findings: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (f["code"], f["request_id"], f["line"], f["message"], f["known"], f["org_hint"], json.dumps(f["product"]), f["hint"])
        for f in findings
    ]


def from_json_lines(text: str) -> list[dict[str, Any]]:
    """The findings of a --json-lines stream, repeats folded as the report folds them (the last count wins)."""
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return [row for row in rows if "summary" not in row and not row.get("repeat")]


def pipe(path: Path, *flags: str) -> str:
    with path.open("rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "tco_errcli", "explain", *flags, "-"],
            stdin=stdin,
            capture_output=True,
            timeout=60,
            env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)},
        )
    return done.stdout.decode()


@pytest.mark.parametrize("path", FIXTURES, ids=[p.relative_to(FIXTURES[0].parents[1]).as_posix() for p in FIXTURES])
def test_file_pipe_and_json_lines_agree(run, path: Path) -> None:  # type: ignore[no-untyped-def]
    whole = json.loads(run("explain", "--json", str(path)).stdout)["errors"]
    streamed = from_json_lines(run("explain", "--json-lines", str(path)).stdout)
    piped = from_json_lines(pipe(path, "--json-lines"))
    assert essentials(streamed) == essentials(whole)
    assert essentials(piped) == essentials(whole)


def test_a_host_below_the_error_names_the_product_on_every_path(run) -> None:  # type: ignore[no-untyped-def]
    path = ROOT / "tests" / "fixtures" / "explain" / "host-after-error.txt"
    piped = from_json_lines(pipe(path, "--json-lines"))
    assert piped[0]["product"]["service"] == "live" and piped[0]["org_hint"] is None
    plain = pipe(path)
    assert "live" in plain


def test_a_fast_pipe_is_read_in_big_reads_and_explained_as_the_file_is(tmp_path: Path) -> None:
    """A writer faster than explain fills the pipe again at once: those reads are prefiltered as a file's
    pieces are (inputs.LIVE_READ), and must find what the file gives, the secret still masked."""
    from .test_prefilter import COLD, NOISE, PLANTED

    secret = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLEkey"
    block = "\n".join([*COLD * 40, *NOISE, *PLANTED, f"export TENCENTCLOUD_SECRET_KEY={secret}"]) + "\n"
    path = tmp_path / "service.log"
    path.write_text(block * max(1, 3_000_000 // len(block)), encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "tco_errcli", "explain", "--json"]
    whole = subprocess.run([*command, str(path)], capture_output=True, timeout=120, env=env).stdout.decode()
    with subprocess.Popen(["cat", str(path)], stdout=subprocess.PIPE) as cat:  # a real pipe, not a file as stdin
        piped = subprocess.run([*command, "-"], stdin=cat.stdout, capture_output=True, timeout=120, env=env).stdout.decode()
    assert secret not in whole + piped
    found, streamed = json.loads(whole), json.loads(piped)
    assert len(found["errors"]) >= len(PLANTED) // 2
    assert essentials(streamed["errors"]) == essentials(found["errors"])
    assert streamed["summary"] == found["summary"] and streamed["redacted"] == found["redacted"]
