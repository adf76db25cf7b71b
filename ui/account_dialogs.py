"""The small forms of staff accounts: a new account, its roles, a password an administrator sets, one's own password.

Passwords are hashed at argon2's full cost (a fifth of a second, twice when the old one is checked too), so the
forms that take one save through ``ui.tasks`` and wait, their buttons off, instead of freezing the window.
Nothing typed into a password field is ever put into a message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs, forms, tasks
from ui.language import _
from welcomedesk.codes import ROLE_LABELS, Role, SignInMode
from welcomedesk.errors import KnownError, Problem, ValidationError
from welcomedesk.i18n import N_
from welcomedesk.services.desk import Desk
from welcomedesk.services.sign_in import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, password_problems
from welcomedesk.services.staff_accounts import MAX_USERNAME_LENGTH, AccountRow

GENERAL = "general"
# What each role lets its holder do, under its check box: the name alone does not say it.
ROLE_HINTS = {Role.DESK: N_("Registers newcomers, keeps their checklists and follow-ups, prints packets."),
              Role.COORDINATOR: N_("Keeps the service catalogue, partners and packet texts; region summaries."),
              Role.ADMIN: N_("Staff accounts, sign-in, backups and the audit log.")}
MISMATCH = N_("The two passwords are not the same. Type the same password twice.")


def role_label(role: Role) -> str:
    """The role's name in the UI's language, as a check box or a list's first word shows it."""
    text = _(ROLE_LABELS[role])
    return text[:1].upper() + text[1:]


def roles_text(roles: Iterable[Role]) -> str:
    """The roles in the order of ``Role``, comma-separated, the first word capitalised."""
    text = ", ".join(_(ROLE_LABELS[role]) for role in Role if role in frozenset(roles))
    return text[:1].upper() + text[1:]


def account_name(row: AccountRow) -> str:
    """How the account is named to a person: "Display name (username)", or the user name alone."""
    if row.builtin:
        return _("Command line (built-in)")
    if row.display_name and row.display_name != row.username:
        return f"{row.display_name} ({row.username})"
    return row.username


def password_line(name: str) -> QLineEdit:
    """A field for a password: what is typed is shown as dots and never offered to a completer."""
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(MAX_PASSWORD_LENGTH)
    return edit


