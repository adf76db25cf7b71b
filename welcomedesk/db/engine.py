"""Engines with the SQLite pragmas WelcomeDesk relies on, and database errors made known."""

from __future__ import annotations

import contextlib
import sqlite3
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from welcomedesk.config import DatabaseTarget
from welcomedesk.errors import StorageError
from welcomedesk.i18n import _

BUSY_TIMEOUT_MS = 5000


def make_engine(target: DatabaseTarget, *, foreign_keys: bool = True) -> Engine:
    """An engine for ``target``; SQLite connections get foreign keys, WAL and a busy timeout."""
    # hide_parameters: a failing statement's message must not carry a person's data into a log.
    if not target.is_sqlite:
        return create_engine(target.url, pool_pre_ping=True, hide_parameters=True)
    engine = create_engine(target.url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            # WAL lets a reader and a writer work at once; it needs write access, which a
            # read-only database lacks — that case is refused by the open check instead.
            with contextlib.suppress(sqlite3.OperationalError):
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    return engine


def storage_error(exc: BaseException, where: str) -> StorageError:
    """Turn a database driver failure into a StorageError a person can act on."""
    # The first line only: a server's DETAIL line may quote a row's values.
    text = (str(getattr(exc, "orig", exc)).strip().splitlines() or [""])[0].lower()
    if "readonly" in text or "read-only" in text or "read only" in text:
        message = _("The database {where} is read-only: nothing can be saved there.")
    elif "locked" in text or "busy" in text:
        message = _("The database {where} is locked by another program. Try again in a moment.")
    elif "disk is full" in text or "database or disk is full" in text or "no space" in text:
        message = _("The disk holding the database {where} is full. Nothing was saved.")
    elif "not a database" in text or "malformed" in text or "corrupt" in text:
        message = _("The database {where} is damaged. Restore it from a backup.")
    elif "unable to open" in text or "could not connect" in text or "connection" in text:
        message = _("The database {where} cannot be opened.")
    else:
        message = _("The database {where} failed: {error}")
    return StorageError(message.format(where=where, error=text))


def is_storage_failure(exc: BaseException) -> bool:
    """Whether ``exc`` is the storage failing (locked, full, damaged...), not a bug in a query."""
    if isinstance(exc, OperationalError):
        return True
    # "file is not a database" arrives as the plain sqlite3.DatabaseError, not a subclass.
    return isinstance(exc, DBAPIError) and type(exc.orig) is sqlite3.DatabaseError
