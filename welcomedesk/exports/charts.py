"""What the region summary's charts show, as plain values, and its medians per step as rows: the PDF report and
the Reports page draw the same. (The arrivals by month are the page's own, never in the report.)

A chart is categories along one axis and one or more series of values; a hidden count (or a figure over
too few people) is ``None`` and is not drawn — never a zero, which would read as "nobody". Shares are
worked out only over exact counts: a share over a hidden count would tell what it hides.
"""

from __future__ import annotations

from dataclasses import dataclass

from welcomedesk.exports.lines import NO_FIGURE_SIGN
from welcomedesk.exports.report_labels import RegionLabels
from welcomedesk.exports.summary import ALL, Cell, Figure, Mark, Summary, Table

ARRIVALS = "arrivals_by_role"
MONTHLY = "arrivals_by_month"
STEPS = "steps_in_time"
WAITING = "median_days_waiting"
RETENTION = ("retention_12", "retention_24")
# The months a retention table looks back over, by its code.
RETENTION_MONTHS = {"retention_12": 12, "retention_24": 24}
# The series' colours, the same in the report and on the page: calm, told apart in grey print too (dark,
# light, dark...), the first one the desk's blue.
PALETTE = ("#1F5C99", "#E3A13B", "#3E8E63", "#9DB9D8", "#8E4B8A", "#C65A3A", "#6B7785", "#D9C46B", "#2B8A9A",
           "#B7B7B7")
# The medians per step, in the order their columns are printed.
MEDIANS = ("median_days_to_done", "median_days_waiting")
# The bottleneck chart shows the steps where people wait longest, this many at most.
BOTTLENECKS = 10


@dataclass(frozen=True)
class Series:
    """One series: its key (a row or column code of the table it comes from) and a value per category."""

    key: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    """Categories (codes of the table's rows or columns) and the series drawn over them.

    ``table`` is the code the categories are labelled by: they are its rows (``by_rows``) or its columns;
    ``stacked`` bars add up.
    """

    code: str
    table: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    stacked: bool = False
    by_rows: bool = True

    @property
    def empty(self) -> bool:
        """Whether there is nothing to draw: no categories, or no value published in any series."""
        return not self.categories or all(v is None or v == 0 for s in self.series for v in s.values)

    @property
    def hidden(self) -> bool:
        """Whether some value is hidden (and so not drawn)."""
        return any(v is None for s in self.series for v in s.values)

    def top(self) -> float:
        """The largest bar: the sum of a category's stacked values, or the largest single value."""
        if self.stacked:
            sums = [sum(s.values[i] or 0 for s in self.series) for i in range(len(self.categories))]
            return max(sums, default=0)
        return max((v for s in self.series for v in s.values if v is not None), default=0)


def _value(cell: Cell) -> float | None:
    """A cell's count to draw; None when it is hidden (or, merged, only known to be at least something)."""
    return float(cell.value) if cell.exact and cell.value is not None else None


def _table(summary: Summary, code: str) -> Table | None:
    return next((t for t in summary.tables if t.code == code), None)


def arrivals(summary: Summary) -> Chart:
    """People arrived per half-year, stacked by their role in the household.

    Rows split further ("spouse:working", "spouse:seeking"...) are drawn as their role: the sum of its parts
    where every part is published; else, where the role is the only one unknown, the half-year's total less
    the other roles (a figure anyone can work out from what is published); else not at all.
    """
    table = _table(summary, ARRIVALS)
    if table is None:
        return Chart("arrivals", ARRIVALS, (), (), stacked=True, by_rows=False)
    roles: dict[str, list[int]] = {}
    for number, row in enumerate(table.rows):
        roles.setdefault(row.partition(":")[0], []).append(number)
    values: dict[str, list[float | None]] = {role: [] for role in roles}
    for column, total in enumerate(table.column_totals):
        known = {role: _sum([_value(table.cells[r][column]) for r in rows]) for role, rows in roles.items()}
        unknown = [role for role, value in known.items() if value is None]
        if len(unknown) == 1 and (whole := _value(total)) is not None:
            known[unknown[0]] = whole - sum(v or 0 for v in known.values())
        for role, value in known.items():
            values[role].append(value)
    series = tuple(Series(role, tuple(found)) for role, found in values.items())
    return Chart("arrivals", ARRIVALS, table.columns, series, stacked=True, by_rows=False)


