"""What reading input needs from the system: a FIFO's writer waited for with a bound, a stdin left non-blocking
read blocking, and glibc's heap kept roomy for a large input's pieces."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from typing import BinaryIO

from tco_errcli.errors import TcoErrError

ROOMY_AFTER = 1024 * 1024  # a read this big: the input is large, the heap is made to keep what is freed
_roomy: list[bool] = []


def roomy_heap() -> None:
    """Have glibc keep freed memory for the next piece instead of giving it back at once (once per run, Linux).

    Each piece of a large input makes a few blocks of its size (decoded text, its bytes, their lowered copy);
    glibc returns such blocks to the system when they are freed, and the next piece's pages fault in afresh:
    on this machine a 64 MB log took 76,000 page faults and 0.23 s of system time, a quarter of the run. With
    blocks under 32 MiB taken from the heap and the heap trimmed only past 128 MiB free, 13,000 and 0.05 s; the
    peak RSS stays the same (it is set by what is live at once, not by what is kept free)."""
    if _roomy or not sys.platform.startswith("linux"):
        return
    _roomy.append(True)
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
        mallopt(-3, 32 * 1024 * 1024)  # M_MMAP_THRESHOLD (glibc's largest)
        mallopt(-1, 128 * 1024 * 1024)  # M_TRIM_THRESHOLD
    except (ImportError, OSError, AttributeError):  # not glibc (musl has it as a no-op), no ctypes
        return


def blocking(stream: BinaryIO) -> BinaryIO:
    """stream, read blocking: a stdin a parent left non-blocking (Node.js does) reads as empty before its data
    comes, so `lookup -` and `scan -` looked nothing up; it is read as any pipe once it is read at all."""
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        fd = stream.fileno()
        if not os.get_blocking(fd):
            os.set_blocking(fd, True)
    return stream


def fifo(path: str) -> BinaryIO:
    """A named FIFO, once something opens it for writing: open() alone waits for ever when nothing does, so it
    waits in a thread, and past WRITER_WAIT seconds that is a one-line error (a process substitution, <(cmd),
    has its writer already)."""
    import threading

    opened: list[int | BaseException] = []

    def wait() -> None:
        try:
            opened.append(os.open(path, os.O_RDONLY | getattr(os, "O_NOCTTY", 0)))
        except OSError as exc:
            opened.append(exc)

    waiter = threading.Thread(target=wait, daemon=True)  # left behind, blocked in open(), if nobody comes
    waiter.start()
    waiter.join(WRITER_WAIT)
    if not opened:
        raise TcoErrError.of("no_writer", path=path, seconds=f"{WRITER_WAIT:g}")
    if isinstance(opened[0], BaseException):
        raise opened[0]
    return os.fdopen(opened[0], "rb")


WRITER_WAIT = 10.0  # seconds a named FIFO waits for its writer
