"""The service catalogue in the database: loaded from the program's content, edited, exported and imported.

The program's own catalogue is loaded when a database is made and again whenever the program
brings a new edition; a service or partner a coordinator edited (or a region's file imported) is
never overwritten by it. Every change to the services raises the catalogue's generation, and a
checklist made from an older generation is made again (``checklists``).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from welcomedesk.actor import Actor
from welcomedesk.catalogue import Catalogue, PartnerDef, ServiceDef
from welcomedesk.catalogue_file import (
    catalogue_json,
    catalogue_text,
    due_json,
    parse_catalogue,
    read_catalogue,
    rule_json,
    shipped_catalogue,
)
from welcomedesk.codes import Role
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.errors import ConflictError, DuplicateError, StorageError, ValidationError
from welcomedesk.files import save_file
from welcomedesk.i18n import _
from welcomedesk.model import ChecklistItem, Partner, PartnerContact, Service, Setting
from welcomedesk.resources import resource_path
from welcomedesk.services.accounts import require_role

EDITION = "catalogue_edition"
GENERATION = "catalogue_generation"
# Stamped anew by every change to the stored catalogue (partners too): what it is cached by.
REVISION = "catalogue_revision"
# Follow-up questions and paths: kept as the file writes them, with whether a region's file set them.
EXTRAS = "catalogue_extras"
EXTRAS_IMPORTED = "catalogue_extras_imported"
# A catalogue file larger than this is not a catalogue.
MAX_FILE_BYTES = 5_000_000


def setting(session: Session, key: str, default: str = "") -> str:
    """One setting's value ("" or ``default`` when unset)."""
    row = session.get(Setting, key)
    return default if row is None else row.value


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    elif row.value != value:
        row.value = value


def generation(session: Session) -> int:
    """The catalogue's generation: raised by every change to its services."""
    try:
        return int(setting(session, GENERATION, "0"))
    except ValueError:
        return 0


def _next_generation(session: Session) -> None:
    set_setting(session, GENERATION, str(generation(session) + 1))
    next_revision(session)


def next_revision(session: Session) -> None:
    """Mark the stored catalogue changed (its cache is read again)."""
    # A new random stamp, not a count: another database at the same address (a restored copy, a test's
    # fresh one) can never share a stamp with different content, so the cache never serves it stale.
    set_setting(session, REVISION, uuid.uuid4().hex)


# -- reading what is stored

_cache: dict[tuple[str, str], Catalogue] = {}


def stored_catalogue(session: Session) -> Catalogue:
    """The catalogue as this database holds it (read once per generation)."""
    key = (str(session.get_bind().engine.url), setting(session, REVISION, "0"))
    cached = _cache.get(key)
    if cached is not None:
        return cached
    partners = session.scalars(select(Partner).options(selectinload(Partner.contacts)).order_by(Partner.id)).all()
    services = session.scalars(select(Service).order_by(Service.position, Service.id)).all()
    codes = {p.id: p.code for p in partners}
    extras = json.loads(setting(session, EXTRAS, "{}") or "{}")
    data = {
        "format": "welcomedesk-catalogue", "format_version": 1,
        "edition": setting(session, EDITION, "-") or "-",
        "partners": [partner_data(p) for p in partners],
        "services": [{"code": s.code, "category": s.category, "partner": codes.get(s.partner_id or 0),
                      "name": s.name, "description": s.description, "applies": s.applies, "due": s.due,
                      "after": s.after, "done_when": s.done_when,
                      "valid_from": s.valid_from.isoformat() if isinstance(s.valid_from, date) else None,
                      "valid_to": s.valid_to.isoformat() if isinstance(s.valid_to, date) else None}
                     for s in services],
        "follow_up": extras.get("follow_up", {}), "paths": extras.get("paths", {}),
    }
    catalogue = read_catalogue(data)
    if len(_cache) > 8:
        _cache.clear()
    _cache[key] = catalogue
    return catalogue


def stored_catalogue_of(db: Database, actor: Actor) -> Catalogue:
    """The catalogue this database holds."""
    with unit_of_work(db, actor) as session:
        return stored_catalogue(session)


def partner_data(p: Partner) -> dict[str, Any]:
    """A stored partner in the catalogue file's shape."""
    return {"code": p.code, "type": p.type, "name": p.name, "address": p.address, "phone": p.phone,
            "email": p.email, "website": p.website, "hours": p.hours, "languages": list(p.languages or []),
            "fee_free_commitment": p.fee_free_commitment.isoformat() if isinstance(p.fee_free_commitment, date)
            else None, "who_safeguard_countries": p.who_safeguard_countries,
            "contacts": [{"name": c.name, "title": c.title, "phone": c.phone, "email": c.email} for c in p.contacts]}


