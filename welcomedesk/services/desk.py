"""The desk: the services as the desktop app and the command line use them.

A ``Desk`` holds one open database and the staff account working at it, and offers what a
person does as methods; the database, its engine and its sessions stay inside. Opening,
signing in and closing happen here, in one place.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from welcomedesk.actor import Actor
from welcomedesk.codes import Activity, NoteReason, Relation, Status
from welcomedesk.config import DatabaseTarget
from welcomedesk.db.session import Database, open_database
from welcomedesk.services import (
    contacts,
    demo,
    duplicates,
    follow_up,
    households,
    importing,
    newcomers,
    registration,
    setup,
    visits,
)
from welcomedesk.services import status as status_service
from welcomedesk.services.accounts import cli_actor, desk_actor
from welcomedesk.services.contacts import WalkIn
from welcomedesk.services.demo import DemoResult
from welcomedesk.services.duplicates import Candidate, Registered
from welcomedesk.services.importing import ImportResult
from welcomedesk.services.newcomers import NewcomerQuery, Page, PersonDetail
from welcomedesk.services.setup import InitResult, Municipality, Profile


class Desk:
    """What the person at the desk can do, on the database this desk has open."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self.actor = actor

    def where(self) -> str:
        """Where the data is, for the status bar."""
        return self._db.describe()

    def who(self) -> str:
        """Who is working, for the status bar."""
        return self.actor.display_name

    def close(self) -> None:
        self._db.close()

    # -- newcomers
    def search(self, query: NewcomerQuery, limit: int = 100) -> Page:
        """Run a search or list query: the total and the first page (audited)."""
        return newcomers.search_newcomers(self._db, self.actor, query, limit)

    def page(self, query: NewcomerQuery, offset: int, limit: int = 100, total: int | None = None) -> Page:
        """A later page of a query already run by ``search``."""
        return newcomers.newcomer_page(self._db, self.actor, query, offset, limit, total)

    def person(self, person_id: int) -> PersonDetail:
        """One newcomer with their household (audited)."""
        return newcomers.get_person(self._db, self.actor, person_id)

    def register(self, members: list[dict[str, str]], today: date | None = None) -> list[int]:
        """Register a household from what was typed, the main person first; returns their numbers."""
        return registration.register_household(self._db, self.actor, members, today)

    def registered(self, candidates: list[Candidate]) -> list[Registered]:
        """The people already registered that these people-to-be match (by code, or name and birth date)."""
        return duplicates.find_registered(self._db, self.actor, candidates)

    def save_person(self, person_id: int, version: int, texts: dict[str, str]) -> int:
        """Save the typed fields of one person over the version loaded; returns the new version."""
        return registration.update_person(self._db, self.actor, person_id, version, texts)

    def record_visit(self, person_id: int, visit: visits.Visit) -> int:
        """Record one desk visit of the person; returns how many they have had."""
        return visits.record_visit(self._db, self.actor, person_id, visit)

    def record_activity(self, person_id: int, activity: Activity, since: date) -> int:
        """Record what the person does from ``since`` (work, studies, looking for work, at home)."""
        return follow_up.record_activity(self._db, self.actor, person_id, activity, since)

    def add_note(self, person_id: int, reason: NoteReason, text: str = "") -> int:
        """Write a note on the person: its reason first, free text only where needed."""
        return follow_up.add_note(self._db, self.actor, person_id, reason, text)

    def place_person(self, person_id: int, version: int, relation: Relation, join: int | str = households.STAY
                     ) -> int:
        """The person's role in a household, and which household (another person's, or one of their own)."""
        return households.place_person(self._db, self.actor, person_id, version, relation, join)

    def change_status(self, person_id: int, status: Status, since: date, destination: str = "",
                      version: int | None = None) -> Status:
        """Record the person's status from ``since`` (a move with the municipality moved to)."""
        return status_service.change_status(self._db, self.actor, person_id, status, since, destination, version)

    def municipality_names(self) -> dict[str, str]:
        """Every municipality's name the program knows, by code."""
        return setup.municipality_names(self.profile())

    def is_empty(self) -> bool:
        """Whether no newcomer has been registered yet."""
        return setup.is_empty(self._db, self.actor)

    def add_demo(self, households: int = 200, seed: int = 1, today: date | None = None) -> DemoResult:
        """Add made-up households to try the program with (administrators)."""
        return demo.make_demo(self._db, self.actor, households=households, seed=seed, today=today)

    def import_file(self, path: Path, *, dry_run: bool = False) -> ImportResult:
        """Import a list of newcomers, every row or none (``dry_run``: only check it)."""
        return importing.import_file(self._db, self.actor, path, dry_run=dry_run)

    # -- anonymous contacts
    def record_walk_in(self, walk_in: WalkIn) -> int:
        """Save one anonymous walk-in contact; returns how many were recorded today."""
        return contacts.record_walk_in(self._db, self.actor, walk_in)

    def walk_ins_today(self) -> int:
        """How many anonymous contacts were recorded today."""
        return contacts.walk_ins_today(self._db, self.actor)

    # -- the service point
    def profile(self) -> Profile | None:
        """The service point profile, or None before first start has set it."""
        return setup.get_profile(self._db, self.actor)

    def save_profile(self, name: str, municipalities: list[Municipality], version: int | None = None) -> Profile:
        """Set the service point's name and municipalities (administrators)."""
        return setup.save_profile(self._db, self.actor, name, municipalities, version)


def open_desk(target: DatabaseTarget, username: str, display_name: str = "") -> Desk:
    """Open the database and sign in the computer's user.

    On the default local file the desktop app makes the database on first start, as
    ``init`` would; a database named with ``--db`` must exist already.
    """
    db = setup.initialise(target)[0] if target.default else open_database(target)
    try:
        return Desk(db, desk_actor(db, username, display_name))
    except BaseException:
        db.close()
        raise


@contextmanager
def command_line_desk(target: DatabaseTarget) -> Iterator[Desk]:
    """The desk of the built-in command-line account, closed when the block ends."""
    db = open_database(target)
    try:
        yield Desk(db, cli_actor(db))
    finally:
        db.close()


def initialise(target: DatabaseTarget) -> InitResult:
    """Create or upgrade the database (idempotent), make the built-in account, and close it again."""
    db, result = setup.initialise(target)
    db.close()
    return result
