"""Erasing one person's personal data, keeping the anonymous record the region's figures count.

An administrator erases a person on request; the retention rules erase people whose case ended long
ago (``services.retention``). What stays is the record the region summary counts — municipality,
half-year of arrival, citizenship group, age band, role, statuses, household — so figures already
exported stay valid (docs/region-summary.md says which may shift). Field by field, for the person:

- blanked (empty text, or none where the column takes none): given names, family name, name in own
  script, identity code, e-mail, phone, street address, postal code, post office, employer, employer's
  business ID, occupation as typed, recruitment agency, permit's end, sex, mother tongue, Finnish,
  Swedish and English skills, privacy notice's day, language and version, housing and who pays it,
  lease end, change of address notified, recruitment fee answer, concern raised and where referred,
  job's end and protection period; the sort name and the folded name words go with the names
  (``model.search_key``), the languages read are deleted;
- coarsened: the arrival day becomes the first day of its half-year; the date of birth a stand-in
  giving the same age band on that day (the band's youngest age: arrival 2026-01-01, band 30-44 ->
  1996-01-01; none stays none); the nationality goes and ``country_group`` keeps the group it was
  counted in ("eu_eea", "region:145");
- kept: the municipality of residence, the role in the household and the household, the status and
  its dated history, the permit type, the occupation group, sector and recruitment (codes, not text),
  the work-or-studies history, project tags, visits (no free text), the checklist's steps with their
  dates and referrals, the follow-ups' days, dates and outcomes, the stages of paths with their dates;
- emptied beside them: each step's note, each follow-up's answers, each stage's detail; deleted: the
  desk's notes and the record of papers given. The household's name (a family name) is blanked once
  every member of it is erased.

The person's checklist is never made by the rules again (``services.checklists``): its facts are gone.
An erasure is recorded (``erasure``: id, when, by whom, why), audited by field names as every change is,
and written to the ledger (``services.erasure_ledger``) that a restore reads to erase again.

On SQLite the bytes go too: the transaction runs with ``secure_delete`` (SQLite overwrites what it frees
with zeros), then the file is rebuilt (``VACUUM``: earlier updates made without ``secure_delete`` — the
default of most SQLite builds — left old copies of rows in pages' free space; about 4 s for 100 000 people,
while other desks can read but wait to write) and the write-ahead log is checkpointed and truncated. A
desk holding a long read open can keep the log from being truncated: the result says so rather than
claiming it. On PostgreSQL the rows are changed and nothing more is promised: the server's files and its
own vacuuming are its administrator's.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, selectinload

from welcomedesk.actor import Actor
from welcomedesk.codes import ErasureReason, Role
from welcomedesk.config import DatabaseTarget
from welcomedesk.db.session import Database, open_database, record, unit_of_work
from welcomedesk.errors import ValidationError
from welcomedesk.i18n import _
from welcomedesk.model import AuditEntry, Erasure, Household, Person
from welcomedesk.model.base import utcnow
from welcomedesk.services import erasure_ledger
from welcomedesk.services.accounts import cli_actor, require_role
from welcomedesk.services.erasure_ledger import LedgerEntry
from welcomedesk.services.lookup import check_person_id, load_person
from welcomedesk.services.region_counts import AGE_BANDS, country_group
from welcomedesk.unreadable import Unreadable

# Every column of a person is one of these (a test keeps it so): a new column needs a decision here.
BLANKED: tuple[str, ...] = (
    "given_names", "family_name", "native_name", "personal_identity_code", "email", "phone", "street_address",
    "postal_code", "post_office", "employer", "business_id", "occupation", "recruiter", "permit_expiry", "sex",
    "mother_tongue", "finnish_level", "swedish_level", "english_level", "privacy_notice_date",
    "privacy_notice_language", "privacy_notice_version", "housing", "housing_paid_by", "lease_end",
    "move_notified", "recruitment_fee", "concern_raised", "concern_referred_to", "job_ended_on",
    "protection_months")
COARSENED: tuple[str, ...] = ("arrival_date", "date_of_birth", "nationality")
KEPT: tuple[str, ...] = ("household_id", "relation", "municipality_code", "status", "permit_type",
                         "occupation_group", "sector", "recruitment")
# Kept as the program's own bookkeeping, or written by the erasure itself (the sort name with the names).
BOOKKEEPING: tuple[str, ...] = ("id", "sort_name", "checklist_on", "checklist_generation", "version", "created_at",
                                "updated_at", "erased_at", "country_group")
# People erased in one statement's worth of ids (SQLite's oldest limit on bound values is 999).
_CHUNK = 500
# Checkpointing waits for readers through the busy timeout; a few tries ride out a desk's short reads.
_CHECKPOINT_TRIES = 3
_CHECKPOINT_PAUSE = 0.2


@dataclass(frozen=True)
class ErasureResult:
    """A person erased: who, when, and whether the database file was cleared of the old bytes (True), could
    not be yet (False: another desk was reading or writing) or is not this program's to clear (None:
    PostgreSQL)."""

    person_id: int
    erased_at: datetime
    scrubbed: bool | None


def erase_person(db: Database, actor: Actor, person_id: int,
                 reason: ErasureReason | str = ErasureReason.REQUEST) -> ErasureResult:
    """Erase one person's personal data (administrators); refused for one erased already."""
    require_role(actor, Role.ADMIN)
    check_person_id(person_id)
    try:
        why = ErasureReason(reason)
    except ValueError:
        raise ValidationError(_("This is not one of the values this field takes."), field="reason") from None
    now = utcnow()
    with unit_of_work(db, actor, upkeep=True) as session, secure_deletes(session):
        person = load_person(session, person_id, erased=True)
        if person.erased_at is not None:
            raise ValidationError(_("The personal data of newcomer {id} has been erased already.").format(
                id=person_id))
        entries = erase_in(session, actor, [LedgerEntry(person_id, now, why, database_mark(session))])
        erasure_ledger.append(db.target, entries)
    return ErasureResult(person_id, now, scrub(db))


