"""The region's merge: several municipalities' summaries made into one regional summary.

A regional count is the sum of the municipalities' counts, exact only where every municipality's count
is exact. Where some municipality's count was hidden the regional one is INCOMPLETE; it tells, as
``at_least``, the sum of the parts that were published when that sum passes the threshold. Medians do not
add up, so a regional figure keeps only its basis (merged like a count) and never a value. Everything in
the regional summary is worked out from what the municipalities published, so it cannot tell more than
their summaries together: disclosure control is not run again. ``docs/region-summary-schema.md`` says
the same for the region's readers.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from datetime import date
from typing import TypeVar

from welcomedesk.errors import ValidationError
from welcomedesk.exports.disclosure import check_threshold
from welcomedesk.exports.summary import SCHEMA_VERSION, Cell, Figure, Mark, Summary, Table
from welcomedesk.i18n import _

_NONE = Cell(0)  # a row or figure a municipality does not have: nobody was counted in it
H = TypeVar("H", bound=Hashable)


def merge(summaries: Sequence[Summary], threshold: int | None = None, *, made_in: str | None = None) -> Summary:
    """One regional summary of ``summaries``, in the order of their municipalities' codes.

    ``threshold`` may only raise the inputs' largest threshold, which the regional summary keeps (it
    decides which lower bounds are told). ``made_in`` is the month of the merge, "YYYY-MM" (default: now).
    A ValidationError says why summaries cannot be merged.
    """
    if len(summaries) < 2:
        raise ValidationError(_("A regional summary needs at least two summaries."))
    versions = sorted({summary.schema_version for summary in summaries})
    if len(versions) > 1:
        raise ValidationError(_("The summaries have different schema versions: {versions}.")
                              .format(versions=", ".join(map(str, versions))))
    if versions[0] != SCHEMA_VERSION:
        raise ValidationError(_("The summary has schema version {found}; this program reads version {supported}.")
                              .format(found=versions[0], supported=SCHEMA_VERSION))
    periods = sorted({(summary.period_from, summary.period_to) for summary in summaries})
    if len(periods) > 1:
        raise ValidationError(_("The summaries cover different periods: {periods}.")
                              .format(periods=", ".join(f"{start} – {end}" for start, end in periods)))
    seen: set[str] = set()
    for summary in summaries:
        for code, _name in summary.municipalities:
            if code in seen:
                raise ValidationError(_("Municipality {code} is in more than one summary.").format(code=code))
            seen.add(code)
    if threshold is not None:
        check_threshold(threshold)
    kept = max([summary.threshold for summary in summaries] + ([threshold] if threshold is not None else []))
    ordered = sorted(summaries, key=lambda summary: sorted(code for code, _name in summary.municipalities))
    tables = tuple(_merged_table(code, ordered, kept) for code in _in_order(t.code for t in ordered[0].tables))
    for summary in ordered[1:]:
        extra = [table.code for table in summary.tables if table.code not in {t.code for t in tables}]
        if extra:
            raise ValidationError(_("Table {table} is missing from the summary of {municipality}.")
                                  .format(table=extra[0], municipality=_names(ordered[0])))
    return Summary(
        municipalities=tuple(sorted(pair for summary in ordered for pair in summary.municipalities)),
        period_from=periods[0][0],
        period_to=periods[0][1],
        threshold=kept,
        made_in=made_in or date.today().strftime("%Y-%m"),
        tables=tables,
        figures=_merged_figures(ordered, kept),
        schema_version=SCHEMA_VERSION,
        origin="merged",
        notes=tuple(_in_order(note for summary in ordered for note in summary.notes)),
    )


def add(cells: Sequence[Cell], threshold: int) -> Cell:
    """The regional count of the municipalities' ``cells``: exact when all are, else at least the sum of
    what was published, told when it passes ``threshold``."""
    if all(cell.exact for cell in cells):
        return Cell(sum(cell.value or 0 for cell in cells))
    known = sum((cell.value if cell.exact else cell.at_least) or 0 for cell in cells)
    return Cell(None, Mark.INCOMPLETE, known if known >= threshold else None)


def _merged_table(code: str, summaries: Sequence[Summary], threshold: int) -> Table:
    tables: list[Table] = []
    for summary in summaries:
        table = next((t for t in summary.tables if t.code == code), None)
        if table is None:
            raise ValidationError(_("Table {table} is missing from the summary of {municipality}.")
                                  .format(table=code, municipality=_names(summary)))
        if (table.columns, table.margin) != (summaries[0].table(code).columns, summaries[0].table(code).margin):
            raise ValidationError(_("Table {table} has other columns or another margin in the summary of "
                                    "{municipality}.").format(table=code, municipality=_names(summary)))
        tables.append(table)
    rows = tuple(_in_order(row for table in tables for row in table.rows))
    width = len(tables[0].columns)

    def row_of(table: Table, row: str) -> tuple[tuple[Cell, ...], Cell]:
        if row not in table.rows:
            return (_NONE,) * width, _NONE
        at = table.rows.index(row)
        return table.cells[at], table.row_totals[at]

    cells, row_totals = [], []
    for row in rows:
        parts = [row_of(table, row) for table in tables]
        cells.append(tuple(add([part[0][j] for part in parts], threshold) for j in range(width)))
        row_totals.append(add([part[1] for part in parts], threshold))
    return Table(
        code=code,
        rows=rows,
        columns=tables[0].columns,
        cells=tuple(cells),
        row_totals=tuple(row_totals),
        column_totals=tuple(add([t.column_totals[j] for t in tables], threshold) for j in range(width)),
        total=add([t.total for t in tables], threshold),
        margin=tables[0].margin,
    )


def _merged_figures(summaries: Sequence[Summary], threshold: int) -> tuple[Figure, ...]:
    keys = _in_order((figure.code, figure.row) for summary in summaries for figure in summary.figures)
    merged = []
    for code, row in keys:
        bases = [next((f.basis for f in summary.figures if (f.code, f.row) == (code, row)), _NONE)
                 for summary in summaries]
        merged.append(Figure(code, row, None, add(bases, threshold)))
    return tuple(merged)


def _in_order(items: Iterable[H]) -> list[H]:
    """``items`` without repeats, each where it first came."""
    return list(dict.fromkeys(items))


def _names(summary: Summary) -> str:
    return ", ".join(name for _code, name in summary.municipalities)
