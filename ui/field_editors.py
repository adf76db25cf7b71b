"""One editor per kind of person field, and a form of them: the wizard's steps and the person page's edit mode.

An editor hands over what was typed as text for the core to read (``person_fields``), shows the
core's reason beside its field as the worker types, and on a language switch changes only its
words: what was typed stays.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from ui import forms
from ui.language import _, words
from welcomedesk.errors import Problem, ValidationError
from welcomedesk.identity import format_date
from welcomedesk.occupations import occupation_groups
from welcomedesk.person_fields import FIELD, Kind, PersonField
from welcomedesk.presentation.labels import (
    CODE_LABELS,
    country_choices,
    language_choices,
    language_name,
    municipality_choices,
)
from welcomedesk.unreadable import Unreadable

_PLACEHOLDERS = {Kind.DATE: "D.M.YYYY", Kind.IDENTITY_CODE: "DDMMYY-NNNC", Kind.BUSINESS_ID: "NNNNNNN-N",
                 Kind.PHONE: "+358 40 123 4567"}


class FieldEditor(QObject):
    """The widget for one field: its typed text, its value shown, its words in the current language."""

    edited = Signal()

    def __init__(self, field: PersonField, municipalities: dict[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.municipalities = municipalities
        self.widget: QLineEdit | QComboBox
        if field.kind in (Kind.CODE, Kind.OCCUPATION_GROUP):
            self.widget = QComboBox()
        elif field.kind in (Kind.COUNTRY, Kind.LANGUAGE, Kind.MUNICIPALITY):
            self.widget = forms.searchable_choice(f"field_{field.name}")
        else:
            line = QLineEdit()
            if field.max_length:
                # Longer text is refused with a reason, never cut: the limit leaves room to see it refused.
                line.setMaxLength(max(field.max_length * 4, 64))
            self.widget = line
        self.widget.setObjectName(f"field_{field.name}")
        if isinstance(self.widget, QComboBox):
            # A list of 250 countries must not make the field 250 characters wide.
            self.widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            self.widget.setMinimumContentsLength(8)
        self.widget.setMinimumWidth(80)
        self._fill_choices()
        if isinstance(self.widget, QLineEdit):
            self.widget.textEdited.connect(lambda _t: self.edited.emit())
        else:
            self.widget.currentIndexChanged.connect(lambda _i: self.edited.emit())
            if self.widget.isEditable():
                self.widget.editTextChanged.connect(lambda _t: self.edited.emit())

    def _choices(self) -> list[tuple[str, str]]:
        """(code, words) of a choice field, in the current language, "not given" first."""
        kind = self.field.kind
        if kind is Kind.CODE and self.field.codes is not None:
            labels = CODE_LABELS[self.field.codes]
            return [("", _("— not given —")), *((code.value, _(label)) for code, label in labels.items())]
        if kind is Kind.OCCUPATION_GROUP:
            language = words().language
            return [("", _("— not given —")),
                    *((code, f"{code} {group.name(language)}") for code, group in occupation_groups().items())]
        if kind is Kind.COUNTRY:
            return country_choices(words())
        if kind is Kind.LANGUAGE:
            return language_choices(words())
        if kind is Kind.MUNICIPALITY:
            return municipality_choices(self.municipalities)
        return []

    def _fill_choices(self) -> None:
        if not isinstance(self.widget, QComboBox):
            self.widget.setPlaceholderText(_PLACEHOLDERS.get(self.field.kind, ""))
            return
        combo = self.widget
        keep = self.text()
        combo.blockSignals(True)
        combo.clear()
        for code, label in self._choices():
            combo.addItem(label, code)
        combo.blockSignals(False)
        self.set_text(keep)

    def retranslate(self) -> None:
        """Choices in the current language; the chosen value and typed text stay."""
        self._fill_choices()

    def text(self) -> str:
        """What the field says now, as text for the core to read ("" when empty)."""
        widget = self.widget
        if isinstance(widget, QLineEdit):
            return widget.text()
        if not widget.isEditable():
            return str(widget.currentData() or "")
        # A typed name or code that is not one of the items goes to the core as it is.
        return forms.typed_choice(widget) or widget.currentText().strip()

    def shown_text(self) -> str:
        """What the field shows the worker ("" when nothing is given)."""
        if isinstance(self.widget, QLineEdit):
            return self.widget.text().strip()
        return self.widget.currentText().strip() if self.text() else ""

    def set_text(self, text: str) -> None:
        """Show ``text`` (a code for a choice); no edit signal."""
        widget = self.widget
        widget.blockSignals(True)
        if isinstance(widget, QLineEdit):
            widget.setText(text)
        else:
            index = widget.findData(text)
            if index >= 0:
                widget.setCurrentIndex(index)
            elif widget.isEditable():
                widget.setCurrentIndex(-1)
                widget.setEditText(text)
            else:
                widget.setCurrentIndex(0)
        widget.blockSignals(False)

    def set_value(self, value: Any) -> None:
        """Show a stored value as the worker would type it."""
        self.set_text(as_text(self.field, value))


def recorded_only(names: Iterable[str], recorded: Collection[str] | None) -> tuple[str, ...]:
    """``names`` without the fields the privacy profile does not record (``recorded`` None: every field)."""
    return tuple(name for name in names if recorded is None or name in recorded)


def reason_for(name: str, text: str) -> str:
    """Why the core refuses ``text`` for field ``name`` (untranslated), or "" when it holds."""
    try:
        FIELD[name].parse(text)
    except ValidationError as exc:
        return exc.problems[0].message
    return ""


def restyle(widget: QWidget, flag: str, on: bool) -> None:
    """Set a property the style sheet reads (``[invalid="true"]``, ``[ready="true"]``) and apply the style."""
    if bool(widget.property(flag)) != on:
        widget.setProperty(flag, on)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def mark(widget: QWidget, invalid: bool) -> None:
    """Give a field the error colour's border, or take it away."""
    restyle(widget, "invalid", invalid)


