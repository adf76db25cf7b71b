"""Importing a recruiter's or partner's list of newcomers: every row or none.

The columns are the contract's import columns (``person_fields.IMPORT_COLUMNS``) and an optional
``municipality`` (code or name). Every cell is read by its field's own parser, so a bad row is
reported by spreadsheet row, column and reason, and a file with any bad row imports nothing.
People already registered — the same identity code, or the same name and date of birth — are
skipped and listed. ``household`` labels group the file's rows into households.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from welcomedesk.actor import Actor
from welcomedesk.codes import Relation, Role, Status
from welcomedesk.db.bulk_write import insert_households
from welcomedesk.db.integrity import check_sound
from welcomedesk.db.session import Database, record, unit_of_work
from welcomedesk.errors import Problem, ValidationError
from welcomedesk.i18n import _
from welcomedesk.identity import parse_identity_code
from welcomedesk.import_file import Cell, Table, read_table
from welcomedesk.person_fields import FIELD, IMPORT_COLUMNS, Kind
from welcomedesk.services.accounts import require_role
from welcomedesk.services.checklists import plan_households
from welcomedesk.services.duplicates import Candidate, registered_already
from welcomedesk.services.setup import get_profile, municipality_names

MUNICIPALITY = "municipality"
REQUIRED = ("given_names", "family_name")


@dataclass(frozen=True)
class Skipped:
    """A row whose person is registered already."""

    row: int
    person_id: int


@dataclass(frozen=True)
class PreviewRow:
    """One row of the file as it will be read: for the desk to look over before the import."""

    row: int
    household: str
    relation: Relation
    given_names: str
    family_name: str
    date_of_birth: date | None
    nationality: str
    registered_as: int | None  # the person already registered, whose row is skipped


@dataclass(frozen=True)
class ImportResult:
    """What an import did (or, in a dry run, would do), row by row."""

    people: int
    households: int
    skipped: tuple[Skipped, ...]
    unknown_columns: tuple[str, ...]
    dry_run: bool
    rows: tuple[PreviewRow, ...] = ()


@dataclass(frozen=True)
class _Row:
    number: int
    household: str
    values: dict[str, Any]


def import_file(db: Database, actor: Actor, path: Path, *, dry_run: bool = False) -> ImportResult:
    """Check ``path`` and, unless ``dry_run``, import every row of it or none (a coordinator's or desk's work)."""
    require_role(actor, Role.DESK)
    # A damaged file gets no more writes. Reading every page takes seconds on a large database, so it is
    # read on another core while this one reads the file (SQLite lets go of Python's lock meanwhile).
    with ThreadPoolExecutor(1) as pool:
        soundness = pool.submit(check_sound, db.engine, db.describe()) if not dry_run else None
        table = read_table(path)
        names = municipality_names(get_profile(db, actor))
        unknown = tuple(c for c in table.header if c and c not in (*IMPORT_COLUMNS, MUNICIPALITY))
        rows = _read_rows(table, names)
        with unit_of_work(db, actor) as session:
            skipped = _registered_already(session, rows)
        if soundness is not None:
            soundness.result()
    new = [row for row in rows if row.number not in {s.row for s in skipped}]
    households = _households(new)
    if not dry_run and new:
        with unit_of_work(db, actor) as session:
            grouped = [(name, [row.values for row in members]) for name, members in households]
            insert_households(session, grouped, plan_households(session, grouped, date.today()))
            record(session, "import", "person")
    registered = {s.row: s.person_id for s in skipped}
    preview = tuple(PreviewRow(row.number, row.household, row.values["relation"], row.values["given_names"],
                               row.values["family_name"], row.values.get("date_of_birth"), row.values["nationality"],
                               registered.get(row.number)) for row in rows)
    return ImportResult(people=len(new), households=len(households), skipped=tuple(skipped),
                        unknown_columns=unknown, dry_run=dry_run, rows=preview)


def _read_rows(table: Table, municipalities: dict[str, str]) -> list[_Row]:
    missing = [c for c in REQUIRED if c not in table.header]
    if missing:
        raise ValidationError.of(Problem(c, _("The file has no column {column}.").format(column=c), 1) for c in missing)
    by_name = {name.casefold(): code for code, name in municipalities.items()}
    rows: list[_Row] = []
    problems: list[Problem] = []
    codes_seen: dict[str, int] = {}
    for number, cells in table.rows:
        cell = dict(zip(table.header, cells, strict=False))
        values: dict[str, Any] = {}
        for name in IMPORT_COLUMNS[1:]:
            try:
                values[name] = _value(name, cell.get(name, ""))
            except ValidationError as exc:
                problems += [Problem(name, p.message, number) for p in exc.problems]
        try:
            values["municipality_code"] = _municipality(str(cell.get(MUNICIPALITY, "")), municipalities, by_name)
        except ValidationError as exc:
            problems += [Problem(MUNICIPALITY, p.message, number) for p in exc.problems]
        problems += _consistency(values, number, codes_seen)
        rows.append(_Row(number, str(cell.get("household", "")).strip(), values))
    if problems:
        raise ValidationError.of(problems)
    return rows


def _value(name: str, raw: Cell) -> Any:
    field = FIELD[name]
    if isinstance(raw, date):  # a spreadsheet's date cell
        if field.kind is Kind.DATE:
            return raw
        raw = raw.isoformat()
    value = field.parse(raw)  # refuses temporary identity codes too
    if value is None and name == "relation":
        return Relation.MAIN
    if value is None and name == "status":
        return Status.EXPECTED
    return value


def _municipality(raw: str, municipalities: dict[str, str], by_name: dict[str, str]) -> str:
    text = raw.strip()
    if not text:
        return ""  # not recorded
    if text in municipalities or (text.isascii() and text.isdigit()):
        return FIELD["municipality_code"].parse(text)  # type: ignore[no-any-return]
    code = by_name.get(text.casefold())
    if code is None:
        raise ValidationError(_("No municipality is called {name}; give its three-digit code.").format(name=text),
                              field=MUNICIPALITY)
    return code


def _consistency(values: dict[str, Any], number: int, codes_seen: dict[str, int]) -> list[Problem]:
    problems: list[Problem] = []
    code = values.get("personal_identity_code")
    if code:
        born = parse_identity_code(code).birth_date
        if values.get("date_of_birth") is None:
            values["date_of_birth"] = born
        elif values["date_of_birth"] != born:
            problems.append(Problem("personal_identity_code", _(
                "The birth date in the identity code is not the date of birth."), number))
        if code in codes_seen:
            problems.append(Problem("personal_identity_code", _(
                "The same identity code is on row {row} too.").format(row=codes_seen[code]), number))
        codes_seen.setdefault(code, number)
    return problems


def _registered_already(session: Any, rows: list[_Row]) -> list[Skipped]:
    """Rows whose person is in the database: the same identity code, or the same name and birth date."""
    found = registered_already(session, [Candidate.of(row.values) for row in rows])
    return [Skipped(rows[match.candidate].number, match.person_id) for match in found]


def _households(rows: list[_Row]) -> list[tuple[str, list[_Row]]]:
    """The file's households, in the order they first appear: rows with one label together, a row
    without a label on its own; each named after its first member's family name."""
    groups: dict[str, list[_Row]] = {}
    for row in rows:
        groups.setdefault(row.household or f"\0row {row.number}", []).append(row)
    return [(members[0].values["family_name"], members) for members in groups.values()]
