"""The privacy tools: a person erased from the records and from the database file's bytes while the region still
counts them, everything held on a person (JSON and PDF), erasures made again after a restore, and the
municipality's retention rules with their preview and run."""

from __future__ import annotations

import io
import json
import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select, update

from welcomedesk.actor import Actor
from welcomedesk.cli import main
from welcomedesk.codes import ErasureReason, ItemStatus, NoteReason, PaperKind, PathKind, Relation, Role, Status
from welcomedesk.config import DatabaseTarget, resolve_database
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.errors import PermissionDenied, ValidationError
from welcomedesk.exports.summary import Counted
from welcomedesk.folding import fold, name_words
from welcomedesk.model import (
    AuditEntry,
    Erasure,
    Household,
    PaperGiven,
    Person,
    PersonNote,
    Setting,
)
from welcomedesk.person_fields import PERSONAL
from welcomedesk.services import checklists, steps
from welcomedesk.services.accounts import cli_actor, desk_actor
from welcomedesk.services.backups import make_backup, restore_backup
from welcomedesk.services.catalogue import GENERATION, set_setting
from welcomedesk.services.demo import make_demo
from welcomedesk.services.erasure import BLANKED, BOOKKEEPING, COARSENED, KEPT, erase_person, reapply_erasures
from welcomedesk.services.erasure_ledger import ledger_path
from welcomedesk.services.follow_up import add_note
from welcomedesk.services.newcomers import get_person
from welcomedesk.services.person_data import person_data
from welcomedesk.services.region import count_indicators
from welcomedesk.services.registration import register_household, update_person
from welcomedesk.services.retention import (
    RetentionRules,
    retention_preview,
    retention_rules,
    run_retention,
    set_retention_rules,
)
from welcomedesk.services.setup import initialise
from welcomedesk.services.status import change_status
from welcomedesk.services.visits import Visit, record_visit

ON = date(2026, 11, 25)
# Whole half-years: an erased person's arrival is the first day of its half-year.
PERIOD = (date(2025, 1, 1), date(2026, 12, 31))
HOSTILE_NOTE = "Smith & <Jones> said: call back </para><b>"
ZYX = {"given_names": "Zyxwvut Ölmö", "family_name": "Qwertyuiopå", "native_name": "زيكسوت قورتي",
       "date_of_birth": "12.3.1990", "nationality": "DE", "personal_identity_code": "120390-402B",
       "email": "zyx.q@example.fi", "phone": "040 987 6543", "street_address": "Zyxkatu 7 B 12",
       "postal_code": "87100", "post_office": "Kajaani", "municipality_code": "205", "languages": "de;en",
       "arrival_date": "15.3.2026", "permit_type": "EU", "employer": "Qwertyuiop Hoiva Oy",
       "occupation": "Sairaanhoitaja", "sector": "public", "recruitment": "employer", "tags": "ESR-7"}
