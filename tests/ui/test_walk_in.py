"""An anonymous contact counted from any page with the keyboard alone: Ctrl+K, choose, Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.helpers import open_window
from ui.walk_in import WalkInDialog
from welcomedesk.codes import Channel, ContactTopic, Referral
from welcomedesk.services.desk import Desk


def _in_the_form(qtbot: QtBot, keys: list[Qt.Key]) -> None:
    """Once the form is open, press ``keys`` on whatever has the focus, as the person would."""

    def press() -> None:
        form = QApplication.activeModalWidget()
        if not isinstance(form, WalkInDialog):
            QTimer.singleShot(10, press)  # not open yet
            return
        for key in keys:
            qtbot.keyClick(form.focusWidget(), key)

    QTimer.singleShot(0, press)


def test_the_keyboard_alone_counts_an_anonymous_contact(qtbot: QtBot, desk: Desk, answered: list) -> None:
    WalkInDialog.remembered = WalkInDialog.remembered.__class__(ContactTopic.REGISTRATION, "en")
    window = open_window(qtbot, desk)
    window.person.setFocus()  # from any page
    # The topic list has focus: typing "t" finds "Tax card and taxes", then Enter saves.
    _in_the_form(qtbot, [Qt.Key.Key_T, Qt.Key.Key_Return])
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert desk.walk_ins_today() == 1
    assert "1" in window.statusBar().currentMessage()
    # The next contact offers the last choices again: Ctrl+K, Enter.
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    _in_the_form(qtbot, [Qt.Key.Key_Return])
    window.newcomers.table.setFocus()
    qtbot.keyClick(window.newcomers.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert desk.walk_ins_today() == 2
    assert WalkInDialog.remembered.topic is ContactTopic.TAX and WalkInDialog.remembered.language == "en"
    assert answered == []


def test_the_form_reads_a_typed_language_and_refuses_an_unknown_one(qtbot: QtBot, desk: Desk,
                                                                  answered: list) -> None:
    form = WalkInDialog(desk)
    qtbot.addWidget(form)
    form.show()
    form.language.setEditText("ukrainska")  # not a name in the (English) list: refused with a reason
    form.save()
    assert form.result() != form.DialogCode.Accepted and "language" in form.message.text().lower()
    form.language.setEditText("UKRAINIAN")
    form.channel.setCurrentIndex(form.channel.findData(Channel.PHONE))
    form.referral.setCurrentIndex(form.referral.findData(Referral.KELA))
    form.minutes.setValue(12)
    assert form.chosen().language == "uk"
    form.save()
    assert form.result() == form.DialogCode.Accepted and form.today == 1
    assert desk.walk_ins_today() == 1
