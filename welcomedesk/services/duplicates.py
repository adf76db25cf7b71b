"""Who is registered already: the same identity code, or the same normalised name and date of birth.

Registration asks while the worker types, an import before it writes, and a save that lost a
race to another desk asks to name the person already there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from welcomedesk.actor import Actor
from welcomedesk.db.session import Database, record, unit_of_work
from welcomedesk.errors import DuplicateError
from welcomedesk.i18n import _
from welcomedesk.model import Person
from welcomedesk.model.search_key import sort_name_of


@dataclass(frozen=True)
class Candidate:
    """What identifies one person being registered: any part may be missing."""

    family_name: str = ""
    given_names: str = ""
    date_of_birth: date | None = None
    personal_identity_code: str | None = None

    @classmethod
    def of(cls, values: dict[str, Any]) -> Candidate:
        born = values.get("date_of_birth")
        return cls(values.get("family_name") or "", values.get("given_names") or "",
                   born if isinstance(born, date) else None, values.get("personal_identity_code") or None)

    def name_key(self) -> tuple[str, date] | None:
        if not (self.family_name or self.given_names) or self.date_of_birth is None:
            return None
        return sort_name_of(self.family_name, self.given_names), self.date_of_birth


@dataclass(frozen=True)
class Registered:
    """A person already in the database that a candidate matches, and why."""

    candidate: int  # the candidate's position in the list asked about
    person_id: int
    given_names: str
    family_name: str
    date_of_birth: date | None
    by_code: bool  # the same identity code (else the same name and date of birth)

    def describe(self) -> str:
        """The person as a refusal names them: name and number (never the identity code)."""
        return _("{name} (number {id})").format(name=f"{self.family_name}, {self.given_names}", id=self.person_id)


def registered_already(session: Session, candidates: Sequence[Candidate]) -> list[Registered]:
    """The registered people the candidates match, the code match first, one per candidate at most."""
    by_code = {c.personal_identity_code: i for i, c in enumerate(candidates) if c.personal_identity_code}
    by_name: dict[tuple[str, date], int] = {}
    for i, candidate in enumerate(candidates):
        key = candidate.name_key()
        if key is not None:
            by_name.setdefault(key, i)
    found: dict[int, Registered] = {}
    columns = (Person.id, Person.given_names, Person.family_name, Person.date_of_birth)
    for chunk in _chunks(list(by_code)):
        for person_id, given, family, born, code in session.execute(
                select(*columns, Person.personal_identity_code).where(Person.personal_identity_code.in_(chunk))):
            index = by_code[str(code)]
            found.setdefault(index, Registered(index, person_id, given, family, born, True))
    for chunk in _chunks(sorted({name for name, _born in by_name})):
        for person_id, given, family, born, sort_name in session.execute(
                select(*columns, Person.sort_name).where(Person.sort_name.in_(chunk))):
            match = by_name.get((sort_name, born)) if isinstance(born, date) else None
            if match is not None:
                found.setdefault(match, Registered(match, person_id, given, family, born, False))
    return [found[i] for i in sorted(found)]


def find_registered(db: Database, actor: Actor, candidates: Sequence[Candidate]) -> list[Registered]:
    """``registered_already`` in a unit of work of its own: for a form asking while the worker types."""
    with unit_of_work(db, actor) as session:
        found = registered_already(session, candidates)
        # A look at who exists is a search of people: audited, by its fields, never its values.
        record(session, "search", "person", fields="duplicates")
        return found


def refusal(match: Registered) -> DuplicateError:
    """The refusal of a second record of a registered person, naming who is there already."""
    if match.by_code:
        return DuplicateError(_("This identity code is already registered to {person}. Open that person instead "
                                "of registering them again.").format(person=match.describe()),
                              field="personal_identity_code")
    return DuplicateError(_("{person} is already registered with this name and date of birth. Open that person "
                            "instead of registering them again.").format(person=match.describe()),
                          field="family_name")


def _chunks(items: list[Any], size: int = 400) -> Iterable[list[Any]]:
    return (items[i:i + size] for i in range(0, len(items), size))
