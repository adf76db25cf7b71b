"""The audit log as administrators and coordinators read it: filtered, paged, a person opened from it; and each
person's own history on their page, read only when asked for."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import SIGNAL, QDate, Qt
from pytestqt.qtbot import QtBot

from tests.ui.helpers import open_window
from ui import language
from ui.main_window import MainWindow
from ui.pages.audit import AuditLogPage
from welcomedesk.config import resolve_database
from welcomedesk.services.audit_log import PAGE_ROWS, AuditQuery
from welcomedesk.services.desk import Desk, open_desk
from welcomedesk.services.newcomers import NewcomerQuery


def _first_adult(desk: Desk) -> int:
    rows = desk.search(NewcomerQuery(sort="id"), limit=50).rows
    return next(r.id for r in rows if r.relation.value == "main")


def _open_from_list(qtbot: QtBot, window: MainWindow, person_id: int) -> None:
    """Enter on the person's row of the newcomer list, as a worker opens someone."""
    model = window.newcomers.model
    ids = [model.row_at(i).id for i in range(model.rowCount())]  # type: ignore[union-attr]
    window.newcomers.table.setFocus()
    window.newcomers.table.selectRow(ids.index(person_id))
    qtbot.keyClick(window.newcomers.table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.person


def _audit_page(window: MainWindow) -> AuditLogPage:
    window.show_page("audit")
    page = window.pages["audit"]
    assert isinstance(page, AuditLogPage) and window.stack.currentWidget() is page
    return page


def _choose(page: AuditLogPage, action: str = "", entity: str = "") -> None:
    page.action.setCurrentIndex(page.action.findData(action) if action else 0)
    page.entity.setCurrentIndex(page.entity.findData(entity) if entity else 0)
    assert page.action.currentData() == (action or None) and page.entity.currentData() == (entity or None)


def _cells(page: AuditLogPage, column: int) -> list[str]:
    return [page.model.index(row, column).data() for row in range(page.model.rowCount())]


def _shown(page: AuditLogPage) -> list[tuple[str, int | None]]:
    return [(row.entity, row.entity_id) for row in page.model.rows]


def _set_day(page: AuditLogPage, which: str, day: date | None) -> None:
    box, edit = (page.use_since, page.since) if which == "since" else (page.use_until, page.until)
    box.setChecked(day is not None)
    if day is not None:
        edit.setDate(QDate(day.year, day.month, day.day))


def test_a_person_opened_is_found_by_act_kind_number_and_day(qtbot: QtBot, qtmodeltester: object, desk: Desk,
                                                             answered: list) -> None:
    window = open_window(qtbot, desk)
    assert "audit" in [key for key, _label in window.shown]
    person_id = _first_adult(desk)
    _open_from_list(qtbot, window, person_id)
    page = _audit_page(window)
    # Opening the page read the log once, and that reading is itself one entry.
    assert desk.audit_page(AuditQuery(action="search", entity="audit_entry")).total == 1
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    # The newest entries come first, with everyone's: the demo households made, the list read, the person opened.
    assert page.model.rowCount() == PAGE_ROWS and page.older.isEnabled()
    assert page.action.itemText(0) == "Any act" and page.account.itemText(0) == "Anyone"
    assert page.action.findText("Viewed") >= 0 and page.entity.findText("Household") >= 0

    _choose(page, "view", "person")
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    assert _shown(page) == [("person", person_id)]
    assert _cells(page, 1) == [desk.who()] and _cells(page, 2) == ["Viewed"]
    assert _cells(page, 3) == [f"Person {person_id}"]
    assert page.count.text() == "1 entry" and not page.older.isEnabled()

    # Every act on that one record, whatever it was: Enter in the number searches; letters are not taken.
    _choose(page)
    page.number.setFocus()
    qtbot.keyClicks(page.number, f"{person_id}x")
    assert page.number.text() == str(person_id)
    qtbot.keyClick(page.number, Qt.Key.Key_Return)
    assert page.model.rowCount() >= 2  # made by the demo, then opened
    assert {entity_id for _entity, entity_id in _shown(page)} == {person_id}
    assert "Created" in _cells(page, 2) and "Viewed" in _cells(page, 2)

    # Days: up to yesterday, or from tomorrow, there is nothing; today holds the view.
    page.number.clear()
    _choose(page, "view", "person")
    today = date.today()
    _set_day(page, "until", today - timedelta(days=1))
    page.search()
    assert page.model.rowCount() == 0 and page.count.text() == "0 entries"
    _set_day(page, "until", None)
    _set_day(page, "since", today + timedelta(days=1))
    page.search()
    assert page.model.rowCount() == 0
    _set_day(page, "since", today)
    _set_day(page, "until", today)
    page.search()
    assert _shown(page) == [("person", person_id)]
    # The last day before the first is refused before any search.
    _set_day(page, "until", today - timedelta(days=3))
    assert not page.search_button.isEnabled() and page.problem.isVisible()
    # Another language: the entries and the choices read in it, the choice kept.
    language.set_language("fi")
    try:
        assert _cells(page, 3) == [f"Henkilö {person_id}"]
        assert page.entity.currentData() == "person" and page.entity.currentText() == "Henkilö"
    finally:
        language.set_language("en")
    assert answered == []


def test_older_entries_append_the_next_page(qtbot: QtBot, desk: Desk, answered: list) -> None:
    person_id = _first_adult(desk)
    for _time in range(PAGE_ROWS + 15):
        desk.person(person_id)
    window = open_window(qtbot, desk)
    page = _audit_page(window)
    _choose(page, "view", "person")
    page.search()
    total = desk.audit_page(AuditQuery(action="view", entity="person")).total
    assert total == PAGE_ROWS + 15
    assert page.model.rowCount() == PAGE_ROWS and page.older.isEnabled()
    assert page.count.text() == f"{total} entries, the newest {PAGE_ROWS} shown"
    newest = page.model.rows[0].entry_id
    qtbot.mouseClick(page.older, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == total and not page.older.isEnabled()
    assert page.count.text() == f"{total} entries"
    ids = [row.entry_id for row in page.model.rows]
    assert ids[0] == newest and ids == sorted(ids, reverse=True) and len(set(ids)) == total
    # The first of the older entries is chosen, so the keyboard goes on from there.
    assert page.table.currentIndex().row() == PAGE_ROWS
    assert answered == []


def test_a_double_click_or_enter_on_a_persons_entry_opens_them(qtbot: QtBot, desk: Desk, answered: list) -> None:
    person_id = _first_adult(desk)
    desk.person(person_id)
    window = open_window(qtbot, desk)
    page = _audit_page(window)
    _choose(page, "view", "person")
    page.search()
    assert _shown(page)[0] == ("person", person_id)
    table = page.table
    rect = table.visualRect(page.model.index(0, 2))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is window.person
    assert window.person.detail is not None and window.person.detail.row.id == person_id
    # An entry about something else (the database, the log itself) opens nothing.
    page = _audit_page(window)
    _choose(page, "search", "audit_entry")
    page.search()
    assert page.model.rowCount() >= 1
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is page
    _choose(page, "view", "person")
    page.search()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.person
    assert answered == []


def _history_wired(window: MainWindow) -> None:
    # The main window reads the history for the page (the line its owner adds); wired here until it does.
    if window.person.receivers(SIGNAL("history_requested(int)")) == 0:
        window.person.history_requested.connect(
            lambda person: window.person.show_history(window.desk.person_history(person)))


def _history_reads(desk: Desk, person_id: int) -> int:
    return desk.audit_page(AuditQuery(action="view", entity="person_history", entity_id=person_id)).total


def test_a_persons_history_is_read_only_when_asked_and_holds_the_view_and_the_edit(
        qtbot: QtBot, desk: Desk, answered: list) -> None:
    person_id = _first_adult(desk)
    loaded = desk.person(person_id)
    desk.save_person(person_id, loaded.version, {"email": "uusi.osoite@example.fi"})
    window = open_window(qtbot, desk)
    _history_wired(window)
    _open_from_list(qtbot, window, person_id)
    history = window.person.audit_history
    assert not history.shown and history.table.isHidden() and history.toggle.text() == "Show history"
    assert _history_reads(desk, person_id) == 0  # opening the person read no history

    qtbot.mouseClick(history.toggle, Qt.MouseButton.LeftButton)
    assert history.shown and not history.table.isHidden() and history.toggle.text() == "Hide history"
    assert _history_reads(desk, person_id) == 1
    rows = [[history.table.item(r, c).text() for c in range(history.table.columnCount())]
            for r in range(history.table.rowCount())]
    acts = [row[2] for row in rows]
    assert "Viewed" in acts and "Changed" in acts
    edit = next(row for row in rows if row[2] == "Changed")
    assert edit[1] == desk.who() and edit[3] == f"Person {person_id}" and edit[4] == "Email"
    assert all("uusi.osoite" not in cell for row in rows for cell in row)  # field names, never values
    # Newest first: this opening's view is above the edit.
    assert acts.index("Viewed") < acts.index("Changed")

    # The same person shown anew (as after a save on the page) keeps it open, read again with the new entry.
    before = history.table.rowCount()
    window.open_person(person_id)
    assert history.shown and _history_reads(desk, person_id) == 2 and history.table.rowCount() == before + 1
    # Hide closes it; another person shows collapsed, and reading nothing.
    qtbot.mouseClick(history.toggle, Qt.MouseButton.LeftButton)
    assert not history.shown and history.table.isHidden()
    qtbot.mouseClick(history.toggle, Qt.MouseButton.LeftButton)
    assert history.shown and _history_reads(desk, person_id) == 3
    other = next(r.id for r in desk.search(NewcomerQuery(sort="id"), limit=50).rows if r.id != person_id)
    window.open_person(other)
    assert not history.shown and history.table.isHidden() and history.toggle.text() == "Show history"
    assert _history_reads(desk, other) == 0
    assert answered == []


@pytest.fixture
def worker(desk: Desk) -> Iterator[Desk]:
    """A second account on the same database: a desk worker only."""
    second = open_desk(resolve_database(desk.where()), "toinen")
    yield second
    second.close()


def test_a_desk_worker_has_no_audit_log_but_sees_a_persons_history(qtbot: QtBot, worker: Desk,
                                                                    answered: list) -> None:
    window = open_window(qtbot, worker)
    assert "audit" not in [key for key, _label in window.shown]
    window.show_page("audit")
    assert "audit" not in window.pages and window.stack.currentWidget() is window.newcomers
    _history_wired(window)
    person_id = _first_adult(worker)
    window.open_person(person_id)
    qtbot.mouseClick(window.person.audit_history.toggle, Qt.MouseButton.LeftButton)
    assert window.person.audit_history.table.rowCount() >= 1
    assert answered == []
