"""The desktop app's current language: kept by the UI itself, as the core keeps none.

Pages translate with ``_()`` from here, and hear about a switch through the hub.
"""

from __future__ import annotations

from welcomedesk.i18n import CurrentLanguage, Translator

_current = CurrentLanguage()
set_language = _current.set
on_language_changed = _current.listen
remove_listener = _current.forget


def current_language() -> str:
    """The language the app speaks now."""
    return _current.language


def words() -> Translator:
    """The translator of the app's language, for the presentation helpers."""
    return _current.words


def _(message: str) -> str:
    """``message`` (or a core error's message) in the app's language."""
    return _current.words(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message with a count that fits ``n``, in the app's language."""
    return _current.words.ngettext(singular, plural, n)
