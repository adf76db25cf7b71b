"""The municipality's retention rules, a preview of whom a run would affect, and the run.

Two rules, each off until an administrator sets it (stored as settings):

- ``retention.case_years`` (1-50): erase the personal data of people whose case ended — their status
  is moved, moved within the region, left or lost — more than so many years ago (the day the case
  ended is the day that status holds from);
- ``retention.note_months`` (1-120): delete the desk's notes written more than so many months ago.

The preview names people by number, half-year of arrival, status and the day their case ended — never
by name. A run erases them (``services.erasure``, reason "retention") and deletes the notes in one
unit of work, then clears the database file of the old bytes; running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from welcomedesk.actor import Actor
from welcomedesk.checklist_rules import add_months
from welcomedesk.codes import ErasureReason, Role, Status
from welcomedesk.db.session import Database, record, unit_of_work
from welcomedesk.errors import Problem, ValidationError
from welcomedesk.i18n import _
from welcomedesk.model import Person, PersonNote, PersonStatus
from welcomedesk.model.base import utcnow
from welcomedesk.services import erasure_ledger
from welcomedesk.services.accounts import require_role
from welcomedesk.services.catalogue import set_setting, setting
from welcomedesk.services.erasure import database_mark, erase_in, scrub, secure_deletes
from welcomedesk.services.erasure_ledger import LedgerEntry
from welcomedesk.unreadable import Unreadable

CASE_YEARS = "retention.case_years"
NOTE_MONTHS = "retention.note_months"
MAX_CASE_YEARS = 50
MAX_NOTE_MONTHS = 120
# A case has ended once the person has moved away, left Finland or been lost to follow-up.
ENDED = frozenset({Status.MOVED_REGION, Status.MOVED, Status.LEFT, Status.LOST})


@dataclass(frozen=True)
class RetentionRules:
    """The rules in force; 0 is off."""

    case_years: int = 0
    note_months: int = 0


@dataclass(frozen=True)
class DueErasure:
    """A person a run would erase, as the preview shows them: no name."""

    person_id: int
    arrival_half: str  # "2026H1"; "" when no arrival day is recorded
    status: Status | Unreadable
    ended_on: date


@dataclass(frozen=True)
class RetentionPreview:
    """What a run would do on ``on``: whom it would erase, and how many notes of others it would delete (the
    people erased lose all theirs)."""

    rules: RetentionRules
    on: date
    people: tuple[DueErasure, ...]
    notes: int


@dataclass(frozen=True)
class RetentionResult:
    """What a run did: the people erased, the notes of others deleted, and whether the file was cleared of the old
    bytes (``erasure.scrub``; None: nothing was removed, or PostgreSQL)."""

    erased: tuple[int, ...]
    notes_removed: int
    scrubbed: bool | None


def retention_rules(db: Database, actor: Actor) -> RetentionRules:
    """The rules in force (no role needed: they say nothing about anyone)."""
    with unit_of_work(db, actor) as session:
        return _rules(session)


def set_retention_rules(db: Database, actor: Actor, case_years: int, note_months: int) -> RetentionRules:
    """Set both rules (administrators); 0 turns a rule off."""
    require_role(actor, Role.ADMIN)
    problems: list[Problem] = []
    if not (case_years == 0 or 1 <= case_years <= MAX_CASE_YEARS):
        problems.append(Problem("case_years", _("Give 1 to {max} years, or 0 to keep the data.").format(
            max=MAX_CASE_YEARS)))
    if not (note_months == 0 or 1 <= note_months <= MAX_NOTE_MONTHS):
        problems.append(Problem("note_months", _("Give 1 to {max} months, or 0 to keep the notes.").format(
            max=MAX_NOTE_MONTHS)))
    if problems:
        raise ValidationError.of(problems)
    with unit_of_work(db, actor) as session:
        set_setting(session, CASE_YEARS, str(case_years))
        set_setting(session, NOTE_MONTHS, str(note_months))
    return RetentionRules(case_years, note_months)


def retention_preview(db: Database, actor: Actor, today: date | None = None) -> RetentionPreview:
    """Whom a run today would erase and how many notes it would delete (administrators; one audit row)."""
    require_role(actor, Role.ADMIN)
    on = today or date.today()
    with unit_of_work(db, actor, upkeep=True) as session:
        rules = _rules(session)
        people = _due(session, rules, on)
        notes = 0
        if rules.note_months:
            # Those of the people to erase go with their erasure: counted there, not here (as a run counts them).
            due = {p.person_id for p in people}
            notes = sum(n for person_id, n in session.execute(
                select(PersonNote.person_id, func.count()).where(_old_notes(rules, on))
                .group_by(PersonNote.person_id)).all() if person_id not in due)
        record(session, "list", "person", fields="retention")
    return RetentionPreview(rules, on, people, notes)


def run_retention(db: Database, actor: Actor, today: date | None = None) -> RetentionResult:
    """Erase the people whose case ended long enough ago and delete the old notes (administrators)."""
    require_role(actor, Role.ADMIN)
    on = today or date.today()
    now = utcnow()
    with unit_of_work(db, actor, upkeep=True) as session, secure_deletes(session):
        rules = _rules(session)
        due = _due(session, rules, on)
        mark = database_mark(session)
        entries = erase_in(session, actor, [LedgerEntry(p.person_id, now, ErasureReason.RETENTION, mark)
                                            for p in due])
        notes = list(session.scalars(select(PersonNote).where(_old_notes(rules, on)))) if rules.note_months else []
        for note in notes:
            session.delete(note)
        # Each erasure is audited ("erase", person) and each note's deletion as every deletion is.
        erasure_ledger.append(db.target, entries)
    removed = bool(entries or notes)
    return RetentionResult(tuple(e.person_id for e in entries), len(notes), scrub(db) if removed else None)


def _rules(session: Session) -> RetentionRules:
    def number(key: str, most: int) -> int:
        try:
            value = int(setting(session, key, "0"))
        except ValueError:
            return 0
        return value if 0 <= value <= most else 0

    return RetentionRules(number(CASE_YEARS, MAX_CASE_YEARS), number(NOTE_MONTHS, MAX_NOTE_MONTHS))


def _due(session: Session, rules: RetentionRules, on: date) -> tuple[DueErasure, ...]:
    """The people not yet erased whose case ended before the cut-off day, by number."""
    if not rules.case_years:
        return ()
    cutoff = add_months(on, -12 * rules.case_years)
    # The latest status entry's day: the person's status is the latest entry's (``services.status``).
    ended = (select(func.max(PersonStatus.since)).where(PersonStatus.person_id == Person.id)
             .correlate(Person).scalar_subquery())
    rows = session.execute(
        select(Person.id, Person.arrival_date, Person.status, ended.label("ended"))
        .where(Person.status.in_(sorted(ENDED)), Person.erased_at.is_(None), ended < cutoff)
        .order_by(Person.id)).all()
    return tuple(DueErasure(person_id, _half(arrival), status, ended_on)
                 for person_id, arrival, status, ended_on in rows if isinstance(ended_on, date))


def _half(day: date | Unreadable | None) -> str:
    if not isinstance(day, date):
        return ""
    return f"{day.year}H{1 if day.month <= 6 else 2}"


def _old_notes(rules: RetentionRules, on: date) -> ColumnElement[bool]:
    """Notes written before the cut-off: midnight UTC of the day so many months ago."""
    return PersonNote.written_at < datetime.combine(add_months(on, -rules.note_months), time(), tzinfo=UTC)
