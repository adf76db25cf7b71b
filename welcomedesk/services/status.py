"""A person's status as a dated history: arrived, settled, moved, left, lost to follow-up.

The latest entry is also kept on the person (``person.status``), so lists filter and sort by
it in SQL; this module is the one place that writes either.
"""

from __future__ import annotations

from datetime import date

from welcomedesk.actor import Actor
from welcomedesk.codes import MOVED_STATUSES, Role, Status
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.errors import Problem, ValidationError
from welcomedesk.i18n import _
from welcomedesk.identity import parse_municipality_code
from welcomedesk.model import Person, PersonStatus
from welcomedesk.services.accounts import require_role
from welcomedesk.services.lookup import check_person_id, load_person


def add_status(person: Person, status: Status, since: date, account_id: int | None, destination: str = "") -> None:
    """Add an entry to ``person``'s history and make the latest entry the person's status."""
    person.status_history.append(PersonStatus(status=status, since=since, destination_code=destination,
                                              account_id=account_id))
    # The latest by date; on one day the one recorded last (a new entry has no id yet).
    latest = max(person.status_history,
                 key=lambda entry: (entry.since, entry.id if entry.id is not None else float("inf")))
    person.status = latest.status


def change_status(db: Database, actor: Actor, person_id: int, status: Status | str, since: date,
                  destination: str = "", version: int | None = None, today: date | None = None) -> Status:
    """Record that the person's status is ``status`` from ``since``; returns their status now.

    ``version`` is the person's version as the worker loaded it: a save over another desk's
    change is refused. A move needs the municipality moved to (its code).
    """
    require_role(actor, Role.DESK)
    problems: list[Problem] = []
    try:
        status = Status(status)
    except ValueError:
        raise ValidationError(_("This is not one of the values this field takes."), field="status") from None
    if since > (today or date.today()) and status is not Status.EXPECTED:
        problems.append(Problem("since", _("A change of status cannot be dated in the future.")))
    code = ""
    if status in MOVED_STATUSES:
        try:
            code = parse_municipality_code(destination, field="destination")
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError.of(problems)
    check_person_id(person_id)
    with unit_of_work(db, actor) as session:
        person = load_person(session, person_id, version)
        add_status(person, status, since, actor.account_id, code)
        session.flush()
        return person.status
