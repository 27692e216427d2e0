"""Reading what users give us: a path or "-" (stdin), with size caps and decoding rules, never a traceback.

The readers: whole and capped (read_bytes, read_small), line by line with a cap per line (bounded_lines), in
pieces cut at line ends in one reused buffer (line_pieces: both scan engines), and a pipe or terminal as its
lines arrive, with the moments it goes quiet (live_fd, live_lines: explain).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO

from tco_errcli.errors import TcoErrError

from .system import ROOMY_AFTER, blocking, fifo, roomy_heap

MAX_EXPLAIN_BYTES = 64 * 1024 * 1024  # explain holds its input in memory; scan streams
MAX_SMALL_FILE = 1024 * 1024  # credential files and the like
MAX_QUERY = 200  # characters of a `lookup -` line that are looked up
_SKIP = 1024 * 1024
CHUNK = 4 * 1024 * 1024  # line_pieces reads this much at a time
MAX_CARRY = 8 * 1024 * 1024  # a line longer than this is handed over in pieces
TAIL = 1024  # kept from such a piece for the next one: longer than any match a reader looks for
QUIET_SECONDS = 0.3  # live input quiet this long: whatever record is open is complete
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def describe(path: str) -> str:
    return "standard input" if path == "-" else path


def open_binary(path: str, stdin: BinaryIO | None = None) -> BinaryIO:
    """Open path (or '-' for stdin) for reading bytes; every failure is a TcoErrError naming the problem."""
    if path == "-":
        stdin = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
        if stdin is None:
            raise TcoErrError.of("stdin_closed")
        return blocking(stdin)
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
        if stat.S_ISFIFO(info.st_mode):
            return fifo(path)
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
            raise TcoErrError.of("read_failed", path=name, reason=exc.strerror or exc) from None
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
                    raise TcoErrError.of("line_too_long", path=name, mib=limit // 2**20)
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

    NUL bytes are dropped (a binary file is searched for the text inside it), or end a record (without_nuls).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return without_nuls(data[len(bom) :].decode(encoding, errors="replace"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        # many invalid sequences and no NULs: more likely GBK/GB18030 text than damaged UTF-8
        if text.count("\ufffd") * 50 > len(text) and b"\0" not in data:
            with contextlib.suppress(UnicodeDecodeError):
                text = data.decode("gb18030")
    return without_nuls(text)


def without_nuls(text: str) -> str:
    """text without NULs: between records (`env -0`, `find -print0`, /proc/*/environ) a line end, so that
    KEY=VALUE does not run into the next record; where they are many (UTF-16 read as bytes, a binary) nothing."""
    if "\0" not in text:
        return text
    if text.count("\0") * 8 < len(text):  # beside a separator ("secret_key\0=\0V") a NUL separates nothing
        return re.sub("\0+", "\n", re.sub("\0+(?=[=:：])|(?<=[=:：])\0+", "", text))
    return text.replace("\0", "")


def read_text(path: str, stdin: BinaryIO | None = None) -> str:
    return decode(read_bytes(path, stdin=stdin))


def read_pieces(path: str, stdin: BinaryIO | None = None, size: int = CHUNK) -> Iterator[str]:
    """path decoded in pieces that end at line ends (but the last, and the pieces of a line longer than
    MAX_CARRY), in bounded memory whatever its size: decode()'s encodings, chosen by the first piece.
    Opening fails at once; a read that fails later raises TcoErrError where it failed."""
    stream = open_binary(path, stdin)
    return _decoded(stream, path, size)


def _decoded(stream: BinaryIO, path: str, size: int) -> Iterator[str]:
    import codecs

    decoder: codecs.IncrementalDecoder | None = None
    unended = 0  # bytes of a line still without its end (/dev/zero has none)
    try:
        for buf, end, cut in line_pieces(stream, size):
            unended = unended + end if cut else 0
            if unended > MAX_LINE_BYTES:
                raise TcoErrError.of("line_too_long", path=describe(path), mib=MAX_LINE_BYTES // 2**20)
            if end >= ROOMY_AFTER:
                roomy_heap()
            with memoryview(buf) as view:
                data = bytes(view[:end])
            if decoder is None:
                encoding, bom = _encoding(data)
                decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
                data = data[bom:]
            text = decoder.decode(data)
            yield without_nuls(text)
        rest = decoder.decode(b"", final=True) if decoder is not None else ""
        if rest:
            yield without_nuls(rest)
    except OSError as exc:
        raise TcoErrError.of("read_failed", path=describe(path), reason=exc.strerror or exc) from None
    finally:
        if path != "-":  # stdin is not ours to close
            stream.close()


def _encoding(first: bytes) -> tuple[str, int]:
    """The encoding decode() would choose, judged by an input's first piece, and the length of its BOM."""
    for bom, encoding in _BOMS:
        if first.startswith(bom):
            return encoding, len(bom)
    try:
        first.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(first) - 3:  # a character cut at the piece's end: the next piece completes it
            return "utf-8", 0
        text = first.decode("utf-8", errors="replace")
        if text.count("\ufffd") * 50 > len(text) and b"\0" not in first:
            with contextlib.suppress(UnicodeDecodeError):
                first.decode("gb18030")
                return "gb18030", 0
    return "utf-8", 0


class LineTooLong(ValueError):
    """line_pieces(spill=False) met a line longer than max_carry."""


def line_pieces(
    stream: IO[bytes],
    size: int = CHUNK,
    *,
    max_carry: int = MAX_CARRY,
    spill: bool = True,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[bytes | bytearray, int, bool]]:
    """stream in pieces (buffer, end, cut_inside_a_line), read into one reused buffer: memory stays bounded.

    buffer[:end] ends at a line end, except the last piece (the input's unfinished last line, a fresh copy) and,
    with spill, a line longer than max_carry: it comes in pieces cut TAIL bytes before what was read, the tail
    kept for the next piece (cut_inside_a_line is True), so that a match starting before end may run past it.
    Without spill such a line raises LineTooLong. The buffer is reused: use buffer[:end] before the next piece.
    progress(n) is told the bytes of each read.
    """
    buf = bytearray(size)
    filled = 0  # bytes at the start of buf carried over from the last read (an unfinished line)
    while True:
        if len(buf) - filled < size // 2:
            if not spill and len(buf) > max_carry:
                raise LineTooLong(f"a line longer than {max_carry} bytes")
            buf.extend(bytes(size))  # the carried line is long: make room, up to max_carry + size
        with memoryview(buf) as view:
            n = stream.readinto(view[filled:])  # type: ignore[attr-defined]
        if not n:
            break
        if progress:
            progress(n)
        end = filled + n
        cut = buf.rfind(b"\n", 0, end) + 1
        if cut:
            yield buf, cut, False
        elif spill and end > max_carry:
            cut = end - TAIL  # one huge line: hand over what starts before the tail, keep the tail
            yield buf, cut, True
        else:
            filled = end
            continue
        buf[: end - cut] = buf[cut:end]
        filled = end - cut
        if len(buf) > 2 * size and filled < size:
            del buf[2 * size :]  # give back the room a long line needed
    if filled:
        yield bytes(buf[:filled]), filled, False  # a copy: nothing stale after it for a pattern to run into


def live_fd(stdin: Any, path: str) -> int | None:
    """stdin's descriptor when path is "-" and stdin is a pipe, socket or terminal (read as it comes); else None."""
    if path != "-" or stdin is None:
        return None
    try:
        fd = int(stdin.fileno())
        mode = os.fstat(fd).st_mode
    except (AttributeError, OSError, ValueError):
        return None
    return fd if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or os.isatty(fd) else None


LIVE_READ = 1024 * 1024  # what a pipe already holds is read at once, up to this: big reads are prefiltered


def _available(fd: int) -> tuple[bytes, bool]:
    """One read of fd, and what more it already holds (a fast writer fills the pipe again at once), up to
    LIVE_READ; and whether the end was reached."""
    import select

    chunk = os.read(fd, 65536)
    if not chunk:
        return chunk, True
    parts = [chunk]
    size = len(chunk)
    while size < LIVE_READ:
        try:
            ready, _, _ = select.select([fd], [], [], 0)
        except (OSError, ValueError):
            break
        if not ready:
            break
        more = os.read(fd, 65536)
        if not more:
            return b"".join(parts), True
        parts.append(more)
        size += len(more)
    return b"".join(parts), False


def live_lines(fd: int, quiet: float = QUIET_SECONDS) -> Iterator[list[str] | None]:
    """The complete lines of a pipe or terminal as they arrive, a read at a time; None each time it goes quiet."""
    import codecs
    import select

    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    partial = ""
    while True:
        try:
            ready, _, _ = select.select([fd], [], [], quiet)
        except (OSError, ValueError):  # no select() on this descriptor (Windows pipes): read blocking
            ready = [fd]
        if not ready:
            if partial:  # a last line without its newline (a prompt, printf): quiet long enough, it is complete
                yield [partial]
                partial = ""
            yield None
            continue
        chunk, ended = _available(fd)
        if not chunk:
            break
        if len(chunk) >= ROOMY_AFTER // 2:
            roomy_heap()
        lines = (partial + without_nuls(decoder.decode(chunk))).split("\n")
        partial = lines.pop()
        if len(partial) > 1024 * 1024:  # a "line" without end: explain it in pieces rather than hold it all
            lines.append(partial)
            partial = ""
        if lines:
            yield lines
        if ended:
            break
    rest = partial + decoder.decode(b"", final=True)
    if rest:
        yield [rest]
