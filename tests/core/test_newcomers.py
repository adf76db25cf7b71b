"""Finding newcomers: accent- and case-free prefix search on every word, sort and filter in SQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, text

from welcomedesk.actor import Actor
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.errors import ValidationError
from welcomedesk.model import AuditEntry, Household, Person
from welcomedesk.services.newcomers import NewcomerQuery, get_person, newcomer_page, search_newcomers

PEOPLE = [
    # given, family, native, status, arrival
    ("Thi Lan", "Nguyen", "Nguyễn Thị Lan", "arrived", date(2025, 3, 1)),
    ("Aino", "Ääkkönen", "", "expected", date(2026, 12, 1)),
    ("Olena", "Shevchenko", "Олена Шевченко", "arrived", date(2024, 6, 15)),
    ("Ahmed", "Al-Tamimi", "أحمد التميمي", "moved", date(2023, 1, 10)),
    ("Maria Luisa", "Santos", "", "arrived", date(2025, 9, 30)),
    ("Jose", "Santos", "", "left", None),
]


@pytest.fixture
def people(database: Database, actor: Actor) -> dict[str, int]:
    ids: dict[str, int] = {}
    with unit_of_work(database, actor) as session:
        for given, family, native, status, arrival in PEOPLE:
            household = Household(name=family)
            person = Person(household=household, given_names=given, family_name=family, native_name=native,
                            status=status, arrival_date=arrival)
            session.add(person)
            session.flush()
            ids[f"{given} {family}"] = person.id
    return ids


def _names(database: Database, actor: Actor, **query: object) -> list[str]:
    page = search_newcomers(database, actor, NewcomerQuery(**query))  # type: ignore[arg-type]
    assert page.total == len(page.rows)
    return [f"{r.given_names} {r.family_name}" for r in page.rows]


@pytest.mark.parametrize(("search", "expected"), [
    ("nguyen", ["Thi Lan Nguyen"]),
    ("NGUYỄN", ["Thi Lan Nguyen"]),
    ("aakko", ["Aino Ääkkönen"]),
    ("ÄÄKKÖNEN aino", ["Aino Ääkkönen"]),
    ("шевч", ["Olena Shevchenko"]),
    ("олена", ["Olena Shevchenko"]),
    ("التميمي", ["Ahmed Al-Tamimi"]),
    ("tamimi", ["Ahmed Al-Tamimi"]),
    ("santos", ["Jose Santos", "Maria Luisa Santos"]),
    ("luisa santos", ["Maria Luisa Santos"]),
    ("santos x", []),
    ("lan thi", ["Thi Lan Nguyen"]),
    ("'; DROP TABLE person; --", []),
])
def test_search_matches_every_word_of_every_name(database: Database, actor: Actor, people: dict[str, int],
                                                 search: str, expected: list[str]) -> None:
    assert _names(database, actor, search=search) == expected


def test_search_by_identity_code(database: Database, actor: Actor, people: dict[str, int]) -> None:
    from welcomedesk.identity import make_identity_code

    code = make_identity_code(date(1990, 6, 15), 123, "Y")
    with unit_of_work(database, actor) as session:
        session.get(Person, people["Olena Shevchenko"]).personal_identity_code = code  # type: ignore[union-attr]
    assert _names(database, actor, search=code.lower()) == ["Olena Shevchenko"]
    assert _names(database, actor, search=code.replace("Y", "-")) == []


def test_renaming_updates_the_search_key(database: Database, actor: Actor, people: dict[str, int]) -> None:
    with unit_of_work(database, actor) as session:
        person = session.get(Person, people["Jose Santos"])
        assert person is not None
        person.family_name = "Dela Cruz"
    assert _names(database, actor, search="cruz") == ["Jose Dela Cruz"]
    assert _names(database, actor, search="santos") == ["Maria Luisa Santos"]


def test_filters_and_sorts(database: Database, actor: Actor, people: dict[str, int]) -> None:
    assert _names(database, actor, statuses=frozenset({"moved", "left"})) == ["Ahmed Al-Tamimi", "Jose Santos"]
    arrived_2025 = _names(database, actor, arrived_from=date(2025, 1, 1), arrived_to=date(2025, 12, 31),
                          sort="arrival")
    assert arrived_2025 == ["Thi Lan Nguyen", "Maria Luisa Santos"]
    by_arrival_desc = _names(database, actor, sort="arrival", descending=True)
    assert by_arrival_desc[0] == "Aino Ääkkönen" and by_arrival_desc[-1] == "Jose Santos"  # no date: last
    # Sorting by name folds accents: Ääkkönen sorts among the A's.
    assert _names(database, actor)[:2] == ["Aino Ääkkönen", "Ahmed Al-Tamimi"]
    with pytest.raises(ValidationError):
        _names(database, actor, sort="password")


def test_pages_continue_where_the_first_ended(database: Database, actor: Actor, people: dict[str, int]) -> None:
    first = search_newcomers(database, actor, NewcomerQuery(sort="name"), limit=4)
    rest = newcomer_page(database, actor, NewcomerQuery(sort="name"), offset=4, limit=4)
    ids = [r.id for r in first.rows + rest.rows]
    assert first.total == 6 and len(ids) == 6 and len(set(ids)) == 6


def test_a_search_writes_one_audit_row_without_the_text(database: Database, actor: Actor,
                                                         people: dict[str, int]) -> None:
    def count() -> int:
        with unit_of_work(database, actor) as session:
            return session.scalar(select(func.count()).select_from(AuditEntry).where(
                AuditEntry.action.in_(["search", "list", "view"]))) or 0

    before = count()
    search_newcomers(database, actor, NewcomerQuery(search="Shevchenko"))
    get_person(database, actor, people["Olena Shevchenko"])
    assert count() == before + 2
    with unit_of_work(database, actor) as session:
        fields = session.scalars(select(AuditEntry.fields)).all()
    assert not any("Shevchenko" in f for f in fields)


def test_opening_a_person_shows_the_household(database: Database, actor: Actor) -> None:
    with unit_of_work(database, actor) as session:
        household = Household(name="Santos")
        session.add_all([
            Person(household=household, given_names="Maria", family_name="Santos", relation="main"),
            Person(household=household, given_names="Jose", family_name="Santos", relation="spouse"),
            Person(household=household, given_names="Ana", family_name="Santos", relation="child"),
        ])
    page = search_newcomers(database, actor, NewcomerQuery(search="ana santos"))
    detail = get_person(database, actor, page.rows[0].id)
    assert [m.relation for m in detail.members] == ["main", "spouse", "child"]
    assert detail.as_json()["given_names"] == "Ana" and len(detail.as_json()["members"]) == 3
    with pytest.raises(ValidationError):
        get_person(database, actor, 999_999)


def test_the_name_search_uses_its_index(database: Database, actor: Actor, people: dict[str, int]) -> None:
    from welcomedesk.services.newcomers import _filtered

    stmt = _filtered(select(Person.id), NewcomerQuery(search="nguy"))
    with database.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            compiled = stmt.compile(connection, compile_kwargs={"literal_binds": True})
            plan = " ".join(str(r[-1]) for r in connection.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
            assert "ix_person_name_key_word" in plan, plan
        else:
            connection.execute(text("SET enable_seqscan = off"))
            compiled = stmt.compile(connection, compile_kwargs={"literal_binds": True})
            plan = " ".join(r[0] for r in connection.execute(text(f"EXPLAIN {compiled}")))
            assert "ix_person_name_key_word" in plan, plan


@pytest.mark.parametrize(("search", "expected"), [
    ("\x00santos", ["Jose Santos", "Maria Luisa Santos"]),  # a control character is a word break
    ("santos\x1b", ["Jose Santos", "Maria Luisa Santos"]),
    ("\u202esantos", ["Jose Santos", "Maria Luisa Santos"]),  # an invisible format character is dropped
    ("x" * 10_000, []),  # one long word, cut to the word length, matches no name
    ("=1+1", []),  # the word "1" starts no name
    ("a_b", []),  # "a" and "b": nobody has both
    ("😀", None),  # symbols only: no words, so the whole list
    ("\u202e", None),
])
def test_hostile_search_text_is_searched_safely(database: Database, actor: Actor, people: dict[str, int],
                                                search: str, expected: list[str] | None) -> None:
    everyone = _names(database, actor)
    assert len(everyone) == len(PEOPLE)
    assert _names(database, actor, search=search) == (everyone if expected is None else expected)


@pytest.mark.parametrize("number", [0, -1, 2**31, 2**63, 10**30])
def test_an_id_out_of_range_is_an_unknown_person(database: Database, actor: Actor, number: int) -> None:
    with pytest.raises(ValidationError, match="no newcomer"):
        get_person(database, actor, number)


@pytest.mark.parametrize(("offset", "limit"), [(-1, 10), (2**63, 10), (0, 0), (0, 10**20), (10**30, 1)])
def test_a_page_out_of_range_is_refused(database: Database, actor: Actor, offset: int, limit: int) -> None:
    with pytest.raises(ValidationError):
        newcomer_page(database, actor, NewcomerQuery(), offset, limit)


def test_a_municipality_outside_the_profile_is_named_by_the_bundled_list(database: Database, actor: Actor) -> None:
    from welcomedesk.services.setup import Municipality, municipality_names, save_profile

    profile = save_profile(database, actor, "Kajaani desk", [Municipality("205", "Kajaani")])
    with unit_of_work(database, actor) as session:
        person = Person(household=Household(name="Santos"), given_names="Maria", family_name="Santos",
                        municipality_code="105")
        session.add(person)
        session.flush()
        person_id = person.id
    assert get_person(database, actor, person_id).municipality_name == "Hyrynsalmi"
    assert municipality_names(profile)["105"] == "Hyrynsalmi" and municipality_names(profile)["205"] == "Kajaani"
    assert municipality_names(None)["777"] == "Suomussalmi"
