"""The desk: the services as the desktop app and the command line use them.

A ``Desk`` holds one open database and the staff account working at it, and offers what a
person does as methods; the database, its engine and its sessions stay inside. Opening,
signing in and closing happen here, in one place.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from welcomedesk.actor import Actor
from welcomedesk.catalogue import Catalogue, PartnerDef, ServiceDef
from welcomedesk.codes import (
    Activity,
    FollowUpOutcome,
    ItemStatus,
    NoteReason,
    PathKind,
    PrivacyRole,
    ReferralOutcome,
    Relation,
    Status,
)
from welcomedesk.config import DatabaseTarget
from welcomedesk.db.session import Database, open_database
from welcomedesk.services import (
    catalogue,
    checklists,
    contacts,
    demo,
    duplicates,
    follow_up,
    households,
    importing,
    newcomers,
    partners,
    registration,
    setup,
    sign_in,
    steps,
    visits,
)
from welcomedesk.services import status as status_service
from welcomedesk.services.accounts import cli_actor, desk_actor
from welcomedesk.services.catalogue import ServiceSummary
from welcomedesk.services.contacts import WalkIn
from welcomedesk.services.demo import DemoResult
from welcomedesk.services.desk_care import CareDesk
from welcomedesk.services.duplicates import Candidate, Registered
from welcomedesk.services.importing import ImportResult
from welcomedesk.services.newcomers import NewcomerQuery, Page, PersonDetail
from welcomedesk.services.partners import PartnerSummary, ReferralRow
from welcomedesk.services.privacy_profile import PrivacyProfile, privacy_profile, set_privacy_profile
from welcomedesk.services.setup import InitResult, Municipality, Profile, ProfileDetails
from welcomedesk.services.today import Today, today_lists

if TYPE_CHECKING:
    # Papers, batches and region summaries are imported when first used: start-up does not need them.
    from welcomedesk.exports.summary import Summary
    from welcomedesk.services.paper_batch import BatchJob
    from welcomedesk.services.papers import Made, PaperRequest


class Desk(CareDesk):
    """What the person at the desk can do, on the database this desk has open."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self.actor = actor
        self.closed = False

    def where(self) -> str:
        """Where the data is, for the status bar."""
        return self._db.describe()

    def who(self) -> str:
        """Who is working, for the status bar."""
        return self.actor.display_name

    def close(self) -> None:
        self.closed = True
        self._db.close()

    def is_local_file(self) -> bool:
        """Whether the database is a SQLite file on this computer (not a PostgreSQL server)."""
        return self._db.target.sqlite_path is not None

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

    # -- checklists, follow-ups, paths
    def update_step(self, item_id: int, version: int, status: ItemStatus, done_on: date | None = None,
                    note: str | None = None) -> int:
        """Move one step of a person's checklist on; returns the step's new version."""
        return steps.update_step(self._db, self.actor, item_id, version, status, done_on, note)

    def refer(self, item_id: int, version: int, partner_id: int | None, referred_on: date | None = None,
              outcome: ReferralOutcome | None = None) -> int:
        """Refer one step to a partner (None: take the referral back); returns the step's new version."""
        return steps.refer(self._db, self.actor, item_id, version, partner_id, referred_on, outcome)

    def record_follow_up(self, follow_up_id: int, version: int, contacted_on: date, outcome: FollowUpOutcome,
                         answers: Mapping[str, str]) -> int:
        """Record how a follow-up contact went; returns its new version."""
        return steps.record_follow_up(self._db, self.actor, follow_up_id, version, contacted_on, outcome, answers)

    def add_stage(self, person_id: int, path: PathKind, stage: str, reached_on: date, detail: str = "") -> int:
        """Record a stage of the person's path into work."""
        return steps.add_stage(self._db, self.actor, person_id, path, stage, reached_on, detail)

    def record_job_end(self, person_id: int, version: int, ended_on: date | None, months: int | None = None) -> int:
        """Record the end of the person's job (its protection period follows); returns their new version."""
        return steps.record_job_end(self._db, self.actor, person_id, version, ended_on, months)

    def today(self, on: date | None = None) -> Today:
        """The Home page's lists: late and due steps, follow-ups, permits and protection periods, arrivals."""
        return today_lists(self._db, self.actor, on)

    def stale_checklists(self, on: date | None = None, limit: int = checklists.BATCH) -> list[int]:
        """People whose checklists must be made again (the catalogue or the year changed), a batch at a time."""
        return checklists.stale_people(self._db, self.actor, on or date.today(), limit)

    def refresh_checklists(self, person_ids: list[int], on: date | None = None) -> int:
        """Make these people's checklists again; returns how many."""
        return checklists.refresh(self._db, self.actor, person_ids, on or date.today())

    # -- the catalogue and the partner network
    def catalogue(self) -> tuple[Catalogue, tuple[ServiceSummary, ...]]:
        """The service catalogue, with each service's provider and how many people have it."""
        return catalogue.catalogue_overview(self._db, self.actor)

    def save_service(self, service: ServiceDef, version: int | None) -> int:
        """Save one service of the catalogue (coordinators); None: a new one. Returns its new version."""
        return catalogue.save_service(self._db, self.actor, service, version)

    def export_catalogue(self, path: Path) -> int:
        """Write the catalogue to one file (coordinators); returns how many services it holds."""
        return catalogue.export_catalogue(self._db, self.actor, path)

    def import_catalogue(self, path: Path) -> int:
        """Take a region's catalogue file over this one (coordinators); returns how many services it held."""
        return catalogue.import_catalogue(self._db, self.actor, path)

    def partners(self) -> tuple[PartnerSummary, ...]:
        """The partner network, by name."""
        return partners.list_partners(self._db, self.actor)

    def save_partner(self, partner: PartnerDef, partner_id: int | None = None, version: int | None = None) -> int:
        """Save a partner organisation (coordinators); returns its number."""
        return partners.save_partner(self._db, self.actor, partner, partner_id, version)

    def referrals_to(self, partner_id: int) -> tuple[ReferralRow, ...]:
        """The referrals made to one partner, the latest first."""
        return partners.referrals_to(self._db, self.actor, partner_id)

    # -- anonymous contacts
    def record_walk_in(self, walk_in: WalkIn) -> int:
        """Save one anonymous walk-in contact; returns how many were recorded today."""
        return contacts.record_walk_in(self._db, self.actor, walk_in)

    def walk_ins_today(self) -> int:
        """How many anonymous contacts were recorded today."""
        return contacts.walk_ins_today(self._db, self.actor)

    # -- papers
    def make_paper(self, request: PaperRequest, today: date | None = None) -> Made:
        """Make a packet, slip or sheet for one person (a view; nothing is recorded as given yet)."""
        from welcomedesk.services import papers

        return papers.make_paper(self._db, self.actor, request, today)

    def record_paper_given(self, made: Made) -> int:
        """Record on the person that the paper was printed or saved."""
        from welcomedesk.services import papers

        return papers.record_given(self._db, self.actor, made)

    def save_paper(self, request: PaperRequest, out: Path, today: date | None = None) -> Made:
        """Make the paper, write it to ``out`` whole, and record it as given."""
        from welcomedesk.services import papers

        return papers.save_paper(self._db, self.actor, request, out, today)

    def plan_packets(self, arrived_from: date, arrived_to: date, out_dir: Path, languages: tuple[str, ...] = (),
                     today: date | None = None) -> list[BatchJob]:
        """The jobs of a batch of packets for those who arrive in a period (run them with ``paper_batch.Batch``)."""
        from welcomedesk.services import paper_batch

        return paper_batch.plan_batch(self._db, self.actor, arrived_from, arrived_to, out_dir, languages, today)

    # -- the region
    def region_summary(self, period_from: date, period_to: date, threshold: int | None = None) -> Summary:
        """The anonymous summary of a period for the region (coordinators; ``threshold`` None: the stored one)."""
        from welcomedesk.services import region

        return region.region_summary(self._db, self.actor, period_from, period_to, threshold)

    def arrivals_by_month(self, period_from: date, period_to: date) -> tuple[tuple[str, dict[str, int]], ...]:
        """The people arrived in each month of a period by role, exact (coordinators; for the screen only,
        never exported)."""
        from welcomedesk.services import region

        return region.arrivals_by_month(self._db, self.actor, period_from, period_to)

    def region_threshold(self) -> int:
        """The smallest count a region summary shows (coordinators)."""
        from welcomedesk.services import region

        return region.region_threshold(self._db, self.actor)

    def set_region_threshold(self, threshold: int) -> int:
        """Keep the smallest count a region summary shows (coordinators); returns it."""
        from welcomedesk.services import region

        return region.set_region_threshold(self._db, self.actor, threshold)

    # -- the service point
    def profile(self) -> Profile | None:
        """The service point profile, or None before first start has set it."""
        return setup.get_profile(self._db, self.actor)

    def save_profile(self, name: str, municipalities: list[Municipality], version: int | None = None, *,
                     details: ProfileDetails | None = None) -> Profile:
        """Set the service point's name, municipalities and (unless None) details (administrators)."""
        return setup.save_profile(self._db, self.actor, name, municipalities, version, details)

    def privacy_profile(self) -> PrivacyProfile:
        """Who controls the newcomers' data here, in which role, and whom to ask."""
        return privacy_profile(self._db, self.actor)

    def set_privacy_profile(self, controller: str, role: PrivacyRole | str, contact: str) -> PrivacyProfile:
        """Set the controller, its role and the contact (administrators)."""
        return set_privacy_profile(self._db, self.actor, controller, role, contact)


