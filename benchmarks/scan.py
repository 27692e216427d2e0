"""scan throughput and memory against `rg -o PATTERN FILE | sort | uniq -c`, side by side in one run.

Usage: python benchmarks/scan.py [--mb 300] [--runs 3] [--rss-mb 50 200]
Generates three logs (an error on 1 line in 20, 1 in 1,000, every line: API 3.0 JSON records and SDK exception
lines of several SDKs among noise), then runs each scan engine (python; ripgrep when the fast extra is
installed) and the ripgrep pipeline alternately on one core (taskset -c 0), printing medians and each engine's
ratio to the pipeline (above 1: scan is faster). Then peak RSS of each engine on logs of the --rss-mb sizes,
ordinary and with a distinct order number as "Code" on every line. The baseline needs ripgrep
(Debian: apt-get install ripgrep); without it the ratios are left out and the script says so.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CODES = [
    "AuthFailure.SignatureExpire",
    "FailedOperation.NodeNotEmpty",
    "InternalError",
    "RequestLimitExceeded",
    "ResourceNotFound.OrganizationNotExist",
    "UnauthorizedOperation",
    "InvalidParameter.PolicyNameExisted",
]
SHAPES = [
    '{{"ts":"2025-11-02T08:00:00Z","response":{{"Response":{{"Error":{{"Code":"{code}","Message":"m"}},"RequestId":"r"}}}}}}',
    "2025-11-02 08:00:00 ERROR [TencentCloudSDKException] code:{code} message:failed requestId:r",
    "2025/11/02 08:00:00 [TencentCloudSDKError] Code={code}, Message=failed, RequestId=r",
]
NOISE = [
    "2025-11-02 08:00:00 INFO request DescribeOrganization finished in 12ms status code=OK",
    '{"ts":"2025-11-02T08:00:00Z","level":"info","msg":"health check","code":200}',
    "2025-11-02 08:00:00 DEBUG rpc error: code = InvalidArgument desc = retrying",
]
LOGS = {"1 error line in 20": 20, "1 in 1,000": 1000, "every line an error": 1}
# What the baseline greps for: the same three shapes, code captured by -o
RG_PATTERN = r'"Code":"[A-Za-z0-9.]+"|Code=[A-Za-z0-9.]+, Message=|\] ?code: ?[A-Za-z0-9.]+ message:'
PIPELINE = "rg -o | sort | uniq -c"


def generate(path: Path, megabytes: int, every: int, seed: int = 1) -> None:
    """A log of about megabytes MiB with an error on one line in every (a block of 20,000 lines, repeated)."""
    rng = random.Random(seed)
    lines = []
    for n in range(20_000):
        if n % every == every // 2:
            lines.append(rng.choice(SHAPES).format(code=rng.choice(CODES)))
        else:
            lines.append(rng.choice(NOISE))
    _repeat(path, ("\n".join(lines) + "\n").encode(), megabytes)


def generate_unique(path: Path, megabytes: int, code: str) -> None:
    """JSON lines whose "Code" is different on every line: values that must not fill memory."""
    with path.open("wb") as f:
        written, n = 0, 0
        while written < megabytes * 2**20:
            block = "".join(
                f'{{"ts":"2025-11-02T08:00:00Z","Code":"{code.format(n=n + i, word=_word(n + i))}","Message":"m"}}\n'
                for i in range(10_000)
            )
            n += 10_000
            f.write(block.encode())
            written += len(block)


def _word(n: int) -> str:
    """n in letters (a, b, ... ba, bb ...): a distinct CamelCase-able word for each number."""
    letters = ""
    while True:
        n, digit = divmod(n, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[digit] + letters
        if not n:
            return letters


def _repeat(path: Path, block: bytes, megabytes: int) -> None:
    with path.open("wb") as f:
        written = 0
        while written < megabytes * 2**20:
            f.write(block)
            written += len(block)


def tco_err() -> list[str]:
    exe = shutil.which("tco-err", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "tco_errcli"]


def one_core(command: str) -> str:
    return f"taskset -c 0 {command}" if shutil.which("taskset") else command


def timed_shell(command: str) -> float:
    start = time.perf_counter()
    subprocess.run(["bash", "-o", "pipefail", "-c", command], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def peak_rss_mb(cmd: list[str]) -> float:
    """Peak RSS of cmd and its children (ripgrep): measured by a fresh process whose only children they are."""
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True).stdout
    return int(out.strip()) / 1024


def engines() -> list[str]:
    from tco_errcli.scan.ripgrep import binary

    return ["python", "ripgrep"] if binary() else ["python"]


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--mb", type=int, default=300, help="size of each generated log in MiB (default 300)")
    parser.add_argument("--runs", type=int, default=3, help="alternating runs per command (median reported)")
    parser.add_argument("--rss-mb", type=int, nargs="*", default=[50, 200])
    args = parser.parse_args()
    rg = shutil.which("rg")
    if not rg:
        print("ripgrep (rg) not found: no baseline, so no ratios (Debian: apt-get install ripgrep)")
    names = engines()
    if "ripgrep" not in names:
        print("the fast extra is not installed: only the python engine runs (pip install -e '.[fast]')")
    tmp = Path(tempfile.mkdtemp(prefix="tco-err-bench-"))
    scan = " ".join(tco_err())
    try:
        print(f"scan vs `{PIPELINE}`, one core, {args.runs} alternating runs, medians; ratio = pipeline time / scan time")
        for label, every in LOGS.items():
            log = tmp / "app.log"
            generate(log, args.mb, every)
            size = log.stat().st_size / 2**20
            commands = {name: one_core(f"{scan} scan {log} --json --engine {name}") for name in names}
            if rg:
                pipeline = f"rg -o --no-filename '{RG_PATTERN}' {log} | sort | uniq -c"
                commands[PIPELINE] = one_core(f'bash -o pipefail -c "{pipeline}"')
            times: dict[str, list[float]] = {name: [] for name in commands}
            for _ in range(args.runs):
                for name, command in commands.items():
                    times[name].append(timed_shell(command))
            base = statistics.median(times[PIPELINE]) if rg else None
            print(f"\n{label} ({size:.0f} MiB)")
            for name, values in times.items():
                med = statistics.median(values)
                ratio = f"  ratio {base / med:5.2f}x" if base and name != PIPELINE else ""
                print(f"  {name:24} {med:7.2f} s  {size / med:7.1f} MiB/s{ratio}")
            log.unlink()
        print()
        for mb in args.rss_mb:
            kinds = {
                "ordinary": lambda p, m: generate(p, m, 20),
                'distinct "Code":"ORD…" per line': lambda p, m: generate_unique(p, m, "ORD{n:012d}"),
                'distinct "Code":"FailedOperation.X…" per line': lambda p, m: generate_unique(p, m, "FailedOperation.X{word}"),
            }
            for kind, make in kinds.items():
                path = tmp / f"rss-{mb}.log"
                make(path, mb)
                for name in names:
                    rss = peak_rss_mb([*tco_err(), "scan", str(path), "--json", "--engine", name])
                    print(f"peak RSS, {name} engine, {mb} MiB {kind} log: {rss:.0f} MiB")
                path.unlink()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
