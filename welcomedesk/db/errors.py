"""Database failures sorted by the driver's own code, never by reading its message.

SQLite's result codes (``sqlite_errorcode``) and PostgreSQL's SQLSTATE (psycopg's
``sqlstate``) say what went wrong: the storage failing (busy, locked, read-only, I/O,
damaged, full, can't open) is a StorageError, a repeated unique value is a DuplicateError
naming the field, and everything else — a mistyped column, a NOT NULL violation — is a bug.
"""

from __future__ import annotations

import sqlite3
from enum import Enum
from typing import NoReturn

from sqlalchemy.exc import DBAPIError

from welcomedesk.errors import DuplicateError, KnownError, StorageError
from welcomedesk.i18n import N_, Message, _
from welcomedesk.person_fields import FIELD


class Trouble(Enum):
    """What a storage failure means to the person at the desk."""

    LOCKED = "locked"
    READ_ONLY = "read_only"
    IO = "io"
    DAMAGED = "damaged"
    FULL = "full"
    CANNOT_OPEN = "cannot_open"
    REFUSED_LOGIN = "refused_login"
    NO_RIGHTS = "no_rights"


# SQLite primary result codes (the low byte of the extended code).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_CONSTRAINT, _SQLITE_NOTADB, _SQLITE_AUTH = 19, 26, 23
_SQLITE_TROUBLE = {
    _SQLITE_BUSY: Trouble.LOCKED,
    _SQLITE_LOCKED: Trouble.LOCKED,
    _SQLITE_READONLY: Trouble.READ_ONLY,
    _SQLITE_PERM: Trouble.READ_ONLY,
    _SQLITE_IOERR: Trouble.IO,
    _SQLITE_CORRUPT: Trouble.DAMAGED,
    _SQLITE_NOTADB: Trouble.DAMAGED,
    _SQLITE_FULL: Trouble.FULL,
    _SQLITE_CANTOPEN: Trouble.CANNOT_OPEN,
}
# Extended codes of the unique kind: SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY.
_SQLITE_UNIQUE = frozenset({2067, 1555})

# PostgreSQL SQLSTATE codes and classes (the first two characters).
_PG_TROUBLE_CODES = {
    "40001": Trouble.LOCKED,  # serialization failure
    "40P01": Trouble.LOCKED,  # deadlock
    "55P03": Trouble.LOCKED,  # lock not available
    "57014": Trouble.LOCKED,  # statement cancelled (a lock or statement timeout)
    "25006": Trouble.READ_ONLY,  # read-only transaction (a standby server)
    "58030": Trouble.IO,
    "XX001": Trouble.DAMAGED,  # data corrupted
    "XX002": Trouble.DAMAGED,  # index corrupted
    "3D000": Trouble.CANNOT_OPEN,  # no such database
    "57P01": Trouble.CANNOT_OPEN,  # server shutting down
    "57P02": Trouble.CANNOT_OPEN,
    "57P03": Trouble.CANNOT_OPEN,  # cannot connect now
    "42501": Trouble.NO_RIGHTS,  # insufficient privilege
}
_PG_TROUBLE_CLASSES = {
    "08": Trouble.CANNOT_OPEN,  # connection exceptions
    "28": Trouble.REFUSED_LOGIN,  # invalid authorisation
    "53": Trouble.FULL,  # insufficient resources: disk full, out of memory, too many connections
}
_PG_UNIQUE = "23505"


# Fields other than a person's that a unique value can repeat in.
_OTHER_FIELDS = {"username": N_("User name"), "code": N_("Municipality code")}


def _field_label(name: str) -> Message | str:
    label = FIELD[name].label if name in FIELD else _OTHER_FIELDS.get(name)
    return Message(label) if label else name


