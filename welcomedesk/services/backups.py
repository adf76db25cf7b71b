"""Backups and restore, as the administrator does them: who may, what is audited, and the automatic copies.

Only SQLite databases are copied here; a PostgreSQL server's data is backed up with pg_dump and put back
with pg_restore, which know the server. The file mechanics live in ``db.backup``.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from welcomedesk.actor import Actor
from welcomedesk.codes import Role
from welcomedesk.config import DatabaseTarget, data_dir
from welcomedesk.db.audit_chain import Head, head_of
from welcomedesk.db.audit_head import reset_head
from welcomedesk.db.backup import BackupInfo, check_backup, keep_current, put_in_place, write_copy
from welcomedesk.db.session import Database, chained, open_database, unit_of_work
from welcomedesk.errors import PermissionDenied, StorageError, UsageError, ValidationError
from welcomedesk.files import make_private_dir
from welcomedesk.i18n import _
from welcomedesk.model.base import utcnow
from welcomedesk.services.accounts import account_actor, cli_actor, require_role
from welcomedesk.services.erasure import reapply_erasures
from welcomedesk.services.setup import initialise

__all__ = ["AUTOMATIC", "BackupInfo", "BackupResult", "RestoreResult", "auto_backup", "automatic_backups",
           "backup_database",
           "backup_folder", "check_backup", "due_daily", "make_backup", "restore_backup"]

# The names of automatic backups (UTC); only files named so are ever removed when old.
AUTOMATIC = re.compile(r"welcomedesk-(\d{8}-\d{6})\.sqlite3")
_STAMP = "%Y%m%d-%H%M%S"
# An automatic backup's reason goes into its audit row, so it may only be a short word, never a value.
_REASON = re.compile(r"[a-z_]{1,32}")


@dataclass(frozen=True)
class BackupResult:
    """A backup written: where, how large, and the audit chain's head it holds (its own "backup" row)."""

    path: Path
    size: int
    head: Head


@dataclass(frozen=True)
class RestoreResult:
    """A restore done: the database, the copy kept of what it replaced (None: there was none), the backup's
    revision, what opening it did ("current" or "upgraded"), and the chain's head after the "restore" row."""

    where: str
    kept: Path | None
    revision: str
    opened: str
    head: Head


def _on_postgresql() -> UsageError:
    return UsageError(_("This database is on PostgreSQL: back it up with pg_dump and restore it with pg_restore "
                        "(see the README)."))


def _sqlite_path(target: DatabaseTarget) -> Path:
    if target.sqlite_path is None:
        raise _on_postgresql()
    return target.sqlite_path


def _audit(db: Database, actor: Actor, action: str, fields: str = "") -> None:
    """One audit row about the database as a whole, in the table now: never left in the spool, because
    a backup made next must hold it."""
    with unit_of_work(db, actor) as session:
        chained(session, [{"at": utcnow(), "account_id": actor.account_id, "action": action, "entity": "database",
                           "entity_id": None, "fields": fields}])


def make_backup(db: Database, actor: Actor, out: Path) -> BackupResult:
    """Copy the open database to ``out`` (administrators).

    The "backup" audit row is committed first, so the backup holds the record of its own making; the
    copy is consistent while other desks write, and checked whole before it replaces ``out``.
    """
    require_role(actor, Role.ADMIN)
    return _backup(db, actor, out, "")


def _backup(db: Database, actor: Actor, out: Path, fields: str) -> BackupResult:
    database = _sqlite_path(db.target)
    if out.resolve() in {database.with_name(database.name + suffix) for suffix in ("", "-wal", "-shm", "-journal")}:
        raise ValidationError(_("A backup cannot be written over the database itself. Choose another file."),
                              field="out")
    _audit(db, actor, "backup", fields)
    raw = db.engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        info = write_copy(source, out, db.describe())
    finally:
        raw.close()
    assert info.head is not None  # an open database is at the current revision
    return BackupResult(path=info.path, size=info.size, head=info.head)


def backup_database(target: DatabaseTarget, out: Path) -> BackupResult:
    """The command line's backup: open ``target`` and copy it as the built-in ``cli`` account."""
    _sqlite_path(target)  # a PostgreSQL server is told to use pg_dump before it is even connected to
    db = open_database(target)
    try:
        return make_backup(db, cli_actor(db), out)
    finally:
        db.close()


