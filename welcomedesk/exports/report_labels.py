"""The words a region report is printed in, handed in by its caller: the report knows no language itself.

The caller builds ``RegionLabels`` from the presentation helpers in the report's language
(``welcomedesk.presentation.region_report.region_labels``), so nothing here imports a translation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from welcomedesk.exports.summary import Cell, Mark

# The fixed texts a report and the Reports page ask ``RegionLabels.text`` for, by key; some take values.
TEXT_KEYS = (
    "title",  # the report's title
    "subtitle",  # one line under it: what the figures are
    "municipalities",  # the heading of the municipality names
    "period",  # "Period"
    "period_value",  # {start}–{end}
    "threshold",  # "Smallest count shown"
    "threshold_value",  # how the threshold works, with {threshold}
    "made",  # "Made"
    "legend",  # "Marks in the tables"
    "charts",  # the heading of the charts
    "tables",  # the heading of the tables
    "arrivals_chart",  # each chart's title
    "arrivals_by_month_chart",  # the Reports page's own: never in a report
    "steps_chart",
    "bottlenecks_chart",
    "retention_chart",
    "months",  # the retention curves' axis: months after arriving
    "after_months",  # {months}: a retention bar's series
    "at_least",  # the legend's words for a merged "≥n"
    "no_figure",  # the legend's words for a median not shown (".")
    "withheld",  # under a table withheld whole
    "not_drawn",  # under a chart with hidden values
    "no_data",  # a chart or table with nothing in it
    "total",  # a table's total row and column
    "figures",  # the heading of the medians per step
    "median_days_to_done",  # the columns of the medians
    "median_days_waiting",
    "basis",  # the people a median is measured over
    "step",  # the first column of the medians
    "page_of",  # {page}, {pages}
    "footer",  # {title}, {names}: the line on every page
)


@dataclass(frozen=True)
class RegionLabels:
    """Every word of a region report, as functions of the codes in a ``Summary``.

    ``indicator(code)`` names a table or figure; ``row(table, row)`` and ``column(table, column)`` its rows
    and columns; ``mark(mark)`` says what a hidden cell's mark means and ``cell(cell)`` prints a cell ("12",
    ".." for a hidden one); ``number`` and ``date`` print a number and an ISO date (or month) the language's
    way; ``text(key, **values)`` gives one of ``TEXT_KEYS``.
    """

    indicator: Callable[[str], str]
    row: Callable[[str, str], str]
    column: Callable[[str, str], str]
    mark: Callable[[Mark], str]
    cell: Callable[[Cell], str]
    number: Callable[[float], str]
    date: Callable[[str], str]
    text: Callable[..., str]
