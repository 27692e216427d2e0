"""Reading what users give us: a path or "-" (stdin), with size caps and decoding rules, never a traceback."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from .errors import TcoErrError

MAX_EXPLAIN_BYTES = 64 * 1024 * 1024  # explain holds its input in memory; scan streams
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def describe(path: str) -> str:
    return "standard input" if path == "-" else path


def open_binary(path: str, stdin: BinaryIO | None = None) -> BinaryIO:
    """Open path (or '-' for stdin) for reading bytes; every failure is a TcoErrError naming the problem."""
    if path == "-":
        return stdin if stdin is not None else sys.stdin.buffer
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise TcoErrError.of("no_such_file", path=path) from None
    except PermissionError:
        raise TcoErrError.of("permission_denied", path=path) from None
    except OSError as exc:
        raise TcoErrError.of("cannot_read", path=path, reason=exc.strerror or exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise TcoErrError.of("is_directory", path=path)
    try:
        return Path(path).open("rb")
    except PermissionError:
        raise TcoErrError.of("permission_denied", path=path) from None
    except OSError as exc:
        raise TcoErrError.of("cannot_read", path=path, reason=exc.strerror or exc) from None


def read_bytes(path: str, limit: int = MAX_EXPLAIN_BYTES, stdin: BinaryIO | None = None) -> bytes:
    stream = open_binary(path, stdin)
    try:
        data = stream.read(limit + 1)
    except OSError as exc:
        raise TcoErrError.of("read_failed", path=describe(path), reason=exc.strerror or exc) from None
    finally:
        if path != "-":  # stdin is not ours to close
            stream.close()
    if len(data) > limit:
        raise TcoErrError.of("too_large", path=describe(path), mib=limit // 2**20)
    return data


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, GB18030 for Chinese Windows logs; never fails.

    NUL bytes are dropped: a binary file is searched for the text inside it.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace").replace("\0", "")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        # many invalid sequences and no NULs: more likely GBK/GB18030 text than damaged UTF-8
        if text.count("\ufffd") * 50 > len(text) and b"\0" not in data:
            with contextlib.suppress(UnicodeDecodeError):
                text = data.decode("gb18030")
    return text.replace("\0", "") if "\0" in text else text


def read_text(path: str, stdin: BinaryIO | None = None) -> str:
    return decode(read_bytes(path, stdin=stdin))
