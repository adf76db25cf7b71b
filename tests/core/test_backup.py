"""Backups and restore: a consistent copy while desks write, a damaged database brought back whole, every
refused backup leaving everything as it was, the audit and its head file, the command line, automatic copies."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import stat
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tests import damage
from welcomedesk.actor import Actor
from welcomedesk.cli import main
from welcomedesk.config import DatabaseTarget, resolve_database
from welcomedesk.db import audit_chain
from welcomedesk.db import backup as backup_files
from welcomedesk.db.audit_head import head_path, read_head
from welcomedesk.db.audit_spool import spool_path
from welcomedesk.db.session import Database, open_database, unit_of_work
from welcomedesk.errors import PermissionDenied, StorageError, UsageError, ValidationError
from welcomedesk.model import AuditEntry, Household
from welcomedesk.services import backups
from welcomedesk.services.accounts import cli_actor, desk_actor
from welcomedesk.services.backups import (
    auto_backup,
    backup_database,
    backup_folder,
    check_backup,
    due_daily,
    make_backup,
    restore_backup,
)
from welcomedesk.services.setup import initialise

GARBAGE = b"WelcomeDesk test garbage " * 164  # 4100 bytes; 4096 are written


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _damage(path: Path) -> None:
    """4096 bytes of garbage in the middle of the file, over people's pages."""
    damage.checkpoint(path)
    assert path.stat().st_size > 8192 + 4096
    with path.open("r+b") as file:
        file.seek(8192)
        file.write(GARBAGE[:4096])


def _people(db_path: Path) -> list[dict[str, object]]:
    code, out, err = run("--db", str(db_path), "list", "--limit", "1000", "--json")
    assert code == 0, err
    rows: list[dict[str, object]] = json.loads(out)
    return rows


def _actions(db: Database) -> list[tuple[str, str]]:
    with db.engine.connect() as connection:
        return [(row.action, row.entity) for row in connection.execute(
            select(AuditEntry.action, AuditEntry.entity).order_by(AuditEntry.id))]


