"""doctor's words, in English and Chinese: the names of its checks and what each found.

Asked for as `message("doctor.<key>", lang, ...)`. Secrets reach these sentences only as mask_tail()'s last 4
characters; {origin} is where a credential came from (a path, or the environment variables' names).
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # check names
    "credentials": ("credentials", "凭证"),
    "credentials.of": ("credentials: {origin}", "凭证：{origin}"),
    "clock": ("clock", "时钟"),
    "language": ("language", "语言"),
    # credentials
    # Where the SDKs look (tencentcloud.common.credential: EnvironmentVariableCredential, ProfileCredential) and
    # what tccli writes; the key page is the one the SDK docstrings name.
    "setup": (
        "none found. Set them up one of three ways: "
        "export TENCENTCLOUD_SECRET_ID=AKID... TENCENTCLOUD_SECRET_KEY=... (environment variables); "
        "or a file ~/.tencentcloud/credentials holding [default] with secret_id = ... and secret_key = ... (read by the "
        "SDKs); or run `tccli configure` (tccli's profile, ~/.tccli/default.credential). "
        "Create a key at https://console.cloud.tencent.com/cam/capi",
        "未找到凭证。可任选一种方式配置："
        "export TENCENTCLOUD_SECRET_ID=AKID... TENCENTCLOUD_SECRET_KEY=...（环境变量）；"
        "或在 ~/.tencentcloud/credentials 文件的 [default] 中写入 secret_id = ... 和 secret_key = ...（SDK 会读取）；"
        "或执行 `tccli configure`（tccli 的配置，~/.tccli/default.credential）。"
        "在 https://console.cloud.tencent.com/cam/capi 创建密钥",
    ),
    "missing": ("{field} is missing or empty", "缺少 {field}"),
    "whitespace": ("{field} ({tail}) has whitespace or a newline around it", "{field}（{tail}）前后有空白或换行"),
    "swapped": ("SecretId and SecretKey look swapped (the key starts with AKID)", "SecretId 与 SecretKey 似乎填反了"),
    "not_akid": ("SecretId ({tail}) does not start with AKID", "SecretId（{tail}）不以 AKID 开头"),
    "id_length": ("SecretId is {length} characters; permanent keys have 36", "SecretId 长度为 {length}，永久密钥通常为 36"),
    "key_length": ("SecretKey is {length} characters; keys usually have 32", "SecretKey 长度为 {length}，通常为 32"),
    "expired": ("temporary credentials expired at {expiry:%Y-%m-%d %H:%M} UTC", "临时凭证已于 {expiry:%Y-%m-%d %H:%M} UTC 过期"),
    "readable": ("the file is readable by other users; chmod 600 it", "文件可被其他用户读取；请执行 chmod 600"),
    "well_formed": ("SecretId …{last} looks well-formed", "SecretId …{last}，格式正常"),
    # clock
    "synced": ("{now:%Y-%m-%d %H:%M:%S} UTC, NTP synchronised", "{now:%Y-%m-%d %H:%M:%S} UTC，NTP 已同步"),
    "not_synced": ("{now:%Y-%m-%d %H:%M:%S} UTC, not NTP synchronised", "{now:%Y-%m-%d %H:%M:%S} UTC，NTP 未同步"),
    "sync_unknown": (
        "{now:%Y-%m-%d %H:%M:%S} UTC; the OS does not report NTP status: compare with a reference clock",
        "{now:%Y-%m-%d %H:%M:%S} UTC；系统未报告 NTP 状态，请与标准时间比对",
    ),
    # language
    "lang": (
        "LANG={value}; the Python and Go SDKs send zh-CN by default, so server messages "
        "come in Chinese: set language in ClientProfile, or tccli --language en-US",
        "LANG={value}；Python/Go SDK 默认发送 zh-CN，错误信息为中文，可在 ClientProfile 中设置 "
        "language 或用 tccli --language en-US",
    ),
    "unset": ("(unset)", "(未设置)"),
}
