"""doctor: credential, clock and language checks, offline, never printing a secret."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tco_errcli.doctor import Status, run_checks
from tco_errcli.model import Lang

from .conftest import Run

NOW = datetime(2025, 11, 2, 8, 30, tzinfo=UTC)
GOOD_ID = "AKID" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6"
GOOD_KEY = "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe"


def statuses(checks: list) -> list[tuple[str, str | None]]:
    return [(c.status.value, c.code) for c in checks if c.name.startswith("credentials")]


def test_good_environment_credentials_pass(tmp_path: Path) -> None:
    env = {"TENCENTCLOUD_SECRET_ID": GOOD_ID, "TENCENTCLOUD_SECRET_KEY": GOOD_KEY}
    checks = run_checks(env, tmp_path, now=NOW, probe=lambda: True)
    assert statuses(checks) == [("pass", None)]
    assert [c.status for c in checks if c.name == "clock"] == [Status.PASS]


def test_whitespace_swap_and_length_problems(tmp_path: Path) -> None:
    env = {"TENCENTCLOUD_SECRET_ID": GOOD_ID + "\n", "TENCENTCLOUD_SECRET_KEY": GOOD_KEY}
    assert statuses(run_checks(env, tmp_path, now=NOW, probe=lambda: None)) == [("fail", "AuthFailure.SecretIdNotFound")]
    swapped = {"TENCENTCLOUD_SECRET_ID": GOOD_KEY, "TENCENTCLOUD_SECRET_KEY": GOOD_ID}
    assert ("fail", "AuthFailure.InvalidSecretId") in statuses(run_checks(swapped, tmp_path, now=NOW, probe=lambda: None))
    short = {"TENCENTCLOUD_SECRET_ID": "AKIDshort", "TENCENTCLOUD_SECRET_KEY": GOOD_KEY}
    assert statuses(run_checks(short, tmp_path, now=NOW, probe=lambda: None)) == [("warn", "AuthFailure.InvalidSecretId")]
    missing = {"TENCENTCLOUD_SECRET_ID": GOOD_ID}
    assert statuses(run_checks(missing, tmp_path, now=NOW, probe=lambda: None)) == [("fail", "AuthFailure.SecretIdNotFound")]


def test_credential_files_and_expired_token(tmp_path: Path) -> None:
    sdk = tmp_path / ".tencentcloud" / "credentials"
    sdk.parent.mkdir()
    sdk.write_text(f"[default]\nsecret_id = {GOOD_ID}\nsecret_key = {GOOD_KEY}\n", encoding="utf-8")
    os.chmod(sdk, 0o644)
    tccli = tmp_path / ".tccli" / "default.credential"
    tccli.parent.mkdir()
    expired = int(datetime(2025, 11, 1, tzinfo=UTC).timestamp())
    tccli.write_text(json.dumps({"secretId": GOOD_ID, "secretKey": GOOD_KEY, "token": "t" * 40, "expiresAt": expired}))
    checks = run_checks({}, tmp_path, now=NOW, probe=lambda: False)
    assert ("warn", None) in statuses(checks)  # the SDK file is readable by others
    assert ("fail", "AuthFailure.TokenFailure") in statuses(checks)
    assert [(c.status, c.code) for c in checks if c.name == "clock"] == [(Status.FAIL, "AuthFailure.SignatureExpire")]


def test_no_credentials_is_a_failing_check_and_chinese_works(tmp_path: Path) -> None:
    checks = run_checks({}, tmp_path, Lang.ZH, now=NOW, probe=lambda: None)
    assert checks[0].status is Status.FAIL and checks[0].detail.startswith("未找到凭证。可任选一种方式配置")


def test_no_credentials_at_all_says_how_to_set_them_up(run: Run, tmp_path: Path) -> None:
    result = run("doctor", env={"HOME": str(tmp_path)})
    first = result.stdout.splitlines()[0].split("\t")
    assert first[:2] == ["fail", "credentials"]
    assert result.exit_code == 3  # `tco-err doctor || exit 1` stops a runner without a key
    assert json.loads(run("doctor", "--json", env={"HOME": str(tmp_path)}).stdout)["ok"] is False
    for way in ("export TENCENTCLOUD_SECRET_ID=", "~/.tencentcloud/credentials", "secret_id =", "tccli configure"):
        assert way in first[2]
    assert "AuthFailure.SecretIdNotFound" not in result.stdout  # not the whitespace advice: there is no key at all


def test_cli_doctor_never_prints_the_secret(run: Run, tmp_path: Path) -> None:
    env = {"TENCENTCLOUD_SECRET_ID": " " + GOOD_ID, "TENCENTCLOUD_SECRET_KEY": GOOD_KEY + " ", "HOME": str(tmp_path)}
    for fmt in ([], ["--json"]):
        for extra in ({}, {"FORCE_COLOR": "1"}):
            result = run("doctor", *fmt, env={**env, **extra})
            assert result.exit_code == 1  # a failing check
            out = result.stdout + result.stderr
            assert GOOD_ID not in out and GOOD_KEY not in out and GOOD_ID[:-4] not in out
            assert GOOD_ID[-4:] in out
    data = json.loads(run("doctor", "--json", env=env).stdout)
    assert data["ok"] is False
    assert data["checks"][0]["hint"].startswith("Open the CAM console")


DETAIL = (
    "none found. Set them up one of three ways: export TENCENTCLOUD_SECRET_ID=AKID... TENCENTCLOUD_SECRET_KEY=... "
    "(environment variables); or run `tccli configure` (tccli's profile, ~/.tccli/default.credential). "
    "Create a key at https://console.cloud.tencent.com/cam/capi"
)


@pytest.mark.parametrize("width", [50, 80, 120])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_doctor_fits_every_width_and_never_splits_a_token(width: int, lang: str) -> None:
    import io
    import re

    from tco_errcli.model import Lang
    from tco_errcli.render.terminal import TerminalRenderer

    checks = [
        {"name": "credentials", "status": "fail", "detail": DETAIL, "code": None, "hint": None},
        {
            "name": "clock",
            "status": "info",
            "detail": "2026-12-04 02:07:24 UTC",
            "code": "AuthFailure.SignatureExpire",
            "hint": "sync it: `timedatectl set-ntp true`",
        },
    ]
    out = io.StringIO()
    TerminalRenderer(out, Lang(lang), no_color=True, width=width).doctor(checks)
    lines = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue()).splitlines()
    assert all(len(line) <= width for line in lines), lines
    for token in (
        "TENCENTCLOUD_SECRET_ID=AKID...",
        "`tccli configure`",
        "~/.tccli/default.credential).",
        "https://console.cloud.tencent.com/cam/capi",
        "`timedatectl set-ntp true`",
        "AuthFailure.SignatureExpire:",
    ):
        assert any(token in line for line in lines), (width, token, lines)
    assert lines[0].split()[:2] == (["FAIL", "credentials"] if lang == "en" else [lines[0].split()[0], "credentials"])


def test_the_language_note_is_only_for_who_reads_english(tmp_path: Path) -> None:
    """The SDKs ask for Chinese messages by default: a note for an English reader, noise for a Chinese one."""
    en = run_checks({"LANG": "en_US.UTF-8"}, tmp_path, Lang.EN, NOW, lambda: True)
    zh = run_checks({"LANG": "zh_CN.UTF-8"}, tmp_path, Lang.ZH, NOW, lambda: True)
    assert [c.name for c in en][-1] == "language" and "zh-CN" in en[-1].detail
    assert all(c.name != "语言" for c in zh)
