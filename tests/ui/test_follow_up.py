"""From the person's page: a note written reason first (free text brings a reminder), and work or studies."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from tests.ui.helpers import open_window
from ui.follow_up_dialogs import ActivityDialog, NoteDialog
from welcomedesk.codes import Activity, NoteReason
from welcomedesk.services.desk import Desk
from welcomedesk.services.newcomers import NewcomerQuery


def _shown(layout: object) -> list[str]:
    items = [layout.itemAt(i).widget() for i in range(layout.count())]  # type: ignore[attr-defined]
    return [w.text() for w in items if isinstance(w, QLabel)]


def test_a_note_is_written_with_the_keyboard_and_shown_on_the_page(qtbot: QtBot, desk: Desk,
                                                                   answered: list) -> None:
    window = open_window(qtbot, desk)
    person_id = desk.search(NewcomerQuery(sort="id"), limit=1).rows[0].id
    window.open_person(person_id)
    warned: list[bool] = []

    def write() -> None:
        form = QApplication.activeModalWidget()
        if not isinstance(form, NoteDialog):
            QTimer.singleShot(10, write)
            return
        form.activateWindow()
        qtbot.waitUntil(form.isActiveWindow, timeout=2000)
        form.reason.setCurrentIndex(form.reason.findData(NoteReason.DOCUMENTS.value))
        warned.append(form.warning.isVisible())
        qtbot.keyClick(form.reason, Qt.Key.Key_Tab)
        qtbot.keyClicks(form.focusWidget(), "Lease contract <missing>")
        warned.append(form.warning.isVisible())
        qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    QTimer.singleShot(0, write)
    qtbot.mouseClick(window.person.add_note, Qt.MouseButton.LeftButton)
    # No reminder for a reason alone; a reminder as soon as free text is typed.
    assert warned == [False, True] and answered == []
    notes = desk.person(person_id).notes
    assert [(n.reason, n.text) for n in notes] == [(NoteReason.DOCUMENTS, "Lease contract <missing>")]
    assert any(t.endswith("Documents missing: Lease contract <missing>") for t in _shown(window.person.notes))


def test_a_change_in_work_is_recorded_and_shown(qtbot: QtBot, desk: Desk, answered: list) -> None:
    window = open_window(qtbot, desk)
    person_id = desk.search(NewcomerQuery(sort="id"), limit=1).rows[0].id
    window.open_person(person_id)

    def choose() -> None:
        form = QApplication.activeModalWidget()
        if not isinstance(form, ActivityDialog):
            QTimer.singleShot(10, choose)
            return
        form.activity.setCurrentIndex(form.activity.findData(Activity.STUDYING.value))
        qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Return)

    QTimer.singleShot(0, choose)
    qtbot.mouseClick(window.person.record_activity, Qt.MouseButton.LeftButton)
    assert [e.activity for e in desk.person(person_id).activity_history] == [Activity.STUDYING]
    assert "Studying" in _shown(window.person.activities) and answered == []
