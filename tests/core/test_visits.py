"""A person's desk visits: recorded as facts, refused with a reason, carried by show --json."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.core.test_registration import TODAY, family
from welcomedesk.actor import Actor
from welcomedesk.codes import Channel, Payer
from welcomedesk.db.session import Database
from welcomedesk.errors import ValidationError
from welcomedesk.services.newcomers import get_person
from welcomedesk.services.registration import register_household
from welcomedesk.services.visits import Visit, record_visit


def test_visits_are_recorded_in_date_order_with_interpreter_and_no_show(database: Database, actor: Actor) -> None:
    [main, *_others] = register_household(database, actor, family(), TODAY)
    assert record_visit(database, actor, main, Visit(date(2026, 11, 20), Channel.DESK, "arabia", Payer.MUNICIPALITY,
                                                     45), TODAY) == 1
    assert record_visit(database, actor, main, Visit(date(2026, 11, 3), Channel.PHONE, "en", None, 10), TODAY) == 2
    record_visit(database, actor, main, Visit(date(2026, 11, 24), no_show=True, minutes=30), TODAY)
    visits = get_person(database, actor, main).visits
    assert [v.visited_on for v in visits] == [date(2026, 11, 3), date(2026, 11, 20), date(2026, 11, 24)]
    assert (visits[1].language, visits[1].interpreter_paid_by, visits[1].minutes) == ("ar", Payer.MUNICIPALITY, 45)
    assert (visits[2].no_show, visits[2].minutes) == (True, 0)  # a missed visit took no desk time
    data = get_person(database, actor, main).as_json()["visits"]
    assert data[1] == {"visited_on": "2026-11-20", "channel": "desk", "language": "ar",
                       "interpreter_paid_by": "municipality", "minutes": 45, "no_show": False}


@pytest.mark.parametrize(("visit", "field"), [
    (Visit(date(2026, 11, 26)), "visited_on"), (Visit(TODAY, minutes=0), "minutes"),
    (Visit(TODAY, minutes=601), "minutes"), (Visit(TODAY, language="klingonish"), "language")])
def test_a_visit_that_does_not_hold_is_refused_with_its_field(database: Database, actor: Actor, visit: Visit,
                                                             field: str) -> None:
    [main, *_others] = register_household(database, actor, family()[:1], TODAY)
    with pytest.raises(ValidationError) as refused:
        record_visit(database, actor, main, visit, TODAY)
    assert [p.field for p in refused.value.problems] == [field]
    assert get_person(database, actor, main).visits == ()


def test_a_visit_to_nobody_is_refused(database: Database, actor: Actor) -> None:
    with pytest.raises(ValidationError):
        record_visit(database, actor, 2**31, Visit(TODAY), TODAY)


def test_show_lists_the_visits_newest_first(tmp_path: Path) -> None:
    from tests.core.test_cli import run
    from welcomedesk.config import resolve_database
    from welcomedesk.services.desk import command_line_desk, initialise

    path = str(tmp_path / "desk.sqlite3")
    initialise(resolve_database(path))
    with command_line_desk(resolve_database(path)) as desk:
        [main, *_others] = desk.register(family()[:1], TODAY)
        desk.record_visit(main, Visit(date(2026, 11, 2), Channel.DESK, "tl", Payer.EMPLOYER, 40))
        desk.record_visit(main, Visit(date(2026, 11, 20), no_show=True))
    code, out, _err = run("--db", path, "--lang", "en", "show", str(main))
    assert code == 0
    visits = out.split("Visits\n", 1)[1].splitlines()
    assert visits[0].split() == ["20.11.2026", "Did", "not", "come"]
    assert "interpreter paid by: the employer" in visits[1] and "40 min" in visits[1] and "Tagalog" in visits[1]
