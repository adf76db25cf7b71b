"""The Settings page's Privacy section: who controls the newcomers' data and in which role, and the privacy
notice the welcome packet prints for it. Administrators edit it; everyone else reads it."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs, forms
from ui.hub import Hub
from ui.language import _, current_language
from welcomedesk.codes import PRIVACY_ROLE_LABELS, PrivacyRole, Role
from welcomedesk.errors import KnownError, Problem, ValidationError
from welcomedesk.i18n import N_
from welcomedesk.services.desk import Desk
from welcomedesk.services.privacy_profile import MAX_LENGTH, PrivacyProfile, privacy_notice

READ_ONLY = N_("Only an administrator can change the privacy profile.")
# What each role means for what the desk records, in one line each.
EXPLAINED = {
    PrivacyRole.MUNICIPAL: N_("The municipality records what its integration services need for their statutory "
                              "task."),
    PrivacyRole.EMPLOYER: N_("Records only what the employment and the move need: not sex, mother tongue or the "
                             "questions about the recruitment."),
}
GENERAL = "general"
NOTICE_WIDTH = 820


class _Wrapping(QLabel):
    """A muted line that wraps and asks for the height its words need at the width it got (a scrolled page's
    layout does not always ask a wrapping label for it, and would cut its last line)."""

    def __init__(self) -> None:
        super().__init__(objectName="muted")
        self.setWordWrap(True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


class PrivacySection(QFrame):
    """Controller, role (two choices, each explained), contact, Save, and the packet's notice below them."""

    saved = Signal(object)  # the PrivacyProfile saved: the person page follows it

    def __init__(self, desk: Desk, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="card")
        self.desk = desk
        self.setProperty("section", "privacy")
        self.may_edit = Role.ADMIN in desk.actor.roles
        self.profile: PrivacyProfile | None = None
        self._problems: tuple[Problem, ...] = ()

        self.title = QLabel(objectName="sectionTitle")
        self.intro = QLabel(objectName="muted")
        self.intro.setWordWrap(True)
        self.read_only = QLabel(objectName="muted")
        self.read_only.setWordWrap(True)
        self.controller = QLineEdit(objectName="privacyController")
        self.controller.setMaxLength(MAX_LENGTH * 2)  # longer is refused with a reason, never cut
        self.contact = QLineEdit(objectName="privacyContact")
        self.contact.setMaxLength(MAX_LENGTH * 2)
        self.contact_hint = _Wrapping()

        self.roles = QButtonGroup(self)
        self.role_buttons: dict[PrivacyRole, QRadioButton] = {}
        self.role_notes: dict[PrivacyRole, _Wrapping] = {}
        for role in PrivacyRole:
            button = QRadioButton(objectName=f"privacy_{role.value}")
            note = _Wrapping()
            note.setIndent(24)  # under the button's words, not its circle
            note.setBuddy(button)
            self.roles.addButton(button)
            self.role_buttons[role], self.role_notes[role] = button, note

        # A grid rather than a form: it gives the wrapping lines below the fields the height their words need.
        # Three columns: captions, fields (three fifths of the width) and room to spare.
        self.form = QGridLayout()
        self.form.setHorizontalSpacing(16)
        self.form.setVerticalSpacing(4)
        self.form.setColumnStretch(1, 3)
        self.form.setColumnStretch(2, 2)
        self.captions = {key: QLabel() for key in ("controller", "role", "contact")}
        self.errors: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {"controller": self.controller,
                                            "role": self.role_buttons[PrivacyRole.MUNICIPAL], "contact": self.contact}
        below: dict[str, list[QWidget]] = {
            "role": [self.role_notes[PrivacyRole.MUNICIPAL], self.role_buttons[PrivacyRole.EMPLOYER],
                     self.role_notes[PrivacyRole.EMPLOYER]],
            "contact": [self.contact_hint]}
        for key, widget in self.widgets.items():
            row = self.form.rowCount()
            self.captions[key].setBuddy(widget)
            self.form.addWidget(self.captions[key], row, 0, Qt.AlignmentFlag.AlignVCenter)
            error = forms.refusal_line("fieldError")
            error.hide()
            self.errors[key] = error
            for offset, line in enumerate((widget, *below.get(key, ()), error)):
                # A radio button as wide as its words: a click beside them would not choose it.
                align = Qt.AlignmentFlag.AlignLeft if isinstance(line, QRadioButton) else Qt.AlignmentFlag(0)
                self.form.addWidget(line, row + offset, 1, align)
        self.message = forms.refusal_line()
        self.message.hide()
        self.errors[GENERAL] = self.message
        self.saved_line = QLabel(objectName="muted")
        self.save_button = QPushButton(objectName="savePrivacy")
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(self.save)
        self.undo_button = QPushButton(objectName="undoPrivacy")
        self.undo_button.clicked.connect(self.undo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_line, 1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.save_button)

        # The notice as the packet prints it, in the app's language: it follows what is typed above.
        self.notice_title = QLabel(objectName="detailLabel")
        self.notice_heading = QLabel(objectName="privacyNoticeHeading")
        self.notice_text = QLabel(objectName="privacyNotice")
        for label in (self.notice_heading, self.notice_text):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)  # the controller's name as typed, never markup
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.notice_heading.font()
        font.setBold(True)
        self.notice_heading.setFont(font)
        notice = QFrame(objectName="privacyNoticeFrame")
        notice.setFrameShape(QFrame.Shape.StyledPanel)
        notice_layout = QVBoxLayout(notice)
        notice_layout.setContentsMargins(12, 8, 12, 8)
        notice_layout.addWidget(self.notice_heading)
        notice_layout.addWidget(self.notice_text)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.read_only, 0, Qt.AlignmentFlag.AlignTop)
        # The fields, then the notice below them, no wider than a line a reader can follow.
        self.form.addWidget(self.message, self.form.rowCount(), 1)
        self.form.addLayout(buttons, self.form.rowCount(), 1)
        notice.setMaximumWidth(NOTICE_WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 16)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addSpacing(8)
        layout.addWidget(self.notice_title)
        layout.addWidget(notice)

        self.controller.textChanged.connect(lambda _text: self._show_notice())
        self.contact.textChanged.connect(lambda _text: self._show_notice())
        self.roles.buttonToggled.connect(lambda _button, _on: self._show_notice())
        for widget in (self.controller, self.contact):
            widget.returnPressed.connect(self.save)
        self.controller.setReadOnly(not self.may_edit)
        self.contact.setReadOnly(not self.may_edit)
        for widget in (*self.role_buttons.values(), self.save_button, self.undo_button):
            widget.setEnabled(self.may_edit)
        hub.language_changed.connect(lambda _lang: self.retranslate())
        self.retranslate()
        self.refresh()

    # -- what the section is asked to do

    def refresh(self) -> None:
        """Read the profile again, unless the section holds changes not saved yet (they are kept)."""
        if self.profile is not None and self.changed():
            return
        try:
            profile = self.desk.privacy_profile()
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self._load(profile)

    def role(self) -> PrivacyRole:
        """The role chosen now."""
        return next((role for role, button in self.role_buttons.items() if button.isChecked()), PrivacyRole.MUNICIPAL)

    def changed(self) -> bool:
        """Whether the section holds anything not saved yet."""
        profile = self.profile
        return profile is not None and (self.controller.text().strip(), self.role(), self.contact.text().strip()) != (
            profile.controller, profile.role, profile.contact)

    def save(self) -> None:
        """Save the profile; each refusal is shown beside its field."""
        if not self.may_edit:
            return
        try:
            profile = self.desk.set_privacy_profile(self.controller.text(), self.role(), self.contact.text())
        except ValidationError as exc:
            self._show_problems(exc.problems)
            self.saved_line.clear()
            first = next((self.widgets[p.field] for p in self._problems if p.field in self.widgets), None)
            if first is not None:
                first.setFocus()
            return
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self._load(profile)
        self.saved_line.setText(_("Saved."))
        self.saved.emit(profile)

    def undo(self) -> None:
        """Show the saved profile again, dropping what was typed."""
        if self.profile is not None:
            self._load(self.profile)

    def retranslate(self) -> None:
        """Every text in the language spoken now; what was typed stays."""
        self.title.setText(_("Privacy"))
        self.intro.setText(_("Who is responsible for the newcomers' information, and in which role. The role decides "
                             "which fields the desk records and which privacy notice the welcome packet prints."))
        self.read_only.setText(_(READ_ONLY))
        self.read_only.setVisible(not self.may_edit)
        labels = {"controller": _("Controller"), "role": _("Role"), "contact": _("Questions about the data to")}
        for key, widget in self.widgets.items():
            self.captions[key].setText(labels[key])
            widget.setAccessibleName(labels[key])
        self.controller.setPlaceholderText(_("such as the City of Kajaani"))
        self.contact.setPlaceholderText(_("an e-mail address, phone number or web address"))
        self.contact_hint.setText(_("Optional. Printed in the packet's privacy notice."))
        for role, button in self.role_buttons.items():
            button.setText(_(PRIVACY_ROLE_LABELS[role]))
            button.setAccessibleName(_(PRIVACY_ROLE_LABELS[role]))
            self.role_notes[role].setText(_(EXPLAINED[role]))
            button.setAccessibleDescription(_(EXPLAINED[role]))
        self.save_button.setText(_("Save"))
        self.undo_button.setText(_("Undo changes"))
        self.undo_button.setAccessibleName(_("Undo the changes to the privacy profile not saved yet"))
        self.save_button.setAccessibleName(_("Save the privacy profile"))
        if not self.may_edit:
            for button in (self.save_button, self.undo_button):
                button.setToolTip(_(READ_ONLY))
        self.notice_title.setText(_("The privacy notice as the welcome packet prints it"))
        self._show_notice()
        self._show_problems(self._problems)
        self.saved_line.clear()

    # -- the inner workings

    def _load(self, profile: PrivacyProfile) -> None:
        self.profile = profile
        self.controller.setText(profile.controller)
        self.controller.setCursorPosition(0)
        self.contact.setText(profile.contact)
        self.contact.setCursorPosition(0)
        self.role_buttons[profile.role].setChecked(True)
        self._show_problems(())
        self._show_notice()

    def _show_notice(self) -> None:
        """The packet's privacy section for what the form says now, in the app's language."""
        shown = PrivacyProfile(controller=" ".join(self.controller.text().split()), role=self.role(),
                               contact=self.contact.text().strip())
        notice = privacy_notice(shown, current_language())
        self.notice_heading.setText(notice.heading)
        self.notice_text.setText("\n\n".join(notice.paragraphs))

    def _show_problems(self, problems: Iterable[Problem]) -> None:
        self._problems = tuple(problems)
        forms.show_problems(self.errors, self._problems, GENERAL)
