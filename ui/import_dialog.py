"""Importing a recruiter's list in the app: choose the file, look it over, see every bad row, then import."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ui import dialogs, forms, tasks
from ui.language import _, ngettext, words
from ui.style import ERROR
from welcomedesk.errors import KnownError, ValidationError
from welcomedesk.i18n import N_
from welcomedesk.presentation.labels import country_name, date_text, field_label, relation_label
from welcomedesk.services.desk import Desk
from welcomedesk.services.importing import ImportResult

# The preview shows this many rows; the counts above it cover the whole file.
SHOWN = 500
PREVIEW_COLUMNS = (N_("Row"), N_("Household"), N_("Name"), N_("Relation"), N_("Born"), N_("Nationality"),
                   N_("Already registered"))
PROBLEM_COLUMNS = (N_("Row"), N_("Column"), N_("What is wrong"))


class ImportDialog(QDialog):
    """Checks the chosen file first (nothing is saved), shows its rows or its errors, and imports on request."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.path: Path | None = None
        self.imported: ImportResult | None = None
        self.setObjectName("importDialog")
        self.setWindowTitle(_("Import a list of newcomers"))
        self.resize(980, 620)
        title = QLabel(_("Import a list of newcomers"), objectName="pageTitle")
        intro = QLabel(_("A CSV or XLSX file with the columns of a recruiter's list. The file is checked first and "
                         "nothing is saved until you import; a file with any bad row imports nothing."))
        intro.setWordWrap(True)
        self.choose = QPushButton(_("Choose a file…"), objectName="chooseFile")
        self.file_label = QLabel(objectName="muted")
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary = QLabel(objectName="importSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(0, 0, objectName="importTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # Enter chooses a file until one is checked; then the Import button takes the focus itself.
        buttons, self.import_button = forms.buttons(self, _("Import"), self.run_import, leave=_("Close"),
                                                    enter_presses=False)
        self.import_button.setEnabled(False)
        self.choose.clicked.connect(self.choose_file)

        file_row = QHBoxLayout()
        file_row.addWidget(self.choose)
        file_row.addWidget(self.file_label, 1)
        layout = forms.frame(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.choose.setFocus()

    def choose_file(self) -> None:
        """Ask for the file, then check it."""
        path = dialogs.open_file(self, _("Choose a list of newcomers"), _("Lists (*.csv *.xlsx);;All files (*)"))
        if path is not None:
            self.check(path)

    def check(self, path: Path) -> None:
        """Read ``path`` without saving anything, and show what an import would do."""
        self.path = path
        self.file_label.setText(str(path))
        self.import_button.setEnabled(False)
        self.summary.setText(_("Checking the file…"))
        tasks.run_task(lambda _progress: self.desk.import_file(path, dry_run=True), on_done=self._checked,
                       on_error=self._refused)

    def _checked(self, result: ImportResult) -> None:
        lines = [ngettext("{count} person in {households} households will be imported.",
                          "{count} people in {households} households will be imported.", result.people).format(
                              count=result.people, households=result.households)]
        if result.skipped:
            lines.append(ngettext("{count} is registered already and will be skipped.",
                                  "{count} are registered already and will be skipped.", len(result.skipped)
                                  ).format(count=len(result.skipped)))
        if result.unknown_columns:
            lines.append(_("Columns WelcomeDesk does not read are left out: {columns}").format(
                columns=", ".join(result.unknown_columns)))
        self.summary.setStyleSheet("")
        self.summary.setText("\n".join(lines))
        rows = [(str(r.row), r.household, f"{r.family_name}, {r.given_names}", relation_label(r.relation, words()),
                 date_text(r.date_of_birth, words()), country_name(r.nationality, words()),
                 str(r.registered_as) if r.registered_as else "") for r in result.rows]
        self._fill(PREVIEW_COLUMNS, rows)
        self.import_button.setEnabled(result.people > 0)
        if result.people:
            self.import_button.setFocus()

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, KnownError):
            raise exc
        self.summary.setStyleSheet(f"color: {ERROR};")
        if isinstance(exc, ValidationError):
            bad_rows = sorted({p.row for p in exc.problems if p.row is not None and p.row > 1})
            self.summary.setText(ngettext(
                "The file cannot be imported: {count} row has mistakes. Correct them in the file and choose it again.",
                "The file cannot be imported: {count} rows have mistakes. Correct them in the file and choose it "
                "again.", len(bad_rows)).format(count=len(bad_rows)) if bad_rows else _(exc.message))
            self._fill(PROBLEM_COLUMNS, [(str(p.row or ""), field_label(p.field or "", words()) if p.field else "",
                                          _(p.message)) for p in exc.problems])
        else:
            self.summary.setText(_(exc.message))
            self._fill(PROBLEM_COLUMNS, [])

    def _fill(self, columns: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
        self.table.clear()
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels([_(c) for c in columns])
        shown = rows[:SHOWN]
        self.table.setRowCount(len(shown))
        for i, row in enumerate(shown):
            for j, text in enumerate(row):
                self.table.setItem(i, j, QTableWidgetItem(text))  # plain text: a name's "<b>" stays text
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        if len(rows) > SHOWN:
            self.summary.setText(self.summary.text() + "\n" + _("The first {shown} of {total} rows are shown.").format(
                shown=SHOWN, total=len(rows)))

    def run_import(self) -> None:
        """Import the checked file, every row or none, off the GUI thread."""
        if self.path is None:
            return
        path = self.path
        self.import_button.setEnabled(False)
        self.choose.setEnabled(False)
        self.summary.setStyleSheet("")
        self.summary.setText(_("Importing…"))
        tasks.run_task(lambda _progress: self.desk.import_file(path), on_done=self._imported,
                       on_error=self._import_failed)

    def _imported(self, result: ImportResult) -> None:
        self.imported = result
        self.accept()

    def _import_failed(self, exc: BaseException) -> None:
        self.choose.setEnabled(True)
        self._refused(exc)
