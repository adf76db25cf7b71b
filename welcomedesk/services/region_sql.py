"""The SQL the region summary's counts are built of: the period and its half-years (or months), who is
counted, ages and days between dates worked out in the database, and one grouped query shape.

Everything here runs the same on SQLite and PostgreSQL; where their SQL differs (date arithmetic, a
planner's hint) a construct is compiled per dialect.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Integer, String, and_, case, func, literal, or_, select, true, type_coerce
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from welcomedesk.codes import Status
from welcomedesk.model import Person, PersonStatus

UNKNOWN = "unknown"


@dataclass(frozen=True)
class HalfYear:
    """A column of the tables split by time: "2026H1" is January to June 2026 (both days included)."""

    code: str
    start: date
    end: date


def half_years(period_from: date, period_to: date) -> tuple[HalfYear, ...]:
    """The half-years that overlap the period, in order."""
    found: list[HalfYear] = []
    year, half = period_from.year, 1 if period_from.month <= 6 else 2
    while True:
        start = date(year, 1 if half == 1 else 7, 1)
        if start > period_to:
            return tuple(found)
        found.append(HalfYear(f"{year}H{half}", start, date(year, 6, 30) if half == 1 else date(year, 12, 31)))
        year, half = (year, 2) if half == 1 else (year + 1, 1)


def months(period_from: date, period_to: date) -> tuple[str, ...]:
    """The months that overlap the period, in order, as "2025-01"."""
    found: list[str] = []
    year, month = period_from.year, period_from.month
    while date(year, month, 1) <= period_to:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return tuple(found)


@dataclass(frozen=True)
class Period:
    """What the figures are counted for: the days (both included), the people's municipalities, the threshold.

    ``served`` are the service point's municipalities; empty: everyone in the database is counted.
    """

    start: date
    end: date
    served: tuple[str, ...] = ()
    threshold: int = 5

    @property
    def halves(self) -> tuple[HalfYear, ...]:
        return half_years(self.start, self.end)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(h.code for h in self.halves)


class DaysBetween(FunctionElement[int]):
    """Whole days from the second date to the first (NULL where either is missing or unreadable)."""

    type = Integer()
    inherit_cache = True


@compiles(DaysBetween)
def _days_between(element: DaysBetween, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = list(element.clauses)
    return f"({compiler.process(later, **kw)} - {compiler.process(earlier, **kw)})"  # PostgreSQL: date - date


@compiles(DaysBetween, "sqlite")
def _days_between_sqlite(element: DaysBetween, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = list(element.clauses)
    return (f"CAST(julianday({compiler.process(later, **kw)}) - julianday({compiler.process(earlier, **kw)})"
            " AS INTEGER)")


class DayNumber(FunctionElement[int]):
    """A date as the whole number YYYYMMDD (NULL where it is missing or unreadable): one minus another,
    divided by 10 000, is the whole years between them."""

    type = Integer()
    inherit_cache = True


@compiles(DayNumber)
def _day_number(element: DayNumber, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(to_char({compiler.process(next(iter(element.clauses)), **kw)}, 'YYYYMMDD') AS INTEGER)"


@compiles(DayNumber, "sqlite")
def _day_number_sqlite(element: DayNumber, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(strftime('%Y%m%d', {compiler.process(next(iter(element.clauses)), **kw)}) AS INTEGER)"


class Rare(FunctionElement[bool]):
    """A condition that few rows meet, said so to SQLite's planner (``unlikely``): it then reads them through
    the condition's index instead of going through every person. Other databases get the condition as is."""

    inherit_cache = True


