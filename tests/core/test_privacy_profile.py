"""The privacy profile: who the controller is and in which role; what an employer's relocation service may record,
and the privacy notice the welcome packet prints for each role, in Finnish and in Arabic."""

from __future__ import annotations

import io
import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from welcomedesk.actor import Actor
from welcomedesk.codes import PaperKind, PrivacyRole, Sex
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.errors import PermissionDenied, ValidationError
from welcomedesk.model import Person, Setting
from welcomedesk.packet.texts import packet_texts
from welcomedesk.person_fields import EMPLOYER_FIELDS, FIELD, FIELDS, IMPORT_COLUMNS, fields_for
from welcomedesk.services import papers
from welcomedesk.services.accounts import desk_actor
from welcomedesk.services.papers import PaperRequest
from welcomedesk.services.privacy_profile import (
    PrivacyProfile,
    privacy_notice,
    privacy_profile,
    set_privacy_profile,
)
from welcomedesk.services.registration import register_household, update_person
from welcomedesk.services.setup import Municipality, save_profile

ON = date(2026, 11, 25)
NOT_RECORDED = "This is not recorded under the service point's privacy profile."
# What an employer's relocation service never records (the municipality's own questions among them).
NOT_FOR_EMPLOYERS = {"sex", "mother_tongue", "recruitment_fee", "concern_raised", "concern_referred_to"}


@pytest.fixture
def service_point(database: Database, actor: Actor) -> Database:
    save_profile(database, actor, "Kainuun Welcome Desk", [Municipality("205", "Kajaani")])
    return database


def _nurse(**more: str) -> dict[str, str]:
    return {"given_names": "Maria Luz", "family_name": "Santos", "date_of_birth": "12.3.1990", "nationality": "PH",
            "languages": "en;tl", "arrival_date": "20.11.2026", "employer": "Kainuun hyvinvointialue",
            "occupation": "Sairaanhoitaja", **more}


# -- the fields


def test_an_employer_records_what_the_employment_and_the_move_need_and_nothing_of_the_recruitment_check() -> None:
    assert set(FIELD) - set(EMPLOYER_FIELDS) == NOT_FOR_EMPLOYERS
    assert fields_for(PrivacyRole.MUNICIPAL) == tuple(f.name for f in FIELDS)
    assert fields_for(PrivacyRole.EMPLOYER) == EMPLOYER_FIELDS
    assert {"personal_identity_code", "permit_expiry", "finnish_level", "swedish_level", "housing", "lease_end",
            "business_id", "recruiter", "privacy_notice_date", "tags"} <= set(EMPLOYER_FIELDS)


def test_every_import_column_is_one_an_employer_may_record() -> None:
    # So the import has no column to refuse under either role (a new column outside the set would need one).
    assert set(IMPORT_COLUMNS) - {"household"} <= set(EMPLOYER_FIELDS)


# -- the profile


def test_until_set_the_service_point_is_the_controller_as_a_municipal_service(service_point: Database,
                                                                               actor: Actor) -> None:
    assert privacy_profile(service_point, actor) == PrivacyProfile("Kainuun Welcome Desk", PrivacyRole.MUNICIPAL, "")
    desk_actor(service_point, "maija")  # the first account holds every role
    worker = desk_actor(service_point, "pekka")  # the second one is a desk worker only
    assert privacy_profile(service_point, worker).role is PrivacyRole.MUNICIPAL


def test_an_administrator_sets_it_and_it_is_kept_in_the_settings(service_point: Database, actor: Actor) -> None:
    saved = set_privacy_profile(service_point, actor, "  Kainuun   hyvinvointialue ", "employer",
                                " tietosuoja@kainuu.example ")
    assert saved == PrivacyProfile("Kainuun hyvinvointialue", PrivacyRole.EMPLOYER, "tietosuoja@kainuu.example")
    assert privacy_profile(service_point, actor) == saved
    assert saved.fields == EMPLOYER_FIELDS
    with unit_of_work(service_point, None) as session:
        stored = {s.key: s.value for s in session.scalars(select(Setting).where(Setting.key.like("privacy.%")))}
    assert stored == {"privacy.controller": "Kainuun hyvinvointialue", "privacy.role": "employer",
                      "privacy.contact": "tietosuoja@kainuu.example"}


def test_every_refusal_comes_at_once_by_field_and_nothing_is_saved(service_point: Database, actor: Actor) -> None:
    with pytest.raises(ValidationError) as refused:
        set_privacy_profile(service_point, actor, "   ", "landlord", "x" * 201)
    assert {p.field for p in refused.value.problems} == {"controller", "role", "contact"}
    with pytest.raises(ValidationError) as refused:
        set_privacy_profile(service_point, actor, "x" * 201, PrivacyRole.MUNICIPAL, "")
    assert [p.field for p in refused.value.problems] == ["controller"]
    assert privacy_profile(service_point, actor).controller == "Kainuun Welcome Desk"


def test_a_desk_worker_cannot_change_it(service_point: Database) -> None:
    desk_actor(service_point, "maija")
    worker = desk_actor(service_point, "pekka")
    with pytest.raises(PermissionDenied):
        set_privacy_profile(service_point, worker, "Someone", PrivacyRole.EMPLOYER, "")


# -- what the registration takes


