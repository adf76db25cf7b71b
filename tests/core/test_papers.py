"""Papers for a person in the database: packet, slip and sheet gathered, given and recorded; the command
line's ``packet`` and ``packets``; a batch in processes, cancelled midway without losing a paper."""

from __future__ import annotations

import io
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests.core.test_cli import run
from welcomedesk.actor import Actor
from welcomedesk.codes import PaperKind
from welcomedesk.config import DatabaseTarget
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.errors import ValidationError
from welcomedesk.model import AuditEntry, PaperGiven
from welcomedesk.services import papers, steps
from welcomedesk.services.desk import command_line_desk, initialise
from welcomedesk.services.newcomers import get_person
from welcomedesk.services.paper_batch import Batch, BatchOutcome
from welcomedesk.services.papers import PaperRequest
from welcomedesk.services.registration import register_household
from welcomedesk.services.setup import Municipality, ProfileDetails, save_profile

ON = date(2026, 11, 25)


def _household(database: Database, actor: Actor, name: str = "Smith & <Jones>") -> list[int]:
    save_profile(database, actor, "Kainuun kotoutumispalvelut", [Municipality("205", "Kajaani")],
                 details=ProfileDetails(phone="+358 8 000 0000", address="Pohjolankatu 1, 87100 Kajaani"))
    return register_household(database, actor, [
        {"given_names": name, "family_name": "Nguyễn", "date_of_birth": "1.1.1990", "nationality": "VN",
         "languages": "vi;en", "arrival_date": "20.11.2026", "phone": "+358 40 123 4567",
        },
        {"relation": "spouse", "given_names": "Lan", "family_name": "Nguyễn", "date_of_birth": "2.2.1991",
         "nationality": "VN", "languages": "vi"},
        {"relation": "child", "given_names": "Minh", "family_name": "Nguyễn", "date_of_birth": "3.3.2023",
         "nationality": "VN"},
    ], ON)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages)).split())


def test_a_packet_holds_the_persons_steps_family_and_desk(database: Database, actor: Actor) -> None:
    main, _spouse, _child = _household(database, actor)
    made = papers.make_paper(database, actor, PaperRequest(PaperKind.PACKET, main, ("en",)), ON)
    text = _text(made.paper.pdf)
    assert "Smith & <Jones> Nguyễn" in text
    assert "Kainuun kotoutumispalvelut" in text and "Pohjolankatu 1, 87100 Kajaani" in text
    assert "Get a tax card" in text and "Apply for a daycare place" in text  # the child's step, in the family
    assert "Lan Nguyễn" in text and "Minh Nguyễn" in text
    detail = get_person(database, actor, main)
    due = {s.code: s.due_date for s in detail.steps if s.applies}
    assert isinstance(due["tax_card"], date)
    assert due["tax_card"].strftime("%-d %b %Y") in text
    # Making it is a view of the person, audited; it is not recorded as given until printed or saved.
    with unit_of_work(database, None) as session:
        assert session.scalars(select(PaperGiven)).all() == []
        views = session.scalars(select(AuditEntry).where(AuditEntry.entity == "person",
                                                         AuditEntry.action == "view")).all()
        assert any(v.entity_id == main and "paper" in v.fields for v in views)


def test_the_packet_is_in_the_persons_document_language_unless_asked(database: Database, actor: Actor) -> None:
    main, *_ = _household(database, actor)
    assert papers.make_paper(database, actor, PaperRequest(PaperKind.PACKET, main), ON).paper.languages == ("vi",)
    both = papers.make_paper(database, actor, PaperRequest(PaperKind.PACKET, main, ("vi", "fi")), ON).paper
    assert both.languages == ("vi", "fi") and both.language_tag == "vi+fi"
    with pytest.raises(ValidationError):
        papers.make_paper(database, actor, PaperRequest(PaperKind.PACKET, main, ("tlh",)), ON)
    with pytest.raises(ValidationError):
        papers.make_paper(database, actor, PaperRequest(PaperKind.PACKET, 999_999), ON)


def test_saving_writes_the_file_and_records_the_paper_given(database: Database, actor: Actor,
                                                            tmp_path: Path) -> None:
    main, *_ = _household(database, actor)
    out = tmp_path / "packet.pdf"
    made = papers.save_paper(database, actor, PaperRequest(PaperKind.PACKET, main, ("ar", "fi")), out, ON)
    assert out.read_bytes() == made.paper.pdf and out.read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.glob("*.tmp*"))
    with unit_of_work(database, None) as session:
        [given] = session.scalars(select(PaperGiven)).all()
        assert (given.person_id, given.kind, given.languages, given.account_id) == (
            main, PaperKind.PACKET, "ar+fi", actor.account_id)
        assert given.content_version == made.paper.content_version != ""
        audit = session.scalars(select(AuditEntry).where(AuditEntry.entity == "paper_given")).all()
        assert [a.action for a in audit] == ["create"] and "010190" not in audit[0].fields


def test_a_slip_prints_only_what_the_person_agreed_to_share(database: Database, actor: Actor) -> None:
    main, *_ = _household(database, actor)
    detail = get_person(database, actor, main)
    tax = next(s for s in detail.steps if s.code == "tax_card")
    bare = papers.make_paper(database, actor, PaperRequest(PaperKind.SLIP, main, ("fi", "vi"), item_id=tax.item_id),
                             ON)
    text = _text(bare.paper.pdf)
    assert "Smith & <Jones> Nguyễn" in text and "Verohallinto" in text and "Hanki verokortti" in text
    assert "+358 40 1234567" not in text and "1.1.1990" not in text
    shared = papers.make_paper(database, actor, PaperRequest(
        PaperKind.SLIP, main, ("fi", "vi"), item_id=tax.item_id, share=frozenset({"phone", "born"})), ON)
    text = _text(shared.paper.pdf)
    assert "+358 40 1234567" in text and "1.1.1990" in text
    assert shared.step_code == "tax_card" and shared.partner_id is not None
    other = register_household(database, actor, [{"given_names": "Else", "family_name": "Where"}], ON)[0]
    with pytest.raises(ValidationError):
        papers.make_paper(database, actor, PaperRequest(PaperKind.SLIP, other, ("fi",), item_id=tax.item_id), ON)


