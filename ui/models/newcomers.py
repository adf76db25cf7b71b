"""The newcomer list as a Qt table: paged in SQL, a few pages held at a time."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ui.fonts import missing_script
from ui.language import _, words
from ui.style import MUTED, status_colour
from welcomedesk.i18n import N_
from welcomedesk.presentation.labels import country_name, date_text, status_label
from welcomedesk.services.newcomers import NewcomerQuery, NewcomerRow, Page

FirstPage = Callable[[NewcomerQuery, int], Page]
LaterPage = Callable[[NewcomerQuery, int, int, int], Page]
Index = QModelIndex | QPersistentModelIndex

# (header, sort key of the service); the own spelling sorts with the passport name.
COLUMNS: tuple[tuple[str, str], ...] = (
    (N_("Name"), "name"),
    (N_("Own spelling"), "name"),
    (N_("Born"), "birth"),
    (N_("Nationality"), "nationality"),
    (N_("Status"), "status"),
    (N_("Arrival"), "arrival"),
    (N_("Municipality"), "municipality"),
)
NATIVE_COLUMN = 1
STATUS_COLUMN = 4


class NewcomerTableModel(QAbstractTableModel):
    """Rows come from the service page by page; only ``max_pages`` pages stay in memory."""

    def __init__(self, first_page: FirstPage, later_page: LaterPage, page_size: int = 100,
                 max_pages: int = 4, municipality_names: dict[str, str] | None = None) -> None:
        super().__init__()
        self._first_page = first_page
        self._later_page = later_page
        self.page_size = page_size
        self.max_pages = max_pages
        self.query = NewcomerQuery()
        self.total = 0
        self._pages: OrderedDict[int, tuple[NewcomerRow, ...]] = OrderedDict()
        self.municipality_names = municipality_names or {}

    # -- what the page asks for
    def set_query(self, query: NewcomerQuery) -> None:
        """Run ``query`` (one audited search) and show its first page."""
        page = self._first_page(query, self.page_size)
        self.beginResetModel()
        self.query = query
        self.total = page.total
        self._pages = OrderedDict({0: page.rows})
        self.endResetModel()

    def refresh(self) -> None:
        """Run the current query again (after data changed or the language switched)."""
        self.set_query(self.query)

    def row_at(self, row: int) -> NewcomerRow | None:
        """The newcomer shown on ``row``, fetching its page when needed."""
        if not 0 <= row < self.total:
            return None
        number, offset = divmod(row, self.page_size)
        rows = self._pages.get(number)
        if rows is None:
            rows = self._later_page(self.query, number * self.page_size, self.page_size, self.total).rows
            self._pages[number] = rows
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return rows[offset] if offset < len(rows) else None

    def pages_held(self) -> int:
        return len(self._pages)

    # -- Qt's side
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.display(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS_COLUMN:
            return QColor(status_colour(row.status))
        if role == Qt.ItemDataRole.ForegroundRole and column == NATIVE_COLUMN and missing_script(row.native_name):
            return QColor(MUTED)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0 and row.native_name:
            return row.native_name
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def display(self, row: NewcomerRow, column: int) -> str:
        """How ``row`` reads in ``column``, in the current language."""
        match column:
            case 0:
                return f"{row.family_name}, {row.given_names}"
            case 1:
                script = missing_script(row.native_name) if row.native_name else None
                return row.native_name if script is None else _("({script}: no font)").format(script=script)
            case 2:
                return date_text(row.date_of_birth, words())
            case 3:
                return country_name(row.nationality, words())
            case 4:
                return status_label(row.status, words())
            case 5:
                return date_text(row.arrival_date, words())
            case _:
                return self.municipality_names.get(row.municipality_code, row.municipality_code)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][0])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][1]
        descending = order == Qt.SortOrder.DescendingOrder
        if key != self.query.sort or descending != self.query.descending:
            self.set_query(replace(self.query, sort=key, descending=descending))
