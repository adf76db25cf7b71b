"""Disclosure control: which counts of a summary are published, and which are hidden and why.

The rules, in the order they are applied (``docs/region-summary-schema.md`` says them for readers):

1. Primary: a count from 1 to the threshold minus one is hidden (SUPPRESSED); zero is published. Totals
   follow the same rule, except that a row whose total is small goes whole: its cells and its total
   are marked ROW.
2. Secondary: in every equation of a table (a row's cells add up to its total, a column's to its total,
   the row totals and the column totals each to the grand total) no hidden term may be the only one:
   another is hidden, the smallest exact non-zero count of that equation, a cell before a total, the
   first in order on a tie. Tables with the same margin share their column totals and grand total, so
   a shared total hidden in one is hidden in all. This runs over all tables until nothing changes.
3. Audit: each hidden small count must be able to be another number with everything published staying
   as it is (``audit``); where it cannot, the cheapest further counts are hidden and step 2 runs again.
   Step 2 alone stops what one equation tells; step 3 stops what several tell together, and what the
   marks tell (a hidden count is never zero; a row marked ROW totals less than the threshold).
4. Withholding: where even every non-zero count of a margin's tables hidden leaves a small count that
   zeros and marks pin (two people in one row, one in each of two columns), those tables are withheld
   whole: every count hidden and SUPPRESSED, zeros too, and the table says so.

Figures (medians) are published only over a basis that passes the threshold and is not hidden.
Everything is in a fixed order, so the same counts always give the same summary.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from welcomedesk.errors import ValidationError
from welcomedesk.exports.audit import alternative, repair
from welcomedesk.exports.grid import Equation, Grid, Key
from welcomedesk.exports.summary import MIN_THRESHOLD, Cell, Counted, Figure, Mark, Measured, Table
from welcomedesk.i18n import _


def check_threshold(threshold: int) -> int:
    """``threshold`` if it may be used; a ValidationError says why not."""
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < MIN_THRESHOLD:
        raise ValidationError(_("The threshold for small counts must be a whole number of at least {minimum}.")
                              .format(minimum=MIN_THRESHOLD), field="threshold")
    return threshold


def protect(counted: Sequence[Counted], measured: Sequence[Measured],
            threshold: int) -> tuple[tuple[Table, ...], tuple[Figure, ...]]:
    """The tables and figures that may be published from ``counted`` and ``measured``.

    A threshold under MIN_THRESHOLD is refused (ValidationError). Tables that cannot be what they say
    (repeated codes, counts outside their rows, shared margins that differ) are a bug: ValueError.
    """
    check_threshold(threshold)
    codes = [table.code for table in counted]
    if len(set(codes)) != len(codes):
        raise ValueError("two tables have the same code")
    grid = Grid.of(counted, threshold)
    small = _primary(grid)
    _settle(grid)
    for key in small:
        while alternative(grid, key) is None:
            if not repair(grid, key):
                raise RuntimeError(f"no way found to protect the small count at {key}")
            _settle(grid)
    tables = tuple(_table(grid, t, table) for t, table in enumerate(counted))
    return tables, tuple(_figure(figure, counted, tables, threshold) for figure in measured)


def _primary(grid: Grid) -> list[Key]:
    """Hide the small counts and the rows with a small total; the keys hidden, in order."""
    threshold = grid.threshold
    for t, (n, m) in enumerate(grid.shapes):
        for i in range(n):
            if 0 < grid.values[(t, i, m)] < threshold:
                for j in range(m + 1):
                    grid.hide((t, i, j), Mark.ROW)
        for key in grid.keys(t):
            if 0 < grid.values[key] < threshold:
                grid.hide(key)
    return sorted(key for key in grid.marks if grid.values[key] > 0)


def _settle(grid: Grid) -> None:
    """Rule 2 until nothing changes: no equation keeps a single hidden term."""
    changed = True
    while changed:
        changed = False
        for t in range(len(grid.shapes)):
            for equation in grid.equations(t):
                if sum(grid.hidden(key) for key in equation.keys) == 1:
                    pick = _complement(grid, equation)
                    if pick is not None:
                        changed |= grid.hide(pick)


def _complement(grid: Grid, equation: Equation) -> Key | None:
    """The term to hide beside a lone hidden one: the smallest exact non-zero cell, the total if none;
    None when every exact term is zero (then the lone hidden term is a zero of a ROW row)."""
    cells = [key for key in equation.terms if not grid.hidden(key) and grid.values[key] > 0]
    if cells:
        return min(cells, key=lambda key: grid.values[key])  # min keeps the first of equals
    total = equation.total
    return total if not grid.hidden(total) and grid.values[total] > 0 else None


def _table(grid: Grid, t: int, counted: Counted) -> Table:
    n, m = grid.shapes[t]
    return Table(
        code=counted.code,
        rows=counted.rows,
        columns=counted.columns,
        cells=tuple(tuple(grid.cell((t, i, j)) for j in range(m)) for i in range(n)),
        row_totals=tuple(grid.cell((t, i, m)) for i in range(n)),
        column_totals=tuple(grid.cell((t, n, j)) for j in range(m)),
        total=grid.cell((t, n, m)),
        margin=counted.margin,
        withheld=t in grid.withheld,
    )


def _figure(figure: Measured, counted: Sequence[Counted], tables: Sequence[Table], threshold: int) -> Figure:
    """``figure`` as published: its basis marked like a count (a linked table cell's own mark; several
    cells' sum only where all are published), its value only over a published basis that passes the
    threshold."""
    if isinstance(figure.basis, bool) or not isinstance(figure.basis, int) or figure.basis < 0:
        raise ValueError(f"figure {figure.code} has a basis that is not a whole number of 0 or more")
    if not math.isfinite(figure.value):
        raise ValueError(f"figure {figure.code} is not a finite number")
    links = ([figure.cell] if figure.cell is not None else []) + list(figure.cells)
    if links:
        cells, people = [], 0
        for code, row, column in links:
            at = next((t for t, table in enumerate(counted) if table.code == code), None)
            if at is None or row not in counted[at].rows or column not in counted[at].columns:
                raise ValueError(f"figure {figure.code} names a cell that no table has: {code, row, column}")
            people += counted[at].count(row, column)
            cells.append(tables[at].cell(row, column))
        if people != figure.basis:
            raise ValueError(f"figure {figure.code} is not measured over the people its cells count")
        if len(cells) == 1:
            basis = cells[0]
        else:
            basis = Cell(people) if all(cell.exact for cell in cells) else Cell(None, Mark.SUPPRESSED)
    elif 0 < figure.basis < threshold:
        basis = Cell(None, Mark.SUPPRESSED)
    else:
        basis = Cell(figure.basis)
    published = basis.exact and basis.value is not None and basis.value >= threshold
    return Figure(figure.code, figure.row, figure.value if published else None, basis)
