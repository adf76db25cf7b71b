"""The person page's part for moving on: the checklist of first steps, the follow-up contacts, the paths into
work and the dates the desk watches. Every row opens its form with Enter; Ctrl+D marks a step done today.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.language import _, ngettext, words
from ui.style import ERROR, MUTED
from welcomedesk.codes import CLOSED_ITEM_STATUSES, PathKind
from welcomedesk.i18n import N_
from welcomedesk.presentation.labels import code_label
from welcomedesk.presentation.steps import follow_up_lines, stage_lines, step_rows, watch_lines
from welcomedesk.services.newcomers import PersonDetail

STEP_COLUMNS = (N_("Step"), N_("Provided by"), N_("Due"), N_("Status"), N_("Done, referral, note"))
FOLLOW_UP_COLUMNS = (N_("Due"), N_("When"), N_("How it went"))
DONE_SHORTCUT = "Ctrl+D"


def _table(name: str, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    table.setShowGrid(False)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


def _fit(table: QTableWidget) -> None:
    """As tall as its rows: the page scrolls, not the table."""
    table.resizeRowsToContents()
    table.setFixedHeight(table.horizontalHeader().height() + 6
                         + sum(table.rowHeight(i) for i in range(table.rowCount())))


def _card(title: QLabel, *acts: QPushButton) -> tuple[QFrame, QVBoxLayout]:
    card = QFrame(objectName="card")
    box = QVBoxLayout(card)
    box.setContentsMargins(16, 12, 16, 12)
    heading = QHBoxLayout()
    heading.addWidget(title)
    heading.addStretch(1)
    for act in acts:
        heading.addWidget(act)
    box.addLayout(heading)
    return card, box


class StepsPanel(QWidget):
    """The checklist, follow-ups, paths and watched dates of the person on the page."""

    step_requested = Signal(int)  # a checklist item's number
    done_requested = Signal(int)
    follow_up_requested = Signal(int)
    stage_requested = Signal()
    job_end_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.detail: PersonDetail | None = None
        self.steps_title = QLabel(objectName="sectionTitle")
        self.open_step = QPushButton(objectName="openStep")
        self.mark_done = QPushButton(objectName="markDone")
        self.steps = _table("checklistTable", len(STEP_COLUMNS))
        header = self.steps.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.no_steps = QLabel(objectName="muted")
        self.follow_ups_title = QLabel(objectName="sectionTitle")
        self.record_follow_up = QPushButton(objectName="recordFollowUp")
        self.follow_ups = _table("followUpTable", len(FOLLOW_UP_COLUMNS))
        self.follow_ups.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.follow_ups.horizontalHeader().setStretchLastSection(True)
        self.no_follow_ups = QLabel(objectName="muted")
        self.no_follow_ups.setWordWrap(True)
        self.paths_title = QLabel(objectName="sectionTitle")
        self.add_stage = QPushButton(objectName="addStage")
        self.path_titles = {kind: QLabel(objectName="detailLabel") for kind in PathKind}
        self.path_lines = {kind: QFormLayout() for kind in PathKind}
        self.no_stages = QLabel(objectName="muted")
        self.no_stages.setWordWrap(True)
        self.watch_title = QLabel(objectName="sectionTitle")
        self.job_end = QPushButton(objectName="recordJobEnd")
        self.watched = QLabel()
        self.watched.setWordWrap(True)
        self.watched.setTextFormat(Qt.TextFormat.PlainText)

        steps_card, steps_box = _card(self.steps_title, self.mark_done, self.open_step)
        steps_box.addWidget(self.steps)
        steps_box.addWidget(self.no_steps)
        follow_card, follow_box = _card(self.follow_ups_title, self.record_follow_up)
        follow_box.addWidget(self.follow_ups)
        follow_box.addWidget(self.no_follow_ups)
        follow_box.addStretch(1)
        paths_card, paths_box = _card(self.paths_title, self.add_stage)
        for kind in PathKind:
            paths_box.addWidget(self.path_titles[kind])
            paths_box.addLayout(self.path_lines[kind])
        paths_box.addWidget(self.no_stages)
        paths_box.addStretch(1)
        watch_card, watch_box = _card(self.watch_title, self.job_end)
        watch_box.addWidget(self.watched)
        watch_box.addStretch(1)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(16)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.addWidget(steps_card, 0, 0, 1, 2)
        grid.addWidget(follow_card, 1, 0, 2, 1)
        grid.addWidget(paths_card, 1, 1)
        grid.addWidget(watch_card, 2, 1)

        # activated is Enter and a double click alike.
        self.steps.activated.connect(lambda _index: self._open_step())
        self.open_step.clicked.connect(self._open_step)
        self.mark_done.clicked.connect(self._mark_done)
        QShortcut(QKeySequence(DONE_SHORTCUT), self.steps, activated=self._mark_done,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.follow_ups.activated.connect(lambda _index: self._open_follow_up())
        self.record_follow_up.clicked.connect(self._open_follow_up)
        self.add_stage.clicked.connect(self.stage_requested)
        self.job_end.clicked.connect(self.job_end_requested)

    def _current(self, table: QTableWidget) -> int | None:
        item = table.item(table.currentRow(), 0)
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _open_step(self) -> None:
        chosen = self._current(self.steps)
        if chosen is not None:
            self.step_requested.emit(chosen)

    def _mark_done(self) -> None:
        chosen = self._current(self.steps)
        if chosen is not None:
            self.done_requested.emit(chosen)

    def _open_follow_up(self) -> None:
        chosen = self._current(self.follow_ups)
        if chosen is None and self.detail is not None:
            # The button with no row chosen: the first contact not yet made.
            chosen = next((f.follow_up_id for f in self.detail.follow_ups if f.outcome is None), None)
        if chosen is not None:
            self.follow_up_requested.emit(chosen)

    def chosen_step(self) -> int | None:
        """The checklist item the cursor is on, if any (a referral slip starts from it)."""
        return self._current(self.steps)

    def select_step(self, item_id: int) -> None:
        """Put the cursor back on a step (after its form saved), so the worker goes on from there."""
        for row in range(self.steps.rowCount()):
            item = self.steps.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == item_id:
                self.steps.setCurrentCell(row, 0)
                self.steps.setFocus()
                return

    def show_person(self, detail: PersonDetail) -> None:
        self.detail = detail
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language, and the person's rows."""
        self.steps_title.setText(_("Checklist"))
        self.open_step.setText(_("Open the step…"))
        self.open_step.setAccessibleName(_("Open the chosen step"))
        self.open_step.setToolTip("Enter")
        self.mark_done.setText(_("Mark done"))
        self.mark_done.setAccessibleName(_("Mark the chosen step done today"))
        self.mark_done.setToolTip(DONE_SHORTCUT)
        self.steps.setAccessibleName(_("Checklist of first steps"))
        self.steps.setHorizontalHeaderLabels([_(c) for c in STEP_COLUMNS])
        self.no_steps.setText(_("No first steps apply to this person."))
        self.follow_ups_title.setText(_("Follow-ups"))
        self.record_follow_up.setText(_("Record the contact…"))
        self.record_follow_up.setAccessibleName(_("Record a follow-up contact"))
        self.follow_ups.setAccessibleName(_("Follow-up contacts"))
        self.follow_ups.setHorizontalHeaderLabels([_(c) for c in FOLLOW_UP_COLUMNS])
        self.no_follow_ups.setText(_("Follow-ups are made for the main person of a household with an arrival date."))
        self.paths_title.setText(_("Path into work"))
        self.add_stage.setText(_("Add a stage…"))
        self.add_stage.setAccessibleName(_("Add a stage of the path into work"))
        self.no_stages.setText(_("No stages recorded."))
        self.watch_title.setText(_("Permit and job"))
        self.job_end.setText(_("Record the end of a job…"))
        self.job_end.setAccessibleName(_("Record the end of a job"))
        detail = self.detail
        if detail is None:
            return
        today = date.today()
        rows = step_rows(detail, words(), today)
        self.steps.setRowCount(len(rows))
        for i, (row, step) in enumerate(zip(rows, detail.steps, strict=True)):
            for column, text in enumerate((row.title, row.partner, row.due, row.status, row.detail)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, step.item_id)
                item.setToolTip(text)
                if not row.applies or step.status in CLOSED_ITEM_STATUSES:
                    item.setForeground(QBrush(QColor(MUTED)))
                elif row.late and column in (2, 3):
                    item.setForeground(QBrush(QColor(ERROR)))
                self.steps.setItem(i, column, item)
        self.steps.setVisible(bool(rows))
        self.no_steps.setVisible(not rows)
        self.open_step.setEnabled(bool(rows))
        self.mark_done.setEnabled(bool(rows))
        _fit(self.steps)
        lines = follow_up_lines(detail, words())
        self.follow_ups.setRowCount(len(lines))
        for i, (line, follow_up) in enumerate(zip(lines, detail.follow_ups, strict=True)):
            for column, text in enumerate(line):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, follow_up.follow_up_id)
                item.setToolTip(text)
                if follow_up.outcome is None and isinstance(follow_up.due_date, date) and follow_up.due_date < today:
                    item.setForeground(QBrush(QColor(ERROR)))
                self.follow_ups.setItem(i, column, item)
        self.follow_ups.setVisible(bool(lines))
        self.no_follow_ups.setVisible(not lines)
        self.record_follow_up.setEnabled(bool(lines))
        _fit(self.follow_ups)
        any_stage = False
        for kind in PathKind:
            stages = stage_lines(detail, kind, words())
            self.path_titles[kind].setText(code_label(PathKind, kind, words()))
            self.path_titles[kind].setVisible(bool(stages))
            form = self.path_lines[kind]
            while form.rowCount():
                form.removeRow(0)
            for when, what in stages:
                entry = QLabel(what)
                entry.setTextFormat(Qt.TextFormat.PlainText)
                entry.setWordWrap(True)
                form.addRow(QLabel(when, objectName="detailLabel"), entry)
            any_stage = any_stage or bool(stages)
        self.no_stages.setVisible(not any_stage)
        watched = watch_lines(detail, words())
        self.watched.setText("\n".join(watched) if watched else _("No permit end or job end recorded."))
        late = sum(1 for step in detail.steps if step.late(today))
        if late:
            self.steps_title.setText(ngettext("Checklist · {count} late", "Checklist · {count} late",
                                              late).format(count=late))
