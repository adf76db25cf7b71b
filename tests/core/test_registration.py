"""Registering a household and editing a person in the services: validation, duplicates, conflicts."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from welcomedesk.actor import Actor
from welcomedesk.codes import LanguageLevel, Recruitment, Relation, Sector, Sex, Status
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.errors import ConflictError, DuplicateError, ValidationError
from welcomedesk.model import Person
from welcomedesk.services.duplicates import Candidate, find_registered
from welcomedesk.services.newcomers import get_person
from welcomedesk.services.registration import register_household, update_person

TODAY = date(2026, 11, 25)


def family() -> list[dict[str, str]]:
    """A nurse's family of four as a desk worker types it (Finnish and English words mixed)."""
    return [
        {"given_names": "Maria Luz", "family_name": "Santos", "native_name": "", "date_of_birth": "12.3.1990",
         "sex": "female", "nationality": "Filippiinit", "personal_identity_code": "120390-402B",
         "phone": "040 123 4567", "email": "maria.santos@example.com", "street_address": "Kauppakatu 1 B 12",
         "postal_code": "87100", "post_office": "Kajaani", "municipality_code": "205", "mother_tongue": "tagalog",
         "languages": "englanti; tagalog", "finnish_level": "A1", "swedish_level": "none", "english_level": "C1",
         "arrival_date": "1.11.2026", "permit_type": "B", "permit_expiry": "1.11.2027",
         "employer": "Kainuun hyvinvointialue", "business_id": "0737546-2", "occupation": "Sairaanhoitaja",
         "occupation_group": "", "sector": "public", "recruitment": "agency", "recruiter": "Nordic Care Oy",
         "privacy_notice_date": "25.11.2026", "privacy_notice_language": "en", "privacy_notice_version": "2026-1"},
        {"relation": "spouse", "given_names": "Jose", "family_name": "Santos", "date_of_birth": "2.2.1988",
         "sex": "male", "nationality": "PH"},
        {"relation": "child", "given_names": "Ana", "family_name": "Santos", "date_of_birth": "5.6.2016",
         "nationality": "PH"},
        {"relation": "child", "given_names": "Miguel", "family_name": "Santos", "date_of_birth": "7.8.2021",
         "nationality": "PH"},
    ]


def test_a_family_of_four_is_registered_with_what_they_share(database: Database, actor: Actor) -> None:
    ids = register_household(database, actor, family(), TODAY)
    assert len(ids) == 4
    with unit_of_work(database, None) as session:
        people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids)))}
        main, spouse, *children = (people[i] for i in ids)
        assert len({p.household_id for p in people.values()}) == 1
        assert [p.relation for p in (main, spouse, *children)] == [Relation.MAIN, Relation.SPOUSE, Relation.CHILD,
                                                                   Relation.CHILD]
        assert (main.nationality, main.mother_tongue, main.language_codes()) == ("PH", "tl", ("en", "tl"))
        assert (main.sex, main.finnish_level, main.english_level) == (Sex.FEMALE, LanguageLevel.A1, LanguageLevel.C1)
        assert (main.sector, main.recruitment, main.recruiter) == (Sector.PUBLIC, Recruitment.AGENCY, "Nordic Care Oy")
        # The typed title names its group clearly.
        assert main.occupation_group == "2221"
        assert main.phone == "+358401234567"
        assert main.status is Status.ARRIVED and main.status_history[0].since == date(2026, 11, 1)
        # The others live at the same address and arrived with the main person.
        assert (children[1].street_address, children[1].municipality_code, children[1].arrival_date) == (
            "Kauppakatu 1 B 12", "205", date(2026, 11, 1))
        assert children[1].language_codes() == ("en", "tl")
        assert spouse.personal_identity_code is None


