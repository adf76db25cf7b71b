"""Filling a database with demo households."""

from __future__ import annotations

import zlib
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from sqlalchemy import select

from welcomedesk.actor import Actor
from welcomedesk.codes import FollowUpOutcome, ItemStatus, Role
from welcomedesk.db.integrity import check_sound
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.demo import Place, generate
from welcomedesk.errors import ValidationError
from welcomedesk.i18n import _
from welcomedesk.model import Household, Person
from welcomedesk.services.accounts import require_role
from welcomedesk.services.catalogue import add_demo_partners
from welcomedesk.services.checklists import make_household_checklists
from welcomedesk.services.setup import get_profile, known_municipalities
from welcomedesk.services.status import add_status

MAX_HOUSEHOLDS = 5000


@dataclass(frozen=True)
class DemoResult:
    """How much demo data was added."""

    households: int
    persons: int


def make_demo(db: Database, actor: Actor, households: int = 200, seed: int = 1,
              today: date | None = None) -> DemoResult:
    """Add ``households`` realistic demo households, the same for the same seed and day."""
    require_role(actor, Role.ADMIN)
    if not 1 <= households <= MAX_HOUSEHOLDS:
        raise ValidationError(_("Demo data can have 1 to {max} households.").format(max=MAX_HOUSEHOLDS))
    profile = get_profile(db, actor)
    postal = {m.code: m.postal_code for m in known_municipalities()}
    if profile is not None:
        places = [Place(m.code, m.name, postal.get(m.code, "")) for m in profile.municipalities]
    else:
        places = [Place(m.code, m.name, m.postal_code) for m in known_municipalities()]
    check_sound(db.engine, db.describe())  # a damaged file gets no more writes
    with unit_of_work(db, actor) as session:
        taken = frozenset(code for code in session.scalars(select(Person.personal_identity_code)) if code)
    families = generate(households, seed, today or date.today(), places, taken)
    persons = 0
    day = today or date.today()
    with unit_of_work(db, actor) as session:
        add_demo_partners(session)
        for family in families:
            household = Household(name=family.name)
            session.add(household)
            for member in family.members:
                values = asdict(member)
                languages = values.pop("languages")
                tags = values.pop("tags")
                history = values.pop("status_history")
                person = Person(household=household, **values)
                person.set_languages(languages)
                person.set_tags(tags)
                for status, since, destination in history:
                    add_status(person, status, since, actor.account_id, destination)
                session.add(person)
                persons += 1
            session.flush()
            make_household_checklists(session, household.id, day, actor)
            for person in household.members:
                _progress(person, day, actor)
            # Steps done free the steps that waited for them.
            make_household_checklists(session, household.id, day, actor)
    return DemoResult(households=len(families), persons=persons)


def _draw(*parts: object) -> int:
    """A number 0-99 fixed by ``parts``: the demo's own progress, the same on every run, without the seed's draws."""
    return zlib.crc32("|".join(map(str, parts)).encode("utf-8")) % 100


def _progress(person: Person, today: date, actor: Actor) -> None:
    """Most steps and follow-ups whose day is well past are done, as a desk's would be; a few stay late."""
    name = f"{person.family_name} {person.given_names} {person.date_of_birth}"
    for item in person.checklist:
        due = item.due_date
        if item.status is ItemStatus.DONE and isinstance(due, date) and due < today and item.done_on == today:
            # Done by a fact recorded (the identity code): dated as the desk would have seen it then.
            item.done_on = due - timedelta(days=_draw(name, item.service.code) % 10)
            continue
        # A few recent steps are late; after half a year nearly everything is done.
        share = 98 if isinstance(due, date) and due < today - timedelta(days=180) else 85
        if not isinstance(due, date) or due > today - timedelta(days=21) or _draw(name, item.service.code) >= share:
            continue
        item.status = ItemStatus.DONE
        item.done_on = min(today, due + timedelta(days=_draw(item.service.code, name) % 40 - 10))
        item.account_id = actor.account_id
    for follow_up in person.follow_ups:
        share = 98 if follow_up.due_date < today - timedelta(days=90) else 80
        if follow_up.due_date > today - timedelta(days=7) or _draw(name, follow_up.day) >= share:
            continue
        follow_up.contacted_on = min(today, follow_up.due_date + timedelta(days=_draw(follow_up.day, name) % 10))
        reached = _draw("reached", name, follow_up.day) < 85
        follow_up.outcome = FollowUpOutcome.REACHED if reached else FollowUpOutcome.NOT_REACHED
        follow_up.answers = {"housing": "settled" if follow_up.day > 60 else "temporary"} if reached else {}
        follow_up.account_id = actor.account_id
