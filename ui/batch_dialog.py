"""Welcome packets for a group arrival: one PDF for each adult who arrives in a period, made in a pool of processes
while the app stays free, with progress, Cancel, and at the end what was written, refused or not made.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from ui import dialogs, forms, tasks
from ui.language import _, ngettext
from welcomedesk.errors import KnownError, ValidationError
from welcomedesk.identity import format_date, parse_date
from welcomedesk.services.desk import Desk
from welcomedesk.services.paper_batch import Batch, BatchJob, BatchOutcome
from welcomedesk.services.papers import paper_languages

COUNT_DELAY_MS = 300
# The period a group arrival most often is: the coming month.
COMING_DAYS = 30
FINNISH = "fi"
# Refusals listed by person in the summary; the rest are counted.
LISTED_REFUSALS = 8


def _date_field(name: str, value: date) -> QLineEdit:
    field = QLineEdit(format_date(value))
    field.setObjectName(name)
    field.setPlaceholderText("D.M.YYYY")
    return field


class BatchDialog(QDialog):
    """The period, the languages and the folder; how many packets that makes; then Start, progress and Cancel."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.folder: Path | None = None
        self.batch: Batch | None = None
        self.outcomes: list[BatchOutcome] | None = None
        self.total = 0
        self._counting = 0  # the latest count asked for; an older answer is dropped
        self._close_when_done = False
        self.setObjectName("batchDialog")
        title = _("Packets for an arrival")
        self.setWindowTitle(title)
        self.setMinimumWidth(620)
        explain = QLabel(_("One welcome packet for each adult who arrives in the period, each in its own PDF file. "
                           "Children's steps are in their parents' packets."), objectName="muted")
        explain.setWordWrap(True)
        today = date.today()
        self.arrived_from = _date_field("arrivedFrom", today)
        self.arrived_to = _date_field("arrivedTo", today + timedelta(days=COMING_DAYS))
        self.language = QComboBox(objectName="batchLanguage")
        self.language.addItem(_("Each person's own language"), "")
        for code, name in paper_languages():
            self.language.addItem(name, code)
        self.with_finnish = QCheckBox(_("Finnish as the second language"), objectName="batchWithFinnish")
        self.folder_text = QLabel(objectName="batchFolder")
        self.folder_text.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_text.setWordWrap(True)
        self.choose_folder = QPushButton(_("Choose…"), objectName="chooseFolder")
        self.choose_folder.setAccessibleName(_("Choose the folder for the packets"))
        folder_row = QWidget()
        folder_line = QHBoxLayout(folder_row)
        folder_line.setContentsMargins(0, 0, 0, 0)
        folder_line.addWidget(self.folder_text, 1)
        folder_line.addWidget(self.choose_folder)
        form, self.errors = forms.field_rows((
            ("arrived_from", _("Arriving from"), self.arrived_from),
            ("arrived_to", _("Arriving until"), self.arrived_to),
            ("language", _("Language"), self.language), ("with_finnish", "", self.with_finnish),
            ("folder", _("Folder"), folder_row)))
        self.with_finnish.setAccessibleName(_("Finnish as the second language"))
        self.count = QLabel(objectName="batchCount")
        self.count.setWordWrap(True)
        self.progress = QProgressBar(objectName="batchProgress")
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(_("Packets made"))
        self.progress_text = QLabel(objectName="batchProgressText")
        self.summary = QLabel(objectName="batchSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for part in (self.progress, self.progress_text, self.summary):
            part.hide()

        self.start_button = QPushButton(_("Start"), objectName="startBatch")
        self.start_button.setProperty("primary", True)
        self.start_button.setDefault(True)
        self.cancel_button = QPushButton(_("Cancel"), objectName="cancelBatch")
        self.cancel_button.setAccessibleName(_("Stop making the packets"))
        self.cancel_button.hide()
        self.open_button = QPushButton(_("Open the folder"), objectName="openFolder")
        self.open_button.hide()
        self.close_button = QPushButton(_("Close"), objectName="closeBatch")
        acts = QHBoxLayout()
        acts.addWidget(self.start_button)
        acts.addWidget(self.cancel_button)
        acts.addWidget(self.open_button)
        acts.addStretch(1)
        acts.addWidget(self.close_button)
        layout = forms.frame(self)
        layout.addWidget(QLabel(title, objectName="pageTitle"))
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.count)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_text)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        layout.addLayout(acts)

        self._timer = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS)
        self._timer.timeout.connect(self.count_packets)
        for field in (self.arrived_from, self.arrived_to):
            field.textChanged.connect(lambda _text: self._changed())
        self.language.currentIndexChanged.connect(self._changed)
        self.with_finnish.toggled.connect(self._changed)
        self.choose_folder.clicked.connect(self._choose_folder)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.reject)
        self._show_folder()
        self._enable()
        self.arrived_from.setFocus()
        self.count_packets()

    @property
    def running(self) -> bool:
        return self.batch is not None and self.outcomes is None

    # -- the choices

    def _languages(self) -> tuple[str, ...]:
        chosen = str(self.language.currentData() or "")
        if not chosen:
            return ()  # each person's document language
        return (chosen, FINNISH) if self.with_finnish.isChecked() and chosen != FINNISH else (chosen,)

    def _period(self) -> tuple[date, date]:
        """The two days typed; a refusal's reason beside its field."""
        for error in self.errors.values():
            error.hide()
        return (parse_date(self.arrived_from.text(), field="arrived_from"),
                parse_date(self.arrived_to.text(), field="arrived_to"))

    def _enable(self) -> None:
        one = bool(self.language.currentData()) and self.language.currentData() != FINNISH
        self.with_finnish.setEnabled(one and not self.running)
        self.start_button.setEnabled(self.folder is not None and self.total > 0 and not self.running)

    def _changed(self) -> None:
        # Counted again after a pause in typing; Start waits for that count, and a count under way is dropped.
        self._counting += 1
        self.total = 0
        self.count.setText(_("Counting…"))
        self._enable()
        self._timer.start()

    def _choose_folder(self) -> None:
        chosen = dialogs.choose_folder(self, _("The folder for the packets"))
        if chosen is not None:
            self.folder = chosen
            self._show_folder()
            self._enable()
            self.start_button.setFocus()

    def _show_folder(self) -> None:
        self.folder_text.setText(str(self.folder) if self.folder else _("No folder chosen yet."))

    def count_packets(self) -> None:
        """How many packets the choices make (one for each adult arriving), counted off the GUI thread."""
        self._timer.stop()
        try:
            arrived_from, arrived_to = self._period()
        except ValidationError as exc:
            self._refused(exc)
            return
        self._counting += 1
        asked, desk, languages = self._counting, self.desk, self._languages()
        out = self.folder or Path.home()
        self.count.setText(_("Counting…"))
        tasks.run_task(lambda _progress: desk.plan_packets(arrived_from, arrived_to, out, languages),
                       on_done=lambda jobs: self._counted(asked, jobs),
                       on_error=lambda exc: self._count_failed(asked, exc))

    def _counted(self, asked: int, jobs: list[BatchJob]) -> None:
        if asked != self._counting:
            return
        self.total = len(jobs)
        self.count.setText(ngettext("This makes {count} packet.", "This makes {count} packets.", self.total).format(
            count=self.total) if jobs else _("Nobody arrives in that period."))
        self._enable()

    def _count_failed(self, asked: int, exc: BaseException) -> None:
        if asked != self._counting:
            return
        if not isinstance(exc, KnownError):
            raise exc
        if isinstance(exc, ValidationError):
            self._refused(exc)
        else:
            self.total = 0
            self.count.setText("")
            self._enable()
            dialogs.known_error(self, exc)

    def _refused(self, exc: ValidationError) -> None:
        self.total = 0
        self.count.setText("")
        forms.show_problems(self.errors, exc.problems, "arrived_from")
        self._enable()

    # -- the run

    def start(self) -> None:
        """Plan the jobs again for the folder chosen, then make them in the background."""
        if self.running or self.folder is None:
            return
        try:
            arrived_from, arrived_to = self._period()
            jobs = self.desk.plan_packets(arrived_from, arrived_to, self.folder, self._languages())
        except ValidationError as exc:
            self._refused(exc)
            return
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        if not jobs:
            self._counted(self._counting, jobs)
            return
        batch = self.batch = Batch(jobs)
        self.outcomes = None
        self.total = len(jobs)
        self.progress.setRange(0, self.total)
        self.progress.setValue(0)
        self._show_progress(0)
        for part in (self.arrived_from, self.arrived_to, self.language, self.with_finnish, self.choose_folder):
            part.setEnabled(False)
        self.summary.hide()
        self.open_button.hide()
        self.start_button.hide()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.progress.show()
        self.progress_text.show()
        self.cancel_button.setFocus()

        def work(progress: tasks.Progress) -> list[BatchOutcome]:
            return batch.run(lambda _outcome, done, total: progress.report(done, total))

        tasks.run_task(work, on_done=self._finished, on_error=self._failed, on_progress=self._progressed)

    def _show_progress(self, done: int) -> None:
        self.progress_text.setText(_("{done} of {total}").format(done=done, total=self.total))

    def _progressed(self, done: int, _total: int) -> None:
        self.progress.setValue(done)
        if self.batch is not None and self.batch.cancelled:
            self.progress_text.setText(_("Stopping: the packets being made are finished first… ({done} of {total})")
                                       .format(done=done, total=self.total))
        else:
            self._show_progress(done)

    def cancel(self) -> None:
        """Stop: the packets not started are not made; those being made are finished whole."""
        if not self.running or self.batch is None:
            return
        self.batch.cancel()
        self.cancel_button.setEnabled(False)
        self.progress_text.setText(_("Stopping: the packets being made are finished first…"))

    def _finished(self, outcomes: list[BatchOutcome]) -> None:
        self.outcomes = outcomes
        self._ended()
        written = [o for o in outcomes if o.out is not None]
        refused = [o for o in outcomes if o.out is None]
        not_made = self.total - len(outcomes)
        lines = [ngettext("{count} packet written to {folder}.", "{count} packets written to {folder}.",
                          len(written)).format(count=len(written), folder=self.folder)]
        if refused:
            lines.append(ngettext("{count} packet could not be made:", "{count} packets could not be made:",
                                  len(refused)).format(count=len(refused)))
            for outcome in refused[:LISTED_REFUSALS]:
                lines.append("  " + _("Person {id}: {reasons}").format(
                    id=outcome.person_id, reasons=" ".join(_(reason) for reason in outcome.reasons)))
            if len(refused) > LISTED_REFUSALS:
                lines.append("  " + _("and {count} more").format(count=len(refused) - LISTED_REFUSALS))
        if self.batch is not None and self.batch.cancelled:
            lines.append(ngettext("Cancelled: {count} packet was not made.",
                                  "Cancelled: {count} packets were not made.", not_made).format(count=not_made))
        self.summary.setText("\n".join(lines))
        self.summary.show()
        self.open_button.setVisible(bool(written))
        self.progress_text.setText(_("{done} of {total}").format(done=len(outcomes), total=self.total))
        if self._close_when_done:
            super().reject()

    def _failed(self, exc: BaseException) -> None:
        self.outcomes = []
        self._ended()
        self.progress.hide()
        self.progress_text.hide()
        if self._close_when_done:
            super().reject()
        if not isinstance(exc, KnownError):
            raise exc
        dialogs.known_error(self, exc)

    def _ended(self) -> None:
        for part in (self.arrived_from, self.arrived_to, self.language, self.choose_folder):
            part.setEnabled(True)
        self.cancel_button.hide()
        self.start_button.show()
        self._enable()
        self.close_button.setFocus()

    def open_folder(self) -> None:
        """The folder of the packets in the computer's file manager."""
        if self.folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))

    # -- closing

    def reject(self) -> None:
        """Close (Escape, the window's close button too); while packets are being made, only once the worker agrees
        to stop them, and then when the last one being made is done."""
        if not self.running:
            super().reject()
            return
        if self._close_when_done or dialogs.ask(self, self.windowTitle(), _(
                "The packets are still being made. Stop and close? The packets already made are kept.")):
            self._close_when_done = True
            self.cancel()
