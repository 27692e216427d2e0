"""The prefilter changes nothing but the time: with and without it, and read whole or in pieces, explain finds the
same errors on the same lines with the same neighbourhoods — over every fixture and over logs with errors
planted among lines made to look like them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tco_errcli.catalog import Catalog
from tco_errcli.explain import explainer
from tco_errcli.explain.prefilter import hot_spans
from tco_errcli.explain.session import Session
from tco_errcli.inputs import decode
from tco_errcli.model import Lang, Report
from tco_errcli.redact import Masker, literals

FIXTURES = Path(__file__).parent / "fixtures"
TEXTS = sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.name != "manifest.json")


def _explain(text: str, catalog: Catalog, *, prefilter: bool, monkeypatch: pytest.MonkeyPatch) -> Report:
    with monkeypatch.context() as patch:
        # forced on: every piece is prefiltered, however short or dense; off: no piece is
        patch.setattr(explainer, "SIEVE_CHARS", 0 if prefilter else 10**12)
        patch.setattr(explainer, "PROBE_CHARS", 0)
        patch.setattr(literals, "MIN_CHARS", 0)  # the prefilter's one-pass engine (test_literals: same as its fallback)
        return explainer.explain(text, catalog)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_every_fixture_explains_the_same_with_the_prefilter(path: Path, cat: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    text = decode(path.read_bytes())
    plain = _explain(text, cat, prefilter=False, monkeypatch=monkeypatch)
    assert _explain(text, cat, prefilter=True, monkeypatch=monkeypatch) == plain


# Lines of a service's log that look like the start of something: each is cold only when it really holds nothing
NOISE = [
    "2025-11-02 08:00:01,123 INFO  [worker-3] request DescribeOrganization finished in 12ms",
    "2025-11-02 08:00:01,124 WARN  [scheduler] job 7 took longer than expected, code=OK",
    "2025-11-02 08:00:01,125 INFO  [http] GET /api/v1/members?page=2 200",
    '{"level":"info","msg":"health check","code":200}',
    '{"level":"info","msg":"started"',
    "    at com.example.Sync.run(Sync.java:42)",
    "",
    "}",
    "Caused by: java.net.SocketTimeoutException: Read timed out",
    "sdk Client created for region ap-guangzhou",
    "POST https://organization.tencentcloudapi.com/ 200",
    "X-TC-Timestamp: 1762070730",
    "Date: Sun, 02 Nov 2025 08:06:00 GMT",
    "│ Error: creating member",
    "│   with tencentcloud_organization_org_member.a,",
    "tccli organization DescribeOrganization",
    "status code: 404 not found",
    "InternalErrorCount=3 ratio=0.5 v1.2.3",
    "request id 3f1e2d4c-1111-4222-8333-444455556666 done",
]
PLANTED = [
    "2025-11-02 08:00:02 ERROR call failed: "
    '{"Response":{"Error":{"Code":"AuthFailure.SignatureExpire","Message":"Signature expired."},"RequestId":"r-1"}}',
    "[TencentCloudSDKException] code:FailedOperation.NodeNotEmpty message:There are members. requestId:r-2",
    "[TencentCloudSDKError] Code=ResourceNotFound.OrganizationNodeNotExist, Message=The node does not exist., RequestId=r-3",
    "failed with InvalidParameter.PolicyNameExisted",
    "[TencentCloudSDKException] code:InternalError message:wrapped over",
    "  a second line",
    "requestId:r-4",
    "&{AuthFailure.UnauthorizedOperation not allowed 6ecbe97c-1111-4222-8333-444455556666}",
    '{"err":"\\u0026{InternalError timed out 6ecbe97c-1111-4222-8333-444455556666}"}',
    "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>",
    'resp: {"code":4100,"message":"鉴权失败","codeDesc":"AuthFailure.SecretIdNotFound"}',  # API 2.0
    "{",
    '  "Code": "LimitExceeded.NodeExceedLimit",',
    '  "Message": "too many nodes"',
    "}",
]


COLD = NOISE[:3]  # lines the prefilter skips
HEAD = COLD * 70  # the first 200 lines are always looked at (a paste of only a message is inferred from them)


@pytest.mark.parametrize("line", NOISE[3:] + PLANTED)
def test_each_lookalike_and_each_error_alone_among_cold_lines(line: str, cat: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    # one line far from any other hot line: only its own pass can make it hot; the error after it may need it
    after = "2025-11-02 08:00:09 ERROR failed: [TencentCloudSDKError] Code=InternalError, Message=m, RequestId=r-9"
    text = "\n".join([*HEAD, line, after, *COLD * 20, line, *COLD * 20])
    assert _explain(text, cat, prefilter=True, monkeypatch=monkeypatch) == _explain(
        text, cat, prefilter=False, monkeypatch=monkeypatch
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.sampled_from(COLD * 8 + NOISE + PLANTED), min_size=1, max_size=400))
def test_planted_errors_among_lookalikes_are_found_the_same(
    lines: list[str], cat: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "\n".join(HEAD + lines)
    assert _explain(text, cat, prefilter=True, monkeypatch=monkeypatch) == _explain(
        text, cat, prefilter=False, monkeypatch=monkeypatch
    )


def _pieces(text: str, cuts: list[int]) -> Iterator[str]:
    """text in pieces cut after the line ends nearest the given offsets, as a file reader hands it on."""
    start = 0
    for cut in sorted(cuts):
        end = text.find("\n", max(start, cut))
        if end == -1:
            break
        yield text[start : end + 1]
        start = end + 1
    yield text[start:]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=st.lists(st.sampled_from(NOISE + PLANTED), min_size=1, max_size=300),
    cuts=st.lists(st.integers(min_value=0, max_value=60_000), max_size=8),
)
def test_a_file_read_in_pieces_is_explained_as_when_read_whole(
    lines: list[str], cuts: list[int], cat: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "\n".join(HEAD + lines) + "\n"
    monkeypatch.setattr(explainer, "SIEVE_CHARS", 0)
    monkeypatch.setattr(literals, "MIN_CHARS", 0)  # each piece searched once for the masker and the prefilter
    masker = Masker()
    session = Session(cat, Lang.EN, updates=False, show=lambda *_: None, learn=masker.learn, learn_lines=len)
    report, count, blank = session.pieces(_pieces(text, cuts))
    assert report == explainer.explain(text, cat)
    assert count == text.count("\n") + 1
    assert blank == (not text.strip())


def test_ordinary_lines_are_cold_and_the_lines_around_an_error_hot() -> None:
    noise = [NOISE[0], NOISE[1], NOISE[2]] * 100
    lines = [*noise, PLANTED[1], *noise]
    text = "\n".join(lines)
    spans = hot_spans(text)
    hot = "".join(text[start:end] for start, end in spans)
    assert "FailedOperation.NodeNotEmpty" in hot
    assert len(hot) < len(text) / 50  # the error and the last line, not the 600 lines of noise


def test_findings_are_made_as_a_long_log_is_read_not_at_its_end(cat: Catalog) -> None:
    """Records a hot run leaves open are completed by the cold lines after it and explained in batches as reading
    goes on: what a progress display counts grows, and the queue of waiting records stays small (flat memory)."""
    block = "\n".join([*COLD * 20, PLANTED[0]]) + "\n"
    pieces = [block * 400 for _ in range(12)]  # 12 pieces of ~0.5 MB, an error every 21 lines
    session = Session(cat, Lang.EN, updates=False, show=lambda *_: None, learn=len, learn_lines=len)
    seen: list[tuple[int, int]] = []

    def reading() -> Iterator[str]:
        for piece in pieces:
            current = session.current
            seen.append((session.found(), len(current.pending) if current is not None else 0))
            yield piece

    report, _, _ = session.pieces(reading())
    assert report.total == 12 * 400
    assert seen[2][0] >= 1  # findings counted before the input ended
    assert max(waiting for _, waiting in seen) < 1000  # not every record of the input queued until its end


def test_a_secret_on_an_ordinary_line_of_a_long_log_is_masked_where_an_error_repeats_it(
    cat: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The masker learns every piece, its cold lines too, from the search it shares with the prefilter: a password
    far from any error, and a key whose label ends one piece and whose value starts the next, are masked later."""
    monkeypatch.setattr(literals, "MIN_CHARS", 0)
    password, key = "Hunter2-Staple-9", "correct-horse-battery-9"  # no key's shape: only their labels tell
    error = "[TencentCloudSDKError] Code=InvalidParameter, Message=bad value {}, RequestId=r-5"
    lines = [*HEAD, "db password: " + password, *COLD * 300, "api_secret:", "    " + key, *COLD * 300]
    text = "\n".join([*lines, error.format(password), error.format(key), *COLD]) + "\n"
    cut = text.index("    " + key)
    masker = Masker()
    session = Session(cat, Lang.EN, updates=False, show=lambda *_: None, learn=masker.learn, learn_lines=len)
    report, _, _ = session.pieces(_pieces(text, [cut - 1, cut + 20_000]))
    shown = "\n".join(masker.mask(item.finding.message) for item in report.errors)
    assert "bad value" in shown and password not in shown and key not in shown