def test_a_handover_sheet_lists_what_the_desk_knows(database: Database, actor: Actor) -> None:
    main, *_ = _household(database, actor)
    detail = get_person(database, actor, main)
    permit = next(s for s in detail.steps if s.applies)
    steps.update_step(database, actor, permit.item_id, permit.version, permit.status.__class__("done"),
                      done_on=ON, today=ON)
    sheet = papers.make_paper(database, actor, PaperRequest(PaperKind.SHEET, main, ("fi",)), ON).paper
    text = _text(sheet.pdf)
    assert "Vietnam" in text and "Lan Nguyễn" in text and "Puoliso" in text and "Lapsi" in text
    assert "Tehdyt askeleet" in text or "Tehty" in text or packet_heading("fi", "sheet_steps_done") in text
    assert "20.11.2026" in text  # the arrival, in Finnish


def packet_heading(language: str, key: str) -> str:
    from welcomedesk.packet.texts import packet_texts

    return packet_texts(language).text(key)


# -- the command line, and a batch in processes


@pytest.fixture
def demo_target(tmp_path: Path) -> DatabaseTarget:
    from welcomedesk.config import resolve_database

    target = resolve_database(str(tmp_path / "demo.sqlite3"))
    initialise(target)
    with command_line_desk(target) as desk:
        desk.add_demo(households=12, seed=5, today=ON)
    return target


def test_packet_command_writes_the_file_with_the_service_point_as_the_helper(demo_target: DatabaseTarget,
                                                                             tmp_path: Path) -> None:
    db = str(demo_target.sqlite_path)
    out = tmp_path / "one.pdf"
    code, said, err = run("--db", db, "--lang", "en", "packet", "1", "--in", "fi", "--out", str(out))
    assert code == 0, err
    assert str(out) in said and "fi" in said
    text = _text(out.read_bytes())
    with command_line_desk(demo_target) as desk:
        profile = desk.profile()
    assert profile is not None and f"Sinulle koonnut {profile.name}" in text
    assert "Command line" not in text and "cli" not in text.split()
    code, _said, err = run("--db", db, "--lang", "en", "packet", "1", "--in", "fi+fi", "--out", str(out))
    assert code == 1 and "one language or in two" in err
    code, _said, err = run("--db", db, "--lang", "en", "packet", "99999", "--out", str(out))
    assert code == 1 and "99999" in err
    code, _said, err = run("--db", db, "packet", "1")
    assert code == 2
    code, _said, err = run("--db", db, "--lang", "en", "packet", "1", "--out", str(tmp_path / "no" / "such" / "x.pdf"))
    assert code == 3 and "Cannot write" in err and "Traceback" not in err


def test_packets_command_makes_one_file_per_adult_named_by_id_and_language(demo_target: DatabaseTarget,
                                                                           tmp_path: Path) -> None:
    folder = tmp_path / "out"
    code, said, err = run("--db", str(demo_target.sqlite_path), "--lang", "en", "packets", "--arrived-from",
                          "2000-01-01", "--arrived-to", "2030-12-31", "--out-dir", str(folder), "--in", "en")
    assert code == 0, err
    files = sorted(folder.glob("*.pdf"))
    assert files and all(f.name.endswith("-en.pdf") for f in files)
    with command_line_desk(demo_target) as desk:
        jobs = desk.plan_packets(date(2000, 1, 1), date(2030, 12, 31), folder, ("en",), ON)
        ids = {int(f.name.split("-")[0]) for f in files}
        assert ids == {job.request.person_id for job in jobs}
        for person_id in ids:
            detail = desk.person(person_id)
            assert detail.row.relation != "child"
    assert f"Wrote {len(files)} packets" in said
    code, _said, err = run("--db", str(demo_target.sqlite_path), "--lang", "en", "packets", "--arrived-from",
                           "2026-12-01", "--arrived-to", "2026-01-01", "--out-dir", str(folder))
    assert code == 1 and "ends before it starts" in err


def test_a_cancelled_batch_loses_nothing(demo_target: DatabaseTarget, tmp_path: Path) -> None:
    with command_line_desk(demo_target) as desk:
        jobs = desk.plan_packets(date(2000, 1, 1), date(2030, 12, 31), tmp_path / "batch", ("fi",), ON)
    assert len(jobs) >= 6
    batch = Batch(jobs, workers=2)
    seen: list[BatchOutcome] = []

    def on_outcome(outcome: BatchOutcome, done: int, total: int) -> None:
        seen.append(outcome)
        if done == 2:
            batch.cancel()

    outcomes = batch.run(on_outcome)
    assert 2 <= len(outcomes) < len(jobs)
    written = sorted(p.name for p in (tmp_path / "batch").glob("*.pdf"))
    assert written == sorted(o.out.name for o in outcomes if o.out is not None)
    for path in (tmp_path / "batch").iterdir():
        assert path.suffix == ".pdf" and path.read_bytes().endswith(b"%%EOF\n")  # whole files only
    with command_line_desk(demo_target) as desk:
        db = desk._db
        with unit_of_work(db, None) as session:
            given = session.scalars(select(PaperGiven.person_id)).all()
    assert sorted(given) == sorted(o.person_id for o in outcomes if o.out is not None)
