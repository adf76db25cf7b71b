"""Reading the audit log: the viewer's filters and pages, one person's history, and who may read them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from welcomedesk.actor import Actor
from welcomedesk.codes import Role
from welcomedesk.db import audit_chain
from welcomedesk.db.session import Database
from welcomedesk.errors import PermissionDenied
from welcomedesk.services.accounts import desk_actor
from welcomedesk.services.audit_log import AuditQuery, audit_choices, audit_page, person_history
from welcomedesk.services.demo import make_demo
from welcomedesk.services.newcomers import get_person
from welcomedesk.services.registration import update_person


@pytest.fixture
def people(database: Database, actor: Actor) -> Database:
    make_demo(database, actor, households=4, seed=2)
    return database


def test_a_persons_history_holds_their_views_and_changes_and_nobody_elses(people: Database, actor: Actor) -> None:
    first = get_person(people, actor, 1)
    get_person(people, actor, 2)
    update_person(people, actor, 1, first.version, {"email": "uusi@example.fi"})
    history = person_history(people, actor, 1)
    acts = [(row.action, row.entity, row.entity_id) for row in history]
    assert ("view", "person", 1) in acts and ("update", "person", 1) in acts
    assert all(row.entity_id != 2 or row.entity != "person" for row in history)
    # Newest first, with the account's name and the field, never the value.
    assert history[0].entry_id > history[-1].entry_id
    update = next(row for row in history if row.action == "update")
    assert update.fields == ("email",) and update.account == "Command line"
    assert "uusi@example.fi" not in repr(history)


def test_the_viewer_filters_pages_and_counts(people: Database, actor: Actor) -> None:
    for person in (1, 2, 3):
        get_person(people, actor, person)
    views = audit_page(people, actor, AuditQuery(action="view", entity="person"))
    assert views.total == 3 and [row.entity_id for row in views.rows] == [3, 2, 1]
    one = audit_page(people, actor, AuditQuery(entity="person", entity_id=2, action="view"))
    assert one.total == 1
    today = date.today()
    assert audit_page(people, actor, AuditQuery(action="view", since=today, until=today)).total == 3
    assert audit_page(people, actor, AuditQuery(action="view", until=date(2000, 1, 1))).total == 0
    for _ in range(150):
        get_person(people, actor, 4)
    everything = audit_page(people, actor, AuditQuery())
    assert everything.total > 200 and len(everything.rows) == 200
    assert everything.next == everything.rows[-1].entry_id
    second = audit_page(people, actor, AuditQuery(before=everything.next))
    assert second.rows[0].entry_id == everything.rows[-1].entry_id - 1
    # Each reading of the log is in the log.
    searches = audit_page(people, actor, AuditQuery(action="search", entity="audit_entry"))
    assert searches.total >= 6
    choices = audit_choices(people, actor)
    assert "view" in choices.actions and "person" in choices.entities
    assert any(name == "Command line" for _id, name in choices.accounts)


def test_an_entry_without_an_account_reads_as_unknown(people: Database, actor: Actor) -> None:
    with people.engine.begin() as connection:
        audit_chain.append(connection, [{"at": datetime.now(UTC), "account_id": None, "action": "sign_in_failed",
                                         "entity": "staff_account", "entity_id": None, "fields": ""}])
    page = audit_page(people, actor, AuditQuery(action="sign_in_failed"))
    assert page.total == 1 and page.rows[0].account is None


def test_who_may_read_what(people: Database, actor: Actor) -> None:
    desk_actor(people, "first")  # the first computer account holds every role
    worker = desk_actor(people, "second")
    assert worker.roles == {Role.DESK}
    with pytest.raises(PermissionDenied):
        audit_page(people, worker, AuditQuery())
    with pytest.raises(PermissionDenied):
        audit_choices(people, worker)
    # A desk worker sees the history of a person they may open.
    assert person_history(people, worker, 1)


def test_a_persons_history_holds_their_notes_and_stages(people: Database, actor: Actor) -> None:
    from welcomedesk.codes import NoteReason
    from welcomedesk.services.follow_up import add_note

    add_note(people, actor, 1, next(iter(NoteReason)), "")
    kinds = {(row.action, row.entity) for row in person_history(people, actor, 1)}
    assert ("create", "person_note") in kinds
    assert all(row.entity_id != 1 or row.entity != "person_note" for row in person_history(people, actor, 2))
