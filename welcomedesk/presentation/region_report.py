"""A region summary's words in one language: the ``RegionLabels`` the PDF report and the Reports page print.

Tables, figures and their rows are named by ``presentation.region``; here are the columns (half-years, how a
step went), the marks of hidden cells, numbers and dates the language's way, and the report's fixed texts.
"""

from __future__ import annotations

import re
from datetime import date

from welcomedesk.exports.lines import (
    AT_LEAST_SIGN,
    INCOMPLETE_SIGN,
    LEGEND,
    NO_FIGURE_SIGN,
    ROW_SIGN,
    SUPPRESSED_SIGN,
    sign,
)
from welcomedesk.exports.report_labels import RegionLabels
from welcomedesk.exports.summary import ALL, Cell, Mark
from welcomedesk.i18n import N_, Translator
from welcomedesk.presentation.labels import date_text
from welcomedesk.presentation.region import ServiceNames, indicator_label, row_label

# What a mark means, in the words of the spreadsheets' legend (a hidden cell prints the same sign there).
_MEANING = dict(LEGEND)
_AT_LEAST = next(meaning for key, meaning in LEGEND if key.startswith(AT_LEAST_SIGN))
MARK_WORDS = {Mark.EXACT: N_("exact"), Mark.SUPPRESSED: _MEANING[SUPPRESSED_SIGN], Mark.ROW: _MEANING[ROW_SIGN],
              Mark.INCOMPLETE: _MEANING[INCOMPLETE_SIGN]}
# Short: the three share a chart's legend.
STEP_COLUMNS = {"in_time": N_("Done in time"), "late": N_("Done late"), "open_late": N_("Not done, late")}
HALVES = {"1": N_("Jan–Jun {year}"), "2": N_("Jul–Dec {year}")}
HALF_YEAR = re.compile(r"^(\d{4})H([12])$")
# A month of the arrivals by month (the Reports page's chart): "2025-01".
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
TEXTS = {
    "title": N_("Region summary"),
    "subtitle": N_("Newcomers' arrival, first steps and settling, as anonymous figures"),
    "municipalities": N_("Municipalities"),
    "period": N_("Period"),
    "period_value": N_("{start}–{end}"),
    "threshold": N_("Smallest count shown"),
    "threshold_value": N_("Counts under {threshold} are hidden, and so is any figure a hidden count could be "
                          "worked out from. A median is shown only over at least {threshold} people."),
    "made": N_("Made"),
    "legend": N_("Marks in the tables"),
    "charts": N_("Charts"),
    "tables": N_("Tables"),
    "arrivals_chart": N_("Arrivals by half-year and role in the household"),
    "arrivals_by_month_chart": N_("Arrivals by month and role in the household"),
    "steps_chart": N_("First steps: done in time, late or still open"),
    "bottlenecks_chart": N_("Where people wait longest: median days waiting"),
    "retention_chart": N_("Where people are 12 and 24 months after arriving (%)"),
    "months": N_("Months after arriving"),
    "after_months": N_("After {months} months"),
    "at_least": _AT_LEAST,
    "no_figure": _MEANING[NO_FIGURE_SIGN],
    "withheld": N_("Withheld: even with its other counts hidden, a small count in this table could have been "
                   "worked out."),
    "not_drawn": N_("Hidden values (..) are not drawn."),
    "no_data": N_("Nothing to show for this period."),
    "total": N_("Total"),
    "figures": N_("Median days per step"),
    "median_days_to_done": N_("Median days to done"),
    "median_days_waiting": N_("Median days waiting"),
    "basis": N_("People"),
    "step": N_("Step"),
    "page_of": N_("Page {page} of {pages}"),
    "footer": N_("{title} · {names}"),
}


def column_label(table: str, column: str, words: Translator) -> str:
    """A column of a table: a half-year ("Jan–Jun 2026"), a month ("Jan 2026", "tammi 2026"), how a step went,
    or everyone."""
    if half := HALF_YEAR.match(column):
        return words(HALVES[half.group(2)]).format(year=half.group(1))
    if (month := MONTH.match(column)) and 1 <= int(month.group(2)) <= 12:
        from babel.dates import format_date

        return format_date(date(int(month.group(1)), int(month.group(2)), 1), "LLL y", locale=words.locale)
    if column == ALL:
        return words(N_("People"))
    if table == "steps_in_time" and column in STEP_COLUMNS:
        return words(STEP_COLUMNS[column])
    return column


def number_text(value: float, words: Translator) -> str:
    """A count or a median as the language writes it: "1 234", "11,5"."""
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0.#", locale=words.locale)


def cell_text(cell: Cell, words: Translator) -> str:
    """A published cell: its count, or the spreadsheets' sign of its mark (".." hidden, "..*" hidden with its
    row; merged: "≥ n" at least n, "..+" incomplete)."""
    if cell.exact and cell.value is not None:
        return number_text(cell.value, words)
    if cell.mark is Mark.INCOMPLETE and cell.at_least is not None:
        return AT_LEAST_SIGN + number_text(cell.at_least, words)
    return str(sign(cell))


def mark_text(mark: Mark, words: Translator) -> str:
    """What a mark means, in words (a sentence: its first letter capital)."""
    said = words(MARK_WORDS[mark])
    return said[:1].upper() + said[1:]


def iso_text(value: str, words: Translator) -> str:
    """An ISO date ("2026-01-31") or month ("2026-11") of a summary as the language writes it."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date_text(date(*parts), words)
    from babel.dates import format_date

    return format_date(date(parts[0], parts[1], 1), "LLLL yyyy", locale=words.locale)


def report_text(key: str, words: Translator, **values: object) -> str:
    """One of the report's fixed texts, with its values."""
    return words(TEXTS[key]).format(**values)


def region_labels(words: Translator, services: ServiceNames | None = None) -> RegionLabels:
    """Every word of a region report (and of the Reports page) in the language of ``words``; the first steps
    named as ``services`` names them (the catalogue the summary was counted with; default: the shipped one)."""
    return RegionLabels(
        indicator=lambda code: indicator_label(code, words),
        row=lambda table, row: row_label(table, row, words, services),
        column=lambda table, column: column_label(table, column, words),
        mark=lambda mark: mark_text(mark, words),
        cell=lambda cell: cell_text(cell, words),
        number=lambda value: number_text(value, words),
        date=lambda value: iso_text(value, words),
        text=lambda key, **values: report_text(key, words, **values))
