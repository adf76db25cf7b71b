"""The Newcomers page: search, filter and sort everyone registered; open a person."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
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
from ui.language import _, ngettext
from ui.models.newcomers import NewcomerTableModel
from welcomedesk.codes import Status
from welcomedesk.errors import KnownError
from welcomedesk.i18n import N_
from welcomedesk.presentation.labels import STATUS_LABELS
from welcomedesk.services.desk import Desk
from welcomedesk.services.newcomers import NewcomerQuery

SEARCH_DELAY_MS = 200

PERIODS = (
    ("all", N_("Any arrival time")),
    ("coming", N_("Arriving later")),
    ("30d", N_("Arrived in the last 30 days")),
    ("year", N_("Arrived this year")),
    ("last_year", N_("Arrived last year")),
    ("3y", N_("Arrived in the last 3 years")),
)


def period_range(key: str, today: date) -> tuple[date | None, date | None]:
    """The arrival dates an arrival-period choice covers."""
    if key == "coming":
        return today + timedelta(days=1), None
    if key == "30d":
        return today - timedelta(days=30), today
    if key == "year":
        return date(today.year, 1, 1), today
    if key == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    if key == "3y":
        # 29 February three years back does not exist: the day before will do.
        day = min(today.day, 28) if today.month == 2 else today.day
        return date(today.year - 3, today.month, day), today
    return None, None


class NewcomersPage(QWidget):
    """Everyone registered, found by name or identity code, narrowed by status and arrival."""

    person_opened = Signal(int)
    import_requested = Signal()
    register_requested = Signal()

    def __init__(self, desk: Desk, hub: Hub, municipality_names: dict[str, str]) -> None:
        super().__init__()
        self.desk = desk
        self.setObjectName("newcomersPage")
        self.model = NewcomerTableModel(
            first_page=desk.search,
            later_page=desk.page,
            municipality_names=municipality_names,
        )

        self.title = QLabel(objectName="pageTitle")
        self.count = QLabel(objectName="pageSubtitle")
        self.search = QLineEdit(objectName="search")
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox(objectName="statusFilter")
        self.period = QComboBox(objectName="periodFilter")
        self.table = QTableView(objectName="newcomerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        # Sorting on once the indicator shows the model's own order: no search is run for it.
        self.table.setSortingEnabled(True)

        filters = QHBoxLayout()
        filters.setSpacing(10)
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status, 1)
        filters.addWidget(self.period, 1)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.title)
        heading.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        self.import_button = QPushButton(objectName="importButton")
        self.import_button.clicked.connect(self.import_requested)
        self.packets_button = QPushButton(objectName="packetsButton")
        self.packets_button.clicked.connect(self.make_packets)
        self._batch: QDialog | None = None
        self.register_button = QPushButton(objectName="registerButton")
        self.register_button.setProperty("primary", True)
        self.register_button.clicked.connect(self.register_requested)
        top = QHBoxLayout()
        top.addLayout(heading, 1)
        top.addWidget(self.packets_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.register_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

        self.timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.apply_query)
        self.search.textChanged.connect(lambda _text: self.timer.start())
        self.search.returnPressed.connect(self._search_entered)
        self.status.currentIndexChanged.connect(lambda _i: self.apply_query())
        self.period.currentIndexChanged.connect(lambda _i: self.apply_query())
        self.table.activated.connect(self._open_index)
        # Down from the search box goes into the results, as in any search field.
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.search, activated=self._into_results,
                  context=Qt.ShortcutContext.WidgetShortcut)
        hub.language_changed.connect(lambda _lang: self.retranslate())
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language, keeping the choices made."""
        self.title.setText(_("Newcomers"))
        self.packets_button.setText(_("Packets for an arrival…"))
        self.packets_button.setAccessibleName(_("Make the welcome packets of everyone arriving in a period"))
        self.import_button.setText(_("Import a list…"))
        self.import_button.setAccessibleName(_("Import a list of newcomers from a file"))
        self.register_button.setText(_("Register a newcomer…"))
        self.register_button.setAccessibleName(_("Register a newcomer and their household"))
        self.register_button.setToolTip("Ctrl+N")
        self.search.setPlaceholderText(_("Search by name or personal identity code (Ctrl+F)"))
        self.search.setAccessibleName(_("Search newcomers"))
        self.status.setAccessibleName(_("Status filter"))
        self.period.setAccessibleName(_("Arrival period filter"))
        self.table.setAccessibleName(_("Newcomer list"))
        for combo, items in ((self.status, [("", N_("All statuses")), *STATUS_LABELS.items()]),
                             (self.period, list(PERIODS))):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for key, label in items:
                combo.addItem(_(label), key)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self._fit_columns()
        if self.model.total:
            self.model.dataChanged.emit(self.model.index(0, 0),
                                        self.model.index(self.model.rowCount() - 1, self.model.columnCount() - 1))
        self._update_count()

    def _fit_columns(self) -> None:
        # Widths follow the font and the language, so 150 % text and long Finnish headers fit.
        metrics = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 12)
        longest_status = max((_(label) for label in STATUS_LABELS.values()), key=metrics.horizontalAdvance)
        samples = ("Abdulrahman, Mohammed Ali", "Nguyễn Thị Thanh", "29.12.2000", "Filippiinit", longest_status,
                   "29.12.2000")
        bold = self.table.horizontalHeader().font()
        bold.setBold(True)
        header_metrics = QFontMetrics(bold)
        for column, sample in enumerate(samples):
            header = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            self.table.setColumnWidth(column, max(metrics.horizontalAdvance(sample) + 20,
                                                  header_metrics.horizontalAdvance(header) + 40))

    def make_packets(self) -> None:
        """Packets for a group arrival, in a window of their own: the list stays usable while they are made."""
        from ui.batch_dialog import BatchDialog

        if self._batch is None:
            self._batch = BatchDialog(self.desk, self)
            self._batch.setWindowModality(Qt.WindowModality.NonModal)
            self._batch.finished.connect(self._batch_closed)
        self._batch.show()
        self._batch.raise_()
        self._batch.activateWindow()

    def _batch_closed(self) -> None:
        if self._batch is not None:
            self._batch.deleteLater()
            self._batch = None

    def current_query(self) -> NewcomerQuery:
        """What the search box and filters ask for, in the list's current order."""
        status = self.status.currentData() or ""
        arrived_from, arrived_to = period_range(self.period.currentData() or "all", date.today())
        return NewcomerQuery(search=self.search.text(), statuses=frozenset({Status(status)}) if status else frozenset(),
                             arrived_from=arrived_from, arrived_to=arrived_to, sort=self.model.query.sort,
                             descending=self.model.query.descending)

    def apply_query(self) -> None:
        """Run the search now."""
        self.timer.stop()
        try:
            self.model.set_query(self.current_query())
        except KnownError as exc:
            dialogs.known_error(self, exc)
        self._update_count()
        if self.model.total:
            self.table.selectRow(0)

    def show_household(self, family_name: str) -> None:
        """The list searched for a family just registered, every status and period shown."""
        self.status.setCurrentIndex(0)
        self.period.setCurrentIndex(0)
        self.search.setText(family_name)
        self.apply_query()
        self.table.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_entered(self) -> None:
        if self.timer.isActive():
            self.apply_query()
        if self.model.total == 1:
            self._open_row(0)
        elif self.model.total:
            self.table.setFocus()

    def _into_results(self) -> None:
        if self.timer.isActive():
            self.apply_query()
        if self.model.total:
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.table.selectRow(max(0, self.table.currentIndex().row()))

    def _open_index(self, index: QModelIndex) -> None:
        self._open_row(index.row())

    def _open_row(self, row: int) -> None:
        newcomer = self.model.row_at(row)
        if newcomer is not None:
            self.person_opened.emit(newcomer.id)

    def _update_count(self) -> None:
        total = self.model.total
        self.count.setText(ngettext("{count} newcomer", "{count} newcomers", total).format(
            count=f"{total:,}".replace(",", "\u00a0")))
