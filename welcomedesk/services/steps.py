"""What the desk records as a person moves on: a step's status and referral, a follow-up contact, a stage
of a path into work, and the end of a job (its protection period).

Each is one unit of work, saved over the version the worker loaded; every change is audited by its
field names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from welcomedesk.actor import Actor
from welcomedesk.catalogue import Catalogue
from welcomedesk.checklist_rules import PROTECTION_MONTHS, add_months, protection_months
from welcomedesk.codes import (
    CLOSED_ITEM_STATUSES,
    Category,
    FollowUpOutcome,
    ItemStatus,
    PathKind,
    PermitType,
    ReferralOutcome,
    Role,
)
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.errors import ValidationError, stale_record
from welcomedesk.i18n import _
from welcomedesk.identity import normalise_text
from welcomedesk.model import ChecklistItem, FollowUp, Partner, PathStage, Person, Service, StaffAccount
from welcomedesk.model.base import MAX_ID
from welcomedesk.model.checklist import ITEM_NOTE_LENGTH, STAGE_DETAIL_LENGTH
from welcomedesk.services.accounts import require_role
from welcomedesk.services.catalogue import stored_catalogue
from welcomedesk.services.checklists import make_household_checklists, waits_for
from welcomedesk.services.lookup import load_person
from welcomedesk.unreadable import Unreadable

# -- what the person page and ``show`` read


@dataclass(frozen=True)
class StepEntry:
    """One step of a person's checklist as the page and ``show`` present it."""

    item_id: int
    version: int
    code: str
    category: Category
    name: Mapping[str, str]
    description: Mapping[str, str]
    status: ItemStatus | Unreadable
    applies: bool
    due_date: date | Unreadable | None
    done_on: date | Unreadable | None
    note: str = ""
    partner_id: int | None = None
    partner_name: str = ""
    referred_on: date | Unreadable | None = None
    referred_to_id: int | None = None
    referred_to: str = ""
    referral_outcome: ReferralOutcome | Unreadable | None = None
    # The earlier steps it waits for, by code.
    waits_for: tuple[str, ...] = ()
    who: str = ""

    def late(self, today: date) -> bool:
        """Whether the step is still to do and its day has passed."""
        return (self.applies and self.status not in CLOSED_ITEM_STATUSES and isinstance(self.due_date, date)
                and self.due_date < today)


@dataclass(frozen=True)
class FollowUpEntry:
    """One follow-up contact: when it is due, and how it went once made."""

    follow_up_id: int
    version: int
    day: int
    due_date: date | Unreadable
    contacted_on: date | Unreadable | None
    outcome: FollowUpOutcome | Unreadable | None
    answers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class StageEntry:
    """One dated stage of a path into work."""

    stage_id: int
    path: PathKind | Unreadable
    stage: str
    reached_on: date | Unreadable
    detail: str


@dataclass(frozen=True)
class Watch:
    """A date the desk watches for the person: the permit's end, the protection period's end."""

    permit_expiry: date | Unreadable | None
    job_ended_on: date | Unreadable | None
    protection_months: int | None
    protection_ends: date | None


def steps_of(session: Session, person: Person, catalogue: Catalogue) -> tuple[StepEntry, ...]:
    """The person's checklist in the catalogue's order (steps the catalogue no longer has at the end)."""
    order = {s.code: i for i, s in enumerate(catalogue.services)}
    session.scalars(select(Service)).all()  # in the identity map: each step finds its service there
    found = session.scalars(select(Partner)).all()
    partners = {p.id: p.name for p in found}
    partner_ids = {p.code: p.id for p in found}
    # A person's name for who moved a step on; the built-in command-line account (scripts, the demo) has none.
    accounts = {a.id: a.display_name or a.username for a in session.scalars(select(StaffAccount))
                if not a.builtin} if any(i.account_id for i in person.checklist) else {}
    by_code = {item.service.code: item for item in person.checklist}
    entries = []
    for item in person.checklist:
        service = catalogue.service(item.service.code)
        partner_id = partner_ids.get(service.partner) if service and service.partner else None
        entries.append(StepEntry(
            item_id=item.id, version=item.version, code=item.service.code, category=item.service.category,
            name=service.name if service else item.service.name, description=service.description if service else {},
            status=item.status, applies=item.applies, due_date=item.due_date, done_on=item.done_on, note=item.note,
            partner_id=partner_id, partner_name=partners.get(partner_id or 0, ""), referred_on=item.referred_on,
            referred_to_id=item.referred_to_id, referred_to=partners.get(item.referred_to_id or 0, ""),
            referral_outcome=item.referral_outcome,
            waits_for=tuple(waits_for(service, by_code)) if service and item.applies else (),
            who=accounts.get(item.account_id or 0, "")))
    # In the order they are due (steps with no day by the catalogue's order); those that no longer apply last.
    entries.sort(key=lambda e: (not e.applies, e.due_date if isinstance(e.due_date, date) else date.max,
                                order.get(e.code, len(order))))
    return tuple(entries)


