"""Storage faults met while saving in the app: a full disk, a read-only file, another program holding the
write lock. Each says what to do, keeps the form and what was typed, and the same save goes through once the
fault is put right."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from tests.ui.helpers import open_window
from tests.ui.test_person_edit import _editing, _field
from ui.walk_in import WalkInDialog
from welcomedesk.services.desk import Desk


class Fault:
    """Puts a fault on every new connection of the desk's engine, and takes it away."""

    def __init__(self, desk: Desk) -> None:
        self.engine = desk._db.engine  # the test reaches in: no public way to break a disk
        self.path = desk.where()
        self.kind = ""
        event.listen(self.engine, "connect", self._on_connect)
        event.listen(self.engine, "do_connect", self._on_do_connect)

    def _on_do_connect(self, _dialect: Any, _record: Any, cargs: list[Any], cparams: dict[str, Any]) -> None:
        if self.kind == "read_only":
            cargs[:] = [f"file:{self.path}?mode=ro"]
            cparams["uri"] = True

    def _on_connect(self, connection: Any, _record: Any) -> None:
        if self.kind == "full":
            # As full as it is now: not one page more.
            pages = connection.execute("PRAGMA page_count").fetchone()[0]
            connection.execute(f"PRAGMA max_page_count = {pages}")
        elif self.kind == "locked":
            connection.execute("PRAGMA busy_timeout = 200")

    def set(self, kind: str) -> None:
        self.kind = kind
        self.engine.dispose()  # the next act opens a connection with the fault
        if kind == "full":
            # Every page packed full first, so that what the save adds needs a page the disk no longer has.
            import sqlite3

            packed = sqlite3.connect(self.path, isolation_level=None)
            packed.execute("VACUUM")
            packed.close()

    def close(self) -> None:
        self.set("")
        event.remove(self.engine, "connect", self._on_connect)
        event.remove(self.engine, "do_connect", self._on_do_connect)


@pytest.fixture
def fault(desk: Desk) -> Iterator[Fault]:
    made = Fault(desk)
    yield made
    made.close()


def test_a_full_disk_keeps_the_edit_and_the_save_goes_through_after(qtbot: QtBot, desk: Desk, answered: list,
                                                                   fault: Fault) -> None:
    window, person_id = _editing(qtbot, desk)
    occupation = _field(window, "occupation").widget
    occupation.selectAll()
    qtbot.keyClicks(occupation, "Sairaanhoitaja " * 12)
    typed = occupation.text()
    # With these the row grows by more than any packed page has room for: it needs a page the disk has not.
    for name in ("employer", "street_address", "recruiter", "concern_referred_to"):
        editor = _field(window, name).widget
        editor.setText(f"{name} " + "x" * 180)
    fault.set("full")
    qtbot.mouseClick(window.person.save, Qt.MouseButton.LeftButton)
    kind, _title, text = answered[-1]
    assert kind == "error" and "is full" in text and "Free some space" in text
    assert "still on the screen" in text
    assert window.person.editing and occupation.text() == typed
    fault.set("")
    qtbot.mouseClick(window.person.save, Qt.MouseButton.LeftButton)
    assert not window.person.editing
    assert desk.person(person_id).row.occupation == typed.strip()


def test_a_read_only_database_keeps_the_walk_in_form_open(qtbot: QtBot, desk: Desk, answered: list,
                                                          fault: Fault) -> None:
    open_window(qtbot, desk)
    before = desk.walk_ins_today()
    form = WalkInDialog(desk)
    qtbot.addWidget(form)
    form.show()
    form.minutes.setValue(17)
    fault.set("read_only")
    form.save()
    kind, _title, text = answered[-1]
    assert kind == "error" and "read-only" in text and "still on the screen" in text
    assert form.isVisible() and form.minutes.value() == 17
    fault.set("")
    form.save()
    assert desk.walk_ins_today() == before + 1


def test_another_program_holding_the_lock_says_wait_and_the_retry_saves(qtbot: QtBot, desk: Desk, answered: list,
                                                                        fault: Fault) -> None:
    import sqlite3

    window, person_id = _editing(qtbot, desk)
    phone = _field(window, "phone").widget
    phone.selectAll()
    qtbot.keyClicks(phone, "044 765 4321")
    fault.set("locked")
    other = sqlite3.connect(desk.where(), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        qtbot.mouseClick(window.person.save, Qt.MouseButton.LeftButton)
        kind, _title, text = answered[-1]
        assert kind == "error" and "locked" in text and "Try again in a moment" in text
        assert window.person.editing and phone.text() == "044 765 4321"
    finally:
        other.execute("ROLLBACK")
        other.close()
    qtbot.mouseClick(window.person.save, Qt.MouseButton.LeftButton)
    assert not window.person.editing and desk.person(person_id).row.phone == "+358447654321"
