"""The registration wizard: a household registered at the desk, step by step, with the keyboard alone.

Steps: the main person, contact and languages, arrival and work, the household, the privacy
notice, and a summary. Each field says why it does not hold as the worker types; Finish says
what is still missing. A person already registered is found while the names and the birth date
are typed, and offered to open instead.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs, forms
from ui.field_editors import FieldForm, reason_for, recorded_only, restyle
from ui.household_step import HouseholdStep
from ui.hub import Hub
from ui.language import _, ngettext, words
from welcomedesk.codes import PrivacyRole
from welcomedesk.errors import DuplicateError, KnownError, Problem, ValidationError
from welcomedesk.i18n import N_
from welcomedesk.identity import format_date
from welcomedesk.occupations import match_occupation
from welcomedesk.person_fields import FIELD, SECTIONS, Section
from welcomedesk.presentation.labels import date_text
from welcomedesk.services.desk import Desk
from welcomedesk.services.duplicates import Candidate, Registered
from welcomedesk.services.registration import notice_version
from welcomedesk.world import language_code

# (key, title, the section whose fields the step holds)
STEPS: tuple[tuple[str, str, Section | None], ...] = (
    ("person", N_("Person"), Section.PERSONAL),
    ("contact", N_("Contact and languages"), Section.CONTACT),
    ("arrival", N_("Arrival and work"), Section.ARRIVAL),
    ("household", N_("Household"), None),
    ("privacy", N_("Privacy notice"), Section.PRIVACY),
    ("summary", N_("Summary"), None),
)
_IDENTIFYING = frozenset({"given_names", "family_name", "date_of_birth", "personal_identity_code"})


class RegistrationDialog(QDialog):
    """A household registered in six steps; ``registered`` holds the new people's numbers.

    The steps show only the fields the service point's privacy profile records (read once, when made).
    """

    OPEN_EXISTING = 2  # the dialog's result when the worker chose to open a registered person instead

    def __init__(self, desk: Desk, hub: Hub | None = None, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.today = today or date.today()
        self.registered: list[int] = []
        self.existing: Registered | None = None
        self._matches = 0  # how many registered people the last look found
        self._asked: list[Candidate] = []  # who the last look asked about
        self.setObjectName("registrationDialog")
        self.resize(1100, 680)
        municipalities = desk.municipality_names()
        self.municipalities = municipalities
        self.privacy = desk.privacy_profile()
        recorded = frozenset(self.privacy.fields)

        self.title = QLabel(objectName="pageTitle")
        # Why some fields are not asked: an employer's relocation service records only what the work needs.
        self.privacy_line = QLabel(objectName="muted")
        self.privacy_line.setWordWrap(True)
        self.steps = QListWidget(objectName="wizardSteps")
        self.steps.setFixedWidth(220)
        for _step in STEPS:
            self.steps.addItem("")
        self.pages = QStackedWidget()
        self.forms: dict[str, FieldForm] = {}
        self.step_titles: list[QLabel] = []
        self.step_hints: list[QLabel] = []
        for key, _title, section in STEPS:
            page = QWidget(objectName="pageContent")
            page.setProperty("step", key)
            box = QVBoxLayout(page)
            box.setContentsMargins(0, 0, 0, 0)
            heading = QLabel(objectName="sectionTitle")
            hint = QLabel(objectName="muted")
            hint.setWordWrap(True)
            self.step_titles.append(heading)
            self.step_hints.append(hint)
            box.addWidget(heading)
            box.addWidget(hint)
            if section is not None:
                form = FieldForm(recorded_only(SECTIONS[section], recorded), municipalities)
                form.edited.connect(self._edited)
                self.forms[key] = form
                if key == "privacy":
                    self.notice_given: QCheckBox = QCheckBox(objectName="noticeGiven")
                    self.notice_given.toggled.connect(self._notice_given)
                    box.addWidget(self.notice_given)
                box.addWidget(form)
            elif key == "household":
                self.household = HouseholdStep(recorded)
                self.household.edited.connect(self._edited)
                self.household.changed.connect(self._members_changed)
                box.addWidget(self.household)
            else:
                self.summary = QLabel(objectName="summary")
                self.summary.setTextFormat(Qt.TextFormat.PlainText)  # names as typed, never markup
                self.summary.setWordWrap(True)
                self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                box.addWidget(self.summary)
            box.addStretch(1)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            self.pages.addWidget(scroll)

        self.duplicate = QFrame(objectName="duplicateBanner")
        self.duplicate_text = QLabel(objectName="duplicateText")
        self.duplicate_text.setTextFormat(Qt.TextFormat.PlainText)
        self.duplicate_text.setWordWrap(True)
        self.open_existing = QPushButton(objectName="openExisting")
        self.open_existing.clicked.connect(self._open_existing)
        banner = QHBoxLayout(self.duplicate)
        banner.setContentsMargins(12, 8, 12, 8)
        banner.addWidget(self.duplicate_text, 1)
        banner.addWidget(self.open_existing)
        self.duplicate.hide()

        self.missing_line = QLabel(objectName="missing")
        self.missing_line.setWordWrap(True)
        self.back = QPushButton(objectName="backStep")
        self.next = QPushButton(objectName="nextStep")
        self.finish: QPushButton = QPushButton(objectName="finish")
        self.finish.setProperty("primary", True)
        self.cancel = QPushButton(objectName="cancel")
        self.back.clicked.connect(lambda: self.go(self.pages.currentIndex() - 1))
        self.next.clicked.connect(lambda: self.go(self.pages.currentIndex() + 1))
        self.finish.clicked.connect(self.register)
        self.cancel.clicked.connect(self.reject)
        for button in (self.back, self.next, self.finish, self.cancel):
            button.setAutoDefault(False)
        self.next.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.missing_line, 1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        buttons.addWidget(self.finish)
        buttons.addWidget(self.cancel)

        body = QHBoxLayout()
        body.setSpacing(20)
        body.addWidget(self.steps)
        body.addWidget(self.pages, 1)
        layout = forms.frame(self, spacing=12)
        layout.addWidget(self.title)
        layout.addWidget(self.privacy_line)
        self.privacy_line.setHidden(self.privacy.role is not PrivacyRole.EMPLOYER)
        layout.addWidget(self.duplicate)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)

        self.steps.currentRowChanged.connect(self.go)
        # Page Down and Page Up move between steps from any field, Ctrl+Return finishes.
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, activated=lambda: self.go(self.pages.currentIndex() + 1))
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, activated=lambda: self.go(self.pages.currentIndex() - 1))
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.register)
        self._duplicate_timer = QTimer(self, singleShot=True, interval=500)
        self._duplicate_timer.timeout.connect(self.look_for_registered)
        self._missing_timer = QTimer(self, singleShot=True, interval=200)
        self._missing_timer.timeout.connect(self._update_missing)
        self._group_chosen = False
        self.forms["arrival"].editors["occupation"].edited.connect(self._match_occupation)
        self.forms["arrival"].editors["occupation_group"].edited.connect(self._group_was_chosen)
        self.forms["contact"].editors["languages"].edited.connect(self._offer_notice_language)
        if hub is not None:
            hub.language_changed.connect(lambda _lang: self.retranslate())
        self.retranslate()
        self.go(0)

    def _members_changed(self) -> None:
        self._missing_timer.start()
        self._duplicate_timer.start()

    # -- moving between steps
    def go(self, index: int) -> None:
        """Show step ``index`` (kept within the steps)."""
        index = max(0, min(index, len(STEPS) - 1))
        self.pages.setCurrentIndex(index)
        self.steps.blockSignals(True)
        self.steps.setCurrentRow(index)
        self.steps.blockSignals(False)
        key = STEPS[index][0]
        if key == "summary":
            self._write_summary()
        elif key == "household":
            main = self.forms["person"].editors
            self.household.starting_values = {name: main[name].text() for name in ("family_name", "nationality")}
        self.back.setEnabled(index > 0)
        self.next.setVisible(index < len(STEPS) - 1)
        self.next.setDefault(index < len(STEPS) - 1)
        self.finish.setDefault(index == len(STEPS) - 1)
        self._update_missing()
        first = self._first_field(key)
        if first is not None:
            first.setFocus()

    def _first_field(self, key: str) -> QWidget | None:
        if key in self.forms:
            form = self.forms[key]
            if key == "privacy" and form.first_invalid() is None:
                return self.notice_given  # what the worker does here first
            return form.first_invalid() or next(iter(form.editors.values())).widget
        if key == "household":
            return self.household.first_field()
        return self.finish

    # -- what the fields say
    def _edited(self, name: str) -> None:
        if name in _IDENTIFYING:
            self._duplicate_timer.start()
        self._missing_timer.start()

    def _match_occupation(self) -> None:
        # A typed title that clearly names a group fills the group, unless the worker chose one.
        arrival = self.forms["arrival"].editors
        if not self._group_chosen:
            arrival["occupation_group"].set_text(match_occupation(arrival["occupation"].text()) or "")

    def _group_was_chosen(self) -> None:
        self._group_chosen = True

    def _offer_notice_language(self) -> None:
        # The notice is offered in the language papers are printed in: the first one typed.
        notice = self.forms["privacy"].editors["privacy_notice_language"]
        first = re.split(r"[;,]", self.forms["contact"].editors["languages"].text())[0]
        code = language_code(first) if first.strip() else None
        if not notice.text() and code:
            notice.set_text(code)

    def _notice_given(self, given: bool) -> None:
        privacy = self.forms["privacy"].editors
        if given:
            privacy["privacy_notice_date"].set_text(format_date(self.today))
            privacy["privacy_notice_version"].set_text(notice_version(self.privacy.role))
            self._offer_notice_language()
        else:
            privacy["privacy_notice_date"].set_text("")
        self._missing_timer.start()

    def members(self) -> list[dict[str, str]]:
        """What was typed, the main person first, as the core reads it."""
        main: dict[str, str] = {}
        for form in self.forms.values():
            main.update(form.texts())
        return [main, *(row.texts() for row in self.household.rows)]

    def missing(self) -> list[str]:
        """The fields that still keep Finish from registering, by label, in step order; nothing is shown."""
        found = [_(FIELD[name].label) for form in self.forms.values() for name in form.problems()]
        found += [_("{field} of a household member").format(field=_(FIELD[name].label))
                  for row in self.household.rows for name in row.problems()]
        return list(dict.fromkeys(found))

    def _update_missing(self) -> None:
        missing = self.missing()
        if missing:
            text = _("Still missing or to correct: {fields}").format(fields=", ".join(missing))
        else:
            people = 1 + len(self.household.rows)
            text = ngettext("Ready to register {count} person.", "Ready to register {count} people.",
                            people).format(count=people)
        self.missing_line.setText(text)
        restyle(self.missing_line, "ready", not missing)
        self.finish.setToolTip(text if missing else "")
        self.finish.setAccessibleDescription(text)

    # -- duplicates
    def candidates(self) -> list[Candidate]:
        """Who is being registered, as far as it can be read yet (a field that does not hold counts as empty)."""
        return [Candidate.of({name: FIELD[name].parse(texts.get(name, ""))
                              for name in _IDENTIFYING if not reason_for(name, texts.get(name, ""))})
                for texts in self.members()]

    def look_for_registered(self) -> None:
        """Ask whether anyone being registered is registered already, and offer to open them."""
        candidates = self.candidates()
        if candidates == self._asked:
            return  # nothing identifying changed: the answer stands (and no further search is audited)
        self._asked = candidates
        found: list[Registered] = []
        if any(c.personal_identity_code or c.name_key() for c in candidates):
            try:
                found = self.desk.registered(candidates)
            except KnownError:
                self._asked = []
                return  # the check is a help; Finish checks again and says why
        self._matches = len(found)
        self._show_existing(found[0] if found else None)

    def _show_existing(self, match: Registered | None) -> None:
        self.existing = match
        self.duplicate.setVisible(match is not None)
        if match is None:
            return
        count = self._matches
        born = date_text(match.date_of_birth, words())
        why = _("the same identity code") if match.by_code else _("the same name and date of birth")
        person = _("{name} (number {id})").format(name=f"{match.family_name}, {match.given_names}",
                                                  id=match.person_id)
        text = _("Already registered: {person}, born {born} ({why}).").format(person=person, born=born or "—",
                                                                             why=why)
        if count > 1:
            text += " " + ngettext("{count} more match.", "{count} more matches.", count - 1).format(count=count - 1)
        self.duplicate_text.setText(text)

    def _open_existing(self) -> None:
        if self.existing is not None:
            self.done(self.OPEN_EXISTING)

    # -- finishing
    def register(self) -> None:
        """Register the household, or show every reason beside its field and go to the first."""
        shown = self._check_everything()
        if shown:
            self._go_to_first_problem()
            return
        try:
            self.registered = self.desk.register(self.members(), self.today)
        except ValidationError as exc:
            self._show_problems(exc.problems)
            self._go_to_first_problem()
            return
        except DuplicateError as exc:
            self.look_for_registered()
            if self.existing is None:
                dialogs.known_error(self, exc)
            return
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self.accept()

    def _check_everything(self) -> bool:
        """Show why each field does not hold; True when any does not."""
        bad = [name for form in self.forms.values() for name in form.check_all()]
        bad_rows = [row for row in self.household.rows if not row.check()]
        self._update_missing()
        return bool(bad or bad_rows)

    def _show_problems(self, problems: tuple[Problem, ...]) -> None:
        for problem in problems:
            if problem.row:  # a household member's (the main person is row 0)
                row = self.household.rows[problem.row - 1]
                row.show_reasons({**row.reasons, (problem.field or "given_names"): problem.message})
                continue
            for form in self.forms.values():
                if form.show_problems([problem]):
                    break
        self._update_missing()

    def _go_to_first_problem(self) -> None:
        for index, (key, _title, _section) in enumerate(STEPS):
            form = self.forms.get(key)
            if (form is not None and form.reasons()) or (
                    key == "household" and any(row.reasons for row in self.household.rows)):
                self.go(index)  # the cursor goes to the first refused field of the step
                return

    # -- words
    def _write_summary(self) -> None:
        lines: list[str] = []
        for key, title, section in STEPS:
            form = self.forms.get(key)
            if form is not None and section is not None:
                lines.append(_(title).upper())
                lines += [f"  {_(FIELD[name].label)}: {editor.shown_text() or '—'}"
                          for name, editor in form.editors.items()]
                lines.append("")
            elif key == "household":
                lines.append(_(title).upper())
                lines += [f"  {line}" for line in self.household.summary_lines()]
                lines.append("")
        self.summary.setText("\n".join(lines))

    def retranslate(self) -> None:
        """Every text in the current language; what was typed stays."""
        self.setWindowTitle(_("Register a newcomer"))
        self.title.setText(_("Register a newcomer"))
        self.privacy_line.setText(_("This service point records as an employer's relocation service: only what "
                                    "the employment and the move need is asked."))
        hints = {
            "person": _("Names as in the passport. The identity code can be added later."),
            "contact": _("Countries and languages can be typed by name; the first language is the one papers are "
                         "printed in."),
            "arrival": _("The arrival may be expected or already happened. A typed occupation fills its group "
                         "where it is clear."),
            "household": _("Add the spouse, the children and anyone else who moves in with them. They share the "
                           "address, the arrival and the languages unless told otherwise."),
            "privacy": _("Record that the privacy notice was given, in which language and which version."),
            "summary": _("Check what will be saved. Finish registers everyone; nothing is saved before."),
        }
        for i, (key, title, _section) in enumerate(STEPS):
            self.steps.item(i).setText(f"{i + 1}. {_(title)}")
            self.step_titles[i].setText(_(title))
            self.step_hints[i].setText(hints[key])
        self.steps.setAccessibleName(_("Steps"))
        for form in self.forms.values():
            form.retranslate()
        self.household.retranslate()
        self.notice_given.setText(_("The privacy notice was given now"))
        self.open_existing.setText(_("Open this person"))
        self.back.setText(_("Back"))
        self.next.setText(_("Next"))
        self.finish.setText(_("Finish"))
        self.cancel.setText(_("Cancel"))
        self._show_existing(self.existing)
        if STEPS[self.pages.currentIndex()][0] == "summary":
            self._write_summary()
        self._update_missing()

