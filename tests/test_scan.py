"""scan: exact counts against generated truth, every shape, no false positives, huge lines, pipes."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tco_errcli.catalog import Catalog
from tco_errcli.scanner import CHUNK, PASSES, Counter, rows, scan_lines, scan_stream

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
    found, total = scan_lines(["[TencentCloudSDKError] Code=InternalError, Message=m", b"nothing"], cat)
    assert [(r.code, r.occurrences) for r in found] == [("InternalError", 1)] and total == 2


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
    {line for path in (FIXTURES / "explain").iterdir() for line in path.read_bytes().split(b"\n") if line.strip()}
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
