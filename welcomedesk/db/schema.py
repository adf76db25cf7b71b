"""Open a database: look at it without writing, refuse what is not ours, upgrade only when due.

The revision list is kept here so that an ordinary start reads the version row and never
imports Alembic; a test keeps it equal to the migration scripts.
"""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from welcomedesk.config import DatabaseTarget
from welcomedesk.db.engine import BUSY_TIMEOUT_MS, make_engine
from welcomedesk.db.errors import Trouble, raise_known, storage_message, trouble_of
from welcomedesk.db.probe import Finding, Kind, examine
from welcomedesk.errors import StorageError
from welcomedesk.files import create_private_file, make_private_dir
from welcomedesk.i18n import _

# Oldest first; the last one is the schema this code works with.
REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010",
                              "0011", "0012", "0013", "0014")
HEAD = REVISIONS[-1]


def open_engine(target: DatabaseTarget, *, create: bool = False) -> tuple[Engine, str]:
    """Open ``target``, upgrading its schema if it is older; returns the engine and what was done.

    ``create`` (the ``init`` command) also makes a missing or empty database. What was done
    is one of "created", "upgraded", "current". A refused database is left byte for byte as
    it was.
    """
    where = target.describe()
    made_file = False
    if target.sqlite_path is not None:
        made_file = _prepare_file(target.sqlite_path, where, create)
    try:
        finding = _examine(target, where)
        _refuse(finding, where, create)
        engine = make_engine(target)
        try:
            _check_writable(engine, where)
        except BaseException:
            engine.dispose()
            raise
        if finding.revision == HEAD:
            return engine, "current"
        engine.dispose()
        if finding.revision is not None and target.sqlite_path is not None:
            from welcomedesk.db.integrity import check_sound
            from welcomedesk.db.snapshot import copy_database

            check_engine = make_engine(target, passive=True)
            try:
                check_sound(check_engine, where)
            finally:
                check_engine.dispose()
            copy_database(target.sqlite_path, _copy_name(target.sqlite_path, finding.revision))
        upgrade(target)
    except BaseException:
        if made_file and target.sqlite_path is not None:
            _remove_new_file(target.sqlite_path)
        raise
    return make_engine(target), ("created" if finding.revision is None else "upgraded")


def _prepare_file(path: Path, where: str, create: bool) -> bool:
    """Check the file is one SQLite can use; with ``create``, make a missing one (private)."""
    try:
        if path.exists():
            if not path.is_file():
                raise StorageError(_("{where} is not a database file.").format(where=where))
            return False
        if not create:
            raise StorageError(
                _("There is no database at {where}. Create it with: welcomedesk init").format(where=where))
        make_private_dir(path.parent)
        return create_private_file(path)
    except OSError as exc:
        raise StorageError(_("The database {where} cannot be made or opened: {error}").format(
            where=where, error=exc.strerror or type(exc).__name__)) from exc


def _remove_new_file(path: Path) -> None:
    # init made this file a moment ago and failed: leave nothing half-made behind.
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _examine(target: DatabaseTarget, where: str) -> Finding:
    engine = make_engine(target, passive=True)
    try:
        with engine.connect() as connection:
            return examine(connection, REVISIONS)
    except DBAPIError as exc:
        raise_known(exc, where)
    finally:
        engine.dispose()


def _refuse(finding: Finding, where: str, create: bool) -> None:
    kind = finding.kind
    if kind is Kind.EMPTY and not create:
        raise StorageError(_("The database {where} is empty. Create it with: welcomedesk init").format(where=where))
    if kind is Kind.FOREIGN:
        raise StorageError(_(
            "{where} is not a WelcomeDesk database: it holds another program's data. It was left as it was; "
            "choose another file or an empty database."
        ).format(where=where))
    if kind is Kind.UNVERSIONED:
        raise StorageError(_(
            "The database {where} holds WelcomeDesk's tables, but the record of its version is missing, so it "
            "cannot be opened or upgraded safely. It was left as it was; restore it from a backup."
        ).format(where=where))
    if kind is Kind.NEWER:
        raise StorageError(_(
            "The database {where} was made by a newer WelcomeDesk. Update the program before opening it."
        ).format(where=where))
    if kind is Kind.INCOMPLETE:
        missing = ", ".join(finding.missing[:5]) + (" …" if len(finding.missing) > 5 else "")
        raise StorageError(_(
            "The database {where} is damaged: part of it is missing ({missing}). Restore it from a backup."
        ).format(where=where, missing=missing))


def _check_writable(engine: Engine, where: str) -> None:
    """Refuse a database nothing can be saved in, without writing to it or waiting for a lock."""
    try:
        raw = engine.raw_connection()
    except DBAPIError as exc:
        raise_known(exc, where)
    try:
        if engine.dialect.name != "sqlite":
            return
        dbapi = raw.driver_connection
        assert isinstance(dbapi, sqlite3.Connection)
        dbapi.execute("PRAGMA busy_timeout=0")
        try:
            # A write inside a transaction that is then rolled back: a read-only file refuses it,
            # and nothing reaches the file. A busy one (another desk is saving) is writable, and
            # nothing waits for it here.
            dbapi.execute("BEGIN IMMEDIATE")
            version = int(dbapi.execute("PRAGMA user_version").fetchone()[0])
            dbapi.execute(f"PRAGMA user_version={version}")
        except sqlite3.Error as exc:
            trouble = trouble_of(exc)
            if trouble is not Trouble.LOCKED:
                raise StorageError(storage_message(trouble or Trouble.READ_ONLY, where)) from exc
        finally:
            if dbapi.in_transaction:
                dbapi.execute("ROLLBACK")
            dbapi.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        raw.close()


def _copy_name(path: Path, revision: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return path.with_name(f"{path.name}.before-{revision}-{stamp}.bak")


def upgrade(target: DatabaseTarget) -> None:
    """Run the Alembic migrations up to HEAD (imports Alembic; only when an upgrade is due)."""
    from welcomedesk.db.migrate import run_upgrade

    run_upgrade(target)
