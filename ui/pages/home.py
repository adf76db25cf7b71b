"""The Home page: what the desk has to do today, list by list; a row opens its person."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QHelpEvent, QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs
from ui.hub import Hub
from ui.language import _, ngettext, words
from ui.style import ERROR
from welcomedesk.errors import KnownError
from welcomedesk.i18n import N_
from welcomedesk.presentation.labels import date_text
from welcomedesk.presentation.steps import catalogue_text
from welcomedesk.services.desk import Desk
from welcomedesk.services.today import (
    ARRIVALS_AHEAD,
    COUNT_CAP,
    PERMIT_AHEAD,
    PROTECTION_AHEAD,
    Today,
    TodayList,
    TodayRow,
)

# A list shows this many rows before it scrolls, so every section stays in sight on a laptop screen.
VISIBLE_ROWS = 6
CELL_ROOM = 24  # a cell's padding and the space before the next column
_LATE = N_("late")  # the same word as a late step on the person's page
# Two cards side by side only where such a row fits in each (at 150 % text or in a narrow window, one column).
TWO_COLUMN_SAMPLE = "Al-Rubaie, Zahraa   Osallistu monikieliseen   25.11.2026 · myöhässä"
CARD_FRAME = 64  # a card's margins and border, and a list's scroll bar
PAGE_FRAME = 24 + 24 + 20 + 16  # the page's margins, the space between the cards, the page's scroll bar


@dataclass(frozen=True)
class Cell:
    """One cell after the name: its words, and whether they tell of something late (shown in red too)."""

    text: str
    late: bool = False


def _due(row: TodayRow, on: date) -> Cell:
    """A due day; one already past says "late" in words as well as in colour."""
    day = date_text(row.day, words())
    if row.day is not None and row.day < on:
        return Cell(f"{day} · {_(_LATE)}", late=True)
    return Cell(day)


def _step(row: TodayRow, on: date) -> tuple[Cell, ...]:
    return Cell(catalogue_text(row.what or {}, words()) or "—"), _due(row, on)


def _ends(row: TodayRow, on: date) -> Cell:
    day = date_text(row.day, words())
    if row.day is not None and row.day < on:
        return Cell(_("ended {day}").format(day=day), late=True)
    return Cell(_("ends {day}").format(day=day))


def _protection(row: TodayRow, on: date) -> tuple[Cell, ...]:
    months = row.months or 0
    return Cell(ngettext("{months} month", "{months} months", months).format(months=months)), _ends(row, on)


@dataclass(frozen=True)
class Section:
    """One list of the page: which of the day's lists it shows, its words, and its cells after the name."""

    key: str  # the attribute of ``Today``
    title: str
    empty: str
    cells: Callable[[TodayRow, date], tuple[Cell, ...]]
    days: int = 0  # the window a title or an empty line names


# In reading order, two by two: the steps, whom to contact or expect, dates that end, the worker's own.
SECTIONS = (
    Section("overdue", N_("Late steps"), N_("Nothing late."), _step),
    Section("due_this_week", N_("Due this week"), N_("Nothing due this week."), _step),
    Section("follow_ups", N_("Follow-ups due"), N_("No follow-up calls due."), lambda row, on: (_due(row, on),)),
    Section("arrivals", N_("Arriving in the next {days} days"), N_("Nobody is expected in the next {days} days."),
            lambda row, _on: (Cell(date_text(row.day, words())),), ARRIVALS_AHEAD),
    Section("permits", N_("Permits ending"), N_("No residence permits end in the next {days} days."),
            lambda row, on: (_ends(row, on),), PERMIT_AHEAD),
    Section("protection", N_("Protection periods ending"), N_("No protection periods end in the next {days} days."),
            _protection, PROTECTION_AHEAD),
    Section("recent", N_("Opened recently"), N_("You have not opened anyone yet."), lambda _row, _on: ()),
)


def name_text(row: TodayRow) -> str:
    """The name as the other lists show it, "Family, Given" (a dash for a person removed meanwhile)."""
    return ", ".join(part for part in (row.family_name, row.given_names) if part) or "—"


def count_text(found: TodayList) -> str:
    """How many there are: "1000+" once the count stopped at its cap."""
    return f"{COUNT_CAP}+" if found.capped else str(found.total)


def plain_tip(text: str) -> str:
    """A tooltip that shows ``text`` as typed: a name with "<b>" in it is never read as markup."""
    return f"<p>{html.escape(text)}</p>"


