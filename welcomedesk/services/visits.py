"""A person's desk visits: when, how, in which language, whose interpreter, how long, or a missed one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from welcomedesk.actor import Actor
from welcomedesk.codes import Channel, Payer, Role
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.errors import Problem, ValidationError
from welcomedesk.i18n import _
from welcomedesk.model import PersonVisit
from welcomedesk.services.accounts import require_role
from welcomedesk.services.lookup import check_person_id, load_person
from welcomedesk.world import language_code

MAX_MINUTES = 600


@dataclass(frozen=True)
class Visit:
    """One visit as the desk records it; ``interpreter_paid_by`` None: no interpreter."""

    visited_on: date
    channel: Channel = Channel.DESK
    language: str = ""
    interpreter_paid_by: Payer | None = None
    minutes: int = 15
    no_show: bool = False

    def as_json(self) -> dict[str, object]:
        return {"visited_on": self.visited_on.isoformat(), "channel": self.channel.value,
                "language": self.language or None,
                "interpreter_paid_by": self.interpreter_paid_by.value if self.interpreter_paid_by else None,
                "minutes": self.minutes, "no_show": self.no_show}


def record_visit(db: Database, actor: Actor, person_id: int, visit: Visit, today: date | None = None) -> int:
    """Record one visit of the person; returns how many visits they have had."""
    require_role(actor, Role.DESK)
    problems: list[Problem] = []
    if visit.visited_on > (today or date.today()):
        problems.append(Problem("visited_on", _("A visit cannot be recorded before it happens.")))
    if not (0 if visit.no_show else 1) <= visit.minutes <= MAX_MINUTES:
        problems.append(Problem("minutes", _("A visit takes 1 to {max} minutes.").format(max=MAX_MINUTES)))
    language = language_code(visit.language) if visit.language else ""
    if language is None:
        problems.append(Problem("language", _("No language is known by this name or code; give its name or its "
                                              "code, such as fi or en.")))
    if problems:
        raise ValidationError.of(problems)
    check_person_id(person_id)
    with unit_of_work(db, actor) as session:
        person = load_person(session, person_id)
        person.visits.append(PersonVisit(
            visited_on=visit.visited_on, channel=Channel(visit.channel), language=language or "",
            interpreter_paid_by=visit.interpreter_paid_by, minutes=0 if visit.no_show else visit.minutes,
            no_show=visit.no_show, account_id=actor.account_id))
        session.flush()
        return len(person.visits)