def restore_backup(target: DatabaseTarget, source: Path, actor: Actor | None = None, *,
                   after_restore: Callable[[Database], None] | None = None) -> RestoreResult:
    """Put the backup ``source`` in place of the database at ``target`` (administrators).

    Nothing is touched when the backup is refused. The database replaced is kept beside it as
    ``<file>.before-restore-<UTC time>``, even when it is too damaged to open (that is when restores are
    needed). The restored database is then opened as always — a backup from an older WelcomeDesk is
    upgraded — ``after_restore`` runs on it (by default ``reapply_erasures``: the erasures the ledger beside the
    database holds are made again there),
    a "restore" row is added to its audit chain, and the head file is written afresh from its chain.

    ``actor`` is the administrator as the current database knows them, checked before anything is
    touched; the restore row is theirs if the backup holds their account, else the built-in ``cli``
    account's. None is the command line: it acts as ``cli``, which holds every role, because the current
    database may be too damaged to ask who its administrators are.
    """
    database = _sqlite_path(target)
    if actor is not None:
        require_role(actor, Role.ADMIN)
    if source.resolve() == database.resolve():
        raise ValidationError(_("The backup {file} is the database itself: choose a backup file to restore.")
                              .format(file=source), field="file")
    info = check_backup(source)
    kept = keep_current(database, datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"))
    put_in_place(source, database, kept)
    try:
        db, done = initialise(target)
    except StorageError as exc:  # an older backup whose upgrade failed, say: tell where the old one is
        if kept is None:
            raise
        raise StorageError(exc.message, (*exc.reasons, _("The database replaced is kept as {file}.").format(
            file=kept))) from exc
    try:
        if after_restore is None:
            reapply_erasures(db)
        else:
            after_restore(db)
        who = cli_actor(db)
        if actor is not None:
            with contextlib.suppress(PermissionDenied):  # an account made after the backup was taken
                who = account_actor(db, actor.username)
        _audit(db, who, "restore")
        with db.engine.connect() as connection:
            head = head_of(connection)
    finally:
        db.close()
    # The chain is the backup's now: the head kept of the replaced one would report it cut short.
    reset_head(target, head)
    return RestoreResult(where=done.where, kept=kept, revision=info.revision, opened=done.opened, head=head)


# -- automatic backups

def backup_folder(database: Path | None = None) -> Path:
    """Where automatic backups go: the ``backups`` folder in this computer's data folder, and in it a folder
    of ``database``'s own (named by its file and where it is), so two databases' copies never crowd each
    other out."""
    root = data_dir() / "backups"
    if database is None:
        return root
    where = hashlib.sha256(str(database.resolve()).encode("utf-8")).hexdigest()[:8]
    stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in database.stem)[:40] or "database"
    return root / f"{stem}-{where}"


def auto_backup(db: Database, actor: Actor, folder: Path | None = None, *, keep: int = 7,
                now: datetime | None = None, reason: str = "automatic") -> Path | None:
    """Write ``welcomedesk-YYYYMMDD-HHMMSS.sqlite3`` (UTC) into ``folder`` and remove the oldest beyond ``keep``.

    The program does this itself (on exit, once a day), into its own private folder, for whoever is
    signed in: no role is needed. ``reason`` (a short word such as "exit" or "daily") goes into the audit
    row. Returns the new file, or None on PostgreSQL, whose server is backed up with pg_dump. Storage
    trouble is a StorageError: the caller says so.
    """
    if keep < 1:
        raise ValueError("keep at least one automatic backup")
    if not _REASON.fullmatch(reason):
        raise ValueError("the reason of an automatic backup is a short word")
    if db.target.sqlite_path is None:
        return None
    folder = backup_folder(db.target.sqlite_path) if folder is None else folder
    try:
        make_private_dir(folder)
    except OSError as exc:
        raise StorageError(_("The backup folder {folder} cannot be made: {reason}").format(
            folder=folder, reason=exc.strerror or type(exc).__name__)) from exc
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    out = folder / f"welcomedesk-{moment.strftime(_STAMP)}.sqlite3"
    result = _backup(db, actor, out, reason)
    for old in _automatic(folder)[:-keep]:
        # The new backup is written; an old one that will not go only takes space, and goes next time.
        with contextlib.suppress(OSError):
            old.unlink()
    return result.path


def _automatic(folder: Path) -> list[Path]:
    """The automatic backups in ``folder``, oldest first (their names sort by time)."""
    try:
        return sorted((p for p in folder.iterdir() if AUTOMATIC.fullmatch(p.name) and p.is_file()),
                      key=lambda p: p.name)
    except OSError:
        return []


def automatic_backups(folder: Path | None = None) -> list[tuple[Path, datetime, int]]:
    """The automatic backups kept, newest first: the file, when it was made (UTC) and its size."""
    folder = backup_folder() if folder is None else folder
    found = []
    for path in reversed(_automatic(folder)):
        match = AUTOMATIC.fullmatch(path.name)
        assert match is not None
        with contextlib.suppress(OSError):
            found.append((path, datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC), path.stat().st_size))
    return found


def due_daily(folder: Path | None = None, now: datetime | None = None) -> bool:
    """Whether no automatic backup in ``folder`` is from today, by this computer's local date.

    ``now`` defaults to the present; a naive one is local time.
    """
    folder = backup_folder() if folder is None else folder
    today = (now or datetime.now(UTC)).astimezone().date()
    for path in _automatic(folder):
        match = AUTOMATIC.fullmatch(path.name)
        assert match is not None
        made = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
        if made.astimezone().date() == today:
            return False
    return True
