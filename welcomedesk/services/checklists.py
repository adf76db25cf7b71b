"""Each person's checklist of first steps and their follow-up contacts, made by the catalogue's rules.

The checklist is made whenever a person is created and made again whenever what the rules read
changes: the person's facts, their household, the catalogue, or the year (a child reaching school
age). Making it again never loses work: a new step appears, a done step stays done, and a step
that no longer applies is marked so, never deleted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from welcomedesk.actor import Actor
from welcomedesk.catalogue import Catalogue, ServiceDef
from welcomedesk.checklist_rules import Facts, fresh_since, plan
from welcomedesk.codes import CLOSED_ITEM_STATUSES, OPEN_ITEM_STATUSES, ItemStatus, PermitType, Relation
from welcomedesk.db.bulk_write import Plans
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.model import ChecklistItem, FollowUp, Person, Service
from welcomedesk.services.catalogue import generation, stored_catalogue
from welcomedesk.unreadable import Unreadable

# How many people one unit of work makes checklists for, when many are due at once.
BATCH = 500


def _known(value: Any) -> Any:
    return None if isinstance(value, Unreadable) else value


def facts_of(person: Person, has_children: bool) -> Facts:
    """What the rules read of ``person`` (a value another program broke reads as unknown)."""
    relation = _known(person.relation) or Relation.OTHER
    permit = _known(person.permit_type)
    return Facts(relation=relation, date_of_birth=_known(person.date_of_birth), nationality=person.nationality or "",
                 permit_type=PermitType(permit) if permit else None, occupation_group=person.occupation_group or "",
                 has_children=has_children, arrival_date=_known(person.arrival_date),
                 has_identity_code=bool(person.personal_identity_code))


def is_stale(person: Person, catalogue: Catalogue, current: int, on: date) -> bool:
    """Whether the person's checklist was made before something the rules read changed by itself."""
    made = _known(person.checklist_on)
    return (made is None or person.checklist_generation != current or made > on
            or made < fresh_since(catalogue.services, on))


def _service_rows(session: Session) -> dict[str, Service]:
    return {s.code: s for s in session.scalars(select(Service))}


def make_household_checklists(session: Session, household_id: int, on: date, actor: Actor | None = None) -> None:
    """Make every member's checklist again (a child joined or left: the parents' steps change too)."""
    session.flush()
    members = session.scalars(select(Person).where(Person.household_id == household_id)
                              .options(selectinload(Person.checklist), selectinload(Person.follow_ups))).all()
    children = any(_known(m.relation) is Relation.CHILD for m in members)
    catalogue, rows, current = stored_catalogue(session), _service_rows(session), generation(session)
    for member in members:
        _sync(session, member, catalogue, rows, on, actor, children, current)


def _sync(session: Session, person: Person, catalogue: Catalogue, rows: dict[str, Service], on: date,
          actor: Actor | None, has_children: bool, current: int) -> None:
    if person.erased_at is not None:
        # An erased person's facts are blanked or coarsened: the rules would read them wrong, and their steps
        # must stay as the region's figures counted them. Their checklist is only marked made.
        _mark_made(session, person, on, current)
        return
    facts = facts_of(person, has_children)
    planned = plan(catalogue.services, facts, on)
    items = {item.service_id: item for item in person.checklist if item.service_id is not None}
    by_code: dict[str, ChecklistItem] = {}
    for service in catalogue.services:
        row = rows.get(service.code)
        if row is None:
            continue
        item = items.get(row.id)
        if service.code in planned:
            due = planned[service.code]
            if item is None:
                item = ChecklistItem(service=row, status=ItemStatus.TODO, applies=True, due_date=due)
                person.checklist.append(item)
            else:
                if not item.applies:
                    item.applies = True
                if item.status in OPEN_ITEM_STATUSES and item.due_date != due:
                    item.due_date = due
        elif item is not None and item.applies:
            item.applies = False
        if item is not None:
            by_code[service.code] = item
    _settle(catalogue.services, by_code, facts, on, actor)
    _schedule_follow_ups(person, catalogue, facts)
    _mark_made(session, person, on, current)


