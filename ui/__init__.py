"""The PySide6 desktop app. Calls welcomedesk.services, never the ORM."""
