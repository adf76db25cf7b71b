"""The region summary's figures over built data whose right answers are worked out by hand; the threshold
setting; who may make a summary; an empty period; and a database of hostile text exported to every format
with nothing personal in the bytes."""

from __future__ import annotations

import io
import time
import unicodedata
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from welcomedesk.actor import Actor
from welcomedesk.catalogue import PartnerDef
from welcomedesk.codes import (
    Activity,
    Channel,
    ContactTopic,
    ItemStatus,
    NoteReason,
    PartnerType,
    PathKind,
    Payer,
    Referral,
    Status,
)
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.errors import PermissionDenied, ValidationError
from welcomedesk.exports.summary import DEFAULT_THRESHOLD, Counted, Mark, Measured
from welcomedesk.identity import make_identity_code
from welcomedesk.model import AuditEntry, WalkInContact
from welcomedesk.services import steps
from welcomedesk.services.accounts import desk_actor
from welcomedesk.services.follow_up import add_note, record_activity
from welcomedesk.services.newcomers import get_person
from welcomedesk.services.partners import save_partner
from welcomedesk.services.region import (
    arrivals_by_month,
    count_indicators,
    region_summary,
    region_threshold,
    set_region_threshold,
)
from welcomedesk.services.region_sql import half_years, months
from welcomedesk.services.registration import register_household
from welcomedesk.services.setup import Municipality, save_profile
from welcomedesk.services.status import change_status
from welcomedesk.services.visits import Visit, record_visit

ON = date(2026, 11, 25)
START, END = date(2025, 1, 1), date(2025, 12, 31)
H1, H2 = "2025H1", "2025H2"


def _person(given: str, **values: str) -> dict[str, str]:
    return {"given_names": given, "family_name": values.pop("family", "Testinen")} | values


def _register(database: Database, actor: Actor, *members: dict[str, str]) -> list[int]:
    return register_household(database, actor, list(members), ON)


def _step(database: Database, actor: Actor, person: int, code: str) -> Any:
    return next(s for s in get_person(database, actor, person).steps if s.code == code)


def _done(database: Database, actor: Actor, person: int, code: str, on: date) -> None:
    step = _step(database, actor, person, code)
    steps.update_step(database, actor, step.item_id, step.version, ItemStatus.DONE, on, today=ON)


def _walk_in(session: Any, at: datetime, topic: ContactTopic, language: str, channel: Channel) -> None:
    session.add(WalkInContact(at=at, account_id=1, topic=topic, language=language, channel=channel, minutes=5,
                              referred_to=Referral.NONE))