def arrivals_by_month(months: tuple[tuple[str, dict[str, int]], ...]) -> Chart:
    """People arrived per month ("2025-01"...), stacked by role: the Reports page's view before exporting.

    ``months`` are the exact counts of ``services.region.arrivals_by_month``, small ones too: drawn on the
    coordinator's screen only, never put in a report or export. Named as the arrivals table's columns and rows.
    """
    roles = list(dict.fromkeys(role for _month, counts in months for role in counts))
    series = tuple(Series(role, tuple(float(counts.get(role, 0)) for _month, counts in months)) for role in roles)
    return Chart(MONTHLY, ARRIVALS, tuple(month for month, _counts in months), series, stacked=True, by_rows=False)


def _sum(values: list[float | None]) -> float | None:
    """The sum of ``values``; None when any of them is hidden."""
    return None if any(v is None for v in values) else sum(v or 0 for v in values)


def steps(summary: Summary, most: int | None = None) -> Chart:
    """Each first step: done in time, done late, still open past its target, open — stacked per step, in the
    catalogue's order; ``most``: only that many steps, those with the most people drawn."""
    table = _table(summary, STEPS)
    if table is None:
        return Chart("steps", STEPS, (), ())
    rows = list(range(len(table.rows)))
    if most is not None:
        people = [sum(_value(cell) or 0 for cell in cells) for cells in table.cells]
        rows = sorted(sorted(rows, key=lambda r: -people[r])[:most])
    series = tuple(Series(column, tuple(_value(table.cells[r][i]) for r in rows))
                   for i, column in enumerate(table.columns))
    return Chart("steps", STEPS, tuple(table.rows[r] for r in rows), series, stacked=True)


def bottlenecks(summary: Summary, most: int = BOTTLENECKS) -> Chart:
    """The steps where people wait longest (median days waiting), longest first, ``most`` of them; medians not
    published are left out."""
    shown = sorted((f for f in summary.figures if f.code == WAITING and f.value is not None),
                   key=lambda f: (-(f.value or 0), f.row))[:most]
    return Chart("bottlenecks", STEPS, tuple(f.row for f in shown),
                 (Series(WAITING, tuple(f.value for f in shown)),))


def retention_share(table: Table, row: str) -> float | None:
    """The share (0-100) of the table's people in ``row``: None unless the row's count and the total are
    exact, and the total is not zero."""
    column = table.columns.index(ALL) if ALL in table.columns else 0
    cell = table.cells[table.rows.index(row)][column]
    total = table.column_totals[column] if table.column_totals else table.total
    if not (cell.exact and total.exact) or cell.value is None or not total.value:
        return None
    return 100.0 * cell.value / total.value


def retention(summary: Summary) -> Chart:
    """Where those who arrived 12 and 24 months before the period's end are, as shares: a series per look-back,
    a category per place (still in the municipality, elsewhere in the region, ...)."""
    tables = [t for code in RETENTION if (t := _table(summary, code)) is not None]
    if not tables:
        return Chart("retention", RETENTION[0], (), ())
    rows = tables[0].rows
    series = tuple(Series(t.code, tuple(retention_share(t, row) if row in t.rows else None for row in rows))
                   for t in tables)
    return Chart("retention", RETENTION[0], rows, series)


def category_name(chart: Chart, code: str, labels: RegionLabels) -> str:
    """A category's name: a row or a column of the chart's table."""
    return labels.row(chart.table, code) if chart.by_rows else labels.column(chart.table, code)


def series_name(chart: Chart, key: str, labels: RegionLabels) -> str:
    """A series' name: a row of the table (arrivals by half-year or month, stacked by role), a look-back
    (retention), the figure (bottlenecks) or a column of the table (steps)."""
    if chart.code in ("arrivals", MONTHLY):
        return labels.row(chart.table, key)
    if chart.code == "retention":
        return labels.text("after_months", months=RETENTION_MONTHS.get(key, 0))
    if chart.code == "bottlenecks":
        return labels.text("median_days_waiting")
    return labels.column(chart.table, key)


def median_rows(figures: tuple[Figure, ...]) -> list[tuple[str, list[Cell | float | str]]]:
    """The medians as rows, a step each in the order the figures come: each median (a number, or the sign of
    no figure when its basis is hidden or too small) followed by the people it is measured over."""
    by_step: dict[str, dict[str, Figure]] = {}
    for figure in figures:
        by_step.setdefault(figure.row, {})[figure.code] = figure
    rows: list[tuple[str, list[Cell | float | str]]] = []
    for step, found in by_step.items():
        cells: list[Cell | float | str] = []
        for code in MEDIANS:
            median = found.get(code)
            if median is None:
                cells += [NO_FIGURE_SIGN, Cell(None, Mark.SUPPRESSED)]
            else:
                cells += [NO_FIGURE_SIGN if median.value is None else median.value, median.basis]
        rows.append((step, cells))
    return rows
