"""Property: any prefix of any word of any name finds the person, whatever the case and accents."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from welcomedesk.config import resolve_database
from welcomedesk.db.session import unit_of_work
from welcomedesk.model import Household, Person
from welcomedesk.services.accounts import cli_actor
from welcomedesk.services.newcomers import NewcomerQuery, search_newcomers
from welcomedesk.services.setup import initialise

LATIN = "abcdefghijklmnopqrstuvwxyzäöåéèüñçøđăâêôơư"
CYRILLIC = "абвгдежзийклмнопрстуфхцчшщьюяієїґ"
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
word = st.one_of(*(st.text(alphabet, min_size=1, max_size=12) for alphabet in (LATIN, CYRILLIC, ARABIC)))
name = st.lists(word, min_size=1, max_size=3).map(" ".join)


def without_latin_accents(text: str) -> str:
    """What a desk worker types without the accents: "Nguyễn" -> "Nguyen" (Cyrillic й stays)."""
    out = []
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char) and out and unicodedata.name(out[-1], "").startswith("LATIN"):
            continue
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def test_every_prefix_of_every_name_word_finds_the_person(tmp_path: Path) -> None:
    db, _ = initialise(resolve_database(str(tmp_path / "desk.sqlite3")))
    actor = cli_actor(db)

    @settings(max_examples=80, deadline=None)
    @given(given_names=name, family_name=name, native_name=name, data=st.data())
    def check(given_names: str, family_name: str, native_name: str, data: st.DataObject) -> None:
        with unit_of_work(db, actor) as session:
            session.execute(delete(Person))
            person = Person(household=Household(name="x"), given_names=given_names.title(),
                            family_name=family_name.upper(), native_name=native_name)
            session.add(person)
            session.flush()
            person_id = person.id
        words = data.draw(st.lists(st.sampled_from((given_names + " " + family_name + " " + native_name).split()),
                                   min_size=1, max_size=3))
        query = " ".join(w[: data.draw(st.integers(1, len(w)))] for w in words)
        query = data.draw(st.sampled_from([query, query.upper(), query.lower(), query.swapcase(),
                                           without_latin_accents(query)]))
        found = search_newcomers(db, actor, NewcomerQuery(search=query))
        assert [r.id for r in found.rows] == [person_id], query

    check()
    db.close()
