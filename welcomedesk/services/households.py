"""A person's place in a household: their role in it, and moving them to another household or one of their own."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from welcomedesk.actor import Actor
from welcomedesk.codes import Relation, Role
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.errors import ValidationError
from welcomedesk.i18n import _
from welcomedesk.model import Household, Person
from welcomedesk.services.accounts import require_role
from welcomedesk.services.checklists import make_household_checklists
from welcomedesk.services.lookup import check_person_id, load_person

# Where a person goes: stay, join another person's household, or a household of their own.
STAY = "stay"
OWN = "own"


def place_person(db: Database, actor: Actor, person_id: int, version: int, relation: Relation | str,
                 join: int | str = STAY) -> int:
    """Give the person ``relation`` in their household, or in the household of person ``join``, or in one
    of their own (``OWN``). A household left empty goes. Returns the person's household's number.
    """
    require_role(actor, Role.DESK)
    try:
        relation = Relation(relation)
    except ValueError:
        raise ValidationError(_("This is not one of the values this field takes."), field="relation") from None
    check_person_id(person_id)
    if join not in (STAY, OWN):
        if not isinstance(join, int):
            raise ValueError(f"join: {join!r}")  # a form's bug
        if join == person_id:
            raise ValidationError(_("Choose another person's household to move to."), field="join")
        check_person_id(join)
    with unit_of_work(db, actor) as session:
        person = load_person(session, person_id, version)
        old = person.household
        if join == OWN:
            person.household = Household(name=person.family_name)
        elif join != STAY:
            other = session.get(Person, join)
            if other is None:
                raise ValidationError(_("There is no newcomer with the number {id}.").format(id=join), field="join")
            person.household = other.household
        if person.relation != relation:
            person.relation = relation
        session.flush()
        left = session.scalar(select(func.count(Person.id)).where(Person.household_id == old.id))
        if not left:
            session.delete(old)
        else:
            make_household_checklists(session, old.id, date.today(), actor)
        make_household_checklists(session, person.household_id, date.today(), actor)
        return person.household_id
