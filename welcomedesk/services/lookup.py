"""One person by their number: an unknown or impossible number is refused the same way everywhere."""

from __future__ import annotations

from sqlalchemy.orm import Session

from welcomedesk.errors import ValidationError, stale_record
from welcomedesk.i18n import _
from welcomedesk.model import Person
from welcomedesk.model.base import MAX_ID


def check_person_id(person_id: int) -> None:
    """Refuse a number no person can have (before any database is asked)."""
    if not 1 <= person_id <= MAX_ID:
        raise ValidationError(_("There is no newcomer with the number {id}.").format(id=person_id))


def load_person(session: Session, person_id: int, version: int | None = None) -> Person:
    """The person numbered ``person_id``; with ``version``, only as the worker loaded them."""
    check_person_id(person_id)
    person = session.get(Person, person_id)
    if person is None:
        raise ValidationError(_("There is no newcomer with the number {id}.").format(id=person_id))
    if version is not None and person.version != version:
        raise stale_record()
    return person
