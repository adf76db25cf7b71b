"""Hand-made region summaries for the report and the Reports page tests: known counts, some of them hidden."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from welcomedesk.exports.report_labels import RegionLabels
from welcomedesk.exports.summary import ALL, Cell, Figure, Mark, Summary, Table

HALVES = ("2025H1", "2025H2")
STEPS = ("register_dvv", "kela_benefits", "tax_card", "bank_account")
PLACES = ("municipality", "region", "finland", "left", "lost", "unknown")
# Counts no published cell may show: each is hidden in the summary below.
SECRETS = (4711, 2323, 1717)


def table(code: str, rows: Sequence[str], columns: Sequence[str], counts: Sequence[Sequence[int]],
          hidden: Mapping[tuple[int, int], Mark] | None = None) -> Table:
    """A published table from its true counts: the cells in ``hidden`` (row, column) lose their value and carry
    their mark; so do, to keep them from being worked out, the totals of their rows and columns (a row marked
    ROW marks its total so) and then the grand total."""
    hidden = dict(hidden or {})
    cells = tuple(tuple(Cell(None, hidden[(r, c)]) if (r, c) in hidden else Cell(counts[r][c])
                        for c in range(len(columns))) for r in range(len(rows)))
    row_totals = tuple(Cell(None, Mark.ROW) if any(hidden.get((r, c)) is Mark.ROW for c in range(len(columns)))
                       else Cell(None, Mark.SUPPRESSED) if any(r == row for row, _c in hidden)
                       else Cell(sum(counts[r])) for r in range(len(rows)))
    column_totals = tuple(Cell(None, Mark.SUPPRESSED) if any(c == column for _r, column in hidden)
                          else Cell(sum(counts[r][c] for r in range(len(rows)))) for c in range(len(columns)))
    total = Cell(None, Mark.SUPPRESSED) if hidden else Cell(sum(map(sum, counts)))
    return Table(code, tuple(rows), tuple(columns), cells, row_totals, column_totals, total)


def small_summary(threshold: int = 5) -> Summary:
    """One municipality, one year: arrivals with a hidden small cell and a whole row hidden, first steps, the
    medians, retention, and an empty table."""
    arrivals = table("arrivals_by_role", ("main", "spouse", "child", "other"), HALVES,
                     [[40, 35], [22, 4711], [30, 2323], [2, 1]],
                     {(1, 1): Mark.SUPPRESSED, (2, 1): Mark.SUPPRESSED, (3, 0): Mark.ROW, (3, 1): Mark.ROW})
    ages = table("arrivals_by_age_band", ("0-6", "7-17", "18-29", "30-44", "45-64"), HALVES,
                 [[12, 9], [18, 11], [20, 30], [40, 33], [9, 1717]], {(4, 1): Mark.SUPPRESSED})
    steps = table("steps_in_time", STEPS, ("in_time", "late", "open_late", "open"),
                  [[50, 8, 2, 6], [30, 12, 6, 10], [44, 5, 0, 9], [38, 3, 3, 14]],
                  {(0, 2): Mark.SUPPRESSED, (2, 2): Mark.SUPPRESSED})
    retention = [table("retention_12", PLACES, (ALL,), [[60], [9], [8], [7], [6], [0]]),
                 table("retention_24", PLACES, (ALL,), [[31], [6], [5], [7], [5], [2]], {(5, 0): Mark.SUPPRESSED})]
    walk_ins = table("walk_ins_by_topic", (), (ALL,), [])
    figures = (*(Figure("median_days_to_done", step, days, Cell(basis))
                 for step, days, basis in zip(STEPS, (6.0, 11.5, 3.0, 9.0), (58, 42, 49, 41), strict=True)),
               *(Figure("median_days_waiting", step, days, Cell(basis) if basis else Cell(None, Mark.SUPPRESSED))
                 for step, days, basis in zip(STEPS, (14.0, 30.5, None, 21.0), (16, 22, None, 17), strict=True)))
    return Summary(municipalities=(("205", "Kajaani"),), period_from="2025-01-01", period_to="2025-12-31",
                   threshold=threshold, made_in="2026-11",
                   tables=(arrivals, ages, steps, *retention, walk_ins), figures=figures)


def empty_summary() -> Summary:
    """A period when nobody arrived: every table without rows, every total zero."""
    tables = tuple(table(code, (), columns, []) for code, columns in (
        ("arrivals_by_role", ()), ("steps_in_time", ("in_time", "late", "open_late", "open")),
        ("retention_12", (ALL,)), ("retention_24", (ALL,))))
    return Summary(municipalities=(("205", "Kajaani"),), period_from="2024-01-01", period_to="2024-06-30",
                   threshold=5, made_in="2026-11", tables=tables)


TEXTS = {"title": "Region summary", "subtitle": "Anonymous figures", "municipalities": "Municipality",
         "period": "Period", "period_value": "{start}–{end}", "threshold": "Smallest count shown",
         "threshold_value": "Counts under {threshold} are hidden.", "made": "Made", "legend": "Marks",
         "charts": "Charts", "tables": "Tables", "arrivals_chart": "Arrivals by half-year",
         "steps_chart": "First steps done in time", "bottlenecks_chart": "Where people wait longest",
         "retention_chart": "Where they are after 12 and 24 months (%)", "months": "Months after arriving",
         "after_months": "After {months} months",
         "not_drawn": "Hidden values are not drawn.",
         "no_data": "Nothing to show.", "at_least": "at least", "no_figure": "no figure",
         "withheld": "Withheld.", "total": "Total", "figures": "Medians per step",
         "median_days_to_done": "Median days to done", "median_days_waiting": "Median days waiting",
         "basis": "People", "step": "Step", "page_of": "Page {page} of {pages}", "footer": "{title} · {names}"}
MARKS = {Mark.SUPPRESSED: "hidden: a small count, or one that would tell a small count",
         Mark.ROW: "the whole row is hidden", Mark.INCOMPLETE: "incomplete"}


def plain_labels() -> RegionLabels:
    """English words made by hand: a table is named by its code with "Table " before it."""
    def cell(cell: Cell) -> str:
        if cell.value is not None and cell.exact:
            return str(cell.value)
        return {Mark.ROW: "...", Mark.INCOMPLETE: "..+"}.get(cell.mark, "..")

    return RegionLabels(indicator=lambda code: f"Table {code}", row=lambda _table, row: row,
                        column=lambda _table, column: column, mark=MARKS.__getitem__, cell=cell,
                        number=lambda value: f"{value:g}", date=lambda iso: ".".join(reversed(iso.split("-"))),
                        text=lambda key, **values: TEXTS[key].format(**values))
