"""Coverage-guided fuzz targets (atheris) for the parsers: explain, scan, code normalisation, search.

Run them with fuzz/run.sh (bounded time); each target must never raise.
"""

from __future__ import annotations

import io
import sys

import atheris

with atheris.instrument_imports():
    from tco_errcli import catalog as catalog_module
    from tco_errcli import ranking
    from tco_errcli.explainer import explain
    from tco_errcli.extract import find_errors
    from tco_errcli.inputs import decode
    from tco_errcli.redact import inert, redact
    from tco_errcli.scanner import scan_stream

CATALOG = catalog_module.load()
SEEDS = [
    b'{"Response":{"Error":{"Code":"AuthFailure.SignatureExpire","Message":"m"},"RequestId":"r"}}',
    b"[TencentCloudSDKException] code:InternalError message:m requestId:r",
    b"[TencentCloudSDKError] Code=FailedOperation.NodeNotEmpty, Message=m, RequestId=r",
]


def target(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    choice = fdp.ConsumeIntInRange(0, 4)
    raw = fdp.ConsumeBytes(fdp.remaining_bytes())
    text = decode(raw)
    if choice == 0:
        explain(text, CATALOG)
    elif choice == 1:
        find_errors(redact(text)[0])
    elif choice == 2:
        scan_stream(io.BytesIO(raw))
    elif choice == 3:
        CATALOG.lookup(text[:300])
        inert(text)
    else:
        ranking.search(CATALOG, text[:200], 5)


def main() -> None:
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