def _sound(path: Path) -> bool:
    connection = sqlite3.connect(str(path))
    try:
        return connection.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database with demo households, made once and copied for each test."""
    return damage.welcomedesk_file(tmp_path_factory.mktemp("demo") / "demo.sqlite3", households=20)


@pytest.fixture
def desk(sqlite_target: DatabaseTarget, demo_file: Path) -> Iterator[Database]:
    """A SQLite database with demo households, open."""
    assert sqlite_target.sqlite_path is not None
    shutil.copyfile(demo_file, sqlite_target.sqlite_path)
    sqlite_target.sqlite_path.chmod(0o600)
    db = open_database(sqlite_target)
    yield db
    db.close()


def _path(db: Database) -> Path:
    assert db.target.sqlite_path is not None
    return db.target.sqlite_path


# -- a damaged database brought back ----------------------------------------------------------------------------

def test_a_damaged_database_is_restored_whole_with_a_copy_of_what_it_replaced(desk: Database,
                                                                              tmp_path: Path) -> None:
    path = _path(desk)
    people = _people(path)
    assert len(people) > 40
    result = make_backup(desk, cli_actor(desk), tmp_path / "before.sqlite3")
    desk.close()
    _damage(path)
    assert not _sound(path)

    restored = restore_backup(desk.target, result.path)

    assert _people(path) == people
    code, out, _ = run("--db", str(path), "show", str(people[0]["id"]), "--json")
    assert code == 0 and json.loads(out)["family_name"] == people[0]["family_name"]
    assert restored.kept is not None and restored.kept.name.startswith("desk.sqlite3.before-restore-")
    assert GARBAGE[:4096] in restored.kept.read_bytes()  # the damaged database, kept as it was
    assert restored.opened == "current" and _sound(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_audit_holds_the_backup_in_the_source_and_the_restore_in_the_restored(desk: Database,
                                                                                 tmp_path: Path) -> None:
    actor = cli_actor(desk)
    result = make_backup(desk, actor, tmp_path / "copy.sqlite3")
    assert _actions(desk)[-1] == ("backup", "database")
    with unit_of_work(desk, actor) as session:  # done after the backup: gone after the restore
        session.add(Household(name="After the backup"))
    desk.close()

    restored = restore_backup(desk.target, result.path)

    db = open_database(desk.target)
    try:
        actions = _actions(db)
        assert actions[-2:] == [("backup", "database"), ("restore", "database")]
        assert ("create", "household") not in actions[-3:]
        with db.engine.connect() as connection:
            head, broken = audit_chain.verify(connection)
            fields = connection.execute(select(AuditEntry.entity_id, AuditEntry.fields)
                                        .where(AuditEntry.action.in_(("backup", "restore")))).all()
    finally:
        db.close()
    assert broken is None and head == restored.head
    assert read_head(head_path(desk.target)) == restored.head
    assert result.head.entry_id < restored.head.entry_id
    assert set(fields) == {(None, "")}  # no file names, no values


def test_the_backup_holds_the_record_of_its_own_making(desk: Database, tmp_path: Path) -> None:
    result = make_backup(desk, cli_actor(desk), tmp_path / "copy.sqlite3")
    info = check_backup(result.path)
    assert info.head == result.head
    with desk.engine.connect() as connection:
        assert audit_chain.head_of(connection) == result.head
    copy = sqlite3.connect(str(result.path))
    assert copy.execute("SELECT action, entity FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone() == (
        "backup", "database")
    assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one self-contained file
    copy.close()
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    assert result.size == result.path.stat().st_size
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_a_database_that_cannot_be_opened_at_all_is_restored(desk: Database, tmp_path: Path) -> None:
    path = _path(desk)
    people = _people(path)
    result = make_backup(desk, cli_actor(desk), tmp_path / "copy.sqlite3")
    desk.close()
    path.write_bytes(b"not a database any more " * 100)
    with pytest.raises(StorageError):
        open_database(desk.target)

    restored = restore_backup(desk.target, result.path)

    assert _people(path) == people
    assert restored.kept is not None and restored.kept.read_bytes() == b"not a database any more " * 100


def test_a_missing_database_is_restored_with_nothing_to_keep(desk: Database, tmp_path: Path) -> None:
    path = _path(desk)
    people = _people(path)
    result = make_backup(desk, cli_actor(desk), tmp_path / "copy.sqlite3")
    desk.close()
    path.unlink()
    restored = restore_backup(desk.target, result.path)
    assert restored.kept is None and _people(path) == people


def test_an_older_backup_is_upgraded_after_the_restore(sqlite_target: DatabaseTarget, tmp_path: Path) -> None:
    old = resolve_database(str(tmp_path / "old.sqlite3"))
    _database_at(old, "0001")
    assert check_backup(tmp_path / "old.sqlite3").revision == "0001"
    initialise(sqlite_target)[0].close()

    restored = restore_backup(sqlite_target, tmp_path / "old.sqlite3")

    assert restored.revision == "0001" and restored.opened == "upgraded"
    assert read_head(head_path(sqlite_target)) == restored.head
    db = open_database(sqlite_target)
    try:
        assert _actions(db)[-1] == ("restore", "database")
    finally:
        db.close()


def _database_at(target: DatabaseTarget, revision: str) -> None:
    """A database made by an older WelcomeDesk, at ``revision``."""
    from alembic import command

    from welcomedesk.db.engine import make_engine
    from welcomedesk.db.migrate import alembic_config

    engine = make_engine(target, foreign_keys=False, explicit_transactions=True)
    with engine.connect() as connection, connection.begin():
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def test_erasures_are_applied_again_before_the_restore_is_recorded(desk: Database, tmp_path: Path) -> None:
    result = make_backup(desk, cli_actor(desk), tmp_path / "copy.sqlite3")
    desk.close()
    seen: list[tuple[str, str]] = []

    def reapply(db: Database) -> None:
        seen.append(_actions(db)[-1])

    restore_backup(desk.target, result.path, after_restore=reapply)
    assert seen == [("backup", "database")]


def test_audit_rows_waiting_in_the_spool_stay_with_the_database_they_belong_to(desk: Database,
                                                                            tmp_path: Path) -> None:
    path = _path(desk)
    result = make_backup(desk, cli_actor(desk), tmp_path / "copy.sqlite3")
    desk.close()
    spool = sqlite3.connect(str(spool_path(path)))
    spool.execute("CREATE TABLE pending (id INTEGER PRIMARY KEY, at TEXT NOT NULL, account_id INTEGER NOT NULL, "
                  "action TEXT NOT NULL, entity TEXT NOT NULL, entity_id INTEGER, fields TEXT NOT NULL)")
    spool.execute("INSERT INTO pending VALUES (1, '2026-01-01T00:00:00+00:00', 1, 'view', 'person', 1, '')")
    spool.commit()
    spool.close()

    restored = restore_backup(desk.target, result.path)

    assert restored.kept is not None and spool_path(restored.kept).exists()
    db = open_database(desk.target)
    try:
        assert ("view", "person") not in _actions(db)[-3:]
    finally:
        db.close()


# -- backups refused, everything left as it was -----------------------------------------------------------------

def _unchanged(path: Path) -> bytes:
    damage.checkpoint(path)
    return path.read_bytes()


def test_a_damaged_backup_is_refused_and_nothing_changes(desk: Database, tmp_path: Path) -> None:
    path = _path(desk)
    backup = make_backup(desk, cli_actor(desk), tmp_path / "copy.sqlite3").path
    desk.close()
    _damage(backup)
    before, backup_before = _unchanged(path), backup.read_bytes()

    with pytest.raises(StorageError, match="is damaged") as refused:
        restore_backup(desk.target, backup)

    assert refused.value.exit_code == 3 and str(backup) in str(refused.value)
    assert _unchanged(path) == before and backup.read_bytes() == backup_before
    assert not list(tmp_path.glob("*before-restore*"))
    assert sorted(p.name for p in backup.parent.glob("copy.sqlite3*")) == ["copy.sqlite3"]


def test_a_backup_from_a_newer_welcomedesk_is_refused(desk: Database, tmp_path: Path) -> None:
    backup = make_backup(desk, cli_actor(desk), tmp_path / "copy.sqlite3").path
    connection = sqlite3.connect(str(backup))
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = _unchanged(_path(desk))
    with pytest.raises(StorageError, match="newer WelcomeDesk") as refused:
        restore_backup(desk.target, backup)
    assert refused.value.exit_code == 3 and _unchanged(_path(desk)) == before


@pytest.mark.parametrize(("make", "says"), [
    (damage.garbage, "not a database file"),
    (damage.empty_file, "not a database file"),
    (damage.foreign, "holds no WelcomeDesk data"),
    (damage.foreign_application, "holds no WelcomeDesk data"),
    (damage.unversioned, "record of its version is missing"),
    (damage.incomplete, "is damaged"),
    (damage.truncated, "is damaged"),
    (lambda path: path, "There is no backup file"),
    (damage.directory, "There is no backup file"),
])
def test_what_is_not_a_welcomedesk_backup_is_refused(make: object, says: str, desk: Database,
                                                     tmp_path: Path) -> None:
    candidate = make(tmp_path / "candidate.sqlite3")  # type: ignore[operator]
    before = _unchanged(_path(desk))
    beside = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(StorageError, match=says) as refused:
        restore_backup(desk.target, candidate)
    assert refused.value.exit_code == 3 and _unchanged(_path(desk)) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == beside  # no copy kept, no -wal left beside the file


def test_a_database_is_not_restored_onto_itself(desk: Database) -> None:
    before = _unchanged(_path(desk))
    with pytest.raises(ValidationError, match="the database itself") as refused:
        restore_backup(desk.target, _path(desk))
    assert refused.value.exit_code == 1 and _unchanged(_path(desk)) == before


def test_a_backup_is_not_written_over_the_database(desk: Database) -> None:
    with pytest.raises(ValidationError, match="the database itself"):
        make_backup(desk, cli_actor(desk), _path(desk))


def test_a_folder_that_refuses_the_backup_is_storage_trouble(desk: Database, tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="could not be written") as refused:
        make_backup(desk, cli_actor(desk), tmp_path / "no such folder" / "copy.sqlite3")
    assert refused.value.exit_code == 3


# -- while other desks write ------------------------------------------------------------------------------------

def test_the_copy_is_consistent_while_another_desk_is_writing(desk: Database, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = _path(desk)
    writer = sqlite3.connect(str(path), isolation_level=None)
    real_copy = backup_files.write_copy

    def copy_while_writing(*args: object) -> object:
        # The audit row is committed; now another desk starts writing and is still at it during the copy.
        writer.execute("BEGIN IMMEDIATE")
        writer.executemany("INSERT INTO household (name, version, created_at, updated_at) "
                           "VALUES ('Half written', 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
                           [() for _ in range(300)])
        return real_copy(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(backups, "write_copy", copy_while_writing)
    result = make_backup(desk, cli_actor(desk), tmp_path / "copy.sqlite3")
    writer.execute("COMMIT")
    writer.close()

    copy = sqlite3.connect(str(result.path))
    assert copy.execute("SELECT count(*) FROM household WHERE name = 'Half written'").fetchone() == (0,)
    assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    copy.close()
    assert check_backup(result.path).head == result.head


def test_a_backup_waits_for_a_write_in_progress_and_holds_it_whole(desk: Database, tmp_path: Path) -> None:
    writer = sqlite3.connect(str(_path(desk)), isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")
    writer.executemany("INSERT INTO household (name, version, created_at, updated_at) "
                       "VALUES ('Committed meanwhile', 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
                       [() for _ in range(300)])

    def commit_soon() -> None:
        time.sleep(0.3)
        writer.execute("COMMIT")

    thread = threading.Thread(target=commit_soon)
    thread.start()
    try:
        result = make_backup(desk, cli_actor(desk), tmp_path / "copy.sqlite3")
    finally:
        thread.join()
        writer.close()
    copy = sqlite3.connect(str(result.path))
    assert copy.execute("SELECT count(*) FROM household WHERE name = 'Committed meanwhile'").fetchone() == (300,)
    copy.close()


# -- who may ----------------------------------------------------------------------------------------------------

def test_only_an_administrator_backs_up_or_restores(desk: Database, tmp_path: Path) -> None:
    desk_actor(desk, "first.admin")  # the first account holds every role
    worker = desk_actor(desk, "desk.worker")
    backup = make_backup(desk, cli_actor(desk), tmp_path / "copy.sqlite3").path
    with pytest.raises(PermissionDenied):
        make_backup(desk, worker, tmp_path / "mine.sqlite3")
    assert not (tmp_path / "mine.sqlite3").exists()
    before = _unchanged(_path(desk))
    with pytest.raises(PermissionDenied):
        restore_backup(desk.target, backup, worker)
    assert _unchanged(_path(desk)) == before


def test_a_restore_by_an_administrator_is_recorded_as_theirs(desk: Database, tmp_path: Path) -> None:
    admin = desk_actor(desk, "first.admin")
    backup = make_backup(desk, admin, tmp_path / "copy.sqlite3").path
    desk.close()
    restore_backup(desk.target, backup, admin)
    db = open_database(desk.target)
    try:
        with db.engine.connect() as connection:
            last = connection.execute(select(AuditEntry.action, AuditEntry.account_id)
                                      .order_by(AuditEntry.id.desc()).limit(1)).one()
    finally:
        db.close()
    assert tuple(last) == ("restore", admin.account_id)


# -- PostgreSQL -------------------------------------------------------------------------------------------------

def test_postgresql_is_referred_to_pg_dump_without_being_connected_to() -> None:
    target = resolve_database("postgresql://nobody@127.0.0.1:1/nothing")
    for act in (lambda: backup_database(target, Path("copy.sqlite3")),
                lambda: restore_backup(target, Path("copy.sqlite3"))):
        with pytest.raises(UsageError, match="pg_dump") as refused:
            act()
        assert "pg_restore" in str(refused.value)


def test_on_postgresql_backup_and_restore_point_to_pg_dump(database: Database, actor: Actor,
                                                           tmp_path: Path) -> None:
    if database.target.is_sqlite:
        pytest.skip("PostgreSQL only")
    with pytest.raises(UsageError, match="pg_dump"):
        make_backup(database, actor, tmp_path / "copy.sqlite3")
    with pytest.raises(UsageError, match="pg_dump"):
        restore_backup(database.target, tmp_path / "copy.sqlite3")
    assert auto_backup(database, actor, tmp_path / "auto") is None
    assert not (tmp_path / "auto").exists() and not (tmp_path / "copy.sqlite3").exists()


# -- the command line -------------------------------------------------------------------------------------------

def test_the_command_line_backs_up_and_restores(desk: Database, tmp_path: Path) -> None:
    path = _path(desk)
    people = _people(path)
    desk.close()
    copy = tmp_path / "copy.sqlite3"
    code, out, err = run("--lang", "en", "--db", str(path), "backup", "--out", str(copy))
    assert code == 0 and str(copy) in out and err == ""
    _damage(path)
    code, out, err = run("--lang", "en", "--db", str(path), "restore", str(copy), "--yes")
    assert code == 0 and "Restored" in out and "before-restore" in out, err
    assert _people(path) == people


def test_restore_without_yes_from_a_script_is_refused_and_changes_nothing(desk: Database, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = _path(desk)
    copy = make_backup(desk, cli_actor(desk), tmp_path / "copy.sqlite3").path
    desk.close()
    before = _unchanged(path)
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))  # not a terminal: a script
    code, out, err = run("--lang", "en", "--db", str(path), "restore", str(copy))
    assert code == 2 and "--yes" in err and out == ""
    assert _unchanged(path) == before and not list(tmp_path.glob("*before-restore*"))


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("answer", "code"), [("n\n", 1), ("\n", 1), ("y\n", 0), ("yes\n", 0)])
def test_restore_asks_on_a_terminal(answer: str, code: int, desk: Database, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    path = _path(desk)
    copy = make_backup(desk, cli_actor(desk), tmp_path / "copy.sqlite3").path
    desk.close()
    monkeypatch.setattr("sys.stdin", _Terminal(answer))
    assert run("--lang", "en", "--db", str(path), "restore", str(copy))[0] == code
    assert "Replace the database" in capsys.readouterr().err
    assert bool(list(tmp_path.glob("*before-restore*"))) == (code == 0)


def test_the_command_line_exit_codes(desk: Database, tmp_path: Path) -> None:
    path = _path(desk)
    desk.close()
    db = str(path)
    assert run("--db", db, "backup")[0] == 2  # --out is required
    assert run("--db", db, "backup", "--out", str(tmp_path / "missing" / "copy.sqlite3"))[0] == 3
    assert run("--db", db, "restore", str(tmp_path / "nothing.sqlite3"), "--yes")[0] == 3
    assert run("--db", db, "restore", str(damage.garbage(tmp_path / "garbage.sqlite3")), "--yes")[0] == 3
    code, _, err = run("--lang", "en", "--db", db, "restore", db, "--yes")
    assert code == 1 and "the database itself" in err
    code, _, err = run("--lang", "en", "--db", "postgresql://nobody@127.0.0.1:1/nothing", "backup", "--out",
                       str(tmp_path / "copy.sqlite3"))
    assert code == 2 and "pg_dump" in err


# -- automatic backups ------------------------------------------------------------------------------------------

def test_automatic_backups_keep_the_newest_few(desk: Database, tmp_path: Path) -> None:
    folder = tmp_path / "auto"
    folder.mkdir()
    (folder / "notes.txt").write_text("kept", encoding="utf-8")
    (folder / "welcomedesk-manual.sqlite3").write_bytes(b"not ours to remove")
    start = datetime(2026, 5, 10, 8, 0, tzinfo=UTC)
    made = [auto_backup(desk, cli_actor(desk), folder, keep=3, now=start + timedelta(hours=i), reason="exit")
            for i in range(6)]
    assert made[-1] == folder / "welcomedesk-20260510-130000.sqlite3"
    assert sorted(p.name for p in folder.iterdir()) == [
        "notes.txt", "welcomedesk-20260510-110000.sqlite3", "welcomedesk-20260510-120000.sqlite3",
        "welcomedesk-20260510-130000.sqlite3", "welcomedesk-manual.sqlite3"]
    with desk.engine.connect() as connection:
        fields = connection.scalars(select(AuditEntry.fields).where(AuditEntry.action == "backup")).all()
    assert fields == ["exit"] * 6


def test_an_automatic_backup_is_due_once_a_day(desk: Database, tmp_path: Path) -> None:
    folder = tmp_path / "auto"
    now = datetime(2026, 5, 10, 12, 0, tzinfo=UTC)
    assert due_daily(folder, now)  # no folder yet
    auto_backup(desk, cli_actor(desk), folder, now=now, reason="daily")
    assert not due_daily(folder, now)
    assert not due_daily(folder, now + timedelta(hours=1))
    assert due_daily(folder, now + timedelta(days=1))


def test_automatic_backups_go_to_a_private_folder_in_the_data_folder(desk: Database, tmp_path: Path) -> None:
    made = auto_backup(desk, cli_actor(desk))
    assert made is not None and made.parent.parent == tmp_path / "data" / "backups"
    assert made.parent == backup_folder(desk.target.sqlite_path) and made.parent.name.startswith("desk-")
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert check_backup(made).revision
    assert not due_daily(made.parent)
    # Another database's copies go to a folder of their own: neither rotates the other's away.
    (tmp_path / "other").mkdir()
    other = damage.welcomedesk_file(tmp_path / "other" / "desk.sqlite3", households=2)
    assert backup_folder(other) != made.parent and due_daily(backup_folder(other))


def test_a_plain_copy_of_a_database_file_restores_and_is_left_as_it_was(desk: Database, tmp_path: Path) -> None:
    (tmp_path / "other").mkdir()
    other = damage.welcomedesk_file(tmp_path / "other" / "plain.sqlite3", households=3)  # a WAL-mode file
    before = other.read_bytes()
    desk.close()
    restore_backup(desk.target, other)
    assert other.read_bytes() == before
    assert sorted(p.name for p in other.parent.iterdir()) == ["plain.sqlite3", "plain.sqlite3.audit-head"]
    assert len(_people(_path(desk))) == len(_people(other))


def test_a_damaged_database_is_not_backed_up(desk: Database, tmp_path: Path) -> None:
    desk.close()
    _damage(_path(desk))
    db = open_database(desk.target)
    try:
        with pytest.raises(StorageError, match="is damaged") as refused:
            make_backup(db, cli_actor(db), tmp_path / "copy.sqlite3")
    finally:
        db.close()
    assert refused.value.exit_code == 3 and str(_path(desk)) in str(refused.value)
    assert not (tmp_path / "copy.sqlite3").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_a_restore_that_cannot_open_what_it_restored_says_where_the_old_database_is(
        desk: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    backup = make_backup(desk, cli_actor(desk), tmp_path / "copy.sqlite3").path
    desk.close()

    def failing_upgrade(target: DatabaseTarget) -> object:
        raise StorageError("The upgrade failed.")

    monkeypatch.setattr(backups, "initialise", failing_upgrade)
    with pytest.raises(StorageError) as refused:
        restore_backup(desk.target, backup)
    kept = next(tmp_path.glob("desk.sqlite3.before-restore-*"))
    assert refused.value.reasons == ("The upgrade failed.", f"The database replaced is kept as {kept}.")
