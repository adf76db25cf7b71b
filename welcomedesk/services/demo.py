"""Filling a database with demo households."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import select

from welcomedesk.actor import Actor
from welcomedesk.codes import Role
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
    return DemoResult(households=len(families), persons=persons)
