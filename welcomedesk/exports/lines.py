"""What the spreadsheet formats write: a summary as blocks of lines of text and numbers.

CSV and XLSX write the same blocks, so a summary reads alike in both: the summary's own details, one
block per table (its title, the column headers, a line per row with its total, the totals), the figures,
and a legend of the signs that stand for hidden counts. Labels come from the caller in the report's
language, so nothing here knows how a code is named: ``labels`` is a code's label (a function of the
code, or the report's ``RegionLabels``, which name rows and columns within their table) and ``words``
gives this module's own texts in the report's language. Text a spreadsheet could take for a formula is
neutralised here, once, for both formats. The signs are those the Reports page and the PDF report show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from welcomedesk.exports.report_labels import RegionLabels
from welcomedesk.exports.summary import Cell, Figure, Mark, Summary, Table
from welcomedesk.i18n import N_

Value = str | int | float
Labels = Callable[[str], str] | RegionLabels

SUPPRESSED_SIGN = ".."
ROW_SIGN = "..*"
INCOMPLETE_SIGN = "..+"  # merged, and what was published of it is under the threshold
AT_LEAST_SIGN = "≥ "  # merged: at least the number after it
NO_FIGURE_SIGN = "."
# Excel (and LibreOffice) take a cell beginning with one of these for a formula; full-width forms too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")

TOTAL = N_("Total")
LEGEND = (
    (SUPPRESSED_SIGN, N_("hidden: a count from 1 to the threshold minus one, or a count hidden so that "
                         "such a count cannot be worked out")),
    (ROW_SIGN, N_("hidden with its whole row: the row's total is under the threshold")),
    (f"{AT_LEAST_SIGN}12", N_("merged: at least this many; some municipality's part was hidden")),
    (INCOMPLETE_SIGN, N_("merged: some municipality's part was hidden, and the rest is under the threshold")),
    (NO_FIGURE_SIGN, N_("no figure: its basis is hidden or under the threshold, or it is merged (medians of "
                        "several municipalities do not combine)")),
)


class Kind(StrEnum):
    """What a line is, for a format that styles lines."""

    TITLE = "title"
    HEADER = "header"
    ROW = "row"
    TOTAL = "total"
    NOTE = "note"


@dataclass(frozen=True)
class Line:
    kind: Kind
    fields: tuple[Value, ...]


@dataclass(frozen=True)
class Block:
    """Lines that belong together; ``table`` is the code of the table they show ("" for the others)."""

    table: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class _Names:
    """How the caller names a table or figure, and a row and a column within one."""

    table: Callable[[str], str]
    row: Callable[[str, str], str]
    column: Callable[[str, str], str]


def same(code: str) -> str:
    """The default label of a code: the code itself."""
    return code


def blocks(summary: Summary, labels: Labels = same, words: Callable[[str], str] = str) -> list[Block]:
    """The blocks of ``summary``: its details, each table, its figures (if any) and the legend."""
    names = _names(labels)
    out = [_details(summary, words)]
    out += [_table(table, names, words) for table in summary.tables]
    if summary.figures:
        out.append(_figures(summary.figures, names, words))
    out.append(Block("", (Line(Kind.TITLE, (words(N_("Signs")),)),
                          *(Line(Kind.ROW, (sign, words(meaning))) for sign, meaning in LEGEND))))
    return [Block(block.table, tuple(Line(line.kind, tuple(map(_safe, line.fields))) for line in block.lines))
            for block in out]


def sign(cell: Cell) -> Value:
    """A count as written: its number, or the sign of its mark."""
    if cell.exact:
        assert cell.value is not None
        return cell.value
    if cell.mark is Mark.INCOMPLETE:
        return INCOMPLETE_SIGN if cell.at_least is None else f"{AT_LEAST_SIGN}{cell.at_least}"
    return ROW_SIGN if cell.mark is Mark.ROW else SUPPRESSED_SIGN


def neutral(text: str) -> str:
    """``text`` with a leading apostrophe if a spreadsheet could take it for a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _names(labels: Labels) -> _Names:
    if isinstance(labels, RegionLabels):
        return _Names(labels.indicator, labels.row, labels.column)
    return _Names(labels, lambda _table, row: labels(row), lambda _table, column: labels(column))


def _safe(value: Value) -> Value:
    return neutral(value) if isinstance(value, str) else value


def _details(summary: Summary, words: Callable[[str], str]) -> Block:
    places = ", ".join(f"{name} ({code})" for code, name in summary.municipalities)
    origin = words(N_("merged from municipalities' summaries") if summary.origin == "merged"
                   else N_("a municipality's summary"))
    return Block("", (
        Line(Kind.TITLE, (words(N_("Region summary")),)),
        Line(Kind.ROW, (words(N_("Municipalities")), places)),
        Line(Kind.ROW, (words(N_("Period")), summary.period_from, summary.period_to)),
        Line(Kind.ROW, (words(N_("Threshold for small counts")), summary.threshold)),
        Line(Kind.ROW, (words(N_("Made in")), summary.made_in)),
        Line(Kind.ROW, (words(N_("Origin")), origin)),
        *(Line(Kind.NOTE, (note,)) for note in summary.notes),
    ))


def _table(table: Table, names: _Names, words: Callable[[str], str]) -> Block:
    total = words(TOTAL)
    lines = [
        Line(Kind.TITLE, (table.code, names.table(table.code))),
        Line(Kind.HEADER, ("", *(names.column(table.code, column) for column in table.columns), total)),
        *(Line(Kind.ROW, (names.row(table.code, row), *map(sign, cells), sign(row_total)))
          for row, cells, row_total in zip(table.rows, table.cells, table.row_totals, strict=True)),
        Line(Kind.TOTAL, (total, *map(sign, table.column_totals), sign(table.total))),
    ]
    if table.withheld:
        lines.append(Line(Kind.NOTE, (words(N_("Withheld: even with its other counts hidden, a small count in "
                                               "this table could have been worked out.")),)))
    return Block(table.code, tuple(lines))


def _figures(figures: Sequence[Figure], names: _Names, words: Callable[[str], str]) -> Block:
    return Block("", (
        Line(Kind.TITLE, (words(N_("Figures")),)),
        Line(Kind.HEADER, (words(N_("Indicator")), words(N_("Row")), words(N_("Value")),
                           words(N_("People measured")))),
        *(Line(Kind.ROW, (names.table(f.code), names.row(f.code, f.row), NO_FIGURE_SIGN if f.value is None else f.value,
                          sign(f.basis))) for f in figures),
    ))