def test_every_reason_comes_back_with_its_field_and_member(database: Database, actor: Actor) -> None:
    members = family()
    members[0]["personal_identity_code"] = "120390-402C"  # wrong check character
    members[0]["business_id"] = "1234567-8"
    members[0]["recruiter"] = ""
    members[2]["date_of_birth"] = "31.2.2016"
    members[3]["given_names"] = ""
    with pytest.raises(ValidationError) as refused:
        register_household(database, actor, members, TODAY)
    assert {(p.row, p.field) for p in refused.value.problems} == {
        (0, "personal_identity_code"), (0, "business_id"), (0, "recruiter"), (2, "date_of_birth"),
        (3, "given_names")}
    with unit_of_work(database, None) as session:
        assert session.scalars(select(Person)).first() is None


@pytest.mark.parametrize(("field", "text"), [
    ("date_of_birth", "1.1.2030"), ("permit_expiry", "1.1.2030"), ("privacy_notice_date", "1.1.2027"),
    ("arrival_date", "1.1.1980"), ("occupation_group", "9999"), ("sex", "f"), ("finnish_level", "B3"),
    ("nationality", "Atlantis"), ("mother_tongue", "klingonish"), ("email", "maria@"), ("phone", "call me")])
def test_a_field_that_does_not_hold_is_refused(database: Database, actor: Actor, field: str, text: str) -> None:
    members = family()[:1]
    members[0][field] = text
    if field == "permit_expiry":
        members[0]["permit_type"] = "EU"  # an EU registration has no end date
    if field == "date_of_birth":
        members[0]["personal_identity_code"] = ""
    with pytest.raises(ValidationError) as refused:
        register_household(database, actor, members, TODAY)
    assert refused.value.problems[0].field == field


@pytest.mark.parametrize("name", [
    "Smith & <Jones>", "=HYPERLINK(\"x\")", "محمد عبد الله", "Zoë\u0301", "Nguyễn 😀", "x" * 100])
def test_hostile_names_are_stored_exactly(database: Database, actor: Actor, name: str) -> None:
    members = family()[:1]
    members[0]["family_name"] = name
    [person_id] = register_household(database, actor, members, TODAY)
    import unicodedata
    assert get_person(database, actor, person_id).row.family_name == unicodedata.normalize("NFC", name)


@pytest.mark.parametrize("name", ["x" * 101, "Tab\there", "Null\x00byte", "Bell\x07"])
def test_names_that_cannot_be_kept_as_given_are_refused(database: Database, actor: Actor, name: str) -> None:
    members = family()[:1]
    members[0]["family_name"] = name
    with pytest.raises(ValidationError) as refused:
        register_household(database, actor, members, TODAY)
    assert refused.value.problems[0].field == "family_name"


def test_a_registered_person_is_found_and_refused_by_name(database: Database, actor: Actor) -> None:
    [main, *_others] = register_household(database, actor, family(), TODAY)
    again = family()
    # The same name and birth date, written differently: found all the same.
    again[1]["given_names"] = "JOSÉ"
    again[0]["personal_identity_code"] = ""
    found = find_registered(database, actor, [Candidate("Santos", "Maria Luz", date(1990, 3, 12)),
                                              Candidate(personal_identity_code="120390-402B")])
    assert [(m.candidate, m.person_id, m.by_code) for m in found] == [(0, main, False), (1, main, True)]
    with pytest.raises(DuplicateError) as refused:
        register_household(database, actor, again, TODAY)
    assert f"Santos, Maria Luz (number {main})" in refused.value.message


