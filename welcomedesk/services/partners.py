"""The partner network: organisations by type, their contact people and details, and the referrals made
to each. Coordinators keep it; every desk worker reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from welcomedesk.actor import Actor
from welcomedesk.catalogue import PartnerDef
from welcomedesk.catalogue_file import partner_json, read_catalogue
from welcomedesk.codes import ReferralOutcome, Role
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.errors import Problem, ValidationError, stale_record
from welcomedesk.i18n import _
from welcomedesk.identity import normalise_email, normalise_phone
from welcomedesk.model import ChecklistItem, Partner, Person, Service
from welcomedesk.model.base import MAX_ID
from welcomedesk.services.accounts import require_role
from welcomedesk.services.catalogue import next_revision, partner_data, write_partner
from welcomedesk.unreadable import Unreadable


@dataclass(frozen=True)
class PartnerSummary:
    """A partner as the network page shows it: its details, the steps it provides, its referrals."""

    partner_id: int
    version: int
    partner: PartnerDef
    services: tuple[Mapping[str, str], ...]  # the names of the steps it provides
    referrals: int
    edited: bool


@dataclass(frozen=True)
class ReferralRow:
    """One referral made to a partner: whom, for which step, when, and what came of it."""

    person_id: int
    family_name: str
    given_names: str
    step: Mapping[str, str]
    referred_on: date | Unreadable | None
    outcome: ReferralOutcome | Unreadable | None


def list_partners(db: Database, actor: Actor) -> tuple[PartnerSummary, ...]:
    """Every partner, by name."""
    require_role(actor, Role.DESK)
    with unit_of_work(db, actor) as session:
        partners = session.scalars(select(Partner).options(selectinload(Partner.contacts))).all()
        provides: dict[int, list[Mapping[str, str]]] = {}
        for partner_id, name in session.execute(select(Service.partner_id, Service.name).order_by(Service.position)):
            if partner_id is not None:
                provides.setdefault(partner_id, []).append(name)
        counts = dict(session.execute(select(ChecklistItem.referred_to_id, func.count()).where(
            ChecklistItem.referred_to_id.is_not(None)).group_by(ChecklistItem.referred_to_id)).all())
        out = [PartnerSummary(p.id, p.version, read_partner(partner_data(p)), tuple(provides.get(p.id, ())),
                              counts.get(p.id, 0), p.edited) for p in partners]
        return tuple(sorted(out, key=lambda s: s.partner.name.casefold()))


def read_partner(data: dict[str, object]) -> PartnerDef:
    """A partner's details checked by the catalogue's own reader (every reason at once)."""
    catalogue = read_catalogue({"format": "welcomedesk-catalogue", "format_version": 1, "edition": "-",
                                "partners": [data], "services": []})
    return catalogue.partners[0]


def save_partner(db: Database, actor: Actor, partner: PartnerDef, partner_id: int | None = None,
                 version: int | None = None) -> int:
    """Save a partner as the coordinator edited it (None: a new one); returns its number."""
    require_role(actor, Role.COORDINATOR)
    partner = read_partner(partner_json(partner))
    _check_contact_details(partner)
    with unit_of_work(db, actor) as session:
        row = None
        if partner_id is not None:
            _check(partner_id)
            row = session.get(Partner, partner_id)
            if row is None:
                raise ValidationError(_("This partner is no longer there. Open the list again."))
            if version is not None and row.version != version:
                raise stale_record()
            if row.code != partner.code:
                raise ValueError("a partner's code does not change")  # a form's bug
        elif session.scalar(select(Partner.id).where(Partner.code == partner.code)) is not None:
            raise ValidationError(_("A partner with the code {code} exists already.").format(code=partner.code),
                                  field="code")
        row = write_partner(session, row, partner, edited=True)
        session.flush()
        next_revision(session)
        return row.id


def _check_contact_details(partner: PartnerDef) -> None:
    """Phones, e-mail addresses and the website as a person could use them; every reason at once.

    They are kept as typed (a packet prints them so), only checked.
    """
    problems: list[Problem] = []
    checks: list[tuple[str, str, str]] = [("phone", "phone", partner.phone), ("email", "email", partner.email)]
    for i, contact in enumerate(partner.contacts):
        checks += [(f"contacts.{i}.phone", "phone", contact.phone), (f"contacts.{i}.email", "email", contact.email)]
    for field, kind, text in checks:
        if not text:
            continue
        try:
            normalise_phone(text) if kind == "phone" else normalise_email(text)
        except ValidationError as exc:
            problems += [Problem(field, p.message) for p in exc.problems]
    # "www.example.fi" is how people write a website: the scheme is optional, a dot and no spaces are not.
    website = partner.website
    host = website.split("//", 1)[1] if "//" in website else website
    if website and (any(c.isspace() for c in website) or "." not in host.split("/", 1)[0]
                    or ("//" in website and not website.startswith(("https://", "http://")))):
        problems.append(Problem("website", _("A website address starts with https:// and has no spaces.")))
    if problems:
        raise ValidationError.of(problems)


def _check(partner_id: int) -> None:
    if not 1 <= partner_id <= MAX_ID:
        raise ValidationError(_("This partner is no longer there. Open the list again."))


def referrals_to(db: Database, actor: Actor, partner_id: int, limit: int = 200) -> tuple[ReferralRow, ...]:
    """The referrals made to one partner, the latest first."""
    require_role(actor, Role.DESK)
    _check(partner_id)
    with unit_of_work(db, actor) as session:
        found = session.execute(
            select(ChecklistItem.person_id, Person.family_name, Person.given_names, Service.name,
                   ChecklistItem.referred_on, ChecklistItem.referral_outcome)
            .join(Person, Person.id == ChecklistItem.person_id).join(Service, Service.id == ChecklistItem.service_id)
            .where(ChecklistItem.referred_to_id == partner_id)
            .order_by(ChecklistItem.referred_on.desc(), ChecklistItem.id.desc()).limit(limit)).all()
        from welcomedesk.db.session import record

        record(session, "list", "referral", partner_id, "partner")
        return tuple(ReferralRow(*row) for row in found)
