"""The privacy profile on screen: the wizard and the person page show only the fields its role records, and the
Settings page's Privacy section saves it (administrators) or shows it (everyone else), with the packet's notice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.ui.helpers import open_window
from ui import language
from ui.hub import Hub
from ui.main_window import NAVIGATION, MainWindow
from ui.pages.person import PersonPage
from ui.privacy_section import PrivacySection
from ui.registration import RegistrationDialog
from welcomedesk.codes import PrivacyRole, Relation
from welcomedesk.config import resolve_database
from welcomedesk.packet.texts import packet_texts
from welcomedesk.services.desk import Desk, open_desk
from welcomedesk.services.newcomers import NewcomerQuery
from welcomedesk.services.privacy_profile import PrivacyProfile
from welcomedesk.services.setup import Municipality

TODAY = date(2026, 11, 25)
NOT_FOR_EMPLOYERS = ("sex", "mother_tongue", "recruitment_fee")


@pytest.fixture
def admin_desk(empty_desk: Desk) -> Desk:
    """The first account of a new database (every role), with a service point and no one registered."""
    empty_desk.save_profile("Kainuun Welcome Desk", [Municipality("205", "Kajaani")])
    return empty_desk


def _wizard(qtbot: QtBot, desk: Desk) -> RegistrationDialog:
    form = RegistrationDialog(desk, Hub(), today=TODAY)
    qtbot.addWidget(form)
    return form


def _wizard_editors(form: RegistrationDialog) -> set[str]:
    return {name for step in form.forms.values() for name in step.editors}


def _person_page(qtbot: QtBot, desk: Desk) -> PersonPage:
    """The person page as the main window makes it (with the profile read once), editing the first adult."""
    page = PersonPage(Hub(), desk.municipality_names(), desk.privacy_profile())
    qtbot.addWidget(page)
    rows = desk.search(NewcomerQuery(sort="id"), limit=50).rows
    page.show_person(desk.person(next(r.id for r in rows if r.relation.value == "main")))
    page.start_editing()
    return page


def _edit_editors(page: PersonPage) -> set[str]:
    return {name for form in page.edit_forms for name in form.editors}


def _shown_labels(page: PersonPage) -> set[str]:
    return {label.text() for form in page.forms for i in range(form.rowCount())
            if isinstance(label := form.itemAt(i, form.ItemRole.LabelRole).widget(), QLabel)}


def test_in_the_municipal_role_the_wizard_and_the_person_page_ask_everything(qtbot: QtBot, desk: Desk) -> None:
    form = _wizard(qtbot, desk)
    assert {"sex", "mother_tongue"} <= _wizard_editors(form)  # the recruitment questions come on the person page
    assert "sex" in form.household.add(Relation.SPOUSE).editors
    assert form.privacy_line.isHidden()
    page = _person_page(qtbot, desk)
    assert set(NOT_FOR_EMPLOYERS) <= _edit_editors(page)
    page.stop_editing()
    assert {"Sex", "Asked about a recruitment fee"} <= _shown_labels(page)


def test_in_the_employer_role_they_have_no_sex_or_recruitment_fee_to_ask(qtbot: QtBot, desk: Desk) -> None:
    desk.set_privacy_profile("Kainuun hyvinvointialue", PrivacyRole.EMPLOYER, "")
    form = _wizard(qtbot, desk)
    editors = _wizard_editors(form)
    assert editors.isdisjoint(NOT_FOR_EMPLOYERS)
    assert {"given_names", "personal_identity_code", "permit_expiry", "employer", "finnish_level"} <= editors
    spouse = form.household.add(Relation.SPOUSE)
    assert "sex" not in spouse.editors and "nationality" in spouse.editors
    assert [label.text() for label in form.household.headers][-1] == "Personal identity code"
    assert not form.privacy_line.isHidden() and "employer" in form.privacy_line.text()
    page = _person_page(qtbot, desk)
    assert _edit_editors(page).isdisjoint(NOT_FOR_EMPLOYERS)
    assert {"phone", "housing", "lease_end", "tags"} <= _edit_editors(page)
    page.stop_editing()
    shown = _shown_labels(page)
    assert "Sex" not in shown and "Asked about a recruitment fee" not in shown and "Housing" in shown


def test_an_employers_wizard_registers_and_records_the_employers_notice(qtbot: QtBot, admin_desk: Desk,
                                                                        answered: list) -> None:
    admin_desk.set_privacy_profile("Kainuun hyvinvointialue", PrivacyRole.EMPLOYER, "")
    form = _wizard(qtbot, admin_desk)
    person = form.forms["person"].editors
    person["given_names"].set_text("Maria Luz")
    person["family_name"].set_text("Quisumbing")
    person["date_of_birth"].set_text("12.3.1990")
    form.forms["contact"].editors["languages"].set_text("en")
    form.notice_given.setChecked(True)
    spouse = form.household.add(Relation.SPOUSE).editors
    spouse["given_names"].set_text("Jose")
    spouse["family_name"].set_text("Quisumbing")
    form.register()
    assert form.missing() == [] and answered == [] and len(form.registered) == 2
    detail = admin_desk.person(form.registered[0])
    assert detail.details["privacy_notice_version"] == "2026-1-employer" and detail.details["sex"] is None


def test_the_person_page_follows_a_newly_saved_profile(qtbot: QtBot, desk: Desk) -> None:
    page = _person_page(qtbot, desk)
    assert "sex" in _edit_editors(page)
    page.follow_privacy(PrivacyProfile("Kainuun hyvinvointialue", PrivacyRole.EMPLOYER, ""))
    assert not page.editing and "Sex" not in _shown_labels(page)
    page.start_editing()
    assert _edit_editors(page).isdisjoint(NOT_FOR_EMPLOYERS)


# -- the Settings page's Privacy section


def _section(qtbot: QtBot, desk: Desk) -> tuple[MainWindow, PrivacySection]:
    window = open_window(qtbot, desk)
    window.navigation.setFocus()
    window.navigation.setCurrentRow([key for key, _label in NAVIGATION].index("settings"))
    return window, window.settings.privacy


def _choose(qtbot: QtBot, section: PrivacySection, role: PrivacyRole) -> None:
    """Click the role's button on its circle (a radio button takes a click on its circle or its words only)."""
    button = section.role_buttons[role]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert section.role() is role


