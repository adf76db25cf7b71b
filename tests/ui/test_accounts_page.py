"""The Accounts page as an administrator uses it: accounts added, their roles and passwords set, closed and opened
again, the built-in account left alone, and the sign-in mode and idle lock saved — with every refusal shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.helpers import open_window
from ui.account_dialogs import AccountDialog, ChangePasswordDialog, RolesDialog, SetPasswordDialog
from ui.hub import Hub
from ui.main_window import NAVIGATION, MainWindow
from ui.pages.accounts import AccountsPage
from welcomedesk.codes import Role, SignInMode
from welcomedesk.config import resolve_database
from welcomedesk.errors import PermissionDenied
from welcomedesk.services import sign_in
from welcomedesk.services.desk import Desk, open_desk, open_gate
from welcomedesk.services.sign_in import SignInSettings
from welcomedesk.services.staff_accounts import AccountRow

PASSWORD = "kaksi-roolia-2026"


@pytest.fixture(autouse=True)
def _cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 at a cost tests can afford; the page and forms do not depend on it."""
    monkeypatch.setattr(sign_in, "PASSWORD_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def _page(qtbot: QtBot, desk: Desk, emitted: list[object] | None = None) -> tuple[MainWindow, AccountsPage]:
    """The window on the Accounts page, chosen through the navigation."""
    window = open_window(qtbot, desk)
    if emitted is not None:
        window.hub.sign_in_changed.connect(emitted.append)
    window.show_page("accounts")
    page = window.stack.currentWidget()
    assert isinstance(page, AccountsPage)
    assert window.navigation.currentItem().data(Qt.ItemDataRole.UserRole) == "accounts"
    return window, page


def _row(page: AccountsPage, username: str) -> int:
    return next(i for i, row in enumerate(page.model.rows) if row.username == username)


def _cells(page: AccountsPage, username: str) -> list[str]:
    row = _row(page, username)
    return [page.model.data(page.model.index(row, column)) for column in range(page.model.columnCount())]


def _account(desk: Desk, username: str) -> AccountRow | None:
    return next((row for row in desk.accounts() if row.username == username), None)


def _choose(qtbot: QtBot, page: AccountsPage, username: str) -> None:
    page.table.setFocus()
    page.table.selectRow(_row(page, username))
    assert page.selected() is not None and page.selected().username == username  # type: ignore[union-attr]


F = TypeVar("F", bound=QDialog)


def _when_open(qtbot: QtBot, kind: type[F], work: Callable[[F], None]) -> list[BaseException]:
    """Once a form of ``kind`` is open (it is modal), do ``work`` in it; a failure closes it and is handed back."""
    failures: list[BaseException] = []

    def run() -> None:
        form = QApplication.activeModalWidget()
        if not isinstance(form, kind):
            QTimer.singleShot(10, run)
            return
        try:
            form.activateWindow()
            qtbot.waitUntil(form.isActiveWindow, timeout=2000)
            work(form)
        except BaseException as exc:
            failures.append(exc)
        if form.isVisible():
            form.reject()

    QTimer.singleShot(0, run)
    return failures


def _type(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)  # QTest cannot type characters outside Latin-1


def _tick(qtbot: QtBot, box: QAbstractButton) -> None:
    """Tick or untick a check box (or choose a radio button) as the keyboard does: Tab to it, Space."""
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)


def _click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def test_an_administrator_adds_an_account_with_two_roles_and_a_password(
        qtbot: QtBot, qtmodeltester: object, desk: Desk, answered: list) -> None:
    _window, page = _page(qtbot, desk)
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    assert [row.username for row in page.model.rows] == ["cli", "maija"]
    assert _cells(page, "cli")[0] == "Command line (built-in)"
    # The built-in account heads the list, but the first account that can be changed is the one chosen.
    assert page.selected().username == "maija" and page.roles_button.isEnabled()  # type: ignore[union-attr]

    def fill(form: AccountDialog) -> None:
        assert form.password.echoMode() == QLineEdit.EchoMode.Password
        assert form.repeat.echoMode() == QLineEdit.EchoMode.Password
        _type(qtbot, form.username, "ville.h")
        _type(qtbot, form.display_name, "Ville Häkkinen")
        assert form.roles.boxes[Role.DESK].isChecked()  # a new account is a desk worker unless told otherwise
        _tick(qtbot, form.roles.boxes[Role.COORDINATOR])
        _type(qtbot, form.password, PASSWORD)
        _type(qtbot, form.repeat, PASSWORD)
        qtbot.keyClick(form.repeat, Qt.Key.Key_Return)
        assert not form.isVisible() and form.saved is not None

    failures = _when_open(qtbot, AccountDialog, fill)
    _click(qtbot, page.new_button)
    assert failures == []

    added = _account(desk, "ville.h")
    assert added is not None and added.roles == {Role.DESK, Role.COORDINATOR} and added.has_password
    assert added.display_name == "Ville Häkkinen"
    assert _cells(page, "ville.h") == ["Ville Häkkinen (ville.h)", "Desk worker, coordinator", "Yes", "Active"]
    assert page.selected() == added  # the new account is the one chosen
    assert "2 staff accounts, 2 open" in page.subtitle.text()
    # The password typed works: it signs in.
    gate = open_gate(resolve_database(desk.where()))
    try:
        assert gate.password("ville.h", PASSWORD).actor.username == "ville.h"
    finally:
        gate.close()
    assert answered == []


