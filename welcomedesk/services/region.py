"""The summary a coordinator sends the region: its figures counted, disclosure control applied, audited.

The figures are counted in SQL by ``region_counts`` (defined in docs/region-summary.md); what leaves the
municipality is the ``Summary`` that ``welcomedesk.exports.disclosure.protect`` makes of them. The
threshold under which a count is not shown is a setting of the database, set by a coordinator.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from welcomedesk.actor import Actor
from welcomedesk.codes import Relation, Role
from welcomedesk.db.audit_chain import head_of
from welcomedesk.db.session import Database, record, unit_of_work
from welcomedesk.errors import Problem, ValidationError
from welcomedesk.exports.disclosure import protect
from welcomedesk.exports.summary import (
    DEFAULT_THRESHOLD,
    MIN_THRESHOLD,
    Cell,
    Counted,
    Figure,
    Mark,
    Measured,
    Summary,
    Table,
)
from welcomedesk.i18n import _
from welcomedesk.model import Person, ServicePointMunicipality
from welcomedesk.services.accounts import require_role
from welcomedesk.services.catalogue import set_setting, setting
from welcomedesk.services.region_counts import STEPS, count_all
from welcomedesk.services.region_sql import Period, arrived_in, grouped, months, raw

THRESHOLD_SETTING = "region.threshold"
# A threshold above this would hide nearly every figure of a municipality: it is a typing mistake.
MAX_THRESHOLD = 100
# A summary covers at most ten years (twenty half-year columns).
MAX_PERIOD_DAYS = 3660
# The roles the arrivals by month are split by, in order; a relation this program does not know is "other".
ROLES = tuple(relation.value for relation in Relation)


def _checked_threshold(threshold: int) -> int:
    if isinstance(threshold, bool) or not isinstance(threshold, int) or not (
            MIN_THRESHOLD <= threshold <= MAX_THRESHOLD):
        raise ValidationError(_("The smallest count shown is a whole number from {low} to {high}.").format(
            low=MIN_THRESHOLD, high=MAX_THRESHOLD), field="threshold")
    return threshold


def _stored_threshold(session: Session) -> int:
    """The threshold set for this database (the default where none is, or what is stored cannot be read)."""
    try:
        return _checked_threshold(int(setting(session, THRESHOLD_SETTING, str(DEFAULT_THRESHOLD))))
    except (ValueError, ValidationError):
        return DEFAULT_THRESHOLD


def region_threshold(db: Database, actor: Actor) -> int:
    """The smallest count a region summary shows (coordinators)."""
    require_role(actor, Role.COORDINATOR)
    with unit_of_work(db, actor) as session:
        return _stored_threshold(session)


def set_region_threshold(db: Database, actor: Actor, threshold: int) -> int:
    """Set the smallest count a region summary shows (coordinators; the change is audited); returns it."""
    require_role(actor, Role.COORDINATOR)
    threshold = _checked_threshold(threshold)
    with unit_of_work(db, actor) as session:
        set_setting(session, THRESHOLD_SETTING, str(threshold))
    return threshold


def _checked_period(period_from: date, period_to: date) -> None:
    problems = []
    if period_to < period_from:
        problems.append(Problem("period_to", _("The period cannot end before it begins.")))
    elif (period_to - period_from).days > MAX_PERIOD_DAYS:
        problems.append(Problem("period_to", _("A summary covers at most ten years.")))
    if problems:
        raise ValidationError.of(problems)


def _municipalities(session: Session) -> tuple[tuple[str, str], ...]:
    return tuple((code, name) for code, name in session.execute(
        select(ServicePointMunicipality.code, ServicePointMunicipality.name)
        .order_by(ServicePointMunicipality.position, ServicePointMunicipality.id)))


def _counts(session: Session, period_from: date, period_to: date, threshold: int | None
            ) -> tuple[tuple[tuple[str, str], ...], int, list[Counted], list[Measured]]:
    """The service point's municipalities, the threshold, and every figure, read in one snapshot."""
    if session.get_bind().dialect.name == "postgresql":
        # Every query sees the same data: tables that share totals must agree to the person.
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    municipalities = _municipalities(session)
    threshold = _stored_threshold(session) if threshold is None else _checked_threshold(threshold)
    period = Period(period_from, period_to, tuple(code for code, _name in municipalities), threshold)
    counted, measured = count_all(session, period)
    return municipalities, threshold, counted, measured