# -- writing


def write_partner(session: Session, row: Partner | None, p: PartnerDef, *, edited: bool) -> Partner:
    """Store ``p`` over ``row`` (None: a new partner); ``edited`` marks it kept over the program's content."""
    if row is None:
        row = Partner(code=p.code, type=p.type, name=p.name)
        session.add(row)
    values = {"type": p.type, "name": p.name, "address": p.address, "phone": p.phone, "email": p.email,
              "website": p.website, "hours": p.hours, "languages": list(p.languages),
              "fee_free_commitment": p.fee_free_commitment, "who_safeguard_countries": p.who_safeguard_countries}
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
    wanted = [(c.name, c.title, c.phone, c.email) for c in p.contacts]
    if [(c.name, c.title, c.phone, c.email) for c in row.contacts] != wanted:
        row.contacts.clear()
        row.contacts.extend(PartnerContact(position=i, name=c.name, title=c.title, phone=c.phone, email=c.email)
                            for i, c in enumerate(p.contacts))
    if edited:
        row.edited = True
    return row


def _write_service(session: Session, row: Service | None, s: ServiceDef, partners: dict[str, Partner],
                   position: int, *, edited: bool) -> Service:
    if row is None:
        row = Service(code=s.code, category=s.category)
        session.add(row)
    partner = partners.get(s.partner) if s.partner else None
    values: dict[str, Any] = {
        "category": s.category, "name": dict(s.name), "description": dict(s.description),
        "applies": rule_json(s.applies), "due": due_json(s.due), "after": list(s.after), "done_when": s.done_when,
        "valid_from": s.valid_from, "valid_to": s.valid_to, "position": position}
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
    if row.partner is not partner:
        row.partner = partner
    if edited:
        row.edited = True
    return row


def _write_catalogue(session: Session, catalogue: Catalogue, *, imported: bool) -> bool:
    """Write ``catalogue`` over the stored one; the program's own content (``imported`` False) skips edits.

    Returns whether any service changed. Nothing is deleted: a service the file lacks stays, and
    checklists keep pointing at it.
    """
    partners = {p.code: p for p in session.scalars(select(Partner).options(selectinload(Partner.contacts)))}
    for p in catalogue.partners:
        row = partners.get(p.code)
        if row is None or imported or not row.edited:
            partners[p.code] = write_partner(session, row, p, edited=imported)
    services = {s.code: s for s in session.scalars(select(Service))}
    positions = {s.code: i for i, s in enumerate(catalogue.services)}
    session.flush()
    before = {code: _service_state(row) for code, row in services.items()}
    for s in catalogue.services:
        service_row = services.get(s.code)
        if service_row is None or imported or not service_row.edited:
            services[s.code] = _write_service(session, service_row, s, partners, positions[s.code], edited=imported)
    session.flush()
    extras = {"follow_up": catalogue_json(catalogue)["follow_up"], "paths": catalogue_json(catalogue)["paths"]}
    if imported or setting(session, EXTRAS_IMPORTED) != "1":
        set_setting(session, EXTRAS, json.dumps(extras, ensure_ascii=False, sort_keys=True))
    if imported:
        set_setting(session, EXTRAS_IMPORTED, "1")
    changed = any(before.get(code) != _service_state(row) for code, row in services.items())
    if changed:
        _next_generation(session)
    else:
        next_revision(session)
    return changed


def add_demo_partners(session: Session) -> int:
    """The example partner organisations of the demo region, and the local services they provide.

    A partner already there is kept as it is; a service gets a demo provider only where it has none
    and no coordinator edited it. Returns how many partners were added.
    """
    data = json.loads(resource_path("content", "demo_kainuu.json").read_text(encoding="utf-8"))
    demo = read_catalogue({"format": "welcomedesk-catalogue", "format_version": 1, "edition": "demo",
                           "partners": data.get("partners", []), "services": []})
    partners = {p.code: p for p in session.scalars(select(Partner))}
    added = 0
    for p in demo.partners:
        if p.code not in partners:
            partners[p.code] = write_partner(session, None, p, edited=False)
            added += 1
    session.flush()
    for code, partner_code in (data.get("service_partners") or {}).items():
        row = session.scalar(select(Service).where(Service.code == code))
        if row is not None and row.partner_id is None and not row.edited and partner_code in partners:
            row.partner = partners[partner_code]
    session.flush()
    next_revision(session)
    return added


def _service_state(row: Service) -> tuple[Any, ...]:
    return (row.category, row.partner_id, json.dumps([row.name, row.applies, row.due, row.after], sort_keys=True),
            row.done_when, row.valid_from, row.valid_to)


