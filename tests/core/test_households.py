"""A person's role in a household, and moving them: to another person's household or one of their own."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.core.test_registration import TODAY, family
from welcomedesk.actor import Actor
from welcomedesk.codes import Relation
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.errors import ConflictError, ValidationError
from welcomedesk.model import Household
from welcomedesk.services.households import OWN, place_person
from welcomedesk.services.newcomers import get_person
from welcomedesk.services.registration import register_household


def _households(database: Database) -> set[int]:
    with unit_of_work(database, None) as session:
        return set(session.scalars(select(Household.id)))


def test_a_grown_child_moves_out_and_back_and_an_empty_household_goes(database: Database, actor: Actor) -> None:
    [main, spouse, child, _small] = register_household(database, actor, family(), TODAY)
    home = get_person(database, actor, main).row.household
    own = place_person(database, actor, child, get_person(database, actor, child).version, Relation.MAIN, OWN)
    assert own != home and _households(database) == {home, own}
    moved = get_person(database, actor, child)
    assert (moved.row.household, moved.row.relation, len(moved.members)) == (own, Relation.MAIN, 1)
    assert len(get_person(database, actor, main).members) == 3
    # Back home as a child: the household of their own is left empty and goes.
    assert place_person(database, actor, child, moved.version, Relation.CHILD, spouse) == home
    assert _households(database) == {home}
    # A role changes in place.
    place_person(database, actor, spouse, get_person(database, actor, spouse).version, "other")
    assert get_person(database, actor, spouse).row.relation is Relation.OTHER


def test_a_move_that_cannot_be_made_is_refused(database: Database, actor: Actor) -> None:
    [main, spouse, *_children] = register_household(database, actor, family(), TODAY)
    version = get_person(database, actor, spouse).version
    for relation, join, field in ((Relation.SPOUSE, spouse, "join"), (Relation.SPOUSE, 2**31 - 1, "join"),
                                  ("boss", main, "relation")):
        with pytest.raises(ValidationError) as refused:
            place_person(database, actor, spouse, version, relation, join)
        assert refused.value.problems[0].field == field
    place_person(database, actor, spouse, version, Relation.SPOUSE, OWN)
    with pytest.raises(ConflictError):  # the version loaded before the move
        place_person(database, actor, spouse, version, Relation.SPOUSE, main)