@pytest.fixture
def helsinki(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The desk's local time is Finland's: a walk-in's day is its day in Helsinki, not in UTC."""
    monkeypatch.setenv("TZ", "Europe/Helsinki")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _build(database: Database, actor: Actor) -> dict[str, int]:
    """Six households arriving in 2025, people who arrived earlier (retention), and people who must not count.

    The service point serves Kajaani (205) and Kuhmo (290).
    """
    save_profile(database, actor, "Kainuun kotoutumispalvelut",
                 [Municipality("205", "Kajaani"), Municipality("290", "Kuhmo")])
    ids: dict[str, int] = {}
    kajaani, kuhmo = {"municipality_code": "205"}, {"municipality_code": "290"}
    # H1 household A: arrived 10.3.2025 (first half), three people.
    ids["ada"], ids["bao"], ids["cam"] = _register(
        database, actor,
        _person("Ada", date_of_birth="15.3.1990", nationality="VN", arrival_date="10.3.2025", permit_type="B",
                occupation_group="2221", sector="public", recruitment="employer", tags="ESR-1", **kajaani),
        # 30 exactly on the arrival day.
        _person("Bao", relation="spouse", date_of_birth="10.3.1995", nationality="VN", permit_type="B",
                tags="Smith & <Jones>"),
        # 6 on the arrival day, 7 the day after.
        _person("Cam", relation="child", date_of_birth="11.3.2018", nationality="VN"))
    # Household D: one person, 15.8.2025 (second half), Kuhmo.
    [ids["dina"]] = _register(database, actor, _person(
        "Dina", date_of_birth="1.1.1980", nationality="PH", arrival_date="15.8.2025", permit_type="A",
        occupation_group="5321", sector="private", recruitment="own", tags="KOTO", **kuhmo))
    # Household E: two people, 1.7.2025 (the second half's first day); the spouse's birth date not known.
    ids["eero"], ids["fiia"] = _register(
        database, actor,
        _person("Eero", date_of_birth="30.6.1995", nationality="EE", arrival_date="1.7.2025", permit_type="EU",
                sector="private", recruitment="public", tags="KOTO", **kajaani),
        _person("Fiia", relation="spouse", nationality="EE", permit_type="EU"))
    # Household G: one person, 30.6.2025 (the first half's last day), no municipality recorded.
    [ids["gustav"]] = _register(database, actor, _person(
        "Gustav", date_of_birth="1.1.1960", nationality="SE", arrival_date="30.6.2025", permit_type="NORDIC",
        occupation_group="2211", sector="public", recruitment="employer"))
    # Household H: three people, 1.2.2025; the child has no nationality recorded.
    ids["hodan"], ids["hassan"], ids["hani"] = _register(
        database, actor,
        _person("Hodan", date_of_birth="1.1.1985", nationality="SO", arrival_date="1.2.2025", permit_type="P",
                occupation_group="5322", **kajaani),
        _person("Hassan", relation="other", date_of_birth="1.1.2005", nationality="SO"),
        _person("Hani", relation="child", date_of_birth="1.6.2010"))
    # Household I: one person, 20.12.2025.
    [ids["iryna"]] = _register(database, actor, _person(
        "Iryna", date_of_birth="20.12.1999", nationality="UA", arrival_date="20.12.2025", permit_type="B",
        tags="ESR-1", **kajaani))
    # Not counted: living in Oulu; arrived but set back to expected (a correction); arriving in 2026.
    [ids["oulu"]] = _register(database, actor, _person(
        "Olli", date_of_birth="1.1.1990", nationality="VN", arrival_date="1.5.2025", municipality_code="564"))
    [ids["expected"]] = _register(database, actor, _person(
        "Eino", date_of_birth="1.1.1990", nationality="VN", arrival_date="1.4.2025", tags="ESR-1", **kajaani))
    change_status(database, actor, ids["expected"], Status.EXPECTED, date(2025, 4, 2), today=ON)
    [ids["later"]] = _register(database, actor, _person(
        "Leo", date_of_birth="1.1.1990", nationality="VN", arrival_date="15.1.2026", tags="ESR-1", **kajaani))
    # Arrived in 2024 (retention after 12 months) and 2023 (after 24 months).
    for name, arrival in (("r1", "1.3.2024"), ("r2", "1.6.2024"), ("r3", "1.5.2024"), ("r4", "1.4.2024"),
                          ("r5", "1.2.2024"), ("r6", "20.12.2024"), ("r7", "1.9.2023"), ("r8", "1.10.2023")):
        tags = {"tags": "ESR-1"} if name in ("r1", "r3", "r6", "r7") else {}
        [ids[name]] = _register(database, actor, _person(name.upper(), date_of_birth="1.1.1990", nationality="IN",
                                                         arrival_date=arrival, **kajaani, **tags))
    change_status(database, actor, ids["r2"], Status.SETTLED, date(2025, 1, 1), today=ON)
    change_status(database, actor, ids["r3"], Status.MOVED_REGION, date(2025, 6, 1), "578", today=ON)
    change_status(database, actor, ids["r4"], Status.MOVED, date(2025, 11, 1), "564", today=ON)
    change_status(database, actor, ids["r5"], Status.LEFT, date(2026, 3, 1), today=ON)  # after the period
    change_status(database, actor, ids["r6"], Status.LOST, date(2025, 8, 1), today=ON)
    change_status(database, actor, ids["r7"], Status.LEFT, date(2024, 9, 1), today=ON)  # before the period
    # Spouses' activities.
    record_activity(database, actor, ids["bao"], Activity.SEEKING, date(2025, 4, 1), today=ON)
    record_activity(database, actor, ids["bao"], Activity.WORKING, date(2025, 10, 1), today=ON)
    record_activity(database, actor, ids["fiia"], Activity.STUDYING, date(2026, 1, 15), today=ON)
    # First steps: housing (main persons, due on the arrival day) and Kela (everyone, due 30 days after).
    _done(database, actor, ids["ada"], "housing", date(2025, 3, 5))  # before the arrival: in time, 0 days
    _done(database, actor, ids["dina"], "housing", date(2025, 8, 25))  # 10 days after: late
    _done(database, actor, ids["eero"], "housing", date(2026, 1, 15))  # after the period: open then
    hodan_housing = _step(database, actor, ids["hodan"], "housing")
    steps.update_step(database, actor, hodan_housing.item_id, hodan_housing.version, ItemStatus.NOT_NEEDED,
                      today=ON)
    _done(database, actor, ids["hodan"], "kela", date(2025, 2, 20))  # due 3.3.2025: in time, 19 days
    # Referrals: two to employment services in the period; one after it; one of an Oulu resident.
    partner = save_partner(database, actor, PartnerDef(code="te", type=PartnerType.EMPLOYMENT,
                                                       name="Työllisyyspalvelut"))
    for person, code, day in (("ada", "kela", date(2025, 4, 1)), ("bao", "employment_services_spouse",
                                                                  date(2025, 5, 1)),
                              ("dina", "kela", date(2026, 2, 1)), ("oulu", "kela", date(2025, 6, 1))):
        step = _step(database, actor, ids[person], code)
        steps.refer(database, actor, step.item_id, step.version, partner, day, None, today=ON)
    # Paths into work.
    for person, path, stage, day in (
            ("ada", PathKind.LEARNING, "language_studies", date(2025, 4, 1)),
            ("ada", PathKind.LEARNING, "licence_decision", date(2025, 10, 1)),
            ("dina", PathKind.LEARNING, "language_studies", date(2024, 9, 1)),  # started before the period
            ("dina", PathKind.LEARNING, "target_job", date(2025, 11, 1)),
            ("hodan", PathKind.LEARNING, "language_studies", date(2025, 3, 1)),
            ("bao", PathKind.CAREER, "profession", date(2025, 5, 1)),
            ("bao", PathKind.CAREER, "work_found", date(2025, 10, 1)),
            ("fiia", PathKind.CAREER, "jobseeker_registration", date(2026, 1, 10))):
        steps.add_stage(database, actor, ids[person], path, stage, day, today=ON)
    # Desk visits.
    for person, visit in (
            ("ada", Visit(date(2025, 4, 1), interpreter_paid_by=Payer.MUNICIPALITY)),
            ("ada", Visit(date(2025, 9, 2), interpreter_paid_by=Payer.MUNICIPALITY, no_show=True, minutes=0)),
            ("bao", Visit(date(2025, 5, 5), channel=Channel.PHONE)),
            ("dina", Visit(date(2025, 12, 1), interpreter_paid_by=Payer.EMPLOYER)),
            ("dina", Visit(date(2026, 1, 5))),  # after the period
            ("r1", Visit(date(2025, 2, 1))),
            ("oulu", Visit(date(2025, 6, 1)))):  # an Oulu resident
        record_visit(database, actor, ids[person], visit, today=ON)
    return ids


def _table(counted: list[Counted], code: str) -> Counted:
    return next(c for c in counted if c.code == code)


def _rows(table: Counted) -> dict[str, list[int]]:
    """Each row with a count, as its counts by column."""
    found = {row: [table.count(row, column) for column in table.columns] for row in table.rows}
    return {row: counts for row, counts in found.items() if any(counts)}


def _measured(measured: list[Measured], code: str, row: str) -> tuple[float, int]:
    figure = next(m for m in measured if m.code == code and m.row == row)
    return figure.value, figure.basis


def test_half_years_overlap_the_period() -> None:
    assert [h.code for h in half_years(START, END)] == [H1, H2]
    assert [h.code for h in half_years(date(2025, 3, 1), date(2025, 8, 31))] == [H1, H2]
    assert [h.code for h in half_years(date(2025, 7, 1), date(2026, 1, 1))] == [H2, "2026H1"]
    assert [h.code for h in half_years(date(2025, 7, 1), date(2025, 7, 1))] == [H2]


def test_every_figure_is_the_one_worked_out_by_hand(database: Database, actor: Actor) -> None:
    ids = _build(database, actor)
    counted, measured = count_indicators(database, actor, START, END, threshold=3)
    # Arrived in 2025 and counted: first half Ada, Bao, Cam (10.3), Gustav (30.6), Hodan, Hassan, Hani (1.2)
    # = 7; second half Eero, Fiia (1.7), Dina (15.8), Iryna (20.12) = 4. Olli lives in Oulu, Eino was set
    # back to expected, Leo comes in 2026.
    assert [c.columns for c in counted if c.margin == "arrivals"] == [(H1, H2)] * 8
    assert _rows(_table(counted, "arrivals_by_role")) == {
        "main": [3, 3], "spouse:working": [1, 0], "spouse:unknown": [0, 1], "child": [2, 0], "other": [1, 0]}
    # Ages on arrival: Cam 6 (7 the next day), Hani 14, Hassan 20, Ada 34, Bao 30 (that day), Hodan 40,
    # Gustav 65; Iryna 26, Eero 30 (since the day before), Dina 45, Fiia not known.
    assert _rows(_table(counted, "arrivals_by_age_band")) == {
        "0-6": [1, 0], "7-17": [1, 0], "18-29": [1, 1], "30-44": [3, 1], "45-64": [0, 1], "65+": [1, 0],
        "unknown": [0, 1]}
    assert _rows(_table(counted, "arrivals_by_permit")) == {
        "A": [0, 1], "B": [2, 1], "P": [1, 0], "EU": [0, 2], "NORDIC": [1, 0], "unknown": [3, 0]}
    # Threshold 3: Vietnam's three get a row of their own after South-eastern Asia's (left with the
    # Philippines); Somalia (2) stays in Eastern Africa, Ukraine (1) in Eastern Europe.
    countries = _table(counted, "arrivals_by_country_group")
    assert countries.rows == ("finland", "nordic", "eu_eea", "region:014", "region:035", "country:VN",
                              "region:151", "unknown")
    assert _rows(countries) == {"nordic": [1, 0], "eu_eea": [0, 2], "region:014": [2, 0], "region:035": [0, 1],
                                "country:VN": [3, 0], "region:151": [0, 1], "unknown": [1, 0]}
    # Everyone by the size of their household: A 3 and H 3 (first half); G 1 (first); D 1, I 1, E 2 (second).
    assert _rows(_table(counted, "arrivals_by_household_size")) == {"1": [1, 2], "2": [0, 2], "3-4": [6, 0]}
    # Occupation groups: Ada 2221 and Gustav 2211 (first half), Hodan 5322 (first), Dina 5321 (second);
    # everyone else, children too, is "unknown".
    assert _rows(_table(counted, "arrivals_by_occupation_group")) == {"2": [2, 0], "5": [1, 1], "unknown": [4, 3]}
    assert _rows(_table(counted, "arrivals_by_sector")) == {"public": [2, 0], "private": [0, 2], "unknown": [5, 2]}
    assert _rows(_table(counted, "arrivals_by_recruitment")) == {
        "employer": [2, 0], "public": [0, 1], "own": [0, 1], "unknown": [5, 2]}
    # Bao (a spouse, first half) works since 1.10.2025; Fiia's studies begin only in 2026: in the roles above.
    # Steps due in 2025, as they stood on 31.12.2025.
    # Housing (main persons, due on arrival): Ada in time, Dina late, Eero done only in 2026 and Gustav and
    # Iryna not at all; Hodan's was not needed; R6's was due 20.12.2024, before the period.
    # Kela (everyone, due 30 days after arrival): Hodan's done in time; nine of 2025's arrivals late, and R6
    # (arrived 20.12.2024, due 19.1.2025); Iryna's is due 19.1.2026, after the period.
    stepped = _table(counted, "steps_in_time")
    assert stepped.columns == ("in_time", "late", "open_late")
    assert [stepped.count("housing", c) for c in stepped.columns] == [1, 1, 3]
    assert [stepped.count("kela", c) for c in stepped.columns] == [1, 0, 10]
    # Days to done: housing 0 (done before arrival) and 10 -> 5.0; Kela 19.
    assert _measured(measured, "median_days_to_done", "housing") == (5.0, 2)
    assert _measured(measured, "median_days_to_done", "kela") == (19.0, 1)
    # Waiting on 31.12.2025 since the due day: housing Eero 183 (1.7.), Gustav 184 (30.6.), Iryna 11 -> 183.
    assert _measured(measured, "median_days_waiting", "housing") == (183.0, 3)
    # Kela: due 9.4. (Ada, Bao, Cam: 266 days), 3.3. (Hassan, Hani: 303), 30.7. (Gustav: 154), 31.7. (Eero,
    # Fiia: 153), 14.9. (Dina: 108), 19.1. (R6: 346): 108 153 153 154 266 [266 266] 303 303 346.
    assert _measured(measured, "median_days_waiting", "kela") == (266.0, 10)
    waiting = next(m for m in measured if m.code == "median_days_waiting" and m.row == "kela")
    assert waiting.cell == ("steps_in_time", "kela", "open_late")
    # Paths: learning started Ada and Hodan (Dina began in 2024); licence Ada; in the target job Dina;
    # career Bao started and found work; Fiia's stage is in 2026.
    assert _rows(_table(counted, "paths")) == {"learning_started": [2], "licence_obtained": [1],
                                               "learning_in_work": [1], "career_started": [1],
                                               "career_in_work": [1]}
    # Arrived in 2024, on 31.12.2025: R1 here, R2 settled, R5 here (left only in 2026), R3 in the region,
    # R4 elsewhere in Finland, R6 lost. Arrived in 2023: R7 left in 2024, R8 here.
    assert _rows(_table(counted, "retention_12")) == {"municipality": [3], "region": [1], "finland": [1],
                                                      "lost": [1]}
    assert _rows(_table(counted, "retention_24")) == {"municipality": [1], "left": [1]}
    # Visits on days of 2025 of the service point's people: Ada 1.4. (interpreter, the municipality paid),
    # Bao 5.5., R1 1.2.; Dina 1.12. (interpreter, the employer); Ada missed 2.9. (interpreter booked).
    assert _rows(_table(counted, "visits")) == {"visits": [3, 1], "no_show": [0, 1]}
    assert _rows(_table(counted, "interpreter_paid_by")) == {"municipality": [1, 1], "employer": [0, 1]}
    assert _rows(_table(counted, "referrals_by_partner_type")) == {"employment": [2]}
    # ESR-1: Ada, Iryna, R1, R3 (moved away in June), R6 (lost in August); not R7 (left before the period),
    # Eino (expected) or Leo (arrives in 2026). KOTO (Dina, Eero) and Bao's tag are under the threshold.
    tags = _table(counted, "project_tags")
    assert tags.rows == ("tag:ESR-1", "other") and _rows(tags) == {"tag:ESR-1": [5], "other": [3]}
    assert "oulu" in ids


def test_arrivals_by_month_are_the_summarys_arrivals_month_by_month(database: Database, actor: Actor) -> None:
    _build(database, actor)
    with unit_of_work(database, actor) as session:
        before = session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
    found = arrivals_by_month(database, actor, START, END)
    nobody = {"main": 0, "spouse": 0, "child": 0, "other": 0}
    # Hodan, Hassan (other) and Hani on 1.2.; Ada, Bao and Cam on 10.3.; Gustav (no municipality) on 30.6.;
    # Eero and Fiia on 1.7.; Dina (Kuhmo) on 15.8.; Iryna on 20.12. Not Eino (1.4., set back to expected),
    # Olli (1.5., Oulu) or Leo (2026).
    assert found == (
        ("2025-01", nobody), ("2025-02", {"main": 1, "spouse": 0, "child": 1, "other": 1}),
        ("2025-03", {"main": 1, "spouse": 1, "child": 1, "other": 0}), ("2025-04", nobody), ("2025-05", nobody),
        ("2025-06", nobody | {"main": 1}), ("2025-07", nobody | {"main": 1, "spouse": 1}),
        ("2025-08", nobody | {"main": 1}), ("2025-09", nobody), ("2025-10", nobody), ("2025-11", nobody),
        ("2025-12", nobody | {"main": 1}))
    with unit_of_work(database, actor) as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.id > (before or 0))).all()
    assert [(r.action, r.entity, r.entity_id, r.fields) for r in rows] == [
        ("view", "region", None, "arrivals_by_month")]
    # Every month adds up to the summary's arrivals, small counts and all (nothing here is hidden).
    counted, _measured = count_indicators(database, actor, START, END, threshold=3)
    assert sum(sum(by_role.values()) for _month, by_role in found) == sum(
        _table(counted, "arrivals_by_role").counts.values()) == 11
    # A period of parts of months: 15.12.2024–15.1.2025 has R6 (20.12.2024, lost since, but arrived) alone;
    # 11.–31.3.2025 leaves out Ada's household (10.3.).
    assert arrivals_by_month(database, actor, date(2024, 12, 15), date(2025, 1, 15)) == (
        ("2024-12", nobody | {"main": 1}), ("2025-01", nobody))
    assert arrivals_by_month(database, actor, date(2025, 3, 11), date(2025, 3, 31)) == (("2025-03", nobody),)
    assert months(date(2025, 11, 30), date(2026, 2, 1)) == ("2025-11", "2025-12", "2026-01", "2026-02")
    with pytest.raises(ValidationError):
        arrivals_by_month(database, actor, END, START)
    desk_actor(database, "aino")  # the first account of a database holds every role
    with pytest.raises(PermissionDenied):
        arrivals_by_month(database, desk_actor(database, "bertta"), START, END)


