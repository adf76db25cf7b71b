"""Two small forms of the person's page: a change in work or studies from a date, and a note (reason first)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ui import dialogs, forms
from ui.language import _
from welcomedesk.codes import Activity, NoteReason
from welcomedesk.errors import KnownError, ValidationError
from welcomedesk.identity import format_date, parse_date
from welcomedesk.presentation.labels import ACTIVITY_LABELS, NOTE_REASON_LABELS
from welcomedesk.services.desk import Desk
from welcomedesk.services.newcomers import PersonDetail


def _heading(dialog: QDialog, title: str, detail: PersonDetail) -> tuple[QLabel, QLabel]:
    dialog.setWindowTitle(title)
    dialog.setMinimumWidth(520)
    who = QLabel(f"{detail.row.family_name}, {detail.row.given_names}")
    who.setTextFormat(Qt.TextFormat.PlainText)  # a name is shown as typed, never as markup
    return QLabel(title, objectName="pageTitle"), who


def _choice(name: str, labels: dict[Activity, str] | dict[NoteReason, str]) -> QComboBox:
    combo = QComboBox(objectName=name)
    for code, label in labels.items():
        combo.addItem(_(label), code.value)
    return combo


class ActivityDialog(QDialog):
    """What the person does from a date: working, studying, looking for work, at home. Enter saves."""

    def __init__(self, desk: Desk, detail: PersonDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.detail = desk, detail
        self.saved: int | None = None
        self.setObjectName("activityDialog")
        title, who = _heading(self, _("Work or studies"), detail)
        self.activity = _choice("activityChoice", ACTIVITY_LABELS)
        self.since = QLineEdit(format_date(date.today()), objectName="activitySince")
        self.since.setPlaceholderText("D.M.YYYY")
        form, self.errors = forms.field_rows((("activity", _("Now"), self.activity), ("since", _("From"), self.since)))
        buttons, _save = forms.buttons(self, _("Save"), self.save)
        layout = forms.frame(self)
        for part in (title, who):
            layout.addWidget(part)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.activity.setFocus()

    def save(self) -> None:
        try:
            since = parse_date(self.since.text(), field="since")
            self.saved = self.desk.record_activity(self.detail.row.id, Activity(self.activity.currentData()), since)
        except ValidationError as exc:
            forms.show_problems(self.errors, exc.problems, "activity")
            return
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self.accept()


class NoteDialog(QDialog):
    """A note: its reason first; typed text brings a reminder of what a note may hold. Ctrl+Return saves."""

    def __init__(self, desk: Desk, detail: PersonDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.detail = desk, detail
        self.saved: int | None = None
        self.setObjectName("noteDialog")
        title, who = _heading(self, _("Add a note"), detail)
        self.reason = _choice("noteReason", NOTE_REASON_LABELS)
        self.text = QPlainTextEdit(objectName="noteText")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(110)
        self.warning = QLabel(_("Write only what the work needs, as you would say it to the person: they may ask "
                                "to see it. Notes are never exported."), objectName="noteWarning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.text.textChanged.connect(lambda: self.warning.setVisible(bool(self.text.toPlainText().strip())))
        form, self.errors = forms.field_rows((("reason", _("Reason"), self.reason),
                                              ("text", _("Details (only if needed)"), self.text)))
        buttons, _save = forms.buttons(self, _("Save"), self.save)
        layout = forms.frame(self)
        for part in (title, who):
            layout.addWidget(part)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(buttons)
        # Enter is a new line in the text; Ctrl+Return saves from anywhere in the form.
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.save)
        self.reason.setFocus()

    def save(self) -> None:
        try:
            self.saved = self.desk.add_note(self.detail.row.id, NoteReason(self.reason.currentData()),
                                            self.text.toPlainText())
        except ValidationError as exc:
            forms.show_problems(self.errors, exc.problems, "reason")
            return
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self.accept()