def test_an_employer_registration_refuses_what_it_may_not_record_for_each_member(service_point: Database,
                                                                                 actor: Actor) -> None:
    set_privacy_profile(service_point, actor, "Kainuun hyvinvointialue", PrivacyRole.EMPLOYER, "")
    with pytest.raises(ValidationError) as refused:
        register_household(service_point, actor, [
            _nurse(sex="female", recruitment_fee="no_fee", date_of_birth="31.2.1990"),
            {"relation": "spouse", "given_names": "Jose", "family_name": "Santos", "sex": "male"},
        ], ON)
    problems = {(p.field, p.row): p.message for p in refused.value.problems}
    assert problems[("sex", 0)] == problems[("recruitment_fee", 0)] == problems[("sex", 1)] == NOT_RECORDED
    assert ("date_of_birth", 0) in problems  # refused together with what is wrong anyway
    with unit_of_work(service_point, None) as session:
        assert session.scalars(select(Person)).all() == []
    # Empty, they are simply not recorded.
    [main] = register_household(service_point, actor, [_nurse(sex="", recruitment_fee="")], ON)
    with unit_of_work(service_point, None) as session:
        person = session.get(Person, main)
        assert person is not None and person.sex is None and person.employer == "Kainuun hyvinvointialue"


def test_an_edit_may_empty_but_not_fill_a_field_the_profile_does_not_record(service_point: Database,
                                                                           actor: Actor) -> None:
    [main] = register_household(service_point, actor, [_nurse(sex="female")], ON)  # recorded as a municipality
    set_privacy_profile(service_point, actor, "Kainuun hyvinvointialue", PrivacyRole.EMPLOYER, "")
    with unit_of_work(service_point, None) as session:
        person = session.get(Person, main)
        assert person is not None and person.sex is Sex.FEMALE
        version = person.version
    with pytest.raises(ValidationError) as refused:
        update_person(service_point, actor, main, version, {"concern_raised": "20.11.2026", "phone": "040 1234567"},
                      ON)
    assert [(p.field, p.message) for p in refused.value.problems] == [("concern_raised", NOT_RECORDED)]
    version = update_person(service_point, actor, main, version, {"sex": "", "phone": "040 1234567"}, ON)
    with unit_of_work(service_point, None) as session:
        person = session.get(Person, main)
        assert person is not None and person.sex is None and person.phone == "+358401234567"
    # Back in the municipal role, the fields are recorded again.
    set_privacy_profile(service_point, actor, "Kajaanin kaupunki", PrivacyRole.MUNICIPAL, "")
    update_person(service_point, actor, main, version, {"sex": "female", "concern_raised": "20.11.2026"}, ON)


# -- the privacy notice on the packet


def _bare(text: str) -> str:
    """NFKC (Arabic comes back as presentation forms) without the marks the extracted text may drop (shadda)."""
    return "".join(c for c in unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
                   if unicodedata.category(c) != "Mn")


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(_bare("\n".join(p.extract_text() for p in reader.pages)).split())


def _words(key: str, language: str) -> list[str]:
    """The longer words of a packet text, as they come back from the PDF (punctuation off)."""
    text = _bare(packet_texts(language).text(key))
    words = [w.strip(".,،:()") for w in text.split()]
    return [w for w in words if len(w) >= 5]


def _says(text: str, key: str, language: str) -> bool:
    """Whether the PDF's text holds the words of ``key`` that the other privacy text has not."""
    other = "privacy_text" if key == "privacy_text_employer" else "privacy_text_employer"
    words = [w for w in _words(key, language) if w not in _words(other, language)]
    # Right-to-left lines come back in visual order: a word may read backwards, so either way counts.
    found = [w for w in words if w in text or w[::-1] in text]
    return len(words) >= 3 and len(found) >= 0.8 * len(words)


def _packet(database: Database, actor: Actor, language: str) -> str:
    [main] = register_household(database, actor, [_nurse(given_names=f"Maria {language}")], ON)
    return _text(papers.make_paper(database, actor, PaperRequest(PaperKind.PACKET, main, (language,)), ON).paper.pdf)


@pytest.mark.parametrize("language", ["fi", "ar"])
def test_an_employers_packet_names_the_controller_and_says_it_records_only_what_the_work_needs(
        service_point: Database, actor: Actor, language: str) -> None:
    set_privacy_profile(service_point, actor, "Kainuun hyvinvointialue", PrivacyRole.EMPLOYER,
                        "tietosuoja@kainuu.example")
    text = _packet(service_point, actor, language)
    assert "Kainuun hyvinvointialue" in text and "tietosuoja@kainuu.example" in text
    assert _says(text, "privacy_text_employer", language)
    assert not _says(text, "privacy_text", language)


@pytest.mark.parametrize("language", ["fi", "ar"])
def test_a_municipal_packet_keeps_the_municipal_notice_and_names_the_service_point(
        service_point: Database, actor: Actor, language: str) -> None:
    text = _packet(service_point, actor, language)
    assert _says(text, "privacy_text", language)
    assert not _says(text, "privacy_text_employer", language)
    controller = _bare(packet_texts(language).text("privacy_controller", controller="Kainuun Welcome Desk"))
    assert "Kainuun Welcome Desk" in text
    if language == "fi":
        assert controller in text


def test_the_notice_shown_in_the_settings_is_the_packets(service_point: Database, actor: Actor) -> None:
    employer = PrivacyProfile("Kainuun hyvinvointialue", PrivacyRole.EMPLOYER, "")
    notice = privacy_notice(employer, "fi")
    finnish = packet_texts("fi")
    assert notice.heading == finnish.text("privacy_heading")
    assert notice.paragraphs == (finnish.text("privacy_text_employer") + " "
                                 + finnish.text("privacy_controller", controller="Kainuun hyvinvointialue"),)
    municipal = privacy_notice(PrivacyProfile("Kajaani", PrivacyRole.MUNICIPAL, "08 615 5555"), "sv")
    swedish = packet_texts("sv")
    assert municipal.paragraphs == (swedish.text("privacy_text") + " " + swedish.text(
        "privacy_controller_contact", controller="Kajaani", contact="08 615 5555"),)
