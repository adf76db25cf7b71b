"""The one signal hub: the app's shared events, which pages listen to."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ui import language


class Hub(QObject):
    """Tells every page when the language changes, and the shell when the service point's profile was saved.

    Give it the main window as parent: when the window goes, the hub stops listening
    to the language switch, so no page is retranslated after it was deleted.
    """

    language_changed = Signal(str)
    profile_changed = Signal(object)  # the Profile saved
    sign_in_changed = Signal(object)  # the SignInSettings saved

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        emit = self.language_changed.emit
        language.on_language_changed(emit)
        self.destroyed.connect(lambda: language.remove_listener(emit))