def _hinted(field: QWidget, hint: QLabel) -> QWidget:
    """``field`` with a muted line of advice under it, as one form row (the focus goes to the field)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(hint)
    box.setFocusProxy(field)
    return box


def _muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("muted")
    label.setWordWrap(True)
    return label


def _who(row: AccountRow) -> QLabel:
    label = QLabel(account_name(row))
    label.setObjectName("accountName")
    label.setTextFormat(Qt.TextFormat.PlainText)  # a name is shown as typed, never as markup
    return label


class RoleChoice(QWidget):
    """A check box for each role, with what the role lets its holder do under it."""

    def __init__(self, chosen: frozenset[Role]) -> None:
        super().__init__(objectName="roleChoice")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.boxes: dict[Role, QCheckBox] = {}
        for role in Role:
            box = QCheckBox(role_label(role), objectName=f"role_{role.value}")
            box.setChecked(role in chosen)
            box.setAccessibleDescription(_(ROLE_HINTS[role]))
            hint = _muted(_(ROLE_HINTS[role]))
            hint.setContentsMargins(24, 0, 0, 4)  # under the box's text, not its square
            layout.addWidget(box)
            layout.addWidget(hint)
            self.boxes[role] = box
        self.setFocusProxy(self.boxes[Role.DESK])

    def chosen(self) -> frozenset[Role]:
        return frozenset(role for role, box in self.boxes.items() if box.isChecked())


class _Form(QDialog):
    """What the account forms share: the reasons beside the fields, and saving off the GUI thread."""

    def __init__(self, parent: QWidget | None, name: str, title: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.title = QLabel(title, objectName="pageTitle")
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.problems: tuple[Problem, ...] = ()
        self.busy = False
        self.message = forms.refusal_line()
        self.message.hide()
        self.working = _muted()
        self.working.hide()
        self.box: QDialogButtonBox | None = None

    def finish(self, form: QFormLayout, who: QLabel | None = None) -> None:
        """The title, whose account (``who``), the form, the refusal line and the buttons; the first field gets
        the focus."""
        self.errors[GENERAL] = self.message
        self.box, _save = forms.buttons(self, _("Save"), self.save)
        layout = forms.frame(self)
        layout.addWidget(self.title)
        if who is not None:
            layout.addWidget(who)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(self.working)
        layout.addWidget(self.box)
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.setFocus()

    def save(self) -> None:
        raise NotImplementedError

    def refuse(self, problems: Iterable[Problem]) -> None:
        """Every reason beside its field; the first field with one gets the focus."""
        self.problems = tuple(problems)
        forms.show_problems(self.errors, self.problems, GENERAL)
        first = next((self.fields[p.field] for p in self.problems if p.field in self.fields), None)
        if first is not None:
            first.setFocus()

    def check(self, field: str, found: Iterable[Problem]) -> None:
        """Show ``found`` as ``field``'s reasons now, the other fields' as they were (a check while typing)."""
        self.problems = (*(p for p in self.problems if p.field != field), *found)
        forms.show_problems(self.errors, self.problems, GENERAL)

    def run(self, work: Callable[[], object], done: Callable[[Any], None]) -> None:
        """Save with ``work`` in the background: the buttons wait, and ``done`` gets its result."""
        self._set_busy(True)

        def finished(result: object) -> None:
            self._set_busy(False)
            done(result)

        tasks.run_task(lambda _progress: work(), on_done=finished, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ValidationError):
            self.refuse(exc.problems)
        elif isinstance(exc, KnownError):
            dialogs.known_error(self, exc)
        else:
            raise exc

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        if self.box is not None:
            self.box.setEnabled(not busy)
        self.working.setText(_("Saving…"))
        self.working.setVisible(busy)

    def reject(self) -> None:
        # The work in the background reports to this form: it stays until the work is done.
        if not self.busy:
            super().reject()


class AccountDialog(_Form):
    """A new staff account: user name, name shown, roles, and a password when staff sign in with one."""

    def __init__(self, desk: Desk, mode: SignInMode, parent: QWidget | None = None) -> None:
        super().__init__(parent, "accountDialog", _("New staff account"))
        self.desk = desk
        self.saved: AccountRow | None = None
        self.username = QLineEdit(objectName="usernameField")
        self.username.setMaxLength(MAX_USERNAME_LENGTH)
        if mode is SignInMode.PASSWORD:
            naming = _("The name the worker signs in with, such as maija.virtanen: letters, digits and . _ - only.")
        else:
            # In computer mode the app finds the account by the computer's user name: they must be the same.
            naming = _("As in the worker's computer login, such as maija.virtanen: letters, digits and . _ - only.")
        username_hint = _muted(naming)
        self.display_name = QLineEdit(objectName="displayNameField")
        self.display_name.setMaxLength(200)
        self.display_name.setPlaceholderText(_("such as Maija Virtanen"))
        self.roles = RoleChoice(frozenset({Role.DESK}))
        self.password = password_line("passwordField")
        if mode is SignInMode.PASSWORD:
            advice = _("Needed: staff sign in with a name and password. At least {count} characters.")
        else:
            advice = _("Only needed on shared computers, where staff sign in with a name and password. At least "
                       "{count} characters.")
        password_hint = _muted(advice.format(count=MIN_PASSWORD_LENGTH))
        self.repeat = password_line("repeatField")
        self.fields = {"username": _hinted(self.username, username_hint), "display_name": self.display_name,
                       "roles": self.roles, "password": _hinted(self.password, password_hint),
                       "repeat": self.repeat}
        form, self.errors = forms.field_rows((
            ("username", _("User name"), self.fields["username"]), ("display_name", _("Name"), self.display_name),
            ("roles", _("Roles"), self.roles), ("password", _("Password"), self.fields["password"]),
            ("repeat", _("Password again"), self.repeat)))
        self.username.setAccessibleName(_("User name"))
        self.password.setAccessibleName(_("Password"))
        self.password.editingFinished.connect(self._check_password)
        self.repeat.editingFinished.connect(self._check_repeat)
        self.finish(form)

    def _check_password(self) -> None:
        typed = self.password.text()
        self.check("password", password_problems(typed, self.username.text()) if typed else ())

    def _check_repeat(self) -> None:
        if self.repeat.text():
            self.check("repeat", [Problem("repeat", MISMATCH)] if self.repeat.text() != self.password.text() else [])

    def save(self) -> None:
        """Add the account; a refusal stays in the form with every reason beside its field."""
        if self.busy:
            return
        password = self.password.text()
        if password != self.repeat.text():
            self.refuse([Problem("repeat", MISMATCH)])
            return
        username, shown, roles = self.username.text(), self.display_name.text(), self.roles.chosen()
        self.run(lambda: self.desk.add_account(username, shown, roles, password or None), self._added)

    def _added(self, row: AccountRow) -> None:
        self.saved = row
        self.accept()


class RolesDialog(_Form):
    """What one account may do: its roles, saved over the version the page loaded."""

    def __init__(self, desk: Desk, row: AccountRow, parent: QWidget | None = None) -> None:
        super().__init__(parent, "rolesDialog", _("Roles"))
        self.desk, self.row = desk, row
        self.saved: AccountRow | None = None
        self.roles = RoleChoice(row.roles)
        self.fields = {"roles": self.roles}
        form, self.errors = forms.field_rows((("roles", _("Roles"), self.roles),))
        self.finish(form, _who(row))

    def save(self) -> None:
        """Save the roles; the last administrator keeps theirs (the service says so beside the boxes)."""
        chosen = self.roles.chosen()
        own = self.row.id == self.desk.actor.account_id
        if own and Role.ADMIN in self.row.roles and Role.ADMIN not in chosen and not dialogs.ask(
                self, _("Roles"), _("You are taking the administrator role from your own account. After this you "
                                    "can no longer manage staff accounts. Go on?")):
            return
        try:
            self.saved = self.desk.set_account_roles(self.row.id, chosen, self.row.version)
        except ValidationError as exc:
            self.refuse(exc.problems)
            return
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self.accept()


class SetPasswordDialog(_Form):
    """An administrator sets or resets another account's password (twice); the account's lock is lifted."""

    def __init__(self, desk: Desk, row: AccountRow, parent: QWidget | None = None) -> None:
        super().__init__(parent, "setPasswordDialog", _("Set a password"))
        self.desk, self.row = desk, row
        self.saved: str | None = None  # the user name of the account, once its password is set
        self.password = password_line("newPasswordField")
        hint = _muted(_("At least {count} characters. Give it to the worker in person; they can change it "
                        "themselves. A lock after failed sign-ins is lifted.").format(count=MIN_PASSWORD_LENGTH))
        self.repeat = password_line("repeatField")
        self.fields = {"password": _hinted(self.password, hint), "repeat": self.repeat}
        form, self.errors = forms.field_rows((("password", _("New password"), self.fields["password"]),
                                              ("repeat", _("New password again"), self.repeat)))
        self.password.setAccessibleName(_("New password"))
        self.finish(form, _who(row))

    def save(self) -> None:
        """Set the password; two that differ are refused here, before anything is sent."""
        if self.busy:
            return
        password = self.password.text()
        if password != self.repeat.text():
            self.refuse([Problem("repeat", MISMATCH)])
            return
        username = self.row.username
        self.run(lambda: self.desk.set_account_password(username, password), lambda _none: self._set(username))

    def _set(self, username: str) -> None:
        self.saved = username
        self.accept()


class ChangePasswordDialog(_Form):
    """The worker's own password: the current one (if there is one yet) and the new one twice."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent, "changePasswordDialog", _("Change your password"))
        self.desk = desk
        self.saved: str | None = None  # the worker's user name, once the password is changed
        self.old = password_line("oldPasswordField")
        old_hint = _muted(_("Leave it empty if your account has no password yet."))
        self.password = password_line("newPasswordField")
        hint = _muted(_("At least {count} characters.").format(count=MIN_PASSWORD_LENGTH))
        self.repeat = password_line("repeatField")
        self.fields = {"old_password": _hinted(self.old, old_hint), "password": _hinted(self.password, hint),
                       "repeat": self.repeat}
        form, self.errors = forms.field_rows((("old_password", _("Current password"), self.fields["old_password"]),
                                              ("password", _("New password"), self.fields["password"]),
                                              ("repeat", _("New password again"), self.repeat)))
        self.old.setAccessibleName(_("Current password"))
        self.password.setAccessibleName(_("New password"))
        self.finish(form, _who_signed_in(desk))

    def save(self) -> None:
        """Change the password; two new ones that differ are refused here, before anything is sent."""
        if self.busy:
            return
        old, password = self.old.text(), self.password.text()
        if password != self.repeat.text():
            self.refuse([Problem("repeat", MISMATCH)])
            return
        username = self.desk.actor.username
        self.run(lambda: self.desk.change_password(old, password), lambda _none: self._changed(username))

    def _changed(self, username: str) -> None:
        self.saved = username
        self.accept()


def _who_signed_in(desk: Desk) -> QLabel:
    actor = desk.actor
    name = f"{actor.display_name} ({actor.username})" if actor.display_name != actor.username else actor.username
    label = QLabel(name)
    label.setObjectName("accountName")
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
