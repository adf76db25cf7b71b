"""A table of plain rows under fixed column headings: what the partner, service, account and audit-log tables share.

A page's model says only how a row reads in a column (``display``) and what else a cell carries
(``cell``: its alignment, colour, number or sort key); the rows, their count, the headings and the words
made anew when the language changes live here once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.language import _

Index = QModelIndex | QPersistentModelIndex
# The roles a cell answers with its words: what is shown, its tooltip (a cut-off text read whole) and
# what a screen reader says.
TEXT_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.AccessibleTextRole})


class RowsModel(QAbstractTableModel):
    """Rows of plain values under ``columns`` (their headings marked with ``N_``, translated when shown)."""

    def __init__(self, columns: Sequence[str]) -> None:
        super().__init__()
        self.columns = tuple(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show ``rows`` in place of those shown."""
        self.beginResetModel()
        self.rows = list(rows)
        self.reworded()
        self.endResetModel()

    def reworded(self) -> None:
        """Make anew what the rows' words depend on (the language, the rows): a page's model may keep some."""

    def retranslate(self) -> None:
        """The language changed: every cell and heading reads again."""
        self.reworded()
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in TEXT_ROLES:
            return self.text(row, index.column(), role)
        return self.cell(row, index.column(), role)

    def text(self, row: Any, column: int, role: int) -> str:
        """The words of a cell for ``role`` (shown, tooltip, read aloud): the shown words unless a model says more."""
        return self.display(row, column)

    def display(self, row: Any, column: int) -> str:
        """How ``row`` reads in ``column``."""
        raise NotImplementedError

    def cell(self, row: Any, column: int, role: int) -> Any:
        """What else a cell carries for ``role`` (None: nothing)."""
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.columns[section])
        return None
