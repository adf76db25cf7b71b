"""Countries and languages by name: what a person types ("Filippiinit", "tagalog") as its code.

Names come from Babel's CLDR data in the program's languages, so a desk can type a country or a
language in Finnish, Swedish or English and the database keeps the ISO code.
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale

from welcomedesk.folding import fold

NAME_LANGUAGES = ("fi", "sv", "en")
_COUNTRY = re.compile(r"[A-Za-z]{2}")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}")


@cache
def _countries() -> dict[str, str]:
    names: dict[str, str] = {}
    for language in NAME_LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if _COUNTRY.fullmatch(code) and code != "ZZ":
                names.setdefault(fold(name), code)
    return names


@cache
def _languages() -> dict[str, str]:
    names: dict[str, str] = {}
    for language in NAME_LANGUAGES:
        for code, name in Locale.parse(language).languages.items():
            if _LANGUAGE.fullmatch(code):
                names.setdefault(fold(name), code)
    return names


def country_code(text: str) -> str | None:
    """The ISO 3166-1 code of a country given by its code or its name in fi, sv or en; None if unknown."""
    typed = text.strip()
    if _COUNTRY.fullmatch(typed) and typed.upper() in _countries().values():
        return typed.upper()
    return _countries().get(fold(typed))


def language_code(text: str) -> str | None:
    """The ISO 639 code of a language given by its code or its name in fi, sv or en; None if unknown."""
    typed = text.strip()
    if _LANGUAGE.fullmatch(typed) and typed.lower() in _languages().values():
        return typed.lower()
    return _languages().get(fold(typed))
