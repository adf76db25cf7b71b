"""Gettext catalogs (fi, sv, en) for every string of the UI and the command line.

Strings are marked with ``_()`` where they are shown, so a language switch takes
effect at the next call; module-level constants are marked with ``N_()`` and
translated where they are shown. Compiled catalogs ship in ``resources/i18n``.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache

from welcomedesk.resources import resource_path

DOMAIN = "welcomedesk"
LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"

_current: gettext.NullTranslations = gettext.NullTranslations()
_current_language = "en"
_listeners: list[Callable[[str], None]] = []


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    if language == "en":
        # English is the source language: msgids are the English texts.
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=str(resource_path("i18n")), languages=[language])


def set_language(language: str) -> None:
    """Switch every later ``_()`` to ``language`` and tell the listeners."""
    global _current, _current_language
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    _current = _catalog(language)
    _current_language = language
    for listener in list(_listeners):
        listener(language)


def current_language() -> str:
    """The language ``_()`` translates into now."""
    return _current_language


def on_language_changed(listener: Callable[[str], None]) -> None:
    """Call ``listener(language)`` after every switch (the UI retranslates itself)."""
    _listeners.append(listener)


def remove_listener(listener: Callable[[str], None]) -> None:
    """Stop telling ``listener`` about switches."""
    if listener in _listeners:
        _listeners.remove(listener)


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count."""
    return _current.ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark ``message`` for extraction without translating it now."""
    return message
