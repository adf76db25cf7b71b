"""Anonymous walk-in contacts: one question, no name, counted with one keystroke for the region."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from welcomedesk.actor import Actor
from welcomedesk.codes import Channel, ContactTopic, Referral, Role
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.errors import Problem, ValidationError
from welcomedesk.i18n import _
from welcomedesk.model import WalkInContact
from welcomedesk.model.contact import MAX_MINUTES
from welcomedesk.services.accounts import require_role

_LANGUAGE = re.compile(r"[a-z]{2,3}")


@dataclass(frozen=True)
class WalkIn:
    """What the desk records of an anonymous contact."""

    topic: ContactTopic
    language: str
    channel: Channel = Channel.DESK
    minutes: int = 5
    referred_to: Referral = Referral.NONE


def _checked(walk_in: WalkIn) -> WalkInContact:
    problems: list[Problem] = []
    values: dict[str, object] = {}
    for name, enum in (("topic", ContactTopic), ("channel", Channel), ("referred_to", Referral)):
        try:
            values[name] = enum(getattr(walk_in, name))
        except ValueError:
            problems.append(Problem(name, _("This is not one of the values this field takes.")))
    language = str(walk_in.language).strip().lower()
    if not _LANGUAGE.fullmatch(language):
        problems.append(Problem("language", _("Choose the language the contact was in.")))
    if not isinstance(walk_in.minutes, int) or not 1 <= walk_in.minutes <= MAX_MINUTES:
        problems.append(Problem("minutes", _("The minutes are a whole number from 1 to {max}.").format(
            max=MAX_MINUTES)))
    if problems:
        raise ValidationError.of(problems)
    return WalkInContact(language=language, minutes=walk_in.minutes, **values)


def _since_midnight() -> datetime:
    # "Today" is the desk's own day, in its local time.
    now = datetime.now().astimezone()
    return datetime.combine(now.date(), time(), tzinfo=now.tzinfo)


def record_walk_in(db: Database, actor: Actor, walk_in: WalkIn) -> int:
    """Save one anonymous contact; returns how many the desk has recorded today."""
    require_role(actor, Role.DESK)
    contact = _checked(walk_in)
    contact.account_id = actor.account_id
    with unit_of_work(db, actor) as session:
        session.add(contact)
        session.flush()
        return _count_today(session)


def walk_ins_today(db: Database, actor: Actor) -> int:
    """How many anonymous contacts were recorded today."""
    with unit_of_work(db, actor) as session:
        return _count_today(session)


def _count_today(session: Session) -> int:
    since = _since_midnight()
    stmt = select(func.count()).select_from(WalkInContact).where(
        WalkInContact.at >= since, WalkInContact.at < since + timedelta(days=1))
    return int(session.scalar(stmt) or 0)