def test_anonymous_contacts_count_in_the_desks_local_days(database: Database, actor: Actor, helsinki: None
                                                          ) -> None:
    def at(*moment: int) -> datetime:
        return datetime(*moment).astimezone().astimezone(UTC)  # a local moment, stored in UTC

    with unit_of_work(database, actor) as session:
        for moment, topic, language, channel in (
                ((2025, 3, 15, 10), ContactTopic.PERMIT, "vi", Channel.DESK),
                ((2025, 3, 16, 10), ContactTopic.PERMIT, "vi", Channel.DESK),
                ((2025, 5, 1, 12), ContactTopic.KELA, "en", Channel.PHONE),
                ((2025, 7, 1, 0, 30), ContactTopic.TAX, "vi", Channel.EMAIL),  # 30.6. 21:30 in UTC
                ((2025, 12, 31, 23, 30), ContactTopic.OTHER, "ar", Channel.REMOTE),
                ((2026, 1, 1, 0, 30), ContactTopic.OTHER, "ar", Channel.REMOTE),  # 2026 here, 2025 in UTC
                ((2024, 12, 31, 23, 59), ContactTopic.OTHER, "ar", Channel.REMOTE)):
            _walk_in(session, at(*moment), topic, language, channel)
    counted, _measured_figures = count_indicators(database, actor, START, END)
    assert _rows(_table(counted, "walk_ins_by_topic")) == {"permit": [2, 0], "kela": [1, 0], "tax": [0, 1],
                                                           "other": [0, 1]}
    languages = _table(counted, "walk_ins_by_language")
    assert languages.rows == ("ar", "en", "vi") and _rows(languages) == {"ar": [0, 1], "en": [1, 0], "vi": [2, 1]}
    assert _rows(_table(counted, "walk_ins_by_channel")) == {"desk": [2, 0], "phone": [1, 0], "email": [0, 1],
                                                             "remote": [0, 1]}


