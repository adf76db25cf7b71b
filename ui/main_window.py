"""The shell: navigation, pages and the status bar. It wires pages together, nothing more."""

from __future__ import annotations

import contextlib
import importlib
from typing import TYPE_CHECKING, cast

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
from ui.idle_lock import IdleLock
from ui.language import _, ngettext
from ui.pages.home import HomePage
from ui.pages.newcomers import NewcomersPage
from ui.pages.person import PersonPage
from ui.person_actions import PersonActions
from welcomedesk.codes import Role, SignInMode
from welcomedesk.errors import KnownError
from welcomedesk.i18n import LANGUAGES, N_
from welcomedesk.services.desk import Desk
from welcomedesk.services.setup import Profile, municipality_names

if TYPE_CHECKING:
    from ui.pages.catalogue import CataloguePage
    from ui.pages.network import NetworkPage
    from ui.pages.reports import ReportsPage
    from ui.pages.settings import SettingsPage


# Only pages that work are listed; each later page is added here when it is whole.
NAVIGATION = (("home", N_("Today")), ("newcomers", N_("Newcomers")), ("network", N_("Partners")),
              ("catalogue", N_("Services")), ("reports", N_("Reports")), ("audit", N_("Audit log")),
              ("accounts", N_("Accounts")), ("maintenance", N_("Maintenance")), ("settings", N_("Settings")))
