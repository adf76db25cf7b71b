"""One newcomer with their household; Edit turns the details into the registration's fields."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs, forms
from ui.field_editors import FieldForm, recorded_only
from ui.fonts import missing_script
from ui.hub import Hub
from ui.language import _, words
from ui.pages.person_history import PersonHistory
from ui.pages.person_steps import StepsPanel
from ui.style import status_colour
from welcomedesk.codes import PaperKind
from welcomedesk.errors import Problem
from welcomedesk.i18n import N_
from welcomedesk.person_fields import FIELD, SECTIONS
from welcomedesk.presentation.labels import date_text, relation_label, status_label
from welcomedesk.presentation.person import (
    SECTION_TITLES,
    activity_lines,
    note_lines,
    paper_lines,
    person_sections,
    status_history_lines,
    visit_lines,
)
from welcomedesk.services.audit_log import AuditRow
from welcomedesk.services.newcomers import PersonDetail
from welcomedesk.services.papers import GivenEntry
from welcomedesk.services.privacy_profile import PrivacyProfile

MEMBER_COLUMNS = (N_("Name"), N_("Relation"), N_("Born"), N_("Status"))
PACKET_SHORTCUT = "Ctrl+P"
# Each paper's button, and its name for a screen reader.
PAPER_TEXTS = {
    PaperKind.PACKET: (N_("Welcome packet…"), N_("Make the welcome packet: preview, print or save")),
    PaperKind.SLIP: (N_("Referral slip…"), N_("Make a referral slip for a partner")),
    PaperKind.SHEET: (N_("Handover sheet…"), N_("Make a handover sheet for the needs assessment")),
}


class PersonPage(QWidget):
    """The person's details and their household; a member opens with Enter or a double click.

    ``privacy``: the service point's privacy profile, read once when the page is made (None: every field);
    the details and the edit mode show only the fields it records.
    """

    back_requested = Signal()
    person_opened = Signal(int)
    status_change_requested = Signal()
    save_requested = Signal(dict)  # the fields the worker changed, as typed
    visit_requested = Signal()
    activity_requested = Signal()
    note_requested = Signal()
    household_requested = Signal()
    paper_requested = Signal(str)  # a PaperKind: the packet, a referral slip, a handover sheet
    history_requested = Signal(int)  # the person's number: their audit history, for show_history
    data_requested = Signal(int)  # the person's number: everything held on them, for their access request

    def __init__(self, hub: Hub, municipalities: dict[str, str] | None = None,
                 privacy: PrivacyProfile | None = None) -> None:
        super().__init__()
        self.municipalities = municipalities or {}
        self.recorded: frozenset[str] | None = frozenset(privacy.fields) if privacy is not None else None
        self._loaded: dict[str, str] = {}
        self.setObjectName("personPage")
        self.detail: PersonDetail | None = None
        self.back = QPushButton(objectName="backButton")
        self.name = QLabel(objectName="pageTitle")
        self.name.setWordWrap(True)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.native = QLabel(objectName="pageSubtitle")
        # Names are shown exactly as typed: "<b>" in a name is text, never markup.
        for label in (self.name, self.native):
            label.setTextFormat(Qt.TextFormat.PlainText)
            # Left even for right-to-left names, so the heading does not jump about.
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
        self.status = QLabel(objectName="statusBadge")
        self.section_titles = [QLabel(objectName="sectionTitle") for _section in SECTION_TITLES]
        self.forms = [QFormLayout() for _section in SECTION_TITLES]
        self.history_title = QLabel(objectName="sectionTitle")
        self.change_status = QPushButton(objectName="changeStatus")
        self.change_status.clicked.connect(self.status_change_requested)
        self.history = QFormLayout()
        self.visits_title = QLabel(objectName="sectionTitle")
        self.record_visit = QPushButton(objectName="recordVisit")
        self.record_visit.clicked.connect(self.visit_requested)
        self.visits = QFormLayout()
        self.no_visits = QLabel(objectName="muted")
        self.activity_title = QLabel(objectName="sectionTitle")
        self.record_activity = QPushButton(objectName="recordActivity")
        self.record_activity.clicked.connect(self.activity_requested)
        self.activities = QFormLayout()
        self.notes_title = QLabel(objectName="sectionTitle")
        self.add_note = QPushButton(objectName="addNote")
        self.add_note.clicked.connect(self.note_requested)
        self.notes = QFormLayout()
        self.household_title = QLabel(objectName="sectionTitle")
        self.change_household = QPushButton(objectName="changeHousehold")
        self.change_household.clicked.connect(self.household_requested)
        self.members = QTableWidget(0, len(MEMBER_COLUMNS), objectName="householdTable")
        self.members.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members.verticalHeader().hide()
        self.members.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.members.activated.connect(self._open_member)
        # activated is Enter and a double click alike: connecting a double click too would open twice.

        self.papers_title = QLabel(objectName="sectionTitle")
        self.papers = QFormLayout()
        self.no_papers = QLabel(objectName="muted")
        self._papers: tuple[GivenEntry, ...] = ()
        self.data_button = QPushButton(objectName="personDataButton")
        self.data_button.clicked.connect(self._ask_data)
        # The papers the desk prints for the person, beside Edit: the packet is one keystroke away.
        self.paper_buttons = {kind: QPushButton(objectName=f"{kind.value}Button") for kind in PaperKind}
        for kind, button in self.paper_buttons.items():
            button.clicked.connect(lambda _checked=False, kind=kind: self.paper_requested.emit(kind.value))

        self.edit = QPushButton(objectName="editPerson")
        self.edit.clicked.connect(self.start_editing)
        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addStretch(1)
        for button in self.paper_buttons.values():
            top.addWidget(button)
        top.addSpacing(12)
        top.addWidget(self.edit)
        heading = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.name)
        names.addWidget(self.native)
        heading.addLayout(names, 1)
        heading.addWidget(self.status, 0, Qt.AlignmentFlag.AlignTop)

        self.cards = QWidget()
        columns = _card_grid(self.cards)
        for i, (title, form) in enumerate(zip(self.section_titles, self.forms, strict=True)):
            card = QFrame(objectName="card")
            box = QVBoxLayout(card)
            box.setContentsMargins(16, 12, 16, 12)
            box.addWidget(title)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
            form.setHorizontalSpacing(16)
            form.setVerticalSpacing(6)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            box.addLayout(form)
            box.addStretch(1)
            columns.addWidget(card, i // 2, i % 2)

        content = QWidget(objectName="pageContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addLayout(heading)
        # The checklist, follow-ups and paths first: what the desk works through with the person.
        self.steps_panel = StepsPanel()
        layout.addWidget(self.steps_panel)
        layout.addWidget(self.cards)
        # The edit mode's fields are made at the first Edit: hundreds of countries and languages in
        # choice lists would otherwise slow every start of the app.
        self.editing_area: QWidget | None = None
        self.edit_forms: list[FieldForm] = []
        self._edit_slot = QVBoxLayout()
        self._edit_slot.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._edit_slot)
        follow_up = QWidget()
        dated = _card_grid(follow_up)
        dated.addWidget(_dated_card(self.history_title, self.change_status, self.history), 0, 0)
        dated.addWidget(_dated_card(self.visits_title, self.record_visit, self.visits, self.no_visits), 0, 1)
        dated.addWidget(_dated_card(self.activity_title, self.record_activity, self.activities), 1, 0)
        dated.addWidget(_dated_card(self.notes_title, self.add_note, self.notes), 1, 1)
        dated.addWidget(_dated_card(self.papers_title, self.data_button, self.papers, self.no_papers), 2, 0, 1, 2)
        layout.addWidget(follow_up)
        household_heading = QHBoxLayout()
        household_heading.addWidget(self.household_title)
        household_heading.addStretch(1)
        household_heading.addWidget(self.change_household)
        layout.addLayout(household_heading)
        layout.addWidget(self.members)
        # Who saw and changed the person: read only when asked for.
        self.audit_history = PersonHistory()
        self.audit_history.history_requested.connect(self.history_requested)
        layout.addWidget(self.audit_history)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.back.clicked.connect(self._leave)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self._escape)
        QShortcut(QKeySequence("Ctrl+E"), self, activated=self.start_editing)
        QShortcut(QKeySequence(PACKET_SHORTCUT), self, activated=lambda: self._ask_paper(PaperKind.PACKET))
        QShortcut(QKeySequence.StandardKey.Back, self, activated=self._leave)
        hub.language_changed.connect(lambda _lang: self.retranslate())
        self.retranslate()

    def _editing_area(self) -> QWidget:
        """The details as fields, section by section, with Save and Cancel: made at the first Edit."""
        if self.editing_area is not None:
            return self.editing_area
        area = QWidget(objectName="editingArea")
        self.editing_area = area
        grid = _card_grid(area)
        self.edit_titles: list[QLabel] = []
        for i, section in enumerate(SECTION_TITLES):
            card = QFrame(objectName="card")
            box = QVBoxLayout(card)
            box.setContentsMargins(16, 12, 16, 12)
            title = QLabel(objectName="sectionTitle")
            form = FieldForm(recorded_only(SECTIONS[section], self.recorded), self.municipalities)
            box.addWidget(title)
            box.addWidget(form)
            box.addStretch(1)
            grid.addWidget(card, i // 2, i % 2)
            self.edit_titles.append(title)
            self.edit_forms.append(form)
        self.edit_message = forms.refusal_line()
        self.save = QPushButton(objectName="savePerson")
        self.save.setProperty("primary", True)
        self.cancel_edit = QPushButton(objectName="cancelEdit")
        self.save.clicked.connect(self._save)
        self.cancel_edit.clicked.connect(self.stop_editing)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_message, 1)
        buttons.addWidget(self.save)
        buttons.addWidget(self.cancel_edit)
        grid.addLayout(buttons, (len(SECTION_TITLES) + 1) // 2, 0, 1, 2)
        area.hide()
        QShortcut(QKeySequence("Ctrl+S"), area, activated=self._save,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._edit_slot.addWidget(area)
        self._retranslate_editing()
        return area

    def follow_privacy(self, privacy: PrivacyProfile) -> None:
        """Show the fields a newly saved privacy profile records (the edit mode is made again at the next Edit)."""
        self.recorded = frozenset(privacy.fields)
        if self.editing_area is not None:
            self.stop_editing()
            self._edit_slot.removeWidget(self.editing_area)
            self.editing_area.deleteLater()
            self.editing_area = None
            self.edit_forms = []
        self.retranslate()

    @property
    def editing(self) -> bool:
        return self.editing_area is not None and not self.editing_area.isHidden()

    def start_editing(self) -> None:
        """Every field of the person as the registration has it, filled with what is saved."""
        if self.detail is None:
            return
        area = self._editing_area()
        values = {name: self.detail.value(name) for form in self.edit_forms for name in form.editors}
        for form in self.edit_forms:
            form.set_values(values)
            for name in form.editors:
                form.show_reason(name, "")
        self._loaded = self.texts()
        self.edit_message.setText("")
        self.cards.hide()
        self.steps_panel.hide()
        area.show()
        self.edit.setEnabled(False)
        self.change_status.setEnabled(False)
        for button in self.paper_buttons.values():
            button.setEnabled(False)
        next(iter(self.edit_forms[0].editors.values())).widget.setFocus()

    def stop_editing(self) -> None:
        """Back to the details as saved; typed changes are dropped."""
        if self.editing_area is not None:
            self.editing_area.hide()
        self.cards.show()
        self.steps_panel.show()
        self.edit.setEnabled(True)
        self.change_status.setEnabled(True)
        for button in self.paper_buttons.values():
            button.setEnabled(True)
        self.edit.setFocus()

    def texts(self) -> dict[str, str]:
        """Every field's text in edit mode."""
        typed: dict[str, str] = {}
        for form in self.edit_forms:
            typed.update(form.texts())
        return typed

    def changed(self) -> dict[str, str]:
        """The fields the worker changed (a changed identity code brings the birth date to check it by)."""
        typed = self.texts()
        changed = {name: text for name, text in typed.items() if text != self._loaded.get(name)}
        if "personal_identity_code" in changed:
            changed["date_of_birth"] = typed["date_of_birth"]
        return changed

    def show_problems(self, problems: tuple[Problem, ...]) -> None:
        """The core's reasons beside their fields; the cursor to the first."""
        shown = [name for form in self.edit_forms for name in form.show_problems(problems)]
        general = [p.message for p in problems if p.field not in shown]
        self.edit_message.setText("\n".join(_(m) for m in general))
        first = next((form.first_invalid() for form in self.edit_forms if form.first_invalid()), None)
        if first is not None:
            first.setFocus()

    def _save(self) -> None:
        if not self.editing:
            return
        bad = [name for form in self.edit_forms for name in form.check_all()]
        if bad:
            self.edit_message.setText(_("Correct the fields marked in red, then save."))
            return
        changed = self.changed()
        if not changed:
            self.stop_editing()
            return
        self.save_requested.emit(changed)

    def show_person(self, detail: PersonDetail) -> None:
        """Fill the page with ``detail`` (leaving edit mode)."""
        self.detail = detail
        self._papers = detail.papers
        self.stop_editing()
        self.steps_panel.show_person(detail)
        self.retranslate()
        self.audit_history.show_person(detail.row.id)
        self.back.setFocus()

    def show_history(self, rows: tuple[AuditRow, ...]) -> None:
        """The person's history as read from the audit log, opened on the page."""
        self.audit_history.show_rows(rows)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.back.setText(_("← Back to the list"))
        self.back.setAccessibleName(_("Back to the newcomer list"))
        for label, title in zip(self.section_titles, SECTION_TITLES.values(), strict=True):
            label.setText(_(title))
        self.history_title.setText(_("Status history"))
        self.change_status.setText(_("Change the status…"))
        self.change_status.setAccessibleName(_("Change the status"))
        self.visits_title.setText(_("Visits"))
        self.record_visit.setText(_("Record a visit…"))
        self.record_visit.setAccessibleName(_("Record a visit"))
        self.no_visits.setText(_("No visits recorded yet."))
        self.activity_title.setText(_("Work or studies"))
        self.record_activity.setText(_("Record a change…"))
        self.record_activity.setAccessibleName(_("Record a change in work or studies"))
        self.notes_title.setText(_("Notes"))
        self.add_note.setText(_("Add a note…"))
        self.add_note.setAccessibleName(_("Add a note"))
        self.household_title.setText(_("Household"))
        self.change_household.setText(_("Change household or role…"))
        self.change_household.setAccessibleName(_("Change this person's household or role"))
        for kind, (text, name) in PAPER_TEXTS.items():
            self.paper_buttons[kind].setText(_(text))
            self.paper_buttons[kind].setAccessibleName(_(name))
        self.paper_buttons[PaperKind.PACKET].setToolTip(PACKET_SHORTCUT)
        self.papers_title.setText(_("Papers given"))
        self.no_papers.setText(_("No papers given yet."))
        self.data_button.setText(_("Data of this person…"))
        self.data_button.setToolTip(_("Everything held on this person, for their request to see it (JSON or PDF)"))
        self.edit.setText(_("Edit"))
        self.edit.setAccessibleName(_("Edit this person's details"))
        self.edit.setToolTip("Ctrl+E")
        self._retranslate_editing()
        self.steps_panel.retranslate()
        self.audit_history.retranslate()
        self.members.setAccessibleName(_("Household members"))
        self.members.setHorizontalHeaderLabels([_(c) for c in MEMBER_COLUMNS])
        detail = self.detail
        if detail is None:
            return
        row = detail.row
        self.name.setText(f"{row.family_name}, {row.given_names}")
        script = missing_script(row.native_name) if row.native_name else None
        self.native.setText(row.native_name if script is None else _(
            "Own spelling in {script} script: no font on this computer to show it").format(script=script))
        self.native.setVisible(bool(row.native_name))
        colour = status_colour(row.status)
        self.status.setText(status_label(row.status, words()))
        self.status.setStyleSheet(f"color: {colour}; border: 1px solid {colour}; border-radius: 10px;"
                                  " padding: 3px 10px; font-weight: 600;")
        self.status.setAccessibleName(_("Status: {status}").format(status=status_label(row.status, words())))
        # The rows come by label: those of the fields the privacy profile does not record are left out.
        hidden = {words()(FIELD[name].label) for name in FIELD if self.recorded is not None
                  and name not in self.recorded}
        for form, (_title, fields) in zip(self.forms, person_sections(detail, words()), strict=True):
            while form.rowCount():
                form.removeRow(0)
            for label, value in fields:
                if label in hidden:
                    continue
                field = QLabel(value or "—")
                field.setWordWrap(True)
                field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                # Names and addresses are shown as typed, never read as markup.
                field.setTextFormat(Qt.TextFormat.PlainText)
                field.setAccessibleName(label)
                form.addRow(QLabel(label, objectName="detailLabel"), field)
        _fill_dated(self.history, status_history_lines(detail, words()))
        _fill_dated(self.visits, visit_lines(detail, words()))
        _fill_dated(self.activities, activity_lines(detail, words()))
        _fill_dated(self.notes, note_lines(detail, words()))
        self.no_visits.setVisible(not detail.visits)
        self._fill_papers()
        self.members.setRowCount(len(detail.members))
        for i, member in enumerate(detail.members):
            cells = (f"{member.family_name}, {member.given_names}", relation_label(member.relation, words()),
                     date_text(member.date_of_birth, words()), status_label(member.status, words()))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, member.id)
                if member.id == row.id:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.members.setItem(i, column, item)
        self.members.setFixedHeight(self.members.horizontalHeader().height() + 6
                                    + sum(self.members.rowHeight(i) for i in range(len(detail.members))))

    def show_papers(self, papers: tuple[GivenEntry, ...]) -> None:
        """The papers given to the person, read anew after one was printed or saved."""
        self._papers = papers
        self._fill_papers()

    def _fill_papers(self) -> None:
        _fill_dated(self.papers, paper_lines(self._papers, words()))
        self.no_papers.setVisible(not self._papers)

    def _ask_data(self) -> None:
        if self.detail is not None and not self.editing:
            self.data_requested.emit(self.detail.row.id)

    def _ask_paper(self, kind: PaperKind) -> None:
        if self.detail is not None and not self.editing:
            self.paper_requested.emit(kind.value)

    def may_leave(self) -> bool:
        """Whether the page may show something else: typed changes are dropped only when the worker says so."""
        if self.editing and self.changed() and not dialogs.ask(
                self, _("Unsaved changes"), _("Your changes to this person are not saved. Drop them?")):
            return False
        self.stop_editing()
        return True

    def _leave(self) -> None:
        if self.may_leave():
            self.back_requested.emit()

    def _retranslate_editing(self) -> None:
        if self.editing_area is None:
            return
        self.save.setText(_("Save"))
        self.save.setToolTip("Ctrl+S")
        self.cancel_edit.setText(_("Cancel"))
        for label, title, edit_form in zip(self.edit_titles, SECTION_TITLES.values(), self.edit_forms, strict=True):
            label.setText(_(title))
            edit_form.retranslate()  # what was typed stays

    def _escape(self) -> None:
        # Escape leaves edit mode first (a second Escape goes back to the list).
        if self.editing:
            self.may_leave()
        else:
            self.back_requested.emit()

    def _open_member(self, index: object) -> None:
        self._open_member_row(self.members.currentRow())

    def _open_member_row(self, row: int) -> None:
        item = self.members.item(row, 0)
        if item is not None and self.detail is not None:
            member_id = int(item.data(Qt.ItemDataRole.UserRole))
            if member_id != self.detail.row.id and self.may_leave():
                self.person_opened.emit(member_id)


