"""The privacy profile: who controls the newcomers' data at this installation, in which role, and whom to ask.

A municipality's integration service records what its statutory task needs; an employer's relocation
service records only what the employment and the move need (``person_fields.EMPLOYER_FIELDS``). The
registration refuses the other fields, the forms do not show them, and the packet's privacy notice
says which kind of service is speaking and who the controller is. The profile is kept in the database's
settings; until an administrator sets it, the service point is the controller, as a municipal service.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from welcomedesk.actor import Actor
from welcomedesk.codes import PrivacyRole, Role
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.errors import Problem, ValidationError
from welcomedesk.i18n import _
from welcomedesk.identity import normalise_name, normalise_text
from welcomedesk.model import ServicePoint, Setting
from welcomedesk.person_fields import FIELD, fields_for
from welcomedesk.services.accounts import require_role
from welcomedesk.services.catalogue import set_setting

CONTROLLER = "privacy.controller"
ROLE = "privacy.role"
CONTACT = "privacy.contact"
MAX_LENGTH = 200  # the controller's name and the contact alike


@dataclass(frozen=True)
class PrivacyProfile:
    """The controller of the newcomers' data, its role, and how to reach it about them ("" when not given)."""

    controller: str
    role: PrivacyRole
    contact: str

    @property
    def fields(self) -> tuple[str, ...]:
        """The person fields recorded under this profile, in the fields' order."""
        return fields_for(self.role)


@dataclass(frozen=True)
class PrivacyNotice:
    """The privacy notice as the welcome packet prints it, in one language: its heading and paragraphs."""

    heading: str
    paragraphs: tuple[str, ...]


def _role(value: str | None) -> PrivacyRole:
    # Absent (or not one of ours, which only damage could write): the default, the municipal role.
    try:
        return PrivacyRole(value) if value else PrivacyRole.MUNICIPAL
    except ValueError:
        return PrivacyRole.MUNICIPAL


def read_privacy_profile(session: Session) -> PrivacyProfile:
    """The profile, read in the caller's unit of work (the service point's name is read only when no
    controller was set)."""
    stored = {row.key: row.value for row in session.scalars(
        select(Setting).where(Setting.key.in_((CONTROLLER, ROLE, CONTACT))))}
    controller = stored.get(CONTROLLER, "")
    if not controller:
        controller = session.scalar(select(ServicePoint.name).order_by(ServicePoint.id).limit(1)) or ""
    return PrivacyProfile(controller=controller, role=_role(stored.get(ROLE)), contact=stored.get(CONTACT, ""))


def recorded_role(session: Session) -> PrivacyRole:
    """The profile's role alone, in the caller's unit of work: one setting read."""
    row = session.get(Setting, ROLE)
    return _role(row.value if row is not None else None)


def unrecorded_fields(role: PrivacyRole) -> frozenset[str]:
    """The person fields a service point in ``role`` does not record."""
    return frozenset(FIELD) - frozenset(fields_for(role))


def privacy_profile(db: Database, actor: Actor) -> PrivacyProfile:
    """The installation's privacy profile (anyone signed in may read it)."""
    with unit_of_work(db, actor) as session:
        return read_privacy_profile(session)


def set_privacy_profile(db: Database, actor: Actor, controller: str, role: PrivacyRole | str,
                        contact: str) -> PrivacyProfile:
    """Set the controller, its role and the contact (administrators); every refusal is given at once, by field.

    Changing the role changes what is recorded from now on; what was recorded before stays as it is.
    """
    require_role(actor, Role.ADMIN)
    problems: list[Problem] = []
    try:
        controller = normalise_name(controller, field="controller", max_length=MAX_LENGTH)
    except ValidationError as exc:
        problems.extend(Problem("controller", p.message) for p in exc.problems)
    try:
        contact = normalise_text(contact, field="contact", max_length=MAX_LENGTH)
    except ValidationError as exc:
        problems.extend(Problem("contact", p.message) for p in exc.problems)
    try:
        chosen = PrivacyRole(role)
    except ValueError:
        chosen = PrivacyRole.MUNICIPAL
        problems.append(Problem("role", _("Choose whether the controller is a municipal integration service or "
                                          "an employer's relocation service.")))
    if problems:
        raise ValidationError.of(problems)
    with unit_of_work(db, actor) as session:
        set_setting(session, CONTROLLER, controller)
        set_setting(session, ROLE, chosen.value)
        set_setting(session, CONTACT, contact)
    return PrivacyProfile(controller=controller, role=chosen, contact=contact)


def privacy_notice(profile: PrivacyProfile, language: str) -> PrivacyNotice:
    """The packet's privacy section for ``profile`` in ``language`` (a language with packet texts)."""
    from welcomedesk.packet import data
    from welcomedesk.packet.content import privacy_notice as packet_notice

    desk = data.Desk(name=profile.controller, municipality="", controller=profile.controller,
                     privacy_role=profile.role, privacy_contact=profile.contact)
    heading, paragraphs = packet_notice(desk, language)
    return PrivacyNotice(heading, paragraphs)