def count_indicators(db: Database, actor: Actor, period_from: date, period_to: date, *,
                     threshold: int | None = None) -> tuple[list[Counted], list[Measured]]:
    """Every figure of the period as counted, before disclosure control (coordinators; audited as a view).

    ``threshold`` (default: the stored one) decides only which single countries and project tags get a
    row of their own.
    """
    require_role(actor, Role.COORDINATOR)
    _checked_period(period_from, period_to)
    with unit_of_work(db, actor) as session:
        _m, _t, counted, measured = _counts(session, period_from, period_to, threshold)
        record(session, "view", "region", None, _fields(counted, measured))
    return counted, measured


def _fields(counted: list[Counted], measured: list[Measured]) -> str:
    """The audit row's fields: the indicators' codes, never a value."""
    return ",".join(dict.fromkeys([c.code for c in counted] + [m.code for m in measured]))


def region_summary(db: Database, actor: Actor, period_from: date, period_to: date, threshold: int | None = None,
                   *, today: date | None = None) -> Summary:
    """The anonymous summary of the period for the region (coordinators; one audit row).

    ``threshold``: the smallest count shown, at least ``MIN_THRESHOLD`` (default: the stored setting).
    """
    require_role(actor, Role.COORDINATOR)
    _checked_period(period_from, period_to)
    with unit_of_work(db, actor) as session:
        municipalities, used, counted, measured = _counts(session, period_from, period_to, threshold)
        record(session, "export", "region", None, _fields(counted, measured))
    tables, figures = protect(counted, measured, used)
    # The chain's head as it stands after this export's own entry: the file keeps a copy outside the database.
    with db.engine.connect() as connection:
        head = head_of(connection)
    return Summary(municipalities=municipalities, period_from=period_from.isoformat(),
                   period_to=period_to.isoformat(), threshold=used,
                   made_in=(today or date.today()).strftime("%Y-%m"), tables=tuple(tables),
                   figures=_done_follows_its_cells(figures, tables), audit_head=(head.entry_id, head.digest))


def _done_follows_its_cells(figures: tuple[Figure, ...], tables: tuple[Table, ...]) -> tuple[Figure, ...]:
    """A step's median days to done is measured over its ``in_time`` and ``late`` cells together: its basis
    is shown only where both cells are, or it would tell a hidden one (basis minus the other)."""
    steps = next((t for t in tables if t.code == STEPS), None)
    kept: list[Figure] = []
    for figure in figures:
        if figure.code == "median_days_to_done" and steps is not None and figure.row in steps.rows and not (
                steps.cell(figure.row, "in_time").exact and steps.cell(figure.row, "late").exact):
            figure = Figure(figure.code, figure.row, None, Cell(None, Mark.SUPPRESSED))
        kept.append(figure)
    return tuple(kept)


def arrivals_by_month(db: Database, actor: Actor, period_from: date, period_to: date
                      ) -> tuple[tuple[str, dict[str, int]], ...]:
    """The people arrived in each month of the period ("2025-01"...), by role (coordinators; one audit row).

    The same people as the summary's arrivals (the service point's residents arrived in the period, not
    only expected), so a period's months add up to its arrivals total. The counts are exact, small ones
    too: this is the coordinator's own view inside the municipality (they see the people themselves
    anyway), never exported — what leaves is the summary, by half-year and under disclosure control.
    """
    require_role(actor, Role.COORDINATOR)
    _checked_period(period_from, period_to)
    with unit_of_work(db, actor) as session:
        served = tuple(code for code, _name in _municipalities(session))
        # By day and role in SQL (a few hundred days a year at most); the days folded into months here.
        rows = grouped(session, {"day": Person.arrival_date, "relation": raw(Person.relation)},
                       arrived_in(Period(period_from, period_to, served)))
        record(session, "view", "region", None, "arrivals_by_month")
    counts: Counter[tuple[str, str]] = Counter()
    for day, relation, n in rows:
        if isinstance(day, date):  # an unreadable stored date (SQLite) falls in no month
            counts[f"{day.year:04d}-{day.month:02d}", relation if relation in ROLES else Relation.OTHER.value] += n
    return tuple((month, {role: counts[month, role] for role in ROLES}) for month in months(period_from, period_to))
