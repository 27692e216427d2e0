"""Running a command for `tco-err run`: its output passed on unchanged as it comes, a copy handed on as lines.

- The command's stdout and stderr are pipes read in one loop (a selector: neither can fill while the other is
  read). Each read is written at once, as bytes, to our stdout or stderr; then its text (UTF-8, or GB18030 for a
  line that is that; invalid bytes replaced, NULs dropped, lines longer than MAX_LINE_CHARS cut in pieces) is handed
  to `copy`. Memory is one read and one unfinished line per stream, whatever the command prints. `copy` runs
  between reads: a command printing faster than it can be read is slowed down, never cut.
- What leaves here is the command's own output, not tco-err's: it is not masked (emit.py masks what we print).
- A closed pipe on our side (`tco-err run -- cmd | head -1`) closes the command's pipe too, so it meets the
  same closed pipe it would meet without us; another failure to write (a full disk) is reported in Finished.lost
  and the stream is still read, so the command never blocks on it.
- Signals. On a terminal where we are the foreground job, the command stays in our process group: it can read
  the terminal (a prompt), and Ctrl-C, Ctrl-\\ and a hang-up reach it from the terminal itself, so they are not
  sent again (a second Ctrl-C makes Terraform stop at once); SIGTERM is forwarded to it. Anywhere else (CI,
  cron, a pipe) it gets a process group of its own, and SIGINT, SIGQUIT, SIGHUP and SIGTERM sent to tco-err are
  forwarded to that whole group. We wait for the command in every case, and stop it if we leave early.
- The status is a shell's: the command's exit code, 128+N when signal N ended it; one that cannot start is a
  TcoErrError with status 127 (not found) or 126 (found, not runnable).
"""

from __future__ import annotations

import contextlib
import os
import re
import selectors
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from types import FrameType
from typing import IO, BinaryIO, NamedTuple

from .errors import ExitStatus, TcoErrError

READ_SIZE = 64 * 1024
MAX_LINE_CHARS = 64 * 1024  # a longer "line" (binary output, a progress bar without newlines) is handed on in pieces
DRAIN_SECONDS = 1.0  # after the command exits, pipes it left open to a background process are read until quiet this long
POLL_SECONDS = 0.2
STOP_GRACE = 2.0  # seconds a command we stop is given after SIGTERM before SIGKILL

STDOUT, STDERR = 1, 2
# a terminal sends these to its foreground group (SIGQUIT and SIGHUP are POSIX's: the module imports anywhere)
TERMINAL_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGQUIT", "SIGHUP") if hasattr(signal, name))
FORWARDED = (*TERMINAL_SIGNALS, signal.SIGTERM)

Copy = Callable[[int, list[str]], object]  # (STDOUT or STDERR, the complete lines read from it)


class Finished(NamedTuple):
    status: int  # as a shell reports it: the exit code, or 128+N when signal N ended the command
    signal: int | None  # the signal that ended it
    lost: tuple[tuple[int, str], ...] = ()  # streams we could not write on (not a closed pipe), and why


def foreground() -> bool:
    """We are the foreground job of a terminal: the terminal's signals reach our whole process group."""
    for fd in (0, 1, 2):
        with contextlib.suppress(OSError):
            if os.isatty(fd) and os.tcgetpgrp(fd) == os.getpgrp():
                return True
    return False


def start(argv: Sequence[str | bytes], *, own_group: bool) -> subprocess.Popen[bytes]:
    """The command started with its output on pipes, or a TcoErrError saying in one line why it cannot be."""
    command = os.fsdecode(argv[0]) if argv else ""
    try:
        return subprocess.Popen(
            list(argv),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            bufsize=0,
            process_group=0 if own_group else None,
        )
    except FileNotFoundError:
        if "/" not in command:
            raise TcoErrError.of("command_not_found", ExitStatus.COMMAND_NOT_FOUND, command=command) from None
        if os.path.exists(command):  # the file is there: what is missing is the interpreter on its #! line
            raise TcoErrError.of("command_bad_interpreter", ExitStatus.CANNOT_EXECUTE, command=command) from None
        raise TcoErrError.of("command_no_such_file", ExitStatus.COMMAND_NOT_FOUND, command=command) from None
    except PermissionError:
        key = "command_is_directory" if os.path.isdir(command) else "command_not_executable"
        raise TcoErrError.of(key, ExitStatus.CANNOT_EXECUTE, command=command) from None
    except (OSError, ValueError, TypeError) as exc:  # ENOEXEC, E2BIG, ENOTDIR, a NUL in an argument
        reason = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
        raise TcoErrError.of("command_cannot_run", ExitStatus.CANNOT_EXECUTE, command=command, reason=reason) from None