def erase_from_command_line(target: DatabaseTarget, person_id: int) -> ErasureResult:
    """``erase``: the person erased on request by the built-in command-line account."""
    db = open_database(target)
    try:
        return erase_person(db, cli_actor(db), person_id)
    finally:
        db.close()


def reapply_erasures(db: Database) -> int:
    """Erase again everyone the ledger names, in this database, who is not erased (after a restore); returns how
    many. Done by the built-in ``cli`` account, each with the reason and moment of the ledger."""
    entries = erasure_ledger.read(db.target)
    if not entries:
        return 0
    actor = cli_actor(db)
    with unit_of_work(db, actor, upkeep=True) as session, secure_deletes(session):
        pending = undone(session, entries)
        erase_in(session, actor, pending)
    if pending:
        scrub(db)
    return len(pending)


# -- within a unit of work


def undone(session: Session, entries: Sequence[LedgerEntry]) -> list[LedgerEntry]:
    """The ledger's erasures this database does not hold: people erased once whose data is back (a restore)."""
    mark = database_mark(session)
    wanted: dict[int, LedgerEntry] = {}
    for entry in entries:
        if entry.database == mark:  # numbers name people only in the database they were given in
            wanted.setdefault(entry.person_id, entry)
    ids = sorted(wanted)
    pending: list[LedgerEntry] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        pending += [wanted[i] for i in session.scalars(
            select(Person.id).where(Person.id.in_(chunk), Person.erased_at.is_(None)).order_by(Person.id))]
    return pending


def database_mark(session: Session) -> str:
    """What tells this database (and its backups) from another: the digest of its first audit entry, which
    chains its moment of making (``init`` records the built-in account)."""
    return session.scalar(select(AuditEntry.digest).order_by(AuditEntry.id).limit(1)) or ""


