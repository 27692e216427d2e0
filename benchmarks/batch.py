"""Batch lookup: 100,000 codes through `tco-err lookup -`, against the same command on empty input.

Usage: python benchmarks/batch.py [--codes 100000] [--runs 5]
The difference of the medians is the cost of the lookups themselves (budget: under 1 s for 100,000).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def codes(n: int, seed: int = 3) -> str:
    catalog = json.loads((ROOT / "catalog.json").read_text(encoding="utf-8"))
    known = [e["code"] for e in catalog["entries"]]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        code = rng.choice(known)
        roll = rng.random()
        if roll < 0.2:
            code = code.upper().replace(".", "_")  # SDK constant form
        elif roll < 0.3:
            code = code.lower()
        elif roll < 0.35:
            code = f"Unknown.Code{i % 500}"  # unknown codes get a line too
        out.append(code)
    return "\n".join(out) + "\n"


def tco_err() -> list[str]:
    exe = shutil.which("tco-err", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "tco_errcli"]


def timed(cmd: list[str], stdin: str) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(cmd, input=stdin, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codes", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    stdin = codes(args.codes)
    results: dict[str, list[float]] = {"empty input": [], "plain": [], "--json": []}
    for _ in range(args.runs):
        results["empty input"].append(timed([*tco_err(), "lookup", "-"], "")[0])
        seconds, out = timed([*tco_err(), "lookup", "-"], stdin)
        assert out.count("\n") == args.codes, "one output line per input line"
        results["plain"].append(seconds)
        results["--json"].append(timed([*tco_err(), "lookup", "-", "--json"], stdin)[0])
    base = statistics.median(results["empty input"])
    print(f"{args.codes} codes, {args.runs} alternating runs (35% unusual forms, 5% unknown)")
    for name, values in results.items():
        med = statistics.median(values)
        extra = "" if name == "empty input" else f"   beyond start-up: {med - base:.3f} s"
        print(f"lookup - {name:12} median {med:.3f} s{extra}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