class _Forwarder:
    """The signal handler while the command runs: passes each signal on as the module docstring says."""

    def __init__(self, terminal: bool) -> None:
        self.terminal = terminal
        self.process: subprocess.Popen[bytes] | None = None
        self.early: list[int] = []  # signals that came before the command started

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        if self.process is None:
            self.early.append(signum)
        else:
            self.send(signum)

    def attach(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        for signum in self.early:
            self.send(signum)

    def send(self, signum: int) -> None:
        process = self.process
        if process is None or process.returncode is not None:  # reaped: its pid may be another process's now
            return
        if self.terminal and signum in TERMINAL_SIGNALS:
            return  # the terminal sent it to the command as well
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if self.terminal:
                os.kill(process.pid, signum)
            else:
                os.killpg(process.pid, signum)


def _install(handler: _Forwarder) -> dict[int, object]:
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        return {}
    previous: dict[int, object] = {}
    for signum in FORWARDED:
        previous[signum] = signal.signal(signum, handler)
    return previous


def _restore(previous: dict[int, object]) -> None:
    for signum, handler in previous.items():
        with contextlib.suppress(ValueError, TypeError):
            signal.signal(signum, handler)  # type: ignore[arg-type]


def _text(line: bytes) -> str:
    """One line of output as text: UTF-8, or GB18030 where it is not UTF-8 but is that (a Chinese Windows tool's
    output: decoded as UTF-8 with replacements, "密钥：" lost its label and the key after it was shown); NULs dropped."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = line.decode("gb18030")
        except UnicodeDecodeError:
            text = line.decode("utf-8", errors="replace")
    return text.replace("\0", "") if "\0" in text else text


class _Pipe:
    """One of the command's output pipes: passed on to out, decoded into lines for copy."""

    def __init__(self, source: IO[bytes], out: BinaryIO | None, stream: int, copy: Copy) -> None:
        self.source = source
        self.fd = source.fileno()
        self.out = out
        self.stream = stream
        self.copy = copy
        self.partial = b""
        self.lost = ""  # why out could not be written, when it was not a closed pipe

    def read(self) -> bool:
        """One read passed on and copied; False at the end of the stream (or when our side of it closed)."""
        data = os.read(self.fd, READ_SIZE)
        if not data:
            self.finish()
            return False
        if self.out is not None and not self._write(data):
            self.finish()  # our reader is gone: the command meets a closed pipe, as it would without us
            return False
        self._lines(data)
        return True

    def _write(self, data: bytes) -> bool:
        assert self.out is not None
        try:
            with memoryview(data) as view:
                done = 0
                while done < len(data):  # an unbuffered file writes what the pipe takes: maybe less
                    written = self.out.write(view[done:])
                    if written is None:  # a non-blocking descriptor that is full
                        time.sleep(0.001)
                    done += written or 0
            self.out.flush()
        except BrokenPipeError:
            self.out = None
            return False
        except (OSError, ValueError) as exc:
            self.out = None
            self.lost = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
        return True

    def _lines(self, data: bytes) -> None:
        if b"\0" in data and data.count(b"\0") * 8 < len(data):  # as inputs.without_nuls: between records (env -0)
            # a line end, beside a separator nothing; many (UTF-16, a binary) are dropped by _text
            data = re.sub(b"\0+", b"\n", re.sub(b"\0+(?=[=:])|(?<=[=:])\0+", b"", data))
        lines = (self.partial + data).split(b"\n") if self.partial else data.split(b"\n")
        self.partial = lines.pop()
        if len(self.partial) > MAX_LINE_CHARS:
            lines.append(self.partial)
            self.partial = b""
        if lines:
            self.copy(self.stream, [_text(line) for line in lines])

    def finish(self) -> None:
        """The end of the stream: its last line (without a newline) copied, the pipe closed."""
        rest, self.partial = self.partial, b""
        if rest:
            self.copy(self.stream, [_text(rest)])
        with contextlib.suppress(OSError):
            self.source.close()


def _pump(process: subprocess.Popen[bytes], pipes: list[_Pipe]) -> None:
    """Read both pipes until they end, or until the command has exited and they stayed quiet DRAIN_SECONDS."""
    with selectors.DefaultSelector() as selector:
        for pipe in pipes:
            selector.register(pipe.fd, selectors.EVENT_READ, pipe)
        quiet_since: float | None = None  # once the command has exited: when a pipe last had data
        while selector.get_map():
            events = selector.select(POLL_SECONDS)
            for key, _ in events:
                pipe = key.data
                if not pipe.read():
                    selector.unregister(pipe.fd)
            exited = quiet_since is not None or process.poll() is not None
            if exited and (quiet_since is None or events):
                quiet_since = time.monotonic()
            if quiet_since is not None and time.monotonic() - quiet_since >= DRAIN_SECONDS:
                break  # something the command started in the background holds its pipes: not ours to wait for
        for key in list(selector.get_map().values()):
            key.data.finish()


def _stop(process: subprocess.Popen[bytes], own_group: bool) -> None:
    """End a command we are leaving early: SIGTERM, then SIGKILL after STOP_GRACE."""
    for signum in (signal.SIGTERM, signal.SIGKILL):
        if process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signum) if own_group else os.kill(process.pid, signum)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(STOP_GRACE)


def run(
    argv: Sequence[str | bytes],
    copy: Copy,
    out: BinaryIO | None,
    err: BinaryIO | None,
    *,
    terminal: bool | None = None,
) -> Finished:
    """Run argv: its stdout to out and its stderr to err as they come (None: read and dropped), a copy of each as
    lines to copy(STDOUT or STDERR, lines); returns once it has exited. terminal: whether we are the foreground
    job of a terminal (see the module docstring); found out when None."""
    terminal = foreground() if terminal is None else terminal
    forwarder = _Forwarder(terminal)
    previous = _install(forwarder)
    process: subprocess.Popen[bytes] | None = None
    try:
        process = start(argv, own_group=not terminal)
        forwarder.attach(process)
        assert process.stdout is not None and process.stderr is not None
        pipes = [_Pipe(process.stdout, out, STDOUT, copy), _Pipe(process.stderr, err, STDERR, copy)]
        _pump(process, pipes)
        returncode = process.wait()
    finally:
        if process is not None and process.poll() is None:
            _stop(process, own_group=not terminal)
        _restore(previous)
    lost = tuple((pipe.stream, pipe.lost) for pipe in pipes if pipe.lost)
    if returncode < 0:
        return Finished(128 - returncode, -returncode, lost)
    return Finished(returncode, None, lost)
