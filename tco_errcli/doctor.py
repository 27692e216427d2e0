"""Offline checks of the local setup behind the commonest auth errors: credentials, clock, language.

Secrets are never returned: a value is shown as its last 4 characters at most.
"""

from __future__ import annotations

import configparser
import json
import os
import shutil
import stat
import subprocess
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from .model import Lang
from .redact import mask_tail

# Where the SDKs look (tencentcloud.common.credential: EnvironmentVariableCredential, ProfileCredential) and
# what tccli writes; the key page is the one the SDK docstrings name.
SETUP_EN = (
    "none found. Set them up one of three ways: "
    "export TENCENTCLOUD_SECRET_ID=AKID... TENCENTCLOUD_SECRET_KEY=... (environment variables); "
    "or a file ~/.tencentcloud/credentials holding [default] with secret_id = ... and secret_key = ... (read by the SDKs); "
    "or run `tccli configure` (tccli's profile, ~/.tccli/default.credential). "
    "Create a key at https://console.cloud.tencent.com/cam/capi"
)
SETUP_ZH = (
    "未找到凭证。可任选一种方式配置："
    "export TENCENTCLOUD_SECRET_ID=AKID... TENCENTCLOUD_SECRET_KEY=...（环境变量）；"
    "或在 ~/.tencentcloud/credentials 文件的 [default] 中写入 secret_id = ... 和 secret_key = ...（SDK 会读取）；"
    "或执行 `tccli configure`（tccli 的配置，~/.tccli/default.credential）。"
    "在 https://console.cloud.tencent.com/cam/capi 创建密钥"
)


