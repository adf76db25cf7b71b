"""Views logged even while another desk holds SQLite's write lock.

Looking people up reads through WAL without waiting for a writer, but its audit row is a
write. When another desk holds the lock for long (a 10 000-row import), the row goes to a
small spool database beside the main file instead, durably, before the data is shown; the
next desk that can write moves spooled rows into the audit table. A row moved twice (a crash
between the two commits) is recognised by its exact time, account and act, and kept once.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from welcomedesk.db.audit_chain import Head, append, hold
from welcomedesk.db.engine import BUSY_TIMEOUT_MS
from welcomedesk.db.errors import Trouble, trouble_of
from welcomedesk.files import create_private_file
from welcomedesk.model import AuditEntry

# How long a view waits for the write lock before it spools its audit row instead.
WAIT_MS = 100
_COLUMNS = ("at", "account_id", "action", "entity", "entity_id", "fields")
_SCHEMA = ("CREATE TABLE IF NOT EXISTS pending (id INTEGER PRIMARY KEY, at TEXT NOT NULL, account_id INTEGER NOT NULL, "
           "action TEXT NOT NULL, entity TEXT NOT NULL, entity_id INTEGER, fields TEXT NOT NULL)")

Act = dict[str, Any]


def spool_path(database: Path) -> Path:
    """The spool beside the SQLite file ``database``."""
    return database.with_name(database.name + ".audit-spool")


@contextlib.contextmanager
def _spool(path: Path) -> Iterator[sqlite3.Connection]:
    create_private_file(path)
    connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        connection.execute(_SCHEMA)
        yield connection
        connection.commit()
    finally:
        connection.close()


@contextlib.contextmanager
def _waiting_briefly(engine: Engine) -> Iterator[Any]:
    with engine.connect() as connection:
        connection.exec_driver_sql(f"PRAGMA busy_timeout={WAIT_MS}")
        try:
            yield connection
        finally:
            connection.rollback()
            connection.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def log_acts(engine: Engine, database: Path, acts: Sequence[Act]) -> Head | None:
    """Write ``acts`` to the audit table, or to the spool when the table is locked for now; returns the
    chain's new head (None: spooled, or moved with the spool's rows).

    Raises the database error when neither can be written.
    """
    try:
        with _waiting_briefly(engine) as connection:
            head = append(connection, list(acts))
            connection.commit()
    except DBAPIError as exc:
        if trouble_of(exc) is not Trouble.LOCKED:
            raise
        try:
            with _spool(spool_path(database)) as spool:
                spool.executemany(
                    f"INSERT INTO pending ({', '.join(_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)",
                    [(a["at"].isoformat(), a["account_id"], a["action"], a["entity"], a["entity_id"], a["fields"])
                     for a in acts])
        except (OSError, sqlite3.Error):
            raise exc from None
        return None
    drain(engine, database)
    return head


def drain(engine: Engine, database: Path) -> int:
    """Move spooled rows into the audit table if it can be written now; returns how many moved.

    They join the chain when they are moved, after what was written meanwhile: the chain's order is the
    order the table received its entries, and each keeps its own moment."""
    path = spool_path(database)
    if not path.exists():
        return 0
    try:
        with _spool(path) as spool:
            rows = spool.execute(f"SELECT id, {', '.join(_COLUMNS)} FROM pending ORDER BY id").fetchall()
            if not rows:
                return 0
            with _waiting_briefly(engine) as connection:
                # Held before looking: two desks moving the same spooled rows at once would each find them
                # missing and write them twice.
                hold(connection)
                for row in rows:
                    act = dict(zip(_COLUMNS, row[1:], strict=True)) | {"at": datetime.fromisoformat(row[1])}
                    same = and_(*(getattr(AuditEntry, name) == act[name] if act[name] is not None
                                  else getattr(AuditEntry, name).is_(None) for name in _COLUMNS))
                    if connection.scalar(select(AuditEntry.id).where(same).limit(1)) is None:
                        append(connection, [act])
                connection.commit()
            spool.execute(f"DELETE FROM pending WHERE id <= {int(rows[-1][0])}")
            return len(rows)
    except DBAPIError as exc:
        if trouble_of(exc) is None:
            raise
        return 0  # locked (or worse, which the next act reports): the rows wait for the next chance
    except (OSError, sqlite3.Error):
        return 0  # the spool itself cannot be read now; its rows stay in it
