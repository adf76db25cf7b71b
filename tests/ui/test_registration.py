"""The registration wizard as a desk worker uses it: keys and clicks, reasons beside fields, duplicates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.helpers import open_window
from ui import language
from ui.registration import RegistrationDialog
from welcomedesk.codes import Relation, Sex, Status
from welcomedesk.services.desk import Desk
from welcomedesk.services.newcomers import NewcomerQuery

TODAY = date(2026, 11, 25)


def _when_open(qtbot: QtBot, work: Callable[[RegistrationDialog], None]) -> list[BaseException]:
    """Once the wizard is open (it is modal), do ``work`` in it as the person would.

    A failure inside closes the wizard (so the test cannot hang) and is handed back to be raised.
    """
    failures: list[BaseException] = []

    def run() -> None:
        form = QApplication.activeModalWidget()
        if not isinstance(form, RegistrationDialog):
            QTimer.singleShot(10, run)
            return
        try:
            form.activateWindow()  # shortcuts (Page Down, Ctrl+Return) work in the active window
            qtbot.waitUntil(form.isActiveWindow, timeout=2000)
            work(form)
        except BaseException as exc:
            failures.append(exc)
            form.reject()

    QTimer.singleShot(0, run)
    return failures


def _type(qtbot: QtBot, text: str, form: QWidget) -> None:
    """Type into whatever has the focus in ``form``."""
    widget = form.focusWidget()
    assert widget is not None
    qtbot.keyClicks(widget, text)


def _key(qtbot: QtBot, key: Qt.Key, form: QWidget) -> None:
    """Press ``key`` on whatever has the focus in ``form``."""
    widget = form.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key)


def _into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Click a field and type into it."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def test_a_family_of_four_is_registered_through_the_wizard_and_found_in_the_list(qtbot: QtBot, desk: Desk,
                                                                                 answered: list) -> None:
    window = open_window(qtbot, desk)

    def register(form: RegistrationDialog) -> None:
        form.today = TODAY
        # Step 1, the keyboard alone: names, birth date, sex, nationality by its name, identity code.
        _type(qtbot, "Maria Luz", form)
        _key(qtbot, Qt.Key.Key_Tab, form)
        _type(qtbot, "Quisumbing", form)
        _key(qtbot, Qt.Key.Key_Tab, form)
        _key(qtbot, Qt.Key.Key_Tab, form)
        _type(qtbot, "12.3.1990", form)
        _key(qtbot, Qt.Key.Key_Tab, form)
        _type(qtbot, "F", form)  # Female
        _key(qtbot, Qt.Key.Key_Tab, form)
        _type(qtbot, "Philippines", form)
        _key(qtbot, Qt.Key.Key_Tab, form)
        _type(qtbot, "120390-402B", form)
        _key(qtbot, Qt.Key.Key_PageDown, form)
        # Step 2: the phone has the cursor.
        _type(qtbot, "040 123 4567", form)
        contact = form.forms["contact"].editors
        _into(qtbot, contact["street_address"].widget, "Kauppakatu 1 B 12")
        _into(qtbot, contact["languages"].widget, "English, Tagalog")
        _key(qtbot, Qt.Key.Key_PageDown, form)
        # Step 3: the arrival has the cursor; the typed title finds its group.
        _type(qtbot, "1.11.2026", form)
        arrival = form.forms["arrival"].editors
        _into(qtbot, arrival["occupation"].widget, "registered nurse")
        assert arrival["occupation_group"].text() == "2221"
        _key(qtbot, Qt.Key.Key_PageDown, form)
        # Step 4: the household, quickly.
        qtbot.mouseClick(form.household.add_spouse, Qt.MouseButton.LeftButton)
        _type(qtbot, "Jose", form)
        _into(qtbot, form.household.rows[0].editors["date_of_birth"].widget, "2.2.1988")
        for name, born in (("Ana", "5.6.2016"), ("Miguel", "7.8.2021")):
            qtbot.mouseClick(form.household.add_child, Qt.MouseButton.LeftButton)
            _type(qtbot, name, form)
            _into(qtbot, form.household.rows[-1].editors["date_of_birth"].widget, born)
        _key(qtbot, Qt.Key.Key_PageDown, form)
        # Step 5: the notice was given now.
        assert form.pages.currentIndex() == 4
        _key(qtbot, Qt.Key.Key_Space, form)
        assert form.forms["privacy"].editors["privacy_notice_date"].text() == "25.11.2026"
        _key(qtbot, Qt.Key.Key_PageDown, form)
        assert "Quisumbing, Jose" in form.summary.text() and "Registered nurse" not in form.summary.text()
        assert "Ready to register 4 people." in form.missing_line.text()
        qtbot.mouseClick(form.finish, Qt.MouseButton.LeftButton)

    failures = _when_open(qtbot, register)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    if failures:
        raise failures[0]
    assert answered == []
    # The list shows the family just registered.
    assert window.newcomers.search.text() == "Quisumbing"
    rows = [window.newcomers.model.row_at(i) for i in range(window.newcomers.model.rowCount())]
    santos = {(r.given_names, r.relation) for r in rows if r is not None and r.family_name == "Quisumbing"}
    assert santos == {("Maria Luz", Relation.MAIN), ("Jose", Relation.SPOUSE), ("Ana", Relation.CHILD),
                      ("Miguel", Relation.CHILD)}
    assert "4" in window.statusBar().currentMessage()
    main = next(r for r in rows if r is not None and r.given_names == "Maria Luz")
    detail = desk.person(main.id)
    assert (detail.row.nationality, detail.row.languages, detail.row.status) == ("PH", ("en", "tl"), Status.ARRIVED)
    assert (detail.details["sex"], detail.details["occupation_group"]) == (Sex.FEMALE, "2221")
    assert detail.details["privacy_notice_date"] == TODAY and detail.details["privacy_notice_language"] == "en"
    assert len(detail.members) == 4
    # The children share the family's address and arrival without typing them again.
    child = desk.person(detail.members[3].id)
    assert (child.details["street_address"], child.row.arrival_date) == ("Kauppakatu 1 B 12", date(2026, 11, 1))


def test_finish_says_what_is_missing_and_shows_each_reason_beside_its_field(qtbot: QtBot, desk: Desk,
                                                                            answered: list) -> None:
    form = RegistrationDialog(desk, today=TODAY)
    qtbot.addWidget(form)
    form.show()
    assert "Given names" in form.missing_line.text() and "Family name" in form.missing_line.text()
    person = form.forms["person"]
    person.editors["family_name"].widget.setFocus()
    qtbot.keyClicks(person.editors["family_name"].widget, "Quisumbing")
    qtbot.keyClicks(person.editors["personal_identity_code"].widget, "120390-402C")  # wrong check character
    # The reason appears beside the field once the worker pauses, in the UI language.
    qtbot.waitUntil(lambda: person.errors["personal_identity_code"].isVisible(), timeout=2000)
    assert "check character" in person.errors["personal_identity_code"].text()
    form.go(3)
    qtbot.mouseClick(form.household.add_child, Qt.MouseButton.LeftButton)
    form.go(5)
    qtbot.mouseClick(form.finish, Qt.MouseButton.LeftButton)
    # Nothing saved; back on the first step with the cursor in the first field that needs work.
    assert form.registered == [] and form.isVisible()
    assert form.pages.currentIndex() == 0
    assert person.errors["given_names"].isVisible()
    assert form.focusWidget() is person.editors["given_names"].widget
    assert not form.household.rows[0].error.isHidden() and "Given names" in form.household.rows[0].error.text()
    assert desk.search(NewcomerQuery(search="Quisumbing")).total == 0
    assert answered == []


def test_a_registered_person_is_found_while_typing_and_offered_to_open(qtbot: QtBot, desk: Desk,
                                                                     answered: list) -> None:
    someone = desk.search(NewcomerQuery(sort="id"), limit=5).rows[0]
    window = open_window(qtbot, desk)
    assert someone.date_of_birth is not None

    def retype(form: RegistrationDialog) -> None:
        person = form.forms["person"].editors
        # Written differently (capitals, no accents): still the same person.
        _into(qtbot, person["given_names"].widget, someone.given_names.upper())
        _into(qtbot, person["family_name"].widget, someone.family_name.upper())
        _into(qtbot, person["date_of_birth"].widget, f"{someone.date_of_birth:%d.%m.%Y}")  # type: ignore[str-format]
        qtbot.waitUntil(form.duplicate.isVisible, timeout=3000)
        assert f"number {someone.id}" in form.duplicate_text.text()
        qtbot.mouseClick(form.open_existing, Qt.MouseButton.LeftButton)

    failures = _when_open(qtbot, retype)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    if failures:
        raise failures[0]
    assert window.stack.currentWidget() is window.person
    assert window.person.detail is not None and window.person.detail.row.id == someone.id
    assert answered == []


def test_switching_the_language_keeps_what_was_typed(qtbot: QtBot, desk: Desk, answered: list) -> None:
    from ui.hub import Hub

    hub = Hub()
    form = RegistrationDialog(desk, hub, today=TODAY)
    qtbot.addWidget(form)
    form.show()
    person = form.forms["person"].editors
    person["given_names"].widget.insert("Zoë <b>&amp;</b>")  # as pasted: QTest types only Latin-1 keys
    person["sex"].set_text("female")
    person["nationality"].set_text("UA")
    form.forms["person"].show_reason("date_of_birth", "This field is required.")
    language.set_language("fi")
    try:
        assert form.finish.text() == "Valmis"
        assert person["given_names"].text() == "Zoë <b>&amp;</b>"
        assert (person["sex"].text(), person["nationality"].text()) == ("female", "UA")
        assert person["nationality"].widget.currentText() == "Ukraina"
        assert form.forms["person"].errors["date_of_birth"].text() == "Tämä kenttä on pakollinen."
    finally:
        language.set_language("en")


def test_hostile_text_typed_in_the_wizard_is_stored_exactly(qtbot: QtBot, desk: Desk, answered: list) -> None:
    form = RegistrationDialog(desk, today=TODAY)
    qtbot.addWidget(form)
    form.show()
    person = form.forms["person"].editors
    names = {"given_names": "=cmd|' /C calc'!A0", "family_name": "Smith & <Jones>", "native_name": "محمد 😀"}
    for name, text in names.items():
        person[name].widget.insert(text)  # pasted, as such names usually are
    form.register()
    assert answered == [] and len(form.registered) == 1
    row = desk.person(form.registered[0]).row
    assert (row.given_names, row.family_name, row.native_name) == tuple(names.values())


def test_a_household_member_s_reason_shows_as_the_worker_types(qtbot: QtBot, desk: Desk, answered: list) -> None:
    form = RegistrationDialog(desk, today=TODAY)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.forms["person"].editors["family_name"].widget, "Quisumbing")
    form.go(3)
    qtbot.mouseClick(form.household.add_spouse, Qt.MouseButton.LeftButton)
    row = form.household.rows[0]
    # The new member starts from the main person's family name.
    assert row.editors["family_name"].text() == "Quisumbing"
    qtbot.keyClicks(row.editors["date_of_birth"].widget, "31.2.1988")
    qtbot.waitUntil(lambda: not row.error.isHidden(), timeout=2000)
    # Only the field typed in is called wrong; the empty given names wait for Finish.
    assert row.error.text().startswith("Date of birth:") and "Given names" not in row.error.text()
    assert "Date of birth of a household member" in form.missing_line.text()