class Status(StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    INFO = "info"


class Check(NamedTuple):
    name: str
    status: Status
    detail: str
    code: str | None = None  # the error code this setup problem leads to

    def to_dict(self, hint: str | None) -> dict[str, Any]:
        return {"name": self.name, "status": self.status.value, "detail": self.detail, "code": self.code, "hint": hint}


class Credential(NamedTuple):
    origin: str
    secret_id: str | None
    secret_key: str | None
    token: str | None
    expires: int | None = None


def _env_credential(environ: Mapping[str, str]) -> Credential | None:
    sid, key = environ.get("TENCENTCLOUD_SECRET_ID"), environ.get("TENCENTCLOUD_SECRET_KEY")
    token = environ.get("TENCENTCLOUD_SESSION_TOKEN") or environ.get("TENCENTCLOUD_SECRET_TOKEN")
    if sid is None and key is None:
        return None
    return Credential("environment (TENCENTCLOUD_SECRET_ID/KEY)", sid, key, token)


def _read(path: Path) -> str:
    """A credential file's text: a FIFO or a device is refused (OSError), never waited on or read forever."""
    from .inputs import decode, read_small

    return decode(read_small(path))


def _text(value: Any) -> str | None:
    """A credential field as text: numbers as written, anything else (a list, an object) as absent."""
    if isinstance(value, str):
        return value
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


LATEST = 253402300799  # 9999-12-31T23:59:59Z, the last second a datetime can hold


def _epoch(value: Any) -> int | None:
    """expiresAt as Unix seconds: seconds or milliseconds, a number or a string of ASCII digits; else None."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 20:
        value = int(value)
    if isinstance(value, float) and value == value and abs(value) < 1e20:  # not NaN, not inf
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        return None
    if value > 10**11:  # 5138 in seconds: milliseconds are what the console's exports hold
        value //= 1000
    return value if value <= LATEST else None


def _ini_credential(path: Path) -> Credential | None:
    """The SDKs' credential file: [default] secret_id / secret_key (Python, Go)."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(_read(path))
    except (OSError, configparser.Error):
        return Credential(str(path), None, None, None)
    section = parser["default"] if parser.has_section("default") else None
    if section is None:
        return Credential(str(path), None, None, None)
    return Credential(str(path), section.get("secret_id"), section.get("secret_key"), section.get("token"))


def _tccli_credential(path: Path) -> Credential | None:
    try:
        data = json.loads(_read(path))
    except (OSError, ValueError, RecursionError):  # a 5,000-digit number is a ValueError too
        return Credential(str(path), None, None, None)
    if not isinstance(data, dict):
        return Credential(str(path), None, None, None)
    expires = data.get("expiresAt") or data.get("expiredTime") or data.get("ExpiredTime")
    return Credential(
        str(path), _text(data.get("secretId")), _text(data.get("secretKey")), _text(data.get("token")), _epoch(expires)
    )


def credentials(environ: Mapping[str, str], home: Path | None) -> Iterator[tuple[Credential, Path | None]]:
    """Every credential source; home is None when there is no home directory (HOME unset, no passwd entry)."""
    env = _env_credential(environ)
    if env is not None:
        yield env, None
    places = [home / ".tencentcloud" / "credentials"] if home is not None else []
    for path in (*places, Path("/etc/tencentcloud/credentials")):
        if path.is_file():
            cred = _ini_credential(path)
            if cred is not None:
                yield cred, path
    tccli = home / ".tccli" if home is not None else None
    if tccli is not None and tccli.is_dir():
        for path in sorted(tccli.glob("*.credential")):
            cred = _tccli_credential(path)
            if cred is not None:
                yield cred, path


def check_credential(cred: Credential, path: Path | None, now: datetime, zh: bool) -> list[Check]:
    name = ("凭证：" if zh else "credentials: ") + cred.origin
    checks: list[Check] = []
    sid, key = cred.secret_id, cred.secret_key
    if not sid or not key:
        missing = "SecretId" if not sid else "SecretKey"
        checks.append(
            Check(
                name, Status.FAIL, f"缺少 {missing}" if zh else f"{missing} is missing or empty", "AuthFailure.SecretIdNotFound"
            )
        )
        return checks
    for label, value in (("SecretId", sid), ("SecretKey", key)):
        if value != value.strip():
            checks.append(
                Check(
                    name,
                    Status.FAIL,
                    f"{label}（{mask_tail(value.strip())}）前后有空白或换行"
                    if zh
                    else f"{label} ({mask_tail(value.strip())}) has whitespace or a newline around it",
                    "AuthFailure.SecretIdNotFound" if label == "SecretId" else "AuthFailure.SignatureFailure",
                )
            )
    sid, key = sid.strip(), key.strip()
    if key.startswith("AKID"):
        checks.append(
            Check(
                name,
                Status.FAIL,
                "SecretId 与 SecretKey 似乎填反了" if zh else "SecretId and SecretKey look swapped (the key starts with AKID)",
                "AuthFailure.InvalidSecretId",
            )
        )
    elif not sid.startswith("AKID"):
        checks.append(
            Check(
                name,
                Status.WARN,
                f"SecretId（{mask_tail(sid)}）不以 AKID 开头" if zh else f"SecretId ({mask_tail(sid)}) does not start with AKID",
                "AuthFailure.InvalidSecretId",
            )
        )
    elif not cred.token and len(sid) != 36:
        checks.append(
            Check(
                name,
                Status.WARN,
                f"SecretId 长度为 {len(sid)}，永久密钥通常为 36"
                if zh
                else f"SecretId is {len(sid)} characters; permanent keys have 36",
                "AuthFailure.InvalidSecretId",
            )
        )
    if not cred.token and len(key) != 32:
        checks.append(
            Check(
                name,
                Status.WARN,
                f"SecretKey 长度为 {len(key)}，通常为 32" if zh else f"SecretKey is {len(key)} characters; keys usually have 32",
                "AuthFailure.SignatureFailure",
            )
        )
    if cred.expires is not None:
        expiry = datetime.fromtimestamp(min(cred.expires, LATEST), tz=UTC)
        if expiry <= now:
            checks.append(
                Check(
                    name,
                    Status.FAIL,
                    f"临时凭证已于 {expiry:%Y-%m-%d %H:%M} UTC 过期"
                    if zh
                    else f"temporary credentials expired at {expiry:%Y-%m-%d %H:%M} UTC",
                    "AuthFailure.TokenFailure",
                )
            )
    if path is not None:
        try:
            mode = path.stat().st_mode
        except OSError:
            mode = 0
        if mode & (stat.S_IRGRP | stat.S_IROTH):
            checks.append(
                Check(
                    name,
                    Status.WARN,
                    "文件可被其他用户读取；请执行 chmod 600" if zh else "the file is readable by other users; chmod 600 it",
                )
            )
    if not checks:
        checks.append(
            Check(name, Status.PASS, f"SecretId …{sid[-4:]}，格式正常" if zh else f"SecretId …{sid[-4:]} looks well-formed")
        )
    return checks


def clock_probe() -> bool | None:
    """True/False when the OS says whether the clock is NTP-synchronised, None when it cannot tell."""
    marker = Path("/run/systemd/timesync/synchronized")
    if marker.exists():
        return True
    exe = shutil.which("timedatectl")
    if exe:
        try:
            out = subprocess.run(
                [exe, "show", "-p", "NTPSynchronized", "--value"], capture_output=True, text=True, timeout=2, check=False
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return None
        if out in {"yes", "no"}:
            return out == "yes"
    return None


def _home() -> Path | None:
    try:
        return Path.home()
    except (RuntimeError, KeyError, OSError):  # HOME unset and no passwd entry (a container's random uid)
        return None


def run_checks(
    environ: Mapping[str, str] | None = None,
    home: Path | None = None,
    lang: Lang = Lang.EN,
    now: datetime | None = None,
    probe: Callable[[], bool | None] = clock_probe,
) -> list[Check]:
    environ = os.environ if environ is None else environ
    home = home or _home()
    now = now or datetime.now(UTC)
    zh = lang is Lang.ZH
    checks: list[Check] = []
    found = False
    for cred, path in credentials(environ, home):
        found = True
        checks += check_credential(cred, path, now, zh)
    if not found:  # nothing to check: say how to set credentials up, the way the SDKs and tccli read them
        checks.append(Check("凭证" if zh else "credentials", Status.WARN, SETUP_ZH if zh else SETUP_EN))
    synced = probe()
    clock = "时钟" if zh else "clock"
    stamp = f"{now:%Y-%m-%d %H:%M:%S} UTC"
    if synced is True:
        checks.append(Check(clock, Status.PASS, f"{stamp}，NTP 已同步" if zh else f"{stamp}, NTP synchronised"))
    elif synced is False:
        checks.append(
            Check(
                clock,
                Status.FAIL,
                f"{stamp}，NTP 未同步" if zh else f"{stamp}, not NTP synchronised",
                "AuthFailure.SignatureExpire",
            )
        )
    else:
        checks.append(
            Check(
                clock,
                Status.INFO,
                f"{stamp}；系统未报告 NTP 状态，请与标准时间比对"
                if zh
                else f"{stamp}; the OS does not report NTP status: compare with a reference clock",
                "AuthFailure.SignatureExpire",
            )
        )
    language = environ.get("LC_ALL") or environ.get("LANG") or ""
    checks.append(
        Check(
            "语言" if zh else "language",
            Status.INFO,
            f"LANG={language or '(未设置)'}；Python/Go SDK 默认发送 zh-CN，错误信息为中文，可在 ClientProfile 中设置 "
            "language 或用 tccli --language en-US"
            if zh
            else f"LANG={language or '(unset)'}; the Python and Go SDKs send zh-CN by default, so server messages "
            "come in Chinese: set language in ClientProfile, or tccli --language en-US",
        )
    )
    return checks
