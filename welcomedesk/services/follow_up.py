"""Following a person after registration: their work or study situation from a date, and the desk's notes.

A note is written with its reason first; free text is allowed where the work needs it, and is
never exported (``show --json`` and the region leave notes out).
"""

from __future__ import annotations

from datetime import date

from welcomedesk.actor import Actor
from welcomedesk.codes import Activity, NoteReason, Role
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.errors import ValidationError
from welcomedesk.i18n import _
from welcomedesk.identity import normalise_text
from welcomedesk.model import PersonActivity, PersonNote
from welcomedesk.model.person import NOTE_LENGTH
from welcomedesk.services.accounts import require_role
from welcomedesk.services.lookup import check_person_id, load_person


def record_activity(db: Database, actor: Actor, person_id: int, activity: Activity, since: date,
                    today: date | None = None) -> int:
    """Record what the person does from ``since``; returns how many entries their history has."""
    require_role(actor, Role.DESK)
    if since > (today or date.today()):
        raise ValidationError(_("A change cannot be dated in the future."), field="since")
    check_person_id(person_id)
    with unit_of_work(db, actor) as session:
        person = load_person(session, person_id)
        person.activity_history.append(PersonActivity(activity=Activity(activity), since=since,
                                                      account_id=actor.account_id))
        session.flush()
        return len(person.activity_history)


def add_note(db: Database, actor: Actor, person_id: int, reason: NoteReason, text: str = "") -> int:
    """Write a note on the person; returns how many notes they have."""
    require_role(actor, Role.DESK)
    kept = normalise_text(text, field="text", max_length=NOTE_LENGTH, multiline=True) if text.strip() else ""
    if NoteReason(reason) is NoteReason.OTHER and not kept:
        raise ValidationError(_("Say in a few words what the note is about."), field="text")
    check_person_id(person_id)
    with unit_of_work(db, actor) as session:
        person = load_person(session, person_id)
        person.notes.append(PersonNote(reason=NoteReason(reason), text=kept, account_id=actor.account_id))
        session.flush()
        return len(person.notes)
