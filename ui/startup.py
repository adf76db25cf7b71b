"""Start the desktop app: Qt, language, database, sign-in, first start, main window."""

from __future__ import annotations

import getpass
import signal
import sys
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QDialog

from ui import dialogs
from ui import language as ui_language
from ui.hub import Hub
from ui.language import _
from ui.style import stylesheet
from welcomedesk.bug_log import record_bug
from welcomedesk.codes import SignInMode
from welcomedesk.config import DatabaseTarget
from welcomedesk.errors import EXIT_INTERRUPTED, EXIT_OK, KnownError
from welcomedesk.services.desk import Desk, open_gate
from welcomedesk.services.setup import Profile


class QtTranslations:
    """Qt's own translations (standard dialogs), swapped with the language."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.translator: QTranslator | None = None

    def load(self, language: str) -> None:
        if self.translator is not None:
            self.app.removeTranslator(self.translator)
            self.translator = None
        QLocale.setDefault(QLocale(language))
        translator = QTranslator(self.app)
        if translator.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self.app.installTranslator(translator)
            self.translator = translator


def application() -> QApplication:
    """The one QApplication, styled."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("WelcomeDesk")
    app.setOrganizationName("WelcomeDesk")
    app.setStyle("Fusion")
    apply_style(app)
    return app


def apply_style(app: QApplication) -> None:
    """Style the app for its current text size (call again after changing the application font)."""
    app.setStyleSheet(stylesheet(app.font().pointSizeF()))


def sign_in(target: DatabaseTarget) -> Desk | None:
    """Open the database and sign the worker in: as this computer's user, or (password mode) by the sign-in
    window; None when the worker closes that window."""
    username = getpass.getuser()
    gate = open_gate(target)
    try:
        if gate.settings.mode is not SignInMode.PASSWORD:
            return gate.computer_account(username, _full_name(username))
        from ui.sign_in_dialog import SignInDialog

        dialog = SignInDialog(gate, username)
        dialog.exec()
        if dialog.desk is None:
            gate.close()
        return dialog.desk
    except BaseException:
        gate.close()
        raise


def _full_name(username: str) -> str:
    # The name the operating system knows (Linux: the GECOS field), shown in the status bar.
    try:
        import pwd
    except ImportError:  # Windows
        return ""
    try:
        return pwd.getpwnam(username).pw_gecos.split(",")[0].strip()
    except KeyError:
        return ""


def ensure_profile(desk: Desk) -> Profile | None:
    """The service point profile, asked for on first start (None if the person cancels)."""
    profile = desk.profile()
    if profile is not None:
        return profile
    from ui.first_start import FirstStartDialog

    dialog = FirstStartDialog(desk)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.profile


class CtrlC:
    """Ctrl+C in the terminal that started the app closes it, as it ends a command.

    Python runs its signal handlers only between Python calls; while Qt's event loop waits in
    C++, a timer wakes Python now and then so the handler gets its turn.
    """

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.pressed = False
        self.timer = QTimer(app)
        if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
            return  # started in the background: Ctrl+C was never meant for it
        signal.signal(signal.SIGINT, self._quit)
        self.timer.timeout.connect(lambda: None)
        self.timer.start(250)

    def _quit(self, _signal: int, _frame: object) -> None:
        self.pressed = True
        self.app.quit()  # leaves every event loop, a dialog's too; nothing unsaved is written


def handle_uncaught(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """What escapes a slot: a known error is explained; a bug is logged and the person told where."""
    if isinstance(exc, KeyboardInterrupt):
        QApplication.quit()
        return
    if isinstance(exc, KnownError):
        dialogs.known_error(None, exc)
        return
    exc = exc.with_traceback(tb)
    try:
        where = str(record_bug(exc))
    except Exception:  # the log failing must not hide the message
        where = "—"
    # The kind of error only: its message may quote what was on the screen, a person's data.
    dialogs.error(None, _("WelcomeDesk"), _(
        "Something unexpected went wrong. What was saved before is safe. The details were written to {path}; "
        "please pass them to your support.").format(path=where), exc_type.__name__)


def run(target: DatabaseTarget, language: str) -> int:
    """The desktop app's main loop; returns the exit code."""
    sys.excepthook = handle_uncaught
    app = application()
    ctrl_c = CtrlC(app)
    code = _run(app, target, language)
    return EXIT_INTERRUPTED if ctrl_c.pressed else code


def _run(app: QApplication, target: DatabaseTarget, language: str) -> int:
    qt_translations = QtTranslations(app)
    ui_language.set_language(language)
    qt_translations.load(language)
    ui_language.on_language_changed(qt_translations.load)
    try:
        desk = sign_in(target)
    except KnownError as exc:
        dialogs.known_error(None, exc)
        return exc.exit_code
    if desk is None:
        return EXIT_OK
    try:
        profile = ensure_profile(desk)
        if profile is None:
            return EXIT_OK
        from ui.main_window import MainWindow

        hub = Hub()
        window = MainWindow(desk, profile, hub)
        screen = app.primaryScreen().availableGeometry()
        window.resize(min(1440, screen.width()), min(900, screen.height()))
        window.showMaximized()
        code = app.exec()
        back_up_on_exit(desk)
        return code
    finally:
        desk.close()


def back_up_on_exit(desk: Desk) -> None:
    """The program's own copy of the database as it is left (SQLite; the last few are kept)."""
    if desk.closed:
        return  # a backup was put in place: this session's database is not the one there now
    try:
        desk.automatic_backup("exit")
    except KnownError as exc:
        dialogs.known_error(None, exc)
