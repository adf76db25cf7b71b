"""Settings: the service point's name, how to reach it, its opening hours, logo and colour, and its privacy
profile; administrators keep them."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs, forms
from ui.hub import Hub
from ui.language import _
from ui.privacy_section import PrivacySection
from welcomedesk.codes import Role
from welcomedesk.errors import ConflictError, DuplicateError, KnownError, Problem, ValidationError
from welcomedesk.i18n import N_, Message
from welcomedesk.services.desk import Desk
from welcomedesk.services.setup import (
    HOURS_LINES,
    LOGO_MAX_BYTES,
    LOGO_MAX_SIDE,
    TEXT_LENGTHS,
    Profile,
    ProfileDetails,
    check_details,
    logo_problems,
    logo_too_large,
)

READ_ONLY = N_("Only an administrator can change the service point's details.")
# The form's fields: its key (the Problem's field), its label. "name" is the service point's name.
LINES = (("name", N_("Name of the service point")), ("address", N_("Address")), ("phone", N_("Phone")),
         ("email", N_("E-mail")), ("website", N_("Website")))
LABELS = dict(LINES) | {"hours": N_("Opening hours"), "colour": N_("Colour"), "logo": N_("Logo")}
# The core names the service point's name so; on this form it is the name field.
_FIELD_OF = {"service_point": "name"}
GENERAL = "general"
PREVIEW = QSize(240, 96)
SWATCH = QSize(18, 18)


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(SWATCH)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class SettingsPage(QWidget):
    """The service point's details in one form; Save (Ctrl+S) keeps them, each refusal beside its field.
    Below them the privacy profile, saved on its own."""

    privacy_saved = Signal(object)  # the PrivacyProfile saved: the person page follows it

    def __init__(self, desk: Desk, hub: Hub) -> None:
        super().__init__()
        self.desk = desk
        self.hub = hub
        self.setObjectName("settingsPage")
        self.may_edit = Role.ADMIN in desk.actor.roles
        self.profile: Profile | None = None
        self.logo: bytes | None = None
        self._problems: tuple[Problem, ...] = ()

        self.title = QLabel(objectName="pageTitle")
        self.subtitle = QLabel(objectName="pageSubtitle")
        self.subtitle.setWordWrap(True)
        self.read_only = QLabel(objectName="muted")
        self.read_only.setWordWrap(True)
        self.edits: dict[str, QLineEdit] = {}
        for key, _label in LINES:
            edit = QLineEdit(objectName=f"{key}Field")
            edit.setMaxLength(TEXT_LENGTHS.get(key, 200))
            edit.editingFinished.connect(lambda key=key: self._check(key))
            self.edits[key] = edit
        self.edits["website"].setPlaceholderText("https://")
        self.hours = QPlainTextEdit(objectName="hoursField")
        self.hours.setTabChangesFocus(True)
        self.hours.setFixedHeight(self.hours.fontMetrics().lineSpacing() * HOURS_LINES + 16)
        self.hours_hint = QLabel(objectName="muted")
        hours_box = QWidget()
        hours_layout = QVBoxLayout(hours_box)
        hours_layout.setContentsMargins(0, 0, 0, 0)
        hours_layout.setSpacing(2)
        hours_layout.addWidget(self.hours)
        hours_layout.addWidget(self.hours_hint)
        hours_box.setFocusProxy(self.hours)

        self.colour = QLineEdit(objectName="colourField")
        self.colour.setMaxLength(7)
        self.colour.setFixedWidth(self.colour.fontMetrics().horizontalAdvance("#MMMMMM") + 24)
        self.colour.textChanged.connect(lambda _text: self._show_colour())
        self.colour.editingFinished.connect(lambda: self._check("colour"))
        self.colour_button = QPushButton(objectName="colourButton")
        self.colour_button.setIconSize(SWATCH)
        self.colour_button.clicked.connect(self.choose_colour)
        colour_box = QWidget()
        colour_layout = QHBoxLayout(colour_box)
        colour_layout.setContentsMargins(0, 0, 0, 0)
        colour_layout.addWidget(self.colour)
        colour_layout.addWidget(self.colour_button)
        colour_layout.addStretch(1)
        colour_box.setFocusProxy(self.colour)

        self.preview = QLabel(objectName="logoPreview")
        self.preview.setFixedSize(PREVIEW + QSize(16, 16))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.choose_logo_button = QPushButton(objectName="chooseLogo")
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton(objectName="removeLogo")
        self.remove_logo_button.clicked.connect(self.remove_logo)
        self.logo_hint = QLabel(objectName="muted")
        self.logo_hint.setWordWrap(True)
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.choose_logo_button)
        logo_buttons.addWidget(self.remove_logo_button)
        logo_buttons.addStretch(1)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.preview)
        logo_row.addLayout(logo_buttons)
        logo_row.addStretch(1)
        logo_box = QWidget()
        logo_layout = QVBoxLayout(logo_box)
        logo_layout.setContentsMargins(0, 0, 0, 0)
        logo_layout.setSpacing(4)
        logo_layout.addLayout(logo_row)
        logo_layout.addWidget(self.logo_hint)
        logo_box.setFocusProxy(self.choose_logo_button)

        self.municipalities = QLabel(objectName="municipalities")
        self.municipalities.setWordWrap(True)
        self.municipalities.setTextFormat(Qt.TextFormat.PlainText)

        self.widgets: dict[str, QWidget] = {**self.edits, "hours": hours_box, "colour": colour_box, "logo": logo_box}
        left, self.errors = forms.field_rows((key, _(LABELS[key]), self.widgets[key])
                                             for key in ("name", "address", "phone", "email", "website"))
        right, more = forms.field_rows((key, _(LABELS[key]), self.widgets[key]) for key in ("hours", "colour", "logo"))
        self.errors.update(more)
        self.forms = (left, right)
        self.municipalities_caption = QLabel(objectName="detailLabel")
        self.municipalities_caption.setBuddy(self.municipalities)
        left.addRow(self.municipalities_caption, self.municipalities)
        for form in self.forms:
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.message = forms.refusal_line()
        self.message.hide()
        self.errors[GENERAL] = self.message
        self.saved_line = QLabel(objectName="muted")
        self.save_button = QPushButton(objectName="saveSettings")
        self.save_button.setProperty("primary", True)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.undo_button = QPushButton(objectName="undoSettings")
        self.undo_button.clicked.connect(self.undo)

        card = QFrame(objectName="card")
        columns = QHBoxLayout(card)
        columns.setContentsMargins(20, 16, 20, 16)
        columns.setSpacing(32)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.saved_line, 1)
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.save_button)

        content = QWidget(objectName="pageContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        top = QHBoxLayout()
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.title)
        heading.addWidget(self.subtitle)
        top.addLayout(heading, 1)
        top.addWidget(self.read_only, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(card)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self.privacy = PrivacySection(desk, hub)
        self.privacy.saved.connect(self.privacy_saved)
        layout.addWidget(self.privacy)
        layout.addStretch(1)
        scroll = QScrollArea(objectName="settingsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        order: list[QWidget] = [*self.edits.values(), self.hours, self.colour, self.colour_button,
                                self.choose_logo_button, self.remove_logo_button, self.undo_button, self.save_button]
        for first, then in itertools.pairwise(order):
            QWidget.setTabOrder(first, then)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._set_editable()
        hub.language_changed.connect(lambda _lang: self.retranslate())
        self.retranslate()
        self.refresh()

    # -- what the page is asked to do

    def refresh(self) -> None:
        """Read the profile again, unless the form holds changes not saved yet (they are kept)."""
        if self.profile is not None:  # (the section read its own when it was made)
            self.privacy.refresh()
        if self.profile is not None and self.changed():
            return
        try:
            profile = self.desk.profile()
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        if profile is not None:
            self._load(profile)

    def retranslate(self) -> None:
        """Every text in the language spoken now; what was typed stays."""
        self.title.setText(_("Settings"))
        self.subtitle.setText(_("The service point's details: how newcomers reach the desk, and the logo and "
                                "colour of its papers."))
        self.read_only.setText(_(READ_ONLY))
        self.read_only.setVisible(not self.may_edit)
        for key, widget in self.widgets.items():
            label = _(LABELS[key])
            self._caption(widget).setText(label)
            widget.setAccessibleName(label)
        self.hours.setAccessibleName(self.widgets["hours"].accessibleName())
        self.colour.setAccessibleName(_("Colour as #RRGGBB"))
        self.choose_logo_button.setAccessibleName(_("Choose the logo from a file"))
        self.hours.setPlaceholderText(_("such as Mon–Thu 9–15\nFri 9–12"))
        self.hours_hint.setText(_("At most {n} lines.").format(n=HOURS_LINES))
        self.colour.setPlaceholderText("#1F5F8B")
        self.colour_button.setText(_("Choose…"))
        self.colour_button.setAccessibleName(_("Choose the colour"))
        self.choose_logo_button.setText(_("Choose a file…"))
        self.remove_logo_button.setText(_("Remove"))
        self.remove_logo_button.setAccessibleName(_("Remove the logo"))
        self.logo_hint.setText(_("PNG or JPEG, at most {size} KB and {side} pixels a side.").format(
            size=LOGO_MAX_BYTES // 1024, side=LOGO_MAX_SIDE))
        self.municipalities_caption.setText(_("Municipalities served"))
        self.municipalities.setAccessibleName(_("Municipalities served"))
        self.save_button.setText(_("Save"))
        self.save_button.setToolTip("Ctrl+S")
        self.undo_button.setText(_("Undo changes"))
        self.undo_button.setAccessibleName(_("Undo the changes not saved yet"))
        for button in (self.save_button, self.undo_button, self.colour_button, self.choose_logo_button,
                       self.remove_logo_button):
            if not self.may_edit:
                button.setToolTip(_(READ_ONLY))
        self._show_logo()
        self._show_problems(self._problems)
        self.saved_line.clear()

    def changed(self) -> bool:
        """Whether the form holds anything not saved yet."""
        profile = self.profile
        if profile is None:
            return False
        return self.edits["name"].text().strip() != profile.name or self.details() != profile.details

    def details(self) -> ProfileDetails:
        """The details as the form holds them (unchecked)."""
        return ProfileDetails(address=self.edits["address"].text(), phone=self.edits["phone"].text(),
                              email=self.edits["email"].text(), website=self.edits["website"].text(),
                              hours=self.hours.toPlainText(), logo=self.logo, colour=self.colour.text())

    def save(self) -> None:
        """Save the form over the version it loaded; each refusal is shown beside its field. Ctrl+S in the
        privacy section saves the privacy profile."""
        focus = QApplication.focusWidget()
        if focus is not None and self.privacy.isAncestorOf(focus):
            self.privacy.save()
            return
        if not self.may_edit or self.profile is None:
            return
        self._save(self.profile, self.edits["name"].text(), self.details())

    def undo(self) -> None:
        """Show the saved profile again, dropping what was typed."""
        if self.profile is not None:
            self._load(self.profile)

    def choose_colour(self) -> None:
        """The colour from the colour dialog."""
        current = self.colour.text() if QColor.isValidColorName(self.colour.text()) else "#1F5F8B"
        chosen = dialogs.choose_colour(self, _("Choose the colour"), current)
        if chosen is not None:
            self.colour.setText(chosen.upper())
            self._check("colour")

    def choose_logo(self) -> None:
        """A PNG or JPEG file as the logo; one that cannot be is refused beside the field and the old one kept."""
        path = dialogs.open_file(self, _("Choose the logo"), _("Images (*.png *.jpg *.jpeg)"))
        if path is None:
            return
        try:
            size = path.stat().st_size
            reasons = [logo_too_large(size)] if size > LOGO_MAX_BYTES else []
            data = b"" if reasons else path.read_bytes()
        except OSError as exc:
            # Kept untranslated until shown, so a switch of language says it anew.
            reasons = [Message(N_("The file cannot be read: {error}")).format(error=exc.strerror or type(exc).__name__)]
        if not reasons:
            reasons = logo_problems(data)
        self._problems = tuple(p for p in self._problems if p.field != "logo")
        if reasons:
            self._show_problems((*self._problems, *(Problem("logo", r) for r in reasons)))
            return
        self.logo = data
        self._show_problems(self._problems)
        self._show_logo()

    def remove_logo(self) -> None:
        self.logo = None
        self._show_logo()

    # -- the inner workings

    def _caption(self, widget: QWidget) -> QLabel:
        for form in self.forms:
            label = form.labelForField(widget)
            if isinstance(label, QLabel):
                return label
        raise LookupError(widget.objectName())

    def _set_editable(self) -> None:
        for edit in self.edits.values():
            edit.setReadOnly(not self.may_edit)
        self.hours.setReadOnly(not self.may_edit)
        self.colour.setReadOnly(not self.may_edit)
        for button in (self.colour_button, self.choose_logo_button, self.remove_logo_button, self.save_button,
                       self.undo_button):
            button.setEnabled(self.may_edit)

    def _load(self, profile: Profile) -> None:
        self.profile = profile
        d = profile.details
        self.edits["name"].setText(profile.name)
        for key in ("address", "phone", "email", "website"):
            self.edits[key].setText(getattr(d, key))
            self.edits[key].setCursorPosition(0)
        self.hours.setPlainText(d.hours)
        self.colour.setText(d.colour)
        self.logo = d.logo
        self.municipalities.setText(", ".join(f"{m.name} ({m.code})" for m in profile.municipalities))
        self._show_logo()
        self._show_problems(())

    def _show_colour(self) -> None:
        text = self.colour.text().strip()
        valid = len(text) == 7 and QColor.isValidColorName(text) and text.startswith("#")
        self.colour_button.setIcon(_swatch(text) if valid else QIcon())

    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self.logo is not None and pixmap.loadFromData(self.logo):
            self.preview.setPixmap(pixmap.scaled(PREVIEW, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
            self.preview.setAccessibleName(_("The logo"))
        else:
            self.preview.clear()
            self.preview.setText(_("No logo"))
            self.preview.setAccessibleName(_("No logo"))
        self.remove_logo_button.setEnabled(self.may_edit and self.logo is not None)

    def _check(self, key: str) -> None:
        """The field just left, checked as saving would check it (the logo was checked when chosen)."""
        if not self.may_edit:
            return
        problems: list[Problem] = []
        check_details(dataclasses.replace(self.details(), logo=None), problems)
        kept = [p for p in self._problems if p.field != key]
        self._show_problems((*kept, *(p for p in problems if p.field == key)))

    def _show_problems(self, problems: Iterable[Problem]) -> None:
        self._problems = tuple(Problem(_FIELD_OF.get(p.field or "", p.field), p.message) for p in problems)
        texts: dict[str, list[str]] = {}
        for problem in self._problems:
            key = problem.field if problem.field in self.errors else GENERAL
            texts.setdefault(key or GENERAL, []).append(_(problem.message))
        for key, label in self.errors.items():
            label.setText("\n".join(dict.fromkeys(texts.get(key, []))))
            label.setVisible(key in texts)

    def _save(self, loaded: Profile, name: str, details: ProfileDetails) -> None:
        try:
            profile = self.desk.save_profile(name, list(loaded.municipalities), loaded.version, details=details)
        except ValidationError as exc:
            self._refuse(exc.problems)
            return
        except DuplicateError as exc:
            dialogs.known_error(self, exc)
            return
        except ConflictError:
            self._conflict(name, details)
            return
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self._load(profile)
        self.saved_line.setText(_("Saved."))
        self.hub.profile_changed.emit(profile)

    def _refuse(self, problems: Iterable[Problem]) -> None:
        self._show_problems(problems)
        self.saved_line.clear()
        first = next((self.widgets[p.field] for p in self._problems if p.field in self.widgets), None)
        if first is not None:
            first.setFocus()

    def _conflict(self, name: str, details: ProfileDetails) -> None:
        """Another administrator saved first: both versions, and the worker chooses. Nothing typed is lost."""
        from ui.conflict import VersionsDialog

        loaded = self.profile
        try:
            theirs = self.desk.profile()
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        if loaded is None or theirs is None:
            return
        mine = {"name": name.strip(), **dataclasses.asdict(details)}
        was = {"name": loaded.name, **dataclasses.asdict(loaded.details)}
        now = {"name": theirs.name, **dataclasses.asdict(theirs.details)}
        changed = [key for key in mine if mine[key] != was[key]]
        if not changed:
            # Nothing was typed here: theirs is simply what there is now.
            self._load(theirs)
            self.saved_line.setText(_("Someone else saved the service point's details meanwhile: theirs are shown."))
            return
        rows = [(_(LABELS[key]), self._value_text(key, now[key]), self._value_text(key, mine[key]),
                 now[key] != mine[key]) for key in changed]
        form = VersionsDialog(_("Someone else saved the service point's details"),
                              _("While you were editing, the service point's details were saved by someone else. "
                                "Compare the two versions: keep yours, take theirs, or go back to editing. Nothing "
                                "is lost until you choose."), rows, self)
        form.exec()
        choice = form.choice
        form.deleteLater()
        if choice == VersionsDialog.THEIRS:
            self._load(theirs)
        elif choice == VersionsDialog.MINE:
            # Saved over theirs: the fields changed here only; their other changes stay.
            name = name if "name" in changed else theirs.name
            self._save(theirs, name, dataclasses.replace(theirs.details, **{
                key: mine[key] for key in changed if key != "name"}))
        else:
            self.saved_line.setText(_("Not saved: someone else saved the service point's details meanwhile."))

    def _value_text(self, key: str, value: object) -> str:
        if key == "logo":
            return _("A logo ({size} KB)").format(size=-(-len(value) // 1024)) if isinstance(value, bytes) else "—"
        return str(value).strip() or "—"
