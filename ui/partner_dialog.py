"""A partner organisation's details as a coordinator keeps them: how to reach it, whom it serves, its contacts."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs, forms
from ui.language import _, words
from welcomedesk.catalogue import CODE_LENGTH, NAME_LENGTH, ContactDef, PartnerDef
from welcomedesk.codes import RECRUITING_PARTNERS, PartnerType
from welcomedesk.errors import KnownError, Problem, ValidationError
from welcomedesk.folding import fold
from welcomedesk.i18n import N_
from welcomedesk.identity import format_date, normalise_email, normalise_phone, parse_date
from welcomedesk.presentation.labels import PARTNER_TYPE_LABELS, language_name
from welcomedesk.services.desk import Desk
from welcomedesk.services.partners import PartnerSummary
from welcomedesk.world import language_code

PHONE_LENGTH = 40
CONTACT_COLUMNS = (N_("Name"), N_("Title"), N_("Phone"), N_("E-mail"))
# A general reason (not about one field) is shown under the form.
GENERAL = "catalogue"
_CODE = re.compile(r"[A-Za-z0-9_-]+")


def suggested_code(name: str) -> str:
    """A code made from a name: "Kajaanin kirjasto" -> "kajaanin_kirjasto" ("" for a name in another script)."""
    return re.sub(r"[^a-z0-9]+", "_", fold(name)).strip("_")[:CODE_LENGTH].strip("_")


def check_code(code: str) -> None:
    if not code:
        raise ValidationError(_("Enter a short code for it, such as kajaani_library."), field="code")
    if len(code) > CODE_LENGTH or not _CODE.fullmatch(code):
        raise ValidationError(_("A code is letters a–z, digits, - and _ (at most {n}), such as kajaani_library.")
                              .format(n=CODE_LENGTH), field="code")


def check_website(text: str) -> None:
    """Refuse what cannot be a web address ("" is no address, and fine)."""
    address = text.strip()
    if not address:
        return
    try:
        parts = urlsplit(address if "://" in address else f"https://{address}")
        host = parts.hostname or ""
    except ValueError:
        host, parts = "", None
    labels = host.split(".")
    if (parts is None or parts.scheme not in ("http", "https") or any(c.isspace() for c in address)
            or len(labels) < 2 or not all(label and all(c.isalnum() or c == "-" for c in label) for label in labels)):
        raise ValidationError(_("Write the website as an address such as https://www.example.fi."), field="website")


def parse_languages(text: str) -> tuple[str, ...]:
    """Languages typed by code or name ("fi, en, ar" or "suomi, englanti"), as their codes."""
    codes: list[str] = []
    unknown: list[str] = []
    for item in (t.strip() for t in re.split(r"[,;\n]+", text)):
        if not item:
            continue
        code = language_code(item)
        if code is not None:
            codes.append(code)
            continue
        # "fi en ar": codes or one-word names with spaces between them.
        each = [language_code(word) for word in item.split()]
        if len(each) > 1 and all(each):
            codes.extend(c for c in each if c)
        else:
            unknown.append(item)
    if unknown:
        raise ValidationError(_("Unknown language: {names}. Separate languages with commas, such as fi, en, ar.")
                              .format(names=", ".join(unknown)[:80]), field="languages")
    return tuple(dict.fromkeys(codes))


def _line(name: str, limit: int = NAME_LENGTH) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setMaxLength(limit)
    return edit


class PartnerDialog(QDialog):
    """A new partner, or one's details changed; Enter (or Ctrl+Return) saves, each reason beside its field."""

    def __init__(self, desk: Desk, summary: PartnerSummary | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.summary = summary
        self.loaded = summary.partner if summary is not None else None
        self.saved: int | None = None
        self._code_typed = False
        self.setObjectName("partnerDialog")
        heading = _("New partner") if summary is None else _("Edit a partner")
        self.setWindowTitle(heading)
        self.setMinimumWidth(1000)
        title = QLabel(heading, objectName="pageTitle")

        self.name = _line("partnerNameField")
        self.code = _line("partnerCode", CODE_LENGTH)
        self.code.setPlaceholderText(_("such as kajaani_library"))
        self.code.setToolTip(_("A short code in letters a–z, digits, - and _ that names the partner in catalogue "
                               "files. It cannot be changed later."))
        self.type = QComboBox(objectName="partnerTypeField")
        for code, label in sorted(PARTNER_TYPE_LABELS.items(), key=lambda item: _(item[1]).casefold()):
            self.type.addItem(_(label), code.value)
        self.address = _line("partnerAddress")
        self.phone = _line("partnerPhone", PHONE_LENGTH)
        self.email = _line("partnerEmail")
        self.website = _line("partnerWebsite")
        self.website.setPlaceholderText("https://")
        self.hours = _line("partnerHours")
        self.hours.setPlaceholderText(_("such as Mon–Fri 9–15"))
        self.languages = _line("partnerLanguages")
        self.languages.setPlaceholderText(_("such as fi, en, ar"))
        self.language_names = QLabel(objectName="muted")
        self.language_names.setWordWrap(True)
        languages_box = QWidget()
        languages_layout = QVBoxLayout(languages_box)
        languages_layout.setContentsMargins(0, 0, 0, 0)
        languages_layout.setSpacing(2)
        languages_layout.addWidget(self.languages)
        languages_layout.addWidget(self.language_names)
        languages_box.setFocusProxy(self.languages)
        self.commitment = _line("feeFreeCommitment", 20)
        self.commitment.setPlaceholderText(_("D.M.YYYY, empty if none"))
        self.safeguard = QComboBox(objectName="whoSafeguard")
        self.safeguard.addItem(_("Not known"), "")
        self.safeguard.addItem(_("Yes: some of its source countries are on the list"), "yes")
        self.safeguard.addItem(_("No: none of its source countries is on the list"), "no")
        self.contacts = QTableWidget(0, len(CONTACT_COLUMNS))
        self.contacts.setObjectName("contactTable")
        self.contacts.setHorizontalHeaderLabels([_(c) for c in CONTACT_COLUMNS])
        self.contacts.verticalHeader().hide()
        self.contacts.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it, typing edits
        self.contacts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.contacts.setMinimumHeight(110)
        self.contacts.setMaximumHeight(160)
        self.contacts.setWordWrap(False)
        self.contacts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_contact = QPushButton(_("Add a contact person"), objectName="addContact")
        self.remove_contact = QPushButton(_("Remove"), objectName="removeContact")
        self.remove_contact.setAccessibleName(_("Remove the contact person"))
        for button in (self.add_contact, self.remove_contact):
            button.setAutoDefault(False)  # Enter saves the form, wherever the focus was
        self.add_contact.clicked.connect(self.new_contact)
        self.remove_contact.clicked.connect(self.drop_contact)
        contacts_box = QWidget()
        contacts_layout = QHBoxLayout(contacts_box)  # the buttons beside the table: the form fits 768 pixels
        contacts_layout.setContentsMargins(0, 0, 0, 0)
        contacts_layout.addWidget(self.contacts, 1)
        contact_buttons = QVBoxLayout()
        contact_buttons.addWidget(self.add_contact)
        contact_buttons.addWidget(self.remove_contact)
        contact_buttons.addStretch(1)
        contacts_layout.addLayout(contact_buttons)
        contacts_box.setFocusProxy(self.contacts)

        rows: list[tuple[str, str, QWidget]] = [("name", _("Name"), self.name)]
        if summary is None:
            rows.append(("code", _("Code"), self.code))
        rows += [("type", _("Type"), self.type), ("address", _("Address"), self.address),
                 ("hours", _("Opening hours"), self.hours)]
        left, self.errors = forms.field_rows(rows)
        right, more = forms.field_rows((
            ("phone", _("Phone"), self.phone), ("email", _("E-mail"), self.email),
            ("website", _("Website"), self.website), ("languages", _("Languages served"), languages_box)))
        self.errors.update(more)
        # Recruiters and employers only: shown when the type is one of them.
        self.recruiting = QFrame(objectName="card")
        recruiting_form, more = forms.field_rows((
            ("fee_free_commitment", _("Fee-free recruitment commitment signed on"), self.commitment),
            ("who_safeguard_countries", _("WHO health workforce support and safeguards list"), self.safeguard)))
        self.errors.update(more)
        recruiting_layout = QVBoxLayout(self.recruiting)
        recruiting_layout.setContentsMargins(12, 8, 12, 8)
        recruiting_layout.addLayout(recruiting_form)
        contacts_form, more = forms.field_rows((("contacts", _("Contact people"), contacts_box),))
        self.errors.update(more)
        self.message = forms.refusal_line()
        self.message.hide()
        self.errors[GENERAL] = self.message
        buttons, self.save_button = forms.buttons(self, _("Save"), self.save)

        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = forms.frame(self)
        layout.addWidget(title)
        layout.addLayout(columns)
        layout.addWidget(self.recruiting)
        layout.addLayout(contacts_form)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.save_button.setDefault(True)  # again, now that the button is in the dialog
        order: list[QWidget] = [self.name, self.code, self.type, self.address, self.hours, self.phone, self.email,
                                self.website, self.languages, self.commitment, self.safeguard, self.contacts,
                                self.add_contact, self.remove_contact]
        if summary is not None:
            order.remove(self.code)
        for first, then in itertools.pairwise(order):
            QWidget.setTabOrder(first, then)

        self.name.textChanged.connect(self._suggest_code)
        self.code.textEdited.connect(self._code_edited)
        self.type.currentIndexChanged.connect(lambda _i: self._show_recruiting())
        self.languages.textChanged.connect(lambda _text: self._name_languages())
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.save)
        QShortcut(QKeySequence("Ctrl+Enter"), self, activated=self.save)
        self._load()
        self.name.setFocus()

    # -- filling the form

    def _load(self) -> None:
        p = self.loaded
        if p is None:
            self.type.setCurrentIndex(max(0, self.type.findData(PartnerType.MUNICIPAL.value)))
            self._show_recruiting()
            return
        self.name.setText(p.name)
        self.type.setCurrentIndex(max(0, self.type.findData(p.type.value)))
        for edit, value in ((self.address, p.address), (self.phone, p.phone), (self.email, p.email),
                            (self.website, p.website), (self.hours, p.hours)):
            edit.setText(value)
        self.languages.setText(", ".join(p.languages))
        self.commitment.setText(format_date(p.fee_free_commitment) if p.fee_free_commitment else "")
        self.safeguard.setCurrentIndex(self.safeguard.findData(
            {True: "yes", False: "no", None: ""}[p.who_safeguard_countries]))
        for contact in p.contacts:
            self._add_row((contact.name, contact.title, contact.phone, contact.email))
        self._show_recruiting()

    def _add_row(self, cells: tuple[str, str, str, str] = ("", "", "", "")) -> int:
        row = self.contacts.rowCount()
        self.contacts.insertRow(row)
        for column, text in enumerate(cells):
            self.contacts.setItem(row, column, QTableWidgetItem(text))
        return row

    def new_contact(self) -> None:
        """A new row of the contact table, its name being typed."""
        row = self._add_row()
        self.contacts.setFocus()
        self.contacts.setCurrentCell(row, 0)
        item = self.contacts.item(row, 0)
        if item is not None:
            self.contacts.editItem(item)

    def drop_contact(self) -> None:
        """Remove the contact person whose row holds the cursor."""
        row = self.contacts.currentRow()
        if row >= 0:
            self.contacts.removeRow(row)
            self.contacts.setFocus()

    def _suggest_code(self, name: str) -> None:
        if self.loaded is None and not self._code_typed:
            self.code.setText(suggested_code(name))

    def _code_edited(self, text: str) -> None:
        self._code_typed = bool(text)

    def _show_recruiting(self) -> None:
        recruiting = self.type.currentData() in {t.value for t in RECRUITING_PARTNERS}
        self.recruiting.setVisible(recruiting)
        if not recruiting:
            for key in ("fee_free_commitment", "who_safeguard_countries"):
                self.errors[key].hide()

    def _name_languages(self) -> None:
        try:
            codes = parse_languages(self.languages.text())
        except ValidationError:
            self.language_names.setText("")
            return
        self.language_names.setText(", ".join(language_name(code, words()) for code in codes))

    # -- saving

    def _commit_contact_edit(self) -> None:
        """A cell still being typed in counts (Ctrl+Return saves without leaving it first)."""
        editor = self.contacts.indexWidget(self.contacts.currentIndex())
        if editor is not None:
            self.contacts.itemDelegate().commitData.emit(editor)

    def _cell(self, row: int, column: int) -> str:
        item = self.contacts.item(row, column)
        return item.text().strip() if item is not None else ""

    def _contacts(self, problems: list[Problem]) -> tuple[ContactDef, ...]:
        contacts = self.loaded.contacts if self.loaded else ()
        saved = {c.phone for c in contacts} | {c.email for c in contacts}  # what was saved stays acceptable
        found: list[ContactDef] = []
        for row in range(self.contacts.rowCount()):
            name, title, phone, email = (self._cell(row, column) for column in range(len(CONTACT_COLUMNS)))
            if not any((name, title, phone, email)):
                continue
            reasons: list[str] = []
            if not name:
                reasons.append(_("a name is missing."))
            for value, normalise in ((phone, normalise_phone), (email, normalise_email)):
                if value and value not in saved:
                    try:
                        normalise(value)
                    except ValidationError as exc:
                        reasons.append(_(exc.message))
            for reason in reasons:
                problems.append(Problem("contacts", _("Contact person {n}: {reason}").format(n=row + 1,
                                                                                             reason=reason)))
            found.append(ContactDef(name, title, phone, email))
        return tuple(found)

    def partner(self, problems: list[Problem]) -> PartnerDef:
        """The partner as typed; what is wrong with it is added to ``problems``."""
        loaded = self.loaded

        def check(field: str, work: Callable[[], object]) -> None:
            try:
                work()
            except ValidationError as exc:
                problems.extend(Problem(field, p.message) for p in exc.problems)

        name = self.name.text().strip()
        if not name:
            problems.append(Problem("name", _("Enter the partner's name.")))
        code = loaded.code if loaded is not None else self.code.text().strip()
        if loaded is None:
            check("code", lambda: check_code(code))
        # What was saved stays acceptable: only a changed phone or e-mail is checked.
        phone, email = self.phone.text().strip(), self.email.text().strip()
        if phone and phone != (loaded.phone if loaded else ""):
            check("phone", lambda: normalise_phone(phone))
        if email and email != (loaded.email if loaded else ""):
            check("email", lambda: normalise_email(email))
        check("website", lambda: check_website(self.website.text()))
        languages: tuple[str, ...] = ()
        try:
            languages = parse_languages(self.languages.text())
        except ValidationError as exc:
            problems.extend(exc.problems)
        kind = PartnerType(self.type.currentData())
        commitment = None
        safeguard: bool | None = None
        if kind in RECRUITING_PARTNERS:
            if self.commitment.text().strip():
                try:
                    commitment = parse_date(self.commitment.text(), field="fee_free_commitment")
                except ValidationError as exc:
                    problems.extend(exc.problems)
            safeguard = {"yes": True, "no": False}.get(self.safeguard.currentData() or "")
        return PartnerDef(code=code, type=kind, name=name, address=self.address.text().strip(),
                          phone=phone, email=email,
                          website=self.website.text().strip(), hours=self.hours.text().strip(),
                          languages=languages, fee_free_commitment=commitment, who_safeguard_countries=safeguard,
                          contacts=self._contacts(problems))

    def save(self) -> None:
        """Save and close; a refusal stays in the form with every reason beside its field."""
        self._commit_contact_edit()
        problems: list[Problem] = []
        partner = self.partner(problems)
        if problems:
            self._refuse(problems)
            return
        summary = self.summary
        try:
            self.saved = self.desk.save_partner(partner, summary.partner_id if summary else None,
                                                summary.version if summary else None)
        except ValidationError as exc:
            self._refuse(exc.problems)
            return
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self.accept()

    def _refuse(self, problems: Iterable[Problem]) -> None:
        problems = tuple(problems)
        forms.show_problems(self.errors, problems, GENERAL)
        widgets = {"name": self.name, "code": self.code, "phone": self.phone, "email": self.email,
                   "website": self.website, "languages": self.languages, "fee_free_commitment": self.commitment,
                   "contacts": self.contacts}
        first = next((widgets[p.field] for p in problems if p.field in widgets), None)
        if first is not None:
            first.setFocus()
