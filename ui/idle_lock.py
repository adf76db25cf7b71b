"""The idle lock: after some minutes without a key or a click, every window of the app is covered.

The next client at the desk must not see the last one's data: each open window — the main window and any
dialog over it — gets an opaque cover, and its title (which may name a person) reads only "WelcomeDesk"
until the worker returns: a click on "Continue" in computer-account mode, their password in password mode.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.language import _

# What counts as the worker being there: their own input, not a timer's repaint.
_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                    QEvent.Type.Wheel, QEvent.Type.TouchBegin})
_KEYS = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride,
                   QEvent.Type.Shortcut})
TITLE = "WelcomeDesk"

# Checks a password typed to unlock; None: computer-account mode, a click is enough.
Unlocker = Callable[[str], bool]


def _is_window(widget: QObject) -> bool:
    """A main window or dialog (not a tooltip, a menu or a list's popup)."""
    return (isinstance(widget, QWidget) and widget.isWindow() and not isinstance(widget, Cover)
            and widget.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog))


def _inside_cover(watched: QObject) -> bool:
    node: QObject | None = watched
    while node is not None:
        if isinstance(node, Cover):
            return True
        node = node.parent()
    return False


class Cover(QFrame):
    """The opaque cover over one window while the app is locked."""

    unlock_requested = Signal(str)

    def __init__(self, window: QWidget, with_password: bool) -> None:
        super().__init__(window)
        self.setObjectName("idleCover")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.heading = QLabel(objectName="pageTitle")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation = QLabel(objectName="muted")
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation.setWordWrap(True)
        self.password = QLineEdit(objectName="unlockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setVisible(with_password)
        self.password.setMaximumWidth(320)
        self.message = QLabel(objectName="errorText")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.button = QPushButton(objectName="unlockButton")
        self.button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        # The texts run the cover's width (centred); the field and the button keep their own.
        for widget in (self.heading, self.explanation, self.password, self.message, self.button):
            if isinstance(widget, QLabel):
                layout.addWidget(widget)
            else:
                layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.button.clicked.connect(self._unlock)
        self.password.returnPressed.connect(self._unlock)
        self.heading.setText(_("WelcomeDesk is locked"))
        self.explanation.setText(_("Enter your password to continue.") if with_password else
                                 _("The data was hidden after a while without use."))
        self.password.setAccessibleName(_("Password"))
        self.button.setText(_("Unlock") if with_password else _("Continue"))
        self.cover_window()

    def cover_window(self) -> None:
        """Fill the window (again, after it was resized) and lie on top of everything in it."""
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()

    def _unlock(self) -> None:
        self.unlock_requested.emit(self.password.text())


class IdleLock(QObject):
    """Watches the app's input; after ``minutes`` without any, covers every window until the worker returns."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, minutes: int, unlocker: Unlocker | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.unlocker = unlocker
        self.covers: dict[QWidget, Cover] = {}
        self._titles: dict[QWidget, str] = {}
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        """Lock after ``minutes`` without input from now on."""
        self.timer.setInterval(max(1, minutes) * 60_000)
        if not self.is_locked:
            self.timer.start()

    @property
    def is_locked(self) -> bool:
        return bool(self.covers)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not self.is_locked:
            if kind in _INPUT:
                self.timer.start()
            return False
        if kind in _KEYS and not _inside_cover(watched):
            return True  # no shortcut or key reaches a covered window (Ctrl+K, Esc on a dialog…)
        if kind == QEvent.Type.Resize and isinstance(watched, QWidget) and watched in self.covers:
            self.covers[watched].cover_window()
        elif kind == QEvent.Type.Show and _is_window(watched) and watched not in self.covers:
            assert isinstance(watched, QWidget)
            self._cover(watched)  # a window that opens while locked is covered too
        return False

    def lock(self) -> None:
        """Cover every visible window now (the timer's end, or the worker's own choice)."""
        if self.is_locked:
            return
        self.timer.stop()
        for window in QApplication.topLevelWidgets():
            if window.isVisible() and _is_window(window):
                self._cover(window)
        if self.is_locked:
            self.locked.emit()

    def _cover(self, window: QWidget) -> None:
        cover = Cover(window, self.unlocker is not None)
        cover.unlock_requested.connect(lambda password, c=cover: self._try(c, password))
        self.covers[window] = cover
        self._titles[window] = window.windowTitle()
        window.setWindowTitle(TITLE)
        cover.show()
        if QApplication.activeModalWidget() in (None, window):
            cover.password.setFocus() if self.unlocker is not None else cover.button.setFocus()

    def _try(self, cover: Cover, password: str) -> None:
        if self.unlocker is not None and not self.unlocker(password):
            cover.password.clear()
            cover.message.setText(_("The password is not right, or the account is locked for a while."))
            return
        self.unlock()

    def unlock(self) -> None:
        """Take every cover away and give each window its title back."""
        if not self.is_locked:
            return
        for window, cover in list(self.covers.items()):
            cover.hide()
            cover.deleteLater()
            window.setWindowTitle(self._titles.get(window, window.windowTitle()))
        self.covers.clear()
        self._titles.clear()
        self.timer.start()
        self.unlocked.emit()
