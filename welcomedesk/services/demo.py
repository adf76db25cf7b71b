"""Filling a database with demo households."""

from __future__ import annotations

import json
import zlib
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any, cast

from sqlalchemy import Table, insert, select

from welcomedesk.actor import Actor
from welcomedesk.checklist_rules import Facts
from welcomedesk.codes import FollowUpOutcome, ItemStatus, PathKind, Relation, Role
from welcomedesk.db.integrity import check_sound
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.demo import Place, generate
from welcomedesk.errors import ValidationError
from welcomedesk.i18n import _
from welcomedesk.model import ChecklistItem, FollowUp, Household, PathStage, Person, Service
from welcomedesk.model.base import utcnow
from welcomedesk.resources import resource_path
from welcomedesk.services.accounts import require_role
from welcomedesk.services.catalogue import add_demo_partners, generation, stored_catalogue
from welcomedesk.services.checklists import facts_of, planned_rows, settle_rows
from welcomedesk.services.setup import (
    Municipality,
    ProfileDetails,
    get_profile,
    known_municipalities,
    save_profile,
)
from welcomedesk.services.status import add_status

MAX_HOUSEHOLDS = 5000


@dataclass(frozen=True)
class DemoResult:
    """How much demo data was added."""

    households: int
    persons: int


def make_demo(db: Database, actor: Actor, households: int = 200, seed: int = 1,
              today: date | None = None) -> DemoResult:
    """Add ``households`` realistic demo households, the same for the same seed and day."""
    require_role(actor, Role.ADMIN)
    if not 1 <= households <= MAX_HOUSEHOLDS:
        raise ValidationError(_("Demo data can have 1 to {max} households.").format(max=MAX_HOUSEHOLDS))
    profile = get_profile(db, actor)
    if profile is None:
        # A database with no service point yet gets the example profile: Kainuu and its eight municipalities.
        example = json.loads(resource_path("content", "demo_kainuu.json").read_text(encoding="utf-8"))
        details = ProfileDetails(**example.get("service_point_details", {}))
        profile = save_profile(db, actor, example["service_point"],
                               [Municipality(m["code"], m["name"]) for m in example["municipalities"]],
                               details=details)
    postal = {m.code: m.postal_code for m in known_municipalities()}
    if profile is not None:
        places = [Place(m.code, m.name, postal.get(m.code, "")) for m in profile.municipalities]
    else:
        places = [Place(m.code, m.name, m.postal_code) for m in known_municipalities()]
    check_sound(db.engine, db.describe())  # a damaged file gets no more writes
    # Upkeep: demo data is the administrator's, whose account may not read newcomers' records.
    with unit_of_work(db, actor, upkeep=True) as session:
        taken = frozenset(code for code in session.scalars(select(Person.personal_identity_code)) if code)
    families = generate(households, seed, today or date.today(), places, taken)
    persons = 0
    day = today or date.today()
    with unit_of_work(db, actor, upkeep=True) as session:
        add_demo_partners(session)
        catalogue, current = stored_catalogue(session), generation(session)
        service_ids = dict(session.execute(select(Service.code, Service.id)).all())
        codes = {sid: code for code, sid in service_ids.items()}
        # Households are made a batch at a time; their checklists are planned by the same rules as everyone's
        # and written with Core inserts, so thousands of demo households take seconds.
        for start in range(0, len(families), _BATCH):
            batch: list[tuple[Person, Facts]] = []
            for family in families[start:start + _BATCH]:
                household = Household(name=family.name)
                session.add(household)
                children = any(m.relation is Relation.CHILD for m in family.members)
                for member in family.members:
                    values = asdict(member)
                    languages = values.pop("languages")
                    tags = values.pop("tags")
                    history = values.pop("status_history")
                    person = Person(household=household, checklist_on=day, checklist_generation=current, **values)
                    person.set_languages(languages)
                    person.set_tags(tags)
                    for status, since, destination in history:
                        add_status(person, status, since, actor.account_id, destination)
                    session.add(person)
                    batch.append((person, facts_of(person, children)))
            session.flush()
            items: list[dict[str, Any]] = []
            follow_ups: list[dict[str, Any]] = []
            stages: list[dict[str, Any]] = []
            for person, facts in batch:
                planned_items, planned_follow_ups = planned_rows(catalogue, service_ids, facts, day)
                name = f"{person.family_name} {person.given_names} {person.date_of_birth}"
                _progress(planned_items, planned_follow_ups, codes, name, day, actor)
                settle_rows(catalogue, planned_items, codes)
                items += [row | {"person_id": person.id} for row in planned_items]
                follow_ups += [row | {"person_id": person.id} for row in planned_follow_ups]
                stages += [row | {"person_id": person.id}
                           for row in _paths(facts, {codes[r["service_id"]] for r in planned_items}, name, day, actor)]
            connection = session.connection()
            for model, rows in ((ChecklistItem, items), (FollowUp, follow_ups), (PathStage, stages)):
                if rows:
                    connection.execute(insert(cast(Table, model.__table__)), rows)
            persons += len(batch)
    return DemoResult(households=len(families), persons=persons)


