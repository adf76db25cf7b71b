"""Realistic demo households, the same for the same seed and day; plain data, no database.

Names come from ``resources/content/demo_names.json``: the countries Finland recruits
from and its biggest immigrant groups, with own-script spellings where they have a script.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from typing import Any

from welcomedesk.codes import (
    FeeAnswer,
    Housing,
    LanguageLevel,
    Payer,
    PermitType,
    Recruitment,
    Relation,
    Sector,
    Sex,
    Status,
)
from welcomedesk.folding import fold
from welcomedesk.identity import make_identity_code
from welcomedesk.occupations import match_occupation
from welcomedesk.resources import resource_path

# Employers a Kainuu desk sees: the wellbeing services county above all, and care companies.
# Apart from the county these are made-up names.
_CARE_EMPLOYERS = ("Kainuun hyvinvointialue",) * 6 + (
    "Hoivakoti Kotirinne Oy", "Palvelutalo Päivänpaiste Oy", "Kajaanin Kotihoito Oy",
)
_OTHER_EMPLOYERS = (
    "Vuokatin Matkailu Oy", "Kainuun Kone ja Metalli Oy", "Ravintola Kaarna", "Kajaanin Siivouspalvelu Oy",
    "Sotkamon Sahatuote Oy", "Kainuun IT-palvelut Oy", "Kuljetus Kiiski Oy",
)
_STREETS = ("Kauppakatu", "Pohjolankatu", "Kalliokatu", "Koulukatu", "Brahenkatu", "Linnankatu",
            "Ketunpolku", "Asematie", "Rantatie", "Kirkkotie", "Koivukuja", "Sairaalantie")
_NURSING = ("registered nurse", "practical nurse")
_PUBLIC_EMPLOYERS = frozenset({"Kainuun hyvinvointialue"})
_AGENCY = "Pohjoisen Hoitajat Rekrytointi Oy"  # made up
PRIVACY_NOTICE_VERSION = "2026-1"
# Where people move on to: Helsinki, Espoo, Tampere, Oulu, Turku.
_ELSEWHERE = ("091", "049", "837", "564", "853")


@dataclass(frozen=True)
class DemoPerson:
    """One made-up person, in the shape of the import columns."""

    relation: Relation
    given_names: str
    family_name: str
    native_name: str
    date_of_birth: date
    nationality: str
    languages: tuple[str, ...]
    email: str
    phone: str
    arrival_date: date
    status: Status
    employer: str
    occupation: str
    personal_identity_code: str | None
    street_address: str
    postal_code: str
    post_office: str
    municipality_code: str
    permit_type: PermitType | None
    permit_expiry: date | None
    sex: Sex | None = None
    mother_tongue: str = ""
    finnish_level: LanguageLevel | None = None
    swedish_level: LanguageLevel | None = None
    english_level: LanguageLevel | None = None
    business_id: str = ""
    occupation_group: str = ""
    sector: Sector | None = None
    recruitment: Recruitment | None = None
    recruiter: str = ""
    privacy_notice_date: date | None = None
    privacy_notice_language: str = ""
    privacy_notice_version: str = ""
    housing: Housing | None = None
    housing_paid_by: Payer | None = None
    lease_end: date | None = None
    move_notified: date | None = None
    recruitment_fee: FeeAnswer | None = None
    concern_raised: date | None = None
    concern_referred_to: str = ""
    tags: tuple[str, ...] = ()
    # (status, since, destination municipality code), oldest first; the last is ``status``.
    status_history: tuple[tuple[Status, date, str], ...] = ()


@dataclass(frozen=True)
class DemoHousehold:
    """A made-up family that arrives together."""

    name: str
    members: tuple[DemoPerson, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Place:
    """A municipality demo people live in."""

    code: str
    name: str
    postal_code: str


@cache
def _content() -> dict[str, Any]:
    return dict(json.loads(resource_path("content", "demo_names.json").read_text(encoding="utf-8")))


class _Generator:
    def __init__(self, seed: int, today: date, places: list[Place], taken_codes: frozenset[str]) -> None:
        # A text seed: an integer seed is taken by its absolute value, so -1 would repeat seed 1.
        self.rng = random.Random(f"welcomedesk-demo:{seed}")
        self.today = today
        self.places = places
        self.used_codes: set[str] = set(taken_codes)
        self.used_phones: set[str] = set()
        self.countries = tuple(_content()["countries"])
        self.titles: dict[str, str] = _content()["occupation_titles_fi"]
        self.weights = [c["weight"] for c in self.countries]

    def household(self) -> DemoHousehold:
        rng = self.rng
        country = rng.choices(self.countries, weights=self.weights)[0]
        place = rng.choices(self.places, weights=[6 if p.code == "205" else 2 for p in self.places])[0]
        # Arrivals spread over three years back; one in twelve is still expected.
        if rng.random() < 1 / 12:
            arrival = self.today + timedelta(days=rng.randint(3, 120))
        else:
            arrival = self.today - timedelta(days=rng.randint(0, 3 * 365))
        roll = rng.random()
        settled_long = (self.today - arrival).days > 120
        if arrival > self.today:
            status = Status.EXPECTED
        elif settled_long and roll < 0.07:
            status = Status.MOVED
        elif settled_long and roll < 0.11:
            status = Status.LEFT
        else:
            status = Status.ARRIVED
        address = (f"{rng.choice(_STREETS)} {rng.randint(1, 60)}"
                   + (f" {rng.choice('ABC')} {rng.randint(1, 30)}" if rng.random() < 0.6 else ""))
        main_female = rng.random() < 0.75
        main_age = rng.randint(23, 52)
        family = rng.choice(country["family"])
        history = self.history(status, arrival)
        members = [self.person(country, Relation.MAIN, main_female, main_age, family, arrival, status, place, address)]
        youngest_parent = main_age
        if rng.random() < 0.6:
            spouse_age = max(20, main_age + rng.randint(-5, 6))
            youngest_parent = min(main_age, spouse_age)
            members.append(self.person(country, Relation.SPOUSE, not main_female, spouse_age, family, arrival, status,
                                       place, address))
        if rng.random() < 0.55 and youngest_parent >= 21:
            for _ in range(rng.choice((1, 1, 2, 2, 3))):
                age = rng.randint(0, min(17, youngest_parent - 19))
                members.append(self.person(country, Relation.CHILD, rng.random() < 0.5, age, family, arrival, status,
                                           place, address))
        # A household moves together; a child born after arrival has the history from birth.
        members = [replace(m, status_history=tuple((s, max(since, m.arrival_date) if s is not Status.EXPECTED
                                                    else since, where) for s, since, where in history))
                   for m in members]
        return DemoHousehold(name=members[0].family_name, members=tuple(members))

    def history(self, status: Status, arrival: date) -> list[tuple[Status, date, str]]:
        rng = self.rng
        registered = min(arrival, self.today) - timedelta(days=rng.randint(0, 60))
        if status is Status.EXPECTED:
            return [(Status.EXPECTED, registered, "")]
        entries = [(Status.EXPECTED, registered, ""), (Status.ARRIVED, arrival, "")]
        days_here = (self.today - arrival).days
        if status in (Status.MOVED, Status.LEFT):
            left_on = arrival + timedelta(days=rng.randint(min(120, days_here), max(120, days_here)))
            where = rng.choice(_ELSEWHERE) if status is Status.MOVED else ""
            entries.append((status, min(left_on, self.today), where))
        return entries

    def person(self, country: dict[str, Any], relation: Relation, female: bool, age: int, family: dict[str, Any],
               arrival: date, status: Status, place: Place, address: str) -> DemoPerson:
        rng = self.rng
        pool = country["given_female" if female else "given_male"]
        # Some children get two given names; the own-script spelling then needs both.
        chosen = rng.sample(pool, 2) if relation is Relation.CHILD and rng.random() < 0.3 else [rng.choice(pool)]
        given_names = " ".join(name["latin"] for name in chosen)
        natives = [name.get("native") or "" for name in chosen]
        given_native = " ".join(natives) if all(natives) else ""
        family_latin = family.get("latin_female", family["latin"]) if female else family["latin"]
        family_native = (family.get("native_female") or family.get("native") or "") if female else (
            family.get("native") or "")
        native = ""
        if country["script"] and (given_native or family_native):
            g = given_native or given_names
            f = family_native or family_latin
            if country["code"] == "CN":
                native = f + g
            elif country["code"] == "VN":
                native = f"{f} {g}"
            else:
                native = f"{g} {f}"
        birth = self.today - timedelta(days=age * 365 + rng.randint(0, 364))
        if birth > arrival:
            arrival = birth  # born in Finland after the family came
        adult = relation is not Relation.CHILD
        arrived = status is not Status.EXPECTED
        code = self.identity_code(birth, arrival) if arrived and rng.random() < 0.85 else None
        occupation = employer = ""
        if relation is Relation.MAIN:
            occupation = rng.choice(country["occupations_main"])
            employer = rng.choice(_CARE_EMPLOYERS if occupation in _NURSING else _OTHER_EMPLOYERS)
        elif relation is Relation.SPOUSE:
            occupation = rng.choice(country["occupations_spouse"])
            if arrived and rng.random() < 0.45:
                employer = rng.choice(_OTHER_EMPLOYERS)
        group = match_occupation(occupation) or ""
        recruitment, recruiter = _recruitment(relation, occupation, employer)
        settled_in = (self.today - arrival).days > 90
        # A Finnish desk writes the occupation in Finnish.
        occupation = self.titles.get(occupation, occupation)
        eu = country["code"] == "EE"
        permit_type = PermitType.EU if eu else rng.choice((PermitType.TEMPORARY,) * 3 + (PermitType.CONTINUOUS,))
        permit_expiry = None
        if not eu and permit_type is not PermitType.CONTINUOUS:
            permit_expiry = arrival + timedelta(days=rng.choice((365, 730, 1095)))
            # Most permits were extended in time; a few lapse, which a desk must notice.
            while permit_expiry < self.today and rng.random() < 0.9:
                permit_expiry += timedelta(days=730)
        email = phone = ""
        if adult:
            local = ".".join(fold(part).replace(" ", "") for part in (given_names.split()[0], family_latin))
            email = f"{local}{rng.randint(1, 99)}@example.com"
            if arrived:
                phone = self.phone()
        return DemoPerson(
            relation=relation, given_names=given_names, family_name=family_latin, native_name=native,
            date_of_birth=birth, nationality=country["code"], languages=tuple(country["languages"]),
            email=email, phone=phone, arrival_date=arrival, status=status, employer=employer,
            occupation=occupation, personal_identity_code=code,
            street_address=address if arrived else "", postal_code=place.postal_code if arrived else "",
            post_office=place.name if arrived else "", municipality_code=place.code,
            permit_type=permit_type, permit_expiry=permit_expiry,
            sex=Sex.FEMALE if female else Sex.MALE, mother_tongue=country["languages"][0],
            occupation_group=group, sector=_sector(employer), recruitment=recruitment, recruiter=recruiter,
            privacy_notice_date=arrival if arrived else None,
            privacy_notice_language=country["languages"][0] if arrived else "",
            privacy_notice_version=PRIVACY_NOTICE_VERSION if arrived else "",
            # The first months in a flat found for them, then a lease of their own.
            housing=(Housing.RENTAL if settled_in else Housing.TEMPORARY) if arrived else None,
            housing_paid_by=(Payer.SELF if settled_in else Payer.EMPLOYER) if arrived else None,
            move_notified=arrival + timedelta(days=7) if arrived and settled_in else None,
            recruitment_fee=FeeAnswer.NO_FEE if arrived and recruitment is Recruitment.AGENCY else None,
        )

    def identity_code(self, birth: date, arrival: date) -> str | None:
        rng = self.rng
        sign = None
        # Codes given since 2023 may carry the new century letters.
        if arrival.year >= 2023 and rng.random() < 0.3:
            sign = rng.choice("YXWVU" if birth.year < 2000 else "BCDEF")
        number = rng.randint(2, 899)
        code = make_identity_code(birth, number, sign)
        # A code already given (in this data or in the database) is replaced by one drawn from a
        # generator of its own, so the rest of the data stays the same for the same seed.
        retry = random.Random(code)
        for _attempt in range(2000):
            if code not in self.used_codes:
                self.used_codes.add(code)
                return code
            code = make_identity_code(birth, retry.randint(2, 899), sign)
        return None  # every number of that day is taken: this person has no code yet

    def phone(self) -> str:
        while True:
            number = f"+35840{self.rng.randint(1000000, 9999999)}"
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number


def _sector(employer: str) -> Sector | None:
    if not employer:
        return None
    return Sector.PUBLIC if employer in _PUBLIC_EMPLOYERS else Sector.PRIVATE


def _recruitment(relation: Relation, occupation: str, employer: str) -> tuple[Recruitment | None, str]:
    # Nurses come through an agency, other workers straight to their employer; a spouse found work alone.
    if relation is Relation.MAIN:
        return (Recruitment.AGENCY, _AGENCY) if occupation in _NURSING else (Recruitment.EMPLOYER, "")
    if employer:
        return Recruitment.OWN, ""
    return None, ""


def generate(households: int, seed: int, today: date, places: list[Place],
             taken_codes: frozenset[str] = frozenset()) -> list[DemoHousehold]:
    """``households`` made-up families living in ``places``; the same for the same arguments.

    No identity code in ``taken_codes`` (those already registered) is given out again.
    """
    if not places:
        raise ValueError("demo data needs at least one municipality")
    generator = _Generator(seed, today, places, taken_codes)
    return [generator.household() for _ in range(households)]
