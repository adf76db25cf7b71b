"""The list over 100 000 people: sorted in SQL, row 0 is the overall smallest, few pages held."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, func, select

from benchmarks.bulk import bulk_load
from ui.hub import Hub
from ui.main_window import MainWindow
from welcomedesk.config import resolve_database
from welcomedesk.demo import Place, generate
from welcomedesk.model import Person
from welcomedesk.services.desk import open_desk
from welcomedesk.services.setup import initialise, known_municipalities

PEOPLE = 100_000


@pytest.fixture(scope="module")
def big_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.sqlite3"
    db, _ = initialise(resolve_database(str(path)))
    places = [Place(m.code, m.name, m.postal_code) for m in known_municipalities()]

    def families():  # type: ignore[no-untyped-def]
        added, seed = 0, 0
        while True:
            for family in generate(1000, seed, date(2026, 11, 23), places):
                yield family
                added += len(family.members)
                if added >= PEOPLE:
                    return
            seed += 1

    # Identity codes are unique per seed only: big data sets go without them.
    from dataclasses import replace

    count = bulk_load(db, (replace(f, members=tuple(replace(m, personal_identity_code=None) for m in f.members))
                           for f in families()))
    assert count >= PEOPLE
    db.close()
    return path


@pytest.mark.slow
def test_sorting_100000_rows_puts_the_smallest_first(qtbot: QtBot, big_database: Path, answered: list) -> None:
    desk = open_desk(resolve_database(str(big_database)), "maija")
    profile = desk.save_profile("Kainuu", list(known_municipalities()))
    window = MainWindow(desk, profile, Hub())
    qtbot.addWidget(window)
    window.show()
    window.show_list()  # the window opens on Today; the list is searched when first shown
    page = window.newcomers
    assert page.model.rowCount() >= PEOPLE
    with create_engine(resolve_database(str(big_database)).url).connect() as connection:
        smallest_name = connection.scalar(select(func.min(Person.sort_name)))
        latest_arrival = connection.scalar(select(func.max(Person.arrival_date)))
        oldest_birth = connection.scalar(select(func.min(Person.date_of_birth)))
    assert page.model.row_at(0) is not None
    from welcomedesk.model.search_key import sort_name_of

    first = page.model.row_at(0)
    assert sort_name_of(first.family_name, first.given_names) == smallest_name  # type: ignore[union-attr]
    page.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    assert page.model.row_at(0).arrival_date == latest_arrival  # type: ignore[union-attr]
    page.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert page.model.row_at(0).date_of_birth == oldest_birth  # type: ignore[union-attr]
    # Scroll to the end: the last row loads, and only a few pages stay in memory.
    last = page.model.row_at(page.model.rowCount() - 1)
    assert last is not None and page.model.pages_held() <= page.model.max_pages
    page.table.scrollToBottom()
    qtbot.wait(10)
    assert page.model.pages_held() <= page.model.max_pages
    window.close()
    desk.close()