def _messages() -> dict[Trouble, str]:
    return {
        Trouble.LOCKED: _("The database {where} is locked by another program. Try again in a moment."),
        Trouble.READ_ONLY: _("The database {where} is read-only: nothing can be saved there. Ask for the right to "
                             "write to it, or move it to a folder you can write to."),
        Trouble.IO: _("The database {where} could not be read or written (a disk error). Nothing was saved. Try "
                      "again; if it happens again, check the disk and restore the database from a backup."),
        Trouble.DAMAGED: _("The database {where} is damaged. Restore it from a backup."),
        Trouble.FULL: _("The disk holding the database {where} is full. Nothing was saved. Free some space on "
                        "it, then try again."),
        Trouble.CANNOT_OPEN: _("The database {where} cannot be opened."),
        Trouble.REFUSED_LOGIN: _("The database server at {where} refused the user name or password."),
        Trouble.NO_RIGHTS: _("The database account at {where} has no right to use WelcomeDesk's tables."),
    }


def storage_message(trouble: Trouble, where: str) -> str:
    """The translated sentence for ``trouble`` at ``where``."""
    return _messages()[trouble].format(where=where)


def _driver_error(exc: BaseException) -> BaseException:
    return exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc


def _is_psycopg(error: BaseException) -> bool:
    return type(error).__module__.split(".")[0] == "psycopg"


def trouble_of(exc: BaseException) -> Trouble | None:
    """The storage trouble ``exc`` reports, or None when it is not the storage failing."""
    error = _driver_error(exc)
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        return None if code is None else _SQLITE_TROUBLE.get(code & 0xFF)
    if _is_psycopg(error):
        state: str | None = getattr(error, "sqlstate", None)
        if state is None:
            # No SQLSTATE: the server was never reached (refused, unknown host, timed out).
            import psycopg

            return Trouble.CANNOT_OPEN if isinstance(error, psycopg.OperationalError) else None
        return _PG_TROUBLE_CODES.get(state) or _PG_TROUBLE_CLASSES.get(state[:2])
    return None


def duplicate_field(exc: BaseException) -> str | None:
    """The field a unique violation names ("" when it cannot be told), or None for other errors."""
    error = _driver_error(exc)
    if isinstance(error, sqlite3.Error):
        if getattr(error, "sqlite_errorcode", None) not in _SQLITE_UNIQUE:
            return None
        # "UNIQUE constraint failed: person.personal_identity_code": schema names, never values.
        names = str(error).partition(": ")[2].split(",")[0].strip()
        return names.rpartition(".")[2]
    if _is_psycopg(error) and getattr(error, "sqlstate", None) == _PG_UNIQUE:
        diag = error.diag  # type: ignore[attr-defined]
        constraint, table = diag.constraint_name or "", diag.table_name or ""
        prefix = f"uq_{table}_"  # the naming convention of model/base.py
        return constraint[len(prefix):] if constraint.startswith(prefix) else ""
    return None


def known_database_error(exc: BaseException, where: str) -> KnownError | None:
    """The known error ``exc`` is — storage trouble or a duplicate — or None for a bug."""
    trouble = trouble_of(exc)
    if trouble is not None:
        message = storage_message(trouble, where)
        if trouble is Trouble.CANNOT_OPEN and _is_psycopg(_driver_error(exc)):
            # The client library's first line says why (refused, unknown host); it never quotes data.
            reason = (str(_driver_error(exc)).strip().splitlines() or [""])[0]
            return StorageError(message, (message, reason) if reason else ())
        return StorageError(message)
    field = duplicate_field(exc)
    if field is not None:
        if field:
            message = _("{field}: the same value is already saved elsewhere, and it must be unique.")
            return DuplicateError(message.format(field=_field_label(field)), field=field)
        return DuplicateError(_("This would repeat a value that must be unique."))
    return None


def raise_known(exc: BaseException, where: str, *, saving: bool = False) -> NoReturn:
    """Raise the known error ``exc`` stands for, or ``exc`` itself when it is a bug; ``saving``: it was met
    while saving (a storage error then says so)."""
    known = known_database_error(exc, where)
    if known is not None:
        if isinstance(known, StorageError):
            known.saving = saving
        raise known from exc
    raise exc