def test_an_empty_period_counts_zero_everywhere(database: Database, actor: Actor) -> None:
    _build(database, actor)
    counted, measured = count_indicators(database, actor, date(2020, 1, 1), date(2020, 12, 31))
    assert len(counted) == 19 and all(not c.counts for c in counted)
    assert all(m.basis == 0 for m in measured)
    summary = region_summary(database, actor, date(2020, 1, 1), date(2020, 12, 31), today=ON)
    assert all(t.total.value == 0 and t.total.mark is Mark.EXACT for t in summary.tables)
    assert all(f.value is None for f in summary.figures)


def test_the_summary_hides_small_counts_and_is_audited_once(database: Database, actor: Actor) -> None:
    _build(database, actor)
    with unit_of_work(database, actor) as session:
        before = session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
    summary = region_summary(database, actor, START, END, today=ON)
    assert summary.threshold == DEFAULT_THRESHOLD and summary.made_in == "2026-11"
    assert summary.municipalities == (("205", "Kajaani"), ("290", "Kuhmo"))
    assert (summary.period_from, summary.period_to) == ("2025-01-01", "2025-12-31")
    roles = summary.table("arrivals_by_role")
    # main 3 + 3 = 6 is shown; every other row with anyone in it totals under 5 and goes whole; the rows
    # with no one (spouses studying, say) are published as zeros.
    assert roles.cell("main", H1).mark is Mark.SUPPRESSED and roles.row_totals[0].value == 6
    for number, row in enumerate(roles.rows[1:], start=1):
        marks = {cell.mark for cell in (*roles.cells[number], roles.row_totals[number])}
        if row in ("spouse:working", "spouse:unknown", "child", "other"):
            assert marks == {Mark.ROW}, row
        else:
            assert marks == {Mark.EXACT} and roles.row_totals[number].value == 0, row
    assert roles.total.value == 11
    # Threshold 5: no country reaches it, so none is split off.
    assert not any(row.startswith("country:") for row in summary.table("arrivals_by_country_group").rows)
    figures = {(f.code, f.row): f for f in summary.figures}
    # A median waiting follows its open late cell: shown with it, hidden with it.
    open_late = summary.table("steps_in_time").cell("kela", "open_late")
    assert figures[("median_days_waiting", "kela")].basis == open_late
    assert figures[("median_days_waiting", "kela")].value == (266.0 if open_late.exact else None)
    assert figures[("median_days_to_done", "housing")].value is None  # over two people
    with unit_of_work(database, actor) as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.id > (before or 0))).all()
    assert [(r.action, r.entity, r.entity_id) for r in rows] == [("export", "region", None)]
    assert rows[0].fields.split(",")[:2] == ["arrivals_by_role", "arrivals_by_country_group"]
    assert not any(ch.isdigit() for ch in rows[0].fields.replace("retention_12", "").replace("retention_24", ""))


