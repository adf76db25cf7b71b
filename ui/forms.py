"""The parts every form of the app shares: its frame, its buttons, its line for a refusal's reason."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.language import _
from ui.style import ERROR
from welcomedesk.errors import Problem

MARGINS = (24, 20, 24, 20)


def frame(dialog: QDialog, spacing: int = 10) -> QVBoxLayout:
    """The dialog's column of parts, with the app's margins."""
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(*MARGINS)
    layout.setSpacing(spacing)
    return layout


def buttons(dialog: QDialog, primary: str, on_primary: Callable[[], None], *, leave: str | None = None,
            enter_presses: bool = True) -> tuple[QDialogButtonBox, QPushButton]:
    """The primary act and the way out (Cancel, or ``leave``).

    ``enter_presses``: Enter anywhere in the form does the act; otherwise only on the focused button.
    """
    box = QDialogButtonBox()
    act = box.addButton(primary, QDialogButtonBox.ButtonRole.AcceptRole)
    act.setProperty("primary", True)
    act.setDefault(enter_presses)
    out = box.addButton(leave or _("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
    act.clicked.connect(on_primary)
    out.clicked.connect(dialog.reject)
    return box, act


def refusal_line(name: str = "formMessage") -> QLabel:
    """A line for why the input was refused, in the error colour, wrapping."""
    label = QLabel()
    label.setObjectName(name)
    label.setStyleSheet(f"color: {ERROR};")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a reason may quote what was typed: never markup
    return label


def searchable_choice(name: str) -> QComboBox:
    """A choice the worker can also type into: any part of an item's words finds it, in any case."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(combo.model(), combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    return combo


def typed_choice(combo: QComboBox) -> str | None:
    """The code of the item whose words were typed or chosen (any case), or None when none is."""
    typed = combo.currentText().strip().casefold()
    for i in range(combo.count()):
        if combo.itemText(i).casefold() == typed:
            return str(combo.itemData(i))
    return None


def field_rows(rows: Iterable[tuple[str, str, QWidget]]) -> tuple[QFormLayout, dict[str, QLabel]]:
    """A form of ``(key, label, widget)`` rows, each with a hidden line below it for its refusal's reason."""
    form = QFormLayout()
    form.setVerticalSpacing(6)
    errors: dict[str, QLabel] = {}
    for key, label, widget in rows:
        widget.setAccessibleName(label)
        caption = QLabel(label)
        caption.setBuddy(widget)
        form.addRow(caption, widget)
        error = refusal_line("fieldError")
        error.hide()
        form.addRow("", error)
        errors[key] = error
    return form, errors


def show_problems(errors: dict[str, QLabel], problems: Iterable[Problem], fallback: str) -> None:
    """Every reason beside its field, one a line (one without a field of the form beside ``fallback``); the
    other fields' lines hidden."""
    texts: dict[str, list[str]] = {}
    for problem in problems:
        key = problem.field if problem.field in errors else fallback
        texts.setdefault(key or fallback, []).append(_(problem.message))
    for key, label in errors.items():
        label.setText("\n".join(dict.fromkeys(texts.get(key, []))))
        label.setVisible(key in texts)
