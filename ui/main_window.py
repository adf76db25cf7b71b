"""The shell: navigation, pages and the status bar. It wires pages together, nothing more."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs, language
from ui.hub import Hub
from ui.language import _, ngettext
from ui.pages.home import HomePage
from ui.pages.newcomers import NewcomersPage
from ui.pages.person import PersonPage
from welcomedesk.codes import ItemStatus, Role
from welcomedesk.errors import ConflictError, DuplicateError, KnownError, Problem, ValidationError
from welcomedesk.i18n import LANGUAGES, N_
from welcomedesk.services.desk import Desk
from welcomedesk.services.newcomers import PersonDetail
from welcomedesk.services.setup import Profile, municipality_names

if TYPE_CHECKING:
    from ui.pages.catalogue import CataloguePage
    from ui.pages.network import NetworkPage
    from ui.pages.reports import ReportsPage
    from ui.pages.settings import SettingsPage


class PersonForm(Protocol):
    """A small form of the person's page: made for one person, shown modally, ``saved`` once it saved."""

    @property
    def saved(self) -> object | None: ...

    def __init__(self, desk: Desk, detail: PersonDetail, parent: QWidget | None = None) -> None: ...
    def exec(self) -> int: ...
    def deleteLater(self) -> None: ...


# Only pages that work are listed; each later page is added here when it is whole.
NAVIGATION = (("home", N_("Today")), ("newcomers", N_("Newcomers")), ("network", N_("Partners")),
              ("catalogue", N_("Services")), ("reports", N_("Reports")), ("settings", N_("Settings")))
# Pages only some roles see in the navigation (any one of the roles will do); the others are everyone's.
# The region summaries are coordinators' work (the service refuses anyone else).
PAGE_ROLES = {"reports": frozenset({Role.COORDINATOR})}
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
WALK_IN_SHORTCUT = "Ctrl+K"
# How long after the window opens the old checklists are looked for: after the first page is painted.
STALE_CHECK_DELAY_MS = 1500
REGISTER_SHORTCUT = "Ctrl+N"
# The pages made when first shown, each by the property of its name.
LAZY_PAGES = frozenset({"network", "catalogue", "reports", "settings"})


