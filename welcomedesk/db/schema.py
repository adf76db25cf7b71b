"""Open a database: check its schema version and upgrade only when one is due.

The revision list is kept here so that an ordinary start reads one row and never
imports Alembic; a test keeps it equal to the migration scripts.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from welcomedesk.config import DatabaseTarget
from welcomedesk.db.engine import is_storage_failure, make_engine, storage_error
from welcomedesk.errors import StorageError
from welcomedesk.i18n import _

# Oldest first; the last one is the schema this code works with.
REVISIONS: tuple[str, ...] = ("0001",)
HEAD = REVISIONS[-1]


def current_revision(connection: Connection) -> str | None:
    """The Alembic revision stamped in the database, or None for an empty database."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def open_engine(target: DatabaseTarget, *, create: bool = False) -> tuple[Engine, str]:
    """Open ``target``, upgrading its schema if it is older; returns the engine and what was done.

    ``create`` (the ``init`` command) also makes a missing database. What was done is one
    of "created", "upgraded", "current".
    """
    where = target.describe()
    if target.sqlite_path is not None:
        path = target.sqlite_path
        if not path.exists():
            if not create:
                raise StorageError(
                    _("There is no database at {where}. Create it with: welcomedesk init").format(where=where)
                )
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(_("The folder for the database {where} cannot be made: {error}").format(
                    where=where, error=exc.strerror)) from exc
    engine = make_engine(target)
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
            _check_writable(connection, target)
    except DBAPIError as exc:
        engine.dispose()
        if is_storage_failure(exc):
            raise storage_error(exc, where) from exc
        raise
    if revision == HEAD:
        return engine, "current"
    if revision is not None and revision not in REVISIONS:
        engine.dispose()
        raise StorageError(
            _("The database {where} was made by a newer WelcomeDesk. Update the program before opening it.").format(
                where=where)
        )
    if revision is None and not create:
        engine.dispose()
        raise StorageError(
            _("The database {where} is empty. Create it with: welcomedesk init").format(where=where)
        )
    if revision is not None and target.sqlite_path is not None:
        _copy_before_upgrade(target.sqlite_path, revision)
    engine.dispose()
    upgrade(target)
    return make_engine(target), ("created" if revision is None else "upgraded")


def _check_writable(connection: Connection, target: DatabaseTarget) -> None:
    if target.sqlite_path is None:
        return
    # Rewriting user_version is a harmless write; a read-only file or mount refuses it.
    version = connection.execute(text("PRAGMA user_version")).scalar()
    connection.execute(text(f"PRAGMA user_version={int(version or 0)}"))
    connection.commit()


def _copy_before_upgrade(path: Path, revision: str) -> None:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    copy = path.with_name(f"{path.name}.before-{revision}-{stamp}.bak")
    try:
        shutil.copy2(path, copy)
    except OSError as exc:
        raise StorageError(
            _("The database could not be copied before its upgrade: {error}").format(error=exc.strerror)
        ) from exc


def upgrade(target: DatabaseTarget) -> None:
    """Run the Alembic migrations up to HEAD (imports Alembic; only when an upgrade is due)."""
    from welcomedesk.db.migrate import run_upgrade

    run_upgrade(target)