def follow_ups_of(person: Person) -> tuple[FollowUpEntry, ...]:
    return tuple(FollowUpEntry(f.id, f.version, f.day, f.due_date, f.contacted_on, f.outcome,
                               {str(k): str(v) for k, v in (f.answers or {}).items()})
                 for f in person.follow_ups)


def stages_of(person: Person) -> tuple[StageEntry, ...]:
    return tuple(StageEntry(s.id, s.path, s.stage, s.reached_on, s.detail) for s in person.path_stages)


def watch_of(person: Person) -> Watch:
    ended = person.job_ended_on
    months = person.protection_months
    ends = add_months(ended, months) if isinstance(ended, date) and months else None
    return Watch(person.permit_expiry, ended, months, ends)


# -- what the worker records


def _check_id(number: int) -> None:
    if not 1 <= number <= MAX_ID:
        raise ValidationError(_("This step is no longer there. Open the person again."))


def _item(session: Session, item_id: int, version: int) -> ChecklistItem:
    _check_id(item_id)
    item = session.get(ChecklistItem, item_id)
    if item is None:
        raise ValidationError(_("This step is no longer there. Open the person again."))
    if item.version != version:
        raise stale_record()
    return item


def _not_future(day: date | None, today: date, field_name: str) -> None:
    if day is not None and day > today:
        raise ValidationError(_("A change cannot be dated in the future."), field=field_name)


def update_step(db: Database, actor: Actor, item_id: int, version: int, status: ItemStatus,
                done_on: date | None = None, note: str | None = None, today: date | None = None) -> int:
    """Move one step on: its status (done with its day), and its note. Returns the step's new version.

    A step waiting for an earlier one cannot be marked done or started before it; "blocked" is the
    rules' word, never chosen.
    """
    require_role(actor, Role.DESK)
    today = today or date.today()
    status = ItemStatus(status)
    if status is ItemStatus.BLOCKED:
        raise ValidationError(_("A step is blocked only while it waits for an earlier one."), field="status")
    if status is ItemStatus.DONE:
        done_on = done_on or today
        _not_future(done_on, today, "done_on")
    else:
        done_on = None
    kept = None if note is None else normalise_text(note, field="note", max_length=ITEM_NOTE_LENGTH) \
        if note.strip() else ""
    with unit_of_work(db, actor) as session:
        item = _item(session, item_id, version)
        person = item.person
        catalogue = stored_catalogue(session)
        service = catalogue.service(item.service.code)
        if status in (ItemStatus.DONE, ItemStatus.IN_PROGRESS) and service is not None:
            by_code = {i.service.code: i for i in person.checklist}
            waiting = waits_for(service, by_code)
            if waiting:
                names = ", ".join(_name_of(catalogue, code) for code in waiting)
                raise ValidationError(_("This step waits for an earlier one first: {steps}.").format(steps=names),
                                      field="status")
        if item.status != status:
            item.status = status
        if item.done_on != done_on:
            item.done_on = done_on
        if kept is not None and item.note != kept:
            item.note = kept
        item.account_id = actor.account_id
        session.flush()
        # A step done frees the steps that waited for it (and one reopened blocks them again).
        make_household_checklists(session, person.household_id, today, actor)
        session.flush()
        return item.version


def _name_of(catalogue: Catalogue, code: str) -> str:
    service = catalogue.service(code)
    if service is None:
        return code
    return service.name.get("en") or code


