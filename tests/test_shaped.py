"""Credentials known by their shape alone are masked in every field explain prints, in every format; what is no
credential (codes, API and parameter names, RequestIds, resource IDs, paths, words) is never masked."""

from __future__ import annotations

import base64
import io
import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tco_errcli.explain import explain
from tco_errcli.model import Lang
from tco_errcli.redact import Masker, scrub
from tco_errcli.redact.shaped import credential, found
from tco_errcli.render.emit import Emit
from tco_errcli.render.json import JsonRenderer
from tco_errcli.render.plain import PlainRenderer
from tco_errcli.render.terminal import TerminalRenderer

from .conftest import Run

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference"
ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


@st.composite
def secret_keys(draw: st.DrawFn) -> str:
    """A SecretKey's shape: 32 letters and digits, both cases, 3 digits in two places at least. The body is random
    from a seed, as a key is: shrunk to "AAAA…", it would be no key anyone has (and no shape keylike promises)."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    body = "".join(rng.choice(ALNUM) for _ in range(25))
    return "Ab" + body[:12] + "7x" + body[12:] + "53Q"


def _tokens() -> st.SearchStrategy[str]:
    # random bytes as a key is (a shrunk all-zero key is no key anyone has)
    b64 = st.tuples(st.integers(0, 2**32), st.integers(30, 60)).map(
        lambda seed_size: base64.b64encode(b"\xfb\xff" + random.Random(seed_size[0]).randbytes(seed_size[1])).decode()
    )
    return st.one_of(
        secret_keys(),
        secret_keys().map(lambda k: "AKID" + k),
        st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),  # a TC3-HMAC-SHA256 signature
        b64.filter(lambda s: "+" in s or "/" in s or s.endswith("=")),
        secret_keys().map(lambda k: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0." + k),
    )


# the places a loose value lands in a finding: a log line's tail, an API message, an SDK exception's message
CARRIERS = (
    "2025-11-02 08:00:00 ERROR [worker-1] deploy failed InternalError ctx {secret} retry later",
    '{{"Response":{{"Error":{{"Code":"InvalidParameter","Message":"bad value {secret} given"}},'
    '"RequestId":"b4c5d6e7-f809-41a2-b3c4-d5e6f708192a"}}}}',
    "[TencentCloudSDKException] code:AuthFailure.SignatureFailure message:sig {secret} mismatch "
    "requestId:b4c5d6e7-f809-41a2-b3c4-d5e6f708192a",
    "Error: [TencentCloudSDKError] Code=ResourceNotFound, Message=no such thing at /data/{secret}/x.json, "
    "RequestId=b4c5d6e7-f809-41a2-b3c4-d5e6f708192a",
)


def _rendered(text: str) -> str:
    masker = Masker()
    report = explain(text)
    outputs = []
    for make in (
        lambda out: JsonRenderer(out, Lang.EN),
        lambda out: PlainRenderer(out, Lang.EN),
        lambda out: TerminalRenderer(out, Lang.EN, no_color=True, width=80),
    ):
        out = io.StringIO()
        make(Emit(out, masker)).report(scrub(report, masker))
        outputs.append(out.getvalue())
    return "\n".join(outputs)


@settings(max_examples=60, deadline=None)
@given(secret=_tokens(), carrier=st.sampled_from(CARRIERS))
def test_a_credential_no_label_announced_is_masked_in_every_format(secret: str, carrier: str) -> None:
    text = carrier.format(secret=secret)
    shown = _rendered(text)
    assert secret not in shown
    assert "b4c5d6e7-f809-41a2-b3c4-d5e6f708192a" in shown or "InternalError" in shown  # the finding is still there


def test_keys_urls_and_private_keys_in_a_loose_log_line_are_masked(run: Run) -> None:
    pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx9\n-----END RSA PRIVATE KEY-----"
    line = (
        "2025-11-02 ERROR deploy failed InternalError db=mysql://admin:Hunter2pass@db:3306 key Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"
    )
    assert found(pem) == [pem] and found(line) == ["Hunter2pass", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"]
    result = run("explain", "--json", "-", input=line + "\n")
    data = json.loads(result.stdout)
    assert data["errors"][0]["code"] == "InternalError"
    assert "Hunter2pass" not in result.stdout and "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE" not in result.stdout
    assert data["redacted"] == 2  # counted, though learned only as the finding was shown


def _reference_words() -> set[str]:
    words: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                words.add(key)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            words.update(re.findall(r"[A-Za-z0-9+/=_.-]{12,}", node))

    for name in ("tencentcloud-error-codes.json", "tencentcloud-services.json", "organization-api.json"):
        walk(json.loads((REFERENCE / name).read_text(encoding="utf-8")))
    return words


def test_a_random_secret_key_with_few_digits_is_still_keylike() -> None:
    """About one random 32-character SecretKey in ten has fewer than 3 digits: its short runs of each kind mark half
    of those."""
    from tco_errcli.redact.shaped import keylike

    rng = random.Random(7)
    keys = ["".join(rng.choice(ALNUM) for _ in range(32)) for _ in range(20_000)]
    few = [k for k in keys if sum(ch.isdigit() for ch in k) in (1, 2)]
    assert len(few) > 1_000 and sum(map(keylike, few)) / len(few) > 0.45  # 0.50 measured; none by digits alone
    assert sum(map(keylike, keys)) / len(keys) > 0.94  # 0.907 by digits alone


def test_a_random_key_of_letters_only_is_keylike() -> None:
    """One random SecretKey in 250 has no digit at all: its runs of random case mark most of them."""
    from tco_errcli.redact.shaped import keylike

    rng = random.Random(11)
    letters = [c for c in ALNUM if c.isalpha()]
    keys = ["".join(rng.choice(letters) for _ in range(32)) for _ in range(2_000)]
    assert sum(map(keylike, keys)) / len(keys) > 0.8  # 0.847 measured
    assert keylike("CsnuJSGbUCxRdJoXeZBCgYgOflOHUrsS")


def test_no_code_action_or_parameter_name_of_the_reference_is_masked() -> None:
    words = _reference_words()
    assert len(words) > 10_000
    masked = sorted(w for w in words if found(w) and not (_encoded_text(w) or w.endswith("=")))
    assert masked == []


def _encoded_text(word: str) -> bool:
    """An example payload of the API docs (base64 of XML or text; padded base64): masked as any long base64 is."""
    try:
        return base64.b64decode(word + "=" * (-len(word) % 4)).isascii()
    except ValueError:
        return False


@pytest.mark.parametrize(
    "word",
    [
        "b4c5d6e7-f809-41a2-b3c4-d5e6f708192a",  # a RequestId
        "RequestId=b4c5d6e7-f809-41a2-b3c4-d5e6f708192a",
        "NWQzMWE1M2RfMTlhYTk0MGFfYjc1Zl8yODc3ZDA=",  # a COS RequestId (base64 of hex words)
        "ins-5d8a23rs",
        "subnet-0a1b2c3d4e5f67890",
        "FailedOperation.Ipv6Invalid",
        "X509CertificateNotFound",
        "InvalidGB28181Config",
        "ForwardTKEEdgeApplicationRequestV3",
        "/usr/lib/python3/dist-packages/tencentcloud/common/abstract_client.py",
        "com/tencentcloudapi/organization/v20210331/OrganizationClient",
        "0123456789abcdef0123456789abcdef",  # 32 hex digits: an MD5 or a trace id, not a signature
        "2025-11-02T08:00:00.123456789Z",
    ],
)
def test_what_is_no_credential_is_never_masked(word: str) -> None:
    assert not found(word) and not credential(word)
    assert Masker().mask(f"error near {word} here") == f"error near {word} here"