def ensure_content(db: Database, actor: Actor | None) -> bool:
    """Load the program's catalogue when this database has another edition (or none); True if loaded."""
    shipped = shipped_catalogue()
    with unit_of_work(db, actor) as session:
        if setting(session, EDITION) == shipped.edition:
            return False
    if actor is None:
        return False  # loaded by the first unit of work that has an account to record it
    try:
        with unit_of_work(db, actor) as session:
            if setting(session, EDITION) == shipped.edition:  # another desk was first
                return False
            _write_catalogue(session, shipped, imported=False)
            set_setting(session, EDITION, shipped.edition)
            return True
    except (DuplicateError, ConflictError):
        # Two desks started at once on a shared database and the other one loaded it a moment earlier.
        with unit_of_work(db, actor) as session:
            if setting(session, EDITION) == shipped.edition:
                return False
        raise


# -- what the coordinator sees and edits


@dataclass(frozen=True)
class ServiceSummary:
    """One service of the catalogue with its provider's name, as the catalogue page lists it."""

    service: ServiceDef
    partner_name: str
    edited: bool
    version: int
    people: int  # how many people's checklists hold it (applying)


def catalogue_overview(db: Database, actor: Actor) -> tuple[Catalogue, tuple[ServiceSummary, ...]]:
    """The catalogue and each service's summary, in the catalogue's order."""
    require_role(actor, Role.DESK)
    with unit_of_work(db, actor) as session:
        catalogue = stored_catalogue(session)
        rows = {s.code: s for s in session.scalars(select(Service))}
        names = {p.code: p.name for p in catalogue.partners}
        counts = dict(session.execute(select(ChecklistItem.service_id, func.count()).where(
            ChecklistItem.applies.is_(True)).group_by(ChecklistItem.service_id)).all())
        return catalogue, tuple(ServiceSummary(s, names.get(s.partner or "", ""), rows[s.code].edited,
                                               rows[s.code].version, counts.get(rows[s.code].id, 0))
                                for s in catalogue.services)


def save_service(db: Database, actor: Actor, service: ServiceDef, version: int | None) -> int:
    """Save one service as the coordinator edited it (``version`` as loaded; None: a new service).

    The whole catalogue is checked with it (partner, earlier steps, no circle); returns the new version.
    """
    require_role(actor, Role.COORDINATOR)
    with unit_of_work(db, actor) as session:
        catalogue = stored_catalogue(session)
        others = tuple(s for s in catalogue.services if s.code != service.code)
        if version is None and len(others) != len(catalogue.services):
            raise ValidationError(_("A service with the code {code} exists already.").format(code=service.code),
                                  field="code")
        # Check the service as the file would carry it: the same reader, the same reasons.
        candidate = replace(catalogue, services=(*others, service))
        read_catalogue(catalogue_json(candidate), keyed_for=service.code)
        row = session.scalar(select(Service).where(Service.code == service.code))
        if row is not None and version is not None and row.version != version:
            from welcomedesk.errors import stale_record

            raise stale_record()
        partners = {p.code: p for p in session.scalars(select(Partner))}
        position = row.position if row is not None else len(catalogue.services)
        row = _write_service(session, row, service, partners, position, edited=True)
        session.flush()
        _next_generation(session)
        return row.version


def export_catalogue(db: Database, actor: Actor, path: Path) -> int:
    """Write the catalogue to one file a region hands to its municipalities; returns how many services."""
    require_role(actor, Role.COORDINATOR)
    with unit_of_work(db, actor) as session:
        catalogue = stored_catalogue(session)
        from welcomedesk.db.session import record

        record(session, "export", "catalogue", fields="services,partners,follow_up,paths")
    save_file(path, catalogue_text(catalogue).encode("utf-8"))
    return len(catalogue.services)


def read_catalogue_file(path: Path) -> Catalogue:
    """A catalogue file read and checked (every reason at once); refuses what is not one."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise StorageError(_("Cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)) from exc
    if len(raw) > MAX_FILE_BYTES:
        raise ValidationError(_("The file is too large to be a catalogue."), field="catalogue")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("The catalogue file is not UTF-8 text."), field="catalogue") from exc
    return parse_catalogue(text)


def import_catalogue(db: Database, actor: Actor, path: Path) -> int:
    """Take a region's catalogue file over this one: its services and partners replace those of the same
    code, and are kept from then on over the program's own. Returns how many services it held."""
    require_role(actor, Role.COORDINATOR)
    catalogue = read_catalogue_file(path)
    with unit_of_work(db, actor) as session:
        _write_catalogue(session, catalogue, imported=True)
    return len(catalogue.services)

