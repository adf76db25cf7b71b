"""First start on an empty database: the service point, its municipalities, demo data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from ui import dialogs, forms, tasks
from ui.language import _
from welcomedesk.errors import KnownError, ValidationError
from welcomedesk.identity import normalise_name, parse_municipality_code
from welcomedesk.services.desk import Desk
from welcomedesk.services.setup import Municipality, Profile, known_municipalities

DEMO_HOUSEHOLDS = 200


class FirstStartDialog(QDialog):
    """Asks which municipalities the service point serves, and offers demo data."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.profile: Profile | None = None
        self.setObjectName("firstStart")
        self.setMinimumWidth(560)
        self.setWindowTitle(_("Welcome to WelcomeDesk"))

        intro = QLabel(_("This database is new. Tell WelcomeDesk which service point it belongs to."))
        intro.setWordWrap(True)
        self.name_label = QLabel(_("Name of the service point"))
        self.name = QLineEdit(objectName="servicePointName")
        self.name.setPlaceholderText(_("e.g. Kajaani welcome desk"))
        self.name.setAccessibleName(_("Name of the service point"))
        self.name_label.setBuddy(self.name)
        municipalities_label = QLabel(_("Municipalities it serves"))
        self.municipalities = QListWidget(objectName="municipalityList")
        self.municipalities.setAccessibleName(_("Municipalities it serves"))
        for m in known_municipalities():
            self._add_municipality(m, checked=False)
        self.other_name = QLineEdit(objectName="otherMunicipalityName")
        self.other_name.setPlaceholderText(_("Another municipality"))
        self.other_name.setAccessibleName(_("Another municipality"))
        self.other_code = QLineEdit(objectName="otherMunicipalityCode")
        self.other_code.setPlaceholderText(_("Code, 3 digits"))
        self.other_code.setAccessibleName(_("Municipality code"))
        self.other_code.setMaxLength(3)
        self.other_code.setFixedWidth(170)
        add = QPushButton(_("Add"), objectName="addMunicipality")
        add.clicked.connect(self.add_other)
        other = QHBoxLayout()
        other.addWidget(self.other_name, 1)
        other.addWidget(self.other_code)
        other.addWidget(add)
        self.demo = QCheckBox(_("Add demo data ({count} made-up households) to try the program").format(
            count=DEMO_HOUSEHOLDS), objectName="demoData")
        # Demo data is offered only to a database nobody has registered anyone in yet.
        self.demo.setVisible(desk.is_empty())
        self.message = forms.refusal_line()
        # Enter in the "another municipality" fields must not start the program half set up.
        buttons, self.start = forms.buttons(self, _("Start"), self.save, enter_presses=False)

        layout = forms.frame(self)
        title = QLabel(_("Welcome to WelcomeDesk"), objectName="pageTitle")
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.name_label)
        layout.addWidget(self.name)
        layout.addWidget(municipalities_label)
        layout.addWidget(self.municipalities, 1)
        layout.addLayout(other)
        layout.addWidget(self.demo)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _add_municipality(self, municipality: Municipality, checked: bool) -> None:
        item = QListWidgetItem(f"{municipality.name} ({municipality.code})")
        item.setData(Qt.ItemDataRole.UserRole, municipality)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.municipalities.addItem(item)

    def chosen(self) -> list[Municipality]:
        """The municipalities ticked in the list."""
        items = (self.municipalities.item(i) for i in range(self.municipalities.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items
                if item.checkState() == Qt.CheckState.Checked]

    def add_other(self) -> None:
        """Add the typed municipality to the list, ticked; the core says what is wrong with it."""
        try:
            municipality = Municipality(parse_municipality_code(self.other_code.text()),
                                        normalise_name(self.other_name.text(), field="municipality"))
        except ValidationError as exc:
            self.message.setText(_(exc.message))
            return
        self._add_municipality(municipality, checked=True)
        self.other_name.clear()
        self.other_code.clear()
        self.message.clear()

    def save(self) -> None:
        """Save the profile, then add demo data if asked; stays open on a mistake."""
        try:
            self.profile = self.desk.save_profile(self.name.text(), self.chosen())
        except ValidationError as exc:
            self.message.setText("\n".join(_(reason) for reason in exc.reasons))
            return
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        if not self.demo.isChecked():
            self.accept()
            return
        self.start.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(_("Adding demo data…"))
        tasks.run_task(lambda _progress: self.desk.add_demo(households=DEMO_HOUSEHOLDS),
                       on_done=lambda _result: self.accept(), on_error=self._demo_failed)

    def _demo_failed(self, exc: BaseException) -> None:
        self.start.setEnabled(True)
        if isinstance(exc, KnownError):
            dialogs.known_error(self, exc)
            self.accept()  # the profile is saved; the app opens without demo data
            return
        raise exc
