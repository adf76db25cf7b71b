"""A whole, consistent copy of a SQLite database, made with SQLite's own backup API.

Copying the main file alone would miss what is committed but still in its ``-wal`` file;
the backup API reads through SQLite, so the copy holds every committed change. It is written
to a private temp file beside the target and renamed into place.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from welcomedesk.errors import StorageError
from welcomedesk.files import replacing
from welcomedesk.i18n import _


def copy_into(origin: sqlite3.Connection, target: Path) -> None:
    """Copy the open database ``origin`` into the new file ``target`` with the backup API."""
    copy = sqlite3.connect(str(target))
    try:
        origin.backup(copy)
    finally:
        copy.close()


def copy_database(source: Path, target: Path) -> None:
    """Copy the SQLite database ``source`` to ``target`` (replaced whole, or left as it was)."""
    try:
        with replacing(target) as temp:
            origin = sqlite3.connect(str(source))
            try:
                copy_into(origin, temp)
            finally:
                origin.close()
    except (OSError, sqlite3.Error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else getattr(exc, "sqlite_errorname", "")
        raise StorageError(_("The database could not be copied to {target}: {error}").format(
            target=target, error=reason or type(exc).__name__)) from exc
