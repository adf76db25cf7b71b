"""The partner network: every organisation the desk refers people to, its details, contacts and referrals."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
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
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs
from ui.hub import Hub
from ui.language import _, ngettext, words
from ui.list_choice import choose_row, chosen_row
from ui.models.rows import RowsModel
from welcomedesk.codes import RECRUITING_PARTNERS, PartnerType, ReferralOutcome, Role
from welcomedesk.errors import KnownError
from welcomedesk.folding import fold
from welcomedesk.i18n import N_
from welcomedesk.presentation.labels import PARTNER_TYPE_LABELS, code_label, date_text, language_name
from welcomedesk.presentation.steps import catalogue_text
from welcomedesk.services.desk import Desk
from welcomedesk.services.partners import PartnerSummary, ReferralRow

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = (N_("Name"), N_("Type"), N_("Languages served"), N_("Referrals"))
# The person and the step share a cell, on two lines: the card is too narrow for four columns.
REFERRAL_COLUMNS = (N_("Person and step"), N_("Referred"), N_("Outcome"))
REFERRALS_COLUMN = 3
DETAIL_ROWS = (("address", N_("Address")), ("phone", N_("Phone")), ("email", N_("E-mail")),
               ("website", N_("Website")), ("hours", N_("Opening hours")), ("languages", N_("Languages served")))
READ_ONLY = N_("Only a coordinator can change the partner network.")


def languages_text(codes: tuple[str, ...]) -> str:
    """The languages a partner serves, by name in the UI's language."""
    return ", ".join(language_name(code, words()) for code in codes)


class PartnerTableModel(RowsModel):
    """The partners as rows: name, type, the languages they serve, the referrals made to them."""

    def __init__(self) -> None:
        super().__init__(COLUMNS)
        self._keys: list[str] = []

    def reworded(self) -> None:
        # Type and language names in the language spoken now: the search finds them too.
        self._keys = [self._search_key(row) for row in self.rows]

    def search_key(self, row: int) -> str:
        """Every word the search box may find the partner by, folded."""
        return self._keys[row]

    @staticmethod
    def _search_key(summary: PartnerSummary) -> str:
        p = summary.partner
        parts = [p.name, p.address, p.email, p.website, code_label(PartnerType, p.type, words()),
                 languages_text(p.languages), " ".join(p.languages)]
        parts += [f"{c.name} {c.title} {c.email}" for c in p.contacts]
        parts += [catalogue_text(name, words()) for name in summary.services]
        return fold(" ".join(parts))

    def cell(self, summary: PartnerSummary, column: int, role: int) -> Any:
        if role == SORT_ROLE:
            return summary.referrals if column == REFERRALS_COLUMN else fold(self.display(summary, column))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == REFERRALS_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return summary.partner_id
        return None

    def display(self, summary: PartnerSummary, column: int) -> str:
        p = summary.partner
        match column:
            case 0:
                return p.name
            case 1:
                return code_label(PartnerType, p.type, words())
            case 2:
                return languages_text(p.languages)
            case _:
                return str(summary.referrals)


