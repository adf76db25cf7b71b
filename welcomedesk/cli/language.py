"""The command line's language: set once per command from ``--lang``, ``WELCOMEDESK_LANG`` or the default.

The core keeps no current language; the command line keeps its own here, and translates the
core's messages into it where it prints them.
"""

from __future__ import annotations

from welcomedesk.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator, translator

_words: Translator = translator(DEFAULT_LANGUAGE)


def set_language(language: str) -> None:
    """Speak ``language`` from now on."""
    global _words
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    _words = translator(language)


def current_language() -> str:
    """The language messages are printed in."""
    return _words.language


def words() -> Translator:
    """The translator of the command line's language, for the presentation helpers."""
    return _words


def _(message: str) -> str:
    """``message`` (or a core error's message) in the command line's language."""
    return _words(message)
