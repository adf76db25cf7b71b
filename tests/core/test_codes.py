"""Coded values are enums the database checks; roles and languages are rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from tests.core.test_storage_faults import database_at
from welcomedesk.actor import Actor
from welcomedesk.codes import PermitType, Relation, Role, Status
from welcomedesk.config import resolve_database
from welcomedesk.db.session import Database, open_database, unit_of_work
from welcomedesk.errors import StorageError
from welcomedesk.model import Household, Person, PersonLanguage, StaffAccount, StaffRole
from welcomedesk.services.accounts import desk_actor


@pytest.mark.parametrize(("column", "value"), [("status", "zzz"), ("relation", "boss"), ("permit_type", "Q"),
                                               ("status", "Expected"), ("permit_type", "")])
def test_the_database_refuses_a_code_it_does_not_know(database: Database, actor: Actor, column: str,
                                                       value: str) -> None:
    with unit_of_work(database, actor) as session:
        session.add(Person(household=Household(name="Santos"), given_names="Maria", family_name="Santos"))
    with pytest.raises(IntegrityError), database.engine.begin() as connection:
        connection.execute(text(f"UPDATE person SET {column} = :value"), {"value": value})


def test_the_database_refuses_a_role_it_does_not_know(database: Database) -> None:
    with pytest.raises(IntegrityError), database.engine.begin() as connection:
        connection.execute(text("INSERT INTO staff_role (account_id, role) VALUES (1, 'superuser')"))


def test_codes_come_back_as_their_enums(database: Database, actor: Actor) -> None:
    with unit_of_work(database, actor) as session:
        person = Person(household=Household(name="Reyes"), given_names="Ana", family_name="Reyes",
                        status=Status.ARRIVED, relation=Relation.SPOUSE, permit_type=PermitType.TEMPORARY)
        person.set_languages(["tl", "en", "tl", "fi"])
        session.add(person)
    with unit_of_work(database, actor) as session:
        saved = session.scalars(select(Person)).one()
        assert (saved.status, saved.relation, saved.permit_type) == (Status.ARRIVED, Relation.SPOUSE,
                                                                      PermitType.TEMPORARY)
        assert isinstance(saved.status, Status) and saved.language_codes() == ("tl", "en", "fi")


def test_roles_and_languages_are_rows_a_query_can_ask_for(database: Database, actor: Actor) -> None:
    desk_actor(database, "maija")
    desk_actor(database, "pekka")
    with unit_of_work(database, actor) as session:
        for given, codes in (("Ana", ["tl", "en"]), ("Olena", ["uk", "ru", "en"]), ("Aino", ["fi"])):
            person = Person(household=Household(name=given), given_names=given, family_name="X")
            person.set_languages(codes)
            session.add(person)
    with unit_of_work(database, actor) as session:
        admins = session.scalars(select(StaffAccount.username).join(StaffRole).where(
            StaffRole.role == Role.ADMIN).order_by(StaffAccount.username)).all()
        english = session.scalars(select(Person.given_names).join(PersonLanguage).where(
            PersonLanguage.code == "en").order_by(Person.given_names)).all()
        first_language = session.scalars(select(Person.given_names).join(PersonLanguage).where(
            PersonLanguage.code == "uk", PersonLanguage.position == 0)).all()
    assert admins == ["cli", "maija"] and english == ["Ana", "Olena"] and first_language == ["Olena"]


def test_a_change_of_languages_is_audited_as_the_persons_field(database: Database, actor: Actor) -> None:
    from welcomedesk.model import AuditEntry

    with unit_of_work(database, actor) as session:
        person = Person(household=Household(name="Reyes"), given_names="Ana", family_name="Reyes")
        person.set_languages(["tl"])
        session.add(person)
    with unit_of_work(database, actor) as session:
        saved = session.scalars(select(Person)).one()
        saved.set_languages(["tl", "fi"])
    with unit_of_work(database, actor) as session:
        acts = session.execute(select(AuditEntry.action, AuditEntry.entity, AuditEntry.fields).where(
            AuditEntry.entity.in_(["person", "person_language"])).order_by(AuditEntry.id)).all()
    assert acts[0][:2] == ("create", "person") and "languages" in acts[0][2].split(",")
    assert acts[-1] == ("update", "person", "languages")
    assert all(entity == "person" for _action, entity, _fields in acts)


def _old_database(path: Path, status: str = "arrived") -> None:
    target = resolve_database(str(path))
    database_at(target, "0002")
    connection = sqlite3.connect(str(path), isolation_level=None)
    connection.execute("INSERT INTO staff_account (id, username, display_name, roles, active, builtin, version, "
                       "created_at, updated_at) VALUES (1, 'cli', 'Command line', 'desk coordinator admin', 1, 1, 1, "
                       "'2026-01-01 00:00:00', '2026-01-01 00:00:00'), (2, 'pekka', 'Pekka', 'desk', 1, 0, 1, "
                       "'2026-01-01 00:00:00', '2026-01-01 00:00:00')")
    connection.execute("INSERT INTO household (id, name, version, created_at, updated_at) "
                       "VALUES (1, 'Reyes', 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')")
    for person_id, languages, permit in ((1, "tl;EN; fi;tl", "B"), (2, "", "")):
        connection.execute(
            "INSERT INTO person (id, household_id, relation, given_names, family_name, native_name, sort_name, "
            "nationality, languages, email, phone, street_address, postal_code, post_office, municipality_code, "
            "status, employer, occupation, permit_type, version, created_at, updated_at) VALUES (?, 1, 'main', 'Ana', "
            "'Reyes', '', 'reyes ana', 'PH', ?, '', '', '', '', '', '', ?, '', '', ?, 1, '2026-01-01 00:00:00', "
            "'2026-01-01 00:00:00')", (person_id, languages, status, permit))
    connection.close()


def test_the_upgrade_turns_strings_into_rows_and_checks(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    _old_database(path)
    db = open_database(resolve_database(str(path)))
    assert db.opened == "upgraded"
    with unit_of_work(db, None) as session:
        people = {p.id: (p.language_codes(), p.permit_type) for p in session.scalars(select(Person))}
        roles = {a.username: a.role_set() for a in session.scalars(select(StaffAccount))}
    db.close()
    assert people == {1: (("tl", "en", "fi"), PermitType.TEMPORARY), 2: ((), None)}
    assert roles == {"cli": frozenset(Role), "pekka": frozenset({Role.DESK})}
    with pytest.raises(sqlite3.IntegrityError):
        sqlite3.connect(str(path)).execute("UPDATE person SET status = 'zzz'")


def test_the_upgrade_refuses_a_code_it_does_not_know_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    _old_database(path, status="welcomed")
    before = sqlite3.connect(str(path)).execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    with pytest.raises(StorageError, match=r"person\.status") as refused:
        open_database(resolve_database(str(path)))
    assert refused.value.exit_code == 3
    after = sqlite3.connect(str(path)).execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    assert after == before


def test_the_upgrade_keeps_the_planner_statistics_a_database_had(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    _old_database(path)
    connection = sqlite3.connect(str(path))
    connection.execute("ANALYZE")
    connection.commit()
    assert ("person",) in connection.execute("SELECT DISTINCT tbl FROM sqlite_stat1").fetchall()
    connection.close()
    open_database(resolve_database(str(path))).close()
    analysed = {t for (t,) in sqlite3.connect(str(path)).execute("SELECT DISTINCT tbl FROM sqlite_stat1")}
    assert {"person", "staff_account", "person_language"} <= analysed  # rebuilt or new tables, analysed again