class PartnerFilter(QSortFilterProxyModel):
    """The partners whose words hold every typed word, of the chosen type."""

    def __init__(self, source: PartnerTableModel) -> None:
        super().__init__()
        self.source = source
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self._words: list[str] = []
        self._type: str = ""

    def set_filter(self, text: str, partner_type: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self._type = partner_type
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._type and self.source.rows[source_row].partner.type != self._type:
            return False
        key = self.source.search_key(source_row)
        return all(word in key for word in self._words)


def _value_label(name: str) -> QLabel:
    """A detail's value: typed by a person, so plain text, selectable, wrapping."""
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class NetworkPage(QWidget):
    """The partners, found by any word or narrowed by type; the selected one's details and referrals."""

    person_opened = Signal(int)

    def __init__(self, desk: Desk, hub: Hub) -> None:
        super().__init__()
        self.desk = desk
        self.setObjectName("networkPage")
        self.may_edit = Role.COORDINATOR in desk.actor.roles
        self.model = PartnerTableModel()
        self.proxy = PartnerFilter(self.model)
        self.referral_rows: tuple[ReferralRow, ...] = ()
        # Referrals read (and audited) once per partner until the page is refreshed, not at every arrow key.
        self._referrals: dict[int, tuple[ReferralRow, ...]] = {}

        self.title = QLabel(objectName="pageTitle")
        self.count = QLabel(objectName="pageSubtitle")
        self.new_button = QPushButton(objectName="newPartner")
        self.new_button.setProperty("primary", True)
        self.edit_button = QPushButton(objectName="editPartner")
        self.read_only = QLabel(objectName="muted")
        self.read_only.setWordWrap(True)
        self.search = QLineEdit(objectName="partnerSearch")
        self.search.setClearButtonEnabled(True)
        self.type_filter = QComboBox(objectName="partnerTypeFilter")
        self.table = QTableView(objectName="partnerTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(REFERRALS_COLUMN, QHeaderView.ResizeMode.ResizeToContents)

        top = QHBoxLayout()
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.title)
        heading.addWidget(self.count)
        top.addLayout(heading, 1)
        top.addWidget(self.read_only, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignTop)
        filters = QHBoxLayout()
        filters.setSpacing(10)
        filters.addWidget(self.search, 3)
        filters.addWidget(self.type_filter, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)

        self.details = self._details()
        splitter = QSplitter(Qt.Orientation.Horizontal, objectName="networkSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([650, 450])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(lambda _text: self._apply_filter())
        self.type_filter.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(lambda _index: self.edit_partner())
        self.new_button.clicked.connect(self.new_partner)
        self.edit_button.clicked.connect(self.edit_partner)
        self.referrals.activated.connect(self._open_referral)
        # Ctrl+F is the main window's: it comes to this page's search while the page is shown.
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.search, activated=self._into_results,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.search.returnPressed.connect(self._into_results)
        hub.language_changed.connect(lambda _lang: self.retranslate())
        self.retranslate()
        self.refresh()

    def _details(self) -> QScrollArea:
        """The selected partner's card: who they are, how to reach them, what they do, who was sent there."""
        self.name = _value_label("sectionTitle")
        self.type_label = QLabel(objectName="muted")
        self.commitment = _value_label("commitment")
        self.safeguard = _value_label("safeguard")
        self.detail_form = QFormLayout()
        self.detail_form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.detail_form.setHorizontalSpacing(16)
        self.detail_form.setVerticalSpacing(6)
        self.detail_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.detail_captions: dict[str, QLabel] = {}
        self.detail_values: dict[str, QLabel] = {}
        for key, _label in DETAIL_ROWS:
            caption = QLabel(objectName="detailLabel")
            value = _value_label(f"partner_{key}")
            self.detail_captions[key], self.detail_values[key] = caption, value
            self.detail_form.addRow(caption, value)
        self.contacts_title = QLabel(objectName="sectionTitle")
        self.contacts = _value_label("partnerContacts")
        self.services_title = QLabel(objectName="sectionTitle")
        self.services = _value_label("partnerServices")
        self.referrals_title = QLabel(objectName="sectionTitle")
        self.no_referrals = QLabel(objectName="muted")
        self.referrals = QTableWidget(0, len(REFERRAL_COLUMNS), objectName="referralTable")
        self.referrals.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.referrals.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.referrals.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.referrals.setTabKeyNavigation(False)
        self.referrals.verticalHeader().hide()
        self.referrals.setWordWrap(False)
        self.referrals.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        referral_header = self.referrals.horizontalHeader()
        referral_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        referral_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.nothing_chosen = QLabel(objectName="muted")

        content = QFrame(objectName="card")
        self.card = content
        box = QVBoxLayout(content)
        box.setContentsMargins(16, 12, 16, 12)
        box.setSpacing(8)
        for part in (self.name, self.type_label, self.commitment, self.safeguard):
            box.addWidget(part)
        box.addLayout(self.detail_form)
        for part in (self.contacts_title, self.contacts, self.services_title, self.services, self.referrals_title,
                     self.no_referrals, self.referrals):
            box.addWidget(part)
        box.addStretch(1)
        holder = QWidget(objectName="pageContent")
        outer = QVBoxLayout(holder)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.nothing_chosen)
        outer.addWidget(content)
        scroll = QScrollArea(objectName="partnerDetails")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        return scroll

    # -- what the page is asked to do

    def refresh(self) -> None:
        """Read the network again, keeping the partner selected."""
        chosen = self.selected()
        try:
            rows = self.desk.partners()
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self._referrals.clear()
        self.model.set_rows(rows)
        self._update_count()
        self.select_partner(chosen.partner_id if chosen else None)

    def retranslate(self) -> None:
        """Every text in the language spoken now; what was typed and chosen stays."""
        self.title.setText(_("Partner network"))
        self.new_button.setText(_("New partner…"))
        self.new_button.setAccessibleName(_("Add a new partner organisation"))
        self.edit_button.setText(_("Edit…"))
        self.edit_button.setAccessibleName(_("Edit the selected partner"))
        self.read_only.setText(_(READ_ONLY))
        self.read_only.setVisible(not self.may_edit)
        for button in (self.new_button, self.edit_button):
            button.setToolTip("" if self.may_edit else _(READ_ONLY))
        self.search.setPlaceholderText(_("Name, contact, language or step (Ctrl+F)"))
        self.search.setAccessibleName(_("Search partners"))
        self.type_filter.setAccessibleName(_("Type of partner"))
        current = self.type_filter.currentData()
        self.type_filter.blockSignals(True)
        self.type_filter.clear()
        self.type_filter.addItem(_("All types"), "")
        for code, label in sorted(PARTNER_TYPE_LABELS.items(), key=lambda item: _(item[1]).casefold()):
            self.type_filter.addItem(_(label), code.value)
        self.type_filter.setCurrentIndex(max(0, self.type_filter.findData(current)))
        self.type_filter.blockSignals(False)
        self.table.setAccessibleName(_("Partners"))
        self.model.retranslate()
        self.proxy.invalidate()
        self._fit_columns()
        for key, label in DETAIL_ROWS:
            self.detail_captions[key].setText(_(label))
        self.contacts_title.setText(_("Contact people"))
        self.services_title.setText(_("Steps it provides"))
        self.referrals_title.setText(_("Referrals"))
        self.no_referrals.setText(_("Nobody has been referred here yet."))
        self.referrals.setAccessibleName(_("Referrals made to this partner"))
        self.referrals.setHorizontalHeaderLabels([_(c) for c in REFERRAL_COLUMNS])
        self._update_count()
        self._show(self.selected(), fetch=False)

    def _fit_columns(self) -> None:
        # The type column fits the longest type in this language; languages take what is left after the name.
        metrics = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 12)
        longest = max(metrics.horizontalAdvance(_(label)) for label in PARTNER_TYPE_LABELS.values())
        self.table.setColumnWidth(1, longest + 24)
        self.table.setColumnWidth(2, metrics.horizontalAdvance("suomi, englanti, …") + 24)

    def selected(self) -> PartnerSummary | None:
        """The partner chosen in the list, if any."""
        row = chosen_row(self.table, self.proxy)
        return self.model.rows[row] if row is not None and 0 <= row < len(self.model.rows) else None

    def select_partner(self, partner_id: int | None) -> None:
        """Choose the partner ``partner_id`` in the list (the first shown when it is not there)."""
        if not choose_row(self.table, self.proxy, partner_id):
            self._show(None)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def new_partner(self) -> None:
        """A new partner organisation (coordinators)."""
        self._edit(None)

    def edit_partner(self) -> None:
        """The selected partner's details in the form (coordinators)."""
        chosen = self.selected()
        if chosen is not None:
            self._edit(chosen)

    # -- the inner workings

    def _edit(self, summary: PartnerSummary | None) -> None:
        from ui.partner_dialog import PartnerDialog

        if not self.may_edit:
            return
        form = PartnerDialog(self.desk, summary, self)
        result = form.exec()
        saved = form.saved
        form.deleteLater()
        if result == QDialog.DialogCode.Accepted and saved is not None:
            self.search.clear()
            self.type_filter.setCurrentIndex(0)
            self.refresh()
            self.select_partner(saved)
            self.table.setFocus()

    def _apply_filter(self) -> None:
        chosen = self.selected()
        self.proxy.set_filter(self.search.text(), self.type_filter.currentData() or "")
        self._update_count()
        self.select_partner(chosen.partner_id if chosen else None)

    def _into_results(self) -> None:
        if self.proxy.rowCount():
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if not self.table.selectionModel().selectedRows():
                self.table.selectRow(0)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show(self.selected())

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), len(self.model.rows)
        text = ngettext("{count} partner", "{count} partners", total).format(count=total)
        if shown != total:
            text = _("{shown} of {text} shown").format(shown=shown, text=text)
        self.count.setText(text)

    def _show(self, summary: PartnerSummary | None, fetch: bool = True) -> None:
        """Fill the card with ``summary`` (``fetch``: read its referrals again)."""
        self.card.setVisible(summary is not None)
        self.nothing_chosen.setVisible(summary is None)
        self.edit_button.setEnabled(self.may_edit and summary is not None)
        self.new_button.setEnabled(self.may_edit)
        if summary is None:
            self.referral_rows = ()
            self.nothing_chosen.setText(_("Choose a partner in the list to see its details.") if self.proxy.rowCount()
                                        else _("No partner matches the search."))
            return
        p = summary.partner
        self.name.setText(p.name)
        self.type_label.setText(code_label(PartnerType, p.type, words()))
        recruiting = p.type in RECRUITING_PARTNERS
        self.commitment.setVisible(recruiting)
        self.safeguard.setVisible(recruiting)
        if recruiting:
            if p.fee_free_commitment is not None:
                self.commitment.setText(_("Signed the fee-free recruitment commitment on {day}.").format(
                    day=date_text(p.fee_free_commitment, words())))
                self.commitment.setProperty("warning", False)
            else:
                self.commitment.setText(_("No written fee-free commitment: newcomers may have been charged "
                                          "recruitment fees. Ask them."))
                self.commitment.setProperty("warning", True)
            self.safeguard.setText({
                True: _("Recruits from countries on the WHO health workforce support and safeguards list."),
                False: _("Recruits from no country on the WHO health workforce support and safeguards list."),
                None: _("Not known whether it recruits from countries on the WHO health workforce support and "
                        "safeguards list."),
            }[p.who_safeguard_countries])
            self.safeguard.setProperty("warning", p.who_safeguard_countries is True)
            for label in (self.commitment, self.safeguard):
                label.style().unpolish(label)
                label.style().polish(label)
        values = {"address": p.address, "phone": p.phone, "email": p.email, "website": p.website,
                  "hours": p.hours, "languages": languages_text(p.languages)}
        for key, value in values.items():
            self.detail_values[key].setText(value or "—")
        self.contacts.setText("\n\n".join(
            "\n".join(line for line in (", ".join(x for x in (c.name, c.title) if x),
                                        "  ".join(x for x in (c.phone, c.email) if x)) if line)
            for c in p.contacts) or "—")
        self.services.setText("\n".join(f"• {catalogue_text(name, words())}" for name in summary.services) or "—")
        if fetch:
            self.referral_rows = self._referrals_to(summary)
        self._fill_referrals()

    def _referrals_to(self, summary: PartnerSummary) -> tuple[ReferralRow, ...]:
        if not summary.referrals:
            return ()
        if summary.partner_id not in self._referrals:
            try:
                self._referrals[summary.partner_id] = self.desk.referrals_to(summary.partner_id)
            except KnownError as exc:
                dialogs.known_error(self, exc)
                return ()
        return self._referrals[summary.partner_id]

    def _fill_referrals(self) -> None:
        rows = self.referral_rows
        self.referrals_title.setText(_("Referrals ({count})").format(count=len(rows)) if rows else _("Referrals"))
        self.no_referrals.setVisible(not rows)
        self.referrals.setVisible(bool(rows))
        self.referrals.setRowCount(len(rows))
        for i, referral in enumerate(rows):
            cells = (f"{referral.family_name}, {referral.given_names}\n{catalogue_text(referral.step, words())}",
                     date_text(referral.referred_on, words()),
                     code_label(ReferralOutcome, referral.outcome, words()))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)  # plain text: a name's "<b>" stays text
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, referral.person_id)
                self.referrals.setItem(i, column, item)
        # Two lines a row, with room to breathe.
        self.referrals.verticalHeader().setDefaultSectionSize(2 * self.referrals.fontMetrics().lineSpacing() + 12)
        shown = min(len(rows), 8)
        self.referrals.setFixedHeight(self.referrals.horizontalHeader().sizeHint().height() + 4
                                      + sum(self.referrals.rowHeight(i) for i in range(shown)))

    def _open_referral(self, index: QModelIndex) -> None:
        item = self.referrals.item(index.row(), 0)
        if item is not None:
            self.person_opened.emit(int(item.data(Qt.ItemDataRole.UserRole)))
