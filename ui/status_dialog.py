"""Changing a person's status: which status, from which day, and for a move where to."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QWidget,
)

from ui import dialogs, forms
from ui.language import _, words
from welcomedesk.codes import MOVED_STATUSES, Status
from welcomedesk.errors import KnownError, ValidationError
from welcomedesk.identity import format_date, parse_date
from welcomedesk.presentation.labels import STATUS_LABELS, municipality_choices, status_label
from welcomedesk.services.desk import Desk
from welcomedesk.services.newcomers import PersonDetail


class StatusDialog(QDialog):
    """The new status of one person; the reason for a refusal shows beside its field."""

    def __init__(self, desk: Desk, detail: PersonDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.detail = detail
        self.saved: Status | None = None
        self.setObjectName("statusDialog")
        self.setWindowTitle(_("Change the status"))
        self.setMinimumWidth(520)
        row = detail.row
        title = QLabel(_("Change the status"), objectName="pageTitle")
        who = QLabel(_("{name}, now: {status}").format(name=f"{row.family_name}, {row.given_names}",
                                                        status=status_label(row.status, words())))
        who.setTextFormat(Qt.TextFormat.PlainText)  # a name is shown as typed, never as markup
        who.setWordWrap(True)
        self.status = QComboBox(objectName="statusChoice")
        for code, label in STATUS_LABELS.items():
            self.status.addItem(_(label), code)
        self.status.setCurrentIndex(max(0, self.status.findData(row.status)))
        self.since = QLineEdit(format_date(date.today()), objectName="since")
        self.since.setPlaceholderText(_("D.M.YYYY"))
        self.destination = forms.searchable_choice("destination")
        for municipality, label in municipality_choices(desk.municipality_names()):
            self.destination.addItem(label, municipality)
        self.destination.setCurrentIndex(-1)

        form, self.errors = forms.field_rows((("status", _("New status"), self.status),
                                              ("since", _("From"), self.since),
                                              ("destination", _("Moved to"), self.destination)))
        self.destination_caption = form.labelForField(self.destination)
        buttons, _save = forms.buttons(self, _("Save"), self.save)
        self.status.currentIndexChanged.connect(lambda _i: self._show_destination())

        layout = forms.frame(self)
        layout.addWidget(title)
        layout.addWidget(who)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._show_destination()
        self.status.setFocus()

    def _show_destination(self) -> None:
        moved = Status(self.status.currentData()) in MOVED_STATUSES
        self.destination.setVisible(moved)
        if self.destination_caption is not None:
            self.destination_caption.setVisible(moved)

    def _destination_code(self) -> str:
        # A typed code goes to the core as it is.
        return forms.typed_choice(self.destination) or self.destination.currentText().strip()

    def save(self) -> None:
        """Save the change; a refusal stays in the form, each reason beside its field."""
        status = Status(self.status.currentData())
        try:
            since = parse_date(self.since.text(), field="since")
            self.saved = self.desk.change_status(self.detail.row.id, status, since,
                                                 self._destination_code() if status in MOVED_STATUSES else "",
                                                 version=self.detail.version)
        except ValidationError as exc:
            forms.show_problems(self.errors, exc.problems, "status")
            return
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self.accept()
