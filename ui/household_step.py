"""The wizard's household step: the spouse, the children and others, one row each."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui import forms
from ui.field_editors import FieldEditor, mark, reason_for, recorded_only
from ui.language import _
from welcomedesk.codes import Relation
from welcomedesk.person_fields import FIELD

MEMBER_FIELDS = ("relation", "given_names", "family_name", "date_of_birth", "sex", "nationality",
                 "personal_identity_code")
# The columns' shares, the same in the heading and in every row.
_STRETCH = {"relation": 2, "given_names": 3, "family_name": 3, "date_of_birth": 2, "sex": 3, "nationality": 3,
            "personal_identity_code": 3}
REMOVE_WIDTH = 90


def _columns(grid: QGridLayout, names: tuple[str, ...]) -> None:
    grid.setHorizontalSpacing(6)
    for column, name in enumerate(names):
        grid.setColumnStretch(column, _STRETCH[name])
    grid.setColumnMinimumWidth(len(names), REMOVE_WIDTH)


class MemberRow(QWidget):
    """One more member of the household: relation, names, birth, sex, nationality, code (those of ``names``),
    and why not."""

    def __init__(self, relation: Relation, names: tuple[str, ...] = MEMBER_FIELDS,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editors = {name: FieldEditor(FIELD[name], {}, self) for name in names}
        self.editors["relation"].set_text(relation.value)
        self.remove = QPushButton(objectName="removeMember")
        self.remove.setFixedWidth(REMOVE_WIDTH)
        self.remove.setAutoDefault(False)
        self.error = forms.refusal_line("memberError")
        self.error.hide()
        self.reasons: dict[str, str] = {}  # shown now, untranslated, by field
        self.touched: set[str] = set()  # typed in: their reasons show as the worker types
        self.pause = QTimer(self, singleShot=True, interval=400)
        self.pause.timeout.connect(self.check_touched)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        _columns(grid, names)
        for column, name in enumerate(names):
            grid.addWidget(self.editors[name].widget, 0, column)
        grid.addWidget(self.remove, 0, len(names))
        grid.addWidget(self.error, 1, 0, 1, len(names) + 1)
        self.retranslate()

    def texts(self) -> dict[str, str]:
        return {name: editor.text() for name, editor in self.editors.items()}

    def problems(self) -> dict[str, str]:
        """Why each field does not hold now, by field; nothing is shown."""
        found = {name: reason_for(name, editor.text()) for name, editor in self.editors.items()}
        return {name: reason for name, reason in found.items() if reason}

    def check(self) -> bool:
        """Show why each field does not hold; True when every field holds."""
        self.show_reasons(self.problems())
        return not self.reasons

    def check_touched(self) -> None:
        """Show why the fields typed in do not hold (the others wait for Finish)."""
        self.show_reasons({name: reason for name, reason in self.problems().items()
                           if name in self.touched or name in self.reasons})

    def show_reasons(self, reasons: dict[str, str]) -> None:
        self.reasons = reasons
        self.error.setText("\n".join(f"{_(FIELD[name].label)}: {_(message)}" for name, message in reasons.items()))
        self.error.setVisible(bool(reasons))
        for name, editor in self.editors.items():
            mark(editor.widget, name in reasons)

    def first_refused(self) -> QWidget | None:
        return self.editors[next(iter(self.reasons))].widget if self.reasons else None

    def retranslate(self) -> None:
        for name, editor in self.editors.items():
            editor.retranslate()
            editor.widget.setAccessibleName(_(FIELD[name].label))
            editor.widget.setToolTip(_(FIELD[name].label))
        self.remove.setText(_("Remove"))
        self.remove.setAccessibleName(_("Remove this member"))
        self.show_reasons(self.reasons)


class HouseholdStep(QWidget):
    """The other members, added quickly with a button each; ``edited`` names the field typed in.

    ``recorded``: the fields the privacy profile records (None: every field); a member's row shows only those.
    """

    edited = Signal(str)
    changed = Signal()  # a member was added or removed

    def __init__(self, recorded: Collection[str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = recorded_only(MEMBER_FIELDS, recorded)
        self.headers = [QLabel(objectName="detailLabel") for _name in self.names]
        header = QGridLayout()
        _columns(header, self.names)
        for column, label in enumerate(self.headers):
            header.addWidget(label, 0, column)
        self.rows: list[MemberRow] = []
        self.row_box = QVBoxLayout()
        self.row_box.setSpacing(6)
        self.nobody = QLabel(objectName="muted")
        self.add_spouse: QPushButton = QPushButton(objectName="addSpouse")
        self.add_child: QPushButton = QPushButton(objectName="addChild")
        self.add_other: QPushButton = QPushButton(objectName="addOther")
        adds = QHBoxLayout()
        for button, relation in ((self.add_spouse, Relation.SPOUSE), (self.add_child, Relation.CHILD),
                                 (self.add_other, Relation.OTHER)):
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, relation=relation: self.add(relation))
            adds.addWidget(button)
        adds.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(header)
        box.addWidget(self.nobody)
        box.addLayout(self.row_box)
        box.addLayout(adds)
        # Where a new member's family name and nationality come from: the main person's as typed.
        self.starting_values: dict[str, str] = {}
        self.retranslate()

    def add(self, relation: Relation) -> MemberRow:
        """A new row, with the main person's family name and nationality to start from."""
        row = MemberRow(relation, self.names)
        for name, text in self.starting_values.items():
            if name in row.editors:
                row.editors[name].set_text(text)
        for name, editor in row.editors.items():
            editor.edited.connect(lambda name=name, row=row: self._typed(row, name))
        row.remove.clicked.connect(lambda: self.remove(row))
        self.rows.append(row)
        self.row_box.addWidget(row)
        self.nobody.hide()
        row.editors["given_names"].widget.setFocus()
        self.changed.emit()
        return row

    def remove(self, row: MemberRow) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.nobody.setVisible(not self.rows)
        self.add_child.setFocus()
        self.changed.emit()

    def _typed(self, row: MemberRow, name: str) -> None:
        # Checked when the worker pauses, as in the other steps.
        row.touched.add(name)
        row.pause.start()
        self.edited.emit(name)

    def first_field(self) -> QWidget:
        """Where the cursor goes on this step: the first refused field, the first member, or Add."""
        refused = next((w for w in (r.first_refused() for r in self.rows) if w is not None), None)
        if refused is not None:
            return refused
        return self.rows[0].editors["given_names"].widget if self.rows else self.add_spouse

    def summary_lines(self) -> list[str]:
        """The members in a line each, as typed."""
        if not self.rows:
            return [_("Only the main person.")]
        lines = []
        for row in self.rows:
            texts = {name: editor.shown_text() or "—" for name, editor in row.editors.items()}
            lines.append(f"{texts['relation']}: {texts['family_name']}, {texts['given_names']} — "
                         f"{texts['date_of_birth']}")
        return lines

    def retranslate(self) -> None:
        for label, name in zip(self.headers, self.names, strict=True):
            label.setText(_(FIELD[name].label))
        for row in self.rows:
            row.retranslate()
        self.nobody.setText(_("No one else yet."))
        self.add_spouse.setText(_("Add a spouse"))
        self.add_child.setText(_("Add a child"))
        self.add_other.setText(_("Add someone else"))