class RowList(QTableWidget):
    """A compact read-only list of people: Enter or a double click opens the person of the row.

    Only the list with the focus shows its chosen row, so the page has one highlighted row at most.
    Text too long for its column wraps onto a second line (a long Finnish step name, 150 % text); where
    it still cannot show whole, its tooltip shows it.
    """

    opened = Signal(int)

    def __init__(self, name: str) -> None:
        super().__init__(0, 0)
        self.setObjectName(name)
        self.setProperty("todayList", True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab goes to the next list, the arrows move within this one
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().hide()
        self.cellDoubleClicked.connect(lambda row, _column: self.open_row(row))

    def fill(self, rows: list[tuple[int, list[Cell]]]) -> None:
        """Show ``(person id, cells)`` rows, the name first; the chosen row stays where it was."""
        current = self.currentRow()
        self.clearContents()
        columns = max((len(cells) for _pid, cells in rows), default=1)
        self.setColumnCount(columns)
        self.setRowCount(len(rows))
        for r, (person_id, cells) in enumerate(rows):
            for c, cell in enumerate(cells):
                item = QTableWidgetItem(cell.text)
                item.setData(Qt.ItemDataRole.UserRole, person_id)
                if cell.late:
                    item.setForeground(QColor(ERROR))
                self.setItem(r, c, item)
        header = self.horizontalHeader()
        for c in range(columns):
            # Sized to their texts in size_columns(); the last one takes the rest of the width.
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if c == columns - 1
                                        else QHeaderView.ResizeMode.Interactive)
        if rows:
            self.setCurrentCell(min(max(current, 0), len(rows) - 1), 0)
            if not self.hasFocus():
                self.clearSelection()
        self.fit()

    def size_columns(self) -> None:
        """Each column as wide as its longest text, so the day follows close on the name or the step, aligned.

        Where the width runs short, the day keeps its room, the name takes at most two fifths and the step
        what is left (cut with "…", whole in its tooltip).
        """
        columns = self.columnCount()
        if columns < 2:
            return
        metrics = self.fontMetrics()
        widest = [max((metrics.horizontalAdvance(item.text()) for item in
                       (self.item(r, c) for r in range(self.rowCount())) if item is not None), default=0) + CELL_ROOM
                  for c in range(columns)]
        room = self.viewport().width() - widest[-1]
        name = min(widest[0], room * 2 // 5 if columns == 3 else room)
        self.setColumnWidth(0, max(name, 0))
        if columns == 3:
            self.setColumnWidth(1, max(min(widest[1], room - name), 0))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.size_columns()
        self.fit_rows()  # a narrower column wraps more

    def fit(self) -> None:
        """The scroll bar only where there are more than ``VISIBLE_ROWS`` rows; columns and rows to their text."""
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if self.rowCount() > VISIBLE_ROWS
                                        else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.size_columns()
        self.fit_rows()

    def fit_rows(self) -> None:
        """Each row as tall as its wrapped text, at least one line with room; the list as tall as its
        first ``VISIBLE_ROWS`` rows."""
        line = self.fontMetrics().height() + 14
        self.resizeRowsToContents()
        for r in range(self.rowCount()):
            if self.rowHeight(r) < line:
                self.setRowHeight(r, line)
        shown = sum(self.rowHeight(r) for r in range(min(self.rowCount(), VISIBLE_ROWS)))
        # Room for the focus frame too, so focusing a list never brings up a scroll bar.
        self.setFixedHeight(max(shown, line) + 6)

    def person_at(self, row: int) -> int | None:
        item = self.item(row, 0)
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def open_row(self, row: int) -> None:
        person_id = self.person_at(row)
        if person_id is not None:
            self.opened.emit(person_id)

    def tip_at(self, index: QModelIndex) -> str | None:
        """The whole text of a cell cut short by its column, as a tooltip; None when it shows whole."""
        text = index.data() if index.isValid() else None
        if not text:
            return None
        cell = self.visualRect(index).adjusted(6, 0, -6, 0)  # the cell's padding
        needed = self.fontMetrics().boundingRect(cell, int(Qt.TextFlag.TextWordWrap), str(text))
        return plain_tip(str(text)) if needed.width() > cell.width() or needed.height() > cell.height() else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.open_row(self.currentRow())
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.rowCount():
            self.selectRow(max(self.currentRow(), 0))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.clearSelection()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.indexAt(event.pos())
            tip = self.tip_at(index)
            if tip is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), tip, self.viewport(), self.visualRect(index))
            return True
        return super().viewportEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit()


class SectionCard(QFrame):
    """One section: its heading with the count, and its list, or a short line when the list is empty."""

    def __init__(self, section: Section) -> None:
        super().__init__(objectName="card")
        self.section = section
        self.heading = QLabel(objectName="sectionTitle")
        self.heading.setWordWrap(True)
        self.list = RowList(f"{section.key}List")
        self.empty = QLabel(objectName="muted")
        self.empty.setWordWrap(True)
        self.more = QLabel(objectName="muted")
        self.more.setWordWrap(True)
        self.more.hide()
        for line in (self.empty, self.more):
            line.setContentsMargins(6, 0, 0, 0)  # in line with the heading and the rows' text
        box = QVBoxLayout(self)
        box.setContentsMargins(16, 4, 16, 14)  # the title has a top margin
        box.setSpacing(8)
        box.addWidget(self.heading)
        box.addWidget(self.list)
        box.addWidget(self.empty)
        box.addWidget(self.more)
        box.addStretch(1)

    def show_list(self, found: TodayList | None, on: date) -> None:
        """Fill the card with ``found`` (None: not read yet) in the current language."""
        section = self.section
        title = _(section.title).format(days=section.days)
        self.heading.setText(title if found is None else _("{title} ({count})").format(
            title=title, count=count_text(found)))
        self.list.setAccessibleName(title)
        self.list.setAccessibleDescription(self.heading.text())
        self.empty.setText(_(section.empty).format(days=section.days))
        rows = [] if found is None else found.rows
        self.list.fill([(row.person_id, [Cell(name_text(row)), *section.cells(row, on)]) for row in rows])
        self.list.setHidden(not rows)
        self.empty.setHidden(bool(rows) or found is None)
        more = found is not None and found.total > len(rows) > 0
        self.more.setVisible(more)
        if found is not None and more:
            self.more.setText(ngettext("Showing the first {shown} of {total}.", "Showing the first {shown} of {total}.",
                                       found.total).format(shown=len(rows), total=count_text(found)))


