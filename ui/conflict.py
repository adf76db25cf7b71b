"""Another desk saved the record first: both versions side by side, and the worker chooses. Nothing is lost."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ui import forms
from ui.field_editors import as_text
from ui.language import _, words
from welcomedesk.i18n import N_
from welcomedesk.person_fields import FIELD
from welcomedesk.presentation.person import value_text
from welcomedesk.services.newcomers import PersonDetail

COLUMNS = (N_("Field"), N_("Saved by someone else"), N_("Yours, not saved yet"))


class VersionsDialog(QDialog):
    """Their saved version and the worker's typed one, row by row; ``choice`` says what was chosen.

    ``rows`` are (what, theirs, mine, differs); a row that differs is shown in bold.
    """

    MINE = "mine"  # save the worker's changes over the other save
    THEIRS = "theirs"  # drop the worker's changes, show the saved version
    EDIT = "edit"  # back to editing, nothing decided

    def __init__(self, title: str, hint: str, rows: list[tuple[str, str, str, bool]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = self.EDIT
        self.setObjectName("conflictDialog")
        self.setWindowTitle(title)
        self.setMinimumSize(760, 420)
        heading = QLabel(title, objectName="pageTitle")
        explained = QLabel(hint)
        explained.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), objectName="conflictTable")
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.rows: list[tuple[str, str, str]] = []
        for what, theirs, mine, differs in rows:
            self.rows.append((what, theirs, mine))
            row = self.table.rowCount()
            self.table.insertRow(row)
            for column, text in enumerate(self.rows[-1]):
                item = QTableWidgetItem(text)
                if differs and column:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self.keep_mine: QPushButton = QPushButton(_("Save mine over theirs"), objectName="keepMine")
        self.keep_mine.setProperty("primary", True)
        self.take_theirs: QPushButton = QPushButton(_("Take theirs"), objectName="takeTheirs")
        self.back: QPushButton = QPushButton(_("Back to editing"), objectName="backToEditing")
        self.keep_mine.clicked.connect(self._mine)
        self.take_theirs.clicked.connect(self._theirs)
        self.back.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.keep_mine, self.take_theirs, self.back):
            buttons.addWidget(button)
        self.back.setDefault(True)
        layout = forms.frame(self)
        layout.addWidget(heading)
        layout.addWidget(explained)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _mine(self) -> None:
        self.choice = self.MINE
        self.accept()

    def _theirs(self) -> None:
        self.choice = self.THEIRS
        self.accept()


class ConflictDialog(VersionsDialog):
    """Another desk saved the person first: their version and the worker's typed one, field by field."""

    def __init__(self, theirs: PersonDetail, mine: dict[str, str], parent: QWidget | None = None) -> None:
        rows: list[tuple[str, str, str, bool]] = []
        for name, typed in mine.items():
            field = FIELD[name]
            saved = theirs.value(name)
            rows.append((_(field.label), value_text(field, saved, words()) or "—", typed or "—",
                         as_text(field, saved) != typed))
        super().__init__(_("Someone else saved this person"),
                         _("While you were editing, this person was saved at another desk. Compare the two versions: "
                           "keep yours, take theirs, or go back to editing. Nothing is lost until you choose."),
                         rows, parent)
