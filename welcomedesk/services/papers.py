"""The desk's papers for one person: gathered from the database as plain data, made by ``packet``, and
recorded on the person when given (which paper, which languages, which content, when, by whom).

A request is plain data (``PaperRequest``) so that a batch can hand it to another process, which opens
its own connection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from welcomedesk.actor import Actor
from welcomedesk.catalogue import Catalogue
from welcomedesk.codes import (
    CLOSED_ITEM_STATUSES,
    ItemStatus,
    PaperKind,
    PathKind,
    Relation,
)
from welcomedesk.db.session import Database, record, unit_of_work
from welcomedesk.errors import ValidationError
from welcomedesk.files import save_file
from welcomedesk.i18n import _
from welcomedesk.identity import phone_for_print
from welcomedesk.model import ChecklistItem, Household, PaperGiven, Partner, Person, StaffAccount
from welcomedesk.packet import data
from welcomedesk.packet.texts import FALLBACK, packet_languages, packet_texts
from welcomedesk.services.catalogue import stored_catalogue
from welcomedesk.services.checklists import remake_if_stale
from welcomedesk.services.lookup import check_person_id, load_person
from welcomedesk.services.privacy_profile import read_privacy_profile
from welcomedesk.services.setup import get_profile, municipality_names

if TYPE_CHECKING:
    # What lays a paper out is imported when a paper is made: the person page needs only the records.
    from welcomedesk.packet.papers import Paper

# What a referral slip may share with the partner, each only when the person agreed.
SHAREABLE = ("born", "languages", "phone", "email")
ADULT_AGE = 18


@dataclass(frozen=True)
class PaperRequest:
    """Which paper for whom: plain values, so a batch can send it to another process."""

    kind: PaperKind
    person_id: int
    languages: tuple[str, ...] = ()  # () = the person's document language
    with_identity_code: bool = False
    # A slip: the step (checklist item) it refers, its partner, and what the person agreed to share.
    item_id: int | None = None
    partner_id: int | None = None
    share: frozenset[str] = field(default_factory=frozenset)


def _str(value: object) -> str:
    """A stored text, or "" when it is unreadable (a damaged value never stops a paper)."""
    return value if isinstance(value, str) else ""


def _name(person: Person) -> str:
    return " ".join(part for part in (_str(person.given_names), _str(person.family_name)) if part)


def _day(value: object) -> date | None:
    return value if isinstance(value, date) else None


def paper_languages() -> tuple[tuple[str, str], ...]:
    """(code, the language's own name) of each language a paper can be made in, for a choice."""
    found = []
    for code in packet_languages():
        try:
            found.append((code, packet_texts(code).language_name))
        except ValidationError:
            continue  # a damaged content file: that language is not offered
    return tuple(found)


def document_languages(codes: Sequence[str]) -> tuple[str, ...]:
    """The first of a person's languages that has packet texts (English when none has)."""
    available = set(packet_languages())
    return (next((code for code in codes if code in available), FALLBACK),)


def _worker(session: Session, actor: Actor, desk_name: str) -> str:
    """Who helped: the worker's name; for the built-in command-line account, the service point."""
    account = session.get(StaffAccount, actor.account_id)
    if account is None or account.builtin:
        return desk_name
    return account.display_name or account.username


def _desk(db: Database, session: Session, actor: Actor, person: Person) -> data.Desk:
    """The service point as the papers show it, with its privacy profile (read in the caller's unit of work)."""
    profile = get_profile(db, actor)
    privacy = read_privacy_profile(session)
    if profile is None:
        return data.Desk(name=_("Welcome desk"), municipality="", controller=privacy.controller,
                         privacy_role=privacy.role, privacy_contact=privacy.contact)
    names = municipality_names(profile)
    municipality = names.get(person.municipality_code, "") if isinstance(person.municipality_code, str) else ""
    if not municipality and profile.municipalities:
        municipality = profile.municipalities[0].name
    details = profile.details
    return data.Desk(name=profile.name, municipality=municipality, address=details.address,
                     phone=phone_for_print(details.phone), email=details.email, website=details.website,
                     hours=details.hours, logo=details.logo, colour=details.colour,
                     controller=privacy.controller, privacy_role=privacy.role, privacy_contact=privacy.contact)


def _helper(partner: Partner) -> data.Helper:
    return data.Helper(code=partner.code, name=partner.name, address=partner.address,
                       phone=phone_for_print(partner.phone), email=partner.email, website=partner.website,
                       hours=partner.hours, languages=tuple(str(c) for c in (partner.languages or ())))


def _steps(person: Person, catalogue: Catalogue, partners: dict[str, Partner]) -> tuple[data.Step, ...]:
    """The steps that apply to the person, by due day; those done stay on the paper, ticked."""
    by_code = {item.service.code: item for item in person.checklist}
    steps = []
    for item in person.checklist:
        if not item.applies or item.status is ItemStatus.NOT_NEEDED:
            continue
        service = catalogue.service(item.service.code)
        if service is None:
            continue
        referred = item.referred_to
        helper = referred.code if referred is not None else (service.partner or "")
        waits = tuple(code for code in service.after if (earlier := by_code.get(code)) is not None
                      and earlier.applies and earlier.status not in CLOSED_ITEM_STATUSES)
        done = item.done_on if item.status is ItemStatus.DONE and isinstance(item.done_on, date) else None
        if item.status is ItemStatus.DONE and done is None:
            done = item.due_date if isinstance(item.due_date, date) else date.min
        steps.append(data.Step(code=service.code, name=service.name, description=service.description,
                               helper=helper if helper in partners else "",
                               due=item.due_date if isinstance(item.due_date, date) else None,
                               done=None if done == date.min else done, after=waits))
    steps.sort(key=lambda s: (s.due or date.max, s.code))
    return tuple(steps)


def _path(person: Person, catalogue: Catalogue) -> tuple[dict[str, str], tuple[data.Stage, ...]]:
    """The person's path into work: the stages reached, then those ahead."""
    reached = {s.stage: s.reached_on for s in person.path_stages if isinstance(s.reached_on, date)}
    kinds = [s.path for s in person.path_stages if isinstance(s.path, PathKind)]
    codes = {item.service.code for item in person.checklist if item.applies}
    if not kinds and "learning_path" in codes:
        kinds = [PathKind.LEARNING]
    if not kinds:
        return {}, ()
    path = catalogue.path(kinds[-1])
    if path is None:
        return {}, ()
    return dict(path.name), tuple(data.Stage(stage.text, reached.get(stage.code)) for stage in path.stages)


def _languages(request: PaperRequest, person: Person) -> tuple[str, ...]:
    from welcomedesk.packet.content import parse_languages

    return parse_languages("+".join(request.languages)) if request.languages else document_languages(
        person.language_codes())


def gather_packet(db: Database, session: Session, actor: Actor, person: Person, today: date) -> data.Packet:
    """Everything the person's packet prints, read in the caller's unit of work."""
    catalogue = stored_catalogue(session)
    remake_if_stale(session, person, catalogue, today, actor)
    partners = {p.code: p for p in session.scalars(select(Partner))}
    desk = _desk(db, session, actor, person)
    family = []
    household = session.get(Household, person.household_id)
    for member in sorted(household.members if household else (), key=lambda m: m.id):
        if member.id == person.id:
            continue
        family.append(data.Member(name=_name(member), native_name=_str(member.native_name),
                                  relation=str(member.relation), steps=_steps(member, catalogue, partners)))
    steps = _steps(person, catalogue, partners)
    used = {s.helper for s in steps} | {s.helper for m in family for s in m.steps}
    followed = person if person.relation is Relation.MAIN else next(
        (m for m in (household.members if household else ()) if m.relation is Relation.MAIN), person)
    follow_ups = tuple(sorted(f.due_date for f in followed.follow_ups
                              if f.contacted_on is None and isinstance(f.due_date, date) and f.due_date >= today))
    path_name, path = _path(person, catalogue)
    return data.Packet(
        person_id=person.id, name=_name(person), native_name=_str(person.native_name), desk=desk,
        worker=_worker(session, actor, desk.name), made_on=today, content_version=catalogue.edition,
        steps=steps, helpers={code: _helper(p) for code, p in partners.items() if code in used},
        family=tuple(family), path_name=path_name, path=path, follow_ups=follow_ups,
        identity_code=_str(person.personal_identity_code))


def _item(session: Session, person: Person, item_id: int | None) -> ChecklistItem:
    item = session.get(ChecklistItem, item_id) if item_id is not None else None
    if item is None or item.person_id != person.id:
        raise ValidationError(_("Choose one of the person's steps for the referral."), field="step")
    return item


def gather_slip(db: Database, session: Session, actor: Actor, person: Person, request: PaperRequest,
                today: date) -> data.Slip:
    """A referral slip's values: only what the person agreed to share goes on it."""
    catalogue = stored_catalogue(session)
    item = _item(session, person, request.item_id)
    service = catalogue.service(item.service.code)
    partner = session.get(Partner, request.partner_id) if request.partner_id is not None else item.referred_to
    if partner is None and service is not None and service.partner:
        partner = session.scalar(select(Partner).where(Partner.code == service.partner))
    if partner is None:
        raise ValidationError(_("Choose the partner organisation the slip is for."), field="partner")
    desk = _desk(db, session, actor, person)
    name = service.name if service else item.service.name
    step = data.Step(code=item.service.code, name=name, description=service.description if service else {},
                     helper=partner.code, due=item.due_date if isinstance(item.due_date, date) else None)
    share = request.share
    born = person.date_of_birth if "born" in share and isinstance(person.date_of_birth, date) else None
    return data.Slip(
        person_id=person.id, name=_name(person), native_name=_str(person.native_name), born=born,
        languages=person.language_codes() if "languages" in share else (), step=step, partner=_helper(partner),
        desk=desk, worker=_worker(session, actor, desk.name), made_on=today,
        referred_on=item.referred_on if isinstance(item.referred_on, date) else None,
        content_version=catalogue.edition, phone=phone_for_print(_str(person.phone)) if "phone" in share else "",
        email=_str(person.email) if "email" in share else "")


def gather_sheet(db: Database, session: Session, actor: Actor, person: Person, today: date) -> data.Sheet:
    """What the desk already knows, for the official who assesses the person's needs."""
    catalogue = stored_catalogue(session)
    remake_if_stale(session, person, catalogue, today, actor)
    partners = {p.code: p for p in session.scalars(select(Partner))}
    steps = _steps(person, catalogue, partners)
    household = session.get(Household, person.household_id)
    members = tuple(data.Member(_name(m), _str(m.native_name), str(m.relation))
                    for m in sorted(household.members if household else (), key=lambda m: m.id) if m.id != person.id)
    desk = _desk(db, session, actor, person)
    return data.Sheet(
        person_id=person.id, name=_name(person), native_name=_str(person.native_name),
        born=person.date_of_birth if isinstance(person.date_of_birth, date) else None,
        nationality=_str(person.nationality), languages=person.language_codes(),
        household=members, arrival=person.arrival_date if isinstance(person.arrival_date, date) else None,
        permit=str(person.permit_type) if person.permit_type else "",
        permit_expiry=person.permit_expiry if isinstance(person.permit_expiry, date) else None,
        employer=_str(person.employer), occupation=_str(person.occupation),
        steps_done=tuple(s for s in steps if s.done), steps_open=tuple(s for s in steps if not s.done),
        desk=desk, worker=_worker(session, actor, desk.name), made_on=today, content_version=catalogue.edition,
        identity_code=_str(person.personal_identity_code), phone=phone_for_print(_str(person.phone)),
        email=_str(person.email))


# -- making and giving a paper


@dataclass(frozen=True)
class Made:
    """A paper made for a person, with what recording it as given needs."""

    request: PaperRequest
    paper: Paper
    partner_id: int | None
    step_code: str | None


def make_paper(db: Database, actor: Actor, request: PaperRequest, today: date | None = None) -> Made:
    """Make one paper for one person (the view is audited; nothing is recorded as given yet)."""
    check_person_id(request.person_id)
    today = today or date.today()
    partner_id: int | None = None
    step_code: str | None = None
    with unit_of_work(db, actor) as session:
        person = load_person(session, request.person_id)
        languages = _languages(request, person)
        record(session, "view", "person", person.id, f"paper:{request.kind}")
        values: data.Packet | data.Slip | data.Sheet
        if request.kind is PaperKind.SLIP:
            values = gather_slip(db, session, actor, person, request, today)
            partner = session.scalar(select(Partner.id).where(Partner.code == values.partner.code))
            partner_id, step_code = partner, values.step.code
        elif request.kind is PaperKind.SHEET:
            values = gather_sheet(db, session, actor, person, today)
        else:
            values = gather_packet(db, session, actor, person, today)
    # Drawn after the transaction: the database is not held while the PDF is made.
    from welcomedesk.packet.papers import make_packet, make_sheet, make_slip

    if isinstance(values, data.Slip):
        paper = make_slip(values, languages)
    elif isinstance(values, data.Sheet):
        paper = make_sheet(values, languages, with_identity_code=request.with_identity_code)
    else:
        paper = make_packet(values, languages, with_identity_code=request.with_identity_code)
    return Made(request, paper, partner_id, step_code)


def record_given(db: Database, actor: Actor, made: Made) -> int:
    """Record on the person that the paper was given (printed or saved); audited as a new row."""
    with unit_of_work(db, actor) as session:
        person = load_person(session, made.request.person_id)
        given = PaperGiven(person_id=person.id, kind=made.request.kind, languages=made.paper.language_tag,
                           content_version=made.paper.content_version[:80], account_id=actor.account_id,
                           partner_id=made.partner_id, step_code=made.step_code)
        session.add(given)
        session.flush()
        return given.id


@dataclass(frozen=True)
class GivenEntry:
    """A paper given, as the person page lists it."""

    kind: PaperKind | str
    languages: str
    content_version: str
    given_on: date
    who: str


def papers_given(session: Session, person: Person) -> tuple[GivenEntry, ...]:
    accounts = {a.id: a.display_name or a.username for a in session.scalars(select(StaffAccount))} \
        if person.papers else {}
    return tuple(GivenEntry(p.kind, p.languages, p.content_version, p.given_at.date(),
                            accounts.get(p.account_id or 0, "")) for p in person.papers)


def save_paper(db: Database, actor: Actor, request: PaperRequest, out: Path, today: date | None = None) -> Made:
    """Make the paper, write it to ``out`` (whole or not at all), and record it as given."""
    made = make_paper(db, actor, request, today)
    save_file(out, made.paper.pdf)
    record_given(db, actor, made)
    return made
