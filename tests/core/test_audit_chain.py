"""The audit log as a hash chain: `check` finds an entry edited, one removed and a tail cut off; appends from
several desks at once still make one chain; the head is kept beside the database."""

from __future__ import annotations

import io
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from tests.core.test_storage_faults import database_at
from welcomedesk.cli import main
from welcomedesk.config import DatabaseTarget
from welcomedesk.db import audit_chain
from welcomedesk.db.audit_head import head_path, read_head
from welcomedesk.db.session import Database, open_database, record, unit_of_work
from welcomedesk.model import AuditEntry
from welcomedesk.services.accounts import cli_actor
from welcomedesk.services.demo import make_demo
from welcomedesk.services.health import check_database


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args) if "--lang" in args else ["--lang", "en", *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "desk.sqlite3"
    assert run("--db", str(path), "init")[0] == 0
    assert run("--db", str(path), "demo", "--households", "15", "--seed", "3")[0] == 0
    # Views and searches add entries of their own.
    for person in ("1", "2", "3"):
        assert run("--db", str(path), "show", person)[0] == 0
    assert run("--db", str(path), "list", "--search", "a")[0] == 0
    return path


def _sql(path: Path, statement: str, *values: object) -> None:
    connection = sqlite3.connect(str(path), isolation_level=None)
    try:
        connection.execute(statement, values)
    finally:
        connection.close()


def _ids(path: Path) -> list[int]:
    connection = sqlite3.connect(str(path))
    try:
        return [row[0] for row in connection.execute("SELECT id FROM audit_entry ORDER BY id")]
    finally:
        connection.close()


def test_a_healthy_database_checks_whole(demo_file: Path) -> None:
    code, out, err = run("--db", str(demo_file), "check")
    assert (code, err) == (0, "")
    assert "holds together" in out
    # The check is itself an act on the log, and the log still holds together after it.
    assert run("--db", str(demo_file), "check")[0] == 0


def test_the_head_file_follows_the_table(demo_file: Path) -> None:
    kept = read_head(demo_file.with_name(demo_file.name + ".audit-head"))
    connection = sqlite3.connect(str(demo_file))
    last_id, last_digest = connection.execute("SELECT id, digest FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone()
    connection.close()
    assert kept is not None and (kept.entry_id, kept.digest) == (last_id, last_digest)
    assert len(last_digest) == 64 and last_digest != audit_chain.GENESIS


def test_an_edited_middle_entry_is_found(demo_file: Path) -> None:
    ids = _ids(demo_file)
    middle = ids[len(ids) // 2]
    _sql(demo_file, "UPDATE audit_entry SET fields = 'nothing' WHERE id = ?", middle)
    code, out, _err = run("--db", str(demo_file), "check")
    assert code == 1
    assert f"from entry {middle} on" in out


def test_an_edited_moment_or_account_is_found(demo_file: Path) -> None:
    ids = _ids(demo_file)
    _sql(demo_file, "UPDATE audit_entry SET account_id = NULL WHERE id = ?", ids[3])
    code, out, _err = run("--db", str(demo_file), "check")
    assert code == 1 and f"from entry {ids[3]} on" in out


def test_a_removed_middle_entry_is_found(demo_file: Path) -> None:
    ids = _ids(demo_file)
    gone = ids[len(ids) // 3]
    _sql(demo_file, "DELETE FROM audit_entry WHERE id = ?", gone)
    code, out, _err = run("--db", str(demo_file), "check")
    assert code == 1
    assert f"from entry {ids[ids.index(gone) + 1]} on" in out


def test_a_cut_off_tail_is_found_against_the_head_file(demo_file: Path) -> None:
    ids = _ids(demo_file)
    _sql(demo_file, "DELETE FROM audit_entry WHERE id > ?", ids[-4])
    code, out, _err = run("--db", str(demo_file), "check")
    assert code == 1
    assert f"ends at entry {ids[-4]}" in out and f"reached entry {ids[-1]}" in out


def test_a_cut_off_tail_then_new_entries_is_found_in_the_table_itself(demo_file: Path) -> None:
    ids = _ids(demo_file)
    _sql(demo_file, "DELETE FROM audit_entry WHERE id > ?", ids[-4])
    head_file = demo_file.with_name(demo_file.name + ".audit-head")
    head_file.unlink()
    # The program goes on appending: the next entry chains to the removed one's digest.
    assert run("--db", str(demo_file), "show", "1")[0] == 0
    code, out, _err = run("--db", str(demo_file), "check")
    assert code == 1 and "does not hold together" in out


def test_a_rewritten_tail_is_found_against_the_head_file(demo_file: Path) -> None:
    ids = _ids(demo_file)
    # Someone edits the last entry and recomputes its digest so that the table holds together.
    connection = sqlite3.connect(str(demo_file), isolation_level=None)
    previous = connection.execute("SELECT digest FROM audit_entry WHERE id = ?", (ids[-2],)).fetchone()[0]
    connection.execute("UPDATE audit_entry SET fields = 'nothing' WHERE id = ?", (ids[-1],))
    connection.close()
    engine = create_engine(f"sqlite:///{demo_file}")
    with engine.begin() as bound:
        row = bound.execute(select(AuditEntry.at, AuditEntry.account_id, AuditEntry.action, AuditEntry.entity,
                                   AuditEntry.entity_id, AuditEntry.fields).where(AuditEntry.id == ids[-1])).one()
        bound.execute(text("UPDATE audit_entry SET digest = :d WHERE id = :id"),
                      {"d": audit_chain.digest_of(previous, row._mapping), "id": ids[-1]})
    engine.dispose()
    code, out, _err = run("--db", str(demo_file), "check")
    assert code == 1 and f"Audit entry {ids[-1]} is not the one written" in out


def test_an_unreadable_stored_value_is_reported_by_record_and_field_never_by_value(demo_file: Path) -> None:
    _sql(demo_file, "UPDATE person SET date_of_birth = '15.4.1987' WHERE id = 2")
    # Another program that ignores the table's checks.
    connection = sqlite3.connect(str(demo_file), isolation_level=None)
    connection.execute("PRAGMA ignore_check_constraints = ON")
    connection.execute("UPDATE person SET relation = 'cousin' WHERE id = 4")
    connection.close()
    code, out, err = run("--db", str(demo_file), "check")
    assert code == 1
    assert "Record 2 of person: the stored date_of_birth cannot be read." in out
    assert "Record 4 of person: the stored relation cannot be read." in out
    assert "break the table's own rules" in out and "damaged" not in out
    assert "15.4.1987" not in out + err and "cousin" not in out + err


def test_check_speaks_finnish(demo_file: Path) -> None:
    _sql(demo_file, "UPDATE person SET date_of_birth = '15.4.1987' WHERE id = 2")
    code, out, _err = run("--db", str(demo_file), "--lang", "fi", "check")
    assert code == 1 and "date_of_birth" in out and "cannot be read" not in out


def test_check_is_for_administrators(database: Database) -> None:
    from welcomedesk.errors import PermissionDenied
    from welcomedesk.services.accounts import desk_actor

    desk_actor(database, "first")  # the first computer account holds every role
    worker = desk_actor(database, "second")
    with pytest.raises(PermissionDenied):
        check_database(database, worker)


def test_appends_from_several_desks_at_once_make_one_chain(database: Database) -> None:
    actor = cli_actor(database)
    make_demo(database, actor, households=3, seed=1)
    errors: list[BaseException] = []

    def desk(number: int) -> None:
        own = open_database(database.target)
        try:
            for _ in range(25):
                with unit_of_work(own, actor) as session:
                    record(session, "view", "person", number)
        except BaseException as exc:  # collected: a thread's failure must fail the test
            errors.append(exc)
        finally:
            own.close()

    threads = [threading.Thread(target=desk, args=(n,)) for n in range(1, 7)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    if database.target.sqlite_path is not None:
        # Views that met another desk's write lock waited in the spool: moved now, each once.
        from welcomedesk.db.audit_spool import drain

        drain(database.engine, database.target.sqlite_path)
    with database.engine.connect() as connection:
        _head, broken = audit_chain.verify(connection)
        views = connection.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "view"))
    assert broken is None
    assert views == 150
    assert check_database(database, actor).healthy


def test_an_entry_without_an_account_chains_too(database: Database) -> None:
    actor = cli_actor(database)
    with database.engine.begin() as connection:
        audit_chain.append(connection, [{"at": datetime.now(UTC), "account_id": None, "action": "sign_in_failed",
                                         "entity": "staff_account", "entity_id": None, "fields": ""}])
    assert check_database(database, actor).healthy


def test_an_older_database_gets_its_entries_chained_on_upgrade(db_target: DatabaseTarget) -> None:
    database_at(db_target, "0012")
    engine = create_engine(db_target.url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO staff_account (id, username, display_name, active, builtin, version, "
                                "created_at, updated_at) VALUES (1, 'cli', 'Command line', true, true, 1, :at, :at)"),
                           {"at": datetime(2026, 1, 1, tzinfo=UTC)})
        connection.execute(text("INSERT INTO staff_role (account_id, role) VALUES (1, 'desk'), (1, 'coordinator'), "
                                "(1, 'admin')"))
        for number in range(1, 8):
            connection.execute(text("INSERT INTO audit_entry (at, account_id, action, entity, entity_id, fields) "
                                    "VALUES (:at, 1, 'view', 'person', :n, '')"),
                               {"at": datetime(2026, 1, number, 12, 0, number, 1234, tzinfo=UTC), "n": number})
    engine.dispose()
    db = open_database(db_target)
    try:
        assert db.opened == "upgraded"
        with db.engine.connect() as connection:
            head, broken = audit_chain.verify(connection)
        assert broken is None and head.entry_id == 7
        report = check_database(db, cli_actor(db))
        assert report.healthy, report.findings
    finally:
        db.close()


def test_the_head_of_a_postgresql_database_is_kept_in_the_data_folder(db_target: DatabaseTarget) -> None:
    path = head_path(db_target)
    if db_target.sqlite_path is not None:
        assert path == db_target.sqlite_path.with_name(db_target.sqlite_path.name + ".audit-head")
    else:
        assert "welcomedesk" not in path.name and "@" not in str(path)
        assert path.parent.name == "audit-heads"


def test_a_region_export_keeps_the_chains_head(demo_file: Path, tmp_path: Path) -> None:
    import json

    from welcomedesk.exports.json_format import from_json

    out = tmp_path / "region.json"
    code, _out, err = run("--db", str(demo_file), "export-region", "--from", "2025-01-01", "--to", "2026-12-31",
                          "--format", "json", "--out", str(out))
    assert code == 0, err
    data = json.loads(out.read_text(encoding="utf-8"))
    connection = sqlite3.connect(str(demo_file))
    entry, digest = connection.execute("SELECT id, digest FROM audit_entry WHERE action = 'export' "
                                       "AND entity = 'region' ORDER BY id DESC LIMIT 1").fetchone()
    connection.close()
    assert data["audit_head"] == {"entry": entry, "digest": digest}
    assert from_json(out.read_bytes()).audit_head == (entry, digest)
    data["audit_head"]["digest"] = "not hex"
    with pytest.raises(Exception, match="digest"):
        from_json(json.dumps(data))
