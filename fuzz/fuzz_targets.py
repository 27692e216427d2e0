"""Coverage-guided fuzz targets (atheris) for the parsers and the masker: explain, scan, lookup, search, secrets.

Run them with fuzz/run.sh (bounded time); each target must never raise. The masker target plants a secret
in fuzzed text in one of the supported encodings and fails if it comes out of any output mode.
"""

from __future__ import annotations

import io
import json
import sys
from urllib.parse import quote

import atheris

with atheris.instrument_imports():
    from tco_errcli import catalog as catalog_module
    from tco_errcli.explain import explain
    from tco_errcli.explain.extract import find_raw
    from tco_errcli.inputs import decode
    from tco_errcli.model import Lang
    from tco_errcli.redact import Masker, inert, redact
    from tco_errcli.render import Format
    from tco_errcli.render import get as renderer
    from tco_errcli.scan import scan_stream
    from tco_errcli.search import ranking

CATALOG = catalog_module.load()
SEEDS = [
    b'{"Response":{"Error":{"Code":"AuthFailure.SignatureExpire","Message":"m"},"RequestId":"r"}}',
    b"[TencentCloudSDKException] code:InternalError message:m requestId:r",
    b"[TencentCloudSDKError] Code=FailedOperation.NodeNotEmpty, Message=m, RequestId=r",
]


LABELS = ("SecretKey", "TmpSecretKey", "TENCENTCLOUD_SECRET_KEY", "token", "X-TC-Token", "password", "secretKey", "密钥", "密码")
# where explain may show the secret: the message of each shape it reads
CARRIERS = (
    "[TencentCloudSDKException] code:InternalError message:{} requestId:r",
    "[TencentCloudSDKError] Code=InternalError, Message={}, RequestId=6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
    '{{"Response":{{"Error":{{"Code":"InternalError","Message":"{}"}},"RequestId":"r"}}}}',
    "code: InternalError, message: {}",
    "2025-11-02 08:00:00 ERROR call failed InternalError {}",
)
SECRET = "Qz7" + "Wx4Pk9" * 5  # 33 characters, not a word of any fuzzed text's alphabet by chance


def planted(label: str, how: int) -> str:
    plain = f'{{"{label}": "{SECRET}"}}'
    forms = (
        plain,
        json.dumps(plain)[1:-1],
        json.dumps(json.dumps(plain))[1:-1],
        f"{label}=\\u{ord(SECRET[0]):04x}{SECRET[1:]}",
        quote(plain, safe=""),
        f"<{label}>{SECRET}</{label}>",
        f"{label}: {SECRET}",
        f"{label}＝{SECRET}",  # full-width separators, other spaces
        f"{label}\u3000：\u00a0{SECRET}",
        f"my {label} is {SECRET}.",  # prose, the value after or before its label
        f"{SECRET} is my password",
        f"{SECRET}是我的{label}",
    )
    return forms[how % len(forms)]


def masker_target(fdp: atheris.FuzzedDataProvider) -> None:
    """A secret planted in fuzzed text, in any supported encoding, never appears in any output mode."""
    label = LABELS[fdp.ConsumeIntInRange(0, len(LABELS) - 1)]
    how = fdp.ConsumeIntInRange(0, 11)
    carrier = CARRIERS[fdp.ConsumeIntInRange(0, len(CARRIERS) - 1)]
    cut = fdp.ConsumeIntInRange(0, 200)
    text = fdp.ConsumeUnicodeNoSurrogates(400)
    data = text[:cut] + "\n" + planted(label, how) + "\n" + text[cut:]
    data += "\n" + carrier.format("bad " + SECRET) + "\n"
    masker = Masker()
    masker.learn(data)
    report = explain(data, CATALOG)
    for fmt in Format:
        out = io.StringIO()
        renderer(fmt, out, Lang.EN, width=100, masker=masker).report(report)
        if SECRET in out.getvalue() or SECRET in masker.mask(data):
            raise AssertionError(f"secret shown in {fmt.value} output for {data!r}")


def target(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    choice = fdp.ConsumeIntInRange(0, 5)
    if choice == 5:
        masker_target(fdp)
        return
    raw = fdp.ConsumeBytes(fdp.remaining_bytes())
    text = decode(raw)
    if choice == 0:
        explain(text, CATALOG)
    elif choice == 1:
        find_raw(redact(text)[0])
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
