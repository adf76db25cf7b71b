"""The desktop app's current language: kept by the UI itself, as the core keeps none.

Pages translate with ``_()`` from here, and hear about a switch through the hub.
"""

from __future__ import annotations

from collections.abc import Callable

from welcomedesk.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator, translator

_words: Translator = translator(DEFAULT_LANGUAGE)
_listeners: list[Callable[[str], None]] = []


def set_language(language: str) -> None:
    """Switch the app to ``language`` and tell the listeners."""
    global _words
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    _words = translator(language)
    for listener in list(_listeners):
        listener(language)


def current_language() -> str:
    """The language the app speaks now."""
    return _words.language


def words() -> Translator:
    """The translator of the app's language, for the presentation helpers."""
    return _words


def _(message: str) -> str:
    """``message`` (or a core error's message) in the app's language."""
    return _words(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message with a count that fits ``n``, in the app's language."""
    return _words.ngettext(singular, plural, n)


def on_language_changed(listener: Callable[[str], None]) -> None:
    """Call ``listener(language)`` after every switch."""
    _listeners.append(listener)


def remove_listener(listener: Callable[[str], None]) -> None:
    """Stop telling ``listener`` about switches."""
    if listener in _listeners:
        _listeners.remove(listener)