def as_text(field: PersonField, value: Any) -> str:
    """A stored value as text its field reads back to the same value."""
    if value is None or isinstance(value, Unreadable):
        return ""
    if isinstance(value, date):
        return format_date(value)
    if field.kind is Kind.LANGUAGES:
        return ", ".join(language_name(code, words()) for code in value)
    if field.kind is Kind.TAGS:
        return "; ".join(value)
    return str(value.value if hasattr(value, "value") else value)


class FieldForm(QWidget):
    """Fields in a column, each with its label and, below it, the reason it was refused."""

    edited = Signal(str)  # the field's name

    def __init__(self, names: Iterable[str], municipalities: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editors: dict[str, FieldEditor] = {}
        self.captions: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self._pending: set[str] = set()
        self._reasons: dict[str, str] = {}  # shown reasons, untranslated, so a language switch can re-show them
        self._timer = QTimer(self, singleShot=True, interval=400)
        self._timer.timeout.connect(self._check_pending)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setVerticalSpacing(4)
        layout.setHorizontalSpacing(16)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in names:
            editor = FieldEditor(FIELD[name], municipalities, self)
            caption = QLabel()
            caption.setBuddy(editor.widget)
            error = forms.refusal_line("fieldError")
            error.setObjectName(f"error_{name}")
            error.hide()
            layout.addRow(caption, editor.widget)
            layout.addRow("", error)
            editor.edited.connect(lambda name=name: self._typed(name))
            self.editors[name], self.captions[name], self.errors[name] = editor, caption, error
        self.retranslate()

    def _typed(self, name: str) -> None:
        # Checked when the worker pauses, so a half-typed date is not called wrong mid-word.
        self._pending.add(name)
        self._timer.start()
        self.edited.emit(name)

    def _check_pending(self) -> None:
        for name in sorted(self._pending):
            self.check(name)
        self._pending.clear()

    def check(self, name: str) -> bool:
        """Read the field's text as the core does and show the reason beside it; True when it holds."""
        reason = reason_for(name, self.editors[name].text())
        self.show_reason(name, reason)
        return not reason

    def check_all(self) -> list[str]:
        """Check every field; the names of those that do not hold."""
        return [name for name in self.editors if not self.check(name)]

    def problems(self) -> list[str]:
        """The names of the fields that do not hold now, or were refused by the core; nothing is shown."""
        return [name for name, editor in self.editors.items()
                if reason_for(name, editor.text()) or self._reasons.get(name)]

    def show_reason(self, name: str, message: str) -> None:
        """Show (or with "" clear) why ``name`` was refused, in the current language."""
        error = self.errors[name]
        self._reasons[name] = message
        error.setText(_(message) if message else "")
        error.setVisible(bool(message))
        mark(self.editors[name].widget, bool(message))
        self.editors[name].widget.setAccessibleDescription(error.text())

    def show_problems(self, problems: Iterable[Problem]) -> list[str]:
        """Show the core's reasons beside their fields; the names of the fields shown."""
        shown = []
        for problem in problems:
            if problem.field in self.editors:
                self.show_reason(problem.field, problem.message)
                shown.append(problem.field)
        return shown

    def texts(self) -> dict[str, str]:
        """Every field's text by name."""
        return {name: editor.text() for name, editor in self.editors.items()}

    def set_values(self, values: dict[str, Any]) -> None:
        """Show stored values in their fields."""
        for name, value in values.items():
            if name in self.editors:
                self.editors[name].set_value(value)

    def retranslate(self) -> None:
        """Labels, choices and shown reasons in the current language; typed text stays."""
        for name, editor in self.editors.items():
            field = FIELD[name]
            label = _(field.label) + (" *" if field.required else "")
            self.captions[name].setText(label)
            editor.widget.setAccessibleName(_(field.label))
            editor.retranslate()
        for name, message in self._reasons.items():
            if message:
                self.show_reason(name, message)

    def first_invalid(self) -> QWidget | None:
        """The first field showing a reason, to put the cursor in."""
        return next((self.editors[n].widget for n in self.editors if self._reasons.get(n)), None)

    def reasons(self) -> dict[str, str]:
        """The reasons shown now, untranslated, by field."""
        return {name: message for name, message in self._reasons.items() if message}
