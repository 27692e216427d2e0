"""The one exception type of tco-err and the exit statuses every command uses."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """grep-like exit statuses, documented in the README and in --help."""

    FOUND = 0
    NOT_FOUND = 1
    ERROR = 2
    INTERRUPTED = 130


class TcoErrError(Exception):
    """A user-facing failure: one line of text and the exit status it maps to."""

    def __init__(self, message: str, status: ExitStatus = ExitStatus.ERROR) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
