"""The command line's language: set once per command from ``--lang``, ``WELCOMEDESK_LANG`` or the default.

The core keeps no current language; the command line keeps its own here, and translates the
core's messages into it where it prints them.
"""

from __future__ import annotations

from welcomedesk.i18n import CurrentLanguage, Translator

_current = CurrentLanguage()
set_language = _current.set


def current_language() -> str:
    """The language messages are printed in."""
    return _current.language


def words() -> Translator:
    """The translator of the command line's language, for the presentation helpers."""
    return _current.words


def _(message: str) -> str:
    """``message`` (or a core error's message) in the command line's language."""
    return _current.words(message)
