"""Many people at once, inside a unit of work: an import's households in a few statements.

The ORM's per-object work would take a minute for ten thousand people; these Core inserts take
seconds and write the same rows the unit of work would — the search key, the languages, and one
audit row per created record with its id and field names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from welcomedesk.actor import Actor
from welcomedesk.codes import Status
from welcomedesk.db.session import chained
from welcomedesk.folding import name_words
from welcomedesk.model import (
    ChecklistItem,
    FollowUp,
    Household,
    Person,
    PersonLanguage,
    PersonNameKey,
    PersonStatus,
    PersonTag,
)
from welcomedesk.model.base import utcnow
from welcomedesk.model.search_key import sort_name_of

BATCH = 1000


def _table(model: Any) -> Table:
    """A model's table, for Core inserts."""
    return cast(Table, model.__table__)


def _chunks(rows: Sequence[dict[str, Any]]) -> list[Sequence[dict[str, Any]]]:
    return [rows[i:i + BATCH] for i in range(0, len(rows), BATCH)]


def _inserted_ids(session: Session, model: Any, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` and return their new ids, in the rows' order."""
    table = _table(model)
    connection = session.connection()
    if connection.dialect.name == "sqlite" and rows:
        # SQLite would return the ids one row at a time. It has one writer at a time, and this
        # transaction holds the write lock from its first insert to its commit: each new row gets the
        # next id, so the last len(rows) ids are these rows', in order.
        for chunk in _chunks(rows):
            connection.execute(insert(table), chunk)
        newest = connection.execute(select(table.c.id).order_by(table.c.id.desc()).limit(len(rows))).scalars().all()
        return list(reversed(newest))
    ids: list[int] = []
    for chunk in _chunks(rows):
        ids += connection.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                                  chunk).scalars().all()
    return ids


@dataclass
class Plans:
    """Each new person's checklist and follow-up rows (in the people's order), and the catalogue's generation."""

    generation: int
    items: list[list[dict[str, Any]]] = field(default_factory=list)
    follow_ups: list[list[dict[str, Any]]] = field(default_factory=list)


def insert_households(session: Session, households: Sequence[tuple[str, Sequence[dict[str, Any]]]],
                      plans: Plans) -> list[int]:
    """Insert ``(name, [a member's values by field name])`` households with each member's planned checklist
    and follow-ups; returns the members' ids in order."""
    actor: Actor | None = session.info.get("actor")
    if actor is None:
        raise RuntimeError("a change without an account cannot be audited")
    now = utcnow()
    household_ids = _inserted_ids(session, Household, [
        {"name": name, "version": 1, "created_at": now, "updated_at": now} for name, _members in households])
    people: list[dict[str, Any]] = []
    languages: list[tuple[str, ...]] = []
    tags: list[tuple[str, ...]] = []
    for household_id, (_name, members) in zip(household_ids, households, strict=True):
        for values in members:
            values = dict(values)
            languages.append(tuple(values.pop("languages", ())))
            tags.append(tuple(values.pop("tags", ())))
            people.append(values | {
                "household_id": household_id, "version": 1, "created_at": now, "updated_at": now,
                "sort_name": sort_name_of(values.get("family_name") or "", values.get("given_names") or "")})
    for values in people:
        values["checklist_on"], values["checklist_generation"] = now.date(), plans.generation
    person_ids = _inserted_ids(session, Person, people)
    keys = [{"person_id": pid, "word": word} for pid, values in zip(person_ids, people, strict=True)
            for word in name_words(values.get("given_names"), values.get("family_name"), values.get("native_name"))]
    codes = [{"person_id": pid, "position": i, "code": code}
             for pid, spoken in zip(person_ids, languages, strict=True) for i, code in enumerate(spoken)]
    # Each person's history starts with the status they come with: from their arrival if they have
    # arrived, else from today.
    today = now.date()
    statuses = [{"person_id": pid, "status": values.get("status") or Status.EXPECTED, "destination_code": "",
                 "since": _since(values, today), "account_id": actor.account_id, "recorded_at": now}
                for pid, values in zip(person_ids, people, strict=True)]
    tag_rows = [{"person_id": pid, "tag": tag} for pid, own in zip(person_ids, tags, strict=True) for tag in own]
    items = [row | {"person_id": pid} for pid, planned in zip(person_ids, plans.items, strict=True) for row in planned]
    follow_ups = [row | {"person_id": pid} for pid, planned in zip(person_ids, plans.follow_ups, strict=True)
                  for row in planned]
    connection = session.connection()
    for table, rows in ((PersonNameKey, keys), (PersonLanguage, codes), (PersonStatus, statuses),
                        (PersonTag, tag_rows), (ChecklistItem, items), (FollowUp, follow_ups)):
        for chunk in _chunks(rows):
            # Core inserts on the table: the ORM's bulk layer would look at every row again.
            connection.execute(insert(_table(table)), chunk)
    audit = [{"at": now, "account_id": actor.account_id, "action": "create", "entity": "household", "entity_id": hid,
              "fields": "name"} for hid in household_ids]
    audit += [{"at": now, "account_id": actor.account_id, "action": "create", "entity": "person", "entity_id": pid,
               "fields": ",".join([n for n, v in values.items() if n not in _BOOKKEEPING and v not in (None, "")]
                                  + (["languages"] if spoken else []) + (["checklist"] if planned else []))[:1000]}
              for pid, values, spoken, planned in zip(person_ids, people, languages, plans.items, strict=True)]
    chained(session, audit)
    session.info["wrote"] = True
    return person_ids


_BOOKKEEPING = frozenset({"household_id", "version", "created_at", "updated_at", "sort_name", "checklist_on",
                          "checklist_generation"})


def _since(values: dict[str, Any], today: date) -> date:
    arrival = values.get("arrival_date")
    if values.get("status") in (None, Status.EXPECTED) or not isinstance(arrival, date) or arrival > today:
        return today
    return arrival
