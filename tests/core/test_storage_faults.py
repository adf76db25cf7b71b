"""Storage that is not what it should be: foreign, unversioned, newer or damaged files, failing
migrations, copies before an upgrade, errors told apart by the driver's code, private files."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from tests import damage
from welcomedesk.actor import Actor
from welcomedesk.config import DatabaseTarget, resolve_database
from welcomedesk.db.session import Database, open_database, unit_of_work
from welcomedesk.errors import ConflictError, DuplicateError, StorageError
from welcomedesk.model import AuditEntry, Household, Person, PersonNameKey, StaffAccount
from welcomedesk.services.accounts import cli_actor
from welcomedesk.services.demo import make_demo
from welcomedesk.services.newcomers import NewcomerQuery, get_person, search_newcomers
from welcomedesk.services.setup import initialise


def _tables(target: DatabaseTarget) -> list[tuple[str, ...]]:
    """Every table and column with its type, and the stamped revision: the schema as it stands."""
    from sqlalchemy import create_engine

    engine = create_engine(target.url)
    with engine.connect() as connection:
        if target.is_sqlite:
            rows = connection.execute(text("SELECT type, name, sql FROM sqlite_master ORDER BY name")).all()
        else:
            rows = connection.execute(text(
                "SELECT table_name, column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = current_schema() ORDER BY 1, 2")).all()
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        people = connection.execute(text("SELECT count(*) FROM person")).scalar()
    engine.dispose()
    return [tuple(str(v) for v in r) for r in rows] + [("revision", str(revision)), ("people", str(people))]


def database_at(target: DatabaseTarget, revision: str) -> None:
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


# -- 10: another program's database, and migrations that fail midway ------------------------------------------

def test_init_refuses_another_programs_database_and_changes_no_byte(sqlite_target: DatabaseTarget) -> None:
    path = sqlite_target.sqlite_path
    assert path is not None
    path.unlink(missing_ok=True)
    damage.foreign(path)
    before = path.read_bytes()
    with pytest.raises(StorageError, match="not a WelcomeDesk database") as caught:
        initialise(sqlite_target)
    assert caught.value.exit_code == 3
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_init_refuses_another_programs_postgresql_schema(db_target: DatabaseTarget) -> None:
    if db_target.is_sqlite:
        pytest.skip("the SQLite case is above")
    from sqlalchemy import create_engine

    engine = create_engine(db_target.url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE person (id serial PRIMARY KEY, name text)"))
    with pytest.raises(StorageError, match="not a WelcomeDesk database"):
        initialise(db_target)
    with engine.connect() as connection:
        tables = connection.execute(text(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")).scalars().all()
    engine.dispose()
    assert tables == ["person"]


# A revision after the code's head that fails halfway through ({revision} and {head} filled in).
FAILING = '''"""Fails on purpose, halfway through."""
import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_made", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("name", sa.String(50)))
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("licence", sa.String(20), nullable=True))
    op.execute("UPDATE person SET occupation = 'changed'")
    op.execute("DELETE FROM person_name_key")
    raise RuntimeError("this migration fails on purpose")


def downgrade() -> None:
    pass
'''


@pytest.fixture
def add_failing_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Put a revision 0003 that fails halfway on the code's list of migrations."""
    import welcomedesk.db.migrate as migrate
    import welcomedesk.db.schema as schema

    def add() -> None:
        scripts = tmp_path / "migrations"
        shutil.copytree(migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
        following = f"{int(schema.HEAD) + 1:04d}"
        (scripts / "versions" / f"{following}_fails.py").write_text(
            FAILING.replace("{revision}", following).replace("{head}", schema.HEAD), encoding="utf-8")
        monkeypatch.setattr(migrate, "MIGRATIONS", scripts)
        monkeypatch.setattr(schema, "REVISIONS", (*schema.REVISIONS, following))
        monkeypatch.setattr(schema, "HEAD", following)

    return add


def test_a_migration_that_fails_midway_leaves_the_database_as_it_was(
        db_target: DatabaseTarget, add_failing_migration: Callable[[], None]) -> None:
    db, _ = initialise(db_target)
    make_demo(db, cli_actor(db), households=10)
    db.close()
    before = _tables(db_target)
    add_failing_migration()
    with pytest.raises(RuntimeError, match="on purpose"):
        open_database(db_target)
    assert _tables(db_target) == before


def test_init_that_fails_leaves_no_file_behind(tmp_path: Path, add_failing_migration: Callable[[], None]) -> None:
    add_failing_migration()
    target = resolve_database(str(tmp_path / "new" / "desk.sqlite3"))
    with pytest.raises(RuntimeError, match="on purpose"):
        initialise(target)
    assert target.sqlite_path is not None and not target.sqlite_path.exists()
    assert list(target.sqlite_path.parent.iterdir()) == []


# -- 11, 12: WelcomeDesk's tables without a version; refused files stay byte-identical ------------------------

def test_a_database_whose_version_row_was_deleted_is_named_and_refused(tmp_path: Path) -> None:
    path = damage.unversioned(tmp_path / "desk.sqlite3")
    before = path.read_bytes()
    target = resolve_database(str(path))
    for create in (False, True):  # list, and init
        with pytest.raises(StorageError, match="record of its version is missing") as caught:
            open_database(target, create=create)
        assert caught.value.exit_code == 3
    assert path.read_bytes() == before


@pytest.mark.parametrize(("damage_sql", "message"), [
    ("DELETE FROM alembic_version", "record of its version is missing"),
    ("DROP TABLE alembic_version", "record of its version is missing"),
    ("DROP TABLE person_name_key", "person_name_key"),
    ("ALTER TABLE person DROP COLUMN occupation", "person.occupation"),
    ("UPDATE alembic_version SET version_num = 'ae1027a6acf'", "not a WelcomeDesk database"),
])
def test_a_broken_welcomedesk_database_is_refused_on_both_backends(db_target: DatabaseTarget, damage_sql: str,
                                                                    message: str) -> None:
    from sqlalchemy import create_engine

    initialise(db_target)[0].close()
    engine = create_engine(db_target.url)
    with engine.begin() as connection:
        if db_target.is_sqlite:
            connection.execute(text("PRAGMA foreign_keys = OFF"))
        connection.execute(text(damage_sql))
    engine.dispose()
    for create in (False, True):
        with pytest.raises(StorageError, match=message) as caught:
            open_database(db_target, create=create)
        assert caught.value.exit_code == 3


def test_a_refused_file_keeps_its_journal_mode_and_change_counter(tmp_path: Path) -> None:
    path = damage.newer(tmp_path / "desk.sqlite3")
    connection = sqlite3.connect(str(path))
    connection.execute("PRAGMA journal_mode=DELETE")  # as another tool may leave it
    connection.close()
    before = path.read_bytes()
    files = sorted(p.name for p in tmp_path.iterdir())  # the file, and the audit head its maker left
    assert before[18:20] == b"\x01\x01"  # rollback journal, not WAL
    with pytest.raises(StorageError, match="newer"):
        open_database(resolve_database(str(path)))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files


def test_a_database_missing_a_table_is_refused_as_damaged(tmp_path: Path) -> None:
    path = damage.incomplete(tmp_path / "desk.sqlite3")
    with pytest.raises(StorageError, match="person_name_key"):
        open_database(resolve_database(str(path)))


# -- 13: a damaged page stops bulk writes ------------------------------------------------------------------------

def test_a_damaged_page_refuses_demo_data_and_writes_nothing(tmp_path: Path) -> None:
    path = damage.damaged_page(tmp_path / "desk.sqlite3")
    db = open_database(resolve_database(str(path)))
    damage.checkpoint(path)
    before = path.read_bytes()
    with pytest.raises(StorageError, match="damaged") as caught:
        make_demo(db, cli_actor(db), households=2)
    db.close()
    assert caught.value.exit_code == 3
    damage.checkpoint(path)
    assert path.read_bytes() == before


# -- 15: the copy before an upgrade holds what is committed in the -wal file ------------------------------------

def test_the_copy_before_an_upgrade_holds_what_is_still_in_the_wal(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    target = resolve_database(str(path))
    database_at(target, "0001")
    holder = sqlite3.connect(str(path), isolation_level=None)  # keeps SQLite from checkpointing on close
    holder.execute("PRAGMA wal_autocheckpoint=0")
    holder.execute("BEGIN")
    holder.executemany("INSERT INTO household (id, name, version, created_at, updated_at) "
                       "VALUES (?, 'Family', 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
                       [(i,) for i in range(1, 201)])
    holder.execute("COMMIT")
    main_alone = tmp_path / "main-file-only.sqlite3"
    shutil.copyfile(path, main_alone)
    assert sqlite3.connect(str(main_alone)).execute("SELECT count(*) FROM household").fetchone()[0] == 0
    db = open_database(target)
    db.close()
    holder.close()
    copies = list(tmp_path.glob("desk.sqlite3.before-0001-*.bak"))
    assert len(copies) == 1 and db.opened == "upgraded"
    assert sqlite3.connect(str(copies[0])).execute("SELECT count(*) FROM household").fetchone()[0] == 200
    assert stat.S_IMODE(copies[0].stat().st_mode) == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


# -- 18: errors told apart by the driver's code ------------------------------------------------------------------

def test_a_mistyped_column_is_a_bug_not_storage_trouble(database: Database, actor: Actor) -> None:
    with pytest.raises(DBAPIError) as caught, unit_of_work(database, actor) as session:
        session.execute(text("SELECT no_such_column FROM person"))
    assert not isinstance(caught.value, StorageError)


def test_a_not_null_violation_is_a_bug_not_a_conflict(database: Database, actor: Actor) -> None:
    with pytest.raises(DBAPIError), unit_of_work(database, actor) as session:
        session.execute(text("INSERT INTO household (name, version, created_at, updated_at) "
                             "VALUES (NULL, 1, '2026-01-01', '2026-01-01')"))


def test_a_repeated_identity_code_is_a_duplicate_that_names_the_field(database: Database, actor: Actor) -> None:
    for attempt in range(2):
        try:
            with unit_of_work(database, actor) as session:
                session.add(Person(household=Household(name="Santos"), given_names="Maria", family_name="Santos",
                                   personal_identity_code="010190-123A"))
        except DuplicateError as exc:
            assert attempt == 1 and exc.field == "personal_identity_code"
            assert isinstance(exc, ConflictError) and exc.exit_code == 1
            assert "Personal identity code" in exc.message and "010190" not in exc.message
            return
    pytest.fail("the second save was not refused")


def _sqlite_error(code: int) -> sqlite3.Error:
    error = sqlite3.OperationalError("a message that is never read")
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(("code", "trouble"), [
    (5, "locked"), (517, "locked"), (6, "locked"), (8, "read_only"), (264, "read_only"), (10, "io"),
    (3850, "io"), (11, "damaged"), (26, "damaged"), (13, "full"), (14, "cannot_open"),
    (1, None), (19, None), (2067, None), (1299, None), (20, None),
])
def test_sqlite_result_codes_sort_storage_from_bugs(code: int, trouble: str | None) -> None:
    from welcomedesk.db.errors import trouble_of

    found = trouble_of(_sqlite_error(code))
    assert (found.value if found else None) == trouble


@pytest.mark.parametrize(("sqlstate", "trouble"), [
    ("40P01", "locked"), ("55P03", "locked"), ("25006", "read_only"), ("53100", "full"), ("XX001", "damaged"),
    ("08006", "cannot_open"), ("28P01", "refused_login"), ("3D000", "cannot_open"), ("42501", "no_rights"),
    ("42703", None), ("23502", None), ("23505", None), ("22P02", None),
])
def test_postgresql_sqlstates_sort_storage_from_bugs(sqlstate: str, trouble: str | None) -> None:
    psycopg = pytest.importorskip("psycopg")
    from welcomedesk.db.errors import known_database_error, trouble_of

    error = psycopg.errors.lookup(sqlstate)("a message that is never read")
    found = trouble_of(error)
    assert (found.value if found else None) == trouble
    known = known_database_error(error, "db")
    assert (known is not None) == (trouble is not None or sqlstate == "23505")


# -- 20: audit rows name what they created; init's own account is audited ---------------------------------------

def test_every_created_record_is_audited_with_its_id(database: Database, actor: Actor) -> None:
    make_demo(database, actor, households=3)
    with unit_of_work(database, actor) as session:
        creates = session.execute(select(AuditEntry.entity, AuditEntry.entity_id, AuditEntry.account_id)
                                  .where(AuditEntry.action == "create")).all()
        person_ids = set(session.scalars(select(Person.id)))
        cli = session.scalar(select(StaffAccount.id).where(StaffAccount.username == "cli"))
    # Every record is named by its number; a setting, named by its key, carries the key in its fields instead.
    assert creates and all(entity_id is not None for entity, entity_id, _ in creates if entity != "setting")
    assert {entity_id for entity, entity_id, _ in creates if entity == "person"} == person_ids
    # The built-in account made itself at init, and says so.
    assert ("staff_account", cli, cli) in creates


def test_bulk_loading_lives_outside_the_program() -> None:
    import importlib.util

    assert importlib.util.find_spec("welcomedesk.db.bulk") is None
    assert importlib.util.find_spec("benchmarks.bulk") is not None


# -- 21: files and folders are private ---------------------------------------------------------------------------

@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_the_data_folder_database_and_log_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        db, _ = initialise(resolve_database(None))  # the default file in a new data folder
        db.close()
        from welcomedesk.bug_log import log_path, record_bug

        record_bug(RuntimeError("a bug"))
        nested = resolve_database(str(tmp_path / "elsewhere" / "deeper" / "desk.sqlite3"))
        initialise(nested)[0].close()
    finally:
        os.umask(old)
    data = tmp_path / "data"
    mode = lambda p: stat.S_IMODE(p.stat().st_mode)  # noqa: E731
    assert mode(data) == 0o700 and mode(data / "welcomedesk.sqlite3") == 0o600
    assert mode(log_path().parent) == 0o700 and mode(log_path()) == 0o600
    assert mode(tmp_path / "elsewhere") == 0o700 and mode(tmp_path / "elsewhere" / "deeper") == 0o700
    assert nested.sqlite_path is not None and mode(nested.sqlite_path) == 0o600
    for side in data.glob("welcomedesk.sqlite3*"):
        assert mode(side) == 0o600, side


# -- 23: invisible format characters are not part of a word ------------------------------------------------------

@pytest.mark.parametrize("invisible", ["\u200f", "\ufeff", "\u200b", "\u200e", "\u2066", "\u00ad"])
def test_a_search_pasted_with_invisible_characters_finds(database: Database, actor: Actor, invisible: str) -> None:
    with unit_of_work(database, actor) as session:
        session.add(Person(household=Household(name="Rahimi"), given_names="Mehr\u200cnaz", family_name="Rahimi",
                           native_name="مهر\u200cناز رحیمی"))
        session.add(Person(household=Household(name="Nguyen"), given_names=f"{invisible}Lan", family_name="Nguyen"))
    for query in (f"{invisible}rahimi", f"rah{invisible}imi", f"rahimi{invisible}", "mehrnaz", "مهرناز",
                  f"{invisible}lan nguyen", "lan"):
        found = search_newcomers(database, actor, NewcomerQuery(search=query))
        assert found.total == 1, query


def test_the_upgrade_rebuilds_search_keys_that_held_invisible_characters(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    target = resolve_database(str(path))
    database_at(target, "0001")
    connection = sqlite3.connect(str(path), isolation_level=None)
    connection.execute("INSERT INTO household (id, name, version, created_at, updated_at) "
                       "VALUES (1, 'Rahimi', 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')")
    connection.execute(
        "INSERT INTO person (id, household_id, relation, given_names, family_name, native_name, sort_name, "
        "nationality, languages, email, phone, street_address, postal_code, post_office, municipality_code, status, "
        "employer, occupation, permit_type, version, created_at, updated_at) VALUES (1, 1, 'main', ?, 'Rahimi', '', "
        "?, 'IR', 'fa', '', '', '', '', '', '', 'arrived', '', '', '', 1, '2026-01-01 00:00:00', "
        "'2026-01-01 00:00:00')", ("\u200fMehr\u200cnaz", "rahimi \u200fmehr\u200cnaz"))
    # The keys as the older folding made them: format characters inside the words.
    connection.executemany("INSERT INTO person_name_key (person_id, word) VALUES (1, ?)",
                           [("\u200fmehr\u200cnaz",), ("rahimi",)])
    connection.close()
    db = open_database(target)
    with unit_of_work(db, None) as session:
        words = sorted(session.scalars(select(PersonNameKey.word)))
        sort_name = session.scalar(select(Person.sort_name))
    assert words == ["mehrnaz", "rahimi"] and sort_name == "rahimi mehrnaz"
    actor = cli_actor_or_make(db)
    assert search_newcomers(db, actor, NewcomerQuery(search="mehrnaz")).total == 1
    db.close()


def cli_actor_or_make(db: Database) -> Actor:
    from welcomedesk.services.accounts import ensure_cli_account

    with unit_of_work(db, None) as session:
        ensure_cli_account(session)
    return cli_actor(db)


# -- 24: views while another desk holds the write lock -----------------------------------------------------------

def test_views_are_logged_while_another_desk_holds_the_lock(sqlite_target: DatabaseTarget) -> None:
    db, _ = initialise(sqlite_target)
    actor = cli_actor(db)
    make_demo(db, actor, households=5)
    path = sqlite_target.sqlite_path
    assert path is not None
    other_desk = sqlite3.connect(str(path), isolation_level=None)
    other_desk.execute("BEGIN IMMEDIATE")
    other_desk.execute("INSERT INTO household (name, version, created_at, updated_at) "
                       "VALUES ('Importing', 1, '2026-01-01', '2026-01-01')")
    started = time.monotonic()
    try:
        page = search_newcomers(db, actor, NewcomerQuery(search="a"))
        detail = get_person(db, actor, page.rows[0].id)
    finally:
        elapsed = time.monotonic() - started
        other_desk.execute("COMMIT")
        other_desk.close()
    assert elapsed < 3 and detail.row.id == page.rows[0].id
    spool = sqlite3.connect(str(path) + ".audit-spool")
    assert [r[0] for r in spool.execute("SELECT action FROM pending ORDER BY id")] == ["search", "view"]
    db.close()
    for _ in range(2):  # the next desk to open moves them in, once
        open_database(sqlite_target).close()
    with unit_of_work(db, None) as session:
        acts = session.execute(select(AuditEntry.action, AuditEntry.entity_id).where(
            AuditEntry.action.in_(["search", "view"]))).all()
    assert acts == [("search", None), ("view", detail.row.id)]
    assert spool.execute("SELECT count(*) FROM pending").fetchone()[0] == 0
    assert stat.S_IMODE(Path(str(path) + ".audit-spool").stat().st_mode) == 0o600


def test_views_on_a_free_database_are_logged_at_once(database: Database, actor: Actor) -> None:
    search_newcomers(database, actor, NewcomerQuery())
    with unit_of_work(database, actor) as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "list")) == 1
