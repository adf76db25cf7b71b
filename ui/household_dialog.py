"""A person's role in a household, and moving them: to the household of someone found by name, or their own."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QWidget,
)

from ui import dialogs, forms
from ui.language import _, words
from welcomedesk.codes import Relation
from welcomedesk.errors import KnownError, Problem, ValidationError
from welcomedesk.presentation.labels import RELATION_LABELS, date_text
from welcomedesk.services.desk import Desk
from welcomedesk.services.households import OWN, STAY
from welcomedesk.services.newcomers import NewcomerQuery, PersonDetail

FOUND = 20  # people offered for a search: enough to pick from, few enough to read


class HouseholdDialog(QDialog):
    """The role, and where to: stay, join someone's household (found by name), or a household of their own."""

    def __init__(self, desk: Desk, detail: PersonDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.detail = desk, detail
        self.saved: int | None = None
        self.setObjectName("householdDialog")
        self.setWindowTitle(_("Household and role"))
        self.setMinimumWidth(560)
        title = QLabel(_("Household and role"), objectName="pageTitle")
        who = QLabel(f"{detail.row.family_name}, {detail.row.given_names}")
        who.setTextFormat(Qt.TextFormat.PlainText)  # a name is shown as typed, never as markup
        self.relation = QComboBox(objectName="relationChoice")
        for relation, label in RELATION_LABELS.items():
            self.relation.addItem(_(label), relation.value)
        self.relation.setCurrentIndex(max(0, self.relation.findData(detail.row.relation)))
        self.stay = QRadioButton(_("Stays in this household"), objectName="stay")
        self.join = QRadioButton(_("Moves to the household of:"), objectName="join")
        self.own = QRadioButton(_("Moves to a household of their own"), objectName="own")
        self.where = QButtonGroup(self)
        for button in (self.stay, self.join, self.own):
            self.where.addButton(button)
        self.stay.setChecked(True)
        self.search = QLineEdit(objectName="householdSearch")
        self.search.setPlaceholderText(_("Search by name"))
        self.found = QListWidget(objectName="householdFound")
        self.found.setFixedHeight(150)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self._look)
        self.search.textEdited.connect(lambda _text: (self.join.setChecked(True), self._timer.start()))
        form, self.errors = forms.field_rows((("relation", _("Role in the household"), self.relation),
                                              ("stay", "", self.stay), ("join", "", self.join),
                                              ("search", "", self.search), ("found", "", self.found),
                                              ("own", "", self.own)))
        self.search.setAccessibleName(_("Search for the household to join by a member's name"))
        self.found.setAccessibleName(_("People found"))
        buttons, self.save_button = forms.buttons(self, _("Save"), self.save, enter_presses=False)
        layout = forms.frame(self)
        for part in (title, who):
            layout.addWidget(part)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.relation.setFocus()

    def _look(self) -> None:
        self.found.clear()
        if not self.search.text().strip():
            return
        try:
            page = self.desk.search(NewcomerQuery(search=self.search.text()), limit=FOUND)
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        for row in page.rows:
            if row.household == self.detail.row.household:
                continue  # already in this household
            item = QListWidgetItem(f"{row.family_name}, {row.given_names} — {date_text(row.date_of_birth, words())}")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.found.addItem(item)
        if self.found.count():
            self.found.setCurrentRow(0)
        else:
            nobody = QListWidgetItem(_("No one else found with this name."))
            nobody.setFlags(Qt.ItemFlag.NoItemFlags)  # a message, not a choice
            self.found.addItem(nobody)

    def save(self) -> None:
        """Save the role and the move; a refusal stays in the form beside its field."""
        join: int | str = STAY
        if self.own.isChecked():
            join = OWN
        elif self.join.isChecked():
            item = self.found.currentItem()
            if item is None or item.data(Qt.ItemDataRole.UserRole) is None:
                forms.show_problems(self.errors, (Problem("search", _("Find the person whose household this person "
                                                                      "joins.")),), "relation")
                return
            join = int(item.data(Qt.ItemDataRole.UserRole))
        try:
            self.saved = self.desk.place_person(self.detail.row.id, self.detail.version,
                                                Relation(self.relation.currentData()), join)
        except ValidationError as exc:
            forms.show_problems(self.errors, exc.problems, "relation")
            return
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self.accept()