def test_a_pipe_read_in_big_and_small_reads_is_learnt_and_explained_as_a_file(
    cat: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big read of a pipe is prefiltered and learnt from one search; a label that ends one read still has its
    value masked when the value starts the next read, big or small."""
    monkeypatch.setattr(literals, "MIN_CHARS", 0)
    one, two = "correct-horse-battery-9", "hunter2-staple-horse"  # no key's shape: only their label tells
    error = "[TencentCloudSDKError] Code=InvalidParameter, Message=bad value {}, RequestId=r-5"
    reads = [
        [*HEAD, *COLD * 400, "db_password:"],  # big, ending with a label
        ["    " + one, error.format(one), "db_password:"],  # small: the value, an error quoting it, another label
        ["    " + two, *COLD * 400, error.format(two), *COLD],  # big, starting with that value
    ]
    masker = Masker()
    session = Session(cat, Lang.EN, updates=False, show=lambda *_: None, learn=masker.learn, learn_lines=masker.learn_lines)
    feed = session.feed()
    for lines in reads:
        feed.lines(lines)
    report, _ = feed.close()
    assert report == explainer.explain("\n".join(line for lines in reads for line in lines), cat)
    shown = "\n".join(masker.mask(item.finding.message) for item in report.errors)
    assert "bad value" in shown and one not in shown and two not in shown