def _card_grid(holder: QWidget) -> QGridLayout:
    """The sections' cards two by two, on the page and in edit mode alike."""
    grid = QGridLayout(holder)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(24)
    grid.setVerticalSpacing(16)
    grid.setColumnStretch(0, 1)
    grid.setColumnStretch(1, 1)
    return grid


def _dated_card(title: QLabel, act: QPushButton | None, entries: QFormLayout, *below: QWidget) -> QFrame:
    """A card of dated entries (the status history, the visits) with its act, if any, beside the title."""
    heading = QHBoxLayout()
    heading.addWidget(title)
    heading.addStretch(1)
    if act is not None:
        heading.addWidget(act)
    entries.setHorizontalSpacing(16)
    card = QFrame(objectName="card")
    box = QVBoxLayout(card)
    box.setContentsMargins(16, 12, 16, 12)
    box.addLayout(heading)
    box.addLayout(entries)
    for widget in below:
        box.addWidget(widget)
    box.addStretch(1)
    return card


def _fill_dated(entries: QFormLayout, lines: list[tuple[str, str]]) -> None:
    while entries.rowCount():
        entries.removeRow(0)
    for when, what in lines:
        entry = QLabel(what)
        entry.setTextFormat(Qt.TextFormat.PlainText)
        entry.setWordWrap(True)
        entries.addRow(QLabel(when, objectName="detailLabel"), entry)
