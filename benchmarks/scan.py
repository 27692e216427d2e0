"""scan throughput and memory against `rg -o PATTERN FILE | sort | uniq -c`, side by side in one run.

Usage: python benchmarks/scan.py [--mb 200] [--runs 3] [--rss-mb 50 1024]
Generates its own log (API 3.0 JSON records, SDK exception lines of several SDKs, noise), then runs
tco-err scan and the ripgrep pipeline alternately (single core: taskset -c 0), printing medians,
MB/s and the ratio; then peak RSS of tco-err scan for files of the --rss-mb sizes.
Needs ripgrep (Debian: apt-get install ripgrep).
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
# What the baseline greps for: the same three shapes, code captured by -o
RG_PATTERN = r'"Code":"[A-Za-z0-9.]+"|Code=[A-Za-z0-9.]+, Message=|\] ?code: ?[A-Za-z0-9.]+ message:'


def generate(path: Path, megabytes: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    block = []
    for _ in range(20_000):
        if rng.random() < 0.2:
            block.append(rng.choice(SHAPES).format(code=rng.choice(CODES)))
        else:
            block.append(rng.choice(NOISE))
    chunk = ("\n".join(block) + "\n").encode()
    with path.open("wb") as f:
        written = 0
        while written < megabytes * 1024 * 1024:
            f.write(chunk)
            written += len(chunk)


def tco_err() -> list[str]:
    exe = shutil.which("tco-err", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "tco_errcli"]


def one_core(cmd: list[str]) -> list[str]:
    return ["taskset", "-c", "0", *cmd] if shutil.which("taskset") else cmd


def timed_shell(command: str) -> float:
    start = time.perf_counter()
    subprocess.run(["bash", "-o", "pipefail", "-c", command], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def peak_rss_mb(cmd: list[str]) -> float:
    """Peak RSS of cmd alone: measured by a fresh process whose only child it is."""
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True).stdout
    return int(out.strip()) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rss-mb", type=int, nargs="*", default=[50, 1024])
    args = parser.parse_args()
    if not shutil.which("rg"):
        sys.exit("ripgrep (rg) is needed for the baseline: apt-get install ripgrep")
    tmp = Path(tempfile.mkdtemp(prefix="tco-err-bench-"))
    try:
        log = tmp / "app.log"
        generate(log, args.mb)
        size_mb = log.stat().st_size / 2**20
        tco = " ".join(one_core(tco_err())) + f" scan {log} --json"
        rg = f"{' '.join(one_core(['rg', '-o', '--no-filename']))} '{RG_PATTERN}' {log} | sort | uniq -c"
        times: dict[str, list[float]] = {"tco-err scan": [], "rg -o | sort | uniq -c": []}
        for _ in range(args.runs):
            times["tco-err scan"].append(timed_shell(tco))
            times["rg -o | sort | uniq -c"].append(timed_shell(rg))
        base = statistics.median(times["rg -o | sort | uniq -c"])
        print(f"log: {size_mb:.0f} MiB, {args.runs} alternating runs, single core")
        for name, values in times.items():
            med = statistics.median(values)
            print(f"{name:26} {med:7.2f} s  {size_mb / med:7.1f} MiB/s  throughput ratio {base / med:5.2f}x")
        for mb in args.rss_mb:
            path = tmp / f"rss-{mb}.log"
            generate(path, mb)
            rss = peak_rss_mb([*tco_err(), "scan", str(path), "--json"])
            print(f"peak RSS of tco-err scan on a {mb} MiB file: {rss:.0f} MiB")
            path.unlink()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
