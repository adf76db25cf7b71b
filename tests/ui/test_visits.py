"""A desk visit recorded from the person's page, with the keyboard, and shown there at once."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from tests.ui.helpers import open_window
from ui.visit_dialog import VisitDialog
from welcomedesk.codes import Channel, Payer
from welcomedesk.identity import format_date
from welcomedesk.services.desk import Desk
from welcomedesk.services.newcomers import NewcomerQuery


def test_a_visit_with_an_interpreter_is_recorded_and_shown(qtbot: QtBot, desk: Desk, answered: list) -> None:
    window = open_window(qtbot, desk)
    person_id = desk.search(NewcomerQuery(sort="id"), limit=1).rows[0].id
    window.open_person(person_id)
    seen: list[str] = []

    def fill() -> None:
        form = QApplication.activeModalWidget()
        if not isinstance(form, VisitDialog):
            QTimer.singleShot(10, fill)
            return
        seen.append(form.visited_on.text())
        form.channel.setCurrentIndex(form.channel.findData(Channel.PHONE.value))
        form.language.setEditText("Arabic")
        form.interpreter.setCurrentIndex(form.interpreter.findData(Payer.WELLBEING_COUNTY.value))
        form.minutes.setValue(45)
        qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Return)  # Enter saves

    QTimer.singleShot(0, fill)
    qtbot.mouseClick(window.person.record_visit, Qt.MouseButton.LeftButton)
    assert seen == [format_date(date.today())] and answered == []
    visits = desk.person(person_id).visits
    assert [(v.channel, v.language, v.interpreter_paid_by, v.minutes) for v in visits] == [
        (Channel.PHONE, "ar", Payer.WELLBEING_COUNTY, 45)]
    shown = [window.person.visits.itemAt(i).widget() for i in range(window.person.visits.count())]
    texts = [w.text() for w in shown if isinstance(w, QLabel)]
    assert any("45 min" in t and "wellbeing services county" in t for t in texts)
    assert window.person.no_visits.isHidden()


def test_a_visit_in_the_future_is_refused_beside_its_date(qtbot: QtBot, desk: Desk, answered: list) -> None:
    person = desk.person(desk.search(NewcomerQuery(sort="id"), limit=1).rows[0].id)
    form = VisitDialog(desk, person)
    qtbot.addWidget(form)
    form.show()
    form.visited_on.setText("1.1.2099")
    form.save()
    assert not form.errors["visited_on"].isHidden() and "before it happens" in form.errors["visited_on"].text()
    form.visited_on.setText("31.2.2026")
    form.save()
    assert "31.2.2026" not in form.errors["visited_on"].text() and form.errors["visited_on"].text()
    assert desk.person(person.row.id).visits == () and answered == []
