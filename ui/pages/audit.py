"""The audit log for administrators and coordinators: who saw and changed what, newest first, narrowed by
account, act, kind of record, record number and days; a page at a time, older pages on request.

Each page is one indexed query (and itself one entry in the log), so it is read on the GUI thread.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs
from ui.hub import Hub
from ui.language import _, ngettext, words
from ui.models.rows import RowsModel
from welcomedesk.errors import KnownError
from welcomedesk.i18n import N_
from welcomedesk.presentation.audit import action_label, entity_label, entry_cells
from welcomedesk.services.audit_log import AuditChoices, AuditPage, AuditQuery, AuditRow
from welcomedesk.services.desk import Desk

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (N_("Time"), N_("Who"), N_("Act"), N_("Record"), N_("Fields"))
FIELDS_COLUMN = 4
# Entries whose number is a person's: Enter or a double click opens that person.
ABOUT_A_PERSON = frozenset({"person", "person_history"})


def person_of(row: AuditRow) -> int | None:
    """The person an entry is about, if its record is a person."""
    return row.entity_id if row.entity in ABOUT_A_PERSON else None


class AuditTableModel(RowsModel):
    """The entries read so far, newest first, in the words of the language spoken now."""

    def __init__(self) -> None:
        super().__init__(COLUMNS)

    def append(self, rows: tuple[AuditRow, ...]) -> None:
        """An older page below the entries shown."""
        if not rows:
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()

    def display(self, row: AuditRow, column: int) -> str:
        return entry_cells(row, words())[column]

    def cell(self, row: AuditRow, column: int, role: int) -> Any:
        return person_of(row) if role == Qt.ItemDataRole.UserRole else None


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class AuditLogPage(QWidget):
    """The filters at the top, the entries below, "Older entries" under them."""

    person_opened = Signal(int)

    def __init__(self, desk: Desk, hub: Hub) -> None:
        super().__init__()
        self.desk = desk
        self.setObjectName("auditPage")
        self.model = AuditTableModel()
        self.choices = AuditChoices((), (), ())
        self.page: AuditPage | None = None
        self.query = AuditQuery()

        self.title = QLabel(objectName="pageTitle")
        self.subtitle = QLabel(objectName="pageSubtitle")
        self.subtitle.setWordWrap(True)
        self.account_label, self.action_label, self.entity_label = QLabel(), QLabel(), QLabel()
        self.account = QComboBox(objectName="auditAccount")
        self.action = QComboBox(objectName="auditAction")
        self.entity = QComboBox(objectName="auditEntity")
        for combo in (self.account, self.action, self.entity):
            # Long names and Finnish words do not push the row wider than the page: the list opens wide.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        self.number_label = QLabel()
        self.number = QLineEdit(objectName="auditNumber")
        self.number.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]{0,9}"), self.number))
        self.number.setMaximumWidth(self.number.fontMetrics().horizontalAdvance("0") * 9 + 24)
        for label, field in ((self.account_label, self.account), (self.action_label, self.action),
                             (self.entity_label, self.entity), (self.number_label, self.number)):
            label.setBuddy(field)
        # A day is a filter only when its box is ticked: no day, no limit.
        self.use_since = QCheckBox(objectName="auditSinceOn")
        self.use_until = QCheckBox(objectName="auditUntilOn")
        self.since, self.until = QDateEdit(objectName="auditSince"), QDateEdit(objectName="auditUntil")
        today = _qdate(date.today())
        for box, edit in ((self.use_since, self.since), (self.use_until, self.until)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d.M.yyyy")
            edit.setDate(today)
            edit.setEnabled(False)
            box.toggled.connect(edit.setEnabled)
            box.toggled.connect(lambda _on: self._check_days())
            edit.dateChanged.connect(lambda _d: self._check_days())
        self.search_button = QPushButton(objectName="auditSearch")
        self.search_button.setProperty("primary", True)
        self.search_button.clicked.connect(self.search)
        self.clear_button = QPushButton(objectName="auditClear")
        self.clear_button.clicked.connect(self.clear_filters)
        self.problem = QLabel(objectName="missing")
        self.problem.hide()
        self.count = QLabel(objectName="auditCount")

        self.table = QTableView(objectName="auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.older = QPushButton(objectName="olderEntries")
        self.older.setEnabled(False)
        self.older.clicked.connect(self.load_older)

        # Two rows, each label beside its field: one row of seven would not fit 150 % text.
        choices = QHBoxLayout()
        choices.setSpacing(8)
        for label, field in ((self.account_label, self.account), (self.action_label, self.action),
                             (self.entity_label, self.entity)):
            choices.addWidget(label)
            choices.addWidget(field, 1)
            choices.addSpacing(8)
        narrowing = QHBoxLayout()
        narrowing.setSpacing(8)
        for label, field in ((self.number_label, self.number), (self.use_since, self.since),
                             (self.use_until, self.until)):
            narrowing.addWidget(label)
            narrowing.addWidget(field)
            narrowing.addSpacing(8)
        narrowing.addStretch(1)
        narrowing.addWidget(self.search_button)
        narrowing.addWidget(self.clear_button)
        below = QHBoxLayout()
        below.addWidget(self.older)
        below.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(choices)
        layout.addLayout(narrowing)
        layout.addWidget(self.problem)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addLayout(below)

        self.number.returnPressed.connect(self.search)
        # Enter in a day or a choice searches too, as the Search button does.
        for field in (self.since, self.until, self.account, self.action, self.entity):
            for enter in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                QShortcut(QKeySequence(enter), field, activated=self.search,
                          context=Qt.ShortcutContext.WidgetShortcut)
        self.table.activated.connect(self._open)  # Enter and a double click alike
        hub.language_changed.connect(lambda _lang: self.retranslate())
        self.retranslate()
        self.refresh()

    # -- texts

    def retranslate(self) -> None:
        """Every text in the language spoken now; the filters chosen and the entries read stay."""
        self.title.setText(_("Audit log"))
        self.subtitle.setText(_("Who saw and changed what, newest first. Entries name the records and fields, "
                                "never what they hold."))
        self.account_label.setText(_("Who"))
        self.account.setAccessibleName(_("Account that acted"))
        self.action_label.setText(_("Act"))
        self.action.setAccessibleName(_("Act"))
        self.entity_label.setText(_("Kind of record"))
        self.entity.setAccessibleName(_("Kind of record"))
        self.number_label.setText(_("Record number"))
        self.number.setAccessibleName(_("Record number"))
        self.use_since.setText(_("From"))
        self.use_since.setAccessibleName(_("Only entries from a day on"))
        self.since.setAccessibleName(_("First day"))
        self.use_until.setText(_("To"))
        self.use_until.setAccessibleName(_("Only entries up to a day"))
        self.until.setAccessibleName(_("Last day"))
        self.search_button.setText(_("Search"))
        self.search_button.setAccessibleName(_("Search the audit log"))
        self.clear_button.setText(_("Clear"))
        self.clear_button.setAccessibleName(_("Clear the filters"))
        self.older.setText(_("Older entries"))
        self.older.setAccessibleName(_("Show the next page of older entries"))
        self.table.setAccessibleName(_("Audit log entries"))
        self._fill_choices()
        self.model.retranslate()
        self._fit_columns()
        self._check_days()
        self._update_count()

    def _fill_choices(self) -> None:
        said = words()
        _refill(self.account, _("Anyone"), [(name, account_id) for account_id, name in self.choices.accounts])
        _refill(self.action, _("Any act"), sorted(((action_label(a, said), a) for a in self.choices.actions),
                                                  key=lambda item: item[0].casefold()))
        _refill(self.entity, _("Any kind"), sorted(((entity_label(e, said), e) for e in self.choices.entities),
                                                   key=lambda item: item[0].casefold()))

    def _fit_columns(self) -> None:
        metrics = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 12)
        said = words()
        acts = [action_label(a, said) for a in self.choices.actions] or [_(COLUMNS[2])]
        widths = (metrics.horizontalAdvance("28.11.2026 23.59") + 32,
                  metrics.horizontalAdvance("Maija Virtanen-Korhonen") + 24,
                  max(metrics.horizontalAdvance(text) for text in acts) + 32,
                  metrics.horizontalAdvance(entity_label("checklist_item", said) + " 1234567") + 48)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)

    # -- what the page is asked to do

    def refresh(self) -> None:
        """The filters' choices and the first page read again, with the filters as they are."""
        try:
            self.choices = self.desk.audit_choices()
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self._fill_choices()
        self._fit_columns()
        self.search()

    def current_query(self) -> AuditQuery:
        """The filters as chosen, for the first page."""
        number = self.number.text().strip()
        return AuditQuery(account_id=self.account.currentData(), action=self.action.currentData() or "",
                          entity=self.entity.currentData() or "", entity_id=int(number) if number else None,
                          since=_date(self.since.date()) if self.use_since.isChecked() else None,
                          until=_date(self.until.date()) if self.use_until.isChecked() else None)

    def search(self) -> None:
        """The first page of entries the filters choose."""
        if not self._check_days():
            return
        query = self.current_query()
        try:
            page = self.desk.audit_page(query)
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self.query, self.page = query, page
        self.model.set_rows(page.rows)
        self.table.scrollToTop()
        self._update_count()

    def load_older(self) -> None:
        """The next page of older entries, below those shown; the first of them chosen."""
        if self.page is None or self.page.next is None:
            return
        query = replace(self.query, before=self.page.next)
        try:
            page = self.desk.audit_page(query)
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        first = self.model.rowCount()
        self.page = page
        self.model.append(page.rows)
        self._update_count()
        if page.rows:
            self.table.selectRow(first)
            self.table.scrollTo(self.model.index(first, 0), QAbstractItemView.ScrollHint.PositionAtTop)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_filters(self) -> None:
        """Everyone, every act and record, any day: the newest entries."""
        for combo in (self.account, self.action, self.entity):
            combo.setCurrentIndex(0)
        self.number.clear()
        self.use_since.setChecked(False)
        self.use_until.setChecked(False)
        self.search()

    # -- the inner workings

    def _check_days(self) -> bool:
        since = _date(self.since.date()) if self.use_since.isChecked() else None
        until = _date(self.until.date()) if self.use_until.isChecked() else None
        wrong = since is not None and until is not None and until < since
        self.problem.setText(_("The last day is before the first.") if wrong else "")
        self.problem.setVisible(wrong)
        self.search_button.setEnabled(not wrong)
        return not wrong

    def _update_count(self) -> None:
        if self.page is None:
            self.count.setText("")
            self.older.setEnabled(False)
            return
        total, shown = self.page.total, self.model.rowCount()
        text = ngettext("{count} entry", "{count} entries", total).format(count=total)
        if shown < total:
            text = _("{text}, the newest {shown} shown").format(text=text, shown=shown)
        self.count.setText(text)
        self.older.setEnabled(self.page.next is not None)

    def _open(self, index: QModelIndex) -> None:
        person = self.model.data(index, Qt.ItemDataRole.UserRole)
        if person is not None:
            self.person_opened.emit(int(person))


def _refill(combo: QComboBox, anything: str, items: list[tuple[str, Any]]) -> None:
    """The combo's items anew ("anything" first), keeping the one chosen if it is still there."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(anything, None)
    for text, data in items:
        combo.addItem(text, data)
    found = combo.findData(chosen) if chosen is not None else 0
    combo.setCurrentIndex(max(0, found))
    combo.blockSignals(False)