class MainWindow(QMainWindow):
    """Navigation on the left, the current page on the right, where and who at the bottom."""

    def __init__(self, desk: Desk, profile: Profile, hub: Hub) -> None:
        super().__init__()
        self.desk = desk
        self.profile = profile
        self.hub = hub
        hub.setParent(self)
        self.setObjectName("mainWindow")
        self.resize(1280, 720)

        self.home = HomePage(desk, hub)
        self.newcomers = NewcomersPage(desk, hub, municipality_names(profile))
        self.person = PersonPage(hub, municipality_names(profile))
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {"home": self.home, "newcomers": self.newcomers}
        for page in (*self.pages.values(), self.person):
            self.stack.addWidget(page)
        # The partner, service and settings pages are made when first shown: start-up reads only what Today needs.
        self._network: NetworkPage | None = None
        self._catalogue: CataloguePage | None = None
        self._settings: SettingsPage | None = None
        self._reports: ReportsPage | None = None
        # The navigation's pages this account may see; the others' rows are hidden (rows stay NAVIGATION's).
        self.shown = tuple((key, label) for key, label in NAVIGATION
                           if key not in PAGE_ROLES or PAGE_ROLES[key] & desk.actor.roles)
        # The page a person was opened from, to go back to.
        self._came_from: QWidget = self.home

        self.app_title = QLabel("WelcomeDesk", objectName="appTitle")
        self.service_point = QLabel(profile.name, objectName="servicePoint")
        self.service_point.setWordWrap(True)
        self.service_point.setTextFormat(Qt.TextFormat.PlainText)
        self.navigation = QListWidget(objectName="navigationList")
        for key, _label in NAVIGATION:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.navigation.addItem(item)
            item.setHidden(not any(key == shown for shown, _label in self.shown))
        self.navigation.setCurrentRow(0)
        self.language_label = QLabel(objectName="muted")
        self.language = QComboBox(objectName="languageChoice")
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(self.language.findData(language.current_language()))

        side = QFrame(objectName="navigation")
        self.side = side
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 12)
        side_layout.addWidget(self.app_title)
        side_layout.addWidget(self.service_point)
        side_layout.addWidget(self.navigation, 1)
        # The desk's most common act, one keystroke from any page.
        self.walk_in = QPushButton(objectName="walkInButton")
        self.walk_in.clicked.connect(self.record_walk_in)
        QShortcut(QKeySequence(WALK_IN_SHORTCUT), self, activated=self.record_walk_in)
        language_box = QVBoxLayout()
        language_box.setContentsMargins(16, 0, 16, 0)
        self.walk_in_key = QLabel(objectName="muted")
        language_box.addWidget(self.walk_in)
        language_box.addWidget(self.walk_in_key)
        language_box.addSpacing(12)
        language_box.addWidget(self.language_label)
        language_box.addWidget(self.language)
        side_layout.addLayout(language_box)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.where = QLabel(objectName="databaseLabel")
        self.who = QLabel(objectName="accountLabel")
        self.statusBar().addWidget(self.where, 1)
        self.statusBar().addPermanentWidget(self.who)

        self.navigation.currentRowChanged.connect(self._navigate)
        self.home.person_opened.connect(self.open_person)
        self.newcomers.person_opened.connect(self.open_person)
        self.newcomers.import_requested.connect(self.import_list)
        self.newcomers.register_requested.connect(self.register)
        QShortcut(QKeySequence(REGISTER_SHORTCUT), self, activated=self.register)
        self.person.person_opened.connect(self.open_person)
        self.person.back_requested.connect(self.go_back)
        self.person.status_change_requested.connect(self.change_status)
        self.person.save_requested.connect(self.save_person)
        self.person.visit_requested.connect(self.record_visit)
        self.person.activity_requested.connect(self.record_activity)
        self.person.note_requested.connect(self.add_note)
        self.person.household_requested.connect(self.change_household)
        self.person.paper_requested.connect(self.make_paper)
        steps = self.person.steps_panel
        steps.step_requested.connect(self.open_step)
        steps.done_requested.connect(self.mark_step_done)
        steps.follow_up_requested.connect(self.record_follow_up)
        steps.stage_requested.connect(self.add_stage)
        steps.job_end_requested.connect(self.record_job_end)
        self.language.currentIndexChanged.connect(lambda _i: language.set_language(self.language.currentData()))
        hub.language_changed.connect(lambda _lang: self.retranslate())
        hub.profile_changed.connect(self.profile_saved)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.find_person)
        self.retranslate()
        # The list is searched when it is first shown: the window opens on Today.
        self._list_loaded = False
        self.show_page("home")
        # Once the first page is up: checklists a new year (a child reaching school age) or another desk's
        # catalogue change left old are made again in the background.
        QTimer.singleShot(STALE_CHECK_DELAY_MS, self.refresh_stale_checklists)

    def _navigation_width(self) -> int:
        # Wide enough for the product name in its heading size and for the walk-in button in this
        # language, also at 150 % text.
        heading = QFont(self.font())
        heading.setPointSizeF(heading.pointSizeF() * 1.65)
        heading.setBold(True)
        button = QFontMetrics(self.walk_in.font()).horizontalAdvance(self.walk_in.text()) + 32 + 40
        return max(210, QFontMetrics(heading).horizontalAdvance("WelcomeDesk") + 40, button)

    def retranslate(self) -> None:
        """Set every text of the shell in the current language."""
        self.setWindowTitle(_("WelcomeDesk — {service_point}").format(service_point=self.profile.name))
        for row, (_key, label) in enumerate(NAVIGATION):
            self.navigation.item(row).setText(_(label))
        self.navigation.setAccessibleName(_("Pages"))
        self.language_label.setText(_("Language"))
        self.language.setAccessibleName(_("Language of the program"))
        self.where.setText(_("Database: {where}").format(where=self.desk.where()))
        self.who.setText(_("Working: {name}").format(name=self.desk.who()))
        self.walk_in.setText(_("Anonymous contact"))
        self.walk_in.setAccessibleName(_("Record an anonymous contact"))
        self.walk_in.setToolTip(WALK_IN_SHORTCUT)
        self.walk_in_key.setText(_("Shortcut: {key}").format(key=WALK_IN_SHORTCUT))
        self.side.setFixedWidth(self._navigation_width())

    def record_walk_in(self) -> None:
        """Count one anonymous contact (the form, then Enter)."""
        from ui.walk_in import WalkInDialog

        form = WalkInDialog(self.desk, self)
        saved = form.exec() == QDialog.DialogCode.Accepted
        self.activateWindow()  # back to where the worker was, so the next Ctrl+K works at once
        if saved and form.today is not None:
            self.statusBar().showMessage(_("Anonymous contact saved: {count} today.").format(count=form.today),
                                         8000)

    def register(self) -> None:
        """The registration wizard; the list then shows the household registered."""
        from ui.registration import RegistrationDialog

        form = RegistrationDialog(self.desk, self.hub, self)
        result = form.exec()
        self.activateWindow()
        if result == RegistrationDialog.OPEN_EXISTING and form.existing is not None:
            self.open_person(form.existing.person_id)
        elif form.registered:
            count = len(form.registered)
            self._list_loaded = True  # searched for the family just below
            self.show_page("newcomers")
            self.newcomers.show_household(form.members()[0]["family_name"])
            self.statusBar().showMessage(ngettext("Registered {count} person.", "Registered {count} people.",
                                                  count).format(count=count), 8000)

    def import_list(self) -> None:
        """A recruiter's list: choose, check, import; then the list shows who came in."""
        from ui.import_dialog import ImportDialog

        form = ImportDialog(self.desk, self)
        form.exec()
        self.activateWindow()
        if form.imported is not None:
            self._list_loaded = True
            self.newcomers.apply_query()
            self.show_page("newcomers")
            self.statusBar().showMessage(ngettext("Imported {count} person.", "Imported {count} people.",
                                                  form.imported.people).format(count=form.imported.people), 8000)

    def change_status(self) -> None:
        """A new status for the person on the page; the page shows it at once."""
        from ui.status_dialog import StatusDialog

        self._on_person(StatusDialog)

    def record_visit(self) -> None:
        """A desk visit of the person on the page."""
        from ui.visit_dialog import VisitDialog

        self._on_person(VisitDialog)

    def record_activity(self) -> None:
        """A change in the work or studies of the person on the page."""
        from ui.follow_up_dialogs import ActivityDialog

        self._on_person(ActivityDialog)

    def add_note(self) -> None:
        """A note on the person on the page."""
        from ui.follow_up_dialogs import NoteDialog

        self._on_person(NoteDialog)

    def change_household(self) -> None:
        """The role of the person on the page, or a move to another household."""
        from ui.household_dialog import HouseholdDialog

        self._on_person(HouseholdDialog)

    def open_step(self, item_id: int) -> None:
        """One step of the person's checklist: its status, note and referral."""
        from ui.step_dialogs import StepDialog

        if self._on_person(lambda desk, detail, parent: StepDialog(desk, detail, item_id, parent)):
            self.person.steps_panel.select_step(item_id)

    def mark_step_done(self, item_id: int) -> None:
        """The chosen step done today, without a form (Ctrl+D)."""
        detail = self.person.detail
        step = next((s for s in detail.steps if s.item_id == item_id), None) if detail else None
        if detail is None or step is None or not self.person.may_leave():
            return
        try:
            self.desk.update_step(item_id, step.version, ItemStatus.DONE)
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self.open_person(detail.row.id)
        self.person.steps_panel.select_step(item_id)
        self.statusBar().showMessage(_("Marked done."), 5000)

    def record_follow_up(self, follow_up_id: int) -> None:
        """How a follow-up contact went."""
        from ui.step_dialogs import FollowUpDialog

        self._on_person(lambda desk, detail, parent: FollowUpDialog(desk, detail, follow_up_id, parent))

    def add_stage(self) -> None:
        """A stage of the person's path into work."""
        from ui.step_dialogs import StageDialog

        self._on_person(StageDialog)

    def record_job_end(self) -> None:
        """The end of the person's job, and with it the protection period."""
        from ui.step_dialogs import JobEndDialog

        self._on_person(JobEndDialog)

    def make_paper(self, kind: str) -> None:
        """The packet, a referral slip or a handover sheet for the person on the page: previewed, printed or
        saved; the page lists each one given at once."""
        from ui.paper_dialog import PaperDialog

        detail = self.person.detail
        if detail is None or not self.person.may_leave():
            return
        form = PaperDialog(self.desk, detail, kind, self.person.steps_panel.chosen_step(), self)
        form.given.connect(self.person.show_papers)
        form.finished.connect(form.deleteLater)
        form.open()

    def _on_person(self, make: Callable[[Desk, PersonDetail, QWidget], PersonForm]) -> bool:
        """One of the person page's small forms; once it saved, the page shows the person anew (True)."""
        detail = self.person.detail
        if detail is None or not self.person.may_leave():
            return False
        form = make(self.desk, detail, self)
        form.exec()
        form.deleteLater()
        self.activateWindow()
        if form.saved is not None:
            self.open_person(detail.row.id)
            return True
        return False

    def save_person(self, changed: dict[str, str]) -> None:
        """Save the person page's edit over the version it loaded; another desk's save first shows both."""
        from ui.conflict import ConflictDialog

        detail = self.person.detail
        if detail is None:
            return
        try:
            self.desk.save_person(detail.row.id, detail.version, changed)
        except ValidationError as exc:
            self.person.show_problems(exc.problems)
            return
        except DuplicateError as exc:
            self.person.show_problems((Problem(exc.field, exc.message),))
            return
        except ConflictError:
            try:
                theirs = self.desk.person(detail.row.id)
            except KnownError as exc:
                dialogs.known_error(self, exc)
                return
            form = ConflictDialog(theirs, changed, self)
            form.exec()
            form.deleteLater()
            if form.choice == ConflictDialog.THEIRS:
                self.person.show_person(theirs)
            elif form.choice == ConflictDialog.MINE:
                # The worker saw the other version and chose their own changes: saved over it, these fields only.
                self.person.detail = theirs
                self.save_person(changed)
            else:
                self.person.edit_message.setText(_("Not saved: someone else saved this person meanwhile."))
            return
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        self.open_person(detail.row.id)
        self.statusBar().showMessage(_("Saved."), 5000)

    def open_person(self, person_id: int) -> None:
        """Show one newcomer with their household."""
        try:
            detail = self.desk.person(person_id)
        except KnownError as exc:
            dialogs.known_error(self, exc)
            return
        current = self.stack.currentWidget()
        if current is not None and current is not self.person:
            self._came_from = current
        self.person.show_person(detail)
        self.stack.setCurrentWidget(self.person)

    def _navigate(self, row: int) -> None:
        if 0 <= row < len(NAVIGATION):
            self.show_page(NAVIGATION[row][0])

    @property
    def network(self) -> NetworkPage:
        """The partner network page (made at its first use)."""
        if self._network is None:
            from ui.pages.network import NetworkPage

            self._network = NetworkPage(self.desk, self.hub)
            self._network.person_opened.connect(self.open_person)
            self._add_page("network", self._network)
        return self._network

    @property
    def catalogue(self) -> CataloguePage:
        """The service catalogue page (made at its first use)."""
        if self._catalogue is None:
            from ui.pages.catalogue import CataloguePage

            self._catalogue = CataloguePage(self.desk, self.hub)
            self._add_page("catalogue", self._catalogue)
        return self._catalogue

    @property
    def settings(self) -> SettingsPage:
        """The service point's details (made at its first use)."""
        if self._settings is None:
            from ui.pages.settings import SettingsPage

            self._settings = SettingsPage(self.desk, self.hub)
            self._add_page("settings", self._settings)
        return self._settings

    @property
    def reports(self) -> ReportsPage:
        """The region summary's charts, tables and exports (made at its first use: QtCharts is loaded then)."""
        if self._reports is None:
            from ui.pages.reports import ReportsPage

            self._reports = ReportsPage(self.desk, self.hub)
            self._add_page("reports", self._reports)
        return self._reports

    def _add_page(self, key: str, page: QWidget) -> None:
        self.pages[key] = page
        self.stack.addWidget(page)

    def show_page(self, key: str) -> None:
        """One of the navigation's pages; Today is read anew each time it is shown."""
        if all(key != shown for shown, _label in self.shown):  # a page this account does not see
            current = next((k for k, page in self.pages.items() if page is self.stack.currentWidget()), None)
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow([k for k, _label in NAVIGATION].index(current) if current else -1)
            self.navigation.blockSignals(False)
            return
        made_now = key not in self.pages
        page: QWidget = getattr(self, key) if key in LAZY_PAGES else self.pages[key]  # made now if not yet
        if self.stack.currentWidget() is self.person and not self.person.may_leave():
            return
        row = [k for k, _label in NAVIGATION].index(key)
        if self.navigation.currentRow() != row:
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(row)
            self.navigation.blockSignals(False)
        # Today, the partners and the services are read anew each time they are shown: another desk, an
        # import or a catalogue change may have changed them.
        # (A page made just now has just read them.)
        if page is self.home:
            self.home.refresh()
        elif not made_now and page is self._network:
            self.network.refresh()
        elif not made_now and page is self._catalogue:
            self.catalogue.refresh()
        elif not made_now and page is self._settings:
            self.settings.refresh()  # keeps what was typed and not saved yet
        if page is self.newcomers and not self._list_loaded:
            self._list_loaded = True
            self.newcomers.apply_query()
        self.stack.setCurrentWidget(page)
        if page is self.newcomers:
            self.newcomers.table.setFocus()
        elif page is self.home:
            self.home.focus_first_list()

    def profile_saved(self, profile: Profile) -> None:
        """The service point's profile as saved on the settings page: its name in the shell."""
        self.profile = profile
        self.service_point.setText(profile.name)
        self.retranslate()

    def show_list(self) -> None:
        """The newcomer list, where the search left off."""
        self.show_page("newcomers")

    def refresh_stale_checklists(self) -> None:
        """Make old checklists again off the GUI thread, a batch at a time; Today is read again after."""
        from ui import tasks

        if not self.isVisible():  # closed before the look was due
            return
        desk = self.desk

        def work(state: tasks.Progress) -> int:
            done = 0
            while not state.cancelled and (batch := desk.stale_checklists()):
                updated = desk.refresh_checklists(batch)
                if not updated:
                    break
                done += updated
                state.report(done, 0)
            return done

        def progressed(done: int, _total: int) -> None:
            self.statusBar().showMessage(ngettext("Updating checklists: {count} done…",
                                                  "Updating checklists: {count} done…", done).format(count=done))

        def finished(done: int) -> None:
            if done:
                self.statusBar().showMessage(ngettext("{count} checklist was brought up to date.",
                                                      "{count} checklists were brought up to date.",
                                                      done).format(count=done), 8000)
                if self.stack.currentWidget() is self.home:
                    self.home.refresh()

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, KnownError):
                raise exc
            self.statusBar().showMessage(_(exc.message), 8000)  # the next start tries again

        tasks.run_task(work, on_done=finished, on_error=failed, on_progress=progressed)

    def find_person(self) -> None:
        """Ctrl+F: the partner or service page's own search there, else the newcomer list's search."""
        current = self.stack.currentWidget()
        for page in (self._network, self._catalogue):
            if page is not None and current is page:
                page.focus_search()
                return
        self.show_page("newcomers")
        self.newcomers.focus_search()

    def go_back(self) -> None:
        """From a person back to the page they were opened from."""
        key = next((k for k, page in self.pages.items() if page is self._came_from), "newcomers")
        self.show_page(key)
