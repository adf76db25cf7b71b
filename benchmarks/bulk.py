"""Bulk loading of many households at once: the benchmark's and large tests' data sets.

Core inserts in batches, bypassing the ORM's per-object work and the audit log — which is
why it lives here and not in the program: every person the program itself adds is audited.
The search key is computed the same way the unit of work computes it, and each person's checklist
and follow-ups by the same rules (``services.checklists.planned_rows``) the program uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict
from itertools import islice
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from welcomedesk.checklist_rules import Facts
from welcomedesk.codes import Relation
from welcomedesk.db.session import Database
from welcomedesk.demo import DemoHousehold
from welcomedesk.folding import name_words
from welcomedesk.model import (
    ChecklistItem,
    FollowUp,
    Household,
    Person,
    PersonLanguage,
    PersonNameKey,
    PersonStatus,
    Service,
    StaffAccount,
)
from welcomedesk.model.base import utcnow
from welcomedesk.model.search_key import sort_name_of
from welcomedesk.services.catalogue import generation, stored_catalogue
from welcomedesk.services.checklists import planned_rows

BATCH = 2000


def _batches(items: Iterable[DemoHousehold], size: int) -> Iterator[list[DemoHousehold]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def bulk_load(db: Database, households: Iterable[DemoHousehold], *, checklists: bool = True) -> int:
    """Insert ``households`` with their members (and, with ``checklists``, each member's checklist and
    follow-ups); returns how many people were added."""
    added = 0
    with Session(db.engine) as session:
        catalogue, current = stored_catalogue(session), generation(session)
        service_ids = dict(session.execute(select(Service.code, Service.id)).all())
    with db.engine.begin() as connection:
        next_household = (connection.scalar(select(func.max(Household.id))) or 0) + 1
        next_person = (connection.scalar(select(func.max(Person.id))) or 0) + 1
        account = connection.scalar(select(func.min(StaffAccount.id)))
        now = utcnow()
        for batch in _batches(households, BATCH):
            household_rows: list[dict[str, Any]] = []
            person_rows: list[dict[str, Any]] = []
            key_rows: list[dict[str, Any]] = []
            language_rows: list[dict[str, Any]] = []
            status_rows: list[dict[str, Any]] = []
            item_rows: list[dict[str, Any]] = []
            follow_up_rows: list[dict[str, Any]] = []
            for family in batch:
                children = any(m.relation is Relation.CHILD for m in family.members)
                household_rows.append({"id": next_household, "name": family.name, "version": 1,
                                       "created_at": now, "updated_at": now})
                for member in family.members:
                    values = asdict(member)
                    values.pop("tags")  # demo people carry no project tags
                    language_rows.extend({"person_id": next_person, "position": i, "code": code}
                                         for i, code in enumerate(values.pop("languages")))
                    status_rows.extend({"person_id": next_person, "status": status, "since": since,
                                        "destination_code": where, "account_id": account, "recorded_at": now}
                                       for status, since, where in values.pop("status_history"))
                    person_rows.append(values | {
                        "id": next_person, "household_id": next_household, "version": 1,
                        "sort_name": sort_name_of(member.family_name, member.given_names),
                        "created_at": now, "updated_at": now,
                        "checklist_on": now.date() if checklists else None, "checklist_generation": current})
                    if checklists:
                        facts = Facts(relation=member.relation, date_of_birth=member.date_of_birth,
                                      nationality=member.nationality, permit_type=member.permit_type,
                                      occupation_group=member.occupation_group, has_children=children,
                                      arrival_date=member.arrival_date,
                                      has_identity_code=bool(member.personal_identity_code))
                        items, follow_ups = planned_rows(catalogue, service_ids, facts, now.date())
                        item_rows.extend(row | {"person_id": next_person} for row in items)
                        follow_up_rows.extend(row | {"person_id": next_person} for row in follow_ups)
                    words = name_words(member.given_names, member.family_name, member.native_name)
                    key_rows.extend({"person_id": next_person, "word": w} for w in words)
                    next_person += 1
                next_household += 1
            connection.execute(insert(Household), household_rows)
            connection.execute(insert(Person), person_rows)
            connection.execute(insert(PersonNameKey), key_rows)
            if language_rows:
                connection.execute(insert(PersonLanguage), language_rows)
            if status_rows:
                connection.execute(insert(PersonStatus), status_rows)
            if item_rows:
                connection.execute(insert(ChecklistItem), item_rows)
            if follow_up_rows:
                connection.execute(insert(FollowUp), follow_up_rows)
            added += len(person_rows)
    return added