@compiles(Rare)
def _rare(element: Rare, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(next(iter(element.clauses)), **kw)


@compiles(Rare, "sqlite")
def _rare_sqlite(element: Rare, compiler: SQLCompiler, **kw: Any) -> str:
    return f"unlikely({compiler.process(next(iter(element.clauses)), **kw)})"


def raw(column: Any) -> Any:
    """A coded column as its stored text (the grouping needs no enum)."""
    return type_coerce(column, String)


def residents(period: Period) -> ColumnElement[bool]:
    """The service point's people: living in one of its municipalities, or with no municipality recorded."""
    if not period.served:
        return true()
    return or_(Person.municipality_code == "", Person.municipality_code.in_(period.served))


def arrived_by(end: date) -> ColumnElement[bool]:
    """Arrived: the person's status is no longer (or again) expected, and the arrival day is on or before ``end``."""
    return and_(Person.arrival_date <= end, raw(Person.status) != Status.EXPECTED.value)


def arrived_in(period: Period) -> ColumnElement[bool]:
    """The service point's people who arrived in the period."""
    return and_(Person.arrival_date >= period.start, arrived_by(period.end), residents(period))


def half_of(column: Any, halves: Sequence[HalfYear], start_of: Callable[[HalfYear], Any] | None = None) -> Any:
    """The half-year a day (or a moment, with ``start_of`` giving each half's first moment) falls in."""
    starts = [start_of(h) if start_of else h.start for h in halves[1:]]
    if not starts:
        # A period within one half-year: every row is in it (a CASE with no WHEN is not SQL).
        return literal(halves[-1].code)
    # Before the next half's start: this half (the rows are in the period already).
    return case(*[(column < start, h.code) for start, h in zip(starts, halves, strict=False)], else_=halves[-1].code)


def age_on_arrival() -> Any:
    """The person's age on arrival in whole years (NULL without a readable birth or arrival date)."""
    return (DayNumber(Person.arrival_date) - DayNumber(Person.date_of_birth)) // 10000


def latest(model: Any, value: Any, day: date, *, before: bool = False) -> Any:
    """A person's latest dated entry of ``model`` (status, activity) on (or ``before``) a day, correlated."""
    since = model.since < day if before else model.since <= day
    return (select(raw(value)).where(model.person_id == Person.id, since)
            .order_by(model.since.desc(), model.id.desc()).limit(1).correlate(Person).scalar_subquery())


def status_on(day: date) -> Any:
    """A person's status on a day from their history, correlated. Most people's latest entry is dated by then:
    their status is the person's own (kept as the latest), and only the others' history is read."""
    later = select(PersonStatus.id).where(PersonStatus.person_id == Person.id, PersonStatus.since > day)
    return case((later.correlate(Person).exists(), latest(PersonStatus, PersonStatus.status, day)),
                else_=raw(Person.status))


def household_size() -> Any:
    """How many people are registered in the person's household, correlated: counted from the household index
    for the people grouped only."""
    member = aliased(Person)
    return (select(func.count()).where(member.household_id == Person.household_id).correlate(Person)
            .scalar_subquery())


def grouped(session: Session, columns: Mapping[str, Any], *where: Any, join: Iterable[tuple[Any, Any]] = (),
            base: Any = None, then: Mapping[str, Callable[[Any], Any]] | None = None) -> list[tuple[Any, ...]]:
    """(values..., count) of each group of ``columns`` over the rows ``where`` selects; ``then`` turns a
    column's values into what is grouped by (a band of ages), once the values are worked out.

    The keys are worked out in a subquery and grouped outside it: PostgreSQL does not see an expression
    with bound values in GROUP BY as the same expression in SELECT.
    """
    inner = select(*[expr.label(name) for name, expr in columns.items()])
    if base is not None:
        inner = inner.select_from(base)
    for target, on in join:
        inner = inner.join(target, on)
    # SQLite would merge the subquery into the grouping and work out every key twice (lookups too).
    sub: Any = inner.where(*where).cte("keys").prefix_with("MATERIALIZED", dialect="sqlite")
    if then:
        sub = select(*[then[name](sub.c[name]).label(name) if name in then else sub.c[name]
                       for name in columns]).subquery()
    keys = [sub.c[name] for name in columns]
    return [tuple(row) for row in session.execute(select(*keys, func.count()).group_by(*keys))]