# Households made and written at a time.
_BATCH = 200


def _draw(*parts: object) -> int:
    """A number 0-99 fixed by ``parts``: the demo's own progress, the same on every run, without the seed's draws."""
    return zlib.crc32("|".join(map(str, parts)).encode("utf-8")) % 100


def _progress(items: list[dict[str, Any]], follow_ups: list[dict[str, Any]], codes: dict[int, str], name: str,
              today: date, actor: Actor) -> None:
    """Most steps and follow-ups whose day is well past are done, as a desk's would be; a few stay late."""
    for item in items:
        due, code = item["due_date"], codes[item["service_id"]]
        if item["status"] is ItemStatus.DONE and isinstance(due, date) and due < today and item["done_on"] == today:
            # Done by a fact recorded (the identity code): dated as the desk would have seen it then.
            item["done_on"] = due - timedelta(days=_draw(name, code) % 10)
            continue
        # A few recent steps are late; after half a year nearly everything is done.
        share = 98 if isinstance(due, date) and due < today - timedelta(days=180) else 85
        if not isinstance(due, date) or due > today - timedelta(days=21) or _draw(name, code) >= share:
            continue
        item["status"] = ItemStatus.DONE
        item["done_on"] = min(today, due + timedelta(days=_draw(code, name) % 40 - 10))
        item["account_id"] = actor.account_id
    for follow_up in follow_ups:
        due, day = follow_up["due_date"], follow_up["day"]
        share = 98 if due < today - timedelta(days=90) else 80
        if due > today - timedelta(days=7) or _draw(name, day) >= share:
            continue
        reached = _draw("reached", name, day) < 85
        follow_up.update(contacted_on=min(today, due + timedelta(days=_draw(day, name) % 10)),
                         outcome=FollowUpOutcome.REACHED if reached else FollowUpOutcome.NOT_REACHED,
                         answers={"housing": "settled" if day > 60 else "temporary"} if reached else {},
                         account_id=actor.account_id)


# The stages a demo nurse on a learning path, and a demo spouse on a career path, reach so many days after arrival.
_LEARNING = (("language_studies", 30), ("licence_application", 60), ("supplementary_studies_ordered", 150),
             ("bridging_education", 240), ("language_certificate", 330), ("placement_elderly_care", 400),
             ("licence_decision", 480), ("target_job", 540))
_CAREER = (("jobseeker_registration", 30), ("degree_recognition", 90), ("activity", 150), ("work_found", 300))


def _paths(facts: Facts, codes: set[str], name: str, today: date, actor: Actor) -> list[dict[str, Any]]:
    """The stages a demo person has reached on their path into work by ``today``."""
    arrival = facts.arrival_date
    kind, stages = (PathKind.LEARNING, _LEARNING) if "learning_path" in codes else \
        (PathKind.CAREER, _CAREER) if "employment_services_spouse" in codes else (None, ())
    rows: list[dict[str, Any]] = []
    for stage, days in stages:
        if kind is None or arrival is None:
            break
        reached = arrival + timedelta(days=days + _draw(name, stage) % 20)
        if reached > today:
            break
        rows.append({"path": kind, "stage": stage, "reached_on": reached, "detail": "",
                     "account_id": actor.account_id, "recorded_at": utcnow()})
    return rows
