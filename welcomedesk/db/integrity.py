"""Is the database sound? Asked before every bulk write, so nothing is written into a damaged file."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from welcomedesk.db.errors import Trouble, raise_known, storage_message
from welcomedesk.errors import StorageError


def check_sound(engine: Engine, where: str) -> None:
    """Refuse (StorageError) a SQLite database whose pages do not hold together.

    ``PRAGMA quick_check`` reads every page and index entry; PostgreSQL keeps its own
    checksums, so there it asks nothing.
    """
    if engine.dialect.name != "sqlite":
        return
    try:
        with engine.connect() as connection:
            verdict = [row[0] for row in connection.exec_driver_sql("PRAGMA quick_check").fetchmany(2)]
    except DBAPIError as exc:
        raise_known(exc, where)
    if verdict != ["ok"]:
        raise StorageError(storage_message(Trouble.DAMAGED, where))
