"""Staff accounts and how staff sign in: the administrator's page."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs, forms
from ui.account_dialogs import AccountDialog, RolesDialog, SetPasswordDialog, account_name, roles_text
from ui.hub import Hub
from ui.language import _, ngettext
from ui.models.rows import RowsModel
from ui.style import ERROR, MUTED
from welcomedesk.codes import Role, SignInMode
from welcomedesk.errors import ConflictError, KnownError, Problem, ValidationError
from welcomedesk.i18n import N_
from welcomedesk.services.desk import Desk
from welcomedesk.services.sign_in import MAX_IDLE_MINUTES, MIN_IDLE_MINUTES, SignInSettings
from welcomedesk.services.staff_accounts import AccountRow

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (N_("Name"), N_("Roles"), N_("Password set"), N_("State"))
STATE_COLUMN = 3
GENERAL = "general"
# The table keeps at least this many rows in view; with large text the page scrolls rather than squeeze it.
TABLE_ROWS = 4


def locked_until(row: AccountRow, now: datetime | None = None) -> datetime | None:
    """When the account's lock after failed sign-ins ends, in local time; None when it is not locked now."""
    until = row.locked_until
    if until is None:
        return None
    if until.tzinfo is None:
        until = until.replace(tzinfo=UTC)  # the database keeps UTC
    return until.astimezone() if until > (now or datetime.now(UTC)) else None


def state_text(row: AccountRow) -> str:
    """Active, closed, or locked until a time, in words."""
    if not row.active:
        return _("Closed")
    until = locked_until(row)
    if until is not None:
        return _("Locked until {time}").format(time=until.strftime("%H:%M"))
    return _("Active")


