"""The PySide6 desktop app. Calls welcomedesk.services, never the ORM."""

from ui.none_guard import keep_none_alive

keep_none_alive()  # before any Qt call: see none_guard
