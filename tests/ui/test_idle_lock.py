"""The idle lock: after a while without input every window is covered, a dialog open over the main window
included, nothing typed or pressed reaches them, and only the worker's return (a click, or the password)
shows them again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.helpers import open_window
from ui.idle_lock import TITLE, Cover, IdleLock
from welcomedesk.services.desk import Desk

SHORT_MS = 40


def _dialog_over(window: QWidget, text: str) -> QDialog:
    dialog = QDialog(window)
    dialog.setWindowTitle(f"Papers for {text}")
    QVBoxLayout(dialog).addWidget(QLabel(text))
    dialog.open()  # modal, as the app's forms are
    return dialog


def _visible_covers() -> list[Cover]:
    return [w for w in QApplication.allWidgets() if isinstance(w, Cover) and w.isVisible()]


def test_a_click_returns_after_the_lock_with_a_dialog_open(qtbot: QtBot, desk: Desk, answered: list) -> None:
    window = open_window(qtbot, desk)
    window.open_person(1)
    name = window.person.detail.row.family_name if window.person.detail else ""
    dialog = _dialog_over(window, name)
    lock = IdleLock(5, None, window)
    lock.timer.setInterval(SHORT_MS)
    lock.timer.start()
    qtbot.waitUntil(lambda: lock.is_locked, timeout=2000)
    # Both windows covered, edge to edge, their titles no longer naming anyone.
    assert set(lock.covers) == {window, dialog}
    for covered, cover in lock.covers.items():
        assert cover.isVisible() and cover.geometry() == covered.rect()
        assert covered.windowTitle() == TITLE
    # Keys do not reach the covered windows: Esc does not close the dialog, Ctrl+K opens no form.
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.activeModalWidget() in (dialog, None)
    # The window resized while locked stays covered.
    window.resize(window.width() + 40, window.height() + 20)
    qtbot.waitUntil(lambda: lock.covers[window].geometry() == window.rect(), timeout=1000)
    # A click on Continue (computer-account mode) shows everything again, titles as they were.
    qtbot.mouseClick(lock.covers[dialog].button, Qt.MouseButton.LeftButton)
    assert not lock.is_locked
    assert dialog.windowTitle() == f"Papers for {name}" and dialog.isVisible()
    qtbot.waitUntil(lambda: not _visible_covers(), timeout=1000)
    dialog.reject()


def test_the_password_unlocks_and_a_wrong_one_does_not(qtbot: QtBot, desk: Desk, answered: list) -> None:
    window = open_window(qtbot, desk)
    tried: list[str] = []

    def unlocker(password: str) -> bool:
        tried.append(password)
        return password == "oikea salasana 12"

    lock = IdleLock(5, unlocker, window)
    events: list[str] = []
    lock.locked.connect(lambda: events.append("locked"))
    lock.unlocked.connect(lambda: events.append("unlocked"))
    lock.lock()
    cover = lock.covers[window]
    assert cover.password.isVisible()
    qtbot.keyClicks(cover.password, "vaara")
    qtbot.keyClick(cover.password, Qt.Key.Key_Return)
    assert lock.is_locked and cover.password.text() == "" and cover.message.text()
    qtbot.keyClicks(cover.password, "oikea salasana 12")
    qtbot.keyClick(cover.password, Qt.Key.Key_Return)
    assert not lock.is_locked
    assert tried == ["vaara", "oikea salasana 12"] and events == ["locked", "unlocked"]


def test_input_puts_the_lock_off_and_a_window_opened_while_locked_is_covered(qtbot: QtBot, desk: Desk,
                                                                             answered: list) -> None:
    window = open_window(qtbot, desk)
    lock = IdleLock(5, None, window)
    lock.timer.setInterval(300)
    lock.timer.start()
    for _ in range(5):
        qtbot.wait(100)
        qtbot.mouseMove(window.newcomers.table, window.newcomers.table.rect().center())
        qtbot.keyClick(window.newcomers.table, Qt.Key.Key_Down)
    assert not lock.is_locked  # 500 ms of a person working: no lock at 300 ms
    lock.lock()
    late = _dialog_over(window, "Late")
    qtbot.waitUntil(lambda: late in lock.covers, timeout=1000)
    assert late.windowTitle() == TITLE
    lock.unlock()
    assert late.windowTitle() == "Papers for Late"
    late.reject()
