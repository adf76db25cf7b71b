"""Editing on the person's page: the registration's fields, the same reasons, and a conflict shown whole."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.helpers import open_window
from ui import language
from ui.conflict import ConflictDialog
from ui.main_window import MainWindow
from welcomedesk.config import resolve_database
from welcomedesk.services.desk import Desk, open_desk
from welcomedesk.services.newcomers import NewcomerQuery


def _first_adult(desk: Desk) -> int:
    rows = desk.search(NewcomerQuery(sort="id"), limit=50).rows
    return next(r.id for r in rows if r.relation.value == "main")


def _editing(qtbot: QtBot, desk: Desk) -> tuple[MainWindow, int]:
    window = open_window(qtbot, desk)
    person_id = _first_adult(desk)
    window.open_person(person_id)
    qtbot.keyClick(window.person, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.person.editing
    return window, person_id


def _field(window: MainWindow, name: str):  # type: ignore[no-untyped-def]
    return next(form.editors[name] for form in window.person.edit_forms if name in form.editors)


def test_an_edit_is_saved_and_the_page_shows_it(qtbot: QtBot, desk: Desk, answered: list) -> None:
    window, person_id = _editing(qtbot, desk)
    phone = _field(window, "phone").widget
    phone.selectAll()
    qtbot.keyClicks(phone, "044 765 4321")
    occupation = _field(window, "occupation").widget
    occupation.selectAll()
    qtbot.keyClicks(occupation, "Smith & <Jones> =1+1")
    qtbot.mouseClick(window.person.save, Qt.MouseButton.LeftButton)
    assert not window.person.editing and answered == []
    detail = desk.person(person_id)
    assert (detail.row.phone, detail.row.occupation) == ("+358447654321", "Smith & <Jones> =1+1")
    assert window.person.detail is not None and window.person.detail.version == detail.version


def test_a_bad_edit_shows_its_reason_and_saves_nothing(qtbot: QtBot, desk: Desk, answered: list) -> None:
    window, person_id = _editing(qtbot, desk)
    before = desk.person(person_id)
    email = _field(window, "email").widget
    email.selectAll()
    qtbot.keyClicks(email, "maria@")
    code = _field(window, "business_id").widget
    qtbot.keyClicks(code, "1234567-8")
    qtbot.keyClick(email, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    forms = {name: form for form in window.person.edit_forms for name in form.editors}
    assert forms["email"].errors["email"].text() and not forms["email"].errors["email"].isHidden()
    assert "check digit" in forms["business_id"].errors["business_id"].text()
    assert window.person.editing
    assert desk.person(person_id).version == before.version
    # Escape with changes asks before dropping them; No keeps the edit.
    answered_no: list[str] = []
    from ui import dialogs

    dialogs.answer_with(lambda kind, title, text: answered_no.append(text) or False)  # type: ignore[func-returns-value]
    qtbot.keyClick(email, Qt.Key.Key_Escape)
    assert answered_no and window.person.editing and _field(window, "email").text() == "maria@"


def test_switching_the_language_while_editing_keeps_the_input(qtbot: QtBot, desk: Desk, answered: list) -> None:
    window, _person_id = _editing(qtbot, desk)
    given = _field(window, "given_names").widget
    given.setText("")
    given.insert("Typed, not saved")
    _field(window, "sex").set_text("other")
    language.set_language("fi")
    try:
        assert window.person.save.text() == "Tallenna"
        assert _field(window, "given_names").text() == "Typed, not saved"
        assert _field(window, "sex").widget.currentText() == "Muu tai ei kerrottu"
        assert window.person.editing
    finally:
        language.set_language("en")


def _when_conflict(choose: Callable[[ConflictDialog], None], seen: list[list[tuple[str, str, str]]]) -> None:
    # Only what the dialog showed is kept: the dialog itself goes when the window does.
    def run() -> None:
        form = QApplication.activeModalWidget()
        if not isinstance(form, ConflictDialog):
            QTimer.singleShot(10, run)
            return
        seen.append(list(form.rows))
        choose(form)

    QTimer.singleShot(0, run)


def test_a_conflict_shows_both_versions_and_the_worker_keeps_theirs_or_mine(qtbot: QtBot, desk: Desk,
                                                                             tmp_path: Path, answered: list) -> None:
    window, person_id = _editing(qtbot, desk)
    # Another desk saves this person while this one edits.
    other = open_desk(resolve_database(str(tmp_path / "desk.sqlite3")), "pekka")
    try:
        loaded = other.person(person_id)
        other.save_person(person_id, loaded.version, {"phone": "050 111 2222", "employer": "Toinen Oy"})
    finally:
        other.close()
    employer = _field(window, "employer").widget
    employer.selectAll()
    qtbot.keyClicks(employer, "Minun Oy")
    seen: list[list[tuple[str, str, str]]] = []
    _when_conflict(lambda form: form.back.click(), seen)
    qtbot.mouseClick(window.person.save, Qt.MouseButton.LeftButton)
    # Both versions, side by side; back to editing keeps what was typed.
    assert seen == [[("Employer", "Toinen Oy", "Minun Oy")]]
    assert window.person.editing and _field(window, "employer").text() == "Minun Oy"
    _when_conflict(lambda form: form.keep_mine.click(), seen)
    qtbot.mouseClick(window.person.save, Qt.MouseButton.LeftButton)
    detail = desk.person(person_id)
    # Mine is saved over theirs; their other change stays.
    assert (detail.row.employer, detail.row.phone) == ("Minun Oy", "+358501112222")
    assert not window.person.editing and answered == []
