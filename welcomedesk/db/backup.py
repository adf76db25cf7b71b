"""Copying a SQLite database to a backup file, checking a backup, and putting one back in its place.

Every copy goes through SQLite's online backup API, which reads through SQLite: it holds what is committed,
still in the ``-wal`` file too, and never half of a transaction another desk is writing. A backup is written
to a private temp file beside its target, checked whole, and renamed into place. A backup file is only ever
read, through a read-only connection, so checking or restoring it never changes it.

These are the file mechanics; who may do them, and their audit rows, are ``services.backups``'.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from welcomedesk.db.audit_chain import Head, head_of
from welcomedesk.db.audit_spool import spool_path
from welcomedesk.db.engine import BUSY_TIMEOUT_MS
from welcomedesk.db.errors import Trouble, raise_known, storage_message, trouble_of
from welcomedesk.db.probe import Finding, Kind, examine
from welcomedesk.db.schema import HEAD, REVISIONS
from welcomedesk.db.snapshot import copy_into
from welcomedesk.errors import StorageError
from welcomedesk.files import make_private_dir, replacing
from welcomedesk.i18n import Message, _

# The first 16 bytes of every SQLite database file.
_SQLITE_HEADER = b"SQLite format 3\x00"
_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class BackupInfo:
    """A backup file found fit to restore: its size, its schema revision, and its audit chain's head.

    ``head`` is None for a backup older than the audit chain (revision 0013): the upgrade after the
    restore makes its chain.
    """

    path: Path
    size: int
    revision: str
    head: Head | None


def _reason(exc: OSError | sqlite3.Error) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return getattr(exc, "sqlite_errorname", "") or type(exc).__name__


def _read_only_uri(path: Path) -> str:
    # A file: URI (its special characters escaped) opened with mode=ro: SQLite itself refuses every write.
    return f"{path.resolve().as_uri()}?mode=ro"


def _connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(_read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def _read_only_engine(path: Path) -> Engine:
    return create_engine("sqlite://", creator=lambda: _connect_read_only(path), poolclass=NullPool)


@contextlib.contextmanager
def _leaving_no_trace(path: Path) -> Iterator[None]:
    """Remove the empty ``-wal`` and ``-shm`` files a read-only look at a WAL-mode file makes beside it."""
    made = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    made = [side for side in made if not side.exists()]
    try:
        yield
    finally:
        wal = path.with_name(path.name + "-wal")
        # Only an empty -wal made by this look goes: one that gained pages would hold data.
        if wal in made and wal.exists() and wal.stat().st_size == 0:
            for side in made:
                with contextlib.suppress(OSError):
                    side.unlink()


# -- a backup made

def write_copy(source: sqlite3.Connection, out: Path, where: str) -> BackupInfo:
    """Copy the database behind ``source`` (named ``where`` in messages) to ``out``, replaced whole.

    The copy is one self-contained file (rollback journal, not WAL), passes ``PRAGMA integrity_check``
    before it is renamed into place, and reports the audit chain's head it holds. A damaged database
    gives a StorageError and no file; so does a folder or disk that refuses the file.
    """
    try:
        with replacing(out) as temp:
            copy = sqlite3.connect(str(temp))
            try:
                # All pages in one step: one read transaction, so a desk writing meanwhile is either wholly
                # in the copy or not at all (WAL lets it go on writing while the copy is read).
                source.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")
                verdict = [row[0] for row in copy.execute("PRAGMA integrity_check").fetchmany(2)]
            finally:
                copy.close()
            if verdict != ["ok"]:
                raise StorageError(storage_message(Trouble.DAMAGED, where))
            info = _inspect(temp, str(out), pages_checked=True)
            size = temp.stat().st_size
    except (OSError, sqlite3.Error) as exc:
        if isinstance(exc, sqlite3.Error) and trouble_of(exc) is Trouble.DAMAGED:
            raise StorageError(storage_message(Trouble.DAMAGED, where)) from exc
        raise StorageError(_("The backup could not be written to {path}: {reason}").format(
            path=out, reason=_reason(exc))) from exc
    return BackupInfo(path=out, size=size, revision=info.revision, head=info.head)


# -- a backup checked

def check_backup(path: Path) -> BackupInfo:
    """Look at a backup file without changing it; refuse (StorageError, exit 3) one that cannot be restored.

    Refused: a missing file, one that is not a SQLite database, a damaged one (``integrity_check``), another
    program's, and one made by a newer WelcomeDesk. One from an older WelcomeDesk is accepted: it is
    upgraded when it is opened after the restore.
    """
    return _inspect(path, str(path))


def _inspect(path: Path, where: str, *, pages_checked: bool = False) -> BackupInfo:
    try:
        if not path.is_file():
            raise StorageError(_("There is no backup file at {path}.").format(path=where))
        size = path.stat().st_size
        with path.open("rb") as file:
            header = file.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise StorageError(_("The backup {path} cannot be read: {reason}").format(
            path=where, reason=_reason(exc))) from exc
    if header != _SQLITE_HEADER:
        raise StorageError(_("{path} is not a backup of a WelcomeDesk database: it is not a database file.").format(
            path=where))
    damaged = _("The backup {path} is damaged: its contents do not hold together. Choose another backup.").format(
        path=where)
    engine = _read_only_engine(path)
    try:
        with _leaving_no_trace(path), engine.connect() as connection:
            if not pages_checked:
                verdict = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check").fetchmany(2)]
                if verdict != ["ok"]:
                    raise StorageError(damaged)
            finding = examine(connection, REVISIONS)
            _refuse(finding, where, damaged)
            head = head_of(connection) if finding.revision == HEAD else None
    except DBAPIError as exc:
        if trouble_of(exc) is Trouble.DAMAGED:
            raise StorageError(damaged) from exc
        raise_known(exc, where)
    finally:
        engine.dispose()
    assert finding.revision is not None  # only a database at a known revision gets here
    return BackupInfo(path=path, size=size, revision=finding.revision, head=head)


def _refuse(finding: Finding, where: str, damaged: Message) -> None:
    kind = finding.kind
    if kind in (Kind.EMPTY, Kind.FOREIGN):
        raise StorageError(_("{path} is not a backup of a WelcomeDesk database: it holds no WelcomeDesk data.").format(
            path=where))
    if kind is Kind.UNVERSIONED:
        raise StorageError(_("The backup {path} holds WelcomeDesk's tables, but the record of its version is "
                             "missing, so it cannot be restored safely. Choose another backup.").format(path=where))
    if kind is Kind.NEWER:
        raise StorageError(_("The backup {path} was made by a newer WelcomeDesk. Update the program before "
                             "restoring it.").format(path=where))
    if kind is Kind.INCOMPLETE:
        raise StorageError(damaged)


# -- a backup put back

def keep_current(database: Path, stamp: str) -> Path | None:
    """Copy the database about to be replaced to ``<file>.before-restore-<stamp>`` beside it.

    Through SQLite when the file opens (what is still in its ``-wal`` included); a file SQLite cannot
    copy — damaged, which is why it is being restored — is copied byte for byte, with its ``-wal``
    beside the copy under the name SQLite looks for. None: there was no database to keep. A copy that
    cannot be written is a StorageError, and then nothing is replaced.
    """
    if not database.exists():
        return None
    kept = database.with_name(f"{database.name}.before-restore-{stamp}")
    number = 1
    while kept.exists():  # two restores within a second: the first one's copy stays
        number += 1
        kept = database.with_name(f"{database.name}.before-restore-{stamp}-{number}")
    try:
        try:
            _copy_online(database, kept)
        except sqlite3.Error:
            _copy_bytes(database, kept)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(_("The database {where} could not be copied to {copy} before the restore, so it was "
                             "not replaced: {reason}").format(where=database, copy=kept, reason=_reason(exc))) from exc
    return kept


def _copy_online(source: Path, target: Path) -> None:
    with replacing(target) as temp:
        _copy_through_sqlite(source, temp)


def _copy_through_sqlite(source: Path, temp: Path) -> None:
    """Copy ``source`` into the empty file ``temp`` with the backup API, reading ``source`` read-only."""
    with _leaving_no_trace(source):
        # Read-only: a damaged file is not checkpointed or otherwise touched on the way.
        origin = _connect_read_only(source)
        try:
            copy_into(origin, temp)
        finally:
            origin.close()


def _copy_bytes(source: Path, target: Path) -> None:
    for suffix in ("", "-wal"):
        side = source.with_name(source.name + suffix)
        if side.exists():
            with replacing(target.with_name(target.name + suffix)) as temp:
                shutil.copyfile(side, temp)


def put_in_place(source: Path, database: Path, kept: Path | None) -> None:
    """Make ``database`` a copy of the backup ``source``, replaced whole in one rename.

    The old ``-wal`` and ``-shm`` files go first: SQLite would replay an old ``-wal`` onto the new file.
    Audit rows still waiting in the old database's spool belong to it: they move beside ``kept``.
    """
    try:
        make_private_dir(database.parent)
        with replacing(database) as temp:
            _copy_through_sqlite(source, temp)
            _set_aside_spool(database, kept)
            for suffix in _SIDE_FILES:
                with contextlib.suppress(FileNotFoundError):
                    database.with_name(database.name + suffix).unlink()
        _sync_folder(database.parent)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(_("The backup could not be put in place of {where}: {reason}").format(
            where=database, reason=_reason(exc))) from exc


def _set_aside_spool(database: Path, kept: Path | None) -> None:
    spool = spool_path(database)
    if not spool.exists():
        return
    if kept is None:
        spool.unlink()
    else:
        os.replace(spool, spool_path(kept))


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open a folder for this and needs it less."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
