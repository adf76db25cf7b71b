"""The Home page as a desk worker starts the day with it: who is late, due, to call, ending, arriving."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.core.test_registration import family
from ui import language
from ui.hub import Hub
from ui.pages.home import HomePage, RowList
from ui.startup import apply_style
from ui.style import ERROR
from welcomedesk.errors import StorageError
from welcomedesk.i18n import translator
from welcomedesk.presentation.labels import date_text
from welcomedesk.services.desk import Desk
from welcomedesk.services.setup import known_municipalities
from welcomedesk.services.today import COUNT_CAP, Today, TodayList, TodayRow

TODAY = date.today()
EN = translator("en")
FINNISH_MONTHS = ("tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta", "heinäkuuta",
                  "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta")
SWEDISH_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
                  "november", "december")


def typed(day: date) -> str:
    """A day as a desk worker types it."""
    return f"{day.day}.{day.month}.{day.year}"


def newcomer(family_name: str, given_names: str, arrival: date, **extra: str) -> list[dict[str, str]]:
    """A nurse coming alone, as typed into the registration (no identity code yet)."""
    return [family()[0] | {"family_name": family_name, "given_names": given_names, "personal_identity_code": "",
                           "phone": "", "email": "", "arrival_date": typed(arrival),
                           "privacy_notice_date": typed(TODAY)} | extra]


@pytest.fixture
def fresh_desk(empty_desk: Desk) -> Desk:
    """A desk with a profile and nobody registered yet."""
    empty_desk.save_profile("Kainuun Welcome Desk", list(known_municipalities()))
    return empty_desk


@pytest.fixture
def people(fresh_desk: Desk) -> dict[str, int]:
    """Four newcomers whose dates put them in every list of the page."""
    desk = fresh_desk
    [santos] = desk.register(newcomer("Santos", "Maria", TODAY - timedelta(days=10)), TODAY)
    [okafor] = desk.register(newcomer("Okafor", "Chidi", TODAY + timedelta(days=5)), TODAY)
    [cruz] = desk.register(newcomer("Dela Cruz", "Liza", TODAY - timedelta(days=100), permit_type="B",
                                    permit_expiry=typed(TODAY + timedelta(days=20))), TODAY)
    [ended] = desk.register(newcomer("Lindqvist", "Aino", TODAY - timedelta(days=200), permit_type="B",
                                     permit_expiry=typed(TODAY - timedelta(days=10))), TODAY)
    desk.record_job_end(cruz, desk.person(cruz).version, TODAY - timedelta(days=50))
    return {"santos": santos, "okafor": okafor, "cruz": cruz, "ended": ended}


def home_page(qtbot: QtBot, desk: Desk) -> HomePage:
    """The page on ``desk``, read for today, shown at the size of a laptop screen."""
    hub = Hub()
    page = HomePage(desk, hub)
    hub.setParent(page)  # the hub stops listening to the language when the page goes
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.refresh(TODAY)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=2000)
    return page


def rows(page: HomePage, key: str) -> list[list[str]]:
    """The texts a person reads in one list, row by row."""
    table = page.lists()[key]
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def names(page: HomePage, key: str) -> list[str]:
    return [row[0] for row in rows(page, key)]


def double_click(qtbot: QtBot, table: RowList, row: int, column: int) -> None:
    """A double click as a hand makes it: Qt's test double click alone is not taken as one by a view."""
    pos = table.visualItemRect(table.item(row, column)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_each_person_is_in_the_right_lists_with_the_right_counts(qtbot: QtBot, fresh_desk: Desk,
                                                                 people: dict[str, int], answered: list) -> None:
    page = home_page(qtbot, fresh_desk)
    today = fresh_desk.today(TODAY)
    assert page.title.text() == "Today"
    assert page.date.text() == TODAY.strftime("%A, %B ") + f"{TODAY.day}, {TODAY.year}"
    # Maria arrived ten days ago: her first steps are late, the next due this week, her first call too.
    assert today.overdue.total >= 2
    assert page.card("overdue").heading.text() == f"Late steps ({today.overdue.total})"
    late = [row for row in rows(page, "overdue") if row[0] == "Santos, Maria"]
    assert late and all(row[2].endswith(" · late") for row in late)
    housing = next(row for row in late if row[1] == "Find a home and sign a lease")
    assert housing[2] == f"{date_text(TODAY - timedelta(days=10), EN)} · late"
    table = page.lists()["overdue"]
    assert all(table.item(r, 2).foreground().color() == QColor(ERROR) for r in range(table.rowCount()))
    assert "Santos, Maria" in names(page, "due_this_week") and "Okafor, Chidi" in names(page, "due_this_week")
    assert page.card("due_this_week").heading.text() == f"Due this week ({today.due_this_week.total})"
    assert ["Santos, Maria", date_text(TODAY + timedelta(days=4), EN)] in rows(page, "follow_ups")
    assert ["Dela Cruz, Liza", f"{date_text(TODAY - timedelta(days=100 - 14), EN)} · late"] in rows(page, "follow_ups")
    # Chidi comes in five days; Liza's permit ends in twenty, Aino's ended ten days ago.
    assert rows(page, "arrivals") == [["Okafor, Chidi", date_text(TODAY + timedelta(days=5), EN)]]
    assert page.card("arrivals").heading.text() == "Arriving in the next 14 days (1)"
    assert rows(page, "permits") == [["Lindqvist, Aino", f"ended {date_text(TODAY - timedelta(days=10), EN)}"],
                                     ["Dela Cruz, Liza", f"ends {date_text(TODAY + timedelta(days=20), EN)}"]]
    assert page.lists()["permits"].item(0, 1).foreground().color() == QColor(ERROR)
    assert page.card("permits").heading.text() == "Permits ending (2)"
    # Liza's job ended 50 days ago: her protection period of three months ends in about 40 days.
    [protection] = today.protection.rows
    assert rows(page, "protection") == [["Dela Cruz, Liza", "3 months", f"ends {date_text(protection.day, EN)}"]]
    assert page.card("protection").heading.text() == "Protection periods ending (1)"
    # The worker opened Liza to record her job's end: she is the one opened lately.
    assert names(page, "recent") == ["Dela Cruz, Liza"]
    for card in page.cards:
        assert card.empty.isHidden() and not card.list.isHidden() and card.more.isHidden()
    assert answered == []


def test_enter_or_a_double_click_opens_the_person(qtbot: QtBot, fresh_desk: Desk, people: dict[str, int],
                                                  answered: list) -> None:
    page = home_page(qtbot, fresh_desk)
    arrivals = page.lists()["arrivals"]
    arrivals.setFocus()
    arrivals.setCurrentCell(0, 0)
    with qtbot.waitSignal(page.person_opened, timeout=1000) as opened:
        qtbot.keyClick(arrivals, Qt.Key.Key_Return)
    assert opened.args == [people["okafor"]]
    permits = page.lists()["permits"]
    row = names(page, "permits").index("Dela Cruz, Liza")
    with qtbot.waitSignal(page.person_opened, timeout=1000) as opened:
        double_click(qtbot, permits, row, 1)
    assert opened.args == [people["cruz"]]
    # One double click opens the person once; a single click only chooses the row.
    seen: list[int] = []
    page.person_opened.connect(seen.append)
    double_click(qtbot, permits, row, 0)
    assert seen == [people["cruz"]]
    qtbot.mouseClick(permits.viewport(), Qt.MouseButton.LeftButton,
                     pos=permits.visualItemRect(permits.item(1 - row, 0)).center())
    assert seen == [people["cruz"]] and permits.currentRow() == 1 - row


def test_tab_goes_from_list_to_list_and_the_arrows_within_one(qtbot: QtBot, fresh_desk: Desk,
                                                              people: dict[str, int], answered: list) -> None:
    page = home_page(qtbot, fresh_desk)
    page.focus_first_list()
    late = page.lists()["overdue"]
    assert late.hasFocus() and late.currentRow() == 0 and late.selectionModel().isRowSelected(0)
    qtbot.keyClick(late, Qt.Key.Key_Down)
    assert late.currentRow() == 1
    order = [page.lists()[key] for key in ("overdue", "due_this_week", "follow_ups", "arrivals", "permits",
                                          "protection", "recent")]
    for here, following in pairwise(order):
        assert QApplication.focusWidget() is here
        qtbot.keyClick(here, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is following
    # Only the list with the cursor shows its chosen row; back in the first, its row is where it was.
    assert not late.selectedIndexes()
    qtbot.keyClick(page.lists()["recent"], Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is page.lists()["protection"]
    late.setFocus()
    assert late.currentRow() == 1 and late.selectionModel().isRowSelected(1)


def test_an_empty_database_says_nothing_is_there(qtbot: QtBot, fresh_desk: Desk, answered: list) -> None:
    page = home_page(qtbot, fresh_desk)
    lines = {card.section.key: card.empty.text() for card in page.cards if not card.empty.isHidden()}
    assert lines == {"overdue": "Nothing late.", "due_this_week": "Nothing due this week.",
                     "follow_ups": "No follow-up calls due.",
                     "arrivals": "Nobody is expected in the next 14 days.",
                     "permits": "No residence permits end in the next 60 days.",
                     "protection": "No protection periods end in the next 45 days.",
                     "recent": "You have not opened anyone yet."}
    assert all(card.list.isHidden() for card in page.cards)
    assert page.card("overdue").heading.text() == "Late steps (0)"
    page.focus_first_list()
    assert page.refresh_button.hasFocus()
    assert answered == []


def test_a_name_with_markup_shows_as_typed(qtbot: QtBot, fresh_desk: Desk, answered: list) -> None:
    [smith] = fresh_desk.register(newcomer("<b>Smith & Jones</b>", "Ann", TODAY + timedelta(days=3)), TODAY)
    page = home_page(qtbot, fresh_desk)
    assert rows(page, "arrivals") == [["<b>Smith & Jones</b>, Ann", date_text(TODAY + timedelta(days=3), EN)]]
    # Cut short in a narrow list, the name's tooltip shows it whole, still as text.
    arrivals = page.lists()["arrivals"]
    page.resize(360, 768)
    arrivals.setColumnWidth(0, 40)
    tip = arrivals.tip_at(arrivals.model().index(0, 0))
    assert tip is not None and "&lt;b&gt;Smith &amp; Jones&lt;/b&gt;, Ann" in tip and "<b>" not in tip
    arrivals.setCurrentCell(0, 0)
    with qtbot.waitSignal(page.person_opened, timeout=1000) as opened:
        qtbot.keyClick(arrivals, Qt.Key.Key_Enter)
    assert opened.args == [smith]


def test_the_language_switch_retranslates_the_page(qtbot: QtBot, fresh_desk: Desk, people: dict[str, int],
                                                   answered: list) -> None:
    page = home_page(qtbot, fresh_desk)
    first = fresh_desk.today(TODAY).overdue.rows[0]
    assert first.what is not None
    language.set_language("sv")
    assert page.title.text() == translator("sv")("Today")
    assert SWEDISH_MONTHS[TODAY.month - 1] in page.date.text()
    assert page.lists()["overdue"].item(0, 1).text() == first.what["sv"]
    assert page.card("arrivals").heading.text().endswith("(1)")
    language.set_language("fi")
    assert page.title.text() == translator("fi")("Today")
    assert FINNISH_MONTHS[TODAY.month - 1] in page.date.text()
    assert page.lists()["overdue"].item(0, 1).text() == first.what["fi"]
    assert page.lists()["arrivals"].item(0, 1).text() == date_text(TODAY + timedelta(days=5), translator("fi"))


def test_a_long_list_says_1000_plus_and_how_many_it_shows(qtbot: QtBot, fresh_desk: Desk, answered: list,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    late = tuple(TodayRow(i, "Korhonen", f"Person {i}", TODAY - timedelta(days=i), {"en": "Get a tax card"})
                 for i in range(1, 4))
    none = TodayList((), 0)
    day = Today(TODAY, TodayList(late, COUNT_CAP), none, none, none, none, none, none)
    monkeypatch.setattr(fresh_desk, "today", lambda on=None: day)
    page = home_page(qtbot, fresh_desk)
    card = page.card("overdue")
    assert card.heading.text() == "Late steps (1000+)"
    assert not card.more.isHidden() and card.more.text() == "Showing the first 3 of 1000+."
    assert card.list.rowCount() == 3


def test_an_error_from_the_desk_is_told_and_the_lists_stay(qtbot: QtBot, fresh_desk: Desk, people: dict[str, int],
                                                           answered: list, monkeypatch: pytest.MonkeyPatch) -> None:
    page = home_page(qtbot, fresh_desk)
    shown = rows(page, "arrivals")

    def locked(on: date | None = None) -> Today:
        raise StorageError("The database is locked by another program. Try again in a moment.")

    monkeypatch.setattr(fresh_desk, "today", locked)
    qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    assert [(kind, text) for kind, _title, text in answered] == [
        ("error", "The database is locked by another program. Try again in a moment.")]
    assert rows(page, "arrivals") == shown


def test_every_list_has_an_accessible_name(qtbot: QtBot, fresh_desk: Desk, people: dict[str, int],
                                           answered: list) -> None:
    page = home_page(qtbot, fresh_desk)
    found = page.findChildren(RowList)
    assert len(found) == 7
    assert {table.accessibleName() for table in found} == {
        "Late steps", "Due this week", "Follow-ups due", "Arriving in the next 14 days", "Permits ending",
        "Protection periods ending", "Opened recently"}
    assert page.lists()["overdue"].accessibleDescription().startswith("Late steps (")
    assert page.refresh_button.accessibleName()


@pytest.fixture
def large_text(qapp: QApplication) -> Iterator[None]:
    original = qapp.font()
    font = qapp.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    qapp.setFont(font)
    apply_style(qapp)
    yield
    qapp.setFont(original)
    apply_style(qapp)


def test_large_text_puts_the_cards_one_under_another_and_cuts_nothing_silently(
        qtbot: QtBot, fresh_desk: Desk, people: dict[str, int], answered: list, large_text: None) -> None:
    language.set_language("fi")
    page = home_page(qtbot, fresh_desk)
    page.resize(1366 - 300, 768)  # beside the navigation, which widens with the text too
    qtbot.waitUntil(lambda: page.columns == 1, timeout=2000)
    assert page.minimumSizeHint().width() <= page.width()
    for card in page.cards:
        assert card.heading.wordWrap() and card.empty.wordWrap()
        assert card.heading.heightForWidth(card.heading.width()) <= card.heading.height()
    # Every list is as tall as its rows (six at most), each row at least a line with room.
    line = page.lists()["recent"].fontMetrics().height()
    for table in page.lists().values():
        heights = [table.rowHeight(r) for r in range(min(table.rowCount(), 6))]
        assert min(heights) > line and table.height() == sum(heights) + 6, table.objectName()
    # In a narrow window a long step name wraps onto a second line and shows whole, with no tooltip.
    page.resize(640, 768)
    qtbot.waitUntil(lambda: page.lists()["overdue"].columnWidth(1) < 250, timeout=2000)
    table = page.lists()["overdue"]
    wrapped = [r for r in range(table.rowCount()) if table.rowHeight(r) > 2 * line]
    assert wrapped
    assert table.tip_at(table.model().index(wrapped[0], 1)) is None
    # A cell cut short all the same has its whole text as a tooltip.
    table.setColumnWidth(0, 30)
    assert table.tip_at(table.model().index(0, 0)) is not None
    assert table.tip_at(table.model().index(0, 2)) is None


def test_side_by_side_at_normal_text_on_a_laptop_screen(qtbot: QtBot, fresh_desk: Desk, people: dict[str, int],
                                                        answered: list) -> None:
    page = home_page(qtbot, fresh_desk)
    page.resize(1366 - 210, 768)
    qtbot.waitUntil(lambda: page.columns == 2, timeout=2000)
    late, week = page.card("overdue"), page.card("due_this_week")
    assert late.y() == week.y() and late.x() < week.x()
