"""The Reports page: a coordinator counts last year's summary, sees its charts and tables, exports it; the
arrivals by month drawn beside it; a desk worker never sees the page; a period with nobody in it shows zeros."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.helpers import open_window
from ui import dialogs, language
from ui.main_window import NAVIGATION, MainWindow
from ui.pages.reports import MONTHLY_CHART, ReportsPage
from ui.report_charts import ChartCard
from welcomedesk.config import resolve_database
from welcomedesk.exports.summary import SUPPRESSED, Summary
from welcomedesk.services.desk import Desk, open_desk


@pytest.fixture
def saved_to(tmp_path: Path) -> Iterator[list[tuple[str, str]]]:
    """Every file dialog answered with tmp_path/summary (no suffix: the page adds the format's)."""
    asked: list[tuple[str, str]] = []

    def choose(title: str, name_filter: str) -> Path:
        asked.append((title, name_filter))
        return tmp_path / "summary"

    dialogs.choose_files_with(choose)
    yield asked
    dialogs.choose_files_with(None)


def _reports(qtbot: QtBot, desk: Desk) -> tuple[MainWindow, ReportsPage]:
    """The window, on the Reports page chosen in the navigation."""
    window = open_window(qtbot, desk)
    window.navigation.setFocus()
    window.navigation.setCurrentRow([key for key, _label in NAVIGATION].index("reports"))
    page = window.reports
    assert window.stack.currentWidget() is page
    return window, page


def _show(qtbot: QtBot, page: ReportsPage) -> Summary:
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.summary is not None and not page.busy, timeout=10000)
    assert page.summary is not None
    return page.summary


def _bars(card: ChartCard) -> tuple[list[str], list[list[float]]]:
    """A stacked bar chart as drawn: its categories' names, and each category's values, a series each."""
    from PySide6.QtCharts import QBarCategoryAxis, QStackedBarSeries

    chart = card.view.chart()
    [series] = chart.series()
    [axis] = chart.axes(Qt.Orientation.Horizontal)
    assert isinstance(series, QStackedBarSeries) and isinstance(axis, QBarCategoryAxis)
    names = axis.categories()
    return names, [[bars.at(i) for bars in series.barSets()] for i in range(len(names))]


def test_a_coordinator_sees_last_years_charts_and_tables_and_exports_them(
        qtbot: QtBot, desk: Desk, answered: list, saved_to: list, tmp_path: Path) -> None:
    _window, page = _reports(qtbot, desk)
    assert page.threshold.value() == desk.region_threshold() and page.threshold.minimum() == 3
    qtbot.mouseClick(page.quick["lastYear"], Qt.MouseButton.LeftButton)
    last = date.today().year - 1
    assert page.period() == (date(last, 1, 1), date(last, 12, 31))
    summary = _show(qtbot, page)
    assert (summary.period_from, summary.period_to) == (f"{last}-01-01", f"{last}-12-31")

    arrivals = summary.table("arrivals_by_role")
    roles = {row.partition(":")[0] for row in arrivals.rows}  # spouses by what they do: one series
    assert page.chart_card(MONTHLY_CHART).series_count() == len(roles)
    assert page.chart_card("stepsChart").series_count() == len(summary.table("steps_in_time").columns)
    assert page.chart_card("bottlenecksChart").series_count() in (0, 1)
    assert page.chart_card("retentionChart").isVisible()

    tables = page.tables.tables
    assert [code for code in tables if code != "medians"] == [t.code for t in summary.tables]
    for table in summary.tables:
        shown = tables[table.code]
        assert shown.rowCount() == len(table.rows) + 1  # and the Total row
        assert shown.text(len(table.rows), 0) == "Total"
    shown = tables["arrivals_by_role"]
    assert shown.columnCount() == 1 + len(arrivals.columns) + 1
    hidden = [(r, c) for r, row in enumerate(arrivals.cells) for c, cell in enumerate(row) if cell.mark in SUPPRESSED]
    for r, c in hidden:
        assert shown.text(r, c + 1).startswith("..")
        assert "hidden" in shown.item(r, c + 1).toolTip().lower()
    for r, row in enumerate(arrivals.cells):
        for c, cell in enumerate(row):
            if cell.exact:
                assert shown.text(r, c + 1).replace("\xa0", "").replace(",", "") == str(cell.value)

    assert page.export_button.isEnabled()
    assert page.export("csv") == tmp_path / "summary.csv"
    written = (tmp_path / "summary.csv").read_bytes()
    assert written.startswith(b"\xef\xbb\xbf") and b";" in written
    assert answered == [] and saved_to[0][1].endswith("(*.csv)")
    for key, starts in (("xlsx", b"PK"), ("json", b"{"), ("pdf", b"%PDF")):
        page.export_actions[key].trigger()
        assert (tmp_path / f"summary.{key}").read_bytes().startswith(starts)
    assert answered == [] and page.state.text() == f"Saved as {tmp_path / 'summary.pdf'}."


