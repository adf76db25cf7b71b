"""The service catalogue as a coordinator keeps it: read, edit with the keyboard, refusals with every reason,
export and import between databases; a desk worker only reads."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui import dialogs
from ui.hub import Hub
from ui.language import set_language
from ui.pages.catalogue import CataloguePage
from ui.service_dialog import DETAILS_TAB, DUE_TAB, RULE_TAB, ServiceDialog
from welcomedesk.catalogue import Due, Rule, ServiceDef
from welcomedesk.codes import Category, Origin, Relation, Role
from welcomedesk.config import resolve_database
from welcomedesk.i18n import translator
from welcomedesk.presentation.catalogue import due_words, rule_words
from welcomedesk.services.desk import Desk, initialise, open_desk
from welcomedesk.services.setup import Municipality


@pytest.fixture
def catalogue_desk(empty_desk: Desk) -> Desk:
    """The program's catalogue, the demo region's partners and five households."""
    empty_desk.save_profile("Kainuun Welcome Desk", [Municipality("205", "Kajaani")])
    empty_desk.add_demo(households=5, seed=1)
    return empty_desk


@pytest.fixture
def chosen_files() -> Iterator[list[tuple[str, Path]]]:
    """File dialogs answered with the paths a test puts here, in order; what was asked is recorded."""
    answers: list[tuple[str, Path]] = []

    def choose(title: str, _filter: str) -> Path | None:
        return answers.pop(0)[1] if answers else None

    dialogs.choose_files_with(choose)
    yield answers
    dialogs.choose_files_with(None)


def _page(qtbot: QtBot, desk: Desk) -> CataloguePage:
    page = CataloguePage(desk, Hub())
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    return page


def _services(desk: Desk) -> dict[str, ServiceDef]:
    return {s.code: s for s in desk.catalogue()[0].services}


def _when_open(qtbot: QtBot, work: Callable[[ServiceDialog], None]) -> list[BaseException]:
    """Once the service form is open (it is modal), do ``work`` in it; a failure closes it and is handed back."""
    failures: list[BaseException] = []

    def run() -> None:
        form = QApplication.activeModalWidget()
        if not isinstance(form, ServiceDialog):
            QTimer.singleShot(10, run)
            return
        try:
            form.activateWindow()
            qtbot.waitUntil(form.isActiveWindow, timeout=2000)
            work(form)
        except BaseException as exc:
            failures.append(exc)
        if form.isVisible():
            form.reject()

    QTimer.singleShot(0, run)
    return failures


def test_rules_and_due_days_read_as_words() -> None:
    en, fi = translator("en"), translator("fi")
    nurses = Rule(relations=frozenset({Relation.SPOUSE}), year_age=(17, None), origins=frozenset({Origin.OTHER}),
                  occupation_groups=frozenset({"2221"}))
    assert rule_words(nurses, en) == "spouse · age 17– · outside the EU/EEA · nursing professionals"
    assert rule_words(Rule(), en) == "everyone"
    assert rule_words(Rule(year_age=(6, 6), has_children=False), en) == "age 6 · without children"
    assert rule_words(Rule(year_age=(None, 15)), en) == "age –15"
    assert "sairaanhoitajat" in rule_words(nurses, fi) and "puoliso" in rule_words(nurses, fi)
    assert due_words(Due("arrival", 14), en) == "14 days after arrival"
    assert due_words(Due("arrival", -120), en) == "120 days before arrival"
    assert due_words(Due("arrival", 1), en) == "1 day after arrival"
    assert due_words(Due("arrival", 0), en) == "on arrival"
    assert due_words(Due("year_of_age", 0, 6, 1, 31), en) == "31.1. of the year they turn 6"
    assert due_words(Due("year_of_age", 14, 6, 1, 31), en) == (
        "31.1. of the year they turn 6, at the earliest 14 days after arrival")
    assert due_words(None, en) == ""


def test_the_list_shows_every_service_by_category_with_its_provider_due_day_and_rule(
        qtbot: QtBot, qtmodeltester: object, catalogue_desk: Desk, answered: list) -> None:
    page = _page(qtbot, catalogue_desk)
    catalogue = catalogue_desk.catalogue()[0]
    assert page.proxy.rowCount() == len(catalogue.services) >= 24
    qtmodeltester.check(page.model)
    categories = [page.proxy.index(r, 1).data() for r in range(page.proxy.rowCount())]
    assert categories[0] == "Registration and permits" and categories[-1] == "Everyday life"
    page.select_service("tax_card")
    chosen = page.selected()
    assert chosen is not None and chosen.service.code == "tax_card"
    row = page.table.currentIndex().row()
    cells = [page.proxy.index(row, c).data() for c in range(page.proxy.columnCount())]
    tax_card = chosen.service
    assert cells[:5] == [tax_card.name["en"], "Money and taxes", chosen.partner_name,
                         due_words(tax_card.due, translator("en")), "main person, spouse, other · age 15–"]
    assert chosen.partner_name and cells[3].endswith("days after arrival")
    assert page.detail_values["after"].text() == "Register at DVV and get an identity code"
    page.select_service("pre_primary")
    assert page.detail_values["due"].text().startswith("31.1. of the year they turn 6")
    page.category.setCurrentIndex(page.category.findData(Category.FAMILY.value))
    assert page.proxy.rowCount() == 4
    page.category.setCurrentIndex(0)
    qtbot.keyClicks(page.search, "nursing")
    assert {page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())} >= {
        "Apply for a licence to practise", "Follow your learning path into your profession"}
    assert answered == []


def test_editing_tax_cards_finnish_name_and_due_days_saves_and_the_list_shows_it(
        qtbot: QtBot, catalogue_desk: Desk, answered: list) -> None:
    page = _page(qtbot, catalogue_desk)
    before = _services(catalogue_desk)["tax_card"]
    page.select_service("tax_card")
    assert before.due is not None and before.due.start == "arrival"
    days = before.due.days + 5

    def edit(form: ServiceDialog) -> None:
        assert form.focusWidget() is form.names["fi"] and form.names["fi"].text() == before.name["fi"]
        qtbot.keyClick(form.names["fi"], Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(form.focusWidget(), "Hae verokortti heti")
        qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
        assert form.tabs.currentIndex() == 1  # Ctrl+Tab: the next tab
        form.tabs.setCurrentIndex(DUE_TAB)
        form.due_days.setFocus()
        qtbot.keyClick(form.due_days, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(form.due_days, str(days))
        qtbot.keyClick(form.due_days, Qt.Key.Key_Return)  # Enter saves

    failures = _when_open(qtbot, edit)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert failures == []
    after = _services(catalogue_desk)["tax_card"]
    assert after.name["fi"] == "Hae verokortti heti" and after.due == Due("arrival", days)
    assert after == replace(before, name={**before.name, "fi": "Hae verokortti heti"},
                            due=Due("arrival", days))  # nothing else changed, other languages neither
    chosen = page.selected()
    assert chosen is not None and chosen.service.code == "tax_card" and chosen.edited
    row = page.table.currentIndex().row()
    assert page.proxy.index(row, 3).data() == f"{days} days after arrival"
    assert page.proxy.index(row, 0).data().startswith("✎ ")
    assert catalogue_desk.stale_checklists() == [] and "updated" in page.status.text()
    assert answered == []


def test_an_impossible_age_is_refused_on_its_tab_and_nothing_is_saved(qtbot: QtBot, catalogue_desk: Desk,
                                                                     answered: list) -> None:
    catalogue, summaries = catalogue_desk.catalogue()
    summary = next(s for s in summaries if s.service.code == "tax_card")
    form = ServiceDialog(catalogue_desk, summary, catalogue)
    qtbot.addWidget(form)
    form.show()
    form.age_from.setValue(9)
    form.age_to.setValue(2)
    form.save()
    assert form.saved is None and form.tabs.currentIndex() == RULE_TAB and form.errors["year_age"].isVisible()
    assert form.errors["year_age"].text() == (
        "The age from 9 to 2 holds nobody: the first age must not be above the second.")
    form.valid_from.setText("1.13.2026")
    form.save()  # every reason at once, each beside its field; the first tab with one is shown
    assert form.saved is None and form.tabs.currentIndex() == DETAILS_TAB
    assert form.errors["valid_from"].text() and form.errors["year_age"].text()
    assert _services(catalogue_desk) == {s.code: s for s in catalogue.services} and answered == []


def test_every_reason_the_core_gives_is_shown(qtbot: QtBot, catalogue_desk: Desk, answered: list) -> None:
    catalogue, summaries = catalogue_desk.catalogue()
    summary = next(s for s in summaries if s.service.code == "identity_code")
    form = ServiceDialog(catalogue_desk, summary, catalogue)
    qtbot.addWidget(form)
    for i in range(form.after.count()):  # the tax card waits for the identity code: now the other way round too
        item = form.after.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == "tax_card":
            item.setCheckState(Qt.CheckState.Checked)
    form.save()
    assert form.saved is None and "wait for it in turn" in form.message.text()
    assert _services(catalogue_desk)["identity_code"] == catalogue.service("identity_code") and answered == []


def test_a_new_service_gets_its_code_from_its_name_and_appears_in_the_list(qtbot: QtBot, catalogue_desk: Desk,
                                                                         answered: list) -> None:
    page = _page(qtbot, catalogue_desk)

    def add(form: ServiceDialog) -> None:
        qtbot.keyClicks(form.focusWidget(), "Hae kirjastokortti")
        form.languages.setCurrentIndex(2)
        form.names["en"].setFocus()
        qtbot.keyClicks(form.names["en"], "Get a library card")
        form.tabs.setCurrentIndex(1)
        assert form.code.text() == "get_a_library_card"
        form.category.setCurrentIndex(form.category.findData(Category.EVERYDAY.value))
        form.partner.setCurrentIndex(form.partner.findData("kajaani_integration"))
        form.tabs.setCurrentIndex(RULE_TAB)
        form.age_from.setValue(17)
        qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    failures = _when_open(qtbot, add)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert failures == []
    service = _services(catalogue_desk)["get_a_library_card"]
    assert service.partner == "kajaani_integration" and service.applies == Rule(year_age=(17, None))
    assert service.due is None and service.name == {"fi": "Hae kirjastokortti", "en": "Get a library card"}
    chosen = page.selected()
    assert chosen is not None and chosen.service.code == "get_a_library_card" and answered == []


def test_export_then_import_into_another_database_gives_the_same_catalogue(
        qtbot: QtBot, catalogue_desk: Desk, tmp_path: Path, answered: list, chosen_files: list) -> None:
    tax_card = _services(catalogue_desk)["tax_card"]
    version = next(s.version for s in catalogue_desk.catalogue()[1] if s.service.code == "tax_card")
    catalogue_desk.save_service(replace(tax_card, name={**tax_card.name, "fi": "Verokortti"},
                                        due=Due("arrival", 3)), version)
    exported = tmp_path / "region-catalogue.json"
    chosen_files.append(("export", exported))
    page = _page(qtbot, catalogue_desk)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert exported.exists() and answered[-1][0] == "info" and str(exported) in answered[-1][2]

    other_target = resolve_database(str(tmp_path / "other.sqlite3"))
    initialise(other_target)
    other = open_desk(other_target, "liisa")
    try:
        assert other.catalogue()[0].services != catalogue_desk.catalogue()[0].services
        other_page = _page(qtbot, other)
        chosen_files.append(("import", exported))
        qtbot.mouseClick(other_page.import_button, Qt.MouseButton.LeftButton)
        kinds = [kind for kind, _title, _text in answered]
        assert kinds == ["info", "question", "info"]
        assert "region-catalogue.json" in answered[1][2] and "Imported 24 services." in answered[2][2]
        assert other.catalogue()[0].services == catalogue_desk.catalogue()[0].services
        codes = {p.code for p in catalogue_desk.catalogue()[0].partners}
        assert {p.code for p in other.catalogue()[0].partners} == codes
        assert other_page.model.names["tax_card"] == tax_card.name["en"] and other.stale_checklists() == []
    finally:
        other.close()


def test_a_damaged_file_is_refused_with_a_clear_message_and_changes_nothing(
        qtbot: QtBot, catalogue_desk: Desk, tmp_path: Path, answered: list, chosen_files: list) -> None:
    before = catalogue_desk.catalogue()[0]
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"format": "welcomedesk-catalogue", "format_version": 1, "services": [', encoding="utf-8")
    chosen_files.append(("import", damaged))
    page = _page(qtbot, catalogue_desk)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert [kind for kind, _title, _text in answered] == ["question", "error"]
    assert "not valid JSON" in answered[-1][2]
    assert catalogue_desk.catalogue()[0] == before
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"format": "welcomedesk-catalogue", "format_version": 1, "edition": "x", "services": ['
                     '{"code": "a", "category": "nowhere", "name": {"en": "A"}, "due": {"from": "moon"}}]}',
                     encoding="utf-8")
    chosen_files.append(("import", wrong))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert answered[-1][0] == "error" and "unknown category" in answered[-1][2] and "due is from" in answered[-1][2]
    assert catalogue_desk.catalogue()[0] == before


def test_a_desk_worker_reads_the_catalogue_but_cannot_change_it(qtbot: QtBot, catalogue_desk: Desk, tmp_path: Path,
                                                              answered: list) -> None:
    worker = open_desk(resolve_database(str(tmp_path / "desk.sqlite3")), "another")
    try:
        assert Role.COORDINATOR not in worker.actor.roles
        page = _page(qtbot, worker)
        assert page.proxy.rowCount() >= 24 and page.read_only.isVisible()
        for button in (page.new_button, page.edit_button, page.export_button, page.import_button):
            assert not button.isEnabled() and "coordinator" in button.toolTip()
        page.table.setFocus()
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
        assert QApplication.activeModalWidget() is None and answered == []
    finally:
        worker.close()


def test_the_page_speaks_the_language_chosen(qtbot: QtBot, catalogue_desk: Desk, answered: list) -> None:
    hub = Hub()
    page = CataloguePage(catalogue_desk, hub)
    qtbot.addWidget(page)
    page.select_service("tax_card")
    set_language("fi")
    chosen = page.selected()
    assert chosen is not None and chosen.service.code == "tax_card"
    row = page.table.currentIndex().row()
    name = chosen.service.name["fi"]
    assert page.proxy.index(row, 0).data() == name and page.detail_name.text() == name
    assert page.proxy.index(row, 4).data().startswith("päähenkilö, puoliso")