@contextmanager
def secure_deletes(session: Session) -> Iterator[None]:
    """Have SQLite overwrite with zeros whatever this transaction frees (its cells, pages and index entries).

    Set before the transaction writes, and set back once everything is flushed (other work on the same
    pooled connection need not pay for it).
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    before = int(connection.exec_driver_sql("PRAGMA secure_delete").scalar() or 0)
    connection.exec_driver_sql("PRAGMA secure_delete=ON")
    try:
        yield
        session.flush()
    finally:
        # After a failed flush the transaction is dead; the setting is only left on, which is harmless.
        with suppress(SQLAlchemyError):
            connection.exec_driver_sql(f"PRAGMA secure_delete={before}")


def erase_in(session: Session, actor: Actor, entries: Sequence[LedgerEntry]) -> list[LedgerEntry]:
    """Erase the people ``entries`` name (none erased already) in this transaction, record and audit each;
    returns the entries for the ledger."""
    ids = [e.person_id for e in entries]
    people: dict[int, Person] = {}
    for start in range(0, len(ids), _CHUNK):
        people.update((p.id, p) for p in session.scalars(
            select(Person).where(Person.id.in_(ids[start:start + _CHUNK])).options(
                selectinload(Person.languages), selectinload(Person.notes), selectinload(Person.papers),
                selectinload(Person.checklist), selectinload(Person.follow_ups),
                selectinload(Person.path_stages), selectinload(Person.name_keys))))
    for entry in entries:
        person = people[entry.person_id]
        _blank(person)
        person.erased_at = entry.at
        session.add(Erasure(person_id=person.id, erased_at=entry.at, account_id=actor.account_id,
                            reason=entry.reason))
        record(session, "erase", "person", person.id)
    session.flush()
    _blank_households(session, {p.household_id for p in people.values()})
    return list(entries)


def _blank(person: Person) -> None:
    """Blank, coarsen and empty what ``person`` holds, as the module's list says."""
    arrival = _known(person.arrival_date)
    born = _known(person.date_of_birth)
    half = None if arrival is None else date(arrival.year, 1 if arrival.month <= 6 else 7, 1)
    person.date_of_birth = None if half is None or born is None else _stand_in(half, _age(arrival, born))
    person.arrival_date = half
    person.country_group = country_group(str(person.nationality or "").strip().upper())
    person.nationality = ""
    columns = Person.__table__.columns
    for name in BLANKED:
        value = None if columns[name].nullable else ""
        if getattr(person, name) != value:
            setattr(person, name, value)
    person.set_languages(())
    person.notes.clear()
    person.papers.clear()
    for item in person.checklist:
        if item.note:
            item.note = ""
    for follow_up in person.follow_ups:
        if follow_up.answers:
            follow_up.answers = {}
    for stage in person.path_stages:
        if stage.detail:
            stage.detail = ""


def _blank_households(session: Session, household_ids: set[int]) -> None:
    """A household every member of which is erased keeps no name (it was a family name)."""
    for household_id in sorted(household_ids):
        left = session.scalar(select(Person.id).where(Person.household_id == household_id,
                                                      Person.erased_at.is_(None)).limit(1))
        household = session.get(Household, household_id)
        if left is None and household is not None and household.name:
            household.name = ""


def _known(value: date | Unreadable | None) -> date | None:
    return value if isinstance(value, date) else None


def _day_number(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def _age(arrival: date | None, born: date) -> int:
    """Whole years on arrival, as the region summary works them out (``region_sql.age_on_arrival``)."""
    assert arrival is not None
    return (_day_number(arrival) - _day_number(born)) // 10000


def _stand_in(arrival: date, age: int) -> date:
    """A date of birth that is in the band of ``age`` on ``arrival``: the band's youngest age."""
    youngest = 0
    for _band, below in AGE_BANDS:
        if below is None or age < below:
            break
        youngest = below
    return date(arrival.year - youngest, arrival.month, arrival.day)


# -- the file's bytes


def scrub(db: Database) -> bool | None:
    """Clear a SQLite file of freed bytes: rebuild it, then checkpoint the write-ahead log and truncate it.

    True when both were done; False when another desk kept them from finishing (the data is erased from
    the records all the same); None on PostgreSQL.
    """
    if db.target.sqlite_path is None:
        return None
    raw = db.engine.raw_connection()
    try:
        connection = raw.driver_connection
        assert isinstance(connection, sqlite3.Connection)
        try:
            # Outside any transaction, as VACUUM must be (the pooled connection holds none).
            connection.execute("VACUUM")
            for attempt in range(_CHECKPOINT_TRIES):
                busy, _pages, _copied = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                if not busy:
                    return True
                if attempt + 1 < _CHECKPOINT_TRIES:
                    time.sleep(_CHECKPOINT_PAUSE)
        except sqlite3.OperationalError:
            # Busy or locked past the timeout, or no room for the rebuild: the records are erased regardless.
            return False
        return False
    finally:
        raw.close()

