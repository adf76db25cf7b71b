"""WelcomeDesk: the desk tool of a municipal welcome service point (Qt-free core)."""

__version__ = "0.1.0"
