"""No secret reaches any output: every shape × plain / rich / JSON, every outlet (stderr, file names, lookup -,
scan, --catalog errors, the Python API), and a property over planted secrets in every supported encoding."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tco_errcli import api
from tco_errcli import render as render_module
from tco_errcli.catalog import Catalog
from tco_errcli.explain import explain
from tco_errcli.model import Lang
from tco_errcli.redact import MASK, Masker, encoded_forms
from tco_errcli.render.interface import Renderer

from .conftest import Run
from .secret_shapes import AKID, KEY, SHAPES

SDK_LINE = "[TencentCloudSDKException] code:InternalError message:{} requestId:r-1"


def carriers(text: str) -> dict[str, str]:
    """The same shape next to an error, inside an SDK exception's message, and inside an API response's Message."""
    return {
        "beside": f"{text}\n{SDK_LINE.format('boom')}\n",
        "sdk message": SDK_LINE.format(text) + "\n",
        "api Message": json.dumps({"Response": {"Error": {"Code": "InternalError", "Message": text}, "RequestId": "r-2"}}),
    }


FORMATS = {"plain": ([], {}), "rich": ([], {"FORCE_COLOR": "1", "COLUMNS": "100"}), "json": (["--json"], {})}


def leaks(output: str, secrets: list[str]) -> list[str]:
    """The secrets visible in output in any encoding (raw, JSON-escaped, URL-encoded)."""
    return [s[:24] for s in secrets if any(form in output for form in encoded_forms(s) if len(form) >= 3)]


def test_the_table_counts_every_shape_of_issue_10() -> None:
    assert len(SHAPES) == 128
    assert len({name for name, _, _ in SHAPES}) == len(SHAPES)


@pytest.mark.parametrize(("name", "text", "secrets"), SHAPES, ids=[s[0] for s in SHAPES])
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_secret_shape_survives_into_any_output(run: Run, name: str, text: str, secrets: list[str], fmt: str) -> None:
    flags, env = FORMATS[fmt]
    for carrier, data in carriers(text).items():
        result = run("explain", "-", *flags, input=data, env=env)
        assert result.exit_code == 0, (carrier, result.stderr)
        assert "InternalError" in result.stdout
        assert not leaks(result.stdout + result.stderr, secrets), (carrier, result.stdout)


def test_masking_keeps_the_message_readable(run: Run) -> None:
    data = carriers(f"check your env:\nTENCENTCLOUD_SECRET_KEY={KEY}\n")["api Message"]
    out = json.loads(run("explain", "-", "--json", input=data).stdout)
    assert out["errors"][0]["message"] == f"check your env:\nTENCENTCLOUD_SECRET_KEY={MASK}"
    assert out["redacted"] >= 1


def test_a_secret_learned_anywhere_is_masked_everywhere(run: Run) -> None:
    """Labelled once, the value is then hidden where it stands alone, even JSON- or URL-encoded."""
    text = f"SecretKey={KEY}\n" + SDK_LINE.format(f"bad key {KEY} in {quote(KEY + '/x', safe='')}") + "\n"
    for flags in ([], ["--json"]):
        out = run("explain", "-", *flags, input=text).stdout
        assert KEY not in out and quote(KEY, safe="") not in out
        assert MASK in out


def test_secrets_past_the_cap_of_remembered_values_are_still_masked(run: Run) -> None:
    """Fail closed: a log with more distinct passwords than a run remembers (4,096) shows none of them,
    in the message of the line that labels it, whether it is read as a file or from a pipe."""
    words = [f"horse-staple-{i:05d}" for i in range(4300)]  # not key-shaped: only the label finds them
    text = "".join(f"password={w} " + SDK_LINE.format(f"login failed, password={w}") + "\n" for w in words)
    out = run("explain", "-", "--json", input=text).stdout
    assert not [w for w in words if w in out]
    assert json.loads(out)["errors"][0]["code"]


def test_prose_about_a_password_or_key_masks_no_word(run: Run) -> None:
    """Labels in prose and in Chinese learn only a value that looks like one: 'the password is incorrect',
    '密钥是否过期', 'the token is expired' leave every word of the message shown."""
    prose = "the password is incorrect; 密钥是否过期; the token is expired; 密码为空; 令牌：无效\npassword:\n"
    prose += "2025-11-02 08:00:00 INFO started\ntoken:\nexpired\n"  # the next line a log line, or a word
    text = prose + SDK_LINE.format("incorrect expired 否过期 token 空 无效 2025-11-02") + "\n"
    out = json.loads(run("explain", "-", "--json", input=text).stdout)
    assert out["errors"][0]["message"] == "incorrect expired 否过期 token 空 无效 2025-11-02"
    assert out["redacted"] == 0


@pytest.mark.parametrize("password", ["count", "code", "message", "errors", "true", "InternalError"])
def test_a_password_equal_to_a_json_key_or_a_code_keeps_the_json_whole(run: Run, password: str) -> None:
    """Values are sealed before they are serialised: a password such as "count" masks the value, not the key."""
    text = f"password={password}\n" + SDK_LINE.format(f"bad password={password}") + "\n"
    report = json.loads(run("explain", "-", "--json", input=text).stdout)
    (error,) = report["errors"]
    assert error["count"] == 1 and error["code"] == "InternalError" and error["message"].startswith("bad password=")
    for line in run("explain", "-", "--json-lines", input=text).stdout.splitlines():
        assert "[REDACTED]" not in json.loads(line)  # no key masked
    assert "count" in error and "message" in error


def test_file_names_on_stderr_and_in_the_file_field(run: Run, tmp_path: Path) -> None:
    named = tmp_path / f"token={KEY}.log"
    named.write_text(SDK_LINE.format("boom"), encoding="utf-8")
    other = tmp_path / "other.log"
    other.write_text(SDK_LINE.format("boom"), encoding="utf-8")
    missing = tmp_path / f"password={KEY}"
    for flags in ([], ["--json"], ["--json"]):
        result = run("explain", str(named), str(other), str(missing), *flags)
        assert result.exit_code == 2
        assert KEY not in result.stdout + result.stderr
        assert f"password={MASK}: no such file" in result.stderr


def test_lookup_stdin_query_column(run: Run) -> None:
    lines = f"InternalError\nSecretKey={KEY}\n{AKID}\nAuthorization: Bearer {KEY}.{KEY}\n"
    for flags, env in (([], {}), (["--json"], {}), ([], {"FORCE_COLOR": "1"})):
        result = run("lookup", "-", *flags, input=lines, env=env)
        assert result.exit_code == 1
        assert KEY not in result.stdout and AKID not in result.stdout
        assert result.stdout.count(MASK) >= 3


def test_lookup_argument_is_masked_on_stderr(run: Run) -> None:
    result = run("lookup", f"secretKey={KEY}")
    assert result.exit_code == 1
    assert KEY not in result.stderr and MASK in result.stderr


def test_an_argument_quoted_on_stderr_is_masked_before_it_is_cut(run: Run) -> None:
    """explain 'TEXT' quotes the first 40 characters of TEXT: a key across that cut shows not even its head."""
    letters_only = "CsnuJSGbUCxRdJoXeZBCgYgOflOHUrsS"  # no digit: known by its runs of random case
    for key in (KEY, letters_only):
        result = run("explain", f"AuthFailure.SignatureFailure with {key} here")
        assert key[:5] not in result.stderr and "is not a file" in result.stderr


def test_codes_printed_by_scan(run: Run) -> None:
    log = f'{{"SecretKey":"{KEY}"}}\n"Code":"{AKID}"\n"Code":"Ab{KEY}"\n'
    for flags in ([], ["--json"]):
        result = run("scan", "-", *flags, input=log)
        assert AKID not in result.stdout and KEY not in result.stdout


def test_values_echoed_in_catalog_schema_errors(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"entries": [{"code": "Team.Thing", "description": f"SecretKey={KEY}", "hint": {"en": "h"}}]}))
    result = run("lookup", "Team.Thing", "--catalog", str(bad))
    assert result.exit_code == 2
    assert "does not match the schema" in result.stderr and KEY not in result.stderr


def test_python_api_masks_like_the_cli(cat: Catalog) -> None:
    text = carriers(f"env:\nTENCENTCLOUD_SECRET_KEY={KEY}")["api Message"]
    assert KEY not in json.dumps(api.explain(text))
    assert KEY not in json.dumps(api.explain(text.encode()))
    assert KEY not in json.dumps(api.lookup(f"SecretKey={KEY}"))


METHODS = sorted(name for name in vars(Renderer) if not name.startswith("_"))


@pytest.mark.parametrize("fmt", list(render_module.Format))
def test_every_renderer_method_passes_the_masker(fmt: render_module.Format, cat: Catalog) -> None:
    """The choke point: whatever a renderer is given or writes, a learned secret does not come out."""
    masker = Masker()
    masker.learn(f"SecretKey={KEY}")
    out = io.StringIO()
    renderer = render_module.get(fmt, out, Lang.EN, width=100, masker=masker)
    assert sorted(m for m in METHODS) == sorted(m for m in dir(renderer) if m in METHODS)
    result = cat.lookup(KEY)
    renderer.lookup(result)
    out.write(renderer.lookup_line(result))
    renderer.report(explain(SDK_LINE.format(f"the key {KEY} is wrong"), cat))
    renderer.doctor([{"name": "clock", "status": "pass", "detail": f"detail {KEY}", "code": None, "hint": None}])
    assert KEY not in out.getvalue()
    assert MASK in out.getvalue()


# -- property: a secret planted in any supported encoding never appears in any output mode --------------------

SECRET = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789+/", min_size=16, max_size=48)
FILLER = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
LABELS = st.sampled_from(
    ["SecretKey", "secret_key", "TmpSecretKey", "TENCENTCLOUD_SECRET_KEY", "TF_VAR_secret_key", "X-TC-Token", "token", "password"]
)
SEPARATORS = st.sampled_from(["=", ": ", " = ", "     = ", " => ", ":", "\t=\t"])
QUOTES = st.sampled_from(["", '"', "'"])
SETTINGS = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def encodings(label: str, secret: str) -> list[str]:
    plain = f'{{"{label}": "{secret}"}}'
    return [
        plain,
        json.dumps(plain)[1:-1],  # escaped JSON inside a log line
        json.dumps(json.dumps(plain))[1:-1],  # twice (a Docker json-file line of such a log)
        json.dumps(plain, ensure_ascii=True).replace(secret[0], f"\\u{ord(secret[0]):04x}", 1)[1:-1],
        quote(plain, safe=""),  # URL-encoded JSON
        f"{label}={quote(secret, safe='')}",
        f"<{label}>{secret}</{label}>",
    ]


@SETTINGS
@given(LABELS, SECRET, FILLER, FILLER, st.integers(min_value=0, max_value=7), SEPARATORS, QUOTES)
def test_planted_secret_never_shown_by_the_masker(
    label: str, secret: str, before: str, after: str, which: int, sep: str, quote_mark: str
) -> None:
    shapes = [*encodings(label, secret), f"{label}{sep}{quote_mark}{secret}{quote_mark}"]
    planted = shapes[which]
    text = f"{before}\n{planted}\n{after}"
    masker = Masker()
    masker.learn(text)
    for shown in (text, json.loads(json.dumps(text)), f"message: {secret}"):
        assert secret not in masker.mask(shown)
    assert not leaks(masker.seal(json.dumps({"m": secret})), [secret])


@settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "160")) // 4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(LABELS, SECRET, st.integers(min_value=0, max_value=6), st.sampled_from(sorted(FORMATS)))
def test_planted_secret_never_shown_by_explain(label: str, secret: str, which: int, fmt: str) -> None:
    planted = encodings(label, secret)[which]
    flags, env = FORMATS[fmt]
    for data in carriers(planted).values():
        result = Run()("explain", "-", *flags, input=data, env=env)
        assert not leaks(result.stdout + result.stderr, [secret]), (planted, result.stdout)


def test_streaming_explain_from_a_pipe_masks_as_it_goes(tmp_path: Path) -> None:
    """explain - on a pipe prints each finding as it comes: the masker learns line by line, shapes over lines too."""
    import subprocess
    import sys

    data = (
        f"        - name: TENCENTCLOUD_SECRET_KEY\n          value: {KEY}\n"
        + SDK_LINE.format(f"bad {KEY}")
        + "\n"
        + carriers(f"env:\nTENCENTCLOUD_SECRET_KEY={AKID}")["api Message"]
        + "\n"
    )
    for flags in ([], ["--json-lines"]):
        proc = subprocess.run(
            [sys.executable, "-m", "tco_errcli", "explain", "-", *flags],
            input=data.encode(),
            capture_output=True,
            check=False,
            cwd=tmp_path,
            env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        )
        out = proc.stdout.decode()
        assert proc.returncode == 0, proc.stderr
        assert KEY not in out and AKID not in out and out.count(MASK) >= 2


def test_json_error_documents_are_masked(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / f"secretKey={KEY}.log"
    for args in (["explain", str(missing), "--json"], ["scan", str(missing), "--json"]):
        result = run(*args)
        assert result.exit_code == 2
        assert KEY not in result.stdout + result.stderr
        assert MASK in json.loads(result.stdout)["error"]["message"]


def test_a_word_before_a_colon_after_a_label_is_not_learned_as_a_secret(run) -> None:  # type: ignore[no-untyped-def]
    paste = (
        "error presenting token: tencentcloud: failed to create record\n"
        "[TencentCloudSDKError] Code=InvalidParameter, Message=tencentcloud: bad domain, "
        "RequestId=5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c\n"
    )
    shown = run("explain", input=paste).stdout
    assert "message: tencentcloud: bad domain" in shown and "REDACTED" not in shown


# the masker's fast paths for binary output decoded with replacements: the same results as the slow, obvious forms
_BINARYISH = st.sampled_from(["%", "E4", "b8", "%41", "%2", "%zz", "%F0%9F", "%98%80", "%C3", "A", "a", "İ", "中", "\ufffd", " "])


@settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "150")), deadline=None)
@given(st.lists(_BINARYISH, max_size=12).map("".join))
def test_url_decoding_and_ascii_lowering_match_the_standard_library(text: str) -> None:
    import re
    from urllib.parse import unquote

    from tco_errcli.redact.forms import url_unquote
    from tco_errcli.redact.literals import lowered as _lower

    assert url_unquote(text) == unquote(text, errors="replace")
    lowered = _lower(text)
    assert len(lowered) == len(text)
    if len(text.lower()) != len(text):  # only then the ASCII-only form is used
        assert lowered == re.sub(r"[A-Z]+", lambda m: m.group(0).lower(), text)
