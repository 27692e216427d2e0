"""scan: exact counts against generated truth, every shape, no false positives, huge lines, pipes."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

from tco_errcli.catalog import Catalog
from tco_errcli.scanner import CHUNK, Counter, rows, scan_lines, scan_stream

from .conftest import Run

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
