"""Reading the audit log: the log viewer's pages (administrators and coordinators) and one person's history
(whoever may open the person).

Entries name accounts, acts, records and field names; reading them shows no one's data but the staff's
names, and every reading is itself an entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from welcomedesk.actor import Actor
from welcomedesk.codes import Role
from welcomedesk.db.session import Database, record, unit_of_work
from welcomedesk.errors import PermissionDenied
from welcomedesk.i18n import _
from welcomedesk.model import (
    AuditEntry,
    ChecklistItem,
    FollowUp,
    PaperGiven,
    PathStage,
    PersonNote,
    PersonVisit,
    StaffAccount,
)

PAGE_ROWS = 200
# The records a person's page shows, each found by its person: their history is the person's too.
_OWNED = ((ChecklistItem, "checklist_item"), (FollowUp, "follow_up"), (PersonVisit, "person_visit"),
          (PaperGiven, "paper_given"), (PersonNote, "person_note"), (PathStage, "path_stage"))


@dataclass(frozen=True)
class AuditRow:
    """One entry as people read it: when, by whom (None: no known account), what, on which record."""

    entry_id: int
    at: datetime
    account: str | None
    action: str
    entity: str
    entity_id: int | None
    fields: tuple[str, ...]


@dataclass(frozen=True)
class AuditQuery:
    """The viewer's filters: an account, an act, a kind of record (and one record), days (both included)."""

    account_id: int | None = None
    action: str = ""
    entity: str = ""
    entity_id: int | None = None
    since: date | None = None
    until: date | None = None
    # The next page: entries older than this one (pages stay put while new entries come in).
    before: int | None = None


@dataclass(frozen=True)
class AuditPage:
    """A page of entries, newest first, and how many match in all."""

    rows: tuple[AuditRow, ...]
    total: int

    @property
    def next(self) -> int | None:
        """Where the following page starts (None: this is the last)."""
        return self.rows[-1].entry_id if len(self.rows) == PAGE_ROWS else None


@dataclass(frozen=True)
class AuditChoices:
    """What the viewer's filters offer: the accounts, acts and kinds of record the log holds."""

    accounts: tuple[tuple[int, str], ...]
    actions: tuple[str, ...]
    entities: tuple[str, ...]


def _may_read_log(actor: Actor) -> None:
    if not actor.roles & {Role.ADMIN, Role.COORDINATOR}:
        raise PermissionDenied(_("Only administrators and coordinators can read the audit log."))


def _local_start(day: date) -> datetime:
    # The viewer's days are the desk's local days; entries keep UTC moments.
    return datetime.combine(day, time()).astimezone()


def _rows(session: Session, query: Any) -> tuple[AuditRow, ...]:
    names = (select(AuditEntry.id, AuditEntry.at, func.coalesce(func.nullif(StaffAccount.display_name, ""),
                                                                StaffAccount.username),
                    AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id, AuditEntry.fields)
             .outerjoin(StaffAccount, StaffAccount.id == AuditEntry.account_id))
    found = session.execute(names.where(AuditEntry.id.in_(query)).order_by(AuditEntry.id.desc())).all()
    return tuple(AuditRow(row[0], row[1], row[2], row[3], row[4], row[5],
                          tuple(name for name in (row[6] or "").split(",") if name)) for row in found)


def audit_page(db: Database, actor: Actor, query: AuditQuery) -> AuditPage:
    """A page of the log as the filters choose it, newest first (administrators and coordinators)."""
    _may_read_log(actor)
    conditions: list[Any] = []
    if query.account_id is not None:
        conditions.append(AuditEntry.account_id == query.account_id)
    if query.action:
        conditions.append(AuditEntry.action == query.action)
    if query.entity:
        conditions.append(AuditEntry.entity == query.entity)
    if query.entity_id is not None:
        conditions.append(AuditEntry.entity_id == query.entity_id)
    if query.since is not None:
        conditions.append(AuditEntry.at >= _local_start(query.since))
    if query.until is not None:
        conditions.append(AuditEntry.at < _local_start(query.until + timedelta(days=1)))
    with unit_of_work(db, actor) as session:
        total = session.scalar(select(func.count()).select_from(AuditEntry).where(*conditions)) or 0
        if query.before is not None:
            conditions.append(AuditEntry.id < query.before)
        ids = (select(AuditEntry.id).where(*conditions).order_by(AuditEntry.id.desc()).limit(PAGE_ROWS)
               .scalar_subquery())
        rows = _rows(session, ids)
        record(session, "search", "audit_entry", fields=",".join(
            name for name, value in (("account", query.account_id), ("action", query.action),
                                     ("entity", query.entity), ("entity_id", query.entity_id),
                                     ("since", query.since), ("until", query.until)) if value not in (None, "")))
    return AuditPage(rows, total)


def audit_choices(db: Database, actor: Actor) -> AuditChoices:
    """The accounts, acts and kinds of record the viewer's filters can offer."""
    _may_read_log(actor)
    with unit_of_work(db, actor) as session:
        accounts = session.execute(select(StaffAccount.id, func.coalesce(func.nullif(StaffAccount.display_name, ""),
                                                                         StaffAccount.username))
                                   .order_by(StaffAccount.username)).all()
        actions = session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)).all()
        entities = session.scalars(select(AuditEntry.entity).distinct().order_by(AuditEntry.entity)).all()
    return AuditChoices(tuple((int(i), str(n)) for i, n in accounts), tuple(actions), tuple(entities))


def person_history(db: Database, actor: Actor, person_id: int) -> tuple[AuditRow, ...]:
    """Who saw and changed a person, their steps, follow-ups, visits and papers: newest first, at most a page."""
    if not actor.roles & {Role.DESK, Role.COORDINATOR}:
        raise PermissionDenied(_("Your account does not work with newcomers' data."))
    about = [(AuditEntry.entity == "person") & (AuditEntry.entity_id == person_id)]
    for model, entity in _OWNED:
        about.append((AuditEntry.entity == entity)
                     & AuditEntry.entity_id.in_(select(model.id).where(model.person_id == person_id)))
    with unit_of_work(db, actor) as session:
        ids = (select(AuditEntry.id).where(or_(*about)).order_by(AuditEntry.id.desc()).limit(PAGE_ROWS)
               .scalar_subquery())
        rows = _rows(session, ids)
        record(session, "view", "person_history", person_id)
    return rows
