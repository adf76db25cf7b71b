"""The service catalogue: every first step, whom it applies to and when it is due; coordinators keep it."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs, tasks
from ui.hub import Hub
from ui.language import _, ngettext, words
from ui.list_choice import choose_row, chosen_row
from ui.models.rows import RowsModel
from welcomedesk.catalogue import Catalogue, ServiceDef
from welcomedesk.codes import Category, Role
from welcomedesk.errors import KnownError
from welcomedesk.folding import fold
from welcomedesk.i18n import N_
from welcomedesk.presentation.catalogue import days_from_arrival, due_words, rule_words, validity_words
from welcomedesk.presentation.labels import CATEGORY_LABELS, code_label
from welcomedesk.presentation.steps import catalogue_text
from welcomedesk.services.catalogue import ServiceSummary
from welcomedesk.services.desk import Desk

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (N_("Step"), N_("Category"), N_("Provider"), N_("Due"), N_("Applies to"), N_("In force"), N_("People"))
CATEGORY_COLUMN, DUE_COLUMN, APPLIES_COLUMN, PEOPLE_COLUMN = 1, 3, 4, 6
# A service edited here (kept over the program's own catalogue) is marked before its name.
EDITED_MARK = "✎ "
EDITED = N_("Edited here: kept over the program's own catalogue")
READ_ONLY = N_("Only a coordinator can change the catalogue.")
class ServiceTableModel(RowsModel):
    """The catalogue's services as rows, in the catalogue's order."""

    def __init__(self) -> None:
        super().__init__(COLUMNS)
        self.names: dict[str, str] = {}  # service code -> name in the language spoken now

    def reworded(self) -> None:
        self.names = {row.service.code: catalogue_text(row.service.name, words()) for row in self.rows}

    def text(self, summary: ServiceSummary, column: int, role: int) -> str:
        text = self.display(summary, column)
        if role != Qt.ItemDataRole.DisplayRole and column == 0 and summary.edited:
            text = f"{self.names.get(summary.service.code, '')} ({_(EDITED)})"
        return text

    def cell(self, summary: ServiceSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == PEOPLE_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return summary.service.code
        return None

    def display(self, summary: ServiceSummary, column: int) -> str:
        service = summary.service
        match column:
            case 0:
                name = self.names.get(service.code, service.code)
                return f"{EDITED_MARK}{name}" if summary.edited else name
            case 1:
                return code_label(Category, service.category, words())
            case 2:
                return summary.partner_name
            case 3:
                return due_words(service.due, words())
            case 4:
                return rule_words(service.applies, words())
            case 5:
                return validity_words(service, words())
            case _:
                return str(summary.people)

    def sort_key(self, row: int, column: int) -> tuple[Any, ...]:
        """What a column sorts by: categories in their own order, counts as numbers, the rest as words."""
        summary = self.rows[row]
        if column == CATEGORY_COLUMN:
            return (list(Category).index(summary.service.category), row)
        if column == PEOPLE_COLUMN:
            return (summary.people, row)
        if column == 0:
            return (fold(self.names.get(summary.service.code, "")), row)
        if column == DUE_COLUMN and summary.service.due is not None:
            due = summary.service.due
            return (due.start != "arrival", due.age or 0, due.days, row)
        return (fold(self.display(summary, column)), row)


class ServiceFilter(QSortFilterProxyModel):
    """The services whose words hold every typed word, of the chosen category."""

    def __init__(self, source: ServiceTableModel) -> None:
        super().__init__()
        self.source = source
        self.setSourceModel(source)
        self._words: list[str] = []
        self._category = ""

    def set_filter(self, text: str, category: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self._category = category
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        summary = self.source.rows[source_row]
        if self._category and summary.service.category != self._category:
            return False
        key = fold(" ".join(self.source.display(summary, column) for column in range(len(COLUMNS))))
        return all(word in key for word in self._words)

    def lessThan(self, left: Index, right: Index) -> bool:
        return bool(self.source.sort_key(left.row(), left.column()) < self.source.sort_key(right.row(),
                                                                                            right.column()))


class CataloguePage(QWidget):
    """The services by category; the chosen one's description; Edit, New, Export and Import for coordinators."""

    def __init__(self, desk: Desk, hub: Hub) -> None:
        super().__init__()
        self.desk = desk
        self.setObjectName("cataloguePage")
        self.may_edit = Role.COORDINATOR in desk.actor.roles
        self.catalogue: Catalogue | None = None
        self.model = ServiceTableModel()
        self.proxy = ServiceFilter(self.model)
        self._updating = False

        self.title = QLabel(objectName="pageTitle")
        self.count = QLabel(objectName="pageSubtitle")
        self.read_only = QLabel(objectName="muted")
        self.read_only.setWordWrap(True)
        self.import_button = QPushButton(objectName="importCatalogue")
        self.export_button = QPushButton(objectName="exportCatalogue")
        self.edit_button = QPushButton(objectName="editService")
        self.new_button = QPushButton(objectName="newService")
        self.new_button.setProperty("primary", True)
        self.search = QLineEdit(objectName="serviceSearch")
        self.search.setClearButtonEnabled(True)
        self.category = QComboBox(objectName="categoryFilter")
        self.table = QTableView(objectName="serviceTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.sortByColumn(CATEGORY_COLUMN, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(APPLIES_COLUMN, QHeaderView.ResizeMode.Stretch)

        self.detail_name = QLabel(objectName="sectionTitle")
        self.detail_description = QLabel(objectName="serviceDescription")
        self.detail_note = QLabel(objectName="muted")
        self.detail_form = QFormLayout()
        self.detail_form.setHorizontalSpacing(16)
        self.detail_form.setVerticalSpacing(4)
        self.detail_captions: dict[str, QLabel] = {}
        self.detail_values: dict[str, QLabel] = {}
        for key in ("applies", "due", "after", "provider"):
            caption, value = QLabel(objectName="detailLabel"), QLabel(objectName=f"service_{key}")
            self.detail_captions[key], self.detail_values[key] = caption, value
            self.detail_form.addRow(caption, value)
        for label in (self.detail_name, self.detail_description, *self.detail_values.values()):
            label.setTextFormat(Qt.TextFormat.PlainText)  # typed by a coordinator: never markup
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        card = QFrame(objectName="card")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(16, 10, 16, 12)
        card_layout.addWidget(self.detail_name)
        card_layout.addWidget(self.detail_note)
        card_layout.addWidget(self.detail_description)
        card_layout.addLayout(self.detail_form)
        self.card = card
        self.status = QLabel(objectName="muted")
        self.status.setWordWrap(True)

        top = QHBoxLayout()
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.title)
        heading.addWidget(self.count)
        top.addLayout(heading, 1)
        top.addWidget(self.read_only, 0, Qt.AlignmentFlag.AlignTop)
        for button in (self.edit_button, self.new_button):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        # The file acts sit with the search, so the heading's row fits 1366 px at 150 % text too.
        filters = QHBoxLayout()
        filters.setSpacing(10)
        filters.addWidget(self.search, 3)
        filters.addWidget(self.category, 1)
        filters.addWidget(self.import_button)
        filters.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(card)
        layout.addWidget(self.status)

        self.search.textChanged.connect(lambda _text: self._apply_filter())
        self.category.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(lambda _index: self.edit_service())
        self.new_button.clicked.connect(self.new_service)
        self.edit_button.clicked.connect(self.edit_service)
        self.export_button.clicked.connect(self.export_catalogue)
        self.import_button.clicked.connect(self.import_catalogue)
        # Ctrl+F is the main window's: it comes to this page's search while the page is shown.
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.search, activated=self._into_results,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.search.returnPressed.connect(self._into_results)
        hub.language_changed.connect(lambda _lang: self.retranslate())
        self.retranslate()
        self.refresh()

    # -- what the page is asked to do

    def refresh(self) -> None:
        """Read the catalogue again, keeping the service selected."""
        chosen = self.selected()
        try:
            self.catalogue, rows = self.desk.catalogue()
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self.model.set_rows(rows)
        self._update_count()
        self.select_service(chosen.service.code if chosen else None)

    def retranslate(self) -> None:
        """Every text in the language spoken now; what was typed and chosen stays."""
        self.title.setText(_("Service catalogue"))
        self.new_button.setText(_("New service…"))
        self.new_button.setAccessibleName(_("Add a new service to the catalogue"))
        self.edit_button.setText(_("Edit…"))
        self.edit_button.setAccessibleName(_("Edit the selected service"))
        self.export_button.setText(_("Export catalogue…"))
        self.import_button.setText(_("Import catalogue…"))
        self.read_only.setText(_(READ_ONLY))
        self.read_only.setVisible(not self.may_edit)
        for button in (self.new_button, self.edit_button, self.export_button, self.import_button):
            button.setToolTip("" if self.may_edit else _(READ_ONLY))
            button.setEnabled(self.may_edit)
        self.search.setPlaceholderText(_("Search the services (Ctrl+F)"))
        self.search.setAccessibleName(_("Search the services"))
        self.category.setAccessibleName(_("Category"))
        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(_("All categories"), "")
        for code, label in CATEGORY_LABELS.items():
            self.category.addItem(_(label), code.value)
        self.category.setCurrentIndex(max(0, self.category.findData(current)))
        self.category.blockSignals(False)
        self.table.setAccessibleName(_("Services"))
        for key, label in (("applies", N_("Applies to")), ("due", N_("Due")), ("after", N_("After")),
                           ("provider", N_("Provider"))):
            self.detail_captions[key].setText(_(label))
        self.model.retranslate()
        self.proxy.invalidate()
        self._fit_columns()
        self._update_count()
        self._show(self.selected())

    def selected(self) -> ServiceSummary | None:
        """The service chosen in the list, if any."""
        row = chosen_row(self.table, self.proxy)
        return self.model.rows[row] if row is not None and 0 <= row < len(self.model.rows) else None

    def select_service(self, code: str | None) -> None:
        """Choose the service ``code`` in the list (the first shown when it is not there)."""
        if not choose_row(self.table, self.proxy, code):
            self._show(None)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def new_service(self) -> None:
        """A new step in the catalogue (coordinators)."""
        self._edit(None)

    def edit_service(self) -> None:
        """The selected service in the form (coordinators)."""
        chosen = self.selected()
        if chosen is not None:
            self._edit(chosen)

    def export_catalogue(self) -> None:
        """Write the whole catalogue to one file, for the region's other desks."""
        if not self.may_edit:
            return
        path = dialogs.save_file(self, _("Export the service catalogue"), _("Service catalogues (*.json)"),
                                 f"catalogue-{date.today().isoformat()}.json")
        if path is None:
            return
        if not path.suffix:
            path = path.with_suffix(".json")
        try:
            count = self.desk.export_catalogue(path)
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        dialogs.info(self, _("Export the service catalogue"), ngettext(
            "The catalogue with {count} service is in {path}.", "The catalogue with {count} services is in {path}.",
            count).format(count=count, path=path))

    def import_catalogue(self) -> None:
        """Take a region's catalogue file over this one, once the coordinator said yes; then the checklists."""
        if not self.may_edit:
            return
        title = _("Import a service catalogue")
        path = dialogs.open_file(self, title, _("Service catalogues (*.json);;All files (*)"))
        if path is None or not dialogs.ask(self, title, _(
                "The services and partners in {name} replace those with the same code here, also ones edited "
                "here. Everyone's checklist is then made again. Import the catalogue?").format(name=path.name)):
            return
        try:
            count = self.desk.import_catalogue(path)
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self.refresh()
        dialogs.info(self, title, ngettext("Imported {count} service.", "Imported {count} services.",
                                           count).format(count=count))
        self.update_checklists()

    def update_checklists(self) -> None:
        """Make again, in batches, the checklists an edit or import made old; shows progress and may be stopped."""
        if self._updating:
            return  # the running update goes on until no checklist is old, this change's included
        self._updating = True
        desk = self.desk
        progress = QProgressDialog(_("Updating people's checklists…"), _("Stop"), 0, 0, self)
        progress.setObjectName("checklistProgress")
        progress.setWindowTitle(_("Service catalogue"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoReset(False)
        self.status.setText(_("Updating people's checklists…"))

        def work(state: tasks.Progress) -> tuple[int, bool]:
            done = 0
            while not state.cancelled:
                batch = desk.stale_checklists()
                if not batch:
                    return done, True
                updated = desk.refresh_checklists(batch)
                if not updated:  # nothing moved: stop rather than go round for ever
                    return done, False
                done += updated
                state.report(done, 0)
            return done, False

        def progressed(done: int, _total: int) -> None:
            progress.setLabelText(ngettext("{count} checklist updated…", "{count} checklists updated…",
                                           done).format(count=done))

        def finished(result: tuple[int, bool]) -> None:
            self._updating = False
            progress.close()
            progress.deleteLater()
            done, whole = result
            self.status.setText(
                _("Every checklist is up to date.") if whole and not done else
                ngettext("{count} person's checklist was updated.", "{count} people's checklists were updated.",
                         done).format(count=done) if whole else
                ngettext("Stopped: {count} checklist was updated; the others show the earlier catalogue until the "
                         "next change.", "Stopped: {count} checklists were updated; the others show the earlier "
                         "catalogue until the next change.", done).format(count=done))
            self.refresh()

        def failed(exc: BaseException) -> None:
            self._updating = False
            progress.close()
            progress.deleteLater()
            self.status.setText("")
            if not isinstance(exc, KnownError):
                raise exc
            dialogs.known_error(self, exc)

        task = tasks.run_task(work, on_done=finished, on_error=failed, on_progress=progressed)
        progress.canceled.connect(task.cancel)

    # -- the inner workings

    def _edit(self, summary: ServiceSummary | None) -> None:
        from ui.service_dialog import ServiceDialog

        if not self.may_edit or self.catalogue is None:
            return
        form = ServiceDialog(self.desk, summary, self.catalogue, self)
        result = form.exec()
        saved, code = form.saved, form.code_saved
        form.deleteLater()
        if result == QDialog.DialogCode.Accepted and saved is not None:
            self.search.clear()
            self.category.setCurrentIndex(0)
            self.refresh()
            self.select_service(code)
            self.table.setFocus()
            self.update_checklists()

    def _fit_columns(self) -> None:
        # Widths follow the font and the language, so 150 % text and long Finnish headers fit.
        metrics = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 12)
        longest_category = max(metrics.horizontalAdvance(_(label)) for label in CATEGORY_LABELS.values())
        samples = {0: "Rekisteröidy DVV:ssä ja hanki henkilö", 1: None, 2: "Maahanmuuttoviras",
                   DUE_COLUMN: days_from_arrival(-120, words()), 5: validity_words(
                       ServiceDef("-", Category.WORK, {}, valid_from=date(2026, 12, 31)), words()),
                   PEOPLE_COLUMN: "0000"}
        bold = self.table.horizontalHeader().font()
        bold.setBold(True)
        header_metrics = QFontMetrics(bold)
        for column, sample in samples.items():
            width = longest_category if sample is None else metrics.horizontalAdvance(sample)
            header = _(COLUMNS[column])
            self.table.setColumnWidth(column, max(width + 20, header_metrics.horizontalAdvance(header) + 36))

    def _apply_filter(self) -> None:
        chosen = self.selected()
        self.proxy.set_filter(self.search.text(), self.category.currentData() or "")
        self._update_count()
        self.select_service(chosen.service.code if chosen else None)

    def _into_results(self) -> None:
        if self.proxy.rowCount():
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if not self.table.selectionModel().selectedRows():
                self.table.selectRow(0)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show(self.selected())

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), len(self.model.rows)
        text = ngettext("{count} service", "{count} services", total).format(count=total)
        if shown != total:
            text = _("{shown} of {text} shown").format(shown=shown, text=text)
        if self.catalogue is not None:
            text = _("{services} · edition {edition}").format(services=text, edition=self.catalogue.edition)
        self.count.setText(text)

    def _show(self, summary: ServiceSummary | None) -> None:
        self.card.setVisible(summary is not None)
        self.edit_button.setEnabled(self.may_edit and summary is not None)
        if summary is None:
            return
        service = summary.service
        self.detail_name.setText(self.model.names.get(service.code, service.code))
        self.detail_note.setText(" · ".join(x for x in (
            ngettext("on the checklist of {count} person", "on the checklists of {count} people",
                     summary.people).format(count=summary.people),
            _(EDITED) if summary.edited else "") if x))
        self.detail_description.setText(catalogue_text(service.description, words()))
        self.detail_description.setVisible(bool(service.description))
        due = due_words(service.due, words())
        validity = validity_words(service, words())
        values = {
            "applies": rule_words(service.applies, words()),
            "due": " · ".join(x for x in (due, _("in force {days}").format(days=validity) if validity else "") if x),
            "after": ", ".join(self.model.names.get(code, code) for code in service.after),
            "provider": summary.partner_name,
        }
        for key, value in values.items():
            self.detail_values[key].setText(value or "—")
