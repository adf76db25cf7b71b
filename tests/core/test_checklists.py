"""Each person's checklist from the catalogue's rules, on real situations, kept right as data and time change."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.core.test_registration import TODAY, family
from welcomedesk.actor import Actor
from welcomedesk.catalogue_file import catalogue_json, shipped_catalogue
from welcomedesk.codes import FollowUpOutcome, ItemStatus, PathKind, ReferralOutcome
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.errors import ConflictError, ValidationError
from welcomedesk.model import AuditEntry, Partner
from welcomedesk.services import catalogue as catalogue_service
from welcomedesk.services import checklists, steps
from welcomedesk.services.newcomers import PersonDetail, get_person
from welcomedesk.services.registration import register_household, update_person


def codes(detail: PersonDetail) -> set[str]:
    """The codes of the steps that apply to the person."""
    return {s.code for s in detail.steps if s.applies}


def step(detail: PersonDetail, code: str) -> steps.StepEntry:
    return next(s for s in detail.steps if s.code == code)


def one(texts: dict[str, str], **extra: str) -> list[dict[str, str]]:
    return [texts | extra]


def adult(**extra: str) -> dict[str, str]:
    return {"given_names": "Test", "family_name": "Person", "date_of_birth": "1.1.1990",
            "arrival_date": "1.11.2026"} | extra


def test_the_nurse_s_family_gets_each_their_own_steps(database: Database, actor: Actor) -> None:
    nurse, spouse, schoolchild, small = register_household(database, actor, family(), TODAY)
    mine = get_person(database, actor, nurse)
    assert {"residence_permit", "identity_code", "tax_card", "nurse_licence", "learning_path",
            "occupational_health", "housing"} <= codes(mine)
    assert "employment_services_spouse" not in codes(mine) and "daycare" not in codes(mine)
    assert "employment_services_spouse" in codes(get_person(database, actor, spouse))
    assert "nurse_licence" not in codes(get_person(database, actor, spouse))
    school = codes(get_person(database, actor, schoolchild))
    assert "school" in school and "daycare" not in school and "tax_card" not in school
    assert "daycare" in codes(get_person(database, actor, small))
    # The identity code is recorded: that step is done, and the tax card no longer waits for it.
    assert step(mine, "identity_code").status is ItemStatus.DONE
    assert step(mine, "tax_card").status is ItemStatus.TODO


def test_a_child_of_three_gets_daycare_pre_primary_at_six_school_at_seven(database: Database,
                                                                          actor: Actor) -> None:
    year = TODAY.year
    three, six, seven = register_household(database, actor, [
        adult(),
        {"relation": "child", "given_names": "Three", "family_name": "Person", "date_of_birth": f"1.3.{year - 3}"},
        {"relation": "child", "given_names": "Six", "family_name": "Person", "date_of_birth": f"1.12.{year - 6}"},
        {"relation": "child", "given_names": "Seven", "family_name": "Person", "date_of_birth": f"1.3.{year - 7}"},
    ], TODAY)[1:]
    small = get_person(database, actor, three)
    assert "daycare" in codes(small) and "pre_primary" not in codes(small)
    # Daycare is applied for four months before it is needed: due before the arrival.
    assert step(small, "daycare").due_date == date(2026, 11, 1) - timedelta(days=120)
    assert "pre_primary" in codes(get_person(database, actor, six))
    assert {"school"} & codes(get_person(database, actor, seven)) == {"school"}
    assert "pre_primary" not in codes(get_person(database, actor, seven))


def test_a_child_reaching_school_age_gets_school_when_the_year_turns(database: Database, actor: Actor) -> None:
    [_parent, child] = register_household(database, actor, [
        adult(), {"relation": "child", "given_names": "Five", "family_name": "Person",
                  "date_of_birth": f"1.3.{TODAY.year - 5}"}], TODAY)
    before = get_person(database, actor, child)
    assert "daycare" in codes(before) and "pre_primary" not in codes(before)
    next_year = date(TODAY.year + 1, 1, 2)
    stale = checklists.stale_people(database, actor, next_year)
    assert child in stale
    checklists.refresh(database, actor, stale, next_year)
    assert checklists.stale_people(database, actor, next_year) == []
    with unit_of_work(database, actor) as session:
        from welcomedesk.model import ChecklistItem, Service

        found = dict(session.execute(select(Service.code, ChecklistItem.applies).join(
            Service, Service.id == ChecklistItem.service_id).where(ChecklistItem.person_id == child)).all())
    assert found["pre_primary"] is True and found["daycare"] is False  # marked, never deleted


def test_an_eu_citizen_registers_the_right_of_residence_and_a_swede_at_dvv(database: Database,
                                                                           actor: Actor) -> None:
    [german] = register_household(database, actor, [adult(nationality="DE")], TODAY)
    [swede] = register_household(database, actor, [adult(given_names="Sven", nationality="SE")], TODAY)
    [third] = register_household(database, actor, [adult(given_names="Ada", nationality="VN")], TODAY)
    assert "eu_registration" in codes(get_person(database, actor, german))
    assert "residence_permit" not in codes(get_person(database, actor, german))
    assert "nordic_registration" in codes(get_person(database, actor, swede))
    assert not {"residence_permit", "eu_registration"} & codes(get_person(database, actor, swede))
    assert "residence_permit" in codes(get_person(database, actor, third))


def test_a_changed_birth_date_or_permit_updates_the_checklist_and_keeps_what_was_done(database: Database,
                                                                                       actor: Actor) -> None:
    [parent, child] = register_household(database, actor, [
        adult(nationality="PH", permit_type="B"),
        {"relation": "child", "given_names": "Kid", "family_name": "Person", "date_of_birth": f"1.3.{TODAY.year - 3}",
         "nationality": "PH"}], TODAY)
    kid = get_person(database, actor, child)
    daycare = step(kid, "daycare")
    steps.update_step(database, actor, daycare.item_id, daycare.version, ItemStatus.DONE, date(2026, 11, 20),
                      "place at Kirkkokadun päiväkoti", TODAY)
    update_person(database, actor, child, kid.version, {"date_of_birth": f"1.3.{TODAY.year - 8}"}, TODAY)
    kid = get_person(database, actor, child)
    assert "school" in codes(kid) and "daycare" not in codes(kid)
    kept = step(kid, "daycare")
    assert (kept.status, kept.done_on, kept.note, kept.applies) == (ItemStatus.DONE, date(2026, 11, 20),
                                                                    "place at Kirkkokadun päiväkoti", False)
    mine = get_person(database, actor, parent)
    permit = step(mine, "residence_permit")
    steps.update_step(database, actor, permit.item_id, permit.version, ItemStatus.IN_PROGRESS, today=TODAY)
    update_person(database, actor, parent, mine.version, {"permit_type": "EU", "permit_expiry": ""}, TODAY)
    mine = get_person(database, actor, parent)
    assert "eu_registration" in codes(mine)
    assert step(mine, "residence_permit").status is ItemStatus.IN_PROGRESS
    assert step(mine, "residence_permit").applies is False


def test_a_step_waits_for_the_earlier_one_and_is_freed_when_it_is_done(database: Database, actor: Actor) -> None:
    [person] = register_household(database, actor, [adult(nationality="VN")], TODAY)
    detail = get_person(database, actor, person)
    tax = step(detail, "tax_card")
    assert tax.status is ItemStatus.BLOCKED and tax.waits_for == ("identity_code",)
    with pytest.raises(ValidationError) as refused:
        steps.update_step(database, actor, tax.item_id, tax.version, ItemStatus.DONE, today=TODAY)
    assert refused.value.problems[0].field == "status"
    with pytest.raises(ValidationError):
        steps.update_step(database, actor, tax.item_id, tax.version, ItemStatus.BLOCKED, today=TODAY)
    code = step(detail, "identity_code")
    steps.update_step(database, actor, code.item_id, code.version, ItemStatus.DONE, today=TODAY)
    detail = get_person(database, actor, person)
    assert step(detail, "tax_card").status is ItemStatus.TODO and step(detail, "tax_card").waits_for == ()
    # Reopened, it blocks the later step again.
    code = step(detail, "identity_code")
    steps.update_step(database, actor, code.item_id, code.version, ItemStatus.TODO, today=TODAY)
    assert step(get_person(database, actor, person), "tax_card").status is ItemStatus.BLOCKED


def test_a_stale_step_save_is_a_conflict_and_the_future_is_refused(database: Database, actor: Actor) -> None:
    [person] = register_household(database, actor, [adult(nationality="VN")], TODAY)
    housing = step(get_person(database, actor, person), "housing")
    steps.update_step(database, actor, housing.item_id, housing.version, ItemStatus.IN_PROGRESS, today=TODAY)
    with pytest.raises(ConflictError):
        steps.update_step(database, actor, housing.item_id, housing.version, ItemStatus.DONE, today=TODAY)
    fresh = step(get_person(database, actor, person), "housing")
    with pytest.raises(ValidationError):
        steps.update_step(database, actor, fresh.item_id, fresh.version, ItemStatus.DONE,
                          TODAY + timedelta(days=1), today=TODAY)
    for note in ("x" * 301, "bell\x07"):
        with pytest.raises(ValidationError):
            steps.update_step(database, actor, fresh.item_id, fresh.version, ItemStatus.DONE, TODAY, note, TODAY)


def test_a_referral_to_a_partner_is_recorded_and_audited(database: Database, actor: Actor) -> None:
    [person] = register_household(database, actor, [adult(nationality="VN")], TODAY)
    with unit_of_work(database, actor) as session:
        kela = session.scalar(select(Partner.id).where(Partner.code == "kela"))
    assert kela is not None
    item = step(get_person(database, actor, person), "kela")
    steps.refer(database, actor, item.item_id, item.version, kela, date(2026, 11, 24), None, TODAY)
    item = step(get_person(database, actor, person), "kela")
    assert (item.referred_to_id, item.referred_on, item.referral_outcome) == (kela, date(2026, 11, 24),
                                                                             ReferralOutcome.PENDING)
    steps.refer(database, actor, item.item_id, item.version, kela, date(2026, 11, 24), ReferralOutcome.STARTED, TODAY)
    with unit_of_work(database, actor) as session:
        audited = session.scalars(select(AuditEntry.fields).where(
            AuditEntry.entity == "checklist_item", AuditEntry.entity_id == item.item_id,
            AuditEntry.action == "update")).all()
    assert "referral_outcome" in audited[-1] and "referred_to_id" in audited[0]
    with pytest.raises(ValidationError):
        fresh = step(get_person(database, actor, person), "kela")
        steps.refer(database, actor, fresh.item_id, fresh.version, 2**31 - 1, None, None, TODAY)


def test_follow_ups_are_scheduled_from_the_arrival_and_record_answers(database: Database, actor: Actor) -> None:
    main, spouse, *_children = register_household(database, actor, family(), TODAY)
    detail = get_person(database, actor, main)
    assert [f.day for f in detail.follow_ups] == [14, 30, 91, 182, 365, 730]
    assert detail.follow_ups[0].due_date == date(2026, 11, 15)
    assert get_person(database, actor, spouse).follow_ups == ()
    first = detail.follow_ups[0]
    steps.record_follow_up(database, actor, first.follow_up_id, first.version, TODAY, FollowUpOutcome.REACHED,
                           {"housing": "temporary", "spouse_work": "unknown"}, TODAY)
    again = get_person(database, actor, main).follow_ups[0]
    assert (again.outcome, dict(again.answers)) == (FollowUpOutcome.REACHED,
                                                    {"housing": "temporary", "spouse_work": "unknown"})
    second = detail.follow_ups[1]
    with pytest.raises(ValidationError):
        steps.record_follow_up(database, actor, second.follow_up_id, second.version, TODAY, FollowUpOutcome.REACHED,
                               {"housing": "<script>"}, TODAY)
    steps.record_follow_up(database, actor, second.follow_up_id, second.version, TODAY,
                           FollowUpOutcome.NOT_REACHED, {"housing": "settled"}, TODAY)
    assert get_person(database, actor, main).follow_ups[1].answers == {}  # not reached: nothing was answered
    # A new arrival date moves the contacts not yet made, never one already made.
    update_person(database, actor, main, get_person(database, actor, main).version, {"arrival_date": "1.12.2026"},
                  TODAY)
    moved = get_person(database, actor, main).follow_ups
    assert moved[0].due_date == date(2026, 11, 15) and moved[2].due_date == date(2026, 12, 1) + timedelta(days=91)


def test_path_stages_and_the_protection_period(database: Database, actor: Actor) -> None:
    [nurse, *_rest] = register_household(database, actor, family(), TODAY)
    steps.add_stage(database, actor, nurse, PathKind.LEARNING, "language_studies", date(2026, 11, 10), "B1 tavoite")
    steps.add_stage(database, actor, nurse, PathKind.LEARNING, "licence_application", date(2026, 11, 20))
    with pytest.raises(ValidationError):
        steps.add_stage(database, actor, nurse, PathKind.LEARNING, "no_such_stage", date(2026, 11, 20))
    detail = get_person(database, actor, nurse)
    assert [(s.stage, s.detail) for s in detail.stages] == [("language_studies", "B1 tavoite"),
                                                            ("licence_application", "")]
    steps.record_job_end(database, actor, nurse, detail.version, date(2026, 11, 30), today=TODAY)
    watch = get_person(database, actor, nurse).watch
    assert watch is not None and (watch.protection_months, watch.protection_ends) == (3, date(2027, 2, 28))
    detail = get_person(database, actor, nurse)
    steps.record_job_end(database, actor, nurse, detail.version, date(2026, 11, 30), 6, today=TODAY)
    assert get_person(database, actor, nurse).watch.protection_ends == date(2027, 5, 30)  # type: ignore[union-attr]
    with pytest.raises(ValidationError):
        steps.record_job_end(database, actor, nurse, get_person(database, actor, nurse).version, TODAY, 4,
                             today=TODAY)


def test_show_json_has_the_checklist_follow_ups_and_paths_in_the_message_language(tmp_path: Path) -> None:
    from tests.core.test_cli import run
    from welcomedesk.config import resolve_database
    from welcomedesk.services.desk import command_line_desk, initialise

    path = str(tmp_path / "desk.sqlite3")
    initialise(resolve_database(path))
    with command_line_desk(resolve_database(path)) as desk:
        [nurse, *_rest] = desk.register(family(), TODAY)
        desk.add_stage(nurse, PathKind.LEARNING, "language_studies", date(2026, 11, 10))
    for lang in ("fi", "sv", "en"):
        code, out, _err = run("--db", path, "--lang", lang, "show", str(nurse), "--json")
        assert code == 0
        shown = json.loads(out)
        tax = next(i for i in shown["checklist"] if i["service"] == "tax_card")
        assert tax["title"] == shipped_catalogue().service("tax_card").name[lang]  # type: ignore[union-attr]
        assert {"status", "due_date", "done_on"} <= set(tax)
        assert tax["due_date"] == "2026-11-22"
        assert [f["days_after_arrival"] for f in shown["follow_ups"]] == [14, 30, 91, 182, 365, 730]
        assert shown["paths"]["learning"][0]["stage"] == "language_studies"
    code, out, _err = run("--db", path, "--lang", "fi", "show", str(nurse))
    assert code == 0 and "Tarkistuslista" in out and "Kela" in out


def test_a_service_added_in_a_content_file_reaches_the_right_people(database: Database, actor: Actor,
                                                                      tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    nurse, spouse, *_children = register_household(database, actor, family(), TODAY)
    [german] = register_household(database, actor, [adult(nationality="DE")], TODAY)
    data = catalogue_json(shipped_catalogue())
    data["edition"] = "2027-01"
    data["services"].append({
        "code": "sauna_evening", "category": "everyday", "partner": None,
        "name": {"fi": "Saunailta puolisoille", "en": "Sauna evening for spouses"}, "description": {},
        "applies": {"relations": ["spouse"], "origins": ["other"]}, "due": {"from": "arrival", "days": 45},
        "after": [], "done_when": None, "valid_from": None, "valid_to": None})
    content = tmp_path / "catalogue.json"
    content.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    from welcomedesk import catalogue_file as catalogue_module

    monkeypatch.setattr(catalogue_module, "resource_path", lambda *parts: content)
    catalogue_module.shipped_catalogue.cache_clear()
    try:
        assert catalogue_service.ensure_content(database, actor)
        checklists.refresh(database, actor, checklists.stale_people(database, actor, TODAY), TODAY)
    finally:
        catalogue_module.shipped_catalogue.cache_clear()
    added = step(get_person(database, actor, spouse), "sauna_evening")
    assert added.applies and added.due_date == date(2026, 11, 1) + timedelta(days=45)
    assert "sauna_evening" not in codes(get_person(database, actor, nurse))
    assert "sauna_evening" not in codes(get_person(database, actor, german))


def test_a_new_edition_never_overwrites_a_coordinator_s_edit(database: Database, actor: Actor, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    catalogue, summaries = catalogue_service.catalogue_overview(database, actor)
    kela = next(s for s in summaries if s.service.code == "kela")
    edited = replace(kela.service, name=dict(kela.service.name) | {"fi": "Ilmoittaudu Kelaan (meidän sanoin)"})
    catalogue_service.save_service(database, actor, edited, kela.version)
    data = catalogue_json(catalogue)
    data["edition"] = "2099-01"
    for s in data["services"]:
        s["name"]["fi"] = s["name"]["fi"] + " (uusi)"
    content = tmp_path / "catalogue.json"
    content.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    from welcomedesk import catalogue_file as catalogue_module

    monkeypatch.setattr(catalogue_module, "resource_path", lambda *parts: content)
    catalogue_module.shipped_catalogue.cache_clear()
    try:
        assert catalogue_service.ensure_content(database, actor)
    finally:
        catalogue_module.shipped_catalogue.cache_clear()
    after, _summaries = catalogue_service.catalogue_overview(database, actor)
    assert after.service("kela").name["fi"] == "Ilmoittaudu Kelaan (meidän sanoin)"  # type: ignore[union-attr]
    assert after.service("tax_card").name["fi"].endswith("(uusi)")  # type: ignore[union-attr]


def test_the_catalogue_round_trips_into_an_empty_database(database: Database, actor: Actor, tmp_path: Path) -> None:
    from dataclasses import replace

    from welcomedesk.config import resolve_database
    from welcomedesk.services.accounts import cli_actor
    from welcomedesk.services.setup import initialise

    _catalogue, summaries = catalogue_service.catalogue_overview(database, actor)
    daycare = next(s for s in summaries if s.service.code == "daycare")
    catalogue_service.save_service(database, actor, replace(daycare.service, due=replace(
        daycare.service.due, days=-150)), daycare.version)  # type: ignore[type-var]
    exported = tmp_path / "region.json"
    assert catalogue_service.export_catalogue(database, actor, exported) == len(summaries)
    other, _ = initialise(resolve_database(str(tmp_path / "other.sqlite3")))
    try:
        other_actor = cli_actor(other)
        catalogue_service.import_catalogue(other, other_actor, exported)
        here = register_household(database, actor, family(), TODAY)
        there = register_household(other, other_actor, family(), TODAY)
        for mine, theirs in zip(here, there, strict=True):
            ours = [(s.code, s.status, s.due_date, s.applies) for s in get_person(database, actor, mine).steps]
            assert ours == [(s.code, s.status, s.due_date, s.applies)
                            for s in get_person(other, other_actor, theirs).steps]
        assert step(get_person(other, other_actor, there[3]), "daycare").due_date == date(2026, 11, 1) - timedelta(
            days=150)
        assert catalogue_service.stored_catalogue_of(other, other_actor) == catalogue_service.stored_catalogue_of(
            database, actor)
    finally:
        other.close()


@pytest.mark.parametrize(("text", "reason"), [
    ("{", "not valid JSON"),
    ('{"format": "something-else"}', "not a WelcomeDesk service catalogue"),
    ('{"format": "welcomedesk-catalogue", "format_version": 99}', "format version 99"),
])
def test_a_damaged_or_foreign_catalogue_file_is_refused_with_a_reason(database: Database, actor: Actor,
                                                                      tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        catalogue_service.import_catalogue(database, actor, path)
    assert reason in str(refused.value)


def test_a_catalogue_with_bad_rules_is_refused_with_every_reason(database: Database, actor: Actor,
                                                                 tmp_path: Path) -> None:
    data = catalogue_json(shipped_catalogue())
    data["services"][0]["after"] = [data["services"][1]["code"]]
    data["services"][1]["after"] = [data["services"][0]["code"]]
    data["services"][2]["partner"] = "nobody"
    data["services"][3]["applies"] = {"year_age": [9, 2], "relations": ["cousin"]}
    data["services"][4]["due"] = {"from": "year_of_age", "age": 6, "month": 2, "day": 30}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        catalogue_service.import_catalogue(database, actor, path)
    said = " ".join(p.message for p in refused.value.problems)
    for reason in ("wait for it in turn", "no partner has the code nobody", "year_age", "cousin", "month and day"):
        assert reason in said


def test_the_catalogue_command_exports_and_imports_one_file(tmp_path: Path) -> None:
    from tests.core.test_cli import run

    first, second = str(tmp_path / "a.sqlite3"), str(tmp_path / "b.sqlite3")
    for db in (first, second):
        assert run("--db", db, "init")[0] == 0
    assert run("--db", second, "demo", "--households", "3")[0] == 0
    code, out, _err = run("--db", first, "--lang", "en", "catalogue", "export", str(tmp_path / "region.json"))
    assert code == 0 and "services" in out
    code, out, _err = run("--db", second, "--lang", "en", "catalogue", "import", str(tmp_path / "region.json"))
    assert code == 0 and "made" in out
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    code, _out, err = run("--db", second, "--lang", "en", "catalogue", "import", str(tmp_path / "broken.json"))
    assert code == 1 and "not valid JSON" in err and "Traceback" not in err


@pytest.mark.parametrize("name", ["<b>Smith & Jones</b>", "=1+1", "Hae lupa 😀", "تسجيل الإقامة", "x" * 200])
def test_hostile_catalogue_text_is_kept_exactly_through_a_file(database: Database, actor: Actor, tmp_path: Path,
                                                               name: str) -> None:
    data = catalogue_json(shipped_catalogue())
    data["services"][0]["name"]["fi"] = name
    path = tmp_path / "region.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    catalogue_service.import_catalogue(database, actor, path)
    again = tmp_path / "again.json"
    catalogue_service.export_catalogue(database, actor, again)
    assert json.loads(again.read_text(encoding="utf-8"))["services"][0]["name"]["fi"] == name


@pytest.mark.parametrize("name", ["bell\x07", "x" * 201, "nul\x00"])
def test_a_catalogue_text_that_cannot_be_kept_is_refused(database: Database, actor: Actor, tmp_path: Path,
                                                          name: str) -> None:
    data = catalogue_json(shipped_catalogue())
    data["services"][0]["name"]["fi"] = name
    path = tmp_path / "region.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = catalogue_service.stored_catalogue_of(database, actor)
    with pytest.raises(ValidationError):
        catalogue_service.import_catalogue(database, actor, path)
    assert catalogue_service.stored_catalogue_of(database, actor) == before


def test_two_desks_loading_a_new_edition_at_once_both_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from welcomedesk.config import resolve_database
    from welcomedesk.db.session import open_database
    from welcomedesk.services.accounts import cli_actor
    from welcomedesk.services.setup import initialise

    target = resolve_database(str(tmp_path / "shared.sqlite3"))
    first, _ = initialise(target)
    second = open_database(target)
    try:
        for db in (first, second):  # as if the program brought a new edition to a database of an older one
            with unit_of_work(db, cli_actor(db)) as session:
                catalogue_service.set_setting(session, catalogue_service.EDITION, "old")
                break
        real = catalogue_service._write_catalogue

        def slower(session: object, catalogue: object, *, imported: bool) -> bool:
            # The other desk loads the same edition while this one has looked but not yet written.
            monkeypatch.setattr(catalogue_service, "_write_catalogue", real)
            assert catalogue_service.ensure_content(second, cli_actor(second))
            return real(session, catalogue, imported=imported)  # type: ignore[arg-type]

        monkeypatch.setattr(catalogue_service, "_write_catalogue", slower)
        catalogue_service.ensure_content(first, cli_actor(first))  # no error: the other desk's load stands
        assert catalogue_service.stored_catalogue_of(first, cli_actor(first)).edition == shipped_catalogue().edition
    finally:
        first.close()
        second.close()


def test_a_service_saved_from_a_form_is_refused_field_by_field(database: Database, actor: Actor) -> None:
    from dataclasses import replace

    from welcomedesk.catalogue import Rule

    _catalogue, summaries = catalogue_service.catalogue_overview(database, actor)
    tax = next(s for s in summaries if s.service.code == "tax_card")
    bad = replace(tax.service, applies=Rule(year_age=(9, 2)), partner="nobody", after=("tax_card",))
    with pytest.raises(ValidationError) as refused:
        catalogue_service.save_service(database, actor, bad, tax.version)
    fields = {p.field for p in refused.value.problems}
    assert {"year_age", "partner", "after"} <= fields
    # Beside its own field a reason does not repeat the service's code; in a file it says where it is.
    assert all(not str(p.message).startswith("tax_card:") for p in refused.value.problems if p.field != "catalogue")
