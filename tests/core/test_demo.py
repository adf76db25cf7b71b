"""Demo data: realistic, varied and the same for the same seed."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from welcomedesk.demo import Place, generate
from welcomedesk.identity import parse_identity_code

TODAY = date(2026, 11, 23)
PLACES = [Place("205", "Kajaani", "87100"), Place("765", "Sotkamo", "88600")]


def test_the_same_seed_gives_the_same_households() -> None:
    assert generate(50, 7, TODAY, PLACES) == generate(50, 7, TODAY, PLACES)
    assert generate(50, 7, TODAY, PLACES) != generate(50, 8, TODAY, PLACES)


def test_households_are_realistic() -> None:
    households = generate(2000, 1, TODAY, PLACES)
    people = [p for h in households for p in h.members]
    names_by_country: dict[str, set[str]] = defaultdict(set)
    for p in people:
        names_by_country[p.nationality].add(f"{p.given_names} {p.family_name}")
    assert len(names_by_country) >= 12
    assert all(len(names) >= 30 for names in names_by_country.values()), {
        c: len(n) for c, n in names_by_country.items()}
    # Own-script names where the country has a script.
    natives = {p.nationality for p in people if p.native_name}
    assert {"UA", "RU", "IQ", "SY", "CN", "VN", "TH", "NP"} <= natives
    assert not any(p.native_name for p in people if p.nationality in {"PH", "ZM", "KE", "SO"})
    relations = Counter(p.relation for p in people)
    assert relations["main"] == 2000 and relations["spouse"] > 800 and relations["child"] > 600
    for household in households:
        parents = [p for p in household.members if p.relation in ("main", "spouse")]
        for child in (p for p in household.members if p.relation == "child"):
            assert all((child.date_of_birth - parent.date_of_birth).days > 18 * 365 for parent in parents)
            assert (TODAY - child.date_of_birth).days < 18 * 366
    arrivals = [p.arrival_date for p in people]
    assert min(arrivals) < date(2024, 1, 1) and max(arrivals) > TODAY
    statuses = Counter(p.status for p in people)
    assert all(statuses[s] > 0 for s in ("expected", "arrived", "moved", "left"))
    codes = [p.personal_identity_code for p in people if p.personal_identity_code]
    assert len(codes) == len(set(codes)) > 1000
    for p in people:
        if p.personal_identity_code:
            assert parse_identity_code(p.personal_identity_code).birth_date == p.date_of_birth
    assert {p.municipality_code for p in people} == {"205", "765"}


def test_occupations_are_written_in_finnish() -> None:
    people = [p for h in generate(300, 2, TODAY, PLACES) for p in h.members if p.occupation]
    assert {"sairaanhoitaja", "lähihoitaja"} <= {p.occupation for p in people}
    assert not any(p.occupation in ("registered nurse", "practical nurse", "welder") for p in people)
