"""The all-products reader's start-up share: a fresh process answering one question, against `import typer`.

Usage: python benchmarks/products.py [--runs N]
Runs each case alternately N times and prints wall medians, the ratio to `python -c "import typer"`, and the reader's
own time measured inside the process (from importing tco_errcli.catalog.allproducts to the answer). The budget of a whole
`tco-err lookup OTHERCODE` is 1.4x the baseline (issue 19); the reader's share should be a small part of it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# the reader's time, measured inside the process after what every `tco-err lookup` has imported before it would
# reach the reader (the catalogue module: json, re, pathlib, datetime; and zlib): those are not the reader's cost
PRELOADED = "import time, zlib, tco_errcli.catalog\n"
TIMED = (
    PRELOADED + ""
    "t0 = time.perf_counter()\n"
    "from tco_errcli.catalog import allproducts as a\n"
    "{call}\n"
    "print(int((time.perf_counter() - t0) * 1e6))\n"
)
CASES = {
    "definitions('InvalidInstanceId.NotFound')  3 products": "a.definitions('InvalidInstanceId.NotFound')",
    "definitions('FailedOperation.ServiceIsolate', product='asr')": (
        "a.definitions('FailedOperation.ServiceIsolate', product='asr')"
    ),
    "owners('ResourcesSoldOut.SpecifiedInstanceType')": "a.owners('ResourcesSoldOut.SpecifiedInstanceType')",
    "definitions('FailedOperation')  161 products": "a.definitions('FailedOperation')",
    "categories()": "a.categories()",
    "resolve_product('云服务器')": "a.resolve_product('云服务器')",
    "codes_of('cvm')": "a.codes_of('cvm')",
    "near_codes('InvalidInstanceId.NotFoud', 'cvm')": "a.near_codes('InvalidInstanceId.NotFoud', 'cvm')",
    "by_message('账号因为欠费停止服务…')": "a.by_message('账号因为欠费停止服务，请在腾讯云账户充值。')",
    "action_owners('ModifyDomainAttributes')": "a.action_owners('ModifyDomainAttributes')",
}


def run(cmd: list[str]) -> tuple[float, int | None]:
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    elapsed = time.perf_counter() - start
    return elapsed, int(out) if out.strip() else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    # PYTHONDONTWRITEBYTECODE would have every run compile the reader: measure it as installed, compiled
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "tco_errcli")], check=True, capture_output=True)
    commands = {
        "baseline: python -c 'import typer'": [sys.executable, "-c", "import typer"],
        "python -c 'import tco_errcli.catalog, zlib'": [sys.executable, "-c", PRELOADED],
        **{name: [sys.executable, "-c", TIMED.format(call=call)] for name, call in CASES.items()},
    }
    walls: dict[str, list[float]] = {name: [] for name in commands}
    inside: dict[str, list[int]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            elapsed, micros = run(cmd)
            walls[name].append(elapsed)
            if micros is not None:
                inside[name].append(micros)
    baseline = statistics.median(walls["baseline: python -c 'import typer'"])
    print(f"{'fresh process':62} {'wall ms':>8} {'ratio':>6} {'reader ms':>10} {'share':>6}")
    for name in commands:
        wall = statistics.median(walls[name])
        own = statistics.median(inside[name]) / 1000 if inside[name] else None
        reader = f"{own:>10.2f} {own / (baseline * 1000):>6.1%}" if own is not None else ""
        print(f"{name:62} {wall * 1000:>8.1f} {wall / baseline:>6.2f} {reader}")
    print("share: the reader's own time as a part of the baseline; the lookup budget leaves 0.4 of it to all of tco-err")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
