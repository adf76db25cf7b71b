"""Translations: a translator per language, passed to whatever shows text; no language is current here.

A ``Translator`` holds one language's gettext catalog and its Babel locale; ``translator("fi")``
gives it. The core never asks which language is on screen: a welcome packet is printed in the
newcomer's language (two at once, or one the UI does not speak) while the UI speaks another.
The UI and the command line each keep their current language themselves.

Messages made in the core — a refusal's reason, a storage error — are marked with ``_()``,
which returns a ``Message``: the English text (so it reads as a plain string anywhere) that
remembers its msgid and values, and is translated where it is shown with
``translator(message)``. Module-level constants are marked with ``N_()``.
Compiled catalogs ship in ``resources/i18n``.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

from welcomedesk.resources import resource_path

if TYPE_CHECKING:
    from babel import Locale

DOMAIN = "welcomedesk"
# The languages of the program itself, complete in every catalog; papers may be printed in more.
LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"


class Translator:
    """The words of one language: its gettext catalog (English where it has none) and its locale."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._catalog = _catalog(language)

    def __call__(self, message: str) -> str:
        """``message`` in this language; a ``Message`` with its values filled in."""
        if isinstance(message, Message):
            return message.render(self)
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form of a message with a count that fits ``n``."""
        return self._catalog.ngettext(singular, plural, n)

    @cached_property
    def locale(self) -> Locale:
        """Babel's locale: names of countries and languages, number and date conventions."""
        from babel import Locale

        return Locale.parse(self.language)

    def __repr__(self) -> str:
        return f"Translator({self.language!r})"


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    # English is the source language: msgids are the English texts.
    return gettext.translation(DOMAIN, localedir=str(resource_path("i18n")), languages=[language], fallback=True)


@cache
def translator(language: str) -> Translator:
    """The translator of ``language`` (any language code; one with no catalog speaks English)."""
    return Translator(language)


class CurrentLanguage:
    """A language that can change, with the listeners to tell: the UI and the command line each keep
    one of their own (the core keeps none)."""

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        self.words = translator(language)
        self._listeners: list[Callable[[str], None]] = []

    @property
    def language(self) -> str:
        return self.words.language

    def set(self, language: str) -> None:
        """Speak ``language`` (one of LANGUAGES) from now on, and tell the listeners."""
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        self.words = translator(language)
        for listener in list(self._listeners):
            listener(language)

    def listen(self, listener: Callable[[str], None]) -> None:
        """Call ``listener(language)`` after every switch."""
        self._listeners.append(listener)

    def forget(self, listener: Callable[[str], None]) -> None:
        """Stop telling ``listener`` about switches."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def translate(self, message: str) -> str:
        """``message`` (or a core message) in the language spoken now."""
        return self.words(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form of a message with a count that fits ``n``, in the language spoken now."""
        return self.words.ngettext(singular, plural, n)

    def translator(self) -> Translator:
        """The translator of the language spoken now, for the presentation helpers."""
        return self.words

    def current(self) -> str:
        """The language spoken now."""
        return self.words.language


class Message(str):
    """A text to be translated where it is shown.

    As a string it is the English text with its values filled in, so logs and tests read it
    as they always did; ``render`` gives it in another language, values that are
    messages themselves (a field's label) included.
    """

    msgid: str
    values: dict[str, Any]

    def __new__(cls, msgid: str, values: dict[str, Any] | None = None) -> Message:
        values = dict(values or {})
        text = msgid.format(**{k: str(v) for k, v in values.items()}) if values else msgid
        made = super().__new__(cls, text)
        made.msgid = msgid
        made.values = values
        return made

    def format(self, *args: object, **values: Any) -> Message:
        """This message with ``values`` filled in (still to be translated)."""
        if args:
            raise TypeError("messages take their values by name")
        return Message(self.msgid, {**self.values, **values})

    def render(self, words: Translator) -> str:
        """This message in the language of ``words``."""
        text = words._catalog.gettext(self.msgid)
        if not self.values:
            return text
        return text.format(**{k: v.render(words) if isinstance(v, Message) else v for k, v in self.values.items()})


def _(message: str) -> Message:
    """Mark ``message`` for translation where it will be shown."""
    return Message(message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark ``message`` for extraction without translating it now."""
    return message
