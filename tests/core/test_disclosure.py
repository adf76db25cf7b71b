"""Disclosure control: small counts hidden, and no hidden small count worked out from what is published.

The right answers of the hand-built tables are worked out in the comments beside them. The attacker
knows everything a reader of the summary knows and tightens an interval for every hidden count until
nothing changes; it must never pin a hidden count of 1 to the threshold minus one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from welcomedesk.errors import ValidationError
from welcomedesk.exports.disclosure import protect
from welcomedesk.exports.summary import Cell, Counted, Figure, Mark, Measured, Table
from welcomedesk.i18n import translator

S, R = "S", "R"  # a cell expected SUPPRESSED, or ROW


def counted(code: str, grid: Sequence[Sequence[int]], margin: str = "", columns: Sequence[str] = ()) -> Counted:
    """A table from its rows of counts; rows are r0, r1…, columns c0, c1… unless named."""
    names = tuple(columns) or tuple(f"c{j}" for j in range(len(grid[0]) if grid else 0))
    rows = tuple(f"r{i}" for i in range(len(grid)))
    return Counted(code, rows, names, {(rows[i], names[j]): v for i, line in enumerate(grid)
                                       for j, v in enumerate(line)}, margin)


def shown(table: Table) -> list[list[int | str]]:
    """The table as published, totals included: a number, S (suppressed) or R (row)."""
    def one(cell: Cell) -> int | str:
        if cell.exact:
            assert cell.value is not None
            return cell.value
        return {Mark.SUPPRESSED: S, Mark.ROW: R}[cell.mark]

    lines = [[*map(one, cells), one(total)] for cells, total in zip(table.cells, table.row_totals, strict=True)]
    return [*lines, [*map(one, table.column_totals), one(table.total)]]


# -- the attacker

Var = tuple[object, ...]
INF = math.inf


def _published(table: Table, i: int, j: int) -> Cell:
    n, m = len(table.rows), len(table.columns)
    if i < n and j < m:
        return table.cells[i][j]
    if i < n:
        return table.row_totals[i]
    return table.column_totals[j] if j < m else table.total


def attack(tables: Sequence[Table], threshold: int, figures: Sequence[tuple[Figure, tuple[str, str, str]]] = (),
           knows_marks: bool = True) -> dict[tuple[int, int, int], tuple[float, float]]:
    """The interval of every count of every table (totals too) that follows from what is published.

    Known: every exact count; each table's equations (cells add up to their row and column totals, row
    totals and column totals to the grand total); that tables with the same margin have the same column
    totals and grand total; that counts are whole numbers of 0 or more; and what the schema says the
    marks mean: outside a withheld table zero is always published (a suppressed count is at least 1), a
    row marked ROW totals 1 to threshold - 1, and a suppressed row total passes the threshold (a small
    one would have taken its row). A figure's published basis is the count of its cell. Intervals are
    tightened over every equation until nothing changes. Without ``knows_marks`` a hidden count is only
    known to be 0 or more.
    """
    var: dict[tuple[int, int, int], Var] = {}
    low: dict[Var, float] = {}
    high: dict[Var, float] = {}
    equations: list[tuple[list[Var], Var]] = []

    def know(v: Var, lo: float, hi: float) -> None:
        low[v], high[v] = max(low.get(v, 0), lo), min(high.get(v, INF), hi)

    for t, table in enumerate(tables):
        n, m = len(table.rows), len(table.columns)
        for i in range(n + 1):
            for j in range(m + 1):
                v: Var = ("margin", table.margin, j) if i == n and table.margin else (t, i, j)
                var[(t, i, j)] = v
                cell = _published(table, i, j)
                if cell.exact:
                    assert cell.value is not None and not table.withheld
                    know(v, cell.value, cell.value)
                elif table.withheld or not knows_marks:
                    know(v, 0, INF)
                elif cell.mark is Mark.ROW:
                    know(v, *((1, threshold - 1) if j == m else (0, INF)))
                else:
                    know(v, *((threshold, INF) if i < n and j == m else (1, INF)))
        for i in range(n + 1):
            equations.append(([var[(t, i, j)] for j in range(m)], var[(t, i, m)]))
        for j in range(m + 1):
            equations.append(([var[(t, i, j)] for i in range(n)], var[(t, n, j)]))
    by_code = {table.code: t for t, table in enumerate(tables)}
    for figure, (code, row, column) in figures:
        if figure.basis.exact:
            assert figure.basis.value is not None
            table = tables[by_code[code]]
            v = var[(by_code[code], table.rows.index(row), table.columns.index(column))]
            know(v, figure.basis.value, figure.basis.value)

    def tighten(v: Var, lo: float, hi: float) -> bool:
        new_low, new_high = max(low[v], lo), min(high[v], hi)
        assert new_low <= new_high, f"what is published contradicts itself at {v}"
        changed = (new_low, new_high) != (low[v], high[v])
        low[v], high[v] = new_low, new_high
        return changed

    changed = True
    while changed:
        changed = False
        for terms, total in equations:
            changed |= tighten(total, sum(low[v] for v in terms), sum(high[v] for v in terms))
            for k, v in enumerate(terms):
                others = terms[:k] + terms[k + 1:]
                changed |= tighten(v, low[total] - sum(high[o] for o in others),
                                   high[total] - sum(low[o] for o in others))
    return {key: (low[v], high[v]) for key, v in var.items()}


def truth(tables: Sequence[Counted]) -> dict[tuple[int, int, int], int]:
    """Every count of every table with its totals, by (table, grid row, grid column)."""
    out: dict[tuple[int, int, int], int] = {}
    for t, table in enumerate(tables):
        n, m = len(table.rows), len(table.columns)
        grid = [[table.count(r, c) for c in table.columns] for r in table.rows]
        for i in range(n):
            for j in range(m):
                out[(t, i, j)] = grid[i][j]
            out[(t, i, m)] = sum(grid[i])
        for j in range(m):
            out[(t, n, j)] = sum(grid[i][j] for i in range(n))
        out[(t, n, m)] = sum(out[(t, i, m)] for i in range(n))
    return out


def assert_safe(source: Sequence[Counted], tables: Sequence[Table], threshold: int,
                figures: Sequence[tuple[Figure, tuple[str, str, str]]] = ()) -> int:
    """Published counts are the true ones and never small; the attacker pins no hidden small count (and
    its intervals hold the truth: what the marks say is so). Returns how many small counts were hidden."""
    true = truth(source)
    hidden_small = 0
    for knows_marks in (False, True):
        intervals = attack(tables, threshold, figures, knows_marks)
        hidden_small = 0
        for key, value in true.items():
            cell = _published(tables[key[0]], key[1], key[2])
            low, high = intervals[key]
            assert low <= value <= high, (key, value, low, high)
            if cell.exact:
                assert cell.value == value and not 0 < value < threshold, (key, cell)
            elif 0 < value < threshold:
                hidden_small += 1
                assert low < high, f"the hidden count {value} at {key} is pinned"
    return hidden_small


# -- hand-built tables


def test_primary_and_secondary_in_one_table() -> None:
    # x: 2 10 | 12        2 is small. Row x then has one hidden term: the smallest exact non-zero cell
    # y: 8  9 | 17        beside it, 10, goes too. Column c0 has one hidden (2): 8 goes (smaller than 20);
    # z: 20 0 | 20        column c1 has one hidden (10): 9 goes (0 is published, never hidden). Row y now
    #   30 19 | 49        has two hidden, every equation has none or at least two: done.
    source = counted("t", [[2, 10], [8, 9], [20, 0]])
    tables, _ = protect([source], [], 5)
    assert shown(tables[0]) == [[S, S, 12], [S, S, 17], [20, 0, 20], [30, 19, 49]]
    assert assert_safe([source], tables, 5) == 1


def test_a_row_with_a_small_total_goes_whole_and_its_total_is_protected() -> None:
    # 0-17:   1  2 |  3     Row 0-17 totals 3: cells and total are ROW. Column c0 has one hidden (1): 20
    # 18-64: 20 30 | 50     goes; column c1 (2): 30 goes. The row totals (3, 50, 0 | 53) have one hidden:
    # 65+:    0  0 |  0     50 goes. The zero row stays published. Column totals pass the threshold.
    #        21 32 | 53
    source = counted("age", [[1, 2], [20, 30], [0, 0]])
    tables, _ = protect([source], [], 5)
    assert shown(tables[0]) == [[R, R, R], [S, S, S], [0, 0, 0], [21, 32, 53]]
    assert assert_safe([source], tables, 5) == 3


def test_totals_follow_the_rule_and_a_single_column_hides_in_pairs() -> None:
    # One column: each cell is its row's total. a: 7 | 7, b: 3 | 3 (ROW), c: 9 | 9; column 19.
    # Row totals (7, 3, 9 | 19) have one hidden: 7 goes, so row a's cell 7 goes with it (its row
    # equation 7 = 7 would tell). Column c0 (7, 3, 9 | 19) then has two hidden. Done.
    source = counted("one", [[7], [3], [9]])
    tables, _ = protect([source], [], 5)
    assert shown(tables[0]) == [[S, S], [R, R], [9, 9], [19, 19]]
    assert assert_safe([source], tables, 5) == 2


def test_the_audit_stops_what_the_marks_and_a_shared_margin_tell_together() -> None:
    # Two tables count the same 8 people (margin "arrivals"): t1 by two rows of 4 (both ROW), t2 in one
    # row of 8. Rule 2 alone would be content: t1's equations each have two hidden terms. But a reader
    # knows a ROW row totals at most 4, and the shared total 8 is published by t2: both rows are 4.
    # The audit hides the shared total (so in t2 too, and then t2's row by rule 2).
    t1 = counted("t1", [[4], [4]], "arrivals")
    t2 = counted("t2", [[8]], "arrivals")
    tables, _ = protect([t1, t2], [], 5)
    assert shown(tables[0]) == [[R, R], [R, R], [S, S]]
    assert shown(tables[1]) == [[S, S], [S, S]]
    assert assert_safe([t1, t2], tables, 5) == 4


def test_the_audit_stops_what_several_equations_tell_together() -> None:
    # Threshold 3.   r0:  0  0  1  0 |  1    r0 totals 1: ROW. 2 and 1 are small. Rule 2 then hides 6 in c0
    #                r1:  6  6  2  8 | 22    (beside r0's hidden 0), 5 in r2 (beside the 1), and 22 among the
    #                r2:  8  5 10  1 | 24    row totals (beside r0's 1); every equation has two hidden terms.
    #                    14 11 13  9 | 47
    # Yet the 1 is pinned even without reading the marks: c3 says r0c3 + r2c3 = 9 - 8 = 1, so r2c3 <= 1;
    # c1 says r0c1 + r2c1 = 11 - 6 = 5, so r2c1 <= 5; and r2 says r2c1 + r2c3 = 24 - 18 = 6, so r2c3 >= 1.
    # (A hidden zero of a ROW row can only be more, never less.) The audit hides the cheapest count that
    # lets the 1 move, r1's 8: the 1 can be 2 with r1c3 7, r1c2 3, r0c2 0, r0c1 1 and r2c1 4.
    source = counted("t", [[0, 0, 1, 0], [6, 6, 2, 8], [8, 5, 10, 1]])
    tables, _ = protect([source], [], 3)
    assert shown(tables[0]) == [[R, R, R, R, R], [S, 6, S, S, S], [8, S, 10, S, 24], [14, 11, 13, 9, 47]]
    assert assert_safe([source], tables, 3) == 4


def test_a_table_that_zeros_and_marks_would_tell_is_withheld_whole() -> None:
    # Threshold 3.   r0: 0 1 1 | 2     r0 totals 2: ROW. The column totals 1 and 1 and the grand total are
    #                r1: 0 0 0 | 0     small. With every non-zero count hidden a reader still knows r0 is
    #                    0 1 1 | 2     at most 2 (ROW) and each hidden column total at least 1 (zero is
    # published): both are 1, and so are r0's cells. Only zeros are left to hide, so the table is withheld:
    # everything hidden, zeros too, and the table says so (its marks then promise nothing).
    source = counted("t", [[0, 1, 1], [0, 0, 0]])
    alone = counted("alone", [[4, 9]])
    tables, _ = protect([source, alone], [], 3)
    assert tables[0].withheld and shown(tables[0]) == [[S] * 4] * 3
    assert not tables[1].withheld and shown(tables[1]) == [[4, 9, 13], [4, 9, 13]]
    assert assert_safe([source, alone], tables, 3) == 6


def test_a_small_municipality_where_almost_everything_goes() -> None:
    # Nine arrivals in two half-years, counted three ways (same margin: 6 | 3 | 9).
    # role:    main 3 1 | 4, spouse 1 0 | 1, child 2 2 | 4: every row totals under 5, all ROW.
    # age:     0-17 2 2 | 4 (ROW), 18-64 4 1 | 5: 4 and 1 are small.
    # country: EU 6 3 | 9: 3 is small.
    # The shared column total 3 is small; the column totals (6, 3 | 9) then have one hidden: 6 goes,
    # in all three tables. age's row totals (4, 5 | 9) have one hidden: 5 goes. country's row EU has
    # one hidden: 6 goes. Only the grand total 9 (and EU's total, the same 9) stays.
    role = counted("role", [[3, 1], [1, 0], [2, 2]], "arrivals")
    age = counted("age", [[2, 2], [4, 1]], "arrivals")
    country = counted("country", [[6, 3]], "arrivals")
    tables, _ = protect([role, age, country], [], 5)
    assert shown(tables[0]) == [[R, R, R], [R, R, R], [R, R, R], [S, S, 9]]
    assert shown(tables[1]) == [[R, R, R], [S, S, S], [S, S, 9]]
    assert shown(tables[2]) == [[S, S, 9], [S, S, 9]]
    assert assert_safe([role, age, country], tables, 5) > 10


def test_an_empty_period_publishes_every_zero() -> None:
    sources = [counted("role", [[0, 0], [0, 0]], "arrivals"), counted("age", [[0, 0], [0, 0], [0, 0]], "arrivals"),
               counted("topics", [[0]])]
    tables, figures = protect(sources, [Measured("days", "r0", 0.0, 0)], 5)
    for table in tables:
        assert all(cell == Cell(0) for line in shown(table) for cell in map(Cell, line))  # type: ignore[arg-type]
    assert figures == (Figure("days", "r0", None, Cell(0)),)


def test_a_table_without_rows_is_all_zero_totals() -> None:
    tables, _ = protect([Counted("projects", (), ("c0", "c1"), {})], [], 5)
    assert shown(tables[0]) == [[0, 0, 0]]


@pytest.mark.parametrize(("threshold", "expected"), [
    # 3: only 2 is small; row a (2 4 | 6) has one hidden: 4 goes; column c0 (2 5 | 7): 5 goes; column c1
    # (4 8 | 12): 8 goes.
    (3, [[S, S, 6], [S, S, 13], [7, 12, 19]]),
    # 5: 2 and 4 are small; row a (total 6) is fine; column c0 (2 5 | 7): 5 goes; column c1 (4 8 | 12):
    # 8 goes. The same cells go, for more reasons.
    (5, [[S, S, 6], [S, S, 13], [7, 12, 19]]),
    # 7: row a totals 6: ROW. 5 is small too. Column c0 (R 5 | 7) has 7 left exact beside two hidden;
    # column c1 (R 8 | 12) has one hidden: 8 goes. Row totals (R 13 | 19): 13 goes.
    (7, [[R, R, R], [S, S, S], [7, 12, 19]]),
])
def test_the_threshold_decides_what_is_small(threshold: int, expected: list[list[int | str]]) -> None:
    source = counted("t", [[2, 4], [5, 8]])
    tables, _ = protect([source], [], threshold)
    assert shown(tables[0]) == expected
    assert_safe([source], tables, threshold)


@pytest.mark.parametrize("threshold", [2, 0, -5])
def test_a_threshold_under_three_is_refused_with_a_reason(threshold: int) -> None:
    with pytest.raises(ValidationError) as refused:
        protect([counted("t", [[1]])], [], threshold)
    assert "at least 3" in str(refused.value) and refused.value.field == "threshold"
    assert "3" in translator("fi")(refused.value.message)


def test_figures_are_published_only_over_a_published_basis_that_passes_the_threshold() -> None:
    # Days to the first step: r0 has 2 people (hidden), r1 8 (hidden for r0's sake), r2 20 (published).
    source = counted("done", [[2], [8], [20]])
    measured = [Measured("days", "r0", 3.0, 2, ("done", "r0", "c0")),
                Measured("days", "r1", 10.5, 8, ("done", "r1", "c0")),
                Measured("days", "r2", 14.0, 20, ("done", "r2", "c0")),
                Measured("wait", "all", 7.0, 4), Measured("wait", "some", 9.0, 6), Measured("wait", "none", 0.0, 0)]
    tables, figures = protect([source], measured, 5)
    assert shown(tables[0]) == [[R, R], [S, S], [20, 20], [30, 30]]
    assert figures == (Figure("days", "r0", None, Cell(None, Mark.ROW)),
                       Figure("days", "r1", None, Cell(None, Mark.SUPPRESSED)),
                       Figure("days", "r2", 14.0, Cell(20)),
                       Figure("wait", "all", None, Cell(None, Mark.SUPPRESSED)),
                       Figure("wait", "some", 9.0, Cell(6)),
                       Figure("wait", "none", None, Cell(0)))
    linked = [(figure, m.cell) for figure, m in zip(figures, measured, strict=True) if m.cell is not None]
    assert_safe([source], tables, 5, linked)


def test_a_figure_over_several_cells_is_published_only_where_all_of_them_are() -> None:
    # Steps: r0 done 3 in time (small) and 9 late; r1 done 12 and 20. Row r0 hides 3 and 9 (its total 12
    # stays); column c0 (3 12 | 15) hides 12, column c1 (9 20 | 29) 20. A median over r0's done steps
    # (12 people) would tell 3 + 9 = 12 again: harmless here, but over two hidden cells it adds an equation,
    # so it goes whenever one of its cells is hidden. Over r1's 12 + 20 = 32 likewise.
    source = counted("steps", [[3, 9], [12, 20]])
    both = [Measured("done", f"r{i}", 5.0, sum(line), cells=((("steps", f"r{i}", "c0"), ("steps", f"r{i}", "c1"))))
            for i, line in enumerate([[3, 9], [12, 20]])]
    tables, figures = protect([source], both, 5)
    assert shown(tables[0]) == [[S, S, 12], [S, S, 32], [15, 29, 44]]
    assert figures == (Figure("done", "r0", None, Cell(None, Mark.SUPPRESSED)),
                       Figure("done", "r1", None, Cell(None, Mark.SUPPRESSED)))
    tables, figures = protect([counted("steps", [[6, 9], [12, 20]])], both[1:], 5)
    assert figures == (Figure("done", "r1", 5.0, Cell(32)),)


def test_a_figure_linked_to_a_cell_it_does_not_count_is_a_bug() -> None:
    with pytest.raises(ValueError):
        protect([counted("done", [[7]])], [Measured("days", "r0", 3.0, 6, ("done", "r0", "c0"))], 5)
    with pytest.raises(ValueError):
        protect([counted("done", [[7]])], [Measured("days", "r0", 3.0, 7, ("nothing", "r0", "c0"))], 5)


def test_tables_that_share_a_margin_must_count_the_same_people() -> None:
    with pytest.raises(ValueError):
        protect([counted("a", [[5, 5]], "m"), counted("b", [[5, 6]], "m")], [], 5)
    with pytest.raises(ValueError):
        protect([counted("a", [[5]]), counted("a", [[5]])], [], 5)


def test_the_same_counts_give_the_same_summary() -> None:
    sources = [counted("role", [[3, 1, 9], [1, 0, 7], [12, 2, 2]], "m"), counted("age", [[4, 1, 5], [12, 2, 13]], "m")]
    first = protect(sources, [], 5)
    assert all(protect(sources, [], 5) == first for _ in range(3))


# -- random tables


@st.composite
def summaries(draw: st.DrawFn) -> tuple[list[Counted], int]:
    """1-3 tables of 2-6 rows sharing one margin of 1-4 columns, sometimes a table of their own beside."""
    columns = draw(st.integers(1, 4))
    first = draw(st.lists(st.lists(st.integers(0, 12), min_size=columns, max_size=columns), min_size=2, max_size=6))
    totals = [sum(line[j] for line in first) for j in range(columns)]
    tables = [counted("t0", first, "m")]
    for k in range(1, draw(st.integers(1, 3))):
        rows = draw(st.integers(2, 6))
        grid = [[0] * columns for _ in range(rows)]
        for j, total in enumerate(totals):
            cuts = sorted(draw(st.lists(st.integers(0, total), min_size=rows - 1, max_size=rows - 1)))
            for i, (a, b) in enumerate(zip([0, *cuts], [*cuts, total], strict=True)):
                grid[i][j] = b - a
        tables.append(counted(f"t{k}", grid, "m"))
    if draw(st.booleans()):
        alone = draw(st.integers(1, 4))
        tables.append(counted("alone", draw(st.lists(st.lists(st.integers(0, 12), min_size=alone, max_size=alone),
                                                      min_size=2, max_size=6))))
    return tables, draw(st.sampled_from([3, 4, 5]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(summaries())
def test_no_hidden_small_count_is_ever_worked_out(case: tuple[list[Counted], int]) -> None:
    sources, threshold = case
    tables, _ = protect(sources, [], threshold)
    assert_safe(sources, tables, threshold)
    assert protect(sources, [], threshold)[0] == tables