def test_a_race_on_the_identity_code_names_the_person_there(database: Database, actor: Actor,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    [main, *_others] = register_household(database, actor, family()[:1], TODAY)
    # Another desk saved the code between our check and our write: only the constraint sees it.
    import welcomedesk.services.registration as registration
    real = registration.registered_already
    calls: list[int] = []

    def blind_once(session: object, candidates: list[Candidate]) -> list[object]:
        calls.append(1)
        return [] if len(calls) == 1 else real(session, candidates)  # type: ignore[arg-type]

    monkeypatch.setattr(registration, "registered_already", blind_once)
    other = family()[:1]
    other[0].update(given_names="Someone", family_name="Else")
    with pytest.raises(DuplicateError) as refused:
        register_household(database, actor, other, TODAY)
    assert f"(number {main})" in refused.value.message
    assert "120390-402B" not in refused.value.message


def test_an_edit_saves_over_the_loaded_version_and_a_stale_one_is_a_conflict(database: Database,
                                                                              actor: Actor) -> None:
    [main, *_others] = register_household(database, actor, family(), TODAY)
    loaded = get_person(database, actor, main)
    other_desk = update_person(database, actor, main, loaded.version, {"phone": "044 765 4321"}, TODAY)
    assert other_desk == loaded.version + 1
    with pytest.raises(ConflictError):
        update_person(database, actor, main, loaded.version, {"email": "new@example.com"}, TODAY)
    now = get_person(database, actor, main)
    assert (now.row.phone, now.row.email) == ("+358447654321", "maria.santos@example.com")
    update_person(database, actor, main, now.version, {"given_names": "Maria", "occupation": "lähihoitaja",
                                                       "occupation_group": "5321"}, TODAY)
    assert get_person(database, actor, main).row.given_names == "Maria"


def test_an_edit_to_a_code_someone_else_has_is_refused_by_name(database: Database, actor: Actor) -> None:
    [main, spouse, *_children] = register_household(database, actor, family(), TODAY)
    loaded = get_person(database, actor, spouse)
    with pytest.raises(DuplicateError) as refused:
        update_person(database, actor, spouse, loaded.version,
                      {"personal_identity_code": "120390-402B", "date_of_birth": "12.3.1990"}, TODAY)
    assert f"(number {main})" in refused.value.message


def test_show_json_carries_the_new_fields(database: Database, actor: Actor) -> None:
    [main, *_others] = register_household(database, actor, family(), TODAY)
    data = get_person(database, actor, main).as_json()
    assert (data["occupation_group"], data["recruitment"], data["finnish_level"], data["privacy_notice_date"]) == (
        "2221", "agency", "A1", "2026-11-25")


def test_housing_and_recruitment_facts_are_recorded_as_facts(database: Database, actor: Actor) -> None:
    [main, *_others] = register_household(database, actor, family(), TODAY)
    loaded = get_person(database, actor, main)
    with pytest.raises(ValidationError) as refused:
        update_person(database, actor, main, loaded.version,
                      {"concern_referred_to": "Työsuojelu", "concern_raised": ""}, TODAY)
    assert [p.field for p in refused.value.problems] == ["concern_raised"]
    update_person(database, actor, main, loaded.version, {
        "housing": "temporary", "housing_paid_by": "employer", "lease_end": "31.1.2027",
        "move_notified": "3.11.2026", "recruitment_fee": "fee_charged", "concern_raised": "20.11.2026",
        "concern_referred_to": "Työsuojelun vastuualue"}, TODAY)
    data = get_person(database, actor, main).as_json()
    assert (data["housing"], data["housing_paid_by"], data["lease_end"], data["recruitment_fee"]) == (
        "temporary", "employer", "2027-01-31", "fee_charged")
    assert data["concern_referred_to"] == "Työsuojelun vastuualue"


def test_project_tags_are_edited_as_one_field_and_stored_as_rows(database: Database, actor: Actor) -> None:
    [main, *_others] = register_household(database, actor, family(), TODAY)
    loaded = get_person(database, actor, main)
    update_person(database, actor, main, loaded.version,
                  {"tags": "ESR Osaajat Kainuuseen; esr osaajat kainuuseen ;Talent Boost"}, TODAY)
    detail = get_person(database, actor, main)
    assert detail.details["tags"] == ("ESR Osaajat Kainuuseen", "Talent Boost")
    assert detail.as_json()["tags"] == "ESR Osaajat Kainuuseen;Talent Boost"
    update_person(database, actor, main, detail.version, {"tags": "Talent Boost"}, TODAY)
    assert get_person(database, actor, main).details["tags"] == ("Talent Boost",)
    with pytest.raises(ValidationError) as refused:
        update_person(database, actor, main, detail.version + 1, {"tags": "x" * 65}, TODAY)
    assert refused.value.problems[0].field == "tags"
