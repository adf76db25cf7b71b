"""Reports: the anonymous summary for the region — choose the period and the threshold, see the charts and
tables, export them as CSV, XLSX, JSON or a PDF report. For coordinators and administrators.

The summary is counted off the GUI thread; what is shown is what is exported, in the words of the app's
language at the time — except the arrivals by month, the coordinator's own exact view counted beside it,
which no export holds (the exported summary counts arrivals by half-year).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs, tasks
from ui.hub import Hub
from ui.language import _, current_language, words
from ui.region_tables import SummaryTables
from ui.report_charts import ChartCard
from welcomedesk.codes import Role
from welcomedesk.errors import KnownError
from welcomedesk.exports import charts
from welcomedesk.exports.report_labels import RegionLabels
from welcomedesk.exports.summary import DEFAULT_THRESHOLD, MIN_THRESHOLD, Summary
from welcomedesk.files import save_file
from welcomedesk.i18n import N_, translator
from welcomedesk.presentation.region import ServiceNames
from welcomedesk.presentation.region_report import region_labels
from welcomedesk.services.desk import Desk
from welcomedesk.services.region import MAX_THRESHOLD

# The export formats: the key, the file dialog's filter and the menu's words.
FORMATS = (("csv", N_("CSV for Excel (*.csv)"), N_("CSV for Excel…")),
           ("xlsx", N_("Excel workbook (*.xlsx)"), N_("Excel workbook (XLSX)…")),
           ("json", N_("JSON for the region (*.json)"), N_("JSON for the region…")),
           ("pdf", N_("PDF report (*.pdf)"), N_("PDF report…")))
# The step charts draw this many steps (those with the most people, those waiting longest): more names than
# this do not fit beside the bars; the tables below have every step.
STEPS_DRAWN = 6
# The arrivals by month: exact, for this page only (the PDF report keeps the half-years it is sent with).
MONTHLY_CHART = "arrivalsByMonthChart"
Months = tuple[tuple[str, dict[str, int]], ...]
CHARTS: tuple[tuple[str, str, Callable[[Summary], charts.Chart]], ...] = (
    ("stepsChart", "steps_chart", lambda summary: charts.steps(summary, STEPS_DRAWN)),
    ("bottlenecksChart", "bottlenecks_chart", lambda summary: charts.bottlenecks(summary, STEPS_DRAWN)),
    ("retentionChart", "retention_chart", charts.retention))
READ_ONLY_THRESHOLD = N_("Only a coordinator can change the threshold kept for the next summaries; this one "
                         "uses the number chosen here.")


def this_year(today: date) -> tuple[date, date]:
    """From the first of January to today."""
    return date(today.year, 1, 1), today


def last_year(today: date) -> tuple[date, date]:
    """The whole of last year."""
    return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)


def last_half_year(today: date) -> tuple[date, date]:
    """The last half-year that has ended: January to June, or July to December of last year."""
    if today.month > 6:
        return date(today.year, 1, 1), date(today.year, 6, 30)
    return date(today.year - 1, 7, 1), date(today.year - 1, 12, 31)


QUICK = (("thisYear", N_("This year"), this_year), ("lastYear", N_("Last year"), last_year),
         ("lastHalfYear", N_("Last half-year"), last_half_year))


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def file_name(summary: Summary, suffix: str) -> str:
    """A name to suggest for an exported file: the municipality and the period."""
    names = "-".join(name for _code, name in summary.municipalities) or "region"
    stem = re.sub(r"[^\w-]+", "-", f"{names}-{summary.period_from}-{summary.period_to}").strip("-")
    return f"{stem}.{suffix}"


def export_bytes(summary: Summary, key: str, labels: RegionLabels, language: str) -> bytes:
    """The summary in one format, as the file's bytes (each writer imported when used), its words in
    ``language`` (the JSON for the region holds codes only)."""
    if key == "csv":
        from welcomedesk.exports.csv_format import to_csv

        return to_csv(summary, labels, translator(language))
    if key == "xlsx":
        from welcomedesk.exports.xlsx_format import to_xlsx

        return to_xlsx(summary, labels, translator(language))
    if key == "json":
        from welcomedesk.exports.json_format import to_json

        return to_json(summary).encode("utf-8")
    from welcomedesk.exports.pdf_report import report_pdf

    return report_pdf(summary, labels, language)


class ReportsPage(QWidget):
    """Period and threshold at the top; the charts and tables of the summary below, in a scrolling column."""

    def __init__(self, desk: Desk, hub: Hub) -> None:
        super().__init__()
        self.desk = desk
        self.setObjectName("reportsPage")
        self.may_keep_threshold = Role.COORDINATOR in desk.actor.roles
        self.summary: Summary | None = None
        # The arrivals by month of the summary's period, counted with it.
        self.months: Months = ()
        # The first steps' names in the desk's own catalogue (a coordinator may have added or renamed some).
        self.services: ServiceNames | None = None
        self.busy = False

        self.title = QLabel(objectName="pageTitle")
        self.subtitle = QLabel(objectName="pageSubtitle")
        self.subtitle.setWordWrap(True)
        self.from_label, self.to_label = QLabel(), QLabel()
        self.period_from, self.period_to = QDateEdit(objectName="periodFrom"), QDateEdit(objectName="periodTo")
        for label, edit in ((self.from_label, self.period_from), (self.to_label, self.period_to)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d.M.yyyy")
            edit.dateChanged.connect(lambda _d: self._check_period())
            label.setBuddy(edit)
        self.quick: dict[str, QPushButton] = {}
        for key, _words, choose in QUICK:
            button = QPushButton(objectName=f"{key}Button")
            button.clicked.connect(lambda _checked=False, choose=choose: self.choose_period(*choose(date.today())))
            self.quick[key] = button
        self.threshold_label = QLabel()
        self.threshold = QSpinBox(objectName="thresholdField")
        self.threshold.setRange(MIN_THRESHOLD, MAX_THRESHOLD)
        self.threshold_label.setBuddy(self.threshold)
        self.show_button = QPushButton(objectName="showButton")
        self.show_button.setProperty("primary", True)
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.show_summary)
        self.export_button = QPushButton(objectName="exportButton")
        self.export_menu = QMenu(self.export_button)
        self.export_actions: dict[str, QAction] = {}
        for key, _filter, _item in FORMATS:
            action = self.export_menu.addAction("")
            action.triggered.connect(lambda _checked=False, key=key: self.export(key))
            self.export_actions[key] = action
        self.export_button.setMenu(self.export_menu)
        self.export_button.setEnabled(False)
        self.state = QLabel(objectName="muted")
        self.state.setWordWrap(True)
        self.problem = QLabel(objectName="missing")

        period = QHBoxLayout()
        period.setSpacing(8)
        for widget in (self.from_label, self.period_from, self.to_label, self.period_to):
            period.addWidget(widget)
        period.addSpacing(8)
        for button in self.quick.values():
            period.addWidget(button)
        period.addStretch(1)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        actions.addWidget(self.threshold_label)
        actions.addWidget(self.threshold)
        actions.addSpacing(16)
        actions.addWidget(self.show_button)
        actions.addWidget(self.export_button)
        actions.addSpacing(12)
        actions.addWidget(self.state, 1)

        self.cards = {name: ChartCard(name) for name in (MONTHLY_CHART, *(name for name, _key, _make in CHARTS))}
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(16)
        for number, card in enumerate(self.cards.values()):
            grid.addWidget(card, number // 2, number % 2)
        self.charts_title, self.tables_title = QLabel(objectName="sectionTitle"), QLabel(objectName="sectionTitle")
        self.nothing_yet = QLabel(objectName="muted")
        self.nothing_yet.setWordWrap(True)
        self.tables = SummaryTables()
        content = QWidget(objectName="pageContent")
        self.content = content
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 12, 12)
        column.setSpacing(8)
        column.addWidget(self.nothing_yet)
        column.addWidget(self.charts_title)
        column.addLayout(grid)
        column.addSpacing(8)
        column.addWidget(self.tables_title)
        column.addWidget(self.tables)
        column.addStretch(1)
        self.scroller = QScrollArea(objectName="reportScroll")
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 8)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(period)
        layout.addWidget(self.problem)
        layout.addLayout(actions)
        layout.addWidget(self.scroller, 1)

        # Enter in a date or in the threshold shows the summary, as the Show button does.
        for field in (self.period_from, self.period_to, self.threshold):
            for enter in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                QShortcut(QKeySequence(enter), field, activated=self.show_summary,
                          context=Qt.ShortcutContext.WidgetShortcut)
        self.threshold.setValue(self._stored_threshold())
        self.choose_period(*this_year(date.today()))
        self._show_parts(False)
        hub.language_changed.connect(lambda _lang: self.retranslate())
        self.retranslate()

    def _stored_threshold(self) -> int:
        """The threshold kept in the database; the default for an account that may not read it."""
        try:
            return self.desk.region_threshold()
        except KnownError:
            return DEFAULT_THRESHOLD

    # -- texts

    def retranslate(self) -> None:
        """Every text in the language spoken now; a summary on show is drawn again in it."""
        self.title.setText(_("Reports"))
        self.subtitle.setText(_("Anonymous figures for the region: choose the period, look at the charts and "
                                "tables, then export them. Small counts are hidden."))
        self.from_label.setText(_("From"))
        self.to_label.setText(_("To"))
        self.period_from.setAccessibleName(_("First day of the period"))
        self.period_to.setAccessibleName(_("Last day of the period"))
        for key, said, _choose in QUICK:
            self.quick[key].setText(_(said))
        self.threshold_label.setText(_("Smallest count shown"))
        self.threshold.setAccessibleName(_("Smallest count shown"))
        self.threshold.setToolTip(_("Counts under this number are hidden; at least {minimum}.").format(
            minimum=MIN_THRESHOLD) + ("" if self.may_keep_threshold else "\n" + _(READ_ONLY_THRESHOLD)))
        self.show_button.setText(_("Show"))
        self.show_button.setAccessibleName(_("Count the summary for the period"))
        self.export_button.setText(_("Export…"))
        # The menu's arrow takes room of its own: the text stays whole beside it.
        self.export_button.setMinimumWidth(self.export_button.fontMetrics().horizontalAdvance(_("Export…")) + 56)
        self.export_button.setAccessibleName(_("Export the summary shown"))
        for key, _filter, item in FORMATS:
            self.export_actions[key].setText(_(item))
        self.charts_title.setText(_("Charts"))
        self.tables_title.setText(_("Tables"))
        self.nothing_yet.setText(_("Choose the period and press Show."))
        self._check_period()
        if self.summary is not None:
            self._draw(self.summary)

    # -- the period

    def choose_period(self, start: date, end: date) -> None:
        """Set the period's first and last day."""
        self.period_from.setDate(_qdate(start))
        self.period_to.setDate(_qdate(end))

    def period(self) -> tuple[date, date]:
        """The period as chosen."""
        return _date(self.period_from.date()), _date(self.period_to.date())

    def _check_period(self) -> bool:
        start, end = self.period()
        wrong = end < start
        self.problem.setText(_("The period ends before it begins.") if wrong else "")
        self.problem.setVisible(wrong)
        self.show_button.setEnabled(not wrong and not self.busy)
        return not wrong

    # -- counting

    def show_summary(self) -> None:
        """Count the summary for the period off the GUI thread (the threshold kept first, by a coordinator),
        then draw it."""
        if self.busy or not self._check_period():
            return
        start, end = self.period()
        threshold = self.threshold.value()
        keep = self.may_keep_threshold and threshold != self._stored_threshold()
        desk = self.desk

        def work(_progress: tasks.Progress) -> tuple[Summary, ServiceNames, Months]:
            if keep:
                desk.set_region_threshold(threshold)
            summary = desk.region_summary(start, end, threshold)
            return (summary, {service.code: service.name for service in desk.catalogue()[0].services},
                    desk.arrivals_by_month(start, end))

        self._busy(True, _("Counting the summary…"))
        tasks.run_task(work, on_done=self._shown, on_error=self._failed)

    def _busy(self, busy: bool, said: str = "") -> None:
        self.busy = busy
        self.state.setText(said)
        self.show_button.setEnabled(not busy)
        self.export_button.setEnabled(not busy and self.summary is not None)
        for button in self.quick.values():
            button.setEnabled(not busy)

    def _shown(self, result: tuple[Summary, ServiceNames, Months]) -> None:
        summary, self.services, self.months = result
        self.summary = summary
        self._busy(False, _("Shown: {start}–{end}, counts under {threshold} hidden.").format(
            start=self._labels().date(summary.period_from), end=self._labels().date(summary.period_to),
            threshold=summary.threshold))
        self._draw(summary)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        if not isinstance(exc, KnownError):
            raise exc
        dialogs.known_error(self, exc)

    def _labels(self) -> RegionLabels:
        return region_labels(words(), self.services)

    def _draw(self, summary: Summary) -> None:
        labels = self._labels()
        language = current_language()
        steps = next((t for t in summary.tables if t.code == charts.STEPS), None)
        self.cards[MONTHLY_CHART].show_chart(
            labels.text("arrivals_by_month_chart"), charts.arrivals_by_month(self.months), labels, language,
            _("Small counts are shown here, for you only; the exported summary counts arrivals by half-year."))
        for name, key, make in CHARTS:
            note = ""
            if name == "stepsChart" and steps is not None and len(steps.rows) > STEPS_DRAWN:
                note = _("The {count} steps with the most people are drawn; the table below has every step.").format(
                    count=STEPS_DRAWN)
            self.cards[name].show_chart(labels.text(key), make(summary), labels, language, note)
        self.tables.show_summary(summary, labels)
        self._show_parts(True)

    def _show_parts(self, shown: bool) -> None:
        self.nothing_yet.setVisible(not shown)
        for part in (self.charts_title, self.tables_title, self.tables, *self.cards.values()):
            part.setVisible(shown)

    # -- exporting

    def export(self, key: str) -> Path | None:
        """Save the summary on show in one format where the person chooses; written whole or not at all."""
        summary = self.summary
        if summary is None or self.busy:
            return None
        name_filter = next(f for k, f, _item in FORMATS if k == key)
        path = dialogs.save_file(self, _("Export the summary"), _(name_filter), file_name(summary, key))
        if path is None:
            return None
        if path.suffix.lower() != f".{key}":
            path = path.with_name(f"{path.name}.{key}")
        labels, language = self._labels(), current_language()
        target: Path = path

        def work(_progress: tasks.Progress) -> Path:
            data = export_bytes(summary, key, labels, language)
            save_file(target, data)
            return target

        self._busy(True, _("Exporting…"))
        tasks.run_task(work, on_done=lambda saved: self._busy(False, _("Saved as {path}.").format(path=saved)),
                       on_error=self._failed)
        return target

    def chart_card(self, name: str) -> ChartCard:
        """One of the chart cards by its name (arrivalsByMonthChart, stepsChart, bottlenecksChart,
        retentionChart)."""
        return self.cards[name]
