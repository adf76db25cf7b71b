"""A region summary as plain values: counted tables before disclosure control (``Counted``), and the
published summary after it (``Summary``), which is what every format writes and ``merge`` combines.

Nothing here knows of the database or of a file format. The indicators are defined in
``docs/region-summary.md``; their codes are the ``code`` of a table or figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

SCHEMA = "welcomedesk-region-summary"
SCHEMA_VERSION = 1
# The coordinator may raise the threshold; never below this.
MIN_THRESHOLD = 3
DEFAULT_THRESHOLD = 5
# The column of a table that is not split by time.
ALL = "all"


class Mark(StrEnum):
    """What a published cell is.

    A small count and a cell hidden to protect it carry the same mark on purpose: telling them apart would
    tell a reader which hidden cell is the small one, and narrow it down from the totals. Zero is always
    published, so outside a withheld table a SUPPRESSED count is at least 1 (the audit of disclosure
    control knows readers know this).
    """

    EXACT = "exact"
    SUPPRESSED = "suppressed"  # a count from 1 to the threshold minus one, or hidden so one cannot be worked out
    ROW = "row"  # the row's total is under the threshold: the whole row goes
    INCOMPLETE = "incomplete"  # merged: some municipality's part was suppressed


SUPPRESSED = frozenset({Mark.SUPPRESSED, Mark.ROW})


@dataclass(frozen=True)
class Cell:
    """A published count; ``value`` is None whenever the mark is not EXACT (an incomplete merged cell may
    carry ``at_least``, the sum of the parts that were published, when that sum passes the threshold)."""

    value: int | None
    mark: Mark = Mark.EXACT
    at_least: int | None = None

    def __post_init__(self) -> None:
        # A cell that breaks these is a bug in whoever made it, never the reader's input.
        if (self.value is None) == (self.mark is Mark.EXACT):
            raise ValueError(f"an exact cell has a value and only an exact one: {self!r}")
        if self.at_least is not None and self.mark is not Mark.INCOMPLETE:
            raise ValueError(f"only an incomplete cell has a lower bound: {self!r}")

    @property
    def exact(self) -> bool:
        return self.mark is Mark.EXACT


@dataclass(frozen=True)
class Counted:
    """One indicator's table as counted, before disclosure control.

    ``counts`` maps (row, column) to a count (missing = 0). Tables with the same ``margin`` count the same
    people by different rows (arrivals by role, by age band, by country group): their column totals are
    the same figures, so a total suppressed in one is suppressed in all.
    """

    code: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: Mapping[tuple[str, str], int]
    margin: str = ""

    def count(self, row: str, column: str) -> int:
        return self.counts.get((row, column), 0)


@dataclass(frozen=True)
class Table:
    """One indicator's table as published: rows by columns, with row, column and grand totals.

    A ``withheld`` table has every count hidden, zeros too, each marked SUPPRESSED: a small count in it
    could not be protected by hiding other counts (a tiny municipality), so it tells nothing. The tables
    of its margin are withheld with it.
    """

    code: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]
    column_totals: tuple[Cell, ...]
    total: Cell
    margin: str = ""
    withheld: bool = False

    def cell(self, row: str, column: str) -> Cell:
        return self.cells[self.rows.index(row)][self.columns.index(column)]


@dataclass(frozen=True)
class Measured:
    """A figure that is not a count (a median of days), with the number of people it is measured over.

    ``cell`` names the table cell (table code, row, column) that counts the same people, when a table
    has one: the figure then follows that cell, so a basis never publishes a count its table hid. When
    the people are those of several cells together, ``cells`` names them: the basis is then published
    only where every one of them is (else it would tell a hidden one, or add an equation over them).
    """

    code: str
    row: str
    value: float
    basis: int
    cell: tuple[str, str, str] | None = None
    cells: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Figure:
    """A published figure: its value only when its basis passes the threshold (a median over fewer people
    could describe one of them)."""

    code: str
    row: str
    value: float | None
    basis: Cell


@dataclass(frozen=True)
class Summary:
    """What leaves the municipality: no names, identity codes, contact data, free text or exact dates."""

    municipalities: tuple[tuple[str, str], ...]  # (code, name)
    period_from: str  # ISO date the coordinator chose
    period_to: str
    threshold: int
    made_in: str  # the month it was made, "2026-11"
    tables: tuple[Table, ...]
    figures: tuple[Figure, ...] = ()
    schema_version: int = SCHEMA_VERSION
    # How the summary came to be: "municipality", or "merged" from several.
    origin: str = "municipality"
    notes: tuple[str, ...] = field(default_factory=tuple)
    # The municipality's audit chain head when the file was made (entry number, SHA-256 hex): a copy kept
    # outside its database, so a log cut short after the export is found. None in merged files.
    audit_head: tuple[int, str] | None = None

    def table(self, code: str) -> Table:
        """The table of indicator ``code`` (KeyError: none)."""
        for table in self.tables:
            if table.code == code:
                return table
        raise KeyError(code)