def test_a_steps_median_is_hidden_when_either_of_its_cells_is(database: Database, actor: Actor) -> None:
    # Five main persons; four do housing late and one in time: the in-time 1 is hidden, so its median's
    # basis of 5 (= 1 + 4) would tell it.
    save_profile(database, actor, "Kajaani", [Municipality("205", "Kajaani")])
    for n in range(5):
        [person] = _register(database, actor, _person(f"P{n}", date_of_birth="1.1.1990", nationality="IN",
                                                      arrival_date="1.3.2025", municipality_code="205"))
        _done(database, actor, person, "housing", date(2025, 3, 1) if n == 0 else date(2025, 3, 20))
    counted, measured = count_indicators(database, actor, START, END)
    assert [_table(counted, "steps_in_time").count("housing", c) for c in ("in_time", "late")] == [1, 4]
    assert _measured(measured, "median_days_to_done", "housing") == (19.0, 5)
    summary = region_summary(database, actor, START, END, today=ON)
    figure = next(f for f in summary.figures if f.code == "median_days_to_done" and f.row == "housing")
    assert figure.value is None and figure.basis.value is None


def test_the_threshold_is_a_coordinators_setting(database: Database, actor: Actor) -> None:
    assert region_threshold(database, actor) == DEFAULT_THRESHOLD
    assert set_region_threshold(database, actor, 7) == 7 and region_threshold(database, actor) == 7
    for wrong in (2, 0, -1, 101):
        with pytest.raises(ValidationError) as refused:
            set_region_threshold(database, actor, wrong)
        assert refused.value.field == "threshold"
    with pytest.raises(ValidationError):
        region_summary(database, actor, START, END, threshold=2)
    with pytest.raises(ValidationError):
        region_summary(database, actor, END, START)
    assert region_summary(database, actor, START, END, today=ON).threshold == 7
    with unit_of_work(database, actor) as session:
        change = session.scalars(select(AuditEntry).where(AuditEntry.entity == "setting")).all()
    assert change and all("7" not in row.fields for row in change)
    first = desk_actor(database, "aino")  # the first account of a database holds every role
    worker = desk_actor(database, "bertta")
    assert region_threshold(database, first) == 7
    for act in (lambda: region_summary(database, worker, START, END), lambda: region_threshold(database, worker),
                lambda: set_region_threshold(database, worker, 5),
                lambda: count_indicators(database, worker, START, END)):
        with pytest.raises(PermissionDenied):
            act()