def test_a_weak_password_is_refused_beside_its_field_and_nothing_is_added(
        qtbot: QtBot, desk: Desk, answered: list) -> None:
    _window, page = _page(qtbot, desk)
    shown: dict[str, str] = {}

    def fill(form: AccountDialog) -> None:
        _type(qtbot, form.username, "weak")
        _type(qtbot, form.password, "aaaa")
        _type(qtbot, form.repeat, "aaaa")
        _click(qtbot, form.box.buttons()[0])  # type: ignore[union-attr]
        assert form.isVisible() and form.saved is None
        assert form.errors["password"].isVisible()
        shown["password"] = form.errors["password"].text()
        assert form.password.hasFocus() and form.password.text() == "aaaa"  # nothing typed is lost
        # Two passwords that differ are refused by the form itself.
        _type(qtbot, form.password, PASSWORD)
        _type(qtbot, form.repeat, PASSWORD + "x")
        _click(qtbot, form.box.buttons()[0])  # type: ignore[union-attr]
        shown["repeat"] = form.errors["repeat"].text()
        assert form.isVisible()

    failures = _when_open(qtbot, AccountDialog, fill)
    _click(qtbot, page.new_button)
    assert failures == []
    assert "at least 12 characters" in shown["password"] and "one character repeated" in shown["password"]
    assert "aaaa" not in shown["password"]  # nothing typed is put in a message
    assert "not the same" in shown["repeat"]
    assert _account(desk, "weak") is None and all(row.username != "weak" for row in page.model.rows)


def test_a_user_name_already_taken_is_refused_beside_the_field(qtbot: QtBot, desk: Desk, answered: list) -> None:
    desk.add_account("liisa", "Liisa Korhonen", frozenset({Role.DESK}))
    _window, page = _page(qtbot, desk)
    shown: list[str] = []

    def fill(form: AccountDialog) -> None:
        _type(qtbot, form.username, "LIISA")
        _click(qtbot, form.box.buttons()[0])  # type: ignore[union-attr]
        assert form.isVisible() and form.saved is None and form.errors["username"].isVisible()
        shown.append(form.errors["username"].text())

    failures = _when_open(qtbot, AccountDialog, fill)
    _click(qtbot, page.new_button)
    assert failures == []
    assert shown == ["There is already a staff account named liisa."]
    assert [row.username for row in desk.accounts()].count("liisa") == 1


def test_roles_a_password_closing_and_reopening(qtbot: QtBot, desk: Desk, answered: list) -> None:
    desk.add_account("liisa", "Liisa Korhonen", frozenset({Role.DESK}))
    _window, page = _page(qtbot, desk)
    _choose(qtbot, page, "liisa")
    assert _cells(page, "liisa")[1:3] == ["Desk worker", "No"]

    def roles(form: RolesDialog) -> None:
        _tick(qtbot, form.roles.boxes[Role.DESK])
        _tick(qtbot, form.roles.boxes[Role.ADMIN])
        _click(qtbot, form.box.buttons()[0])  # type: ignore[union-attr]

    failures = _when_open(qtbot, RolesDialog, roles)
    _click(qtbot, page.roles_button)
    assert failures == []
    assert _account(desk, "liisa").roles == {Role.ADMIN}  # type: ignore[union-attr]
    assert _cells(page, "liisa")[1] == "Administrator" and page.selected().username == "liisa"  # type: ignore

    def password(form: SetPasswordDialog) -> None:
        assert form.password.echoMode() == QLineEdit.EchoMode.Password
        _type(qtbot, form.password, PASSWORD)
        _type(qtbot, form.repeat, "something-else-2026")
        qtbot.keyClick(form.repeat, Qt.Key.Key_Return)
        assert form.isVisible() and form.errors["repeat"].isVisible()
        assert _account(desk, "liisa").has_password is False  # type: ignore[union-attr]  # refused before sending
        _type(qtbot, form.repeat, PASSWORD)
        qtbot.keyClick(form.repeat, Qt.Key.Key_Return)
        assert form.saved == "liisa"

    failures = _when_open(qtbot, SetPasswordDialog, password)
    _click(qtbot, page.password_button)
    assert failures == []
    assert _cells(page, "liisa")[2] == "Yes"

    assert page.close_button.text() == "Close account" and page.close_button.isEnabled()
    _click(qtbot, page.close_button)
    assert [kind for kind, _title, _text in answered] == ["question"]
    assert "Liisa Korhonen (liisa)" in answered[0][2]
    assert _account(desk, "liisa").active is False  # type: ignore[union-attr]
    assert _cells(page, "liisa")[3] == "Closed" and page.close_button.text() == "Reopen account"
    _click(qtbot, page.close_button)
    assert len(answered) == 1  # opening again asks nothing
    assert _account(desk, "liisa").active is True  # type: ignore[union-attr]
    assert _cells(page, "liisa")[3] == "Active" and page.close_button.text() == "Close account"