class HomePage(QWidget):
    """The day at the desk: late and due steps, calls to make, permits and protection periods that end,
    arrivals, and the people this worker opened lately. Enter or a double click on a row opens its person."""

    person_opened = Signal(int)

    def __init__(self, desk: Desk, hub: Hub) -> None:
        super().__init__()
        self.desk = desk
        self.today: Today | None = None
        self.setObjectName("homePage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # white, also outside the main window
        self.title = QLabel(objectName="pageTitle")
        self.date = QLabel(objectName="pageSubtitle")
        self.date.setWordWrap(True)
        self.refresh_button = QPushButton(objectName="refreshHome")
        self.refresh_button.clicked.connect(lambda: self.refresh())
        QShortcut(QKeySequence.StandardKey.Refresh, self, activated=self.refresh,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.title)
        heading.addWidget(self.date)
        top = QHBoxLayout()
        top.setContentsMargins(24, 20, 24, 8)
        top.addLayout(heading, 1)
        top.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)

        self.cards = [SectionCard(section) for section in SECTIONS]
        for card in self.cards:
            card.list.opened.connect(self.person_opened)
        content = QWidget(objectName="pageContent")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(20)
        self.grid.setVerticalSpacing(16)
        self.columns = 0
        column = QVBoxLayout(content)
        column.setContentsMargins(24, 8, 24, 24)
        column.addLayout(self.grid)
        column.addStretch(1)
        self._lay_out()
        scroll = QScrollArea(objectName="homeScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        self.scroll_area = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

        # Tab goes from list to list in reading order (an empty list is hidden and so skipped).
        previous: QWidget = self.refresh_button
        for card in self.cards:
            QWidget.setTabOrder(previous, card.list)
            previous = card.list
        hub.language_changed.connect(lambda _lang: self.retranslate())
        self.retranslate()

    def _lay_out(self) -> None:
        """The cards two by two where a row of a list fits in half the width; else one under another."""
        need = self.fontMetrics().horizontalAdvance(TWO_COLUMN_SAMPLE) + CARD_FRAME
        columns = 2 if self.width() - PAGE_FRAME >= 2 * need else 1
        if columns == self.columns:
            return
        self.columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        for i, card in enumerate(self.cards):
            # Each card as tall as its list: an empty one stays a short line, not a tall empty box.
            self.grid.addWidget(card, i // columns, i % columns, Qt.AlignmentFlag.AlignTop)
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1 if columns == 2 else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_out()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._lay_out()

    def lists(self) -> dict[str, RowList]:
        """Each section's list by the name of the day's list it shows."""
        return {card.section.key: card.list for card in self.cards}

    def card(self, key: str) -> SectionCard:
        return next(card for card in self.cards if card.section.key == key)

    def refresh(self, on: date | None = None) -> None:
        """Read the day's lists from the desk (for ``on``, today by default) and show them."""
        try:
            self.today = self.desk.today(on)
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self._show_lists()

    def focus_first_list(self) -> None:
        """The cursor to the first list with anyone in it (the Refresh button when every list is empty)."""
        first = next((card.list for card in self.cards if card.list.rowCount()), None)
        (first or self.refresh_button).setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate(self) -> None:
        """Set every text in the current language: the lists' dates and step names too."""
        self.title.setText(_("Today"))
        self.refresh_button.setText(_("Refresh"))
        self.refresh_button.setAccessibleName(_("Read the lists again"))
        self.refresh_button.setToolTip(QKeySequence(QKeySequence.StandardKey.Refresh).toString(
            QKeySequence.SequenceFormat.NativeText))
        self._show_lists()

    def _show_lists(self) -> None:
        on = self.today.on if self.today is not None else date.today()
        self.date.setText(long_date(on))
        for card in self.cards:
            card.show_list(None if self.today is None else getattr(self.today, card.section.key), on)


def long_date(on: date) -> str:
    """The day written out in the current language: "Keskiviikko 25. marraskuuta 2026"."""
    from babel.dates import format_date

    text = str(format_date(on, "full", locale=words().locale))
    return text[:1].upper() + text[1:]