# -- a database of hostile text: nothing personal leaves in any format

HOSTILE_NAMES = ('=HYPERLINK("http://x")', "Smith & <Jones>", "+1234", "@SUM(A1)", "-2+3", "Ääkkönen-Åberg",
                 "Nguyễn Thị Lan", "O'Brien \"Bob\"", "مريم", "Zoë ; Test")


def _hostile(database: Database, actor: Actor) -> dict[str, list[str]]:
    """Households full of markup, formulas and personal data; returns what must never leave, by kind."""
    save_profile(database, actor, "Kainuu", [Municipality("205", "Kajaani")])
    secrets: dict[str, list[str]] = {"name": [], "code": [], "email": [], "phone": [], "note": [], "date": []}
    for n, name in enumerate(HOSTILE_NAMES):
        born = date(1970 + n, 1 + n % 12, 3 + n)
        arrival = date(2025, 1 + n, 7 + n)
        code = make_identity_code(born, 101 + n)
        email = f"secret.person{n}@example.org"
        phone = f"+358 40 555 {1000 + n}"
        members = [_person(name, family=f"{name} Family{n}", date_of_birth=born.strftime("%d.%m.%Y"),
                           nationality=("VN", "PH", "SO", "UA")[n % 4], arrival_date=arrival.strftime("%d.%m.%Y"),
                           personal_identity_code=code, email=email, phone=phone, municipality_code="205",
                           employer=f"{name} Oy", occupation=f"{name} nurse", street_address=f"{name} street 1",
                           tags=f"{name}")]
        [person] = _register(database, actor, *members)
        note = f"Free text about {name}: lives with her sister, phone {phone}"
        add_note(database, actor, person, NoteReason.OTHER, note)
        secrets["name"] += [name, f"{name} Family{n}"]
        secrets["code"].append(code)
        secrets["email"].append(email)
        secrets["phone"] += [phone, phone.replace(" ", "")]
        secrets["note"].append(note)
        for day in (born, arrival):
            secrets["date"] += [day.isoformat(), f"{day.day}.{day.month}.{day.year}",
                                day.strftime("%d.%m.%Y")]
    return secrets


