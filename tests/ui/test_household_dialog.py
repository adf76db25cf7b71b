"""Moving a person to another household, found by a member's name, or to one of their own; and a role."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.core.test_registration import family
from tests.ui.helpers import open_window
from ui.household_dialog import HouseholdDialog
from welcomedesk.codes import Relation
from welcomedesk.services.desk import Desk


def test_a_person_moves_to_another_household_found_by_name(qtbot: QtBot, desk: Desk, answered: list) -> None:
    members = family()
    for member in members:
        member["family_name"] = "Quisumbing"
    members[0]["personal_identity_code"] = ""
    [main, spouse, *_children] = desk.register(members[:2], date(2026, 11, 25))
    [other] = desk.register([{"given_names": "Lorna", "family_name": "Bagasbas", "date_of_birth": "1.1.1970"}],
                            date(2026, 11, 25))
    window = open_window(qtbot, desk)
    window.open_person(spouse)

    def move(form: HouseholdDialog) -> None:
        form.relation.setCurrentIndex(form.relation.findData(Relation.OTHER.value))
        qtbot.keyClicks(form.search, "bagas")
        qtbot.waitUntil(lambda: form.found.count() == 1, timeout=2000)
        assert form.join.isChecked()
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    def run() -> None:
        form = QApplication.activeModalWidget()
        if not isinstance(form, HouseholdDialog):
            QTimer.singleShot(10, run)
            return
        move(form)

    QTimer.singleShot(0, run)
    qtbot.mouseClick(window.person.change_household, Qt.MouseButton.LeftButton)
    moved = desk.person(spouse)
    assert moved.row.household == desk.person(other).row.household and moved.row.relation is Relation.OTHER
    assert window.person.detail is not None and len(window.person.detail.members) == 2
    assert len(desk.person(main).members) == 1 and answered == []


def test_a_household_of_their_own_and_a_join_without_a_choice(qtbot: QtBot, desk: Desk, answered: list) -> None:
    [main, spouse] = desk.register(family()[:2], date(2026, 11, 25))
    form = HouseholdDialog(desk, desk.person(spouse))
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClick(form.join, Qt.Key.Key_Space)  # a choice made with the keyboard
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)  # nobody chosen to join: a reason, nothing moved
    assert not form.errors["search"].isHidden() and form.saved is None
    qtbot.keyClick(form.own, Qt.Key.Key_Space)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.saved is not None and form.saved != desk.person(main).row.household
    assert len(desk.person(spouse).members) == 1 and answered == []
