"""Labels and values in unusual text (issue #24, hostile set 4): what the new rules must mask, and every word,
RequestId, code and resource ID they must leave shown. The secret shapes themselves are in secret_shapes.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .conftest import Run

REQUEST_ID = "05609691-3a62-4967-93b8-6e29c3cee8f9"
SDK_LINE = "[TencentCloudSDKException] code:InternalError message:{} requestId:" + REQUEST_ID


def _explained(run: Run, text: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The report of explain --json on text, and its finding of the SDK line."""
    result = run("explain", "-", "--json", input=text)
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    (error,) = [e for e in report["errors"] if e["code"] == "InternalError"]
    return report, error


def test_a_label_then_only_a_space_masks_no_word_id_or_code(run: Run) -> None:
    """'label value' with no separator takes a value only when it looks random: log lines, prose, lists of field
    names, resource IDs, UUIDs, hex, codes, dates and versions after a label stay shown."""
    lines = [
        "2026-01-01 INFO refresh token ok user=alice code=OK",
        "password incorrect for user bob",
        "token expired at 2026-01-01T10:00:00Z",
        "token ins-5d8a23rs not found",
        f"SecretKey {REQUEST_ID} rejected",
        "SecretKey 5d41402abc4b2a76b9719d911017c592 rejected",
        "secret_key InvalidParameterValue.SecretKeyNotFound",
        "password policy v2-strict",
        "refresh token rotation-2 enabled",
        '["password", "username"]',
        '["SecretKey", "SecretId", "Token"]',
        "secret key rotated yesterday",
        "ENV TOKEN_TTL 3600",
        "secret_keys:",
        "  - INFO",
        "秘钥 ID 无效",
        "密钥 是否过期",
        "密码 错误",
    ]
    words = (
        "ok alice incorrect bob expired 2026-01-01T10:00:00Z ins-5d8a23rs 5d41402abc4b2a76b9719d911017c592 "
        "InvalidParameterValue.SecretKeyNotFound v2-strict rotation-2 username SecretId rotated 3600 INFO 无效 是否过期 错误"
    )
    report, error = _explained(run, "\n".join(lines) + "\n" + SDK_LINE.format(words) + "\n")
    assert error["message"] == words and error["request_id"] == REQUEST_ID
    assert report["redacted"] == 0


def test_a_value_behind_invisible_characters_is_masked_in_both_spellings(run: Run) -> None:
    """The value is read in a normalised view (ZWSP gone) and masked as the original spells it too, so neither
    'ab<ZWSP>cd-Staple-9' nor 'abcd-Staple-9' (nor its visible escape) is shown."""
    value = "ab\u200bcd-Staple-9"
    text = f"pass\u200bword={value}\n" + SDK_LINE.format(f"login {value} / abcd-Staple-9 failed") + "\n"
    for flags in ([], ["--json"]):
        out = run("explain", "-", *flags, input=text).stdout
        assert "abcd-Staple-9" not in out and "cd-Staple-9" not in out and "Staple" not in out
        assert "login" in out and "failed" in out


def test_a_key_cut_by_a_terminal_wrap_hides_both_halves_and_no_word_after_it(run: Run) -> None:
    head, tail = "Tw9nGqkLfmBNrX", "K8arHnbYDMVsgepuQz"
    log = f"2024-06-07 10:21:33,123 ERROR deploy.py:88 config secret_key={head}\n{tail} region=ap-guangzhou\n"
    log += f"2024-06-07 10:21:34,000 ERROR deploy.py:90 config secret_key={head}\nINFO retrying\n"
    _, error = _explained(run, log + SDK_LINE.format(f"continuation {tail} bad; INFO retrying in ap-guangzhou") + "\n")
    assert error["message"] == "continuation [REDACTED] bad; INFO retrying in ap-guangzhou"


def test_a_yaml_list_under_a_label_masks_its_items_and_stops_at_the_next_key(run: Run) -> None:
    first, second = "Tw9nGqkLfmBNrXK8arHnbYDMVsgepuQz", "Hp3rWmcYtqLxvJbnKeSAfgzDuPoMiNa"
    yaml = f"secret_keys:\n  - {first}\n  - {second}\nregions:\n  - ap-guangzhou-3\n  - ap-shanghai-2\n"
    _, error = _explained(run, yaml + SDK_LINE.format(f"rotated {first} to {second} in ap-guangzhou-3") + "\n")
    assert error["message"] == "rotated [REDACTED] to [REDACTED] in ap-guangzhou-3"


def test_chinese_prose_after_a_label_and_a_space_masks_nothing(run: Run) -> None:
    prose = "请确认 秘钥 是否正确，密码 错误次数过多，令牌 已过期\n"
    report, error = _explained(run, prose + SDK_LINE.format("秘钥 是否正确，令牌 已过期") + "\n")
    assert error["message"] == "秘钥 是否正确，令牌 已过期" and report["redacted"] == 0


def test_a_binary_padded_with_nuls_is_still_read(run: Run, tmp_path: Path) -> None:
    """NULs between records end a line (env -0); where NULs are most of the bytes they are dropped as before."""
    path = tmp_path / "core.bin"
    path.write_bytes(b"\0" * 4000 + SDK_LINE.format("boom").encode() + b"\0" * 4000)
    report = json.loads(run("explain", "--json", str(path)).stdout)
    assert [e["code"] for e in report["errors"]] == ["InternalError"]
