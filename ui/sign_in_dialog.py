"""The sign-in window of password mode: a staff name and a password, one message for every failure."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from ui import forms
from ui.language import _
from welcomedesk.errors import KnownError, PermissionDenied
from welcomedesk.services.desk import Desk, Gate


class SignInDialog(QDialog):
    """Asks for a name and password until one is right (``desk`` is then the signed-in desk) or Cancel."""

    def __init__(self, gate: Gate, username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gate = gate
        self.desk: Desk | None = None
        self.setObjectName("signInDialog")
        self.setWindowTitle(_("Sign in to WelcomeDesk"))
        layout = forms.frame(self)
        self.heading = QLabel(_("Sign in"), objectName="pageTitle")
        self.where = QLabel(_("Database: {where}").format(where=gate.where()), objectName="muted")
        self.where.setWordWrap(True)
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.username = QLineEdit(username, objectName="signInName")
        self.username.setMaxLength(64)
        self.password = QLineEdit(objectName="signInPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(1000)
        fields = QFormLayout()
        fields.addRow(_("Staff name"), self.username)
        fields.addRow(_("Password"), self.password)
        self.message = forms.refusal_line("signInMessage")
        box, self.act = forms.buttons(self, _("Sign in"), self.try_sign_in, leave=_("Close"))
        for part in (self.heading, self.where):
            layout.addWidget(part)
        layout.addLayout(fields)
        layout.addWidget(self.message)
        layout.addWidget(box)
        self.setMinimumWidth(440)
        (self.password if username else self.username).setFocus()

    def try_sign_in(self) -> None:
        """Sign in with what was typed; a failure clears the password and says the one message."""
        password = self.password.text()
        self.password.clear()
        try:
            self.desk = self.gate.password(self.username.text(), password)
        except PermissionDenied as exc:
            self.message.setText(_(exc.message))
            self.password.setFocus()
            return
        except KnownError as exc:  # storage trouble: the database went away meanwhile
            self.message.setText(_(exc.message))
            return
        self.accept()
