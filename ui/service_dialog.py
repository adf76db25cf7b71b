"""One service of the catalogue as a coordinator edits it: its texts, provider, whom it applies to, when it is due."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs, forms
from ui.language import _, words
from ui.partner_dialog import GENERAL, check_code, suggested_code
from welcomedesk.catalogue import (
    CODE_LENGTH,
    DESCRIPTION_LENGTH,
    NAME_LENGTH,
    TEXT_LANGUAGES,
    Catalogue,
    Due,
    Rule,
    ServiceDef,
)
from welcomedesk.codes import Category, Origin, PermitType, Relation
from welcomedesk.errors import KnownError, Problem, ValidationError
from welcomedesk.identity import format_date, parse_date
from welcomedesk.presentation.catalogue import due_words, occupation_words
from welcomedesk.presentation.labels import (
    CATEGORY_LABELS,
    ORIGIN_LABELS,
    PERMIT_LABELS,
    RELATION_LABELS,
    language_name,
)
from welcomedesk.presentation.steps import catalogue_text
from welcomedesk.services.catalogue import ServiceSummary
from welcomedesk.services.desk import Desk

MAX_AGE = 130
MAX_DAYS = 3660
ANY = -1  # an age spin box at this value shows "any"
NO_DUE, FROM_ARRIVAL, YEAR_OF_AGE = "", "arrival", "year_of_age"
# The tab each field is on, so a refusal shows the tab its reason is on.
TEXTS_TAB, DETAILS_TAB, RULE_TAB, DUE_TAB = range(4)
FIELD_TABS = {"name": TEXTS_TAB, "description": TEXTS_TAB, "code": DETAILS_TAB, "category": DETAILS_TAB,
              "partner": DETAILS_TAB, "valid_from": DETAILS_TAB, "valid_to": DETAILS_TAB, "relations": RULE_TAB,
              "year_age": RULE_TAB, "origins": RULE_TAB, "permit_types": RULE_TAB, "has_children": RULE_TAB,
              "occupation_groups": RULE_TAB, "due": DUE_TAB, "after": DUE_TAB}


def _row(*parts: QWidget, stretch: bool = True) -> QWidget:
    """Widgets side by side as one field of a form."""
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        layout.addWidget(part)
    if stretch:
        layout.addStretch(1)
    holder.setFocusProxy(parts[0])
    return holder


def _boxes(labels: dict[Relation, str] | dict[Origin, str] | dict[PermitType, str], columns: int
           ) -> tuple[QWidget, dict[str, QCheckBox]]:
    holder = QWidget()
    grid = QGridLayout(holder)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(16)
    boxes: dict[str, QCheckBox] = {}
    for i, (code, label) in enumerate(labels.items()):
        box = QCheckBox(_(label))
        box.setObjectName(f"rule_{code.value}")
        boxes[code.value] = box
        grid.addWidget(box, i // columns, i % columns)
    holder.setFocusProxy(next(iter(boxes.values())))
    return holder, boxes


def _age(name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(ANY, MAX_AGE)
    spin.setSpecialValueText(_("any"))
    spin.setValue(ANY)
    return spin


def _date_text(value: date | None) -> str:
    return format_date(value) if value else ""


class ServiceDialog(QDialog):
    """A service changed, or a new one; Ctrl+Return (or Enter in a one-line field) saves."""

    def __init__(self, desk: Desk, summary: ServiceSummary | None, catalogue: Catalogue,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.summary = summary
        self.catalogue = catalogue
        self.loaded = summary.service if summary is not None else None
        self.saved: int | None = None
        self.code_saved: str | None = None
        self._code_typed = False
        self.setObjectName("serviceDialog")
        heading = _("New service") if summary is None else _("Edit a service")
        self.setWindowTitle(heading)
        self.setMinimumWidth(860)
        title = QLabel(heading, objectName="pageTitle")
        self.subtitle = QLabel(objectName="pageSubtitle")
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setWordWrap(True)
        self.errors: dict[str, QLabel] = {}
        self.tabs = QTabWidget(objectName="serviceTabs")
        self.tabs.addTab(self._texts_tab(), _("Name and description"))
        self.tabs.addTab(self._details_tab(), _("Category and provider"))
        self.tabs.addTab(self._rule_tab(), _("Whom it applies to"))
        self.tabs.addTab(self._due_tab(), _("When it is due"))
        self.message = forms.refusal_line()
        self.message.hide()
        self.errors[GENERAL] = self.message
        buttons, self.save_button = forms.buttons(self, _("Save"), self.save)
        hint = QLabel(_("Ctrl+Tab: next tab · Ctrl+Page Down: next language · Ctrl+Return: save"),
                      objectName="muted")
        hint.setWordWrap(True)
        layout = forms.frame(self)
        layout.addWidget(title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.save_button.setDefault(True)  # again, now that the button is in the dialog
        # Ctrl+Tab moves between the form's tabs from anywhere, also from inside a language's tab
        # (Ctrl+Page Down moves between the languages).
        QShortcut(QKeySequence("Ctrl+Tab"), self, activated=lambda: self._turn(1))
        QShortcut(QKeySequence("Ctrl+Shift+Tab"), self, activated=lambda: self._turn(-1))
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.save)
        QShortcut(QKeySequence("Ctrl+Enter"), self, activated=self.save)
        self._load()
        self.names["fi"].setFocus()

    # -- the tabs

    def _texts_tab(self) -> QWidget:
        """A tab per language: its name and description; languages left empty fall back to English."""
        self.languages = QTabWidget(objectName="serviceLanguages")
        self.names: dict[str, QLineEdit] = {}
        self.descriptions: dict[str, QPlainTextEdit] = {}
        for language in TEXT_LANGUAGES:
            name = QLineEdit()
            name.setObjectName(f"name_{language}")
            name.setMaxLength(NAME_LENGTH)
            description = QPlainTextEdit()
            description.setObjectName(f"description_{language}")
            description.setTabChangesFocus(True)
            if language == "ar":
                for edit in (name, description):
                    edit.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            self.names[language], self.descriptions[language] = name, description
            page = QWidget()
            form = QFormLayout(page)
            form.addRow(QLabel(_("Name")), name)
            form.addRow(QLabel(_("Description")), description)
            name.setAccessibleName(_("Name in {language}").format(language=self._language(language)))
            description.setAccessibleName(_("Description in {language}").format(language=self._language(language)))
            self.languages.addTab(page, self._language(language))
        note = QLabel(_("A language left empty shows the English text, and says so."), objectName="muted")
        note.setWordWrap(True)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.languages, 1)
        for key in ("name", "description"):
            self.errors[key] = forms.refusal_line("fieldError")
            self.errors[key].hide()
            layout.addWidget(self.errors[key])
        layout.addWidget(note)
        for language in ("en", "fi"):
            self.names[language].textChanged.connect(lambda _text: self._suggest_code())
        return tab

    @staticmethod
    def _language(code: str) -> str:
        return _("Plain Finnish") if code == "fi-x-plain" else language_name(code, words())

    def _details_tab(self) -> QWidget:
        self.code = QLineEdit()
        self.code.setObjectName("serviceCode")
        self.code.setMaxLength(CODE_LENGTH)
        self.code.setPlaceholderText(_("such as library_card"))
        self.code.textEdited.connect(lambda text: setattr(self, "_code_typed", bool(text)))
        self.category = QComboBox()
        self.category.setObjectName("serviceCategory")
        for code, label in CATEGORY_LABELS.items():
            self.category.addItem(_(label), code.value)
        self.partner = forms.searchable_choice("serviceProvider")
        self.partner.addItem(_("No provider"), "")
        for partner in sorted(self.catalogue.partners, key=lambda p: p.name.casefold()):
            self.partner.addItem(partner.name, partner.code)
        self.valid_from = QLineEdit()
        self.valid_from.setObjectName("validFrom")
        self.valid_to = QLineEdit()
        self.valid_to.setObjectName("validTo")
        for edit in (self.valid_from, self.valid_to):
            edit.setPlaceholderText(_("D.M.YYYY, empty if always"))
        rows: list[tuple[str, str, QWidget]] = []
        if self.loaded is None:
            rows.append(("code", _("Code"), self.code))
        rows += [("category", _("Category"), self.category), ("partner", _("Provider"), self.partner),
                 ("valid_from", _("In force from"), self.valid_from), ("valid_to", _("In force until"), self.valid_to)]
        return self._form_tab(rows)[0]

    def _rule_tab(self) -> QWidget:
        relations, self.relations = _boxes(RELATION_LABELS, 4)
        origins, self.origins = _boxes(ORIGIN_LABELS, 2)
        permits, self.permits = _boxes(PERMIT_LABELS, 2)
        self.age_from, self.age_to = _age("ageFrom"), _age("ageTo")
        ages = _row(self.age_from, QLabel("–"), self.age_to)
        self.has_children = QComboBox()
        self.has_children.setObjectName("hasChildren")
        for label, value in ((_("Either"), ""), (_("Only people with children"), "yes"),
                             (_("Only people without children"), "no")):
            self.has_children.addItem(label, value)
        self.occupations = QLineEdit()
        self.occupations.setObjectName("occupationGroups")
        self.occupations.setPlaceholderText(_("ISCO-08 codes, such as 2221, 5321; empty for any"))
        self.occupation_names = QLabel(objectName="muted")
        self.occupation_names.setWordWrap(True)
        self.occupations.textChanged.connect(lambda _text: self._name_occupations())
        occupations = QWidget()
        box = QVBoxLayout(occupations)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.occupations)
        box.addWidget(self.occupation_names)
        occupations.setFocusProxy(self.occupations)
        note = QLabel(_("Every condition given must hold. Leave all boxes of a group empty for anyone. The age is "
                        "the one the person reaches during the calendar year."), objectName="muted")
        note.setWordWrap(True)
        return self._form_tab([("relations", _("Relation in the household"), relations),
                               ("year_age", _("Age"), ages), ("origins", _("Citizenship"), origins),
                               ("permit_types", _("Residence permit"), permits),
                               ("has_children", _("Children"), _row(self.has_children)),
                               ("occupation_groups", _("Occupation groups"), occupations)], note)[0]

    def _due_tab(self) -> QWidget:
        self.due_kind = QComboBox()
        self.due_kind.setObjectName("dueKind")
        for label, value in ((_("No due date"), NO_DUE), (_("Days from the arrival"), FROM_ARRIVAL),
                             (_("A day of the year the person reaches an age"), YEAR_OF_AGE)):
            self.due_kind.addItem(label, value)
        self.due_days = QSpinBox()
        self.due_days.setObjectName("dueDays")
        self.due_days.setRange(0, MAX_DAYS)
        self.due_direction = QComboBox()
        self.due_direction.setObjectName("dueDirection")
        self.due_direction.addItem(_("days after the arrival"), 1)
        self.due_direction.addItem(_("days before the arrival"), -1)
        self.due_age = QSpinBox()
        self.due_age.setObjectName("dueAge")
        self.due_age.setRange(0, MAX_AGE)
        self.due_day = QSpinBox()
        self.due_day.setObjectName("dueDay")
        self.due_day.setRange(1, 31)
        self.due_month = QComboBox()
        self.due_month.setObjectName("dueMonth")
        months = words().locale.months["format"]["wide"]
        for month in range(1, 13):
            self.due_month.addItem(str(months[month]), month)
        self.after = QListWidget()
        self.after.setObjectName("earlierSteps")
        own = self.loaded.code if self.loaded is not None else None
        for service in self.catalogue.services:
            if service.code == own:
                continue
            item = QListWidgetItem(catalogue_text(service.name, words()))
            item.setData(Qt.ItemDataRole.UserRole, service.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.after.addItem(item)
        self.after.setMinimumHeight(140)
        self.days_row = _row(self.due_days, self.due_direction)
        self.age_row = _row(self.due_age)
        self.day_row = _row(self.due_day, self.due_month)
        self.due_preview = QLabel(objectName="muted")
        self.due_preview.setWordWrap(True)
        tab, self.due_form = self._form_tab([
            ("due", _("Due"), self.due_kind), ("due_age", _("Age reached"), self.age_row),
            ("due_day", _("Day"), self.day_row), ("due_days", _("When"), self.days_row),
            ("after", _("Waits for these steps"), self.after)])
        self.due_form.insertRow(self.due_form.rowCount() - 2, "", self.due_preview)
        self.due_kind.currentIndexChanged.connect(lambda _i: self._show_due())
        for spin in (self.due_days, self.due_age, self.due_day):
            spin.valueChanged.connect(lambda _value: self._preview_due())
        for combo in (self.due_direction, self.due_month):
            combo.currentIndexChanged.connect(lambda _i: self._preview_due())
        return tab

    def _form_tab(self, rows: list[tuple[str, str, QWidget]], note: QLabel | None = None
                  ) -> tuple[QWidget, QFormLayout]:
        form, errors = forms.field_rows(rows)
        self.errors.update(errors)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        if note is not None:
            layout.addWidget(note)
        layout.addLayout(form)
        layout.addStretch(1)
        return tab, form

    # -- filling the form

    def _load(self) -> None:
        s = self.loaded
        if s is None:
            self.subtitle.setText(_("A first step for the newcomers it applies to; the code names it in catalogue "
                                    "files and cannot be changed later."))
            self._show_due()
            return
        self.subtitle.setText(catalogue_text(s.name, words()))
        for language in TEXT_LANGUAGES:
            self.names[language].setText(s.name.get(language, ""))
            self.descriptions[language].setPlainText(s.description.get(language, ""))
        self.category.setCurrentIndex(max(0, self.category.findData(s.category.value)))
        self.partner.setCurrentIndex(max(0, self.partner.findData(s.partner or "")))
        self.valid_from.setText(_date_text(s.valid_from))
        self.valid_to.setText(_date_text(s.valid_to))
        rule = s.applies
        for boxes, chosen in ((self.relations, rule.relations), (self.origins, rule.origins),
                              (self.permits, rule.permit_types)):
            for code, box in boxes.items():
                box.setChecked(chosen is not None and code in {c.value for c in chosen})
        low, high = rule.year_age or (None, None)
        self.age_from.setValue(ANY if low is None else low)
        self.age_to.setValue(ANY if high is None else high)
        children = {True: "yes", False: "no", None: ""}[rule.has_children]
        self.has_children.setCurrentIndex(self.has_children.findData(children))
        self.occupations.setText(", ".join(sorted(rule.occupation_groups or ())))
        due = s.due
        self.due_kind.setCurrentIndex(self.due_kind.findData(NO_DUE if due is None else due.start))
        if due is not None:
            self.due_days.setValue(abs(due.days))
            self.due_direction.setCurrentIndex(self.due_direction.findData(-1 if due.days < 0 else 1))
            self.due_age.setValue(due.age or 0)
            self.due_day.setValue(due.day)
            self.due_month.setCurrentIndex(self.due_month.findData(due.month))
        for i in range(self.after.count()):
            item = self.after.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in s.after:
                item.setCheckState(Qt.CheckState.Checked)
        self._show_due()

    def _show_due(self) -> None:
        kind = self.due_kind.currentData()
        form = self.due_form
        form.setRowVisible(self.days_row, kind != NO_DUE)
        form.setRowVisible(self.age_row, kind == YEAR_OF_AGE)
        form.setRowVisible(self.day_row, kind == YEAR_OF_AGE)
        caption = form.labelForField(self.days_row)
        if isinstance(caption, QLabel):
            caption.setText(_("At the earliest") if kind == YEAR_OF_AGE else _("When"))
        self._preview_due()

    def _preview_due(self) -> None:
        problems: list[Problem] = []
        due = self._due(problems)
        self.due_preview.setVisible(due is not None and not problems)
        self.due_preview.setText(_("Due: {when}").format(when=due_words(due, words())) if due else "")

    def _turn(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())
        page = self.tabs.currentWidget()
        if page is not None:
            page.setFocus()
            page.focusNextChild()

    def _suggest_code(self) -> None:
        if self.loaded is None and not self._code_typed:
            self.code.setText(suggested_code(self.names["en"].text() or self.names["fi"].text()))

    def _name_occupations(self) -> None:
        codes = frozenset(re.findall(r"[0-9]{4}", self.occupations.text()))
        self.occupation_names.setText(occupation_words(codes, words()) if codes else "")

    # -- saving

    def service(self, problems: list[Problem]) -> ServiceDef:
        """The service as typed; what is wrong with it is added to ``problems``."""
        loaded = self.loaded
        kept_names = {k: v for k, v in (loaded.name if loaded else {}).items() if k not in TEXT_LANGUAGES}
        kept_descriptions = {k: v for k, v in (loaded.description if loaded else {}).items()
                             if k not in TEXT_LANGUAGES}
        names = kept_names | {lang: edit.text().strip() for lang, edit in self.names.items() if edit.text().strip()}
        descriptions = kept_descriptions | {lang: edit.toPlainText().strip() for lang, edit in self.descriptions.items()
                                            if edit.toPlainText().strip()}
        if not names:
            problems.append(Problem("name", _("Write the step's name in at least one language.")))
        if any(len(text) > DESCRIPTION_LENGTH for text in descriptions.values()):
            problems.append(Problem("description", _("A description is at most {n} characters.").format(
                n=DESCRIPTION_LENGTH)))
        code = loaded.code if loaded is not None else self.code.text().strip()
        if loaded is None:
            try:
                check_code(code)
            except ValidationError as exc:
                problems.extend(exc.problems)
        partner = forms.typed_choice(self.partner)
        if partner is None:
            problems.append(Problem("partner", _("Choose a provider from the list, or No provider.")))
        valid: dict[str, date | None] = {}
        for field, edit in (("valid_from", self.valid_from), ("valid_to", self.valid_to)):
            valid[field] = None
            if edit.text().strip():
                try:
                    valid[field] = parse_date(edit.text(), field=field)
                except ValidationError as exc:
                    problems.extend(exc.problems)
        start, end = valid["valid_from"], valid["valid_to"]
        if start and end and end < start:
            problems.append(Problem("valid_to", _("The last day in force is before the first.")))
        service = ServiceDef(code=code, category=Category(self.category.currentData()), name=names,
                             description=descriptions, partner=partner or None, applies=self._rule(problems),
                             due=self._due(problems), after=self._after(), valid_from=start, valid_to=end)
        return replace(service, done_when=loaded.done_when) if loaded is not None else service

    def _rule(self, problems: list[Problem]) -> Rule:
        def chosen(boxes: dict[str, QCheckBox]) -> frozenset[str] | None:
            picked = frozenset(code for code, box in boxes.items() if box.isChecked())
            return picked or None

        low = None if self.age_from.value() == ANY else self.age_from.value()
        high = None if self.age_to.value() == ANY else self.age_to.value()
        if low is not None and high is not None and low > high:
            problems.append(Problem("year_age", _("The age from {low} to {high} holds nobody: the first age must not "
                                                  "be above the second.").format(low=low, high=high)))
        typed = self.occupations.text()
        groups = [g for g in re.split(r"[\s,;]+", typed) if g]
        if any(not re.fullmatch(r"[0-9]{4}", g) for g in groups):
            problems.append(Problem("occupation_groups", _("Write occupation groups as four-digit ISCO-08 codes, "
                                                           "such as 2221, 5321.")))
            groups = []
        relations, origins, permits = chosen(self.relations), chosen(self.origins), chosen(self.permits)
        return Rule(relations=frozenset(Relation(r) for r in relations) if relations else None,
                    year_age=None if low is None and high is None else (low, high),
                    origins=frozenset(Origin(o) for o in origins) if origins else None,
                    permit_types=frozenset(PermitType(p) for p in permits) if permits else None,
                    has_children={"yes": True, "no": False}.get(self.has_children.currentData() or ""),
                    occupation_groups=frozenset(groups) or None)

    def _due(self, problems: list[Problem]) -> Due | None:
        kind = self.due_kind.currentData()
        if kind == NO_DUE:
            return None
        days = self.due_days.value() * int(self.due_direction.currentData())
        if kind == FROM_ARRIVAL:
            return Due("arrival", days)
        day, month = self.due_day.value(), int(self.due_month.currentData())
        try:
            date(2001, month, day)  # a year with no 29 February: the day must come every year
        except ValueError:
            problems.append(Problem("due", _("{day}.{month}. does not come every year: choose another day.").format(
                day=day, month=month)))
        return Due("year_of_age", days, self.due_age.value(), month, day)

    def _after(self) -> tuple[str, ...]:
        return tuple(str(item.data(Qt.ItemDataRole.UserRole)) for item in
                     (self.after.item(i) for i in range(self.after.count()))
                     if item.checkState() == Qt.CheckState.Checked)

    def save(self) -> None:
        """Save and close; a refusal stays in the form with every reason, the tab of the first one shown."""
        problems: list[Problem] = []
        service = self.service(problems)
        if problems:
            self._refuse(problems)
            return
        try:
            self.saved = self.desk.save_service(service, self.summary.version if self.summary else None)
        except ValidationError as exc:
            self._refuse(exc.problems)
            return
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self.code_saved = service.code
        self.accept()

    def _refuse(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        forms.show_problems(self.errors, problems, GENERAL)
        tabs = [FIELD_TABS[p.field] for p in problems if p.field in FIELD_TABS]
        if tabs:
            self.tabs.setCurrentIndex(min(tabs))  # the first tab with a reason on it
