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


def load_person(session: Session, person_id: int, version: int | None = None, *, erased: bool = False) -> Person:
    """The person numbered ``person_id``; with ``version``, only as the worker loaded them.

    A person whose data was erased is an anonymous record the region's figures count: nothing more is
    recorded on them, so they are refused unless ``erased`` says the caller only reads or erases.
    """
    check_person_id(person_id)
    person = session.get(Person, person_id)
    if person is None:
        raise ValidationError(_("There is no newcomer with the number {id}.").format(id=person_id))
    if person.erased_at is not None and not erased:
        raise ValidationError(_("The personal data of newcomer {id} has been erased: nothing more is recorded on "
                                "them.").format(id=person_id))
    if version is not None and person.version != version:
        raise stale_record()
    return person
