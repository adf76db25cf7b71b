"""The person page's last card: who saw and changed this person's records, from the audit log.

Collapsed until the worker asks: opening a person stays one read and one audit entry, and the history is
read (and logged as read) only on "Show history".
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ui.language import _, words
from welcomedesk.i18n import N_
from welcomedesk.presentation.audit import entry_cells
from welcomedesk.services.audit_log import AuditRow

COLUMNS = (N_("When"), N_("Who"), N_("Act"), N_("What"), N_("Fields"))
# Taller histories scroll inside the card rather than stretching the page.
ROWS_SHOWN = 10


class PersonHistory(QFrame):
    """A card with "Show history"; once shown, the entries in a compact table, newest first."""

    history_requested = Signal(int)  # the person's number: the page's owner reads the history

    def __init__(self) -> None:
        super().__init__(objectName="card")
        self.person_id: int | None = None
        self.rows: tuple[AuditRow, ...] | None = None  # None: not shown
        self.title = QLabel(objectName="sectionTitle")
        self.note = QLabel(objectName="muted")
        self.note.setWordWrap(True)
        self.toggle = QPushButton(objectName="showHistory")
        self.toggle.clicked.connect(self._toggle)
        self.nothing = QLabel(objectName="muted")
        self.table = QTableWidget(0, len(COLUMNS), objectName="personHistoryTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)

        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addStretch(1)
        heading.addWidget(self.toggle)
        box = QVBoxLayout(self)
        box.setContentsMargins(16, 12, 16, 12)
        box.addLayout(heading)
        box.addWidget(self.note)
        box.addWidget(self.nothing)
        box.addWidget(self.table)
        self._collapse()

    @property
    def shown(self) -> bool:
        """Whether the history is open."""
        return self.rows is not None

    def show_person(self, person_id: int) -> None:
        """The card for ``person_id``: collapsed for another person; read anew when it was open on this one
        (an edit just saved shows in it)."""
        again = self.shown and person_id == self.person_id
        self.person_id = person_id
        self._collapse()
        if again:
            self.history_requested.emit(person_id)

    def show_rows(self, rows: tuple[AuditRow, ...]) -> None:
        """The history read for the person on the page, opened."""
        self.rows = rows
        self._fill()

    def retranslate(self) -> None:
        self.title.setText(_("History"))
        self.note.setText(_("Who opened and changed this person's records. Showing it is recorded too."))
        self.toggle.setText(_("Hide history") if self.shown else _("Show history"))
        self.toggle.setAccessibleName(_("Hide this person's history") if self.shown
                                      else _("Show who opened and changed this person's records"))
        self.nothing.setText(_("Nothing recorded yet."))
        self.table.setAccessibleName(_("This person's history"))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        if self.rows is not None:
            self._fill()

    def _toggle(self) -> None:
        if self.shown:
            self._collapse()
        elif self.person_id is not None:
            self.history_requested.emit(self.person_id)

    def _collapse(self) -> None:
        self.rows = None
        self.table.setRowCount(0)
        self.table.hide()
        self.nothing.hide()
        self.note.hide()
        self.retranslate()

    def _fill(self) -> None:
        rows = self.rows or ()
        self.note.show()
        self.nothing.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for column, text in enumerate(entry_cells(row, words())):
                item = QTableWidgetItem(text)  # plain text, never markup
                item.setToolTip(text)
                self.table.setItem(i, column, item)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        shown = min(len(rows), ROWS_SHOWN)
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + 4
                                  + shown * self.table.verticalHeader().defaultSectionSize())
        self.toggle.setText(_("Hide history"))
        self.toggle.setAccessibleName(_("Hide this person's history"))
