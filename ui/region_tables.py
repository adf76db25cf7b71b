"""The region summary's tables on the Reports page: one read-only table per indicator with its totals, hidden
cells shown as ".." with a tooltip saying which kind, and the medians per step.

Each table is as tall as its rows and as wide as its columns: the page scrolls, never the tables.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.style import MUTED, SURFACE
from welcomedesk.exports.charts import MEDIANS, STEPS, median_rows
from welcomedesk.exports.report_labels import RegionLabels
from welcomedesk.exports.summary import Cell, Figure, Mark, Summary, Table

LABEL_COLUMN_WIDTH = 320
Row = tuple[str, list[Cell | str]]


class SummaryTable(QTableWidget):
    """One table of counts: a label column, the counts (hidden ones as ".."), a bold Total row."""

    def __init__(self, name: str, header: list[str], rows: list[Row], total: Row | None,
                 labels: RegionLabels) -> None:
        super().__init__(len(rows) + (1 if total else 0), len(header))
        self.setObjectName(name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalHeaderLabels(header)
        heading = self.horizontalHeader()
        heading.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        heading.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        heading.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        bold = QFont(self.font())
        bold.setBold(True)
        for number, (name_text, cells) in enumerate([*rows, *([total] if total else [])]):
            is_total = total is not None and number == len(rows)
            label = QTableWidgetItem(name_text)
            label.setToolTip(name_text)
            if is_total:
                label.setFont(bold)
                label.setBackground(QBrush(QColor(SURFACE)))
            self.setItem(number, 0, label)
            for column, cell in enumerate(cells, start=1):
                item = _item(cell, labels)
                if is_total:
                    item.setFont(bold)
                    item.setBackground(QBrush(QColor(SURFACE)))
                self.setItem(number, column, item)
        self.resizeColumnsToContents()
        self.setColumnWidth(0, max(LABEL_COLUMN_WIDTH, min(self.columnWidth(0), 480)))
        self._fit()

    def _fit(self) -> None:
        """As tall as the header and rows, as wide as the columns (less when the page is narrower)."""
        height = self.horizontalHeader().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(r) for r in range(self.rowCount()))
        scroll = self.horizontalScrollBar().sizeHint().height()
        self.setFixedHeight(height + (scroll if self.horizontalScrollBar().isVisible() else 0))
        width = sum(self.columnWidth(c) for c in range(self.columnCount())) + 2 * self.frameWidth()
        self.setMaximumWidth(width)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def text(self, row: int, column: int) -> str:
        """The text shown in a cell (tests read the table so)."""
        item = self.item(row, column)
        return item.text() if item is not None else ""


def _item(cell: Cell | str, labels: RegionLabels) -> QTableWidgetItem:
    item = QTableWidgetItem(cell if isinstance(cell, str) else labels.cell(cell))
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if isinstance(cell, Cell) and (cell.value is None or not cell.exact):
        if cell.mark is Mark.INCOMPLETE and cell.at_least is not None:
            said = labels.text("at_least")
        else:
            said = labels.mark(cell.mark if cell.mark is not Mark.EXACT else Mark.SUPPRESSED)
        item.setToolTip(said)
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, said)
        item.setForeground(QBrush(QColor(MUTED)))
    return item


def count_table(table: Table, labels: RegionLabels) -> SummaryTable:
    """One indicator's table: a Total column when it has more than one column, and a Total row."""
    with_total = len(table.columns) != 1
    header = ["", *(labels.column(table.code, c) for c in table.columns)]
    rows: list[Row] = [(labels.row(table.code, row), list(cells))
                       for row, cells in zip(table.rows, table.cells, strict=True)]
    totals: list[Cell | str] = list(table.column_totals)
    if with_total:
        header.append(labels.text("total"))
        rows = [(name, [*cells, row_total]) for (name, cells), row_total in zip(rows, table.row_totals, strict=True)]
        totals.append(table.total)
    return SummaryTable(table.code, header, rows, (labels.text("total"), totals), labels)


def medians_table(figures: tuple[Figure, ...], labels: RegionLabels) -> SummaryTable:
    """The medians per step: days to done and days waiting, each with the people it is measured over."""
    header = [labels.text("step")]
    for code in MEDIANS:
        header += [labels.text(code), labels.text("basis")]
    rows: list[Row] = [(labels.row(STEPS, step), [labels.number(c) if isinstance(c, float) else c for c in cells])
                       for step, cells in median_rows(figures)]
    return SummaryTable("medians", header, rows, None, labels)


class SummaryTables(QWidget):
    """Every table of a summary under its name, then the medians per step."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(6)
        self.tables: dict[str, SummaryTable] = {}

    def show_summary(self, summary: Summary, labels: RegionLabels) -> None:
        """Replace the tables with ``summary``'s."""
        while (child := self.layout_.takeAt(0)) is not None:
            if (widget := child.widget()) is not None:
                widget.deleteLater()
        self.tables = {}
        for table in summary.tables:
            note = "withheld" if table.withheld else "no_data" if not table.rows else ""
            self._add(labels.indicator(table.code), count_table(table, labels), labels.text(note) if note else "")
        if summary.figures:
            self._add(labels.text("figures"), medians_table(summary.figures, labels), "")

    def _add(self, title: str, table: SummaryTable, note_text: str) -> None:
        heading = QLabel(title)
        heading.setObjectName("tableTitle")
        heading.setWordWrap(True)
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)
        heading.setBuddy(table)
        table.setAccessibleName(title)
        self.layout_.addSpacing(10)
        self.layout_.addWidget(heading)
        if note_text:
            note = QLabel(note_text)
            note.setObjectName("muted")
            self.layout_.addWidget(note)
        self.layout_.addWidget(table)
        self.tables[table.objectName()] = table
