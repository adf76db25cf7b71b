"""Work or studies as a dated history, and notes: reason first, kept exactly, never exported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.core.test_registration import TODAY, family
from welcomedesk.actor import Actor
from welcomedesk.codes import Activity, NoteReason
from welcomedesk.db.session import Database
from welcomedesk.errors import ValidationError
from welcomedesk.services.follow_up import add_note, record_activity
from welcomedesk.services.newcomers import get_person
from welcomedesk.services.registration import register_household


def test_a_spouse_s_work_and_studies_form_a_dated_history(database: Database, actor: Actor) -> None:
    [_main, spouse, *_children] = register_household(database, actor, family(), TODAY)
    record_activity(database, actor, spouse, Activity.WORKING, date(2026, 11, 20), TODAY)
    assert record_activity(database, actor, spouse, Activity.SEEKING, date(2026, 11, 2), TODAY) == 2
    history = get_person(database, actor, spouse).activity_history
    assert [(e.activity, e.since) for e in history] == [(Activity.SEEKING, date(2026, 11, 2)),
                                                        (Activity.WORKING, date(2026, 11, 20))]
    assert get_person(database, actor, spouse).as_json()["activity_history"][-1] == {
        "activity": "working", "since": "2026-11-20"}
    with pytest.raises(ValidationError) as refused:
        record_activity(database, actor, spouse, Activity.STUDYING, date(2026, 12, 1), TODAY)
    assert refused.value.problems[0].field == "since"


@pytest.mark.parametrize("text", ["Smith & <Jones> =1+1", "Tulkki: عربي 😀", "Two\nlines", "x" * 1000])
def test_a_note_keeps_its_text_exactly_and_stays_out_of_json(database: Database, actor: Actor, text: str) -> None:
    [main, *_others] = register_household(database, actor, family()[:1], TODAY)
    add_note(database, actor, main, NoteReason.CALL_BACK)
    add_note(database, actor, main, NoteReason.OTHER, text)
    detail = get_person(database, actor, main)
    assert [(n.reason, n.text) for n in detail.notes] == [(NoteReason.CALL_BACK, ""), (NoteReason.OTHER, text)]
    assert "notes" not in detail.as_json() and text not in str(detail.as_json())


@pytest.mark.parametrize(("reason", "text"), [(NoteReason.OTHER, ""), (NoteReason.OTHER, "   "),
                                              (NoteReason.CALL_BACK, "x" * 1001), (NoteReason.CALL_BACK, "nul\x00")])
def test_a_note_that_cannot_be_kept_as_given_is_refused(database: Database, actor: Actor, reason: NoteReason,
                                                       text: str) -> None:
    [main, *_others] = register_household(database, actor, family()[:1], TODAY)
    with pytest.raises(ValidationError) as refused:
        add_note(database, actor, main, reason, text)
    assert refused.value.problems[0].field == "text"
    assert get_person(database, actor, main).notes == ()


def test_show_prints_work_and_studies_but_never_the_notes(tmp_path: Path) -> None:
    from tests.core.test_cli import run
    from welcomedesk.config import resolve_database
    from welcomedesk.services.desk import command_line_desk, initialise

    path = str(tmp_path / "desk.sqlite3")
    initialise(resolve_database(path))
    with command_line_desk(resolve_database(path)) as desk:
        [main, *_others] = desk.register(family()[:1], TODAY)
        desk.record_activity(main, Activity.STUDYING, date(2026, 11, 10))
        desk.add_note(main, NoteReason.OTHER, "Secret detail")
    code, out, _err = run("--db", path, "--lang", "en", "show", str(main))
    assert code == 0 and "Work or studies" in out and "Studying" in out
    assert "Secret detail" not in out
    code, out, _err = run("--db", path, "show", str(main), "--json")
    assert code == 0 and "Secret detail" not in out and '"activity": "studying"' in out
