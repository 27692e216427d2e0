"""Reading what users give us: a path or "-" (stdin), with size caps and decoding rules, never a traceback."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import TcoErrError

MAX_EXPLAIN_BYTES = 64 * 1024 * 1024  # explain holds its input in memory; scan streams
MAX_SMALL_FILE = 1024 * 1024  # credential files and the like
MAX_QUERY = 200  # characters of a `lookup -` line that are looked up
_SKIP = 1024 * 1024
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def describe(path: str) -> str:
    return "standard input" if path == "-" else path


def open_binary(path: str, stdin: BinaryIO | None = None) -> BinaryIO:
    """Open path (or '-' for stdin) for reading bytes; every failure is a TcoErrError naming the problem."""
    if path == "-":
        stdin = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
        if stdin is None:
            raise TcoErrError("standard input is closed")
        return stdin
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


MAX_LINE_BYTES = 1024**3  # a longer "line" is no log (/dev/zero has no line end): stop rather than read for ever


def bounded_lines(stream: BinaryIO, keep: int, limit: int = MAX_LINE_BYTES, name: str = "standard input") -> Iterator[bytes]:
    """The lines of stream, each cut to its first keep bytes: memory stays flat whatever a line's length.

    The rest of a long line is read and dropped; a single line longer than limit (/dev/zero has no line
    end) is an error rather than an endless read.
    """
    while True:
        try:
            line = stream.readline(keep)
        except OSError as exc:
            raise TcoErrError(f"{name}: read failed ({exc.strerror or exc})") from None
        if not line:
            return
        if not line.endswith(b"\n"):
            skipped = len(line)
            while True:
                rest = stream.readline(_SKIP)
                skipped += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
                if skipped > limit:
                    raise TcoErrError(f"{name}: a line longer than {limit // 2**20:,} MiB; is this a log?")
        yield line


def read_small(path: Path, limit: int = MAX_SMALL_FILE) -> bytes:
    """A small regular file (a credential file), read without blocking on a FIFO or reading a device forever.

    OSError if it is not a regular file, cannot be read, or is larger than limit.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(65536, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise OSError(errno.EFBIG, f"larger than {limit // 1024} KiB", str(path))
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_bytes(path: str, limit: int = MAX_EXPLAIN_BYTES, stdin: BinaryIO | None = None) -> bytes:
    """At most limit bytes of path (counted as read, never trusted from stat()); more is an error."""
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
