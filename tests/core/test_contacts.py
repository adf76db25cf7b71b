"""Anonymous walk-in contacts: no person, checked codes, counted per day, audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from welcomedesk.actor import Actor
from welcomedesk.codes import Channel, ContactTopic, Referral
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.errors import PermissionDenied, ValidationError
from welcomedesk.model import AuditEntry, WalkInContact
from welcomedesk.services.accounts import desk_actor
from welcomedesk.services.contacts import WalkIn, record_walk_in, walk_ins_today


def test_a_walk_in_is_saved_without_a_person_and_counted_today(database: Database, actor: Actor) -> None:
    assert walk_ins_today(database, actor) == 0
    assert record_walk_in(database, actor, WalkIn(ContactTopic.KELA, "en")) == 1
    assert record_walk_in(database, actor, WalkIn(ContactTopic.WORK, "UK", Channel.PHONE, 25,
                                                  Referral.EMPLOYMENT)) == 2
    with unit_of_work(database, None) as session:
        saved = session.execute(select(WalkInContact.topic, WalkInContact.language, WalkInContact.channel,
                                       WalkInContact.minutes, WalkInContact.referred_to)
                                .order_by(WalkInContact.id)).all()
        audited = session.scalars(select(AuditEntry.entity_id).where(AuditEntry.entity == "walk_in_contact")).all()
    assert saved == [(ContactTopic.KELA, "en", Channel.DESK, 5, Referral.NONE),
                     (ContactTopic.WORK, "uk", Channel.PHONE, 25, Referral.EMPLOYMENT)]
    assert len(audited) == 2 and None not in audited
    assert walk_ins_today(database, actor) == 2


@pytest.mark.parametrize(("walk_in", "field"), [
    (WalkIn("gossip", "en"), "topic"),  # type: ignore[arg-type]
    (WalkIn(ContactTopic.TAX, "english"), "language"),
    (WalkIn(ContactTopic.TAX, ""), "language"),
    (WalkIn(ContactTopic.TAX, "en", minutes=0), "minutes"),
    (WalkIn(ContactTopic.TAX, "en", minutes=601), "minutes"),
    (WalkIn(ContactTopic.TAX, "en", channel="pigeon"), "channel"),  # type: ignore[arg-type]
    (WalkIn(ContactTopic.TAX, "en", referred_to="nowhere"), "referred_to"),  # type: ignore[arg-type]
])
def test_a_walk_in_is_refused_field_by_field(database: Database, actor: Actor, walk_in: WalkIn,
                                             field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        record_walk_in(database, actor, walk_in)
    assert [p.field for p in refused.value.problems] == [field]
    assert walk_ins_today(database, actor) == 0


def test_the_database_checks_the_codes_and_minutes(database: Database, actor: Actor) -> None:
    with pytest.raises(IntegrityError), database.engine.begin() as connection:
        connection.execute(text("INSERT INTO walk_in_contact (at, account_id, topic, language, channel, minutes, "
                                "referred_to) VALUES ('2026-11-25', 1, 'kela', 'en', 'desk', 9999, 'none')"))


def test_every_desk_account_may_count_a_contact(database: Database) -> None:
    desk_actor(database, "maija")
    worker = desk_actor(database, "pekka")
    assert record_walk_in(database, worker, WalkIn(ContactTopic.HOUSING, "ar")) == 1
    nobody = Actor(account_id=worker.account_id, username="x", display_name="x", roles=frozenset())
    with pytest.raises(PermissionDenied):
        record_walk_in(database, nobody, WalkIn(ContactTopic.HOUSING, "ar"))
