"""explain throughput and growth on generated logs of 1, 4 and 16 MB, in the shapes of issues #11 and #20.

Usage: python benchmarks/explain.py [--mb 1 4 16] [--shape app jsonl sdk mixed] [--runs 1] [--no-stream]
Shapes: issue #20's densities (sparse: an error record in 1 line of 1,000, ordinary lines saying code=OK;
1in22; dense: every line), each line's time also as a ratio to `scan` of the same file (target for sparse <= 3x);
an app log with 5 % of lines a JSON AuthFailure.SignatureExpire error; JSON lines of InternalError;
SDK exception lines (Python, Go, Java, each with its own RequestId); and all of these mixed.
For each shape and size it times `tco-err explain --json FILE` and the streaming path
(`cat FILE | tco-err explain - --json-lines`), and prints seconds, MB/s and, per shape, the growth ratio of
the largest size over the one before it (linear time: 4x the input takes ~4x the time; target <= 4.5x).
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MB = 1024 * 1024
NOISE = (
    "2025-11-02 08:{m:02d}:{s:02d},{ms:03d} INFO  [worker-{w}] request DescribeOrganization finished in {n}ms",
    "2025-11-02 08:{m:02d}:{s:02d},{ms:03d} DEBUG [worker-{w}] cache hit for node {n} (ratio 0.{w}3)",
    '2025-11-02 08:{m:02d}:{s:02d},{ms:03d} INFO  [http] GET /api/v1/members?page={n} 200 "curl/8.5.0"',
    "2025-11-02 08:{m:02d}:{s:02d},{ms:03d} WARN  [scheduler] job {n} took longer than expected, code=OK",
)
SIGNATURE_EXPIRE = (
    '2025-11-02 08:{m:02d}:{s:02d},{ms:03d} ERROR [worker-{w}] call failed: {{"Response":{{"Error":{{"Code":'
    '"AuthFailure.SignatureExpire","Message":"Signature expired. Timestamp:1762070730 is later than 300 seconds '
    'from the server time."}},"RequestId":"{rid}"}}}}'
)
INTERNAL = '{{"Code":"InternalError","Message":"m"}}'
SDK = (
    "2025-11-02 08:{m:02d}:{s:02d} ERROR [TencentCloudSDKException] code:FailedOperation.NodeNotEmpty "
    "message:There are members in this department. requestId:{rid}",
    "2025/11/02 08:{m:02d}:{s:02d} [TencentCloudSDKError] Code=ResourceNotFound.OrganizationNodeNotExist, "
    "Message=The node does not exist., RequestId={rid}",
    "com.example.Sync: [TencentCloudSDKException]code: InvalidParameter.PolicyNameExisted message:The policy "
    "name already exists. requestId:{rid}",
)


def _rid(rng: random.Random) -> str:
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-8{h[17:20]}-{h[20:]}"


# issue #20's densities: an error record in 1 line of 1,000 (ordinary lines say code=OK) or of 22, or on every line
EVERY = {"sparse": 1000, "1in22": 22, "dense": 1}


def _line(shape: str, rng: random.Random, n: int) -> str:
    fields = {"m": n // 60 % 60, "s": n % 60, "ms": n % 1000, "w": n % 8, "n": n}
    if shape in EVERY:
        if n % EVERY[shape]:
            return rng.choice(NOISE).format(**fields)
        return rng.choice((SIGNATURE_EXPIRE, *SDK)).format(rid=_rid(rng), **fields)
    if shape == "mixed":
        shape = rng.choice(("app", "jsonl", "sdk"))
    if shape == "app":
        if rng.random() < 0.05:
            return SIGNATURE_EXPIRE.format(rid=_rid(rng), **fields)
        return rng.choice(NOISE).format(**fields)
    if shape == "jsonl":
        return INTERNAL
    return rng.choice(SDK).format(rid=_rid(rng), **fields)


def generate(path: Path, shape: str, megabytes: float, seed: int = 11) -> None:
    rng = random.Random(seed)
    target = int(megabytes * MB)
    written = 0
    n = 0
    with path.open("w", encoding="utf-8") as f:
        while written < target:
            lines = [_line(shape, rng, n + i) for i in range(1000)]
            n += 1000
            chunk = "\n".join(lines) + "\n"
            f.write(chunk)
            written += len(chunk.encode())


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time(command: list[str] | str, runs: int, *, shell: bool = False) -> tuple[float, float]:
    """Median wall and CPU seconds (CPU: this machine is shared, wall time moves with the other jobs)."""
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), _cpu()
        done = subprocess.run(command, shell=shell, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
        if done.returncode not in (0, 1):
            sys.exit(f"{command!r} failed ({done.returncode}): {done.stderr.decode()[-400:]}")
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, nargs="+", default=[1, 4, 16])
    parser.add_argument("--shape", nargs="+", default=["sparse", "1in22", "dense", "app", "jsonl", "sdk", "mixed"])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--no-stream", action="store_true", help="skip the streaming (pipe) path")
    args = parser.parse_args()
    tco_err = shutil.which("tco-err", path=str(Path(sys.executable).parent)) or "tco-err"
    print(f"{'shape':<6} {'MB':>5} {'path':<7} {'wall s':>7} {'MB/s':>6} {'cpu s':>7} {'MB/s':>6} {'x scan':>7}")
    worst_ratio, worst_rate, worst_cpu_rate = 0.0, float("inf"), float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shape:
            timed: dict[str, list[tuple[float, float]]] = {"file": [], "stream": []}
            for mb in args.mb:
                path = Path(tmp) / f"{shape}-{mb}.log"
                generate(path, shape, mb)
                size = path.stat().st_size / MB
                scan_wall = _time([tco_err, "scan", str(path)], args.runs)[0]  # the baseline, same file, same run
                runs = {"file": _time([tco_err, "explain", "--json", str(path)], args.runs)}
                if not args.no_stream:
                    runs["stream"] = _time(f"cat {path} | {tco_err} explain - --json-lines", args.runs, shell=True)
                for kind, (wall, cpu) in runs.items():
                    timed[kind].append((wall, cpu))
                    if mb >= 4:  # smaller inputs measure start-up as much as throughput
                        worst_rate = min(worst_rate, size / wall)
                        worst_cpu_rate = min(worst_cpu_rate, size / cpu)
                    print(
                        f"{shape:<6} {size:>5.1f} {kind:<7} {wall:>7.2f} {size / wall:>6.1f} {cpu:>7.2f} {size / cpu:>6.1f}"
                        f" {wall / scan_wall:>7.1f}",
                        flush=True,
                    )
                path.unlink()
            for kind, pairs in timed.items():
                if len(pairs) >= 2:
                    wall_ratio = pairs[-1][0] / pairs[-2][0]
                    cpu_ratio = pairs[-1][1] / pairs[-2][1]
                    worst_ratio = max(worst_ratio, cpu_ratio)
                    grow = args.mb[-1] / args.mb[-2]
                    print(
                        f"{shape:<6} growth {kind}: {args.mb[-1]:g} MB / {args.mb[-2]:g} MB = {wall_ratio:.2f}x wall, "
                        f"{cpu_ratio:.2f}x cpu (input {grow:g}x)"
                    )
    print(
        f"worst at >= 4 MB: {worst_rate:.1f} MB/s wall, {worst_cpu_rate:.1f} MB/s cpu (target >= 10); "
        f"growth {worst_ratio:.2f}x cpu (target <= 4.5x for 4x input)"
    )


if __name__ == "__main__":
    main()
