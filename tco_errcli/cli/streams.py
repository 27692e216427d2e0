"""The process's standard streams, made safe: closed, full, piped shut, or unable to encode what we print.

- A closed descriptor (`>&-`, `<&-`, `2>&-`) is reopened on /dev/null, so that no file we open later lands
  on it; the stream itself is remembered as closed (reading stdin, writing stdout then fail in one line).
- Output is encoded with `backslashreplace`: a Latin-1 or GBK terminal gets what it can hold, and escapes.
- A write that fails (ENOSPC on /dev/full, EBADF) becomes a TcoErrError; EPIPE stays BrokenPipeError,
  which the CLI treats as the reader having had enough.
- stderr carries one-line messages through the run's masker; if it cannot be written, the message is lost,
  never the exit status.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import BinaryIO, TextIO

from tco_errcli.errors import TcoErrError
from tco_errcli.redact import Masker, one_line

MAX_MESSAGE = 2000  # one stderr line at most this long: a 5 MB value echoed in an error is cut


def reopen_closed_descriptors() -> tuple[bool, bool, bool]:
    """Occupy closed fds 0-2 with /dev/null; return which of stdin, stdout, stderr were closed."""
    closed = []
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
            closed.append(False)
        except OSError:
            with contextlib.suppress(OSError):
                os.open(os.devnull, os.O_RDWR)  # the lowest free descriptor: this one
            closed.append(True)
    return closed[0], closed[1], closed[2]


def tolerant(stream: TextIO | None) -> TextIO | None:
    """stream, set to escape what its encoding cannot hold rather than raise UnicodeEncodeError."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):  # a detached or closed stream: writes will report it
            reconfigure(errors="backslashreplace")
    return stream


def _write_error(exc: OSError) -> TcoErrError:
    if exc.errno == errno.EBADF:
        return _closed()
    return TcoErrError.of("cannot_write", reason=exc.strerror or str(exc))


def _closed() -> TcoErrError:
    return TcoErrError.of("output_closed")


class _Stream:
    """What both wrappers answer for the stream they hold (None when it is closed)."""

    _stream: TextIO | None

    def isatty(self) -> bool:
        try:
            return self._stream is not None and self._stream.isatty()
        except (OSError, ValueError):
            return False

    @property
    def encoding(self) -> str:
        return getattr(self._stream, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str:
        return "backslashreplace"

    @property
    def text(self) -> TextIO | None:
        """The stream held (None when closed), for another wrapper of it: run's report on stderr."""
        return self._stream

    def raw(self) -> BinaryIO | None:
        """The bytes under the stream, unbuffered where it has a descriptor (what was written as text is flushed
        first): `tco-err run` writes another command's output there unchanged, which is not ours to mask."""
        if self._stream is None:
            return None
        with contextlib.suppress(OSError, ValueError):
            self._stream.flush()
        try:
            return open(self._stream.fileno(), "wb", buffering=0, closefd=False)  # the descriptor stays open
        except (AttributeError, OSError, ValueError):  # no descriptor (an in-process test): its buffer
            return getattr(self._stream, "buffer", None)


class Output(_Stream):
    """stdout for the commands: every failure to write is a TcoErrError, except a closed pipe (EPIPE).

    masker: the run's, for text written outside a renderer (a --json error document); renderers write
    through render.get(), which masks on its own.
    """

    def __init__(self, stream: TextIO | None, masker: Masker | None = None) -> None:
        self._stream = stream
        self.masker = masker

    @property
    def closed(self) -> bool:
        return self._stream is None

    def write(self, text: str) -> int:
        if self._stream is None:
            raise _closed()
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as exc:
            raise _write_error(exc if isinstance(exc, OSError) else OSError(errno.EBADF, str(exc))) from None

    def encode(self, text: str) -> bytes:
        """text as write_bytes() wants it: in the stream's encoding, with escapes for what it cannot hold."""
        return text.encode(self.encoding, "backslashreplace")

    def write_bytes(self, data: bytes) -> None:
        """Already encoded output (a batch writes the same line many times: encode each once)."""
        buffer = getattr(self._stream, "buffer", None)
        if buffer is None:
            self.write(data.decode(self.encoding, "replace"))
            return
        try:
            buffer.write(data)
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as exc:
            raise _write_error(exc if isinstance(exc, OSError) else OSError(errno.EBADF, str(exc))) from None

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as exc:
            raise _write_error(exc if isinstance(exc, OSError) else OSError(errno.EBADF, str(exc))) from None


class Messages(_Stream):
    """stderr: what is written passes the masker, becomes inert and one line (a newline cannot forge a
    second message), and is cut at MAX_MESSAGE; failing to write it is not an error of the command."""

    def __init__(self, stream: TextIO | None, masker: Masker) -> None:
        self._stream = stream
        self.masker = masker

    def say(self, message: str) -> None:
        text = one_line(self.masker.mask(message))
        if len(text) > MAX_MESSAGE:
            text = text[:MAX_MESSAGE] + f"… ({len(text) - MAX_MESSAGE} more characters cut)"
        self.write(text + "\n")

    def write(self, text: str) -> int:
        """Raw writes (typer's usage errors, rich's progress bar) are masked too, but keep their layout."""
        if self._stream is None:
            return len(text)
        with contextlib.suppress(OSError, ValueError):
            self._stream.write(self.masker.mask(text))
        return len(text)

    def flush(self) -> None:
        if self._stream is not None:
            with contextlib.suppress(OSError, ValueError):
                self._stream.flush()

    def fileno(self) -> int:
        if self._stream is None:
            raise OSError(errno.EBADF, "standard error is closed")
        return self._stream.fileno()


def process_streams() -> None:
    """Once, at start: reopen closed descriptors and make sys.std* tolerant of encodings."""
    closed_in, closed_out, closed_err = reopen_closed_descriptors()
    if closed_in:
        sys.stdin = None
    if closed_out:
        sys.stdout = None
    if closed_err:
        sys.stderr = None
    tolerant(sys.stdout)
    tolerant(sys.stderr)
