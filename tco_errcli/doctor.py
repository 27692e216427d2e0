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
from .words import message


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


def check_credential(cred: Credential, path: Path | None, now: datetime, lang: Lang = Lang.EN) -> list[Check]:
    def say(key: str, **params: object) -> str:
        return message(f"doctor.{key}", lang, **params)

    name = say("credentials.of", origin=cred.origin)
    checks: list[Check] = []
    sid, key = cred.secret_id, cred.secret_key
    if not sid or not key:
        missing = "SecretId" if not sid else "SecretKey"
        checks.append(Check(name, Status.FAIL, say("missing", field=missing), "AuthFailure.SecretIdNotFound"))
        return checks
    for label, value in (("SecretId", sid), ("SecretKey", key)):
        if value != value.strip():
            code = "AuthFailure.SecretIdNotFound" if label == "SecretId" else "AuthFailure.SignatureFailure"
            checks.append(Check(name, Status.FAIL, say("whitespace", field=label, tail=mask_tail(value.strip())), code))
    sid, key = sid.strip(), key.strip()
    if key.startswith("AKID"):
        checks.append(Check(name, Status.FAIL, say("swapped"), "AuthFailure.InvalidSecretId"))
    elif not sid.startswith("AKID"):
        checks.append(Check(name, Status.WARN, say("not_akid", tail=mask_tail(sid)), "AuthFailure.InvalidSecretId"))
    elif not cred.token and len(sid) != 36:
        checks.append(Check(name, Status.WARN, say("id_length", length=len(sid)), "AuthFailure.InvalidSecretId"))
    if not cred.token and len(key) != 32:
        checks.append(Check(name, Status.WARN, say("key_length", length=len(key)), "AuthFailure.SignatureFailure"))
    if cred.expires is not None:
        expiry = datetime.fromtimestamp(min(cred.expires, LATEST), tz=UTC)
        if expiry <= now:
            checks.append(Check(name, Status.FAIL, say("expired", expiry=expiry), "AuthFailure.TokenFailure"))
    if path is not None:
        try:
            mode = path.stat().st_mode
        except OSError:
            mode = 0
        if mode & (stat.S_IRGRP | stat.S_IROTH):
            checks.append(Check(name, Status.WARN, say("readable")))
    if not checks:
        checks.append(Check(name, Status.PASS, say("well_formed", last=sid[-4:])))
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
    checks: list[Check] = []
    found = False
    for cred, path in credentials(environ, home):
        found = True
        checks += check_credential(cred, path, now, lang)
    if not found:  # nothing to check: say how to set credentials up, the way the SDKs and tccli read them
        # a failing check: every API call would fail with it (tco-err doctor || exit 1 must stop a keyless runner)
        checks.append(Check(message("doctor.credentials", lang), Status.FAIL, message("doctor.setup", lang)))
    synced = probe()
    clock = message("doctor.clock", lang)
    if synced is True:
        checks.append(Check(clock, Status.PASS, message("doctor.synced", lang, now=now)))
    elif synced is False:
        checks.append(Check(clock, Status.FAIL, message("doctor.not_synced", lang, now=now), "AuthFailure.SignatureExpire"))
    else:
        checks.append(Check(clock, Status.INFO, message("doctor.sync_unknown", lang, now=now), "AuthFailure.SignatureExpire"))
    if lang is Lang.EN:  # the SDKs ask for zh-CN messages by default: worth a note only to who reads English
        language = environ.get("LC_ALL") or environ.get("LANG") or message("doctor.unset", lang)
        checks.append(Check(message("doctor.language", lang), Status.INFO, message("doctor.lang", lang, value=language)))
    return checks