class Gate:
    """An open database nobody is signed in to yet: its settings say how to sign in."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self.settings = sign_in.sign_in_settings(db)

    def where(self) -> str:
        return self._db.describe()

    def computer_account(self, username: str, display_name: str = "") -> Desk:
        """Sign in the computer's user (computer-account mode)."""
        return self._enter(desk_actor(self._db, username, display_name))

    def password(self, username: str, password: str) -> Desk:
        """Sign in with a staff name and password (password mode); one message for every failure."""
        return self._enter(sign_in.sign_in(self._db, username, password))

    def _enter(self, actor: Actor) -> Desk:
        catalogue.ensure_content(self._db, actor)
        return Desk(self._db, actor)

    def close(self) -> None:
        self.closed = True
        self._db.close()

    def is_local_file(self) -> bool:
        """Whether the database is a SQLite file on this computer (not a PostgreSQL server)."""
        return self._db.target.sqlite_path is not None


def open_gate(target: DatabaseTarget) -> Gate:
    """Open the database before anyone signs in.

    On the default local file the desktop app makes the database on first start, as
    ``init`` would; a database named with ``--db`` must exist already.
    """
    db = setup.initialise(target)[0] if target.default else open_database(target)
    try:
        return Gate(db)
    except BaseException:
        db.close()
        raise


def open_desk(target: DatabaseTarget, username: str, display_name: str = "") -> Desk:
    """Open the database and sign in the computer's user."""
    gate = open_gate(target)
    try:
        return gate.computer_account(username, display_name)
    except BaseException:
        gate.close()
        raise


@contextmanager
def command_line_desk(target: DatabaseTarget) -> Iterator[Desk]:
    """The desk of the built-in command-line account, closed when the block ends."""
    db = open_database(target)
    try:
        actor = cli_actor(db)
        catalogue.ensure_content(db, actor)
        yield Desk(db, actor)
    finally:
        db.close()


def initialise(target: DatabaseTarget) -> InitResult:
    """Create or upgrade the database (idempotent), make the built-in account, and close it again."""
    db, result = setup.initialise(target)
    db.close()
    return result
