"""Labels and values in unusual text (issue #24, hostile set 4): what the new rules must mask, and every word,
RequestId, code and resource ID they must leave shown. The secret shapes themselves are in secret_shapes.py."""

from __future__ import annotations

from .conftest import Run

REQUEST_ID = "05609691-3a62-4967-93b8-6e29c3cee8f9"
SDK_LINE = "[TencentCloudSDKException] code:InternalError message:{} requestId:" + REQUEST_ID


def test_a_value_behind_invisible_characters_is_masked_in_both_spellings(run: Run) -> None:
    """The value is read in a normalised view (ZWSP gone) and masked as the original spells it too, so neither
    'ab<ZWSP>cd-Staple-9' nor 'abcd-Staple-9' (nor its visible escape) is shown."""
    value = "ab\u200bcd-Staple-9"
    text = f"pass\u200bword={value}\n" + SDK_LINE.format(f"login {value} / abcd-Staple-9 failed") + "\n"
    for flags in ([], ["--json"]):
        out = run("explain", "-", *flags, input=text).stdout
        assert "abcd-Staple-9" not in out and "cd-Staple-9" not in out and "Staple" not in out
        assert "login" in out and "failed" in out
