"""Password mode at the desk: the sign-in window, the lock with its password, and the worker's own password;
computer-account mode's lock: a click."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.helpers import open_window
from ui import startup
from ui.sign_in_dialog import SignInDialog
from welcomedesk.codes import SignInMode
from welcomedesk.config import resolve_database
from welcomedesk.services import sign_in as service
from welcomedesk.services.audit_log import AuditQuery
from welcomedesk.services.desk import Desk, open_gate

PASSWORD = "Talvi on pitka 2026"


@pytest.fixture(autouse=True)
def _cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "PASSWORD_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def password_desk(desk: Desk) -> Desk:
    """The demo desk switched to password mode, maija with a password."""
    desk.set_account_password("maija", PASSWORD)
    desk.set_sign_in_settings(SignInMode.PASSWORD, 5)
    return desk


def test_the_sign_in_window_says_one_thing_for_every_failure(qtbot: QtBot, password_desk: Desk,
                                                             answered: list) -> None:
    gate = open_gate(resolve_database(password_desk.where()))
    try:
        dialog = SignInDialog(gate, "maija")
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.username.text() == "maija" and dialog.focusWidget() is dialog.password
        qtbot.keyClicks(dialog.password, "wrong password 1")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        wrong = dialog.message.text()
        assert dialog.desk is None and wrong and dialog.password.text() == ""
        dialog.username.setText("nobody")
        qtbot.keyClicks(dialog.password, PASSWORD)
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        assert dialog.desk is None and dialog.message.text() == wrong  # an unknown name: the same words
        dialog.username.setText("maija")
        qtbot.keyClicks(dialog.password, PASSWORD)
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        assert dialog.desk is not None and dialog.desk.actor.username == "maija"
        assert dialog.result() == SignInDialog.DialogCode.Accepted
    finally:
        gate.close()


def test_start_up_asks_for_the_password_and_closing_the_window_ends_quietly(qtbot: QtBot, password_desk: Desk,
                                                                           answered: list) -> None:
    target = resolve_database(password_desk.where())

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignInDialog):
            QTimer.singleShot(10, close_it)
            return
        dialog.reject()

    QTimer.singleShot(0, close_it)
    assert startup.sign_in(target) is None

    def sign_in() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignInDialog):
            QTimer.singleShot(10, sign_in)
            return
        dialog.username.setText("maija")
        dialog.password.setText(PASSWORD)
        dialog.try_sign_in()

    QTimer.singleShot(0, sign_in)
    desk = startup.sign_in(target)
    assert desk is not None and desk.actor.username == "maija"
    desk.close()


def test_password_mode_locks_with_ctrl_l_and_only_the_password_unlocks(qtbot: QtBot, password_desk: Desk,
                                                                      answered: list) -> None:
    window = open_window(qtbot, password_desk)
    assert window.password_mode and not window.password_button.isHidden()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.idle_lock.is_locked
    cover = window.idle_lock.covers[window]
    qtbot.keyClicks(cover.password, "not it at all")
    qtbot.keyClick(cover.password, Qt.Key.Key_Return)
    assert window.idle_lock.is_locked
    cover.password.setText(PASSWORD)
    qtbot.keyClick(cover.password, Qt.Key.Key_Return)
    assert not window.idle_lock.is_locked
    acts = [row.action for row in password_desk.audit_page(AuditQuery(entity="session")).rows]
    assert acts[:2] == ["unlock", "lock"]
    failed = password_desk.audit_page(AuditQuery(action="sign_in_failed")).rows
    assert failed and failed[0].account == password_desk.actor.display_name


def test_the_worker_changes_their_own_password(qtbot: QtBot, password_desk: Desk, answered: list) -> None:
    from ui.account_dialogs import ChangePasswordDialog

    form = ChangePasswordDialog(password_desk)
    qtbot.addWidget(form)
    form.show()
    form.old.setText(PASSWORD)
    form.password.setText("Kesa tulee taas 2027")
    form.repeat.setText("Kesa tulee taas 2027")
    form.save()
    qtbot.waitUntil(lambda: form.saved is not None, timeout=5000)
    gate = open_gate(resolve_database(password_desk.where()))
    try:
        assert gate.password("maija", "Kesa tulee taas 2027").actor.username == "maija"
    finally:
        gate.close()


def test_computer_account_mode_continues_with_a_click(qtbot: QtBot, desk: Desk, answered: list) -> None:
    window = open_window(qtbot, desk)
    assert not window.password_mode and window.password_button.isHidden()
    window.lock_button.click()
    cover = window.idle_lock.covers[window]
    assert cover.password.isHidden()
    qtbot.mouseClick(cover.button, Qt.MouseButton.LeftButton)
    assert not window.idle_lock.is_locked
    acts = [row.action for row in desk.audit_page(AuditQuery(entity="session")).rows]
    assert acts[:2] == ["unlock", "lock"]
