"""Known errors a person can act on, cut from bugs.

Every known error carries a translated message (or several reasons) and the exit
code of the command-line contract. Anything else that escapes is a bug and is
allowed to crash loudly in tests.
"""

from __future__ import annotations

from collections.abc import Iterable

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_STORAGE = 3
EXIT_BUG = 4
EXIT_INTERRUPTED = 130


class KnownError(Exception):
    """An error the person at the desk (or the script) can act on."""

    exit_code = EXIT_REFUSED

    def __init__(self, message: str, reasons: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.reasons: tuple[str, ...] = tuple(reasons) or (message,)

    def __str__(self) -> str:
        return self.message


class ValidationError(KnownError):
    """Input was refused; `reasons` holds every reason, `field` names the field if one."""

    def __init__(self, message: str, reasons: Iterable[str] = (), field: str | None = None) -> None:
        super().__init__(message, reasons)
        self.field = field


class ConflictError(KnownError):
    """Someone else saved the record first, or the record already exists."""


class DuplicateError(ConflictError):
    """A save would repeat a value that must be unique; ``field`` names it (never the value)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class PermissionDenied(KnownError):
    """The acting staff account lacks the role for this act."""


class StorageError(KnownError):
    """The database is missing, locked, full, damaged, read-only or of a newer schema."""

    exit_code = EXIT_STORAGE


class UsageError(KnownError):
    """The command line was used wrongly."""

    exit_code = EXIT_USAGE