def _mark_made(session: Session, person: Person, on: date, current: int) -> None:
    # Bookkeeping, not a change the worker made: written past the person's version, so another
    # desk holding this person open can still save.
    if person.id is not None:
        session.execute(update(Person).where(Person.id == person.id)
                        .values(checklist_on=on, checklist_generation=current)
                        .execution_options(synchronize_session=False))
        set_committed_value(person, "checklist_on", on)
        set_committed_value(person, "checklist_generation", current)
    else:
        person.checklist_on, person.checklist_generation = on, current


def _settle(services: Sequence[ServiceDef], by_code: dict[str, ChecklistItem], facts: Facts, on: date,
            actor: Actor | None) -> None:
    """Steps done by a recorded fact are marked done; a step waiting for an open earlier one is blocked."""
    for service in services:
        item = by_code.get(service.code)
        if (item is not None and item.applies and item.status in OPEN_ITEM_STATUSES
                and service.done_when == "identity_code" and facts.has_identity_code):
            item.status, item.done_on = ItemStatus.DONE, on
            item.account_id = actor.account_id if actor else None
    for service in services:
        item = by_code.get(service.code)
        if item is None or not item.applies or item.status not in (ItemStatus.TODO, ItemStatus.BLOCKED):
            continue
        waiting = waits_for(service, by_code)
        if waiting and item.status is ItemStatus.TODO:
            item.status = ItemStatus.BLOCKED
        elif not waiting and item.status is ItemStatus.BLOCKED:
            item.status = ItemStatus.TODO


def waits_for(service: ServiceDef, by_code: dict[str, ChecklistItem]) -> list[str]:
    """The codes of the earlier steps this one still waits for (those that apply and are not closed)."""
    return [code for code in service.after
            if (earlier := by_code.get(code)) is not None and earlier.applies
            and earlier.status not in CLOSED_ITEM_STATUSES]


def _schedule_follow_ups(person: Person, catalogue: Catalogue, facts: Facts) -> None:
    """The main person of a household is followed up so many days after the arrival."""
    wanted = {day: facts.arrival_date + timedelta(days=day) for day in catalogue.follow_up_days} \
        if facts.arrival_date is not None and facts.relation is Relation.MAIN else {}
    for follow_up in list(person.follow_ups):
        if follow_up.contacted_on is not None:
            continue
        if follow_up.day not in wanted:
            person.follow_ups.remove(follow_up)  # only a schedule: nothing was recorded on it
        elif follow_up.due_date != wanted[follow_up.day]:
            follow_up.due_date = wanted[follow_up.day]
    have = {f.day for f in person.follow_ups}
    person.follow_ups.extend(FollowUp(day=day, due_date=due, answers={})
                             for day, due in sorted(wanted.items()) if day not in have)


# -- many people at once


