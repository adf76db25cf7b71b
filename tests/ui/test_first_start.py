"""First start on an empty database: name the service point, tick municipalities, add demo data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from ui.first_start import FirstStartDialog
from welcomedesk.services.desk import Desk
from welcomedesk.services.newcomers import NewcomerQuery


def _tick(dialog: FirstStartDialog, name: str) -> None:
    items = dialog.municipalities.findItems(name, Qt.MatchFlag.MatchStartsWith)
    items[0].setCheckState(Qt.CheckState.Checked)


def test_first_start_saves_the_profile_and_adds_demo_data(qtbot: QtBot, empty_desk: Desk, answered: list) -> None:
    dialog = FirstStartDialog(empty_desk)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.demo.isVisible()
    qtbot.keyClicks(dialog.name, "Kajaanin <Welcome> & Desk")
    _tick(dialog, "Kajaani")
    qtbot.keyClicks(dialog.other_name, "Vaala")
    qtbot.keyClicks(dialog.other_code, "785")
    dialog.add_other()
    dialog.demo.setChecked(True)
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    profile = empty_desk.profile()
    assert profile is not None and profile.name == "Kajaanin <Welcome> & Desk"
    assert [m.code for m in profile.municipalities] == ["205", "785"]
    people = empty_desk.search(NewcomerQuery(), limit=10)
    assert people.total > 200
    assert answered == []


def test_first_start_refuses_a_missing_municipality_and_loses_nothing(qtbot: QtBot, empty_desk: Desk,
                                                                      answered: list) -> None:
    dialog = FirstStartDialog(empty_desk)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Sotkamon palvelupiste")
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "municipality" in dialog.message.text()
    assert dialog.name.text() == "Sotkamon palvelupiste"
    qtbot.keyClicks(dialog.other_name, "Nowhere")
    qtbot.keyClicks(dialog.other_code, "7a")
    dialog.add_other()
    assert "three digits" in dialog.message.text()
    count = dialog.municipalities.count()
    dialog.other_code.setText("٢٠٥")  # Arabic-Indic digits look like a code and are none
    dialog.add_other()
    assert "three digits" in dialog.message.text() and dialog.municipalities.count() == count
    dialog.other_code.setText("785")
    dialog.other_name.setText("")
    dialog.add_other()
    assert "required" in dialog.message.text() and dialog.municipalities.count() == count
    _tick(dialog, "Sotkamo")
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert empty_desk.profile() is not None


def test_control_characters_in_the_name_are_refused(qtbot: QtBot, empty_desk: Desk, answered: list) -> None:
    dialog = FirstStartDialog(empty_desk)
    qtbot.addWidget(dialog)
    dialog.name.setText("Bad\x1bname")
    _tick(dialog, "Kuhmo")
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.message.text()
    assert empty_desk.profile() is None


def test_demo_data_is_added_off_the_gui_thread(qtbot: QtBot, empty_desk: Desk) -> None:
    from ui import tasks

    tasks.set_synchronous(False)
    dialog = FirstStartDialog(empty_desk)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Paltamon palvelupiste")
    _tick(dialog, "Paltamo")
    dialog.demo.setChecked(True)
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    assert not dialog.start.isEnabled()  # the work runs in the background; the button waits
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=30000)
    people = empty_desk.search(NewcomerQuery(), limit=10)
    assert people.total > 200
