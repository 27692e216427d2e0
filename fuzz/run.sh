#!/usr/bin/env bash
# Fuzz the parsers for a bounded time (default 120 s): python -m pip install atheris first.
# Usage: fuzz/run.sh [SECONDS]   — prints the number of inputs run; exits non-zero on a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-120}"
corpus="$(mktemp -d)"
printf '%s' '{"Response":{"Error":{"Code":"AuthFailure.SignatureExpire","Message":"m"},"RequestId":"r"}}' > "$corpus/json"
printf '%s' '[TencentCloudSDKException] code:InternalError message:m requestId:r' > "$corpus/python"
printf '%s' '[TencentCloudSDKError] Code=FailedOperation.NodeNotEmpty, Message=m, RequestId=r' > "$corpus/go"
python="${PYTHON:-.venv/bin/python}"
"$python" fuzz/fuzz_targets.py -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=65536 "$corpus" 2>&1 \
  | tee /tmp/tco-err-fuzz.log | grep -E "^#[0-9]+.*DONE|ERROR|Traceback|crash" || true
grep -q "DONE" /tmp/tco-err-fuzz.log