def test_a_locked_account_says_until_when_and_a_new_password_lifts_the_lock(qtbot: QtBot, desk: Desk,
                                                                         answered: list) -> None:
    desk.add_account("liisa", "Liisa Korhonen", frozenset({Role.DESK}), PASSWORD)
    gate = open_gate(resolve_database(desk.where()))
    try:
        for _attempt in range(sign_in.LOCK_AFTER):
            with pytest.raises(PermissionDenied):
                gate.password("liisa", "not-her-password")
    finally:
        gate.close()
    _window, page = _page(qtbot, desk)
    locked = _account(desk, "liisa")
    assert locked is not None and locked.locked_until is not None
    assert _cells(page, "liisa")[3] == f"Locked until {locked.locked_until.astimezone():%H:%M}"
    state = page.model.index(_row(page, "liisa"), 3)
    assert page.model.data(state, Qt.ItemDataRole.ForegroundRole) is not None  # it stands out, in words too

    def password(form: SetPasswordDialog) -> None:
        _type(qtbot, form.password, "a-new-one-for-2027")
        _type(qtbot, form.repeat, "a-new-one-for-2027")
        qtbot.keyClick(form.repeat, Qt.Key.Key_Return)

    _choose(qtbot, page, "liisa")
    failures = _when_open(qtbot, SetPasswordDialog, password)
    _click(qtbot, page.password_button)
    assert failures == []
    assert _cells(page, "liisa")[3] == "Active" and _account(desk, "liisa").locked_until is None  # type: ignore


def test_ones_own_account_cannot_be_closed_and_the_last_administrator_keeps_the_role(qtbot: QtBot, desk: Desk,
                                                                                     answered: list) -> None:
    _window, page = _page(qtbot, desk)
    _choose(qtbot, page, "maija")
    assert not page.close_button.isEnabled() and "signed in with this account" in page.row_note.text()
    assert page.roles_button.isEnabled()

    def drop_admin(form: RolesDialog) -> None:
        _tick(qtbot, form.roles.boxes[Role.ADMIN])
        _click(qtbot, form.box.buttons()[0])  # type: ignore[union-attr]
        assert form.isVisible() and form.errors["roles"].isVisible()
        assert "last active administrator" in form.errors["roles"].text()

    failures = _when_open(qtbot, RolesDialog, drop_admin)
    _click(qtbot, page.roles_button)
    assert failures == []
    assert [kind for kind, _title, _text in answered] == ["question"]  # "your own role: go on?" answered Yes
    assert Role.ADMIN in _account(desk, "maija").roles  # type: ignore[union-attr]


def test_the_built_in_accounts_buttons_are_disabled(qtbot: QtBot, desk: Desk, answered: list) -> None:
    _window, page = _page(qtbot, desk)
    _choose(qtbot, page, "cli")
    for button in (page.roles_button, page.password_button, page.close_button):
        assert not button.isEnabled()
    assert "built-in" in page.row_note.text()
    page.change_roles()  # what Enter on its row does: nothing opens
    assert QApplication.activeModalWidget() is None
    _choose(qtbot, page, "maija")
    assert page.password_button.isEnabled() and page.row_note.text() != ""