def test_an_administrator_saves_the_controller_role_and_contact_and_sees_the_packets_notice(
        qtbot: QtBot, admin_desk: Desk, answered: list) -> None:
    window, section = _section(qtbot, admin_desk)
    assert section.isVisible() and section.read_only.isHidden()
    assert section.controller.text() == "Kainuun Welcome Desk" and section.role() is PrivacyRole.MUNICIPAL
    english = packet_texts("en")
    assert section.notice_text.text().startswith(english.text("privacy_text"))
    saved: list[object] = []
    window.settings.privacy_saved.connect(saved.append)
    section.controller.setFocus()
    section.controller.selectAll()
    qtbot.keyClicks(section.controller, "Kainuun hyvinvointialue")
    _choose(qtbot, section, PrivacyRole.EMPLOYER)
    section.contact.setFocus()
    qtbot.keyClicks(section.contact, "tietosuoja@kainuu.example")
    # The notice follows what is typed, before it is saved.
    assert section.notice_text.text() == " ".join((
        english.text("privacy_text_employer"),
        english.text("privacy_controller_contact", controller="Kainuun hyvinvointialue",
                     contact="tietosuoja@kainuu.example")))
    qtbot.keyClick(section.contact, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    expected = PrivacyProfile("Kainuun hyvinvointialue", PrivacyRole.EMPLOYER, "tietosuoja@kainuu.example")
    assert admin_desk.privacy_profile() == expected and saved == [expected]
    assert section.saved_line.text() == "Saved." and not section.changed()
    # The service point's own details were not touched by it.
    profile = admin_desk.profile()
    assert profile is not None and profile.name == "Kainuun Welcome Desk"
    # In Finnish, the notice is the Finnish packet's.
    language.set_language("fi")
    assert section.notice_heading.text() == packet_texts("fi").text("privacy_heading")
    assert section.notice_text.text().startswith(packet_texts("fi").text("privacy_text_employer"))
    assert answered == []


def test_an_empty_controller_is_refused_beside_its_field_and_nothing_is_saved(qtbot: QtBot, admin_desk: Desk,
                                                                               answered: list) -> None:
    _window, section = _section(qtbot, admin_desk)
    section.controller.setFocus()
    section.controller.selectAll()
    qtbot.keyClick(section.controller, Qt.Key.Key_Delete)
    _choose(qtbot, section, PrivacyRole.EMPLOYER)
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert section.errors["controller"].isVisible() and "required" in section.errors["controller"].text()
    assert section.focusWidget() is section.controller
    assert admin_desk.privacy_profile().role is PrivacyRole.MUNICIPAL and answered == []
    qtbot.mouseClick(section.undo_button, Qt.MouseButton.LeftButton)
    assert section.controller.text() == "Kainuun Welcome Desk" and section.role() is PrivacyRole.MUNICIPAL
    assert not section.errors["controller"].isVisible()


def test_a_desk_worker_reads_the_privacy_profile_but_cannot_edit_it(qtbot: QtBot, admin_desk: Desk,
                                                                    tmp_path: Path, answered: list) -> None:
    admin_desk.set_privacy_profile("Kainuun hyvinvointialue", PrivacyRole.EMPLOYER, "08 615 5555")
    worker = open_desk(resolve_database(str(tmp_path / "desk.sqlite3")), "pekka")
    try:
        _window, section = _section(qtbot, worker)
        assert not section.may_edit and section.read_only.isVisible()
        assert section.controller.text() == "Kainuun hyvinvointialue" and section.controller.isReadOnly()
        assert section.contact.isReadOnly() and section.role() is PrivacyRole.EMPLOYER
        assert not any(b.isEnabled() for b in (*section.role_buttons.values(), section.save_button))
        assert "08 615 5555" in section.notice_text.text()
        section.controller.setFocus()
        qtbot.keyClick(section.controller, Qt.Key.Key_Return)
        qtbot.keyClick(section.controller, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert worker.privacy_profile().contact == "08 615 5555" and answered == []
    finally:
        worker.close()
