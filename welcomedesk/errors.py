"""Known errors a person can act on, cut from bugs.

Every known error carries a translated message (or several reasons) and the exit
code of the command-line contract. Anything else that escapes is a bug and is
allowed to crash loudly in tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from welcomedesk.i18n import _

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


@dataclass(frozen=True)
class Problem:
    """One reason input was refused, and the field it is about (None: the input as a whole).

    A form shows the message beside the field; an import reports it with its spreadsheet row.
    """

    field: str | None
    message: str
    row: int | None = None


class ValidationError(KnownError):
    """Input was refused; ``problems`` holds every reason with its field."""

    def __init__(self, message: str, reasons: Iterable[str] = (), field: str | None = None,
                 problems: Iterable[Problem] = ()) -> None:
        found = tuple(problems) or tuple(Problem(field, reason) for reason in (tuple(reasons) or (message,)))
        super().__init__(message, (p.message for p in found))
        self.problems: tuple[Problem, ...] = found
        self.field = field if field is not None else found[0].field

    @classmethod
    def of(cls, problems: Iterable[Problem]) -> ValidationError:
        """One error carrying every problem found (at least one)."""
        found = tuple(problems)
        return cls(found[0].message, problems=found)

    def messages_for(self, field: str | None) -> list[str]:
        """The messages about ``field``."""
        return [p.message for p in self.problems if p.field == field]


class ConflictError(KnownError):
    """Someone else saved the record first, or the record already exists."""


def stale_record() -> ConflictError:
    """The refusal of a save over a record another desk saved after it was opened."""
    return ConflictError(_("Someone else saved this record after you opened it. Open it again to see their "
                           "changes."))


class DuplicateError(ConflictError):
    """A save would repeat a value that must be unique; ``field`` names it (never the value)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class PermissionDenied(KnownError):
    """The acting staff account lacks the role for this act."""


class StorageError(KnownError):
    """The database is missing, locked, full, damaged, read-only or of a newer schema.

    ``saving``: the trouble was met while saving, so nothing of that save was kept and it can be retried.
    """

    exit_code = EXIT_STORAGE
    saving = False


class UsageError(KnownError):
    """The command line was used wrongly."""

    exit_code = EXIT_USAGE