def _texts(data: bytes, kind: str) -> list[str]:
    """The text inside an export: an XLSX's every member unzipped, a PDF's pages, a CSV or JSON decoded."""
    if kind == "pdf":
        from pypdf import PdfReader

        pages = PdfReader(io.BytesIO(data)).pages
        return [unicodedata.normalize("NFKC", page.extract_text()) for page in pages] + [data.decode("latin-1")]
    if kind == "xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
    return [data.decode("utf-8-sig")]


def test_no_export_of_a_hostile_database_holds_anything_personal(database: Database, actor: Actor) -> None:
    from welcomedesk.exports.csv_format import to_csv
    from welcomedesk.exports.json_format import to_json
    from welcomedesk.exports.pdf_report import report_pdf
    from welcomedesk.exports.xlsx_format import to_xlsx
    from welcomedesk.i18n import translator
    from welcomedesk.presentation.region_report import region_labels

    secrets = _hostile(database, actor)
    summary = region_summary(database, actor, START, END, threshold=3, today=ON)
    words = translator("fi")
    labels = region_labels(words)
    assert summary.table("arrivals_by_role").total.value == len(HOSTILE_NAMES)
    exports = {"json": to_json(summary).encode("utf-8"), "csv": to_csv(summary, labels, words),
               "xlsx": to_xlsx(summary, labels, words), "pdf": report_pdf(summary, labels, "fi")}
    for kind, data in exports.items():
        texts = _texts(data, kind)
        assert any("Kajaani" in text for text in texts), kind  # the scan reads the file's text
        for what, values in secrets.items():
            for value in values:
                assert not any(value in text for text in texts), f"{kind} holds a {what}: {value!r}"
    # The tags were people's names on one person each: counted, never named.
    assert summary.table("project_tags").rows == ("other",)


def test_a_period_within_one_half_year_counts_in_that_half(database: Database, actor: Actor) -> None:
    _build(database, actor)
    # 1.7.–31.12.2025: Eero, Fiia, Dina and Iryna, all in the one column.
    counted, _measured = count_indicators(database, actor, date(2025, 7, 1), date(2025, 12, 31), threshold=3)
    roles = _table(counted, "arrivals_by_role")
    assert roles.columns == (H2,)
    assert sum(roles.counts.values()) == 4
    walk_ins = _table(counted, "walk_ins_by_channel")
    assert walk_ins.columns == (H2,)
