"""Bulk loading of many households at once: the benchmark's and large tests' data sets.

Core inserts in batches, bypassing the ORM's per-object work and the audit log — which is
why it lives here and not in the program: every person the program itself adds is audited.
The search key is computed the same way the unit of work computes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict
from itertools import islice
from typing import Any

from sqlalchemy import func, insert, select

from welcomedesk.db.session import Database
from welcomedesk.demo import DemoHousehold
from welcomedesk.folding import name_words
from welcomedesk.model import Household, Person, PersonLanguage, PersonNameKey, PersonStatus, StaffAccount
from welcomedesk.model.base import utcnow
from welcomedesk.model.search_key import sort_name_of

BATCH = 2000


def _batches(items: Iterable[DemoHousehold], size: int) -> Iterator[list[DemoHousehold]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def bulk_load(db: Database, households: Iterable[DemoHousehold]) -> int:
    """Insert ``households`` with their members; returns how many people were added."""
    added = 0
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
            for family in batch:
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
                        "created_at": now, "updated_at": now})
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
            added += len(person_rows)
    return added
