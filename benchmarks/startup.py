"""Start-up cost of tco-err against `python -c "import typer"`, measured side by side in one run.

Usage: python benchmarks/startup.py [--runs N]
Runs each command alternately N times (output piped, as in a script) and prints medians and ratios.
Budget (issue 5): lookup <= 1.3x the baseline, search and explain <= 1.5x.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLE = (
    '{"Response":{"Error":{"Code":"AuthFailure.SignatureExpire","Message":"Signature expired"},'
    '"RequestId":"ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"}}\n'
)

SDK_SAMPLE = (
    "tencentcloud.common.exception.tencent_cloud_sdk_exception.TencentCloudSDKException: [TencentCloudSDKException] "
    "code:FailedOperation.NodeNotEmpty message:There are members in this department requestId:3f1c9a52\n"
)


def tco_err() -> list[str]:
    exe = shutil.which("tco-err", path=str(Path(sys.executable).parent)) or shutil.which("tco-err")
    return [exe] if exe else [sys.executable, "-m", "tco_errcli"]


def timed(cmd: list[str], stdin: str | None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, input=stdin, text=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


CVM_SAMPLE = (
    "[TencentCloudSDKException] code:InvalidInstanceId.NotFound message:The instance ins-1a2b3c4d does not exist "
    "requestId:5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c\nendpoint: cvm.tencentcloudapi.com\n"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    base = [sys.executable, "-c", "import typer"]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        f.write(SAMPLE)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as g:
        g.write(SDK_SAMPLE)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as h:  # another product's error (#19)
        h.write(CVM_SAMPLE)
    cases = {
        "baseline: python -c 'import typer'": (base, None),
        "tco-err lookup AuthFailure.SignatureExpire": ([*tco_err(), "lookup", "AuthFailure.SignatureExpire"], None),
        "tco-err AuthFailure.SignatureExpire (no command)": ([*tco_err(), "AuthFailure.SignatureExpire"], None),
        "tco-err lookup <unknown code>": ([*tco_err(), "lookup", "AuthFailure.SignatureExpir"], None),
        "tco-err search 'clock skew'": ([*tco_err(), "search", "clock skew"], None),
        "tco-err list": ([*tco_err(), "list"], None),
        "tco-err explain FILE (JSON)": ([*tco_err(), "explain", f.name], None),
        "tco-err explain FILE (SDK exception)": ([*tco_err(), "explain", g.name], None),
        "tco-err lookup <another product's code>": ([*tco_err(), "lookup", "InvalidInstanceId.NotFound"], None),
        "tco-err explain FILE (another product)": ([*tco_err(), "explain", h.name], None),
        "completion: lookup AuthF<TAB>": ([*tco_err()], None),
    }
    env_completion = {"_TCO_ERR_COMPLETE": "complete_bash", "COMP_WORDS": "tco-err lookup AuthF", "COMP_CWORD": "2"}
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, (cmd, stdin) in cases.items():
            if name.startswith("completion"):
                old = dict(os.environ)
                os.environ.update(env_completion)
                samples[name].append(timed(cmd, stdin))
                os.environ.clear()
                os.environ.update(old)
            else:
                samples[name].append(timed(cmd, stdin))
    os.unlink(f.name)
    os.unlink(g.name)
    baseline = statistics.median(samples["baseline: python -c 'import typer'"])
    print(f"{'command':50} {'median ms':>10} {'ratio':>7}")
    if not any((Path(__file__).resolve().parent.parent / "tco_errcli").glob("__pycache__/*.pyc")):
        print("(no bytecode next to the package: run `python -m compileall tco_errcli` for installed-like figures)")
    for name, values in samples.items():
        med = statistics.median(values)
        print(f"{name:50} {med * 1000:10.1f} {med / baseline:7.2f}x")
    print(f"({args.runs} alternating runs each, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
