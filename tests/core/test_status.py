"""A person's status as a dated history; the latest entry is the status lists filter by."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.core.test_codes import _old_database
from welcomedesk.actor import Actor
from welcomedesk.codes import Status
from welcomedesk.config import resolve_database
from welcomedesk.db.session import Database, open_database, unit_of_work
from welcomedesk.errors import ConflictError, ValidationError
from welcomedesk.model import Household, Person, PersonStatus
from welcomedesk.services.demo import make_demo
from welcomedesk.services.newcomers import NewcomerQuery, get_person, search_newcomers
from welcomedesk.services.status import change_status

TODAY = date(2026, 11, 25)


def _arrived(database: Database, actor: Actor) -> int:
    with unit_of_work(database, actor) as session:
        person = Person(household=Household(name="Reyes"), given_names="Ana", family_name="Reyes",
                        arrival_date=date(2025, 3, 1))
        session.add(person)
        session.flush()
        person_id = person.id
    change_status(database, actor, person_id, Status.ARRIVED, date(2025, 3, 1), today=TODAY)
    return person_id


def test_a_history_grows_and_its_latest_entry_is_the_status(database: Database, actor: Actor) -> None:
    person_id = _arrived(database, actor)
    version = get_person(database, actor, person_id).version
    assert change_status(database, actor, person_id, Status.SETTLED, date(2025, 9, 1), version=version,
                         today=TODAY) is Status.SETTLED
    # A later entry dated earlier is history, not the status now.
    assert change_status(database, actor, person_id, "arrived", date(2025, 3, 2), today=TODAY) is Status.SETTLED
    assert change_status(database, actor, person_id, Status.MOVED, date(2026, 6, 1), destination="564",
                         today=TODAY) is Status.MOVED
    detail = get_person(database, actor, person_id)
    assert [(e.status, e.since, e.destination_code) for e in detail.status_history] == [
        (Status.ARRIVED, date(2025, 3, 1), ""), (Status.ARRIVED, date(2025, 3, 2), ""),
        (Status.SETTLED, date(2025, 9, 1), ""), (Status.MOVED, date(2026, 6, 1), "564")]
    assert detail.row.status is Status.MOVED
    assert detail.as_json()["status_history"][-1] == {"status": "moved", "since": "2026-06-01",
                                                     "destination_municipality": "564"}
    moved = search_newcomers(database, actor, NewcomerQuery(statuses=frozenset({Status.MOVED})))
    assert [r.id for r in moved.rows] == [person_id]


@pytest.mark.parametrize(("status", "since", "destination", "field"), [
    (Status.MOVED, TODAY, "", "destination"),
    (Status.MOVED_REGION, TODAY, "٢٠٥", "destination"),
    (Status.SETTLED, TODAY + timedelta(days=1), "", "since"),
    ("welcomed", TODAY, "", "status"),
])
def test_a_change_that_does_not_hold_is_refused_with_its_field(database: Database, actor: Actor, status: str,
                                                               since: date, destination: str, field: str) -> None:
    person_id = _arrived(database, actor)
    with pytest.raises(ValidationError) as refused:
        change_status(database, actor, person_id, status, since, destination=destination, today=TODAY)
    assert refused.value.problems[0].field == field
    assert len(get_person(database, actor, person_id).status_history) == 1


def test_a_stale_change_is_a_conflict(database: Database, actor: Actor) -> None:
    person_id = _arrived(database, actor)
    loaded = get_person(database, actor, person_id).version
    change_status(database, actor, person_id, Status.SETTLED, TODAY, version=loaded, today=TODAY)
    with pytest.raises(ConflictError):
        change_status(database, actor, person_id, Status.LEFT, TODAY, version=loaded, today=TODAY)
    assert get_person(database, actor, person_id).row.status is Status.SETTLED


def test_demo_families_come_with_histories_that_end_in_their_status(database: Database, actor: Actor) -> None:
    make_demo(database, actor, households=40, seed=3)
    with unit_of_work(database, None) as session:
        people = session.scalars(select(Person)).all()
        for person in people:
            history = person.status_history
            assert history and history[-1].status is person.status
            assert all(a.since <= b.since for a, b in pairwise(history))
            assert all(e.destination_code for e in history if e.status is Status.MOVED)


def test_the_upgrade_starts_each_history_with_the_status_kept_before(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    _old_database(path)  # revision 0002: two people, arrived
    connection = sqlite3.connect(str(path))
    connection.execute("UPDATE person SET arrival_date = '2025-03-01' WHERE id = 1")
    connection.commit()
    connection.close()
    db = open_database(resolve_database(str(path)))
    with unit_of_work(db, None) as session:
        entries = session.execute(select(PersonStatus.person_id, PersonStatus.status, PersonStatus.since,
                                         PersonStatus.account_id).order_by(PersonStatus.person_id)).all()
    db.close()
    assert entries == [(1, Status.ARRIVED, date(2025, 3, 1), None), (2, Status.ARRIVED, date(2026, 1, 1), None)]


def test_an_imported_person_starts_a_history(database: Database, actor: Actor, tmp_path: Path) -> None:
    from tests.core.test_import import HEADER, write_csv
    from welcomedesk.services.importing import import_file

    rows = [["", "main", "Ana", "Cruz", "", "", "", "", "", "", "2025-02-03", "arrived", "", "", ""],
            ["", "main", "Ben", "Cruz", "", "", "", "", "", "", "2027-01-01", "expected", "", "", ""]]
    import_file(database, actor, write_csv(tmp_path / "list.csv", rows, HEADER))
    with unit_of_work(database, None) as session:
        entries = session.execute(select(PersonStatus.status, PersonStatus.since, PersonStatus.account_id)
                                  .order_by(PersonStatus.person_id)).all()
    assert entries[0] == (Status.ARRIVED, date(2025, 2, 3), actor.account_id)
    assert entries[1][0] is Status.EXPECTED and entries[1][1] <= date.today()