OLD_STREETS = tuple(f"Zyxkatu {n} {'B' * n} {n}" for n in range(1, 9))
ZYX_SPOUSE = {"relation": "spouse", "given_names": "Ylvä", "family_name": "Qwertyuiopå", "date_of_birth": "1.2.1988",
              "nationality": "DE", "email": "ylva.q@example.fi"}


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args) if "--lang" in args else ["--lang", "en", *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _secret_bytes() -> set[bytes]:
    """Every form the person's name, identity code and contact details take in the database, as bytes."""
    texts = {ZYX["personal_identity_code"], ZYX["email"], "+358409876543", "Zyxkatu", "Qwertyuiop Hoiva",
             *OLD_STREETS}
    for name in (ZYX["given_names"], ZYX["family_name"], ZYX["native_name"]):
        texts |= {name, fold(name), *name.split(), *name_words(name)}
    texts.add(fold(f"{ZYX['family_name']} {ZYX['given_names']}"))  # the sort name
    return {text.encode("utf-8") for text in texts if len(text) >= 5}


def _found(path: Path) -> list[tuple[str, bytes]]:
    """The secrets in the database file and its write-ahead log."""
    found = []
    for suffix in ("", "-wal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            data = side.read_bytes()
            found += [(suffix or "db", secret) for secret in _secret_bytes() if secret in data]
    return found


@pytest.fixture
def no_secure_delete(sqlite_target: DatabaseTarget) -> Iterator[Database]:
    """A SQLite database whose connections free bytes without overwriting them, as most SQLite builds do (the
    one Python ships for Windows among them; Debian's overwrites by default)."""
    db, _ = initialise(sqlite_target)

    @event.listens_for(db.engine, "connect")
    def _off(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA secure_delete=OFF")

    db.engine.dispose()
    yield db
    db.close()


def _zyx(db: Database, actor: Actor, tmp_path: Path, *, spouse: bool = False) -> int:
    """The person to erase (their spouse next, by number), with a history: viewed, edited, a note, a step done
    with a note, a stage with a detail, a visit and a packet given."""
    [person_id, *_rest] = register_household(db, actor, [ZYX, *([ZYX_SPOUSE] if spouse else [])], ON)
    update_person(db, actor, person_id, get_person(db, actor, person_id).version, {"housing": "rental"}, ON)
    add_note(db, actor, person_id, NoteReason.OTHER, HOSTILE_NOTE)
    step = next(s for s in get_person(db, actor, person_id).steps if s.code == "kela")
    steps.update_step(db, actor, step.item_id, step.version, ItemStatus.DONE, date(2026, 4, 1),
                      note="Qwertyuiopå brought the papers", today=ON)
    steps.add_stage(db, actor, person_id, PathKind.LEARNING, "language_studies", date(2026, 5, 1),
                    detail="Zyxwvut's course", today=ON)
    record_visit(db, actor, person_id, Visit(date(2026, 4, 2)), today=ON)
    with unit_of_work(db, actor) as session:  # as papers.record_given records a packet given
        session.add(PaperGiven(person_id=person_id, kind=PaperKind.PACKET, languages="en", content_version="2026-1",
                               account_id=actor.account_id))
    return person_id


def _checkpoint(db: Database) -> None:
    raw = db.engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


def _counted(db: Database, actor: Actor) -> dict[str, Counted]:
    counted, _measured = count_indicators(db, actor, *PERIOD)
    return {table.code: table for table in counted}


def _person(db: Database, person_id: int) -> Person:
    with unit_of_work(db, None) as session:
        person = session.get(Person, person_id)
        assert person is not None
        session.expunge(person)
        return person


# -- erasing


def test_every_column_of_a_person_is_blanked_coarsened_kept_or_bookkeeping() -> None:
    columns = [column.name for column in Person.__table__.columns]
    listed = [*BLANKED, *COARSENED, *KEPT, *BOOKKEEPING]
    assert sorted(listed) == sorted(columns)


def test_every_personal_field_is_erased_but_the_permit_the_region_counts() -> None:
    # Languages are rows of their own, deleted; the permit type is a column of the region's arrivals.
    assert PERSONAL - {"languages"} - set(BLANKED) - set(COARSENED) == {"permit_type"}


def test_an_erased_person_is_in_no_byte_of_the_database_and_the_region_counts_them_as_before(
        no_secure_delete: Database, tmp_path: Path) -> None:
    db = no_secure_delete
    actor = cli_actor(db)
    make_demo(db, actor, households=30, seed=5, today=ON)
    person_id = _zyx(db, actor, tmp_path)
    make_demo(db, actor, households=5, seed=6, today=ON)  # more writes after the person's, on the same pages
    # The row rewritten longer each time: a SQLite that frees bytes without overwriting them leaves old copies
    # of it in its page's free space.
    for street in OLD_STREETS:
        update_person(db, actor, person_id, get_person(db, actor, person_id).version, {"street_address": street}, ON)
    path = db.target.sqlite_path
    assert path is not None
    _checkpoint(db)
    assert any(street.encode() in path.read_bytes() for street in OLD_STREETS[:-1])
    assert _found(path)
    before = _counted(db, actor)

    result = erase_person(db, actor, person_id)

    assert result.scrubbed is True
    assert _found(path) == []
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # checkpointed and truncated
    # Every table counts the person where it did: the group of citizenship, the age band, the half-year.
    assert _counted(db, actor) == before
    erased = _person(db, person_id)
    assert (erased.given_names, erased.family_name, erased.native_name, erased.personal_identity_code,
            erased.email, erased.phone, erased.street_address, erased.sort_name) == ("", "", "", None, "", "", "", "")
    assert (erased.arrival_date, erased.date_of_birth, erased.nationality, erased.country_group) == (
        date(2026, 1, 1), date(1996, 1, 1), "", "eu_eea")
    assert (erased.municipality_code, erased.status, erased.relation, erased.permit_type) == (
        "205", Status.ARRIVED, Relation.MAIN, "EU")
    with unit_of_work(db, None) as session:
        assert session.scalar(select(Household.name).where(Household.id == erased.household_id)) == ""
        assert session.scalars(select(Erasure.reason).where(Erasure.person_id == person_id)).all() == [
            ErasureReason.REQUEST]
        assert ("erase", "person") in session.execute(select(AuditEntry.action, AuditEntry.entity).where(
            AuditEntry.entity_id == person_id)).all()
    # The ledger a restore reads: ids, private.
    ledger = ledger_path(db.target)
    assert [json.loads(line)["person"] for line in ledger.read_text().splitlines()] == [person_id]
    if os.name == "posix":
        assert stat.S_IMODE(ledger.stat().st_mode) == 0o600
    # The command line's export of the same period runs.
    code, _out, err = run("--db", str(path), "export-region", "--from", "1.1.2025", "--to", "31.12.2026",
                          "--format", "json", "--out", str(tmp_path / "region.json"))
    assert code == 0, err


def test_erasing_keeps_the_counts_on_either_database(database: Database, actor: Actor, tmp_path: Path) -> None:
    make_demo(database, actor, households=10, seed=2, today=ON)
    person_id = _zyx(database, actor, tmp_path, spouse=True)
    spouse_id = person_id + 1
    assert get_person(database, actor, spouse_id).row.relation is Relation.SPOUSE
    before = _counted(database, actor)

    result = erase_person(database, actor, person_id)

    assert result.scrubbed is (True if database.target.is_sqlite else None)
    assert _counted(database, actor) == before
    detail = get_person(database, actor, person_id)
    assert (detail.row.given_names, detail.row.email, detail.notes, detail.papers) == ("", "", (), ())
    assert all(step.note == "" for step in detail.steps)
    assert [stage.detail for stage in detail.stages] == [""]
    assert detail.row.languages == () and detail.value("tags") == ("ESR-7",)
    # The spouse keeps their data, and the household its name while they are in it.
    assert get_person(database, actor, spouse_id).row.email == "ylva.q@example.fi"
    assert detail.household_name == "Qwertyuiopå"
    erase_person(database, actor, spouse_id)
    assert get_person(database, actor, person_id).household_name == ""
    assert ledger_path(database.target).exists()


def test_erased_third_country_citizens_count_in_their_regions_row(database: Database, actor: Actor) -> None:
    ids = [register_household(database, actor, [{"given_names": f"Lan {n}", "family_name": "Nguyen",
                                                 "nationality": "VN", "arrival_date": f"{n}.4.2026"}], ON)[0]
           for n in range(1, 6)]

    def rows() -> dict[str, int]:
        table = next(t for t in count_indicators(database, actor, *PERIOD, threshold=5)[0]
                     if t.code == "arrivals_by_country_group")
        return {row: sum(table.count(row, c) for c in table.columns) for row in table.rows
                if any(table.count(row, c) for c in table.columns)}

    assert rows() == {"country:VN": 5}
    for person_id in ids:
        erase_person(database, actor, person_id)
    # Their country is not known any more: five in South-eastern Asia, and no row named after a region's code.
    assert rows() == {"region:035": 5}


def test_only_an_administrator_erases_once_a_person_who_is_there(database: Database, actor: Actor) -> None:
    [person_id] = register_household(database, actor, [ZYX], ON)
    desk_actor(database, "anna")  # the first account holds every role
    worker = desk_actor(database, "ville")
    assert worker.roles == frozenset({Role.DESK})
    with pytest.raises(PermissionDenied):
        erase_person(database, worker, person_id)
    with pytest.raises(ValidationError, match="no newcomer with the number 999"):
        erase_person(database, actor, 999)
    erase_person(database, actor, person_id)
    with pytest.raises(ValidationError, match="erased already"):
        erase_person(database, actor, person_id)
    with unit_of_work(database, None) as session:
        assert session.scalar(select(func.count()).select_from(Erasure)) == 1


def test_an_administrator_who_works_with_no_newcomer_erases_and_runs_retention(database: Database,
                                                                             actor: Actor) -> None:
    [person_id] = register_household(database, actor, [ZYX], ON)
    administrator = replace(actor, roles=frozenset({Role.ADMIN}))
    set_retention_rules(database, administrator, 5, 12)
    assert retention_preview(database, administrator, ON).people == ()
    assert run_retention(database, administrator, ON).erased == ()
    assert erase_person(database, administrator, person_id).person_id == person_id
    with pytest.raises(PermissionDenied):  # erasing is upkeep of the data; reading it is not
        person_data(database, administrator, person_id)


def test_an_erased_persons_checklist_is_never_made_again_by_the_rules(database: Database, actor: Actor) -> None:
    [person_id] = register_household(database, actor, [ZYX], ON)
    erase_person(database, actor, person_id)
    made = [(s.code, s.applies, s.status, s.due_date) for s in get_person(database, actor, person_id).steps]
    with unit_of_work(database, actor) as session:
        set_setting(session, GENERATION, "99")  # the catalogue changed: everyone's checklist is stale

    assert person_id in checklists.stale_people(database, actor, ON)
    checklists.refresh(database, actor, [person_id], ON)

    assert person_id not in checklists.stale_people(database, actor, ON)
    assert [(s.code, s.applies, s.status, s.due_date) for s in get_person(database, actor, person_id).steps] == made


def test_erasures_are_made_again_after_restoring_a_backup_taken_before_them(
        no_secure_delete: Database, tmp_path: Path) -> None:
    db = no_secure_delete
    actor = cli_actor(db)
    make_demo(db, actor, households=10, seed=3, today=ON)
    person_id = _zyx(db, actor, tmp_path)
    backup = make_backup(db, actor, tmp_path / "before.sqlite3")
    erase_person(db, actor, person_id)
    target = db.target
    path = target.sqlite_path
    assert path is not None
    db.close()

    restore_backup(target, backup.path)

    assert _found(path) == []
    db, _ = initialise(target)
    try:
        erased = _person(db, person_id)
        assert erased.erased_at is not None and erased.given_names == "" and erased.country_group == "eu_eea"
        with unit_of_work(db, None) as session:
            actions = session.execute(select(AuditEntry.action, AuditEntry.entity).order_by(AuditEntry.id)
                                      ).all()
        assert actions[-1] == ("restore", "database") and ("erase", "person") in actions
        # The ledger still names the person once; making the erasures again once more finds nobody to erase.
        assert len(ledger_path(target).read_text().splitlines()) == 1
        assert reapply_erasures(db) == 0
    finally:
        db.close()


def test_a_backup_of_another_database_restored_in_its_place_has_nobody_erased_by_number(
        sqlite_target: DatabaseTarget, tmp_path: Path) -> None:
    db, _ = initialise(sqlite_target)
    try:
        [here] = register_household(db, cli_actor(db), [ZYX], ON)
        erase_person(db, cli_actor(db), here)
    finally:
        db.close()
    other, _ = initialise(resolve_database(str(tmp_path / "other.sqlite3")))
    try:
        [there] = register_household(other, cli_actor(other), [ZYX_SPOUSE | {"relation": "main"}], ON)
        backup = make_backup(other, cli_actor(other), tmp_path / "other-backup.sqlite3")
    finally:
        other.close()
    assert there == here

    restore_backup(sqlite_target, backup.path)

    db, _ = initialise(sqlite_target)
    try:
        assert _person(db, there).given_names == "Ylvä"
    finally:
        db.close()


# -- everything held on one person


def test_person_data_holds_what_the_page_shows_and_the_audit_history(sqlite_target: DatabaseTarget,
                                                                      tmp_path: Path) -> None:
    db, _ = initialise(sqlite_target)
    try:
        actor = cli_actor(db)
        person_id = _zyx(db, actor, tmp_path, spouse=True)
    finally:
        db.close()
    where = str(sqlite_target.sqlite_path)
    code, shown, err = run("--db", where, "show", str(person_id), "--json")
    assert code == 0, err
    out = tmp_path / "zyx.json"

    code, said, err = run("--db", where, "person-data", str(person_id), "--out", str(out))

    assert code == 0, err
    assert str(out) in said
    data = json.loads(out.read_text(encoding="utf-8"))
    page = json.loads(shown)
    assert set(page) <= set(data)
    assert {key: data[key] for key in ("given_names", "family_name", "native_name", "personal_identity_code",
                                       "email", "status_history", "visits", "paths", "papers")} == {
        key: page[key] for key in ("given_names", "family_name", "native_name", "personal_identity_code", "email",
                                   "status_history", "visits", "paths", "papers")}
    # What the page's JSON leaves out: the notes, each step's note; the other members by name and role only.
    assert [n["text"] for n in data["notes"]] == [HOSTILE_NOTE]
    assert "Qwertyuiopå brought the papers" in [step["note"] for step in data["checklist"]]
    assert [sorted(m) for m in data["members"]] == [["family_name", "given_names", "id", "native_name",
                                                     "relation"]] * 2
    acts = [(row["action"], row["record"]) for row in data["audit_history"]]
    assert {("create", "person"), ("view", "person"), ("update", "person"), ("create", "person_note"),
            ("update", "checklist_item"), ("create", "paper_given"), ("create", "path_stage")} <= set(acts)
    assert all(isinstance(row["fields"], list) and row["account"] == "Command line" for row in data["audit_history"])
    db, _ = initialise(sqlite_target)
    try:
        with unit_of_work(db, None) as session:
            exports = session.scalars(select(AuditEntry.action).where(
                AuditEntry.entity == "person", AuditEntry.entity_id == person_id,
                AuditEntry.action.in_(("export", "view")))).all()
    finally:
        db.close()
    assert exports.count("export") == 1  # and no view of its own


def test_person_data_as_a_pdf_prints_the_name_the_sections_and_typed_text_whole(database: Database, actor: Actor,
                                                                               tmp_path: Path) -> None:
    import unicodedata

    from pypdf import PdfReader

    from welcomedesk.exports.person_data_pdf import person_data_pdf

    person_id = _zyx(database, actor, tmp_path)
    data = person_data(database, actor, person_id)
    data["notes"][0]["text"] += " 🙂"

    pdf = person_data_pdf(data, "en")

    text = unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    flat = " ".join(text.split())
    for expected in ("Zyxwvut Ölmö Qwertyuiopå", "Personal data held by the welcome desk", "Status history",
                     "Checklist", "Notes", "Audit history", "Smith & <Jones> said: call back </para><b>",
                     "U+1F642 SLIGHTLY SMILING FACE", "120390-402B", "zyx.q@example.fi"):
        assert expected in flat, expected
    assert person_data_pdf(data, "en") == pdf


def test_person_data_needs_a_role_that_opens_people_and_a_person_there(database: Database, actor: Actor) -> None:
    [person_id] = register_household(database, actor, [ZYX], ON)
    nobody = replace(actor, roles=frozenset({Role.ADMIN}))
    with pytest.raises(PermissionDenied):
        person_data(database, nobody, person_id)
    with pytest.raises(ValidationError, match="no newcomer with the number 4242"):
        person_data(database, actor, 4242)


def test_person_data_on_the_command_line_writes_json_or_pdf_and_nothing_else(sqlite_target: DatabaseTarget,
                                                                             tmp_path: Path) -> None:
    db, _ = initialise(sqlite_target)
    try:
        [person_id] = register_household(db, cli_actor(db), [ZYX], ON)
    finally:
        db.close()
    where = str(sqlite_target.sqlite_path)
    assert run("--db", where, "person-data", str(person_id), "--out", str(tmp_path / "a.pdf"))[0] == 0
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    assert run("--db", where, "person-data", str(person_id), "--out", str(tmp_path / "a.txt"))[0] == 2
    assert run("--db", where, "person-data", "4242", "--out", str(tmp_path / "b.json"))[0] == 1
    assert not (tmp_path / "a.txt").exists() and not (tmp_path / "b.json").exists()


# -- erase on the command line


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_erase_on_the_command_line_asks_and_a_script_must_say_yes(sqlite_target: DatabaseTarget,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = initialise(sqlite_target)
    try:
        [person_id] = register_household(db, cli_actor(db), [ZYX], ON)
    finally:
        db.close()
    where = str(sqlite_target.sqlite_path)
    ledger = ledger_path(sqlite_target)

    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # a script: no terminal
    code, _out, err = run("--db", where, "erase", str(person_id))
    assert code == 2 and "--yes" in err
    monkeypatch.setattr(sys, "stdin", _Terminal("n\n"))
    code, _out, _err = run("--db", where, "erase", str(person_id))
    asked = capsys.readouterr().err  # the question and the answer to it go to the terminal, as restore's do
    assert code == 1 and "This cannot be undone" in asked and "Nothing was erased" in asked
    assert not ledger.exists()
    assert "Qwertyuiopå" in run("--db", where, "show", str(person_id))[1]

    monkeypatch.setattr(sys, "stdin", _Terminal("y\n"))
    code, out, err = run("--db", where, "erase", str(person_id))
    assert code == 0 and f"newcomer {person_id}" in out, err
    assert run("--db", where, "erase", str(person_id), "--yes")[0] == 1  # erased already
    assert run("--db", where, "erase", "4242", "--yes")[0] == 1
    assert "Qwertyuiopå" not in run("--db", where, "show", str(person_id))[1]


# -- retention


def _ended(db: Database, actor: Actor, given: str, status: Status, since: date) -> int:
    [person_id] = register_household(db, actor, [{"given_names": given, "family_name": "Retentio",
                                                   "arrival_date": "1.3.2015", "nationality": "VN",
                                                   "date_of_birth": "1.1.1985"}], ON)
    if status is not Status.ARRIVED:
        change_status(db, actor, person_id, status, since, "564" if status is Status.MOVED else "", today=ON)
    return person_id


def test_retention_previews_whom_a_run_erases_and_a_second_run_does_nothing(database: Database,
                                                                            actor: Actor) -> None:
    assert retention_rules(database, actor) == RetentionRules(0, 0)
    with pytest.raises(ValidationError) as refused:
        set_retention_rules(database, actor, 51, 121)
    assert {p.field for p in refused.value.problems} == {"case_years", "note_months"}
    left_long_ago = _ended(database, actor, "Aino", Status.LEFT, date(2019, 6, 1))
    moved_long_ago = _ended(database, actor, "Bert", Status.MOVED, date(2020, 11, 24))
    lost_recently = _ended(database, actor, "Cecil", Status.LOST, date(2021, 11, 26))  # not 5 years yet
    still_here = _ended(database, actor, "Dana", Status.ARRIVED, date(2015, 3, 1))
    for person_id in (left_long_ago, still_here, lost_recently):
        add_note(database, actor, person_id, NoteReason.CALL_BACK, "Soita takaisin")
    with unit_of_work(database, actor) as session:  # two notes written long ago, one of a person to erase
        session.execute(update(PersonNote).where(PersonNote.person_id.in_((still_here, left_long_ago)))
                        .values(written_at=datetime(2025, 1, 1, tzinfo=UTC)))
    assert run_retention(database, actor, ON) == run_retention(database, actor, ON)  # off: nothing happens
    set_retention_rules(database, actor, 5, 12)

    preview = retention_preview(database, actor, ON)

    assert [(p.person_id, p.arrival_half, p.status, p.ended_on) for p in preview.people] == [
        (left_long_ago, "2015H1", Status.LEFT, date(2019, 6, 1)),
        (moved_long_ago, "2015H1", Status.MOVED, date(2020, 11, 24))]
    assert preview.notes == 1  # the other old note goes with its person's erasure
    done = run_retention(database, actor, ON)
    # The erased person's note goes with their erasure.
    assert done.erased == (left_long_ago, moved_long_ago) and done.notes_removed == 1
    assert done.scrubbed is (True if database.target.is_sqlite else None)
    assert [_person(database, i).given_names for i in (left_long_ago, moved_long_ago, lost_recently, still_here)] \
        == ["", "", "Cecil", "Dana"]
    with unit_of_work(database, None) as session:
        assert session.scalars(select(PersonNote.person_id)).all() == [lost_recently]
        assert set(session.scalars(select(Erasure.reason))) == {ErasureReason.RETENTION}
        assert session.get(Setting, "retention.case_years") is not None
    again = run_retention(database, actor, ON)
    assert (again.erased, again.notes_removed, again.scrubbed) == ((), 0, None)
    assert retention_preview(database, actor, ON + timedelta(days=2)).people[0].person_id == lost_recently


def test_only_an_administrator_sets_previews_and_runs_retention(database: Database, actor: Actor) -> None:
    desk_actor(database, "anna")
    worker = desk_actor(database, "ville")
    for attempt in (lambda: set_retention_rules(database, worker, 5, 12), lambda: retention_preview(database, worker),
                    lambda: run_retention(database, worker)):
        with pytest.raises(PermissionDenied):
            attempt()


def test_check_finds_an_erasure_undone_by_a_restore_made_outside_welcomedesk(sqlite_target: DatabaseTarget,
                                                                            tmp_path: Path) -> None:
    import shutil

    from welcomedesk.services.backups import make_backup

    db, _ = initialise(sqlite_target)
    try:
        actor = cli_actor(db)
        [person_id] = register_household(db, actor, [ZYX], ON)
        copy = make_backup(db, actor, tmp_path / "before.sqlite3").path
        erase_person(db, actor, person_id)
    finally:
        db.close()
    where = sqlite_target.sqlite_path
    assert where is not None
    # Put back by hand (as pg_restore would on a server): WelcomeDesk's restore is not asked.
    for side in ("-wal", "-shm"):
        where.with_name(where.name + side).unlink(missing_ok=True)
    shutil.copyfile(copy, where)
    code, out, _err = run("--db", str(where), "check")
    assert code == 1
    assert f"Newcomer {person_id} was erased, but their personal data is back" in out
