"""Which row of a filtered list is chosen, and choosing one by its key: shared by the list pages."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QTableView


def chosen_row(table: QTableView, proxy: QSortFilterProxyModel) -> int | None:
    """The source model's row of the row chosen in ``table`` (the selection, else the current row)."""
    rows = table.selectionModel().selectedRows()
    index = rows[0] if rows else table.currentIndex()
    return proxy.mapToSource(index).row() if index.isValid() else None


def choose_row(table: QTableView, proxy: QSortFilterProxyModel, key: object) -> bool:
    """Choose the row whose first cell carries ``key`` (the first row shown when none does).

    Returns False when the list shows no rows at all.
    """
    if not proxy.rowCount():
        return False
    target = next((row for row in range(proxy.rowCount())
                   if proxy.data(proxy.index(row, 0), Qt.ItemDataRole.UserRole) == key), 0)
    table.selectRow(target)
    table.scrollTo(proxy.index(target, 0))
    return True
