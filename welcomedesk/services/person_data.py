"""Everything held on one person, for their access request: ``person-data`` as JSON, or a readable PDF.

What the person's page shows (``show --json``'s object, from ``newcomers.person_detail``), and what the
page and ``show`` leave out because it is never exported: the desk's notes and each step's note. The
household's other members appear by name and role only: their own data is theirs to ask for. Then the
person's audit history: who saw or changed them, their steps, follow-ups, visits, notes, stages and
papers, and when — the entries hold field names, never values. Reading it is audited once ("export").
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from welcomedesk.actor import Actor
from welcomedesk.codes import Role
from welcomedesk.config import DatabaseTarget
from welcomedesk.db.session import Database, open_database, record, unit_of_work
from welcomedesk.errors import PermissionDenied, UsageError
from welcomedesk.files import save_file
from welcomedesk.i18n import _
from welcomedesk.model import (
    AuditEntry,
    ChecklistItem,
    Erasure,
    FollowUp,
    PaperGiven,
    PathStage,
    Person,
    PersonNote,
    PersonVisit,
    StaffAccount,
)
from welcomedesk.model.base import utcnow
from welcomedesk.services.accounts import cli_actor
from welcomedesk.services.catalogue import ensure_content
from welcomedesk.services.lookup import check_person_id
from welcomedesk.services.newcomers import json_value, person_detail

# The records of a person found by their person: their entries in the log are the person's history too.
_OWNED = ((ChecklistItem, "checklist_item"), (FollowUp, "follow_up"), (PersonVisit, "person_visit"),
          (PaperGiven, "paper_given"), (PersonNote, "person_note"), (PathStage, "path_stage"),
          (Erasure, "erasure"))
# The formats ``person-data`` writes, by the file's ending.
FORMATS = (".json", ".pdf")


def person_data(db: Database, actor: Actor, person_id: int, language: str = "en") -> dict[str, Any]:
    """Everything held on the person, JSON-safe (dates ISO 8601); step titles in ``language``.

    For desk workers and coordinators, who may open a person; one audit row.
    """
    if not actor.roles & {Role.DESK, Role.COORDINATOR}:
        raise PermissionDenied(_("Your account does not work with newcomers' data."))
    check_person_id(person_id)
    with unit_of_work(db, actor) as session:
        detail = person_detail(session, actor, person_id, date.today())
        person = session.get(Person, person_id)
        assert person is not None  # person_detail refused an unknown number
        erased_at = person.erased_at
        history = _history(session, person_id)
        record(session, "export", "person", person_id)
    data: dict[str, Any] = {"made_at": utcnow().isoformat(), **detail.as_json(language)}
    # The other members by name and role: the rest of their data is theirs.
    data["members"] = [{"id": m.id, "relation": json_value(m.relation), "given_names": m.given_names,
                        "family_name": m.family_name, "native_name": m.native_name} for m in detail.members]
    for step, entry in zip(data["checklist"], detail.steps, strict=True):
        step["note"] = entry.note
    data["notes"] = [{"reason": json_value(n.reason), "text": n.text, "written_on": n.written_on.isoformat()}
                     for n in detail.notes]
    data["erased_at"] = erased_at.isoformat() if erased_at else None
    data["audit_history"] = history
    return data


def _history(session: Session, person_id: int) -> list[dict[str, Any]]:
    """Every audit entry about the person and their records, oldest first."""
    about = [AuditEntry.entity.in_(("person", "person_history")) & (AuditEntry.entity_id == person_id)]
    for model, entity in _OWNED:
        about.append((AuditEntry.entity == entity)
                     & AuditEntry.entity_id.in_(select(model.id).where(model.person_id == person_id)))
    name = func.coalesce(func.nullif(StaffAccount.display_name, ""), StaffAccount.username)
    rows = session.execute(
        select(AuditEntry.at, name, AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id, AuditEntry.fields)
        .outerjoin(StaffAccount, StaffAccount.id == AuditEntry.account_id)
        .where(or_(*about)).order_by(AuditEntry.id)).all()
    return [{"at": at.isoformat(), "account": account, "action": action, "record": entity, "record_id": entity_id,
             "fields": [field for field in (fields or "").split(",") if field]}
            for at, account, action, entity, entity_id, fields in rows]


def person_data_from_command_line(target: DatabaseTarget, person_id: int, out: Path, language: str) -> dict[str, Any]:
    """``person-data``: the person's data written to ``out`` (``.json`` or ``.pdf``) by the built-in command-line
    account; returns the data written. Another ending is a UsageError, and then nothing is read."""
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(_("Give the output file the ending .json or .pdf."))
    db = open_database(target)
    try:
        actor = cli_actor(db)
        ensure_content(db, actor)  # the steps' titles, as ``show`` has them
        data = person_data(db, actor, person_id, language)
    finally:
        db.close()
    if suffix == ".json":
        payload = (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    else:
        from welcomedesk.exports.person_data_pdf import person_data_pdf

        payload = person_data_pdf(data, language)
    save_file(out, payload)
    return data
