"""The desk's morning: what is late or due this week, whom to call, whose permit or protection period
ends, who arrives in the next two weeks, and whom this worker opened lately.

Each list is one indexed query, read from the due date's end, and carries how many there are in all
(counted up to ``COUNT_CAP``: past that the page says "more than").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import BindParameter, bindparam, func, select
from sqlalchemy.orm import Session

from welcomedesk.actor import Actor
from welcomedesk.checklist_rules import add_months
from welcomedesk.codes import OPEN_ITEM_STATUSES, Role, Status
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.model import AuditEntry, ChecklistItem, FollowUp, Person, Service
from welcomedesk.services.accounts import require_role

# The people the desk still works with: those who moved away, left or were lost drop off its lists.
ACTIVE = (Status.EXPECTED, Status.ARRIVED, Status.SETTLED)
# The people the lists are about: active, and not an erased anonymous record.
_ACTIVE_PEOPLE = (Person.status.in_(ACTIVE), Person.erased_at.is_(None))
ROWS = 50
COUNT_CAP = 1000
WEEK = 7
ARRIVALS_AHEAD = 14
PERMIT_AHEAD = 60
PERMIT_BEHIND = 30
PROTECTION_AHEAD = 45
RECENT = 10


@dataclass(frozen=True)
class TodayRow:
    """One line of a list: whom it is about, the day that matters, and what (a step's texts, or none)."""

    person_id: int
    family_name: str
    given_names: str
    day: date | None
    what: Mapping[str, str] | None = None
    months: int | None = None  # a protection period's length


@dataclass(frozen=True)
class TodayList:
    """A list's first rows and how many there are in all (``total`` stops at ``COUNT_CAP``)."""

    rows: tuple[TodayRow, ...]
    total: int

    @property
    def capped(self) -> bool:
        return self.total >= COUNT_CAP


@dataclass(frozen=True)
class Today:
    """The Home page's lists, for one day."""

    on: date
    overdue: TodayList
    due_this_week: TodayList
    follow_ups: TodayList
    permits: TodayList
    protection: TodayList
    arrivals: TodayList
    recent: TodayList


def _people(session: Session, ids: list[int]) -> dict[int, tuple[str, str]]:
    if not ids:
        return {}
    return {pid: (family, given) for pid, family, given in session.execute(
        select(Person.id, Person.family_name, Person.given_names).where(Person.id.in_(set(ids))))}


def _capped_count(session: Session, stmt: Any) -> int:
    return session.scalar(select(func.count()).select_from(stmt.limit(COUNT_CAP).subquery())) or 0


def _steps(session: Session, start: date | None, end: date, names: dict[int, dict[str, str]]) -> TodayList:
    """Open steps due before ``end`` (from ``start`` on, when given), the earliest first."""
    # The statuses are written into the SQL as literals: SQLite uses a partial index only where the query
    # says what its WHERE says, and bound parameters hide that (a full scan of every step instead).
    open_statuses: BindParameter[list[str]] = bindparam(
        "open_statuses", [s.value for s in sorted(OPEN_ITEM_STATUSES)], expanding=True, literal_execute=True)
    conditions = [ChecklistItem.applies == True,  # noqa: E712 - the index's own words
                  ChecklistItem.status.in_(open_statuses),
                  ChecklistItem.due_date.is_not(None), ChecklistItem.due_date < end,
                  *_ACTIVE_PEOPLE]
    if start is not None:
        conditions.append(ChecklistItem.due_date >= start)
    stmt = (select(ChecklistItem.person_id, ChecklistItem.service_id, ChecklistItem.due_date)
            .join(Person, Person.id == ChecklistItem.person_id).where(*conditions))
    found = session.execute(stmt.order_by(ChecklistItem.due_date, ChecklistItem.person_id).limit(ROWS)).all()
    people = _people(session, [r[0] for r in found])
    rows = tuple(TodayRow(pid, *people.get(pid, ("", "")), due, names.get(service_id, {}))
                 for pid, service_id, due in found)
    count = select(ChecklistItem.id).join(Person, Person.id == ChecklistItem.person_id).where(*conditions)
    return TodayList(rows, len(rows) if len(rows) < ROWS else _capped_count(session, count))


def _simple(session: Session, stmt: Any, count: Any) -> TodayList:
    found = session.execute(stmt.limit(ROWS)).all()
    people = _people(session, [r[0] for r in found])
    rows = tuple(TodayRow(pid, *people.get(pid, ("", "")), day) for pid, day in found)
    return TodayList(rows, len(rows) if len(rows) < ROWS else _capped_count(session, count))


def today_lists(db: Database, actor: Actor, on: date | None = None) -> Today:
    """The Home page's lists for ``on`` (today)."""
    require_role(actor, Role.DESK)
    on = on or date.today()
    with unit_of_work(db, actor) as session:
        names = {sid: name for sid, name in session.execute(select(Service.id, Service.name))}
        overdue = _steps(session, None, on, names)
        week = _steps(session, on, on + timedelta(days=WEEK + 1), names)
        follow_ups = _simple(session, *_follow_up_queries(on))
        permits = _simple(session, *_permit_queries(on))
        protection = _protection(session, on)
        arrivals = _simple(session, *_arrival_queries(on))
        recent = _recent(session, actor)
        return Today(on, overdue, week, follow_ups, permits, protection, arrivals, recent)


def _follow_up_queries(on: date) -> tuple[Any, Any]:
    """Follow-ups not yet made that are due by a week from now: the rows, and what is counted."""
    where = (FollowUp.contacted_on.is_(None), FollowUp.due_date <= on + timedelta(days=WEEK), *_ACTIVE_PEOPLE)
    return (select(FollowUp.person_id, FollowUp.due_date).join(Person, Person.id == FollowUp.person_id)
            .where(*where).order_by(FollowUp.due_date, FollowUp.person_id),
            select(FollowUp.id).join(Person, Person.id == FollowUp.person_id).where(*where))


def _permit_queries(on: date) -> tuple[Any, Any]:
    """Permits that end within ``PERMIT_AHEAD`` days or ended within ``PERMIT_BEHIND``."""
    where = (Person.permit_expiry >= on - timedelta(days=PERMIT_BEHIND),
             Person.permit_expiry <= on + timedelta(days=PERMIT_AHEAD), *_ACTIVE_PEOPLE)
    return (select(Person.id, Person.permit_expiry).where(*where).order_by(Person.permit_expiry, Person.id),
            select(Person.id).where(*where))


def _arrival_queries(on: date) -> tuple[Any, Any]:
    """The people expected within ``ARRIVALS_AHEAD`` days."""
    where = (Person.status == Status.EXPECTED, Person.arrival_date >= on,
             Person.arrival_date <= on + timedelta(days=ARRIVALS_AHEAD))
    return (select(Person.id, Person.arrival_date).where(*where).order_by(Person.arrival_date, Person.id),
            select(Person.id).where(*where))


def _protection(session: Session, on: date) -> TodayList:
    """Protection periods that end within ``PROTECTION_AHEAD`` days, or ended in the last two weeks."""
    # Six months is the longest period: a job that ended before that cannot matter any more.
    earliest = add_months(on - timedelta(days=14), -6)
    found = session.execute(select(Person.id, Person.job_ended_on, Person.protection_months).where(
        Person.job_ended_on >= earliest, Person.job_ended_on <= on + timedelta(days=PROTECTION_AHEAD),
        *_ACTIVE_PEOPLE).order_by(Person.job_ended_on).limit(COUNT_CAP)).all()
    ends = sorted((add_months(ended, months or 3), pid, months or 3) for pid, ended, months in found
                  if isinstance(ended, date))
    ends = [e for e in ends if on - timedelta(days=14) <= e[0] <= on + timedelta(days=PROTECTION_AHEAD)]
    people = _people(session, [pid for _end, pid, _m in ends[:ROWS]])
    return TodayList(tuple(TodayRow(pid, *people.get(pid, ("", "")), end, months=months)
                           for end, pid, months in ends[:ROWS]), len(ends))


def _recent(session: Session, actor: Actor) -> TodayList:
    """The people this worker opened last, the latest first."""
    # The log read from its end: a worker's last views are among the last rows, whatever its size.
    found = session.scalars(
        select(AuditEntry.entity_id)
        .where(AuditEntry.account_id == actor.account_id, AuditEntry.action == "view", AuditEntry.entity == "person")
        .order_by(AuditEntry.id.desc()).limit(RECENT * 20)).all()
    ids = [pid for pid in dict.fromkeys(found) if pid is not None][:RECENT]
    people = _people(session, ids)
    rows = tuple(TodayRow(pid, *people[pid], None) for pid in ids if pid in people)
    return TodayList(rows, len(rows))
