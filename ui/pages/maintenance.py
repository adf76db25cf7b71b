"""Maintenance, for administrators: backups made and put back, and the database checked whole.

Nothing here shows anyone's data: files, times, sizes, record numbers and field names.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs, tasks
from ui.hub import Hub
from ui.language import _, current_language, ngettext, words
from welcomedesk.errors import KnownError
from welcomedesk.presentation.labels import date_text, status_label
from welcomedesk.services.desk import Desk
from welcomedesk.services.health import HealthReport

BACKUP_FILTER = "WelcomeDesk (*.sqlite3 *.db);;*"


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{max(1, size // 1000)} kB"


def _moment(at: datetime) -> str:
    local = at.astimezone()
    # Day first, as the Nordic languages write it; English too (the program's English is British).
    return local.strftime("%d.%m.%Y %H:%M") if current_language() != "en" else local.strftime("%d/%m/%Y %H:%M")


class MaintenancePage(QWidget):
    """Back up now, restore from a backup, the automatic backups kept, and the database's check."""

    # Emitted once a backup has been put in place: the desk is closed and the app must start again.
    restored = Signal(str)

    def __init__(self, desk: Desk, hub: Hub) -> None:
        super().__init__()
        self.desk = desk
        self.hub = hub
        self.setObjectName("maintenancePage")
        self.title = QLabel(objectName="pageTitle")
        self.subtitle = QLabel(objectName="pageSubtitle")
        self.subtitle.setWordWrap(True)

        self.backup_heading = QLabel(objectName="sectionTitle")
        self.backup_text = QLabel(objectName="muted")
        self.backup_text.setWordWrap(True)
        self.backup_text.setTextFormat(Qt.TextFormat.PlainText)
        self.backup_now = QPushButton(objectName="backupNow")
        self.backup_now.setProperty("primary", True)
        self.restore_button = QPushButton(objectName="restoreBackup")
        self.kept_heading = QLabel(objectName="fieldLabel")
        self.kept = QListWidget(objectName="automaticBackups")
        self.kept.setMaximumHeight(150)
        self.backup_message = QLabel(objectName="muted")
        self.backup_message.setWordWrap(True)
        self.backup_message.setTextFormat(Qt.TextFormat.PlainText)

        self.check_heading = QLabel(objectName="sectionTitle")
        self.check_text = QLabel(objectName="muted")
        self.check_text.setWordWrap(True)
        self.check_button = QPushButton(objectName="checkDatabase")
        self.findings = QListWidget(objectName="checkFindings")
        self.findings.setWordWrap(True)
        self.findings.setVisible(False)
        self.check_result = QLabel(objectName="checkResult")
        self.check_result.setWordWrap(True)
        self.check_result.setTextFormat(Qt.TextFormat.PlainText)

        self.privacy_heading = QLabel(objectName="sectionTitle")
        self.erase_text = QLabel(objectName="muted")
        self.erase_text.setWordWrap(True)
        self.erase_number = QLineEdit(objectName="eraseNumber")
        self.erase_number.setValidator(QIntValidator(1, 2_000_000_000, self))
        self.erase_number.setMaximumWidth(140)
        self.erase_button = QPushButton(objectName="eraseButton")
        self.erase_message = QLabel(objectName="muted")
        self.erase_message.setWordWrap(True)
        self.erase_message.setTextFormat(Qt.TextFormat.PlainText)
        self.retention_text = QLabel(objectName="muted")
        self.retention_text.setWordWrap(True)
        self.case_years = QSpinBox(objectName="caseYears")
        self.case_years.setRange(0, 50)
        self.note_months = QSpinBox(objectName="noteMonths")
        self.note_months.setRange(0, 120)
        for spin in (self.case_years, self.note_months):
            spin.setMaximumWidth(120)
        self.save_rules = QPushButton(objectName="saveRetention")
        self.preview_button = QPushButton(objectName="previewRetention")
        self.run_button = QPushButton(objectName="runRetention")
        self.run_button.setEnabled(False)
        self.preview = QListWidget(objectName="retentionPreview")
        self.preview.setMaximumHeight(200)
        self.preview.setVisible(False)
        self.retention_message = QLabel(objectName="muted")
        self.retention_message.setWordWrap(True)
        self.retention_message.setTextFormat(Qt.TextFormat.PlainText)
        self.case_label = QLabel(objectName="fieldLabel")
        self.note_label = QLabel(objectName="fieldLabel")
        self.rules_form = QFormLayout()
        self.rules_form.addRow(self.case_label, self.case_years)
        self.rules_form.addRow(self.note_label, self.note_months)

        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_now)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(32, 24, 32, 24)
        column.setSpacing(10)
        for part in (self.title, self.subtitle, self._line(), self.backup_heading, self.backup_text):
            column.addWidget(part)
        column.addLayout(buttons)
        for part in (self.backup_message, self.kept_heading, self.kept, self._line(), self.check_heading,
                     self.check_text):
            column.addWidget(part)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button)
        check_row.addStretch(1)
        column.addLayout(check_row)
        column.addWidget(self.check_result)
        column.addWidget(self.findings)
        for part in (self._line(), self.privacy_heading, self.erase_text):
            column.addWidget(part)
        erase_row = QHBoxLayout()
        erase_row.addWidget(self.erase_number)
        erase_row.addWidget(self.erase_button)
        erase_row.addStretch(1)
        column.addLayout(erase_row)
        column.addWidget(self.erase_message)
        column.addWidget(self.retention_text)
        column.addLayout(self.rules_form)
        rule_buttons = QHBoxLayout()
        for button in (self.save_rules, self.preview_button, self.run_button):
            rule_buttons.addWidget(button)
        rule_buttons.addStretch(1)
        column.addLayout(rule_buttons)
        column.addWidget(self.retention_message)
        column.addWidget(self.preview)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.backup_now.clicked.connect(self.back_up)
        self.restore_button.clicked.connect(self.restore)
        self.check_button.clicked.connect(self.check)
        self.erase_button.clicked.connect(self.erase)
        self.erase_number.returnPressed.connect(self.erase)
        self.save_rules.clicked.connect(self.save_retention)
        self.preview_button.clicked.connect(self.show_preview)
        self.run_button.clicked.connect(self.run_retention)
        hub.language_changed.connect(lambda _lang: self.retranslate())
        self.retranslate()
        self.refresh()

    @staticmethod
    def _line() -> QFrame:
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setObjectName("separator")
        return line

    def retranslate(self) -> None:
        self.title.setText(_("Maintenance"))
        self.subtitle.setText(_("Backups of the database and a check that it is whole."))
        self.backup_heading.setText(_("Backups"))
        on_file = self.desk.is_local_file()
        self.backup_text.setText(_(
            "WelcomeDesk copies the database by itself when it closes and once a day, and keeps the last seven "
            "copies in {folder}. Keep copies elsewhere too: back up now to a USB drive or a network folder. "
            "Restoring a backup puts it in place of the database; the database it replaces is kept beside it, "
            "and people erased since the backup was taken are erased again.").format(
                folder=self.desk.backup_folder()) if on_file else _(
            "This database is on PostgreSQL: back it up with pg_dump and restore it with pg_restore "
            "(see the README)."))
        self.backup_now.setText(_("Back up now…"))
        self.restore_button.setText(_("Restore from a backup…"))
        self.backup_now.setVisible(on_file)
        self.restore_button.setVisible(on_file)
        self._name_kept()
        self.check_heading.setText(_("Check the database"))
        self.check_text.setText(_(
            "Reads the whole database: its file, the references between its records, every stored date and "
            "code, and the audit log's chain against the head kept outside it. On a large database this takes "
            "a while."))
        self.check_button.setText(_("Check now"))
        self.privacy_heading.setText(_("Personal data"))
        self.erase_text.setText(_(
            "Erase one person's personal data by their number, when they ask or when it may no longer be kept: "
            "their names, identity code, contact details, notes and free texts go, from the database file too, "
            "and an anonymous record stays (municipality, arrival half-year, citizenship group, age band, "
            "statuses), so the region's figures already sent stay right."))
        self.erase_number.setPlaceholderText(_("Number"))
        self.erase_number.setAccessibleName(_("Number of the person to erase"))
        self.erase_button.setText(_("Erase…"))
        self.retention_text.setText(_(
            "Retention rules: how long personal data is kept after a case has ended (the person moved away, "
            "left Finland or was lost to follow-up), and how long notes are kept. 0 keeps them. Preview shows "
            "whom a run would affect before anything is removed."))
        self.case_label.setText(_("Erase personal data, years after the case ended"))
        self.note_label.setText(_("Remove notes older than, months"))
        self.save_rules.setText(_("Save rules"))
        self.preview_button.setText(_("Preview"))
        self.run_button.setText(_("Run now…"))

    def refresh(self) -> None:
        """The automatic backups kept, newest first; the retention rules in force."""
        try:
            rules = self.desk.retention_rules()
        except KnownError as exc:
            self.retention_message.setText(_(exc.message))
        else:
            self.case_years.setValue(rules.case_years)
            self.note_months.setValue(rules.note_months)
        self.kept.clear()
        kept = self.desk.automatic_backups() if self.desk.is_local_file() else []
        for path, made, size in kept:
            self.kept.addItem(f"{_moment(made)}   {_size(size)}   {path.name}")
        self._name_kept()
        self.kept_heading.setVisible(self.desk.is_local_file())
        self.kept.setVisible(bool(kept))

    def _name_kept(self) -> None:
        self.kept_heading.setText(_("Automatic backups on this computer") if self.kept.count() else
                                  _("Automatic backups on this computer: none yet."))

    def back_up(self) -> None:
        """A copy of the database as it is now, to a file the administrator chooses."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        out = dialogs.save_file(self, _("Back up the database"), BACKUP_FILTER, f"welcomedesk-{stamp}.sqlite3")
        if out is None:
            return
        desk = self.desk

        def done(result: object) -> None:
            self.backup_message.setText(_("Backed up to {file}.").format(file=getattr(result, "path", out)))

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, KnownError):
                raise exc
            self.backup_message.setText("")
            dialogs.known_error(self, exc)

        self.backup_message.setText(_("Backing up…"))
        tasks.run_task(lambda _state: desk.backup(out), on_done=done, on_error=failed)

    def restore(self) -> None:
        """Put a backup in place of the database, after a question; the app then closes to start again."""
        source = dialogs.open_file(self, _("Restore from a backup"), BACKUP_FILTER)
        if source is None:
            return
        if not dialogs.ask(self, _("Restore from a backup"), _(
                "Put the backup {file} in place of the database? Everything saved since the backup was taken is "
                "replaced; the database as it is now is kept beside it. WelcomeDesk closes afterwards.").format(
                    file=source)):
            return
        try:
            result = self.desk.restore(source)
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        kept = _("The database it replaced is kept as {file}.").format(file=result.kept) if result.kept else ""
        dialogs.info(self, _("Restore from a backup"), (_(
            "The backup is in place. WelcomeDesk closes now: start it again to go on.") + " " + kept).strip())
        self.restored.emit(str(source))

    def check(self) -> None:
        """The whole database read and checked, off the GUI thread."""
        desk = self.desk
        self.check_button.setEnabled(False)
        self.check_result.setText(_("Checking…"))
        self.findings.clear()
        self.findings.setVisible(False)

        def done(report: object) -> None:
            self.check_button.setEnabled(True)
            assert isinstance(report, HealthReport)
            if report.healthy:
                self.check_result.setText(_(
                    "The database is whole: its pages, references and stored values read, and its audit log of "
                    "{count} entries holds together.").format(count=report.audit_entries))
                return
            count = len(report.findings)
            self.check_result.setText(ngettext(
                "{count} problem found: restore from a backup, or pass this list to support.",
                "{count} problems found: restore from a backup, or pass this list to support.", count).format(
                    count=count))
            for finding in report.findings:
                self.findings.addItem(_(finding.message))
            self.findings.setVisible(True)

        def failed(exc: BaseException) -> None:
            self.check_button.setEnabled(True)
            if not isinstance(exc, KnownError):
                raise exc
            self.check_result.setText(_(exc.message))

        tasks.run_task(lambda _state: desk.check(), on_done=done, on_error=failed)

    def erase(self) -> None:
        """Erase the personal data of the person whose number was typed, after a question."""
        text = self.erase_number.text().strip()
        if not text:
            self.erase_message.setText(_("Type the number of the person whose data is to be erased."))
            return
        number = int(text)
        if not dialogs.ask(self, _("Erase personal data"), _(
                "Erase the personal data of newcomer {id}? Their names, identity code, contact details and notes "
                "are removed for good; only an anonymous record stays. This cannot be undone.").format(id=number)):
            return
        try:
            result = self.desk.erase(number)
        except KnownError as exc:
            self.erase_message.setText(_(exc.message))
            return
        self.erase_number.clear()
        self.erase_message.setText(_("The personal data of newcomer {id} was erased.").format(id=number) + (
            " " + _("Another desk was using the database, so its file still holds old bytes: they are cleared at "
                    "the next erasure, or when no desk is using it.") if result.scrubbed is False else ""))

    def save_retention(self) -> None:
        """Keep the rules as set."""
        try:
            self.desk.set_retention_rules(self.case_years.value(), self.note_months.value())
        except KnownError as exc:
            self.retention_message.setText(_(exc.message))
            return
        self.retention_message.setText(_("The retention rules were saved."))
        self.run_button.setEnabled(False)  # a preview of the old rules is no longer what a run would do
        self.preview.setVisible(False)

    def show_preview(self) -> None:
        """Whom a run today would erase (by number, never by name) and how many notes it would remove."""
        try:
            preview = self.desk.retention_preview()
        except KnownError as exc:
            self.retention_message.setText(_(exc.message))
            return
        self.preview.clear()
        for due in preview.people:
            self.preview.addItem(_("Newcomer {id}: arrived {half}, {status} since {day}").format(
                id=due.person_id, half=due.arrival_half or "—", status=status_label(due.status, words()),
                day=date_text(due.ended_on, words())))
        self.preview.setVisible(bool(preview.people))
        people, notes = len(preview.people), preview.notes
        self.retention_message.setText(
            ngettext("A run now would erase {count} person's data", "A run now would erase {count} people's data",
                     people).format(count=people) + " " +
            ngettext("and remove {count} old note.", "and remove {count} old notes.", notes).format(count=notes))
        self.run_button.setEnabled(bool(people or notes))

    def run_retention(self) -> None:
        """Run the rules now, after a question."""
        if not dialogs.ask(self, _("Run the retention rules"), _(
                "Remove now the personal data and notes the preview listed? This cannot be undone.")):
            return
        try:
            result = self.desk.run_retention()
        except KnownError as exc:
            self.retention_message.setText(_(exc.message))
            return
        self.preview.clear()
        self.preview.setVisible(False)
        self.run_button.setEnabled(False)
        self.retention_message.setText(_("Erased the data of {people} people and removed {notes} notes.").format(
            people=len(result.erased), notes=result.notes_removed))