# Pages only some roles see in the navigation (any one of the roles will do); the others are everyone's.
# The region summaries are coordinators' work (the service refuses anyone else); an administrator's
# maintenance needs no browsing of people.
_PEOPLE = frozenset({Role.DESK, Role.COORDINATOR})
PAGE_ROLES = {"home": _PEOPLE, "newcomers": _PEOPLE, "network": _PEOPLE, "catalogue": _PEOPLE,
              "reports": frozenset({Role.COORDINATOR}), "audit": frozenset({Role.ADMIN, Role.COORDINATOR}),
              "accounts": frozenset({Role.ADMIN}), "maintenance": frozenset({Role.ADMIN})}
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
WALK_IN_SHORTCUT = "Ctrl+K"
LOCK_SHORTCUT = "Ctrl+L"
# When the daily backup is looked for: soon after start (the first page is up by then), then hourly.
FIRST_BACKUP_CHECK_MS = 20_000
BACKUP_CHECK_MS = 3_600_000
# How long after the window opens the old checklists are looked for: after the first page is painted.
STALE_CHECK_DELAY_MS = 1500
REGISTER_SHORTCUT = "Ctrl+N"
# The pages made when first shown: their module and class, each made with the desk and the hub.
LAZY_PAGES = {"network": ("ui.pages.network", "NetworkPage"), "catalogue": ("ui.pages.catalogue", "CataloguePage"),
              "reports": ("ui.pages.reports", "ReportsPage"), "settings": ("ui.pages.settings", "SettingsPage"),
              "audit": ("ui.pages.audit", "AuditLogPage"), "accounts": ("ui.pages.accounts", "AccountsPage"),
              "maintenance": ("ui.pages.maintenance", "MaintenancePage")}


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
        self.person = PersonPage(hub, municipality_names(profile), desk.privacy_profile())
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {"home": self.home, "newcomers": self.newcomers}
        for page in (*self.pages.values(), self.person):
            self.stack.addWidget(page)
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
        # Covers every window after a while without use; the worker can also lock at once when leaving.
        settings = desk.sign_in_settings()
        self.password_mode = settings.mode is SignInMode.PASSWORD
        self.idle_lock = IdleLock(settings.idle_minutes, desk.unlock_with if self.password_mode else None, self)
        self.idle_lock.locked.connect(self._record_lock)
        self.idle_lock.unlocked.connect(self._record_unlock)
        self.lock_button = QPushButton(objectName="lockButton")
        self.lock_button.clicked.connect(self.idle_lock.lock)
        QShortcut(QKeySequence(LOCK_SHORTCUT), self, activated=self.idle_lock.lock)
        self.password_button = QPushButton(objectName="passwordButton")
        self.password_button.clicked.connect(self.change_password)
        self.password_button.setVisible(self.password_mode)
        self.statusBar().addPermanentWidget(self.password_button)
        self.statusBar().addPermanentWidget(self.lock_button)

        self.navigation.currentRowChanged.connect(self._navigate)
        self.home.person_opened.connect(self.open_person)
        self.newcomers.person_opened.connect(self.open_person)
        self.newcomers.import_requested.connect(self.import_list)
        self.newcomers.register_requested.connect(self.register)
        QShortcut(QKeySequence(REGISTER_SHORTCUT), self, activated=self.register)
        self.person.person_opened.connect(self.open_person)
        self.person.back_requested.connect(self.go_back)
        self.person_actions = PersonActions(self, desk, self.person, self.open_person)
        self.language.currentIndexChanged.connect(lambda _i: language.set_language(self.language.currentData()))
        hub.language_changed.connect(lambda _lang: self.retranslate())
        hub.profile_changed.connect(self.profile_saved)
        hub.sign_in_changed.connect(lambda settings: self.idle_lock.set_minutes(settings.idle_minutes))
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.find_person)
        self.retranslate()
        # The list is searched when it is first shown: the window opens on Today.
        self._list_loaded = False
        self.show_page(self.shown[0][0] if self.shown else "settings")
        # The program's own daily copy of the database, looked for soon after start and every hour after.
        self.backup_timer = QTimer(self)
        self.backup_timer.timeout.connect(self.daily_backup)
        self.backup_timer.start(BACKUP_CHECK_MS)
        QTimer.singleShot(FIRST_BACKUP_CHECK_MS, self.daily_backup)
        if desk.actor.roles & _PEOPLE:
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
        self.lock_button.setText(_("Lock"))
        self.lock_button.setToolTip(_("Hide everything until you return ({key})").format(key=LOCK_SHORTCUT))
        self.password_button.setText(_("Change password…"))
        self.side.setFixedWidth(self._navigation_width())

    def _record_lock(self) -> None:
        # The cover is what protects the data: a log row that cannot be written now must not stop it.
        with contextlib.suppress(KnownError):
            self.desk.record_lock()

    def _record_unlock(self) -> None:
        if self.password_mode:
            return  # the password's check recorded the return itself
        with contextlib.suppress(KnownError):
            self.desk.record_unlock()

    def change_password(self) -> None:
        """The worker's own password (password mode)."""
        from ui.account_dialogs import ChangePasswordDialog

        form = ChangePasswordDialog(self.desk, self)
        form.exec()
        form.deleteLater()
        if form.saved is not None:
            self.statusBar().showMessage(_("Your password was changed."), 8000)

    def daily_backup(self) -> None:
        """Today's automatic copy of the database, made off the GUI thread if there is none yet."""
        from ui import tasks

        desk = self.desk

        def made(path: object) -> None:
            if path is not None:
                self.statusBar().showMessage(_("The daily backup was made: {file}").format(file=path), 8000)

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, KnownError):
                raise exc
            self.statusBar().showMessage(_("The daily backup could not be made: {reason}").format(
                reason=_(exc.message)), 15000)

        tasks.run_task(lambda _state: desk.automatic_backup("daily", only_if_due=True), on_done=made,
                       on_error=failed)

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

    def lazy_page(self, key: str) -> QWidget:
        """One of ``LAZY_PAGES``, made at its first use (start-up reads only what Today needs)."""
        page = self.pages.get(key)
        if page is None:
            module, name = LAZY_PAGES[key]
            page = getattr(importlib.import_module(module), name)(self.desk, self.hub)
            assert isinstance(page, QWidget)
            opened = getattr(page, "person_opened", None)
            if opened is not None:
                opened.connect(self.open_person)
            restored = getattr(page, "restored", None)
            if restored is not None:
                restored.connect(lambda _source: self.close())  # the desk is closed: start again
            privacy_saved = getattr(page, "privacy_saved", None)
            if privacy_saved is not None:
                privacy_saved.connect(self.person.follow_privacy)
            self._add_page(key, page)
        return page

    @property
    def network(self) -> NetworkPage:
        """The partner network page."""
        return cast("NetworkPage", self.lazy_page("network"))

    @property
    def catalogue(self) -> CataloguePage:
        """The service catalogue page."""
        return cast("CataloguePage", self.lazy_page("catalogue"))

    @property
    def settings(self) -> SettingsPage:
        """The service point's details."""
        return cast("SettingsPage", self.lazy_page("settings"))

    @property
    def reports(self) -> ReportsPage:
        """The region summary's charts, tables and exports (QtCharts is loaded with it)."""
        return cast("ReportsPage", self.lazy_page("reports"))

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
        page = self.lazy_page(key) if key in LAZY_PAGES else self.pages[key]  # made now if not yet
        if self.stack.currentWidget() is self.person and not self.person.may_leave():
            return
        row = [k for k, _label in NAVIGATION].index(key)
        if self.navigation.currentRow() != row:
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(row)
            self.navigation.blockSignals(False)
        # Today and the lazy pages are read anew each time they are shown: another desk, an import or a
        # catalogue change may have changed them (a page made just now has just read them; the settings
        # keep what was typed and not saved yet).
        if page is self.home:
            self.home.refresh()
        elif not made_now and key in LAZY_PAGES and key != "reports":
            page.refresh()  # type: ignore[attr-defined]
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
        for key in ("network", "catalogue"):
            page = self.pages.get(key)
            if page is not None and current is page:
                page.focus_search()  # type: ignore[attr-defined]
                return
        self.show_page("newcomers")
        self.newcomers.focus_search()

    def go_back(self) -> None:
        """From a person back to the page they were opened from."""
        key = next((k for k, page in self.pages.items() if page is self._came_from), "newcomers")
        self.show_page(key)
