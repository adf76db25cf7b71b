"""The Reports page's charts, drawn with QtCharts from the same chart data as the PDF report.

QtCharts is imported with this module, which only the Reports page imports: when it is first shown, never at
start-up. A hidden value is drawn as no bar (or no point) and the card says so under its chart.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QAbstractAxis,
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from welcomedesk.exports.charts import PALETTE, RETENTION_MONTHS, Chart, category_name, series_name
from welcomedesk.exports.report_labels import RegionLabels

# A category axis shows at most this many characters of a name; the tables below have the whole name.
LONGEST_NAME = 30
# A chart's height at the usual text size (about six names of steps fit beside their bars); larger text, taller.
CHART_HEIGHT = 300
CHART_LINES = 17
RETENTION_PLACES = ("municipality", "region", "finland", "left", "lost")
# Upright bars' names ("tammi 2025") do not fit side by side past this many: they are turned to read upwards,
# each a line's height wide (slanted, the first and last would reach past the axis and QtCharts drops them).
UPRIGHT_NAMES = 6
NAME_ANGLE = -90


def shortened(text: str, longest: int = LONGEST_NAME) -> str:
    """``text`` on one line, cut with an ellipsis past ``longest`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= longest else text[:longest - 1].rstrip() + "…"


def _colour(number: int) -> QColor:
    return QColor(PALETTE[number % len(PALETTE)])


def _value_axis(top: float, percent: bool = False) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, 100 if percent else max(top, 1))
    # With numbers localised, QtCharts 6.12 draws no label for "%d": "%.0f" it does.
    axis.setLabelFormat("%.0f")
    if not percent:
        axis.applyNiceNumbers()
    else:
        axis.setTickCount(6)
    axis.setGridLineColor(QColor("#e2e6eb"))
    return axis


def _new_chart(language: str) -> QChart:
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(2, 2, 2, 2))
    chart.layout().setContentsMargins(0, 0, 0, 0)
    chart.setLocalizeNumbers(True)
    chart.setLocale(QLocale(language))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _attach(chart: QChart, series: QAbstractBarSeries | QLineSeries, horizontal: QAbstractAxis,
            vertical: QAbstractAxis) -> None:
    chart.addSeries(series)
    chart.addAxis(horizontal, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(vertical, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(horizontal)
    series.attachAxis(vertical)


def bar_chart(data: Chart, labels: RegionLabels, language: str) -> QChart:
    """Bars of ``data``: stacked or single, upright when the categories are half-years or months, lying down
    when they are steps (their names read on the left, the first at the top)."""
    chart = _new_chart(language)
    horizontal = data.by_rows
    series: QAbstractBarSeries
    if horizontal:
        series = QHorizontalStackedBarSeries() if data.stacked else QHorizontalBarSeries()
    else:
        series = QStackedBarSeries() if data.stacked else QBarSeries()
    # A horizontal axis draws its first category at the bottom: reversed, the list reads from the top.
    order = list(reversed(range(len(data.categories)))) if horizontal else list(range(len(data.categories)))
    for number, one in enumerate(data.series):
        bars = QBarSet(series_name(data, one.key, labels))
        bars.setColor(_colour(number))
        bars.setBorderColor(QColor("white"))
        for index in order:
            value = one.values[index]
            bars.append(value if value is not None else 0.0)  # a hidden value: no bar
        series.append(bars)
    # A lying bar about 24 pixels thick however many there are; standing bars 60 % of their category.
    series.setBarWidth(min(0.7, max(0.2, len(order) * 24 / (CHART_HEIGHT - 80))) if horizontal else 0.6)
    if len(data.series) == 1:
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsInsideEnd)
        chart.legend().setVisible(False)
    categories = QBarCategoryAxis()
    categories.append([shortened(category_name(data, data.categories[i], labels)) for i in order])
    categories.setGridLineVisible(False)
    if not horizontal and len(order) > UPRIGHT_NAMES:
        # Turned, a name needs only a line's height of its bar's width: drawn whole, not cut to that width.
        categories.setLabelsAngle(NAME_ANGLE)
        categories.setTruncateLabels(False)
    values = _value_axis(data.top())
    if horizontal:
        _attach(chart, series, values, categories)
    else:
        _attach(chart, series, categories, values)
    return chart


def retention_chart(data: Chart, labels: RegionLabels, language: str) -> QChart:
    """A line per place: the share of the people there at arrival (everyone in the municipality), after 12 and
    after 24 months; a hidden share is left out of its line."""
    chart = _new_chart(language)
    months = QValueAxis()
    months.setRange(0, 24)
    months.setTickCount(3)
    months.setLabelFormat("%.0f")
    months.setTitleText(labels.text("months"))
    shares = _value_axis(100, percent=True)
    chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(shares, Qt.AlignmentFlag.AlignLeft)
    # Five places' names do not fit in a row under the chart: listed beside it.
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    looks = [RETENTION_MONTHS.get(s.key, 0) for s in data.series]
    for number, place in enumerate(p for p in RETENTION_PLACES if p in data.categories):
        index = data.categories.index(place)
        points = [(m, s.values[index]) for m, s in zip(looks, data.series, strict=True) if s.values[index] is not None]
        if not points:
            continue
        line = QLineSeries()
        line.setName(labels.row(data.table, place))
        line.setPen(QPen(_colour(number), 2.5))
        line.setPointsVisible(True)
        line.append(0, 100.0 if place == "municipality" else 0.0)
        for month, share in points:
            line.append(month, share or 0.0)
        chart.addSeries(line)
        line.attachAxis(months)
        line.attachAxis(shares)
    return chart


class ChartCard(QFrame):
    """A chart with its title above and, under it, what it leaves out (or that there is nothing to show)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.title = QLabel()
        self.title.setObjectName("chartTitle")
        self.title.setWordWrap(True)
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setFixedHeight(max(CHART_HEIGHT, CHART_LINES * self.fontMetrics().height()))
        self.note = QLabel()
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.view)
        layout.addWidget(self.note)
        layout.addStretch(1)  # two cards side by side: each title stays at the top of its row

    def show_chart(self, title: str, data: Chart, labels: RegionLabels, language: str, note: str = "") -> None:
        """Draw ``data`` (bars, or the retention lines) under ``title``; ``note`` says what else to know."""
        self.title.setText(title)
        self.data = data
        made = retention_chart(data, labels, language) if data.code == "retention" else bar_chart(data, labels,
                                                                                                   language)
        old = self.view.chart()
        self.view.setChart(made)
        if old is not None:
            old.deleteLater()
        self.view.setAccessibleName(title)
        if data.empty:
            said = [labels.text("not_drawn" if data.hidden else "no_data")]
        else:
            said = [labels.text("not_drawn")] if data.hidden else []
            said += [note] if note else []
        self.note.setText(" ".join(said))
        self.note.setVisible(bool(self.note.text()))

    def series_count(self) -> int:
        """How many series the chart draws (bar sets of its bar series, or lines)."""
        series = self.view.chart().series()
        if series and isinstance(series[0], QAbstractBarSeries):
            return sum(s.count() for s in series if isinstance(s, QAbstractBarSeries))
        return len(series)
