"""The one exception type of tco-err and the exit statuses every command uses."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Lang


class ExitStatus(IntEnum):
    """grep-like exit statuses, documented in the README and in --help."""

    FOUND = 0
    NOT_FOUND = 1
    ERROR = 2
    # explain --exit-verdict: what a CI job should do with the errors found (Report.verdict)
    RETRY = 3
    FIX = 4
    UNKNOWN = 5
    NO_CREDENTIALS = 3  # doctor: no credentials anywhere the SDKs look (an alias of RETRY's number)
    # run: a command that cannot be started, as a shell says it (its own status otherwise, 128+N for a signal)
    CANNOT_EXECUTE = 126
    COMMAND_NOT_FOUND = 127
    INTERRUPTED = 130


VERDICT_STATUS = {"retry": ExitStatus.RETRY, "fix": ExitStatus.FIX, "unknown": ExitStatus.UNKNOWN}


class TcoErrError(Exception):
    """A user-facing failure: one line of text and the exit status it maps to.

    Raised with `of(key, ...)`, it names its sentence in messages.py, so the CLI can say it in --lang.
    """

    def __init__(self, message: str, status: ExitStatus = ExitStatus.ERROR) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.key: str | None = None
        self.params: dict[str, Any] = {}

    @classmethod
    def of(cls, key: str, status: ExitStatus = ExitStatus.ERROR, **params: Any) -> TcoErrError:
        from .model import Lang
        from .words import message

        error = cls(message(key, Lang.EN, **params), status)
        error.key, error.params = key, params
        return error

    def text(self, lang: Lang) -> str:
        """The message in lang (English when it was raised without a key)."""
        if self.key is None:
            return self.message
        from .words import message

        return message(self.key, lang, **self.params)