class AccountTableModel(RowsModel):
    """The staff accounts as rows: who, their roles, whether they have a password, their state."""

    def __init__(self) -> None:
        super().__init__(COLUMNS)

    def cell(self, row: AccountRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == STATE_COLUMN:
            # The state is in words; the colour only makes a closed or locked account stand out.
            if not row.active:
                return QColor(MUTED)
            if locked_until(row) is not None:
                return QColor(ERROR)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def display(self, row: AccountRow, column: int) -> str:
        match column:
            case 0:
                return account_name(row)
            case 1:
                return roles_text(row.roles)
            case 2:
                # The built-in account never signs in with a password, whatever it has.
                return "—" if row.builtin else _("Yes") if row.has_password else _("No")
            case _:
                return state_text(row)


class AccountsPage(QWidget):
    """Who may use WelcomeDesk and what each may do; how staff sign in and when the screen locks."""

    def __init__(self, desk: Desk, hub: Hub) -> None:
        super().__init__()
        self.desk = desk
        self.hub = hub
        self.setObjectName("accountsPage")
        self.model = AccountTableModel()
        self.settings: SignInSettings | None = None
        self._problems: tuple[Problem, ...] = ()

        self.title = QLabel(objectName="pageTitle")
        self.subtitle = QLabel(objectName="pageSubtitle")
        self.subtitle.setWordWrap(True)
        self.new_button = QPushButton(objectName="newAccount")
        self.new_button.setProperty("primary", True)
        self.table = QTableView(objectName="accountTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self._fit_table()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.roles_button = QPushButton(objectName="accountRoles")
        self.password_button = QPushButton(objectName="accountPassword")
        self.close_button = QPushButton(objectName="closeAccount")
        self.row_note = QLabel(objectName="muted")
        self.row_note.setWordWrap(True)
        self.account_message = forms.refusal_line("accountMessage")
        self.account_message.hide()

        top = QHBoxLayout()
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.title)
        heading.addWidget(self.subtitle)
        top.addLayout(heading, 1)
        top.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignTop)
        actions = QHBoxLayout()
        actions.setSpacing(10)
        for button in (self.roles_button, self.password_button, self.close_button):
            actions.addWidget(button)
        actions.addWidget(self.row_note, 1)

        content = QWidget(objectName="pageContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.account_message)
        layout.addWidget(self._sign_in_card())
        scroll = QScrollArea(objectName="accountsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        order: list[QWidget] = [self.new_button, self.table, self.roles_button, self.password_button,
                                self.close_button, self.computer_mode, self.password_mode, self.idle, self.save_button]
        for first, then in itertools.pairwise(order):
            QWidget.setTabOrder(first, then)
        self.new_button.clicked.connect(self.new_account)
        self.roles_button.clicked.connect(self.change_roles)
        self.password_button.clicked.connect(self.set_password)
        self.close_button.clicked.connect(self.close_or_reopen)
        self.table.activated.connect(lambda _index: self.change_roles())
        self.table.selectionModel().selectionChanged.connect(lambda _new, _old: self._show_actions())
        self.save_button.clicked.connect(self.save_sign_in)
        hub.language_changed.connect(lambda _lang: self.retranslate())
        self.retranslate()
        self.refresh()

    def _sign_in_card(self) -> QFrame:
        """The sign-in mode and the idle lock's minutes, saved together."""
        self.sign_in_title = QLabel(objectName="sectionTitle")
        self.sign_in_intro = QLabel(objectName="muted")
        self.sign_in_intro.setWordWrap(True)
        self.computer_mode = QRadioButton(objectName="computerMode")
        self.password_mode = QRadioButton(objectName="passwordMode")
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.computer_mode)
        self.mode.addButton(self.password_mode)
        modes = QWidget()
        modes_layout = QVBoxLayout(modes)
        modes_layout.setContentsMargins(0, 0, 0, 0)
        modes_layout.setSpacing(4)
        modes_layout.addWidget(self.computer_mode)
        modes_layout.addWidget(self.password_mode)
        modes.setFocusProxy(self.computer_mode)
        self.idle = QSpinBox(objectName="idleMinutes")
        self.idle.setRange(MIN_IDLE_MINUTES, MAX_IDLE_MINUTES)
        # As wide as two digits and the unit need, not the whole row: a wide box for a small number reads oddly.
        self.idle.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.sign_in_widgets: dict[str, QWidget] = {"mode": modes, "idle_minutes": self.idle}
        self.sign_in_form, self.sign_in_errors = forms.field_rows((
            ("mode", "", modes), ("idle_minutes", "", self.idle)))
        self.sign_in_message = forms.refusal_line("signInMessage")
        self.sign_in_message.hide()
        self.sign_in_errors[GENERAL] = self.sign_in_message
        self.saved_line = QLabel(objectName="muted")
        self.saved_line.setWordWrap(True)
        self.save_button = QPushButton(objectName="saveSignIn")
        bottom = QHBoxLayout()
        bottom.addWidget(self.saved_line, 1)
        bottom.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignBottom)

        card = QFrame(objectName="card")
        box = QVBoxLayout(card)
        box.setContentsMargins(20, 8, 20, 16)
        box.setSpacing(8)
        box.addWidget(self.sign_in_title)
        box.addWidget(self.sign_in_intro)
        box.addLayout(self.sign_in_form)
        box.addWidget(self.sign_in_message)
        box.addLayout(bottom)
        return card

    # -- what the page is asked to do

    def refresh(self) -> None:
        """Read the accounts and the sign-in settings again, keeping the account selected (and a choice not saved)."""
        chosen = self.selected()
        try:
            rows = tuple(self.desk.accounts())
            settings = self.desk.sign_in_settings()
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self.model.set_rows(rows)
        self.select_account(chosen.id if chosen else None)
        if not self.sign_in_changed():
            self._load_settings(settings)
        self.settings = settings

    def retranslate(self) -> None:
        """Every text in the language spoken now; the choices made stay."""
        self.title.setText(_("Accounts"))
        self.new_button.setText(_("New account…"))
        self.new_button.setAccessibleName(_("Add a new staff account"))
        self.roles_button.setText(_("Roles…"))
        self.roles_button.setAccessibleName(_("Change the roles of the selected account"))
        self.password_button.setText(_("Set password…"))
        self.password_button.setAccessibleName(_("Set the password of the selected account"))
        self.table.setAccessibleName(_("Staff accounts"))
        self.model.retranslate()
        self.sign_in_title.setText(_("Sign-in"))
        self.sign_in_intro.setText(_("How WelcomeDesk knows who is working, and when it covers the screen so the next "
                                     "client does not see the last one's data."))
        self.computer_mode.setText(_("Each worker's own computer account"))
        self.password_mode.setText(_("Name and password (shared computers)"))
        for key, label in (("mode", _("Staff sign in with")),
                           ("idle_minutes", _("Lock the screen after this many minutes without use"))):
            caption = self.sign_in_form.labelForField(self.sign_in_widgets[key])
            if isinstance(caption, QLabel):
                caption.setText(label)
                caption.setWordWrap(True)
            self.sign_in_widgets[key].setAccessibleName(label)
        self.idle.setSuffix(" " + _("min"))
        self.save_button.setText(_("Save sign-in settings"))
        self._update_count()
        self._show_actions()
        self._show_problems(self._problems)
        self.saved_line.clear()

    def selected(self) -> AccountRow | None:
        """The account chosen in the table, if any."""
        rows = self.table.selectionModel().selectedRows()
        index = rows[0] if rows else self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def select_account(self, account_id: int | None) -> None:
        """Choose the account ``account_id`` in the table (when it is not there, the first one that can be changed:
        the built-in account heads the list, and all its buttons are off)."""
        rows = self.model.rows
        ids = [row.id for row in rows]
        if ids:
            first = next((i for i, row in enumerate(rows) if not row.builtin), 0)
            self.table.selectRow(ids.index(account_id) if account_id in ids else first)
        self._show_actions()

    def sign_in_changed(self) -> bool:
        """Whether the sign-in choices differ from those saved."""
        return self.settings is not None and self._chosen_settings() != self.settings

    def new_account(self) -> None:
        """A new staff account, in its form; the table shows it chosen afterwards."""
        mode = self.settings.mode if self.settings is not None else SignInMode.COMPUTER
        form = AccountDialog(self.desk, mode, self)
        self._after(form, form.exec(), lambda: form.saved.id if form.saved else None)

    def change_roles(self) -> None:
        """The selected account's roles, in their form."""
        row = self.selected()
        if row is None or row.builtin:
            return
        form = RolesDialog(self.desk, row, self)
        self._after(form, form.exec(), lambda: form.saved.id if form.saved else None)

    def set_password(self) -> None:
        """Set or reset the selected account's password, in its form."""
        row = self.selected()
        if row is None or row.builtin:
            return
        form = SetPasswordDialog(self.desk, row, self)
        self._after(form, form.exec(), lambda: row.id if form.saved else None)

    def close_or_reopen(self) -> None:
        """Close the selected account (asked once) or open it again."""
        row = self.selected()
        if row is None or row.builtin or row.id == self.desk.actor.account_id:
            return
        self.account_message.hide()
        try:
            if row.active:
                if not dialogs.ask(self, _("Close the account"), _(
                        "Close the account of {name}? They can no longer sign in. Their work and the audit log "
                        "stay, and the account can be opened again later.").format(name=account_name(row))):
                    return
                self.desk.close_account(row.id, row.version)
            else:
                self.desk.reopen_account(row.id, row.version)
        except ValidationError as exc:
            self.account_message.setText("\n".join(_(p.message) for p in exc.problems))
            self.account_message.show()
            return
        except ConflictError as exc:
            dialogs.known_error(self, exc)
            self.refresh()
            return
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self.refresh()

    def save_sign_in(self) -> None:
        """Save the mode and the idle minutes; the mode is used from the next start, the minutes at once."""
        chosen = self._chosen_settings()
        before = self.settings
        if chosen.mode is SignInMode.PASSWORD and (before is None or before.mode is not SignInMode.PASSWORD):
            without = [row for row in self.model.rows if row.active and not row.builtin and not row.has_password]
            # Asked only when the service would accept the switch: otherwise its refusal says what to do.
            if without and self._admin_with_password() and not dialogs.ask(self, _("Sign-in"), ngettext(
                    "{count} open account has no password. It cannot sign in until an administrator sets one. "
                    "Sign in with a name and password from the next start?",
                    "{count} open accounts have no password. They cannot sign in until an administrator sets "
                    "one. Sign in with a name and password from the next start?", len(without)).format(
                        count=len(without))):
                return
        try:
            saved = self.desk.set_sign_in_settings(chosen.mode, chosen.idle_minutes)
        except ValidationError as exc:
            self._show_problems(exc.problems)
            self.saved_line.clear()
            return
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self._show_problems(())
        self.settings = saved
        if before is not None and before.mode is not saved.mode:
            self.saved_line.setText(_("Saved. The new way of signing in is used from the next start of "
                                      "WelcomeDesk; the screen lock's minutes apply at once."))
        else:
            self.saved_line.setText(_("Saved. The screen lock's minutes apply at once."))
        self.hub.sign_in_changed.emit(saved)

    # -- the inner workings

    def _after(self, form: QDialog, result: int, saved: Callable[[], int | None]) -> None:
        """A form closed: read the table again when it saved, the account it saved chosen."""
        account_id = saved()
        form.deleteLater()
        if result == QDialog.DialogCode.Accepted and account_id is not None:
            self.account_message.hide()
            self.refresh()
            self.select_account(account_id)
            self.table.setFocus()

    def _fit_table(self) -> None:
        rows = self.table.fontMetrics().height() + 12
        self.table.verticalHeader().setDefaultSectionSize(rows)
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height() + TABLE_ROWS * rows + 4)

    def _admin_with_password(self) -> bool:
        return any(Role.ADMIN in row.roles and row.active and row.has_password and not row.builtin
                   for row in self.model.rows)

    def _chosen_settings(self) -> SignInSettings:
        mode = SignInMode.PASSWORD if self.password_mode.isChecked() else SignInMode.COMPUTER
        return SignInSettings(mode, self.idle.value())

    def _load_settings(self, settings: SignInSettings) -> None:
        (self.password_mode if settings.mode is SignInMode.PASSWORD else self.computer_mode).setChecked(True)
        self.idle.setValue(settings.idle_minutes)

    def _show_problems(self, problems: Iterable[Problem]) -> None:
        self._problems = tuple(problems)
        forms.show_problems(self.sign_in_errors, self._problems, GENERAL)

    def _update_count(self) -> None:
        staff = [row for row in self.model.rows if not row.builtin]
        open_ = sum(row.active for row in staff)
        self.subtitle.setText(ngettext("{count} staff account, {open} open", "{count} staff accounts, {open} open",
                                       len(staff)).format(count=len(staff), open=open_))

    def _show_actions(self) -> None:
        """The buttons that apply to the selected account; why the others do not."""
        row = self.selected()
        own = row is not None and row.id == self.desk.actor.account_id
        changeable = row is not None and not row.builtin
        self.roles_button.setEnabled(changeable)
        self.password_button.setEnabled(changeable)
        self.close_button.setEnabled(changeable and not own)
        closed = row is not None and not row.active
        self.close_button.setText(_("Reopen account") if closed else _("Close account"))
        self.close_button.setAccessibleName(_("Open the selected account again") if closed
                                            else _("Close the selected account"))
        if row is not None and row.builtin:
            note = _("The built-in account is the command line's: it cannot be changed or closed.")
        elif own:
            note = _("You are signed in with this account: another administrator can close it.")
        else:
            note = ""
        self.row_note.setText(note)
        self._update_count()