def planned_rows(catalogue: Catalogue, service_ids: dict[str, int], facts: Facts, on: date
                 ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The checklist and follow-up rows a new person gets, for a bulk insert (without ``person_id``)."""
    planned = plan(catalogue.services, facts, on)
    items: dict[str, dict[str, Any]] = {}
    for service in catalogue.services:
        if service.code in planned and service.code in service_ids:
            items[service.code] = {"service_id": service_ids[service.code], "status": ItemStatus.TODO,
                                   "applies": True, "due_date": planned[service.code], "done_on": None,
                                   "account_id": None, "note": "", "version": 1}
    for service in catalogue.services:
        row = items.get(service.code)
        if row is None:
            continue
        if service.done_when == "identity_code" and facts.has_identity_code:
            row["status"], row["done_on"] = ItemStatus.DONE, on
    _settle_rows(catalogue, items)
    # Every row has every column: a Core insert of many rows takes its columns from the first.
    follow_ups: list[dict[str, Any]] = []
    if facts.arrival_date is not None and facts.relation is Relation.MAIN:
        follow_ups = [{"day": day, "due_date": facts.arrival_date + timedelta(days=day), "contacted_on": None,
                       "outcome": None, "answers": {}, "account_id": None, "version": 1}
                      for day in catalogue.follow_up_days]
    return list(items.values()), follow_ups


def settle_rows(catalogue: Catalogue, rows: list[dict[str, Any]], codes: dict[int, str]) -> None:
    """Planned rows settled again after work was marked on them: a step waiting for an open one is blocked."""
    _settle_rows(catalogue, {codes[row["service_id"]]: row for row in rows})


def _settle_rows(catalogue: Catalogue, items: dict[str, dict[str, Any]]) -> None:
    for service in catalogue.services:
        row = items.get(service.code)
        if row is None or row["status"] not in (ItemStatus.TODO, ItemStatus.BLOCKED):
            continue
        waiting = any(code in items and items[code]["status"] not in CLOSED_ITEM_STATUSES for code in service.after)
        row["status"] = ItemStatus.BLOCKED if waiting else ItemStatus.TODO


def stale_people(db: Database, actor: Actor, on: date, limit: int = BATCH) -> list[int]:
    """Up to ``limit`` people whose checklists must be made again (the catalogue or the year changed)."""
    with unit_of_work(db, actor, upkeep=True) as session:  # numbers only: the program's own upkeep
        current = generation(session)
        catalogue = stored_catalogue(session)
        oldest_fresh = fresh_since(catalogue.services, on)
        stmt = select(Person.id).where(
            (Person.checklist_on.is_(None)) | (Person.checklist_generation != current)
            | (Person.checklist_on < oldest_fresh) | (Person.checklist_on > on)).order_by(Person.id).limit(limit)
        return list(session.scalars(stmt))


def refresh(db: Database, actor: Actor, person_ids: Iterable[int], on: date) -> int:
    """Make these people's checklists again, in one unit of work; returns how many were made."""
    ids = list(person_ids)
    if not ids:
        return 0
    with unit_of_work(db, actor, upkeep=True) as session:  # made again, shown to no one
        people = session.scalars(select(Person).where(Person.id.in_(ids)).options(
            selectinload(Person.checklist), selectinload(Person.follow_ups))).all()
        households = {p.household_id for p in people}
        with_children = set(session.scalars(select(Person.household_id).where(
            Person.household_id.in_(households), Person.relation == Relation.CHILD)))
        catalogue, rows, current = stored_catalogue(session), _service_rows(session), generation(session)
        for person in people:
            _sync(session, person, catalogue, rows, on, actor, person.household_id in with_children, current)
        return len(people)


def plan_households(session: Session, households: Sequence[tuple[str, Sequence[dict[str, Any]]]], on: date
                    ) -> Plans:
    """What the rules give each new member of these households, for ``bulk_write.insert_households``."""
    catalogue = stored_catalogue(session)
    service_ids = dict(session.execute(select(Service.code, Service.id)).all())
    plans = Plans(generation(session))
    for _name, members in households:
        children = any(m.get("relation") is Relation.CHILD for m in members)
        for values in members:
            facts = Facts(relation=values.get("relation") or Relation.OTHER, date_of_birth=values.get("date_of_birth"),
                          nationality=values.get("nationality") or "", permit_type=values.get("permit_type"),
                          occupation_group=values.get("occupation_group") or "", has_children=children,
                          arrival_date=values.get("arrival_date"),
                          has_identity_code=bool(values.get("personal_identity_code")))
            items, follow_ups = planned_rows(catalogue, service_ids, facts, on)
            plans.items.append(items)
            plans.follow_ups.append(follow_ups)
    return plans


def remake_if_stale(session: Session, person: Person, catalogue: Catalogue, today: date, actor: Actor) -> None:
    """Make the person's household checklists again if the year or the catalogue changed since they were made."""
    if is_stale(person, catalogue, generation(session), today):
        make_household_checklists(session, person.household_id, today, actor)
