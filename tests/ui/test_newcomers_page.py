"""The Newcomers page as a desk worker uses it: type, filter, sort, open, go back."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.helpers import open_window
from ui.language import set_language
from ui.main_window import MainWindow
from welcomedesk.services.desk import Desk
from welcomedesk.services.newcomers import NewcomerQuery


def _window(qtbot: QtBot, desk: Desk) -> MainWindow:
    return open_window(qtbot, desk)


def _shown_names(window: MainWindow) -> list[str]:
    model = window.newcomers.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def test_typing_a_name_narrows_the_list_and_enter_opens_the_person(qtbot: QtBot, desk: Desk,
                                                                  answered: list) -> None:
    window = _window(qtbot, desk)
    everyone = desk.search(NewcomerQuery(), limit=1000).rows
    target = next(r for r in everyone if r.relation == "main" and r.native_name)
    assert window.newcomers.model.rowCount() == len(everyone)
    qtbot.keyClicks(window.newcomers.search, f"{target.given_names.lower()} {target.family_name.upper()}")
    qtbot.waitUntil(lambda: window.newcomers.model.rowCount() < len(everyone), timeout=2000)
    assert all(target.family_name in name for name in _shown_names(window))
    ids = [window.newcomers.model.row_at(i).id for i in range(window.newcomers.model.rowCount())]  # type: ignore[union-attr]
    assert target.id in ids
    row = ids.index(target.id)
    window.newcomers.table.setFocus()
    window.newcomers.table.selectRow(row)
    qtbot.keyClick(window.newcomers.table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.person
    assert window.person.name.text() == f"{target.family_name}, {target.given_names}"
    assert window.person.members.rowCount() >= 1
    qtbot.keyClick(window.person, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.newcomers
    assert answered == []


def test_markup_typed_in_the_search_finds_nobody_and_clearing_shows_everyone(qtbot: QtBot, desk: Desk,
                                                                            answered: list) -> None:
    window = _window(qtbot, desk)
    qtbot.keyClicks(window.newcomers.search, "<b>&'zzzz\"")
    qtbot.waitUntil(lambda: window.newcomers.model.rowCount() == 0, timeout=2000)
    assert "0" in window.newcomers.count.text()
    window.newcomers.search.clear()
    qtbot.waitUntil(lambda: window.newcomers.model.rowCount() > 0, timeout=2000)


def test_a_search_typed_without_accents_finds_names_with_them(qtbot: QtBot, desk: Desk, answered: list) -> None:
    everyone = desk.search(NewcomerQuery(), limit=1000).rows
    words = [(row, word) for row in everyone for word in f"{row.given_names} {row.family_name}".split()
             if any(not c.isascii() and c.isalpha() and "LATIN" in unicodedata.name(c, "") for c in word)]
    accented, word = words[0]
    plain = "".join(c for c in unicodedata.normalize("NFKD", word) if c.isascii())
    assert plain != word and plain.isascii()
    window = _window(qtbot, desk)
    qtbot.keyClicks(window.newcomers.search, plain.lower())
    qtbot.waitUntil(lambda: window.newcomers.model.rowCount() < len(everyone), timeout=2000)
    ids = [window.newcomers.model.row_at(i).id for i in range(window.newcomers.model.rowCount())]  # type: ignore[union-attr]
    assert accented.id in ids


def test_status_filter_and_sorting_run_in_sql(qtbot: QtBot, desk: Desk, answered: list) -> None:
    window = _window(qtbot, desk)
    page = window.newcomers
    page.status.setCurrentIndex(page.status.findData("expected"))
    statuses = {page.model.row_at(r).status for r in range(page.model.rowCount())}  # type: ignore[union-attr]
    assert statuses == {"expected"}
    page.status.setCurrentIndex(0)
    page.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    first = page.model.row_at(0)
    assert first is not None and page.model.query.sort == "arrival" and page.model.query.descending
    everyone = desk.search(NewcomerQuery(), limit=1000).rows
    assert first.arrival_date == max(r.arrival_date for r in everyone if r.arrival_date)


def test_opening_a_household_member_from_the_person_page(qtbot: QtBot, desk: Desk, answered: list) -> None:
    window = _window(qtbot, desk)
    everyone = desk.search(NewcomerQuery(), limit=1000).rows
    child = next(r for r in everyone if r.relation == "child")
    window.open_person(child.id)
    members = window.person.members
    main_row = next(i for i in range(members.rowCount()) if members.item(i, 1).text() == "Main person")
    members.setCurrentCell(main_row, 0)
    members.setFocus()
    qtbot.keyClick(members, Qt.Key.Key_Return)
    assert window.person.detail is not None and window.person.detail.row.relation == "main"


def test_the_model_holds_a_few_pages_only(qtbot: QtBot, desk: Desk, answered: list) -> None:
    from pytestqt.modeltest import ModelTester

    window = _window(qtbot, desk)
    model = window.newcomers.model
    model.page_size = 10
    model.refresh()
    for row in range(0, model.rowCount(), 5):
        model.data(model.index(row, 0))
    assert model.pages_held() <= model.max_pages
    ModelTester(None).check(model)  # type: ignore[arg-type]


def test_every_control_has_an_accessible_name(qtbot: QtBot, desk: Desk, answered: list) -> None:
    from PySide6.QtWidgets import QComboBox, QLineEdit, QTableView

    window = _window(qtbot, desk)
    controls = [w for kind in (QLineEdit, QComboBox, QTableView) for w in window.findChildren(kind)]
    assert len(controls) >= 4
    for widget in controls:
        if widget.isVisible():
            assert widget.accessibleName(), widget.objectName()
    set_language("fi")
    assert window.newcomers.search.accessibleName() == "Hae tulijoita"


def test_markup_rtl_and_emoji_in_names_show_as_typed(qtbot: QtBot, desk: Desk, answered: list,
                                                     tmp_path: Path) -> None:
    from dataclasses import replace

    from benchmarks.bulk import bulk_load
    from welcomedesk.config import resolve_database
    from welcomedesk.db.session import open_database
    from welcomedesk.demo import Place, generate

    family = generate(1, 99, date(2026, 11, 23), [Place("205", "Kajaani", "87100")])[0]
    hostile = replace(family.members[0], given_names="<b>Bold</b> & 😀", family_name="=HYPERLINK(\"x\")",
                      native_name="أحمد <i>", personal_identity_code=None)
    db = open_database(resolve_database(str(tmp_path / "desk.sqlite3")))  # the desk's file (tests/ui/conftest.py)
    bulk_load(db, [replace(family, members=(hostile,))])
    db.close()
    window = _window(qtbot, desk)
    qtbot.keyClicks(window.newcomers.search, "hyperlink")
    qtbot.waitUntil(lambda: window.newcomers.model.rowCount() == 1, timeout=2000)
    assert window.newcomers.model.data(window.newcomers.model.index(0, 0)) == '=HYPERLINK("x"), <b>Bold</b> & 😀'
    qtbot.keyClick(window.newcomers.search, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.person
    assert window.person.name.text() == '=HYPERLINK("x"), <b>Bold</b> & 😀'
    assert window.person.name.textFormat() == Qt.TextFormat.PlainText
    assert window.person.native.text() == "أحمد <i>"


def test_the_keyboard_alone_finds_and_opens_a_person(qtbot: QtBot, desk: Desk, answered: list) -> None:
    window = _window(qtbot, desk)
    page = window.newcomers
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "a")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)  # runs the search at once and steps into the results
    assert page.table.hasFocus() and page.model.query.search == "a"
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    second = page.model.row_at(1)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert second is not None and window.person.detail is not None
    assert window.person.detail.row.id == second.id
    qtbot.keyClick(window.person, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is page and page.search.text() == "a"


def test_an_unreadable_stored_date_reads_as_such_and_the_list_goes_on(qtbot: QtBot, desk: Desk,
                                                                       answered: list, tmp_path: Path) -> None:
    import sqlite3

    from PySide6.QtWidgets import QLabel

    path = tmp_path / "desk.sqlite3"  # the desk's file (tests/ui/conftest.py)
    assert desk.where() == str(path.resolve())
    everyone = desk.search(NewcomerQuery(), limit=1000).rows
    broken = next(r for r in everyone if r.relation == "main")
    other_tool = sqlite3.connect(str(path))
    other_tool.execute("UPDATE person SET date_of_birth = '15.4.1987' WHERE id = ?", (broken.id,))
    other_tool.commit()
    other_tool.close()
    window = _window(qtbot, desk)
    model = window.newcomers.model
    assert model.rowCount() == len(everyone)
    row = next(i for i in range(model.rowCount()) if model.row_at(i).id == broken.id)  # type: ignore[union-attr]
    assert model.data(model.index(row, 2)) == "(unreadable)"
    # Pasted with a right-to-left mark (keyClicks types ASCII only; a paste inserts), the name finds its holder.
    window.newcomers.search.insert(f"\u200f{broken.family_name}\u200f")
    qtbot.waitUntil(lambda: model.rowCount() < len(everyone), timeout=2000)
    ids = [model.row_at(i).id for i in range(model.rowCount())]  # type: ignore[union-attr]
    assert broken.id in ids
    window.newcomers.table.setFocus()
    window.newcomers.table.selectRow(ids.index(broken.id))
    qtbot.keyClick(window.newcomers.table, Qt.Key.Key_Return)
    texts = [label.text() for label in window.person.findChildren(QLabel)]
    assert "(unreadable)" in texts and "15.4.1987" not in texts
    assert answered == []
