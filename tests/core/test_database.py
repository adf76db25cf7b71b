"""The database: init, schema versions, refusals, conflicts and the audit log."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func, select, text

from welcomedesk.actor import Actor
from welcomedesk.config import DatabaseTarget
from welcomedesk.db.migrate import script_revisions
from welcomedesk.db.schema import HEAD, REVISIONS
from welcomedesk.db.session import Database, open_database, unit_of_work
from welcomedesk.errors import ConflictError, StorageError
from welcomedesk.model import AuditEntry, Household, Person
from welcomedesk.services.setup import initialise


def _add_person(db: Database, actor: Actor, **values: object) -> int:
    with unit_of_work(db, actor) as session:
        household = Household(name="Santos")
        fields = {"given_names": "Maria", "family_name": "Santos"} | values
        person = Person(household=household, **fields)
        session.add_all([household, person])
        session.flush()
        return person.id


def test_revisions_in_code_match_the_scripts() -> None:
    assert list(REVISIONS) == script_revisions()


def test_the_models_match_the_migrations(database: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from welcomedesk.model import Base

    with database.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_init_is_idempotent(db_target: DatabaseTarget) -> None:
    db, first = initialise(db_target)
    db.close()
    db, second = initialise(db_target)
    db.close()
    assert (first.opened, second.opened) == ("created", "current")


def test_sqlite_pragmas_are_on(sqlite_target: DatabaseTarget) -> None:
    db, _ = initialise(sqlite_target)
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
    db.close()


def test_a_missing_database_is_refused_except_by_init(sqlite_target: DatabaseTarget) -> None:
    with pytest.raises(StorageError, match="welcomedesk init"):
        open_database(sqlite_target)
    assert sqlite_target.sqlite_path is not None and not sqlite_target.sqlite_path.exists()


def test_a_damaged_database_is_refused_and_kept(sqlite_target: DatabaseTarget) -> None:
    path = sqlite_target.sqlite_path
    assert path is not None
    garbage = b"this is not a database at all" * 200
    path.write_bytes(garbage)
    with pytest.raises(StorageError, match="damaged") as caught:
        open_database(sqlite_target, create=True)
    assert caught.value.exit_code == 3
    assert path.read_bytes() == garbage


def test_a_newer_schema_is_refused(database: Database) -> None:
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    database.close()
    with pytest.raises(StorageError, match="newer"):
        open_database(database.target)


def test_a_read_only_database_is_refused(sqlite_target: DatabaseTarget) -> None:
    db, _ = initialise(sqlite_target)
    db.close()
    path = sqlite_target.sqlite_path
    read_only = DatabaseTarget(url=f"sqlite:///file:{path}?mode=ro&uri=true", sqlite_path=path)
    with pytest.raises(StorageError, match="read-only"):
        open_database(read_only)


def test_a_full_disk_gives_a_storage_error_and_keeps_what_was_saved(sqlite_target: DatabaseTarget) -> None:
    db, _ = initialise(sqlite_target)
    from welcomedesk.services.accounts import cli_actor

    actor = cli_actor(db)
    kept = _add_person(db, actor)
    with db.engine.connect() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar()
    db.close()
    full = Database(target=sqlite_target, engine=_limited_engine(sqlite_target, pages), opened="current")
    with pytest.raises(StorageError, match="full"), unit_of_work(full, actor) as session:
        for i in range(2000):
            session.add(Person(household_id=1, given_names="X" * 90, family_name=f"Filler {i}"))
    full.close()
    db = open_database(sqlite_target)
    with db.engine.connect() as connection:
        names = connection.execute(select(Person.given_names).where(Person.id == kept)).scalars().all()
    assert names == ["Maria"]
    db.close()


def _limited_engine(target: DatabaseTarget, pages: int):  # type: ignore[no-untyped-def]
    from sqlalchemy import event

    from welcomedesk.db.engine import make_engine

    engine = make_engine(target)

    @event.listens_for(engine, "connect")
    def _limit(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + 2}")

    return engine


def test_two_desks_editing_one_person_get_a_conflict(database: Database, actor: Actor) -> None:
    person_id = _add_person(database, actor)
    with unit_of_work(database, actor) as first_desk:
        loaded_first = first_desk.get(Person, person_id)
        assert loaded_first is not None
    with unit_of_work(database, actor) as second_desk:
        loaded = second_desk.get(Person, person_id)
        assert loaded is not None
        loaded.occupation = "practical nurse"
    with pytest.raises(ConflictError), unit_of_work(database, actor) as session:
        stale = session.merge(loaded_first, load=False)
        stale.occupation = "registered nurse"
    with unit_of_work(database, actor) as session:
        assert session.get(Person, person_id).occupation == "practical nurse"  # type: ignore[union-attr]


def test_every_change_is_audited_by_field_name_never_value(database: Database, actor: Actor) -> None:
    person_id = _add_person(database, actor, occupation="Secret & <b>value</b>")
    with unit_of_work(database, actor) as session:
        person = session.get(Person, person_id)
        assert person is not None
        person.employer = "Kainuun hyvinvointialue"
    with unit_of_work(database, actor) as session:
        entries = session.execute(
            select(AuditEntry.action, AuditEntry.entity, AuditEntry.fields, AuditEntry.account_id)
            .where(AuditEntry.entity == "person").order_by(AuditEntry.id)).all()
        dump = " ".join(str(v) for row in session.execute(select(AuditEntry)).scalars()
                        for v in (row.fields, row.entity, row.action))
    assert [(e.action, e.fields) for e in entries][-1] == ("update", "employer")
    assert entries[0].action == "create" and "occupation" in entries[0].fields.split(",")
    assert {e.account_id for e in entries} == {actor.account_id}
    assert "Secret" not in dump and "Kainuun" not in dump


def test_a_failed_unit_of_work_saves_nothing(database: Database, actor: Actor) -> None:
    with pytest.raises(RuntimeError), unit_of_work(database, actor) as session:
        session.add(Household(name="Half done"))
        session.flush()
        raise RuntimeError("interrupted")
    with unit_of_work(database, actor) as session:
        assert session.scalar(select(func.count()).select_from(Household)) == 0


def test_duplicate_identity_code_is_a_conflict(database: Database, actor: Actor) -> None:
    _add_person(database, actor, personal_identity_code="010190-123A")
    with pytest.raises(ConflictError):
        _add_person(database, actor, personal_identity_code="010190-123A")


def test_head_is_stamped(database: Database) -> None:
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD


def test_a_locked_database_gives_a_clear_message_and_loses_nothing(sqlite_target: DatabaseTarget,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import welcomedesk.db.engine as engine_module
    from welcomedesk.services.accounts import cli_actor

    db, _ = initialise(sqlite_target)
    actor = cli_actor(db)
    kept = _add_person(db, actor)
    db.close()
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 200)
    db = open_database(sqlite_target)
    other = sqlite3.connect(str(sqlite_target.sqlite_path), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
    try:
        with pytest.raises(StorageError, match="locked") as caught:
            _add_person(db, actor, given_names="Waiting")
        assert caught.value.exit_code == 3
    finally:
        other.execute("ROLLBACK")
        other.close()
    with unit_of_work(db, actor) as session:
        assert session.scalars(select(Person.id)).all() == [kept]
    db.close()


def test_a_change_without_an_account_is_a_bug(database: Database) -> None:
    with pytest.raises(RuntimeError), unit_of_work(database, None) as session:
        session.add(Household(name="Nobody's"))
    with unit_of_work(database, None) as session:
        assert session.scalar(select(func.count()).select_from(Household)) == 0


def test_a_logged_database_bug_never_carries_a_persons_data(database: Database, actor: Actor) -> None:
    from sqlalchemy.exc import DBAPIError

    from welcomedesk.bug_log import log_path, record_bug

    with pytest.raises(DBAPIError) as caught, database.engine.begin() as connection:
        connection.execute(text("INSERT INTO person (id, given_names) VALUES (:id, :name)"),
                           {"id": 1, "name": "Secret Sirkka"})
    try:
        raise RuntimeError("saving Secret Sirkka failed") from caught.value
    except RuntimeError as bug:
        record_bug(bug)
    logged = log_path().read_text(encoding="utf-8")
    assert "IntegrityError" in logged and "RuntimeError" in logged
    assert "test_a_logged_database_bug_never_carries_a_persons_data" in logged
    assert "Secret Sirkka" not in logged and "INSERT" not in logged
