"""Changing a person's status on their page: choose, date, where to; the history shows it at once."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from tests.ui.helpers import open_window
from ui.status_dialog import StatusDialog
from welcomedesk.codes import Status
from welcomedesk.services.desk import Desk
from welcomedesk.services.newcomers import NewcomerQuery


def _open_someone_arrived(qtbot: QtBot, desk: Desk):  # type: ignore[no-untyped-def]
    window = open_window(qtbot, desk)
    arrived = desk.search(NewcomerQuery(statuses=frozenset({Status.ARRIVED}))).rows[0]
    window.open_person(arrived.id)
    assert window.person.detail is not None and window.person.detail.row.id == arrived.id
    return window, arrived


def test_a_move_is_recorded_with_where_to_and_shows_in_the_history(qtbot: QtBot, desk: Desk,
                                                                   answered: list) -> None:
    window, _person = _open_someone_arrived(qtbot, desk)

    def fill_in() -> None:
        form = QApplication.activeModalWidget()
        if not isinstance(form, StatusDialog):
            QTimer.singleShot(10, fill_in)
            return
        form.status.setCurrentIndex(form.status.findData(Status.MOVED))
        assert form.destination.isVisible()
        form.since.setText("1.10.2026")
        qtbot.keyClick(form.status, Qt.Key.Key_Return)  # no destination yet: refused, the form stays
        assert form.isVisible() and form.errors["destination"].isVisible()
        form.destination.setEditText("Oulu (564)")
        qtbot.keyClick(form.status, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill_in)
    qtbot.mouseClick(window.person.change_status, Qt.MouseButton.LeftButton)
    detail = window.person.detail
    assert detail is not None and detail.row.status is Status.MOVED
    assert detail.status_history[-1].destination_code == "564"
    texts = [label.text() for label in window.person.findChildren(QLabel)]
    assert "Moved elsewhere in Finland (Oulu)" in texts and "1.10.2026" in texts
    assert window.person.status.text() == "Moved elsewhere in Finland"
    assert answered == []


def test_a_change_saved_by_another_desk_meanwhile_is_a_conflict(qtbot: QtBot, desk: Desk, answered: list) -> None:
    window, person = _open_someone_arrived(qtbot, desk)
    assert window.person.detail is not None
    form = StatusDialog(desk, window.person.detail, window)
    qtbot.addWidget(form)
    desk.change_status(person.id, Status.SETTLED, window.person.detail.status_history[-1].since)  # another desk
    form.status.setCurrentIndex(form.status.findData(Status.LEFT))
    form.save()
    assert form.saved is None and answered and "Someone else saved" in answered[-1][2]
    assert desk.person(person.id).row.status is Status.SETTLED


def test_a_date_that_is_no_date_is_refused_beside_its_field(qtbot: QtBot, desk: Desk, answered: list) -> None:
    window, _person = _open_someone_arrived(qtbot, desk)
    assert window.person.detail is not None
    form = StatusDialog(desk, window.person.detail, window)
    qtbot.addWidget(form)
    form.show()
    form.status.setCurrentIndex(form.status.findData(Status.SETTLED))
    for typed in ("31.2.2026", "yesterday", "1.1.2999"):
        form.since.setText(typed)
        form.save()
        assert form.saved is None and form.errors["since"].isVisible() and form.errors["since"].text()
