"""Recording one desk visit of a person: when, how, language, interpreter and who paid, minutes, or a no-show."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLabel, QLineEdit, QSpinBox, QWidget

from ui import dialogs, forms
from ui.language import _, words
from welcomedesk.codes import Channel, Payer
from welcomedesk.errors import KnownError, ValidationError
from welcomedesk.identity import format_date, parse_date
from welcomedesk.presentation.labels import CHANNEL_LABELS, PAYER_LABELS, language_choices
from welcomedesk.services.desk import Desk
from welcomedesk.services.newcomers import PersonDetail
from welcomedesk.services.visits import MAX_MINUTES, Visit


class VisitDialog(QDialog):
    """One visit; Enter saves; a refusal's reason shows beside its field."""

    def __init__(self, desk: Desk, detail: PersonDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.detail = detail
        self.saved: int | None = None
        self.setObjectName("visitDialog")
        self.setWindowTitle(_("Record a visit"))
        self.setMinimumWidth(520)
        row = detail.row
        title = QLabel(_("Record a visit"), objectName="pageTitle")
        who = QLabel(f"{row.family_name}, {row.given_names}")
        who.setTextFormat(Qt.TextFormat.PlainText)  # a name is shown as typed, never as markup
        self.visited_on = QLineEdit(format_date(date.today()), objectName="visitedOn")
        self.visited_on.setPlaceholderText("D.M.YYYY")
        self.channel = QComboBox(objectName="visitChannel")
        for channel, label in CHANNEL_LABELS.items():
            self.channel.addItem(_(label), channel.value)
        self.language = forms.searchable_choice("visitLanguage")
        for code, name in language_choices(words()):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(row.languages[0] if row.languages else "fi")))
        self.interpreter = QComboBox(objectName="interpreter")
        self.interpreter.addItem(_("No interpreter"), "")
        for payer, label in PAYER_LABELS.items():
            self.interpreter.addItem(_("Interpreter paid by: {payer}").format(payer=_(label).lower()), payer.value)
        self.minutes = QSpinBox(objectName="visitMinutes")
        self.minutes.setRange(1, MAX_MINUTES)
        self.minutes.setValue(30)
        self.minutes.setSuffix(" min")
        self.no_show = QCheckBox(_("Did not come"), objectName="noShow")
        self.no_show.toggled.connect(lambda missed: self.minutes.setEnabled(not missed))
        form, self.errors = forms.field_rows((
            ("visited_on", _("Date"), self.visited_on), ("channel", _("Channel"), self.channel),
            ("language", _("Language"), self.language), ("interpreter", _("Interpreter"), self.interpreter),
            ("minutes", _("Time taken"), self.minutes), ("no_show", _("Attendance"), self.no_show)))
        buttons, _save = forms.buttons(self, _("Save"), self.save)
        layout = forms.frame(self)
        layout.addWidget(title)
        layout.addWidget(who)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.visited_on.setFocus()

    def save(self) -> None:
        """Save the visit and close; a refusal stays in the form with each reason beside its field."""
        try:
            visited_on = parse_date(self.visited_on.text(), field="visited_on")
            payer = self.interpreter.currentData()
            visit = Visit(visited_on, Channel(self.channel.currentData()),
                          forms.typed_choice(self.language) or self.language.currentText().strip(),
                          Payer(payer) if payer else None, self.minutes.value(), self.no_show.isChecked())
            self.saved = self.desk.record_visit(self.detail.row.id, visit)
        except ValidationError as exc:
            forms.show_problems(self.errors, exc.problems, "visited_on")
            return
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self.accept()
