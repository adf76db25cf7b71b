"""The region report's charts drawn with ReportLab's graphics: arrivals by half-year, first steps done in time,
where people wait longest, and where they are 12 and 24 months after arriving.

Imported only when a report is made (ReportLab is not loaded at start-up). A hidden value is not drawn: the
chart says so under it, and the table further on prints it as "..".
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from welcomedesk.exports.charts import PALETTE, Chart, category_name, series_name
from welcomedesk.exports.report_labels import RegionLabels

INK = colors.HexColor("#1A1A1A")
GREY = colors.HexColor("#5A5A5A")
GRID = colors.HexColor("#E2E6EB")
FONT_SIZE = 7.5
# The longest name a category axis shows; the table further on has the whole name.
LONGEST_NAME = 44


def shortened(text: str, longest: int = LONGEST_NAME) -> str:
    """``text`` on one line, cut with an ellipsis past ``longest`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= longest else text[:longest - 1].rstrip() + "…"


def _colour(number: int) -> colors.Color:
    return colors.HexColor(PALETTE[number % len(PALETTE)])


def _data(chart: Chart) -> list[list[float | None]]:
    # ReportLab leaves a None out: a hidden value gets no bar.
    return [list(series.values) for series in chart.series]


def _axes(bars: Any, font: str, number: Callable[[float], str], top: float, percent: bool = False) -> None:
    """Fonts, a value axis from zero with round steps, the grid."""
    for axis in (bars.categoryAxis, bars.valueAxis):
        axis.labels.fontName = font
        axis.labels.fontSize = FONT_SIZE
        axis.labels.fillColor = INK
        axis.strokeColor = GREY
        axis.strokeWidth = 0.5
    bars.valueAxis.valueMin = 0
    if percent:
        bars.valueAxis.valueMax, bars.valueAxis.valueStep = 100, 20
    else:
        step = _step(top)
        bars.valueAxis.valueMax = max(step, step * -(-top // step))
        bars.valueAxis.valueStep = step
    bars.valueAxis.labelTextFormat = lambda value: number(value)
    bars.valueAxis.visibleGrid = True
    bars.valueAxis.gridStrokeColor = GRID
    bars.valueAxis.gridStrokeWidth = 0.5
    bars.categoryAxis.tickShift = 0
    bars.categoryAxis.visibleTicks = False


def _step(top: float) -> float:
    """A round step for a value axis reaching ``top``: about five steps of 1, 2 or 5 times a power of ten."""
    if top <= 5:
        return 1
    power = 1.0
    while top / power > 50:
        power *= 10
    for factor in (1, 2, 5, 10):
        if top / (factor * power) <= 6:
            return factor * power
    return 10 * power


def _legend(drawing: Drawing, names: list[str], font: str, x: float, y: float, columns: int = 4) -> None:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName, legend.fontSize = font, FONT_SIZE
    legend.alignment = "right"
    legend.boxAnchor = "nw"
    legend.columnMaximum = max(1, -(-len(names) // columns))
    legend.deltax = 0
    legend.dx = legend.dy = 6
    legend.dxTextSpace = 4
    legend.autoXPadding = 12
    legend.strokeWidth = 0
    legend.colorNamePairs = [(_colour(i), name) for i, name in enumerate(names)]
    drawing.add(legend)


def _legend_height(count: int, columns: int = 4) -> float:
    return -(-count // columns) * 11 + 4


def _empty(width: float, font: str, text: str) -> Drawing:
    drawing = Drawing(width, 14 * mm)
    drawing.add(String(0, 6 * mm, text, fontName=font, fontSize=9, fillColor=GREY))
    return drawing


def vertical_bars(chart: Chart, labels: RegionLabels, font: str, width: float, height: float,
                  percent: bool = False) -> Drawing:
    """Vertical bars, stacked or side by side, with a legend of the series below."""
    if chart.empty:
        return _empty(width, font, labels.text("not_drawn" if chart.hidden else "no_data"))
    names = [series_name(chart, s.key, labels) for s in chart.series]
    legend = _legend_height(len(names))
    drawing = Drawing(width, height + legend)
    bars = VerticalBarChart()
    bars.x, bars.y = 11 * mm, legend + 11 * mm
    bars.width, bars.height = width - bars.x - 2 * mm, height - 13 * mm
    bars.data = _data(chart)
    # Names under standing bars on two lines at most: side by side, longer ones would run into each other.
    bars.categoryAxis.categoryNames = [textwrap.fill(shortened(category_name(chart, c, labels), 32), 16,
                                                     max_lines=2, placeholder="…") for c in chart.categories]
    bars.categoryAxis.style = "stacked" if chart.stacked else "parallel"
    bars.categoryAxis.labels.boxAnchor = "n"
    bars.categoryAxis.labels.textAnchor = "middle"
    bars.categoryAxis.labels.dy = -3
    _axes(bars, font, labels.number, chart.top(), percent)
    bars.groupSpacing = 10 if chart.stacked else 6
    bars.barSpacing = 1
    for number in range(len(chart.series)):
        bars.bars[number].fillColor = _colour(number)
        bars.bars[number].strokeColor = colors.white
        bars.bars[number].strokeWidth = 0.4
    if not chart.stacked:
        # A share is printed whole: a decimal would claim more than a few dozen people can tell.
        bars.barLabelFormat = lambda value: labels.number(round(value) if percent else value)
        bars.barLabels.fontName, bars.barLabels.fontSize = font, FONT_SIZE - 0.5
        bars.barLabels.nudge = 5
    drawing.add(bars)
    _legend(drawing, names, font, bars.x, legend - 2)
    return drawing


def horizontal_bars(chart: Chart, labels: RegionLabels, font: str, width: float, row_height: float = 13) -> Drawing:
    """Horizontal bars, one row per category named on the left, stacked or single; a legend below when there
    is more than one series."""
    if chart.empty:
        return _empty(width, font, labels.text("not_drawn" if chart.hidden else "no_data"))
    names = [series_name(chart, s.key, labels) for s in chart.series]
    legend = _legend_height(len(names)) if len(names) > 1 else 0
    plot = row_height * len(chart.categories)
    drawing = Drawing(width, plot + legend + 10 * mm)
    bars = HorizontalBarChart()
    bars.x, bars.y = 64 * mm, legend + 7 * mm
    bars.width, bars.height = width - bars.x - 8 * mm, plot
    # ReportLab draws the first category at the bottom: reversed, the list reads from the top.
    bars.data = [list(reversed(values)) for values in _data(chart)]
    bars.categoryAxis.categoryNames = [shortened(category_name(chart, c, labels)) for c in reversed(chart.categories)]
    bars.categoryAxis.style = "stacked" if chart.stacked else "parallel"
    bars.categoryAxis.labels.boxAnchor = "e"
    bars.categoryAxis.labels.dx = -3
    _axes(bars, font, labels.number, chart.top())
    bars.groupSpacing = 3
    for number in range(len(chart.series)):
        bars.bars[number].fillColor = _colour(number)
        bars.bars[number].strokeColor = colors.white
        bars.bars[number].strokeWidth = 0.4
    if not chart.stacked:
        bars.barLabelFormat = lambda value: labels.number(value)
        bars.barLabels.fontName, bars.barLabels.fontSize = font, FONT_SIZE - 0.5
        bars.barLabels.boxAnchor = "w"
        bars.barLabels.dx = 3
    drawing.add(bars)
    if legend:
        _legend(drawing, names, font, bars.x, legend - 2)
    return drawing
