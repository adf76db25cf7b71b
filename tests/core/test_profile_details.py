"""The service point's details (contact, opening hours, logo, colour) checked, kept, audited and upgraded to;
the record of papers given."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from tests.core.test_storage_faults import database_at
from welcomedesk.actor import Actor
from welcomedesk.codes import PaperKind, PartnerType
from welcomedesk.config import DatabaseTarget
from welcomedesk.db.session import Database, open_database, unit_of_work
from welcomedesk.errors import ConflictError, PermissionDenied, ValidationError
from welcomedesk.model import AuditEntry, Household, PaperGiven, Partner, Person, ServicePoint
from welcomedesk.services.accounts import desk_actor
from welcomedesk.services.setup import (
    Municipality,
    Profile,
    ProfileDetails,
    get_profile,
    save_profile,
)

KAINUU = [Municipality("205", "Kajaani"), Municipality("765", "Sotkamo")]
HOURS = "ma–to 9–15\npe 9–12\nmuina aikoina sopimuksen mukaan"


def _image(kind: str = "PNG", size: tuple[int, int] = (120, 60)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, "#1F5F8B").save(buffer, kind)
    return buffer.getvalue()


def _half(data: bytes) -> bytes:
    return data[:len(data) // 2]


DETAILS = ProfileDetails(address="  Pohjolankatu 13, 87100 Kajaani ", phone="08 6155 5555",
                         email="Welcome@KAJAANI.fi", website="https://www.kajaani.fi/welcome", hours=HOURS,
                         logo=_image(), colour="#1f5f8b")


def _profile(database: Database, actor: Actor, details: ProfileDetails | None = None,
             version: int | None = None) -> Profile:
    return save_profile(database, actor, "Kainuun Welcome Desk", KAINUU, version, details)


def _refused(database: Database, actor: Actor, **changes: object) -> dict[str | None, list[str]]:
    """The reasons by field when the details with ``changes`` are saved; nothing was saved."""
    before = _profile(database, actor)
    values = {**DETAILS.__dict__, **changes}
    with pytest.raises(ValidationError) as refused:
        _profile(database, actor, ProfileDetails(**values), before.version)  # type: ignore[arg-type]
    after = get_profile(database, actor)
    assert after == before
    reasons: dict[str | None, list[str]] = {}
    for problem in refused.value.problems:
        reasons.setdefault(problem.field, []).append(problem.message)
    return reasons


def test_the_details_are_kept_as_saved_and_read_back(database: Database, actor: Actor) -> None:
    first = _profile(database, actor)
    assert first.details == ProfileDetails() and first.details.colour == "#1F5F8B" and first.details.logo is None
    saved = _profile(database, actor, DETAILS, first.version)
    read = get_profile(database, actor)
    assert read == saved and read is not None
    assert read.details == ProfileDetails(address="Pohjolankatu 13, 87100 Kajaani", phone="08 6155 5555",
                                          email="Welcome@kajaani.fi", website="https://www.kajaani.fi/welcome",
                                          hours=HOURS, logo=DETAILS.logo, colour="#1F5F8B")
    assert read.version == first.version + 1 and read.municipalities == tuple(KAINUU)


def test_no_details_keeps_what_is_stored(database: Database, actor: Actor) -> None:
    first = _profile(database, actor, DETAILS)
    renamed = save_profile(database, actor, "Kainuun kotoutumispiste", KAINUU, first.version)
    assert renamed.name == "Kainuun kotoutumispiste" and renamed.details == first.details
    assert get_profile(database, actor) == renamed


def test_empty_details_clear_them_and_remove_the_logo(database: Database, actor: Actor) -> None:
    first = _profile(database, actor, DETAILS)
    cleared = _profile(database, actor, ProfileDetails(), first.version)
    assert cleared.details == ProfileDetails() and get_profile(database, actor) == cleared


def test_hostile_text_is_kept_exactly(database: Database, actor: Actor) -> None:
    address = "Smith & <Jones> =1+1, شارع الملك 5 🏠"
    saved = _profile(database, actor, ProfileDetails(address=address, hours="=SUM(A1)\n<b>9–15</b>"))
    assert saved.details.address == address and saved.details.hours == "=SUM(A1)\n<b>9–15</b>"


@pytest.mark.parametrize(("field", "value", "reason"), [
    ("phone", "040-FLOWERS", "only digits"),
    ("phone", "123", "not valid"),
    ("email", "welcome.kajaani.fi", "exactly one @"),
    ("email", "welcome@kajaani", "domain"),
    ("website", "www.kajaani.fi", "https://www.example.fi"),
    ("website", "ftp://kajaani.fi", "https://www.example.fi"),
    ("website", "https://www.kajaani.fi/tervetuloa sivu", "https://www.example.fi"),
    ("hours", "\n".join(f"rivi {n}" for n in range(7)), "at most 6 lines"),
    ("hours", "x" * 401, "at most 400"),
    ("address", "Pohjolankatu\x1b[31m 13", "U+001B"),
    ("address", "Pohjolankatu 13\n87100 Kajaani", "one line"),
    ("hours", "ma–pe 9–15\u0007", "U+0007"),
    ("colour", "blue", "six hexadecimal digits"),
    ("colour", "#1F5F8", "six hexadecimal digits"),
    ("colour", "", "six hexadecimal digits"),
])
def test_each_detail_is_checked_by_its_field(database: Database, actor: Actor, field: str, value: str,
                                             reason: str) -> None:
    reasons = _refused(database, actor, **{field: value})
    assert list(reasons) == [field] and reason in reasons[field][0]


@pytest.mark.parametrize(("logo", "reason"), [
    (b"GIF89a" + b"\0" * 100, "must be a PNG or JPEG"),
    (_image("GIF"), "must be a PNG or JPEG"),
    (_half(_image()), "damaged"),
    (_half(_image("JPEG", (300, 200))), "damaged"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "damaged"),
    (_image(size=(4001, 10)), "4001 × 10 pixels, at most 4000"),
    (_image() + b"\0" * (512 * 1024), "at most 512 KB"),
])
def test_the_logo_is_a_png_or_jpeg_that_opens_and_is_not_too_large(database: Database, actor: Actor, logo: bytes,
                                                                   reason: str) -> None:
    reasons = _refused(database, actor, logo=logo)
    assert list(reasons) == ["logo"] and reason in reasons["logo"][0]


def test_a_jpeg_logo_and_a_colour_without_its_hash_are_taken(database: Database, actor: Actor) -> None:
    jpeg = _image("JPEG")
    saved = _profile(database, actor, ProfileDetails(logo=jpeg, colour="a1b2c3"))
    assert saved.details.logo == jpeg and saved.details.colour == "#A1B2C3"


def test_every_reason_is_given_at_once(database: Database, actor: Actor) -> None:
    reasons = _refused(database, actor, phone="abc", email="x", website="kajaani", colour="#GGGGGG",
                       logo=b"not an image")
    assert sorted(str(k) for k in reasons) == ["colour", "email", "logo", "phone", "website"]


def test_two_administrators_saving_at_once_get_a_conflict(database: Database, actor: Actor) -> None:
    loaded = _profile(database, actor)
    _profile(database, actor, ProfileDetails(phone="08 6155 5555"), loaded.version)
    with pytest.raises(ConflictError):
        _profile(database, actor, ProfileDetails(phone="040 123 4567"), loaded.version)
    profile = get_profile(database, actor)
    assert profile is not None and profile.details.phone == "08 6155 5555"


def test_only_an_administrator_saves_the_details(database: Database, actor: Actor) -> None:
    _profile(database, actor)
    desk_actor(database, "maija")  # the first account made on a computer holds every role
    worker = desk_actor(database, "pekka")
    with pytest.raises(PermissionDenied):
        _profile(database, worker, DETAILS)
    assert get_profile(database, worker) == get_profile(database, actor)


def test_saving_is_audited_by_field_name_never_value(database: Database, actor: Actor) -> None:
    loaded = _profile(database, actor)
    _profile(database, actor, DETAILS, loaded.version)
    with unit_of_work(database, actor) as session:
        entries = session.execute(select(AuditEntry.action, AuditEntry.fields, AuditEntry.account_id).where(
            AuditEntry.entity == "service_point").order_by(AuditEntry.id)).all()
        dump = " ".join(f"{row.entity} {row.action} {row.fields}" for row in session.scalars(select(AuditEntry)))
    assert entries[-1].action == "update" and entries[-1].account_id == actor.account_id
    assert set(entries[-1].fields.split(",")) == {"address", "phone", "email", "website", "hours", "logo"}
    for value in ("Pohjolankatu", "6155", "kajaani.fi", "9–15", "PNG", "1F5F8B"):
        assert value not in dump


def test_a_database_from_0010_keeps_its_service_point_and_gets_empty_details(db_target: DatabaseTarget) -> None:
    database_at(db_target, "0010")
    from sqlalchemy import create_engine

    engine = create_engine(db_target.url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO service_point (id, name, version, created_at, updated_at) "
                                "VALUES (1, 'Kainuun Welcome Desk', 4, :at, :at)"),
                           {"at": datetime(2026, 1, 1, tzinfo=UTC)})
        connection.execute(text("INSERT INTO service_point_municipality (id, service_point_id, code, name, position) "
                                "VALUES (1, 1, '205', 'Kajaani', 0), (2, 1, '765', 'Sotkamo', 1)"))
    engine.dispose()
    db = open_database(db_target)
    try:
        assert db.opened == "upgraded"
        with unit_of_work(db, None) as session:
            point = session.scalars(select(ServicePoint)).one()
            kept = (point.name, point.version, [(m.code, m.name) for m in point.municipalities])
            details = (point.address, point.phone, point.email, point.website, point.hours, point.logo,
                       point.colour)
        assert kept == ("Kainuun Welcome Desk", 4, [("205", "Kajaani"), ("765", "Sotkamo")])
        assert details == ("", "", "", "", "", None, "#1F5F8B")
    finally:
        db.close()


def test_a_paper_given_is_recorded_and_goes_with_its_person(database: Database, actor: Actor) -> None:
    worker = desk_actor(database, "maija")
    with unit_of_work(database, worker) as session:
        partner = Partner(code="kajaani_library", type=PartnerType.MUNICIPAL, name="Kajaanin kirjasto")
        person = Person(household=Household(name="Reyes"), given_names="Ana", family_name="Reyes")
        person.papers.append(PaperGiven(kind=PaperKind.PACKET, languages="tl+fi", content_version="2026-11"))
        person.papers.append(PaperGiven(kind=PaperKind.SLIP, languages="tl", content_version="2026-11",
                                        account_id=worker.account_id, step_code="kela_card"))
        session.add_all([partner, person])
        session.flush()
        person.papers[1].partner_id = partner.id
        person_id, partner_id = person.id, partner.id
    with unit_of_work(database, worker) as session:
        papers = session.scalars(select(PaperGiven).order_by(PaperGiven.id)).all()
        assert [(p.kind, p.languages, p.step_code, p.partner_id) for p in papers] == [
            (PaperKind.PACKET, "tl+fi", None, None), (PaperKind.SLIP, "tl", "kela_card", partner_id)]
        assert all(p.given_at.tzinfo is not None for p in papers)
        session.delete(session.get(Partner, partner_id))
    with unit_of_work(database, actor) as session:
        assert session.scalars(select(PaperGiven.partner_id)).all() == [None, None]
        session.delete(session.get(Person, person_id))
    with unit_of_work(database, actor) as session:
        assert session.scalars(select(PaperGiven)).all() == []
    # An account that goes leaves its papers naming nobody (accounts are not removed yet: the schema says so).
    (account_key,) = PaperGiven.__table__.c.account_id.foreign_keys
    assert account_key.ondelete == "SET NULL"


def test_the_database_refuses_a_paper_kind_it_does_not_know(database: Database, actor: Actor) -> None:
    with unit_of_work(database, actor) as session:
        session.add(Person(household=Household(name="Reyes"), given_names="Ana", family_name="Reyes"))
    with pytest.raises(IntegrityError), database.engine.begin() as connection:
        connection.execute(text("INSERT INTO paper_given (person_id, kind, languages, content_version, given_at) "
                                "SELECT id, 'poster', 'fi', '1', :at FROM person"),
                           {"at": datetime(2026, 1, 1, tzinfo=UTC)})
