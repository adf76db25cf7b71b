"""Setting up a database and the service point profile."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlsplit

from sqlalchemy import func, select

from welcomedesk.actor import Actor
from welcomedesk.codes import Role
from welcomedesk.config import DatabaseTarget
from welcomedesk.db.session import Database, open_database, unit_of_work
from welcomedesk.errors import ConflictError, Problem, ValidationError
from welcomedesk.i18n import _
from welcomedesk.identity import (
    normalise_email,
    normalise_name,
    normalise_phone,
    normalise_text,
    parse_municipality_code,
)
from welcomedesk.model import Person, ServicePoint, ServicePointMunicipality
from welcomedesk.model.service_point import DEFAULT_COLOUR
from welcomedesk.resources import resource_path
from welcomedesk.services.accounts import cli_actor, ensure_cli_account, require_role


@dataclass(frozen=True)
class Municipality:
    """A municipality by its Statistics Finland code."""

    code: str
    name: str
    postal_code: str = ""


@dataclass(frozen=True)
class ProfileDetails:
    """How to reach the service point, and how its papers look: its logo and accent colour."""

    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    hours: str = ""  # several lines allowed
    logo: bytes | None = field(default=None, repr=False)  # PNG or JPEG
    colour: str = DEFAULT_COLOUR  # "#RRGGBB", upper case


@dataclass(frozen=True)
class Profile:
    """The service point this database belongs to."""

    name: str
    municipalities: tuple[Municipality, ...]
    version: int
    details: ProfileDetails = ProfileDetails()


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
                       municipalities=tuple(Municipality(m.code, m.name) for m in point.municipalities),
                       details=_details_of(point))


def is_empty(db: Database, actor: Actor) -> bool:
    """Whether no newcomer has been registered yet."""
    with unit_of_work(db, actor) as session:
        return not session.scalar(select(func.count()).select_from(Person))


def save_profile(db: Database, actor: Actor, name: str, municipalities: list[Municipality],
                 version: int | None = None, details: ProfileDetails | None = None) -> Profile:
    """Set the service point's name, municipalities and details (``version`` as loaded, None on first start).

    ``details`` None keeps the details stored (a new service point starts with empty ones).
    Every reason a value is refused is given at once, by its field.
    """
    require_role(actor, Role.ADMIN)
    problems: list[Problem] = []
    if details is not None:
        details = check_details(details, problems)
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
        if details is not None:
            _write_details(point, details)
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
        return Profile(name=point.name, version=point.version, municipalities=tuple(cleaned),
                       details=_details_of(point))


def _details_of(point: ServicePoint) -> ProfileDetails:
    return ProfileDetails(address=point.address, phone=point.phone, email=point.email, website=point.website,
                          hours=point.hours, logo=point.logo, colour=point.colour)


def _write_details(point: ServicePoint, details: ProfileDetails) -> None:
    # Only what changed is written: an unchanged logo is not sent to the database again.
    for name in DETAIL_FIELDS:
        value = getattr(details, name)
        if getattr(point, name) != value:
            setattr(point, name, value)


# -- the details, checked

# The details' fields, in the order a form shows them.
DETAIL_FIELDS = ("address", "phone", "email", "website", "hours", "colour", "logo")
TEXT_LENGTHS = {"address": 200, "phone": 40, "email": 200, "website": 200, "hours": 400}
HOURS_LINES = 6
LOGO_MAX_BYTES = 512 * 1024
LOGO_MAX_SIDE = 4000
_COLOUR = re.compile(r"#?([0-9A-Fa-f]{6})")
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"


def check_details(details: ProfileDetails, problems: list[Problem]) -> ProfileDetails:
    """The details as they are stored (trimmed, NFC, the colour in upper case); what is wrong goes to ``problems``.

    Phone numbers and e-mail addresses are checked as everywhere in the program; the phone is kept
    as typed (the papers print it so), the e-mail with its domain in lower case.
    """
    texts: dict[str, str] = {}
    for name, length in TEXT_LENGTHS.items():
        try:
            texts[name] = normalise_text(getattr(details, name), field=name, max_length=length,
                                         multiline=name == "hours")
        except ValidationError as exc:
            problems.extend(Problem(name, p.message) for p in exc.problems)
            texts[name] = ""
    if texts["phone"]:
        try:
            normalise_phone(texts["phone"])
        except ValidationError as exc:
            problems.extend(Problem("phone", p.message) for p in exc.problems)
    if texts["email"]:
        try:
            texts["email"] = normalise_email(texts["email"])
        except ValidationError as exc:
            problems.extend(Problem("email", p.message) for p in exc.problems)
    if texts["website"] and not _is_web_address(texts["website"]):
        problems.append(Problem("website", _("Write the website as an address such as https://www.example.fi.")))
    if texts["hours"].count("\n") >= HOURS_LINES:
        problems.append(Problem("hours", _("Write the opening hours on at most {n} lines.").format(n=HOURS_LINES)))
    colour = details.colour.strip()
    match = _COLOUR.fullmatch(colour)
    if match is None:
        problems.append(Problem("colour", _("Write the colour as # and six hexadecimal digits, such as {example}.")
                                .format(example=DEFAULT_COLOUR)))
    else:
        colour = "#" + match.group(1).upper()
    if details.logo is not None:
        problems.extend(Problem("logo", message) for message in logo_problems(details.logo))
    return ProfileDetails(address=texts["address"], phone=texts["phone"], email=texts["email"],
                          website=texts["website"], hours=texts["hours"], logo=details.logo, colour=colour)


def _is_web_address(text: str) -> bool:
    """An http(s) address with a host name (a dot in it) and no spaces."""
    if any(char.isspace() for char in text):
        return False
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
    except ValueError:
        return False
    labels = host.split(".")
    return (parts.scheme in ("http", "https") and len(labels) >= 2
            and all(label and all(c.isalnum() or c == "-" for c in label) for label in labels))


def logo_too_large(size: int) -> str:
    """The refusal of a logo file of ``size`` bytes (more than 512 KB): a form checks the file's size first."""
    return _("The logo is too large: {size} KB, at most {max} KB.").format(size=-(-size // 1024),
                                                                          max=LOGO_MAX_BYTES // 1024)


def logo_problems(data: bytes) -> list[str]:
    """Why ``data`` cannot be the logo (nothing: it can): a PNG or JPEG of at most 512 KB and 4000 pixels a side."""
    if len(data) > LOGO_MAX_BYTES:
        return [logo_too_large(len(data))]
    expected = "PNG" if data.startswith(_PNG) else "JPEG" if data.startswith(_JPEG) else None
    if expected is None:
        return [_("The logo must be a PNG or JPEG image.")]
    import io

    from PIL import Image  # imported here: only a logo being checked needs it

    damaged = _("The logo cannot be read: the image file is damaged or incomplete. Save it again as PNG or "
                "JPEG and choose it anew.")
    try:
        with Image.open(io.BytesIO(data), formats=[expected]) as image:
            width, height = image.size
            if max(width, height) > LOGO_MAX_SIDE:
                return [_("The logo is too large: {width} × {height} pixels, at most {max} pixels a side.").format(
                    width=width, height=height, max=LOGO_MAX_SIDE)]
            image.load()  # decodes every pixel: a truncated or damaged file fails here
    except Exception:  # whatever the decoder trips on in these bytes, for the person it means one thing: damaged
        return [damaged]
    return []
