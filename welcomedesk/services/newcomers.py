"""Finding and opening newcomers: search, sort, filter and paging, all in SQL."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from welcomedesk.actor import Actor
from welcomedesk.catalogue import Catalogue, text_in
from welcomedesk.codes import Activity, NoteReason, PathKind, Relation, Status
from welcomedesk.db.session import Database, record, unit_of_work
from welcomedesk.errors import ValidationError
from welcomedesk.folding import search_words
from welcomedesk.i18n import _
from welcomedesk.identity import parse_identity_code
from welcomedesk.model import Household, Person, PersonLanguage, PersonNameKey, ServicePointMunicipality
from welcomedesk.model.base import MAX_ID
from welcomedesk.person_fields import FIELDS, IMPORT_COLUMNS, LISTED
from welcomedesk.services.catalogue import stored_catalogue
from welcomedesk.services.checklists import remake_if_stale
from welcomedesk.services.lookup import check_person_id, load_person
from welcomedesk.services.papers import GivenEntry, papers_given
from welcomedesk.services.setup import municipality_names
from welcomedesk.services.steps import (
    FollowUpEntry,
    StageEntry,
    StepEntry,
    Watch,
    follow_ups_of,
    stages_of,
    steps_of,
    watch_of,
)
from welcomedesk.services.visits import Visit
from welcomedesk.unreadable import Unreadable

# Statements of any row shape (SQLAlchemy 2.1 types them by their columns).
_AnySelect = TypeVar("_AnySelect", bound=Select[*tuple[Any, ...]])

MAX_LIMIT = 1000


@dataclass(frozen=True)
class NewcomerQuery:
    """What the newcomer list shows: search text, filters and order."""

    search: str = ""
    statuses: frozenset[Status] = frozenset()
    arrived_from: date | None = None
    arrived_to: date | None = None
    sort: str = "name"
    descending: bool = False


@dataclass(frozen=True)
class NewcomerRow:
    """One person in a list: the id, the household, and the listed fields of ``person_fields``.

    Built by name (a test keeps these attributes equal to the description's list fields).
    """

    id: int
    household: int
    relation: Relation | Unreadable
    given_names: str
    family_name: str
    native_name: str
    date_of_birth: date | Unreadable | None
    nationality: str
    languages: tuple[str, ...]
    email: str
    phone: str
    arrival_date: date | Unreadable | None
    status: Status | Unreadable
    employer: str
    occupation: str
    personal_identity_code: str | None
    municipality_code: str

    def as_json(self) -> dict[str, Any]:
        """The JSON object of the contract (dates ISO 8601; an unreadable value is null and named)."""
        out: dict[str, Any] = {"id": self.id}
        for name in (*IMPORT_COLUMNS, "municipality_code"):
            out[name] = json_value(getattr(self, name))
        unreadable = [name for name in LISTED if isinstance(getattr(self, name), Unreadable)]
        if unreadable:
            out["unreadable"] = unreadable
        return out


def json_value(value: Any) -> Any:
    """A stored value as the JSON of the contract has it."""
    if isinstance(value, Unreadable):
        return None
    if isinstance(value, tuple):  # languages: ";"-separated, the document language first
        return ";".join(value)
    return value.isoformat() if isinstance(value, date) else value


@dataclass(frozen=True)
class Page:
    """A slice of a list and the size of the whole list."""

    total: int
    offset: int
    rows: tuple[NewcomerRow, ...]


@dataclass(frozen=True)
class StatusEntry:
    """One dated status of a person; a move names the municipality moved to."""

    status: Status | Unreadable
    since: date | Unreadable
    destination_code: str
    destination_name: str

    def as_json(self) -> dict[str, Any]:
        return {"status": json_value(self.status), "since": json_value(self.since),
                "destination_municipality": self.destination_code or None}


@dataclass(frozen=True)
class ActivityEntry:
    """What the person did from a date: work, studies, looking for work, at home."""

    activity: Activity | Unreadable
    since: date | Unreadable

    def as_json(self) -> dict[str, Any]:
        return {"activity": json_value(self.activity), "since": json_value(self.since)}


@dataclass(frozen=True)
class Note:
    """A desk note: its reason, its text, and the day it was written. Never exported."""

    reason: NoteReason | Unreadable
    text: str
    written_on: date


@dataclass(frozen=True)
class PersonDetail:
    """One newcomer as the person page and ``show`` present them, with their household."""

    row: NewcomerRow
    household_name: str
    municipality_name: str
    version: int
    # The person's fields that a list row does not carry (``DETAILED``), by name.
    details: dict[str, Any] = field(default_factory=dict)
    members: tuple[NewcomerRow, ...] = field(default_factory=tuple)
    # Oldest first; the last is the person's status now.
    status_history: tuple[StatusEntry, ...] = field(default_factory=tuple)
    # Desk visits, oldest first.
    visits: tuple[Visit, ...] = field(default_factory=tuple)
    # Work or study situations, oldest first; the last is the person's situation now.
    activity_history: tuple[ActivityEntry, ...] = field(default_factory=tuple)
    # The desk's notes, oldest first: shown on the person's page, never in JSON or any export.
    notes: tuple[Note, ...] = field(default_factory=tuple)
    # The person's first steps, in the catalogue's order (those that no longer apply last).
    steps: tuple[StepEntry, ...] = field(default_factory=tuple)
    follow_ups: tuple[FollowUpEntry, ...] = field(default_factory=tuple)
    # The stages of the person's paths into work, oldest first.
    stages: tuple[StageEntry, ...] = field(default_factory=tuple)
    watch: Watch | None = None
    # The papers given to the person (packets, slips, sheets), oldest first.
    papers: tuple[GivenEntry, ...] = field(default_factory=tuple)
    # The catalogue the steps, follow-up questions and path stages come from (their texts).
    catalogue: Catalogue | None = None

    def value(self, name: str) -> Any:
        """The value of the person's field ``name`` (a listed one or one of the detail's own)."""
        return getattr(self.row, name) if name in LISTED else self.details.get(name)

    def as_json(self, language: str = "en") -> dict[str, Any]:
        """The JSON object of ``show``; step titles and stage names in ``language``."""
        out = self.row.as_json()
        unreadable = [*out.pop("unreadable", []),
                      *(n for n in DETAILED if isinstance(self.details.get(n), Unreadable))]
        out.update({name: json_value(self.details.get(name)) for name in DETAILED})
        out.update({
            "household_name": self.household_name,
            "municipality_name": self.municipality_name,
            "version": self.version,
            "members": [m.as_json() for m in self.members],
            "status_history": [entry.as_json() for entry in self.status_history],
            "visits": [visit.as_json() for visit in self.visits],
            "activity_history": [entry.as_json() for entry in self.activity_history],
            # The notes stay out: they are never exported.
            "checklist": [_step_json(step, language) for step in self.steps],
            "follow_ups": [_follow_up_json(f) for f in self.follow_ups],
            "paths": _paths_json(self.stages, self.catalogue, language),
            "papers": [{"kind": str(p.kind), "languages": p.languages, "content_version": p.content_version,
                        "given_on": p.given_on.isoformat()} for p in self.papers],
            "job_ended_on": json_value(self.watch.job_ended_on) if self.watch else None,
            "protection_months": self.watch.protection_months if self.watch else None,
            "protection_ends": json_value(self.watch.protection_ends) if self.watch else None,
        })
        if unreadable:
            out["unreadable"] = unreadable
        return out


def _step_json(step: StepEntry, language: str) -> dict[str, Any]:
    return {"service": step.code, "title": text_in(step.name, language)[0], "category": step.category.value,
            "status": json_value(step.status), "applies": step.applies, "due_date": json_value(step.due_date),
            "done_on": json_value(step.done_on), "partner": step.partner_name or None,
            "waits_for": list(step.waits_for),
            "referral": None if step.referred_to_id is None else {
                "partner": step.referred_to, "referred_on": json_value(step.referred_on),
                "outcome": json_value(step.referral_outcome)}}


def _follow_up_json(f: FollowUpEntry) -> dict[str, Any]:
    return {"days_after_arrival": f.day, "due_date": json_value(f.due_date),
            "contacted_on": json_value(f.contacted_on), "outcome": json_value(f.outcome), "answers": dict(f.answers)}


def _paths_json(stages: tuple[StageEntry, ...], catalogue: Catalogue | None, language: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind in PathKind:
        own = [s for s in stages if s.path is kind]
        if not own:
            continue
        definition = catalogue.path(kind) if catalogue else None
        names = {c.code: c.text for c in definition.stages} if definition else {}
        out[kind.value] = [{"stage": s.stage, "title": text_in(names.get(s.stage, {}), language)[0] or s.stage,
                            "reached_on": json_value(s.reached_on), "detail": s.detail} for s in own]
    return out


# The fields of a person that only the detail carries, in the description's order.
DETAILED: tuple[str, ...] = tuple(f.name for f in FIELDS if f.name not in LISTED)


# The list's columns, each labelled with the row's attribute it fills: rows are bound by name.
_ROW_COLUMNS = (Person.id, Person.household_id.label("household"),
                *(getattr(Person, name) for name in LISTED if name != "languages"))


def _rows(session: Session, stmt: Select[Any]) -> tuple[NewcomerRow, ...]:
    """The rows ``stmt`` selects (``_ROW_COLUMNS``), each with its languages (one more query a page).

    Plain column rows need none of the ORM's loading, so they run on the session's connection.
    """
    connection = session.connection()
    found = [dict(row) for row in connection.execute(stmt).mappings().all()]
    languages: dict[int, list[str]] = {}
    if found:
        for person_id, code in connection.execute(
                select(PersonLanguage.person_id, PersonLanguage.code)
                .where(PersonLanguage.person_id.in_([r["id"] for r in found]))
                .order_by(PersonLanguage.person_id, PersonLanguage.position)).all():
            languages.setdefault(person_id, []).append(code)
    return tuple(NewcomerRow(**r, languages=tuple(languages.get(r["id"], ()))) for r in found)


_SORT_COLUMNS: dict[str, Any] = {
    "name": Person.sort_name,
    "arrival": Person.arrival_date,
    "status": Person.status,
    "nationality": Person.nationality,
    "municipality": Person.municipality_code,
    "birth": Person.date_of_birth,
    "id": Person.id,
}


def _next_prefix(word: str) -> str | None:
    """The smallest string greater than every string starting with ``word`` (None: there is none).

    Strings compare by code point on both databases (UTF-8 bytes, collation C). The last
    code point has no successor, and the next after U+D7FF is a surrogate, which no
    database can store, so the successor skips to U+E000.
    """
    while word and word[-1] == chr(sys.maxunicode):
        word = word[:-1]
    if not word:
        return None
    following = ord(word[-1]) + 1
    if 0xD800 <= following <= 0xDFFF:
        following = 0xE000
    return word[:-1] + chr(following)


def _word_range(column: Any, word: str) -> Any:
    """``column`` starts with ``word``, as a range the word index serves."""
    upper = _next_prefix(word)
    return column >= word if upper is None else and_(column >= word, column < upper)


def _filtered(stmt: _AnySelect, query: NewcomerQuery, walk_order: bool = False) -> _AnySelect:
    text = query.search.strip()
    code = _as_identity_code(text)
    # The erased are anonymous records for the region's figures: no list shows them.
    stmt = stmt.where(Person.erased_at.is_(None))
    # "id + 0" hides the id from SQLite's planner, so it walks the sort column's index instead
    # of sorting every match: much faster when the search matches a large share of everyone.
    person_id = Person.id + 0 if walk_order else Person.id
    if code is not None:
        stmt = stmt.where(Person.personal_identity_code == code)
    else:
        # Every word must prefix-match some word of some name; the range uses the word index.
        for word in search_words(text):
            stmt = stmt.where(person_id.in_(
                select(PersonNameKey.person_id).where(_word_range(PersonNameKey.word, word))))
    if query.statuses:
        stmt = stmt.where(Person.status.in_(sorted(query.statuses)))
    if query.arrived_from is not None:
        stmt = stmt.where(Person.arrival_date >= query.arrived_from)
    if query.arrived_to is not None:
        stmt = stmt.where(Person.arrival_date <= query.arrived_to)
    return stmt


def _as_identity_code(text: str) -> str | None:
    if len(text) != 11:
        return None
    try:
        return parse_identity_code(text, allow_temporary=True).code
    except ValidationError:
        return None


def _ordered(stmt: _AnySelect, query: NewcomerQuery) -> _AnySelect:
    if query.sort not in _SORT_COLUMNS:
        raise ValidationError(_("Unknown sort order: {sort}").format(sort=query.sort))
    column = _SORT_COLUMNS[query.sort]
    primary = column.desc() if query.descending else column.asc()
    # Empty dates sort last either way, and the id keeps paging stable among equal keys.
    if query.sort in ("arrival", "birth"):
        primary = primary.nulls_last()
    tiebreak = Person.id.desc() if query.descending else Person.id.asc()
    return stmt.order_by(primary, tiebreak) if query.sort != "id" else stmt.order_by(primary)


# Past this many matches, walking the sort column's index beats sorting the matches (SQLite).
_BROAD = 1000
_INDEXED_SORTS = frozenset({"name", "arrival", "status", "nationality", "municipality", "id"})


def _page(session: Session, query: NewcomerQuery, offset: int, limit: int, total: int | None = None
          ) -> tuple[NewcomerRow, ...]:
    walk = (session.get_bind().dialect.name == "sqlite" and total is not None and total > _BROAD
            and query.sort in _INDEXED_SORTS and bool(query.search.strip()))
    stmt = _ordered(_filtered(select(*_ROW_COLUMNS), query, walk), query).offset(offset).limit(limit)
    return _rows(session, stmt)


def _count(session: Session, query: NewcomerQuery) -> int:
    words = search_words(query.search)
    plain = len(words) == 1 and not (query.statuses or query.arrived_from or query.arrived_to)
    if plain and _as_identity_code(query.search.strip()) is None:
        # One word alone: count straight from the covering key index, without visiting people.
        word = words[0]
        stmt = select(func.count(func.distinct(PersonNameKey.person_id))).where(
            _word_range(PersonNameKey.word, word))
        return session.scalar(stmt) or 0
    return session.scalar(_filtered(select(func.count(Person.id)), query)) or 0


def _check_limits(offset: int, limit: int) -> None:
    # An offset past every possible id is refused too: the databases take 64-bit numbers at most.
    if not 0 <= offset <= MAX_ID or not 1 <= limit <= MAX_LIMIT:
        raise ValidationError(_("A page holds 1 to {max} rows.").format(max=MAX_LIMIT))


def search_newcomers(db: Database, actor: Actor, query: NewcomerQuery, limit: int = 100) -> Page:
    """Run a search or list query: the total and the first page (one audit row per query)."""
    _check_limits(0, limit)
    with unit_of_work(db, actor) as session:
        total = _count(session, query)
        rows = _page(session, query, 0, limit, total)
        record(session, "search" if query.search.strip() else "list", "person",
               fields=",".join(_query_fields(query)))
        return Page(total=total, offset=0, rows=rows)


def newcomer_page(db: Database, actor: Actor, query: NewcomerQuery, offset: int, limit: int = 100,
                  total: int | None = None) -> Page:
    """A later page of a query already run by ``search_newcomers`` (audited there).

    ``total``, as that search found it, lets a broad search take its faster plan.
    """
    _check_limits(offset, limit)
    with unit_of_work(db, actor) as session:
        return Page(total=-1 if total is None else total, offset=offset,
                    rows=_page(session, query, offset, limit, total))


def _query_fields(query: NewcomerQuery) -> list[str]:
    # Which parts of the query were used — never the search text, which may be a name.
    names = []
    if query.search.strip():
        names.append("search")
    if query.statuses:
        names.append("status")
    if query.arrived_from or query.arrived_to:
        names.append("arrival_date")
    return names


def get_person(db: Database, actor: Actor, person_id: int) -> PersonDetail:
    """One newcomer with their household (one audit row)."""
    check_person_id(person_id)
    with unit_of_work(db, actor) as session:
        detail = person_detail(session, actor, person_id, date.today())
        record(session, "view", "person", person_id)
        return detail


def person_detail(session: Session, actor: Actor, person_id: int, today: date) -> PersonDetail:
    """One newcomer with their household, read in ``session`` (the caller audits the reading)."""
    person = load_person(session, person_id, erased=True)
    catalogue = stored_catalogue(session)
    remake_if_stale(session, person, catalogue, today, actor)
    household = session.get(Household, person.household_id)
    members = _rows(session, select(*_ROW_COLUMNS).where(Person.household_id == person.household_id)
                    .order_by(Person.id))
    row = next(m for m in members if m.id == person.id)
    names = municipality_names(None)
    names.update(dict(session.execute(select(ServicePointMunicipality.code, ServicePointMunicipality.name)).all()))
    history = tuple(StatusEntry(e.status, e.since, e.destination_code, names.get(e.destination_code, ""))
                    for e in person.status_history)
    return PersonDetail(
        row=row,
        household_name=household.name if household else "",
        municipality_name=names.get(person.municipality_code, ""),
        details={name: person.tag_names() if name == "tags" else getattr(person, name) for name in DETAILED},
        version=person.version,
        members=members,
        status_history=history,
        visits=tuple(Visit(v.visited_on, v.channel, v.language, v.interpreter_paid_by, v.minutes, v.no_show)
                     for v in person.visits),
        activity_history=tuple(ActivityEntry(a.activity, a.since) for a in person.activity_history),
        notes=tuple(Note(n.reason, n.text, n.written_at.date()) for n in person.notes),
        steps=steps_of(session, person, catalogue),
        follow_ups=follow_ups_of(person),
        stages=stages_of(person),
        watch=watch_of(person),
        papers=papers_given(session, person),
        catalogue=catalogue,
    )