def refer(db: Database, actor: Actor, item_id: int, version: int, partner_id: int | None, referred_on: date | None,
          outcome: ReferralOutcome | None, today: date | None = None) -> int:
    """Record the referral of one step to a partner (None: take the referral back); returns the new version."""
    require_role(actor, Role.DESK)
    today = today or date.today()
    if partner_id is not None:
        referred_on = referred_on or today
        _not_future(referred_on, today, "referred_on")
        outcome = ReferralOutcome(outcome or ReferralOutcome.PENDING)
    else:
        referred_on, outcome = None, None
    with unit_of_work(db, actor) as session:
        item = _item(session, item_id, version)
        if partner_id is not None:
            _check_id(partner_id)
            if session.get(Partner, partner_id) is None:
                raise ValidationError(_("Choose a partner organisation from the list."), field="partner")
        for name, value in (("referred_to_id", partner_id), ("referred_on", referred_on),
                            ("referral_outcome", outcome)):
            if getattr(item, name) != value:
                setattr(item, name, value)
        item.account_id = actor.account_id
        session.flush()
        return item.version


def record_follow_up(db: Database, actor: Actor, follow_up_id: int, version: int, contacted_on: date,
                     outcome: FollowUpOutcome, answers: Mapping[str, str], today: date | None = None) -> int:
    """Record how a follow-up contact went: its day, its outcome and the answers; returns the new version.

    Only a person reached has answers; each answer must be one the question offers.
    """
    require_role(actor, Role.DESK)
    today = today or date.today()
    _not_future(contacted_on, today, "contacted_on")
    outcome = FollowUpOutcome(outcome)
    with unit_of_work(db, actor) as session:
        _check_id(follow_up_id)
        follow_up = session.get(FollowUp, follow_up_id)
        if follow_up is None:
            raise ValidationError(_("This follow-up is no longer there. Open the person again."))
        if follow_up.version != version:
            raise stale_record()
        questions = {q.code: {a.code for a in q.answers} for q in stored_catalogue(session).questions}
        kept: dict[str, Any] = {}
        if outcome is FollowUpOutcome.REACHED:
            for code, answer in answers.items():
                if code not in questions or answer not in questions[code]:
                    raise ValidationError(_("This is not one of the answers the question offers."), field=code)
                kept[code] = answer
        follow_up.contacted_on, follow_up.outcome = contacted_on, outcome
        if follow_up.answers != kept:
            follow_up.answers = kept
        follow_up.account_id = actor.account_id
        session.flush()
        return follow_up.version


def add_stage(db: Database, actor: Actor, person_id: int, path: PathKind, stage: str, reached_on: date,
              detail: str = "", today: date | None = None) -> int:
    """Record a stage of the person's path into work; returns how many stages that path has."""
    require_role(actor, Role.DESK)
    today = today or date.today()
    path = PathKind(path)
    _not_future(reached_on, today, "reached_on")
    kept = normalise_text(detail, field="detail", max_length=STAGE_DETAIL_LENGTH) if detail.strip() else ""
    with unit_of_work(db, actor) as session:
        definition = stored_catalogue(session).path(path)
        if definition is None or stage not in {s.code for s in definition.stages}:
            raise ValidationError(_("Choose the stage from the list."), field="stage")
        person = load_person(session, person_id)
        person.path_stages.append(PathStage(path=path, stage=stage, reached_on=reached_on, detail=kept,
                                            account_id=actor.account_id))
        session.flush()
        return sum(1 for s in person.path_stages if s.path is path)


def record_job_end(db: Database, actor: Actor, person_id: int, version: int, ended_on: date | None,
                   months: int | None = None, today: date | None = None) -> int:
    """Record the day a job on a work-based permit ended, and the protection period's months (3 or 6;
    None: as the time in Finland gives). ``ended_on`` None clears it. Returns the person's new version."""
    require_role(actor, Role.DESK)
    today = today or date.today()
    if ended_on is not None and (ended_on - today).days > 366:
        raise ValidationError(_("The end of the job is more than a year away."), field="job_ended_on")
    if months is not None and months not in PROTECTION_MONTHS:
        raise ValidationError(_("The protection period is 3 or 6 months."), field="protection_months")
    with unit_of_work(db, actor) as session:
        person = load_person(session, person_id, version)
        if ended_on is not None and person.permit_type in (PermitType.PERMANENT, PermitType.EU, PermitType.NORDIC):
            raise ValidationError(_("Only a work-based residence permit has a protection period."),
                                  field="job_ended_on")
        if ended_on is None:
            months = None
        elif months is None:
            arrival = person.arrival_date if isinstance(person.arrival_date, date) else None
            months = protection_months(arrival, ended_on)
        if person.job_ended_on != ended_on:
            person.job_ended_on = ended_on
        if person.protection_months != months:
            person.protection_months = months
        session.flush()
        return person.version
