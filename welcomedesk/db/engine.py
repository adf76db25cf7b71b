"""Engines with the SQLite pragmas WelcomeDesk relies on."""

from __future__ import annotations

import functools
import sqlite3
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError

from welcomedesk.config import DatabaseTarget
from welcomedesk.errors import StorageError
from welcomedesk.i18n import _

BUSY_TIMEOUT_MS = 5000

# Text another program wrote in a broken encoding reads with U+FFFD in place of the bad bytes,
# instead of failing the whole query (and quoting the bytes in its message).
_lenient_text = functools.partial(str, encoding="utf-8", errors="replace")


def make_engine(target: DatabaseTarget, *, foreign_keys: bool = True, passive: bool = False,
                explicit_transactions: bool = False) -> Engine:
    """An engine for ``target``; SQLite connections get foreign keys, WAL and a busy timeout.

    ``passive`` connections change nothing in the file — not even its journal mode — so a
    database can be looked at before it is accepted. ``explicit_transactions`` makes SQLite
    run DDL inside the transaction too (the driver's legacy mode commits DDL at once), so a
    migration that fails midway leaves the file as it was.
    """
    # hide_parameters: a failing statement's message must not carry a person's data into a log.
    if not target.is_sqlite:
        require_postgresql_driver()
        return create_engine(target.url, pool_pre_ping=True, hide_parameters=True)
    engine = create_engine(target.url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.text_factory = _lenient_text
        if explicit_transactions:
            dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            if not passive:
                # WAL lets readers work while another desk writes. Setting it writes the file's
                # header, so only a database already accepted gets it.
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.Error as exc:
            # Raised here, the driver's error would reach the caller unwrapped: wrap it as
            # SQLAlchemy wraps every other driver error, so one handler sorts them all.
            raise OperationalError("connection pragmas", None, exc) from exc
        finally:
            cursor.close()

    if explicit_transactions:

        @event.listens_for(engine, "begin")
        def _begin(connection: Connection) -> None:
            connection.exec_driver_sql("BEGIN")

    return engine


@functools.cache
def require_postgresql_driver() -> None:
    """Refuse a PostgreSQL address clearly when psycopg is not installed."""
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise StorageError(_(
            "A PostgreSQL database needs the psycopg driver, which is not installed. Install it with: "
            "pip install 'welcomedesk[postgres]' (in a source folder: pip install -e '.[postgres]')"
        )) from exc