def test_the_arrivals_by_month_are_drawn_month_by_month_and_add_up_to_the_summarys(
        qtbot: QtBot, desk: Desk, answered: list) -> None:
    _window, page = _reports(qtbot, desk)
    page.choose_period(date(2025, 1, 1), date(2025, 12, 31))
    summary = _show(qtbot, page)
    names, drawn = _bars(page.chart_card(MONTHLY_CHART))
    assert len(names) == 12 and names[0] == "Jan 2025" and names[-1] == "Dec 2025"
    months = desk.arrivals_by_month(date(2025, 1, 1), date(2025, 12, 31))
    assert [month for month, _by_role in months] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert drawn == [[float(n) for n in by_role.values()] for _month, by_role in months]
    arrived = sum(sum(month) for month in drawn)
    assert arrived > 0
    total = summary.table("arrivals_by_role").total
    if total.exact:
        assert arrived == total.value
    assert "half-year" in page.chart_card(MONTHLY_CHART).note.text()


def test_a_coordinator_keeps_the_threshold_chosen(qtbot: QtBot, desk: Desk, answered: list) -> None:
    _window, page = _reports(qtbot, desk)
    page.threshold.setFocus()
    page.threshold.selectAll()
    qtbot.keyClicks(page.threshold, "7")
    qtbot.keyClick(page.threshold, Qt.Key.Key_Return)  # Enter shows, as the button does
    qtbot.waitUntil(lambda: page.summary is not None and not page.busy, timeout=10000)
    assert page.summary is not None and page.summary.threshold == 7 and desk.region_threshold() == 7


def test_an_empty_period_shows_zeros_not_an_error(qtbot: QtBot, desk: Desk, answered: list) -> None:
    _window, page = _reports(qtbot, desk)
    page.choose_period(date(2001, 1, 1), date(2001, 12, 31))
    summary = _show(qtbot, page)
    assert answered == []
    for table in summary.tables:
        shown = page.tables.tables[table.code]
        assert shown.text(shown.rowCount() - 1, shown.columnCount() - 1) == "0"
    assert page.chart_card(MONTHLY_CHART).note.text() == "Nothing to show for this period."
    language.set_language("sv")  # drawn again in the new language, the same summary
    shown = page.tables.tables["arrivals_by_role"]
    assert shown.text(shown.rowCount() - 1, 0) == "Totalt" and page.summary is summary


def test_a_period_that_ends_before_it_begins_cannot_be_shown(qtbot: QtBot, desk: Desk, answered: list) -> None:
    _window, page = _reports(qtbot, desk)
    page.choose_period(date(2025, 6, 1), date(2025, 1, 1))
    assert not page.show_button.isEnabled() and page.problem.text()


def test_a_desk_worker_does_not_see_the_reports(qtbot: QtBot, desk: Desk, tmp_path: Path, answered: list) -> None:
    worker = open_desk(resolve_database(str(tmp_path / "desk.sqlite3")), "pekka")
    try:
        window = open_window(qtbot, worker)
        keys = [key for key, _label in window.shown]
        assert "reports" not in keys and "settings" in keys
        shown = [window.navigation.item(row).text() for row in range(window.navigation.count())
                 if not window.navigation.item(row).isHidden()]
        assert "Reports" not in shown and "Settings" in shown
        window.show_page("reports")
        assert "reports" not in window.pages and window.stack.currentWidget() is window.newcomers
    finally:
        worker.close()
