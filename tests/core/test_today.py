"""The Home page's lists: late and due steps, follow-ups, permits and protection periods ending, arrivals."""

from __future__ import annotations

from datetime import date, timedelta

from welcomedesk.actor import Actor
from welcomedesk.codes import ItemStatus, Status
from welcomedesk.db.session import Database
from welcomedesk.identity import format_date
from welcomedesk.services import steps
from welcomedesk.services.newcomers import get_person
from welcomedesk.services.registration import register_household
from welcomedesk.services.status import change_status
from welcomedesk.services.today import today_lists

ON = date(2026, 11, 25)


def _person(**extra: str) -> list[dict[str, str]]:
    return [{"given_names": "Ada", "family_name": "Nguyen", "date_of_birth": "1.1.1990", "nationality": "VN"} | extra]


def test_each_list_holds_the_right_people(database: Database, actor: Actor) -> None:
    [arrived] = register_household(database, actor, _person(arrival_date=format_date(ON - timedelta(days=10))), ON)
    [coming] = register_household(database, actor, _person(given_names="Bao",
                                                           arrival_date=format_date(ON + timedelta(days=5))), ON)
    [permit] = register_household(database, actor, _person(
        given_names="Cam", permit_type="B", permit_expiry=format_date(ON + timedelta(days=20)),
        arrival_date=format_date(ON - timedelta(days=900))), ON)
    detail = get_person(database, actor, permit)
    steps.record_job_end(database, actor, permit, detail.version, ON - timedelta(days=160), today=ON)
    found = today_lists(database, actor, ON)
    late = {(r.person_id, r.what["en"] if r.what else "") for r in found.overdue.rows}
    assert (arrived, "Find a home and sign a lease") in late
    assert all(r.day is not None and r.day < ON for r in found.overdue.rows)
    assert all(r.day is not None and ON <= r.day <= ON + timedelta(days=7) for r in found.due_this_week.rows)
    assert arrived in {r.person_id for r in found.due_this_week.rows}
    assert [r.person_id for r in found.arrivals.rows] == [coming]
    assert [(r.person_id, r.day) for r in found.permits.rows] == [(permit, ON + timedelta(days=20))]
    # Over two years in Finland: six months of protection from the job's end.
    assert [(r.person_id, r.months) for r in found.protection.rows] == [(permit, 6)]
    follow = {r.person_id for r in found.follow_ups.rows}
    assert arrived in follow and coming not in follow
    # Done steps leave the lists; someone who left Finland leaves them all.
    housing = next(s for s in get_person(database, actor, arrived).steps if s.code == "housing")
    steps.update_step(database, actor, housing.item_id, housing.version, ItemStatus.DONE, today=ON)
    after = today_lists(database, actor, ON)
    assert (arrived, "Find a home and sign a lease") not in {
        (r.person_id, r.what["en"] if r.what else "") for r in after.overdue.rows}
    change_status(database, actor, permit, Status.LEFT, ON)
    assert today_lists(database, actor, ON).permits.rows == ()


def test_the_people_opened_lately_come_latest_first(database: Database, actor: Actor) -> None:
    ids = [register_household(database, actor, _person(given_names=name), ON)[0] for name in ("A", "B", "C")]
    for person in (ids[0], ids[1], ids[0], ids[2]):
        get_person(database, actor, person)
    assert [r.person_id for r in today_lists(database, actor, ON).recent.rows] == [ids[2], ids[0], ids[1]]


def test_an_empty_database_has_empty_lists(database: Database, actor: Actor) -> None:
    found = today_lists(database, actor, ON)
    for name in ("overdue", "due_this_week", "follow_ups", "permits", "protection", "arrivals", "recent"):
        assert getattr(found, name).rows == () and getattr(found, name).total == 0


def test_a_partner_s_details_are_checked_and_kept_as_typed(database: Database, actor: Actor) -> None:
    import pytest

    from welcomedesk.catalogue import ContactDef, PartnerDef
    from welcomedesk.codes import PartnerType
    from welcomedesk.errors import ValidationError
    from welcomedesk.services.partners import list_partners, save_partner

    bad = PartnerDef(code="x1", type=PartnerType.ASSOCIATION, name="Smith & <Jones> =1+1", phone="12ab",
                     email="no-at-sign", website="www.example org", contacts=(ContactDef("Aino", email="a@@b"),))
    with pytest.raises(ValidationError) as refused:
        save_partner(database, actor, bad)
    assert {p.field for p in refused.value.problems} == {"phone", "email", "website", "contacts.0.email"}
    good = PartnerDef(code="x1", type=PartnerType.ASSOCIATION, name="Smith & <Jones> =1+1", phone="+358 40 000 0123",
                      email="info@example.org", website="https://example.org", languages=("fi", "ar"))
    partner_id = save_partner(database, actor, good)
    saved = next(p for p in list_partners(database, actor) if p.partner_id == partner_id)
    assert saved.partner == good and saved.edited
