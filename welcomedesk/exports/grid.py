"""The counted tables of one summary as one system of equations, and what is hidden in it so far.

A table of n rows and m columns is kept with its totals as an (n+1) x (m+1) grid: row n holds the
column totals, column m the row totals and (n, m) the grand total. Every row and every column of the
grid is then one equation: its first terms add up to its last. Tables with the same margin count the
same people, so their row n is one set of figures: hiding it in one hides it in all.

Disclosure control (``disclosure``) decides what to hide; the audit (``audit``) checks that each hidden
small count could be another number without anything published changing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from welcomedesk.exports.summary import Cell, Counted, Mark

# (table index, grid row, grid column)
Key = tuple[int, int, int]


@dataclass(frozen=True)
class Equation:
    """Terms that add up to a total."""

    terms: tuple[Key, ...]
    total: Key

    @property
    def keys(self) -> tuple[Key, ...]:
        return (*self.terms, self.total)


@dataclass
class Grid:
    """Every table's counts and totals, the tables that share a margin, and the marks given so far."""

    shapes: tuple[tuple[int, int], ...]  # (rows, columns) of each table, totals not counted
    values: dict[Key, int]
    partners: tuple[tuple[int, ...], ...]  # each table's margin group, itself included, in order
    threshold: int
    marks: dict[Key, Mark] = field(default_factory=dict)  # the hidden keys only
    withheld: set[int] = field(default_factory=set)  # tables with every key hidden, zeros too

    @classmethod
    def of(cls, counted: Sequence[Counted], threshold: int) -> Grid:
        """The grid of ``counted``; a table that cannot be one (a bug in whoever counted) raises ValueError."""
        values: dict[Key, int] = {}
        for t, table in enumerate(counted):
            _check(table)
            n, m = len(table.rows), len(table.columns)
            for i, row in enumerate(table.rows):
                for j, column in enumerate(table.columns):
                    values[(t, i, j)] = table.count(row, column)
                values[(t, i, m)] = sum(values[(t, i, j)] for j in range(m))
            for j in range(m):
                values[(t, n, j)] = sum(values[(t, i, j)] for i in range(n))
            values[(t, n, m)] = sum(values[(t, i, m)] for i in range(n))
        groups: dict[str, list[int]] = {}
        for t, table in enumerate(counted):
            if table.margin:
                groups.setdefault(table.margin, []).append(t)
        partners = tuple(tuple(groups[table.margin]) if table.margin else (t,) for t, table in enumerate(counted))
        for group in groups.values():
            first = counted[group[0]]
            n0 = len(first.rows)
            for t in group[1:]:
                n = len(counted[t].rows)
                if counted[t].columns != first.columns or any(
                        values[(t, n, j)] != values[(group[0], n0, j)] for j in range(len(first.columns) + 1)):
                    raise ValueError(f"tables {first.code} and {counted[t].code} share a margin but not its totals")
        return cls(tuple((len(c.rows), len(c.columns)) for c in counted), values, partners, threshold)

    def keys(self, t: int) -> Iterator[Key]:
        """Table ``t``'s cells and totals, row by row."""
        n, m = self.shapes[t]
        for i in range(n + 1):
            for j in range(m + 1):
                yield (t, i, j)

    def equations(self, t: int) -> Iterator[Equation]:
        """Table ``t``'s equations: each row of the grid, then each column."""
        n, m = self.shapes[t]
        for i in range(n + 1):
            yield Equation(tuple((t, i, j) for j in range(m)), (t, i, m))
        for j in range(m + 1):
            yield Equation(tuple((t, i, j) for i in range(n)), (t, n, j))

    def is_margin(self, key: Key) -> bool:
        """Whether ``key`` is a column total or the grand total (the figures a margin group shares)."""
        return key[1] == self.shapes[key[0]][0]

    def is_total(self, key: Key) -> bool:
        t, i, j = key
        n, m = self.shapes[t]
        return i == n or j == m

    def sign(self, key: Key) -> int:
        """+1 for cells and the grand total, -1 for row and column totals: with these signs every
        equation reads as the signed sum of the keys of one grid row or column being zero."""
        t, i, j = key
        n, m = self.shapes[t]
        return 1 if (i == n) == (j == m) else -1

    def bounds(self, key: Key, mark: Mark) -> tuple[int, int | None]:
        """What a reader knows of a count hidden with ``mark``, from the rules alone (zero is always
        published; a row goes whole exactly when its total is under the threshold)."""
        t, i, j = key
        if t in self.withheld:
            return (0, None)
        n, m = self.shapes[t]
        row_total = i < n and j == m
        if mark is Mark.ROW:
            return (1, self.threshold - 1) if row_total else (0, None)
        # A row total hidden for another count's sake passes the threshold, or its row would have gone.
        return (self.threshold, None) if row_total else (1, None)

    def hidden(self, key: Key) -> bool:
        return key in self.marks

    def hide(self, key: Key, mark: Mark = Mark.SUPPRESSED) -> bool:
        """Hide ``key`` (and, for a shared total, the same total of every table of its margin); whether
        anything was hidden that was not."""
        t, _, j = key
        keys = [(p, self.shapes[p][0], j) for p in self.partners[t]] if self.is_margin(key) else [key]
        changed = False
        for each in keys:
            if each not in self.marks:
                self.marks[each] = mark
                changed = True
        return changed

    def withhold(self, t: int) -> bool:
        """Hide every key of table ``t`` and of the tables of its margin, zeros too, all SUPPRESSED (a ROW
        mark would still tell a row's total); whether any table was not withheld already."""
        changed = False
        for p in self.partners[t]:
            if p not in self.withheld:
                self.withheld.add(p)
                self.marks.update((key, Mark.SUPPRESSED) for key in self.keys(p))
                changed = True
        return changed

    def cell(self, key: Key) -> Cell:
        """The published cell of ``key``."""
        mark = self.marks.get(key)
        return Cell(self.values[key]) if mark is None else Cell(None, mark)


def _check(table: Counted) -> None:
    if len(set(table.rows)) != len(table.rows) or len(set(table.columns)) != len(table.columns):
        raise ValueError(f"table {table.code} repeats a row or a column")
    for (row, column), count in table.counts.items():
        if row not in table.rows or column not in table.columns:
            raise ValueError(f"table {table.code} counts outside its rows and columns: {row!r}, {column!r}")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"table {table.code} has a count that is not a whole number of 0 or more")
