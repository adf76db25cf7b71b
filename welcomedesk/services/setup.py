"""Setting up a database and the service point profile."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from sqlalchemy import func, select

from welcomedesk.actor import Actor
from welcomedesk.codes import Role
from welcomedesk.config import DatabaseTarget
from welcomedesk.db.session import Database, open_database, unit_of_work
from welcomedesk.errors import ConflictError, Problem, ValidationError
from welcomedesk.i18n import _
from welcomedesk.identity import normalise_name, parse_municipality_code
from welcomedesk.model import Person, ServicePoint, ServicePointMunicipality
from welcomedesk.resources import resource_path
from welcomedesk.services.accounts import cli_actor, ensure_cli_account, require_role


@dataclass(frozen=True)
class Municipality:
    """A municipality by its Statistics Finland code."""

    code: str
    name: str
    postal_code: str = ""


@dataclass(frozen=True)
class Profile:
    """The service point this database belongs to."""

    name: str
    municipalities: tuple[Municipality, ...]
    version: int


@dataclass(frozen=True)
class InitResult:
    """What ``init`` did and where."""

    where: str
    opened: str  # "created" | "upgraded" | "current"


@cache
def known_municipalities() -> tuple[Municipality, ...]:
    """The municipalities offered at first start (bundled content)."""
    data = json.loads(resource_path("content", "municipalities.json").read_text(encoding="utf-8"))
    return tuple(Municipality(code=m["code"], name=m["name"], postal_code=m.get("postal_code", ""))
                 for m in data["municipalities"])


@cache
def _destinations() -> dict[str, str]:
    data = json.loads(resource_path("content", "municipalities.json").read_text(encoding="utf-8"))
    return {m["code"]: m["name"] for m in data.get("destinations", [])}


def municipality_names(profile: Profile | None) -> dict[str, str]:
    """Every municipality's name the program knows, by code: the bundled lists, then the profile's own."""
    names = _destinations() | {m.code: m.name for m in known_municipalities()}
    if profile is not None:
        names.update({m.code: m.name for m in profile.municipalities})
    return names


def initialise(target: DatabaseTarget) -> tuple[Database, InitResult]:
    """Create or upgrade the database (idempotent) and make the built-in ``cli`` account."""
    db = open_database(target, create=True)
    try:
        with unit_of_work(db, None) as session:
            ensure_cli_account(session)
        from welcomedesk.services.catalogue import ensure_content

        ensure_content(db, cli_actor(db))
    except BaseException:
        db.close()
        raise
    return db, InitResult(where=db.describe(), opened=db.opened)


def get_profile(db: Database, actor: Actor) -> Profile | None:
    """The service point profile, or None before first start has set it."""
    with unit_of_work(db, actor) as session:
        point = session.scalar(select(ServicePoint).order_by(ServicePoint.id).limit(1))
        if point is None:
            return None
        return Profile(name=point.name, version=point.version,
                       municipalities=tuple(Municipality(m.code, m.name) for m in point.municipalities))


def is_empty(db: Database, actor: Actor) -> bool:
    """Whether no newcomer has been registered yet."""
    with unit_of_work(db, actor) as session:
        return not session.scalar(select(func.count()).select_from(Person))


def save_profile(db: Database, actor: Actor, name: str, municipalities: list[Municipality],
                 version: int | None = None) -> Profile:
    """Set the service point's name and municipalities (``version`` as loaded, None on first start)."""
    require_role(actor, Role.ADMIN)
    problems: list[Problem] = []
    try:
        name = normalise_name(name, field="service_point", max_length=200)
    except ValidationError as exc:
        problems.extend(exc.problems)
    cleaned: list[Municipality] = []
    seen: set[str] = set()
    for m in municipalities:
        try:
            code = parse_municipality_code(m.code)
            municipality = Municipality(code, normalise_name(m.name, field="municipality", max_length=100))
        except ValidationError as exc:
            problems.extend(exc.problems)
            continue
        if code not in seen:
            seen.add(code)
            cleaned.append(municipality)
    if not cleaned and not problems:
        problems.append(Problem("municipalities", _("Choose at least one municipality the service point serves.")))
    if problems:
        raise ValidationError.of(problems)
    with unit_of_work(db, actor) as session:
        point = session.scalar(select(ServicePoint).order_by(ServicePoint.id).limit(1))
        if point is None:
            point = ServicePoint(name=name)
            session.add(point)
        else:
            if version is not None and point.version != version:
                raise ConflictError(_("Someone else changed the service point's details. Open them again."))
            point.name = name
        # Update by code: replacing the rows would insert a code before deleting it (unique).
        existing = {m.code: m for m in point.municipalities}
        for stale in list(point.municipalities):
            if stale.code not in seen:
                point.municipalities.remove(stale)
        for position, m in enumerate(cleaned):
            row = existing.get(m.code)
            if row is None:
                point.municipalities.append(ServicePointMunicipality(code=m.code, name=m.name, position=position))
            else:
                row.name, row.position = m.name, position
        session.flush()
        return Profile(name=point.name, version=point.version, municipalities=tuple(cleaned))
