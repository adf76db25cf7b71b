"""The region summary's figures counted in SQL, before disclosure control.

Each group of indicators is one GROUP BY query over this service point's people (who arrived, their
steps, where they are now, their visits...); Python only folds the grouped rows into tables, never
people one by one. What each figure counts, when and from which records is written in
docs/region-summary.md: this module is that document in SQL, and the two change together.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Date, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from welcomedesk.checklist_rules import Facts, add_months, origin_of
from welcomedesk.codes import (
    Activity,
    Channel,
    ContactTopic,
    ItemStatus,
    Origin,
    PartnerType,
    PathKind,
    Payer,
    PermitType,
    Recruitment,
    Relation,
    Sector,
    Status,
)
from welcomedesk.exports.summary import ALL, Counted, Measured
from welcomedesk.model import (
    ChecklistItem,
    Partner,
    PathStage,
    Person,
    PersonActivity,
    PersonStatus,
    PersonTag,
    PersonVisit,
    Service,
    WalkInContact,
)
from welcomedesk.services.region_sql import (
    UNKNOWN,
    DaysBetween,
    Period,
    Rare,
    age_on_arrival,
    arrived_by,
    arrived_in,
    grouped,
    half_of,
    household_size,
    latest,
    raw,
    residents,
    status_on,
)
from welcomedesk.world import world_region

# The margins: tables with the same margin count the same people, so their column totals are one figure.
# Every table of the people arrived counts all of them (a spouse's activity is a row of the roles, the
# household's size is each person's): a table of a part of them (spouses, adults, main persons) would
# repeat a row of another table as its total, a link disclosure control within margins cannot follow.
ARRIVALS, WALK_INS = "arrivals", "walk_ins"
# Bands of age on arrival: each up to (not including) the next band's first year.
AGE_BANDS = (("0-6", 7), ("7-17", 18), ("18-29", 30), ("30-44", 45), ("45-64", 65), ("65+", None))
HOUSEHOLD_BANDS = (("1", 2), ("2", 3), ("3-4", 5), ("5+", None))
HOUSEHOLD_SIZES = tuple(band for band, _below in HOUSEHOLD_BANDS)
# A spouse's row of the roles: "spouse:working" and so on.
SPOUSE_PREFIX = "spouse:"
ISCO_MAJOR = tuple(str(d) for d in range(10))
STEPS = "steps_in_time"
# Steps due in the period: done by their day, done after it, or not done by the period's end.
STEP_STATES = ("in_time", "late", "open_late")
PATHS = (("learning_started", PathKind.LEARNING, None), ("licence_obtained", PathKind.LEARNING, "licence_decision"),
         ("learning_in_work", PathKind.LEARNING, "target_job"), ("career_started", PathKind.CAREER, None),
         ("career_in_work", PathKind.CAREER, "work_found"))
RETENTION = {Status.ARRIVED.value: "municipality", Status.SETTLED.value: "municipality",
             Status.MOVED_REGION.value: "region", Status.MOVED.value: "finland", Status.LEFT.value: "left",
             Status.LOST.value: "lost"}
RETENTION_ROWS = ("municipality", "region", "finland", "left", "lost", UNKNOWN)
# Statuses after which a person is no longer the desk's: they are no project's participants from then on.
GONE = frozenset(s.value for s in (Status.MOVED_REGION, Status.MOVED, Status.LEFT, Status.LOST))
OTHER_TAGS = "other"
# The citizenship groups that are not world regions (a country code is two capital letters: never one of these).
_GROUPS = frozenset({"finland", "nordic", "eu_eea", UNKNOWN})


def _counted(code: str, rows: Sequence[str], columns: Sequence[str], counts: Mapping[tuple[str, str], int],
             margin: str = "") -> Counted:
    return Counted(code, tuple(rows), tuple(columns), {k: v for k, v in counts.items() if v}, margin)


def _enum_rows(enum: Iterable[Any], unknown: bool = True) -> tuple[str, ...]:
    return tuple(member.value for member in enum) + ((UNKNOWN,) if unknown else ())


def _known(value: Any, rows: Sequence[str], otherwise: str = UNKNOWN) -> str:
    return value if value in rows else otherwise


def count_all(session: Session, period: Period) -> tuple[list[Counted], list[Measured]]:
    """Every table and figure of the summary for ``period``, counted in this session."""
    steps, measured = _steps(session, period)
    counted = [*_arrivals(session, period), steps, _paths(session, period), *_retention(session, period),
               *_walk_ins(session, period), *_visits(session, period), _referrals(session, period),
               _project_tags(session, period)]
    return counted, measured


# -- who arrived: one grouping of the people arrived in the period gives nine tables


def _arrivals(session: Session, period: Period) -> list[Counted]:
    """Arrivals by role, citizenship, age and permit; households by size; adults by occupation, sector and
    recruitment; spouses by activity."""
    relation = raw(Person.relation)
    groups = grouped(session, {
        "half": half_of(Person.arrival_date, period.halves), "relation": relation,
        "age": age_on_arrival(), "permit": raw(Person.permit_type),
        "nationality": Person.nationality, "country_group": Person.country_group,
        "isco": func.substr(Person.occupation_group, 1, 1),
        "sector": raw(Person.sector), "recruitment": raw(Person.recruitment), "size": household_size(),
        "activity": case((relation == Relation.SPOUSE.value, latest(PersonActivity, PersonActivity.activity,
                                                                     period.end)))},
        arrived_in(period), base=Person,
        # Banded in SQL: fewer groups come back to be folded here.
        then={"age": lambda age: _banded(age, AGE_BANDS), "size": lambda size: _banded(size, HOUSEHOLD_BANDS)})
    activities = _enum_rows(Activity)
    relations = _enum_rows(Relation, unknown=False)
    roles = (Relation.MAIN.value, *(f"{SPOUSE_PREFIX}{a}" for a in activities), Relation.CHILD.value,
             Relation.OTHER.value)
    bands, permits = (*(b for b, _ in AGE_BANDS), UNKNOWN), _enum_rows(PermitType)
    isco, sectors, recruitments = (*ISCO_MAJOR, UNKNOWN), _enum_rows(Sector), _enum_rows(Recruitment)
    counts: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for half, role, age, permit, nationality, country_group, group, sector, recruitment, size, activity, n in groups:
        role = _known(role, relations, Relation.OTHER.value)
        if role == Relation.SPOUSE.value:
            # Spouses by what they do at the period's end: "spouses in work or studies" is read from these rows.
            role = f"{SPOUSE_PREFIX}{_known(activity, activities)}"
        counts["role"][(role, half)] += n
        counts["band"][(age or UNKNOWN, half)] += n
        counts["permit"][(_known(permit, permits), half)] += n
        # An erased person's nationality is gone; the group it was counted in stays.
        counts["country"][(country_group or str(nationality or "").strip().upper(), half)] += n
        counts["households"][(size, half)] += n
        # Occupation, sector and recruitment of everyone arrived: "unknown" holds children too.
        counts["isco"][(_known(group, isco), half)] += n
        counts["sector"][(_known(sector, sectors), half)] += n
        counts["recruitment"][(_known(recruitment, recruitments), half)] += n
    country_rows, by_country = _country_groups(counts["country"], period.threshold)
    columns = period.columns
    return [_counted("arrivals_by_role", roles, columns, counts["role"], ARRIVALS),
            _counted("arrivals_by_country_group", country_rows, columns, by_country, ARRIVALS),
            _counted("arrivals_by_age_band", bands, columns, counts["band"], ARRIVALS),
            _counted("arrivals_by_permit", permits, columns, counts["permit"], ARRIVALS),
            _counted("arrivals_by_household_size", HOUSEHOLD_SIZES, columns, counts["households"], ARRIVALS),
            _counted("arrivals_by_occupation_group", isco, columns, counts["isco"], ARRIVALS),
            _counted("arrivals_by_sector", sectors, columns, counts["sector"], ARRIVALS),
            _counted("arrivals_by_recruitment", recruitments, columns, counts["recruitment"], ARRIVALS)]


def _banded(value: Any, bands: Sequence[tuple[str, int | None]]) -> Any:
    """A whole number's band, in SQL: each band holds the values below the next band's first (NULL stays NULL)."""
    return case(*[(value < below, band) for band, below in bands if below is not None],
                (value.is_not(None), bands[-1][0]))


def country_group(country: str) -> str:
    """A citizenship's row before single countries are split off: its origin group or its world region.

    A group itself (an erased person's, as ``Person.country_group`` keeps it) stays what it is.
    """
    if not country:
        return UNKNOWN
    if country in _GROUPS or country.startswith("region:"):
        return country
    origin = origin_of(Facts(relation=Relation.MAIN, nationality=country))
    if origin is Origin.FINNISH:
        return "finland"
    if origin is Origin.NORDIC:
        return "nordic"
    if origin is Origin.EU:
        return "eu_eea"
    region = world_region(country)
    return f"region:{region}" if region else UNKNOWN


def _country_groups(counts: Mapping[tuple[str, str], int], threshold: int
                    ) -> tuple[tuple[str, ...], dict[tuple[str, str], int]]:
    """Rows by citizenship group; a third country whose people over the whole period reach the threshold gets
    a row of its own (after its region's), and its people leave the region's row."""
    per_country: Counter[str] = Counter()
    for (country, _half), n in counts.items():
        per_country[country] += n
    grouped_counts: Counter[tuple[str, str]] = Counter()
    singles: set[str] = set()
    for (country, half), n in counts.items():
        group = country_group(country)
        # An erased person counts in their region's row only: their country is not known any more.
        if group.startswith("region:") and group != country and per_country[country] >= threshold:
            group = f"country:{country}"
            singles.add(country)
        grouped_counts[(group, half)] += n
    regions = sorted({g for g, _h in grouped_counts if g.startswith("region:")}
                     | {f"region:{world_region(c)}" for c in singles})
    rows = ["finland", "nordic", "eu_eea"]
    for region in regions:
        rows.append(region)
        rows += sorted(f"country:{c}" for c in singles if f"region:{world_region(c)}" == region)
    return (*rows, UNKNOWN), dict(grouped_counts)


# -- first steps and paths into work


def _steps(session: Session, period: Period) -> tuple[Counted, list[Measured]]:
    """The first steps due in the period, as they stood on its last day; medians per step.

    Counted by the steps' due days, not by who arrived in the period: a step that applies to everyone of a
    role (every spouse registers with employment services) would otherwise count as many as a row of the
    roles, and a count hidden there could be read here.
    """
    item = ChecklistItem
    status = raw(item.status)
    done = and_(status == ItemStatus.DONE.value, or_(item.done_on.is_(None), item.done_on <= period.end))
    in_time = or_(item.done_on.is_(None), item.done_on <= item.due_date)
    state = case((done, case((in_time, "in_time"), else_="late")), else_="open_late")
    # Days from the arrival to a step done; for a step not done, the days it has waited past its day.
    days = case((done, DaysBetween(item.done_on, Person.arrival_date)),
                else_=DaysBetween(literal(period.end, Date()), item.due_date))
    groups = grouped(session, {"service": item.service_id, "state": state, "days": days},
                     arrived_by(period.end), residents(period), item.due_date >= period.start,
                     item.due_date <= period.end, item.applies.is_(True), status != ItemStatus.NOT_NEEDED.value,
                     base=item, join=[(Person, Person.id == item.person_id)])
    services = session.execute(select(Service.id, Service.code).order_by(Service.position, Service.id)).all()
    codes = {sid: code for sid, code in services}
    counts: Counter[tuple[str, str]] = Counter()
    to_done: dict[str, Counter[int]] = defaultdict(Counter)
    waiting: dict[str, Counter[int]] = defaultdict(Counter)
    for service_id, step_state, step_days, n in groups:
        code = codes.get(service_id)
        if code is None:
            continue
        counts[(code, step_state)] += n
        if step_days is None:
            continue
        if step_state == "open_late":
            waiting[code][int(step_days)] += n
        else:
            # A step done before the arrival (a permit granted abroad) took no days here.
            to_done[code][max(0, int(step_days))] += n
    rows = tuple(code for _sid, code in services)
    measured = [Measured("median_days_to_done", code, _median(to_done[code]), sum(to_done[code].values()))
                for code in rows]
    # Those waiting are the open late cell of the step's row: the median follows that cell.
    measured += [Measured("median_days_waiting", code, _median(waiting[code]), sum(waiting[code].values()),
                          cell=(STEPS, code, "open_late")) for code in rows]
    return _counted(STEPS, rows, STEP_STATES, counts), measured


def _median(histogram: Mapping[int, int]) -> float:
    """The median of values given as value -> how many (0.0 for none: its basis of 0 keeps it unpublished)."""
    total = sum(histogram.values())
    if not total:
        return 0.0
    wanted = ((total - 1) // 2, total // 2)
    found: list[int] = []
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        while len(found) < 2 and seen > wanted[len(found)]:
            found.append(value)
    return (found[0] + found[1]) / 2


def _paths(session: Session, period: Period) -> Counted:
    """People who first reached a stage of a path (any stage: started) in the period."""
    counts: dict[tuple[str, str], int] = {}
    for row, path, stage in PATHS:
        conditions = [raw(PathStage.path) == path.value, residents(period)]
        if stage is not None:
            conditions.append(PathStage.stage == stage)
        first = (select(PathStage.person_id, func.min(PathStage.reached_on).label("first"))
                 .join(Person, Person.id == PathStage.person_id).where(*conditions)
                 .group_by(PathStage.person_id).subquery())
        counts[(row, ALL)] = session.scalar(select(func.count()).select_from(first).where(
            first.c.first >= period.start, first.c.first <= period.end)) or 0
    return _counted("paths", tuple(row for row, _p, _s in PATHS), (ALL,), counts)


def _retention(session: Session, period: Period) -> list[Counted]:
    """Where the people who arrived in the 12 months ending 12 (24) months before the period's end were on its
    last day, by their status history: both cohorts in one grouping."""
    since_12 = add_months(period.end, -24) + timedelta(days=1)
    since_24 = add_months(period.end, -36) + timedelta(days=1)
    cohort = case((Person.arrival_date >= since_12, "retention_12"), else_="retention_24")
    groups = grouped(session, {"cohort": cohort, "status": status_on(period.end)},
                     Person.arrival_date >= since_24, arrived_by(add_months(period.end, -12)), residents(period))
    counts: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for code, status, n in groups:
        counts[code][(RETENTION.get(status, UNKNOWN), ALL)] += n
    return [_counted(code, RETENTION_ROWS, (ALL,), counts[code]) for code in ("retention_12", "retention_24")]


# -- the desk's contacts: anonymous walk-ins, visits, referrals, project participants


def _local_midnight(day: date) -> datetime:
    # A walk-in's moment is kept in UTC; the desk's days are its own local days (as its "today" count).
    return datetime.combine(day, time()).astimezone()


def _walk_ins(session: Session, period: Period) -> list[Counted]:
    """Anonymous contacts in the period by topic, language and channel: one grouping, three tables."""
    at = WalkInContact.at
    half = half_of(at, period.halves, start_of=lambda h: _local_midnight(h.start))
    groups = grouped(session, {"half": half, "topic": raw(WalkInContact.topic), "language": WalkInContact.language,
                               "channel": raw(WalkInContact.channel)},
                     at >= _local_midnight(period.start), at < _local_midnight(period.end + timedelta(days=1)))
    topics, channels = _enum_rows(ContactTopic, unknown=False), _enum_rows(Channel, unknown=False)
    counts: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for half_code, topic, language, channel, n in groups:
        counts["topic"][(_known(topic, topics, ContactTopic.OTHER.value), half_code)] += n
        counts["language"][(str(language or UNKNOWN), half_code)] += n
        counts["channel"][(_known(channel, channels, Channel.DESK.value), half_code)] += n
    languages = sorted({language for language, _h in counts["language"]})
    return [_counted("walk_ins_by_topic", topics, period.columns, counts["topic"], WALK_INS),
            _counted("walk_ins_by_language", languages, period.columns, counts["language"], WALK_INS),
            _counted("walk_ins_by_channel", channels, period.columns, counts["channel"], WALK_INS)]


def _visits(session: Session, period: Period) -> list[Counted]:
    """Desk visits of the service point's people in the period: held or missed, and who paid an interpreter."""
    groups = grouped(session, {"half": half_of(PersonVisit.visited_on, period.halves),
                               "no_show": PersonVisit.no_show, "payer": raw(PersonVisit.interpreter_paid_by)},
                     PersonVisit.visited_on >= period.start, PersonVisit.visited_on <= period.end,
                     residents(period), base=PersonVisit, join=[(Person, Person.id == PersonVisit.person_id)])
    payers = _enum_rows(Payer, unknown=False)
    visits: Counter[tuple[str, str]] = Counter()
    paid: Counter[tuple[str, str]] = Counter()
    for half, no_show, payer, n in groups:
        visits[("no_show" if no_show else "visits", half)] += n
        if payer is not None:
            paid[(_known(payer, payers, Payer.OTHER.value), half)] += n
    return [_counted("visits", ("visits", "no_show"), period.columns, visits),
            _counted("interpreter_paid_by", payers, period.columns, paid)]


def _referrals(session: Session, period: Period) -> Counted:
    """Steps referred to a partner in the period, by the partner's type."""
    item = ChecklistItem
    groups = grouped(session, {"type": raw(Partner.type)},
                     Rare(item.referred_to_id.is_not(None)), item.referred_on >= period.start,
                     item.referred_on <= period.end, residents(period), base=item,
                     join=[(Partner, Partner.id == item.referred_to_id), (Person, Person.id == item.person_id)])
    rows = _enum_rows(PartnerType, unknown=False)
    counts: Counter[tuple[str, str]] = Counter()
    for partner_type, n in groups:
        if partner_type in rows:
            counts[(partner_type, ALL)] += n
    return _counted("referrals_by_partner_type", rows, (ALL,), counts)


def _project_tags(session: Session, period: Period) -> Counted:
    """Participants per project tag: tagged people here during the period (arrived by its end, not gone
    before its start). A tag carried by fewer people than the threshold is counted under "other": a tag is
    meant to be a project's code, and one on a few people could be anything a worker typed."""
    # The conditions are grouped by, not filtered on: the query then goes from the (few) tags to their people,
    # and the status history is read for them only.
    groups = grouped(session, {"tag": PersonTag.tag, "here": and_(arrived_by(period.end), residents(period)),
                               "before": latest(PersonStatus, PersonStatus.status, period.start, before=True)},
                     base=PersonTag, join=[(Person, Person.id == PersonTag.person_id)])
    per_tag: Counter[str] = Counter()
    for tag, here, before, n in groups:
        if here and before not in GONE:
            per_tag[tag] += n
    counts: Counter[tuple[str, str]] = Counter()
    for tag, n in per_tag.items():
        counts[(f"tag:{tag}" if n >= period.threshold else OTHER_TAGS, ALL)] += n
    tags = sorted((row for row, _c in counts if row != OTHER_TAGS), key=lambda row: (row.casefold(), row))
    return _counted("project_tags", (*tags, OTHER_TAGS), (ALL,), counts)
