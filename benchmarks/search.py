"""Search speed and quality: start-up against `python -c "import typer"`, per-query time, a 10 KB paste.

Usage: python benchmarks/search.py [--runs N]
Budget (issues 13 and 23): start-up <= 1.3x the baseline; one query <= 2 ms in-process; a 10 KB query <= 20 ms.
Also prints top-1/top-3 of every evaluation set's halves and batches (tests/eval/evaluate.py).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tco_errcli.catalog import load  # noqa: E402
from tco_errcli.search.ranking import search  # noqa: E402
from tests.eval.evaluate import SETS, report, rows  # noqa: E402


def tco_err() -> list[str]:
    exe = shutil.which("tco-err", path=str(Path(sys.executable).parent)) or shutil.which("tco-err")
    return [exe] if exe else [sys.executable, "-m", "tco_errcli"]


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def per_query_ms(queries: list[str], repeat: int) -> list[float]:
    catalog = load()
    search(catalog, "warm up")  # opens the index once, as the first query of a process does
    out = []
    for query in queries:
        start = time.perf_counter()
        for _ in range(repeat):
            search(catalog, query)
        out.append((time.perf_counter() - start) / repeat * 1000)
    return out


def paste(size: int) -> str:
    rng = random.Random(13)
    words = (ROOT / "README.md").read_text(encoding="utf-8").split()
    text = "[TencentCloudSDKException] code:FailedOperation.NodeNotEmpty message:There are members in this department "
    while len(text) < size:
        text += rng.choice(words) + " "
    return text[:size]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    base = [sys.executable, "-c", "import typer"]
    cmd = [*tco_err(), "search", "clock skew"]
    times: dict[str, list[float]] = {"base": [], "search": []}
    for _ in range(args.runs):
        times["base"].append(timed(base))
        times["search"].append(timed(cmd))
    b, s = statistics.median(times["base"]), statistics.median(times["search"])
    print(f"start-up: python -c 'import typer' {b * 1000:.1f} ms; tco-err search 'clock skew' {s * 1000:.1f} ms: {s / b:.2f}x")

    each = per_query_ms([r["query"] for name in SETS for r in rows(name)], 10)
    print(
        f"one query, in-process ({len(each)} queries of the evaluation sets): median {statistics.median(each):.2f} ms, "
        f"p95 {sorted(each)[int(len(each) * 0.95)]:.2f} ms, max {max(each):.2f} ms"
    )
    big = per_query_ms([paste(10_240)], 20)[0]
    print(f"a 10 KB pasted query: {big:.2f} ms")

    for line in report(load(), kinds=False, final=False):
        print(f"quality, {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