def test_password_sign_in_needs_an_administrator_with_a_password(qtbot: QtBot, desk: Desk, answered: list) -> None:
    emitted: list[object] = []  # what the hub tells the idle lock
    desk.add_account("liisa", "", frozenset({Role.DESK}))
    window, page = _page(qtbot, desk, emitted)
    assert page.computer_mode.isChecked() and page.idle.value() == 5

    _tick(qtbot, page.password_mode)
    _click(qtbot, page.save_button)
    assert page.sign_in_errors["mode"].isVisible()
    assert "set a password for an administrator first" in page.sign_in_errors["mode"].text()
    assert desk.sign_in_settings().mode is SignInMode.COMPUTER and emitted == [] and answered == []

    # maija gives herself a password in her own form (she has none yet, so no current one is asked).
    def change(form: ChangePasswordDialog) -> None:
        assert form.old.echoMode() == QLineEdit.EchoMode.Password
        _type(qtbot, form.password, PASSWORD)
        _type(qtbot, form.repeat, PASSWORD)
        _click(qtbot, form.box.buttons()[0])  # type: ignore[union-attr]
        assert form.saved == "maija"

    form = ChangePasswordDialog(desk, window)
    failures = _when_open(qtbot, ChangePasswordDialog, change)
    form.exec()
    assert failures == []
    page.refresh()
    assert page.password_mode.isChecked()  # the choice not saved yet is kept
    assert _cells(page, "maija")[2] == "Yes"

    _click(qtbot, page.save_button)
    # liisa has no password: the administrator is told, once, before the switch.
    assert [kind for kind, _title, _text in answered] == ["question"] and "1 open account" in answered[0][2]
    assert desk.sign_in_settings() == SignInSettings(SignInMode.PASSWORD, 5)
    assert not page.sign_in_errors["mode"].isVisible()
    assert "next start" in page.saved_line.text()
    assert emitted == [SignInSettings(SignInMode.PASSWORD, 5)]

    # The idle minutes alone: at once, no word of the next start.
    page.idle.setFocus()
    page.idle.selectAll()
    qtbot.keyClicks(page.idle, "12")
    _click(qtbot, page.save_button)
    assert desk.sign_in_settings() == SignInSettings(SignInMode.PASSWORD, 12)
    assert "at once" in page.saved_line.text() and "next start" not in page.saved_line.text()
    assert emitted[-1] == SignInSettings(SignInMode.PASSWORD, 12) and len(answered) == 1


def test_ones_own_password_needs_the_current_one_once_set(qtbot: QtBot, desk: Desk, answered: list) -> None:
    desk.change_password("", PASSWORD)
    window = open_window(qtbot, desk)
    shown: list[str] = []

    def change(form: ChangePasswordDialog) -> None:
        _type(qtbot, form.old, "not-the-password")
        _type(qtbot, form.password, "a-new-one-for-2027")
        _type(qtbot, form.repeat, "a-new-one-for-2027")
        _click(qtbot, form.box.buttons()[0])  # type: ignore[union-attr]
        assert form.isVisible() and form.saved is None and form.errors["old_password"].isVisible()
        shown.append(form.errors["old_password"].text())
        _type(qtbot, form.old, PASSWORD)
        _click(qtbot, form.box.buttons()[0])  # type: ignore[union-attr]
        assert form.saved == "maija"

    form = ChangePasswordDialog(desk, window)
    failures = _when_open(qtbot, ChangePasswordDialog, change)
    form.exec()
    assert failures == []
    assert "current password is not right" in shown[0] and "not-the-password" not in shown[0]
    gate = open_gate(resolve_database(desk.where()))
    try:
        assert gate.password("maija", "a-new-one-for-2027").actor.username == "maija"
        with pytest.raises(PermissionDenied):
            gate.password("maija", PASSWORD)
    finally:
        gate.close()


def test_a_desk_workers_window_has_no_accounts_page(qtbot: QtBot, desk: Desk, answered: list) -> None:
    desk.add_account("liisa", "Liisa Korhonen", frozenset({Role.DESK}))
    worker = open_desk(resolve_database(desk.where()), "liisa")
    try:
        window = open_window(qtbot, worker)
        assert "accounts" not in [key for key, _label in window.shown]
        row = [key for key, _label in NAVIGATION].index("accounts")
        assert window.navigation.item(row).isHidden()
        window.show_page("accounts")
        assert "accounts" not in window.pages
        # The administrator's window lists it.
        admin = MainWindow(desk, desk.profile(), Hub())  # type: ignore[arg-type]
        qtbot.addWidget(admin)
        assert "accounts" in [key for key, _label in admin.shown]
    finally:
        worker.close()
