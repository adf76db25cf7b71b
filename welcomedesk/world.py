"""Countries and languages by name: what a person types ("Filippiinit", "tagalog") as its code;
and the world region a country is in.

Names come from Babel's CLDR data in the program's languages, so a desk can type a country or a
language in Finnish, Swedish or English and the database keeps the ISO code. Babel does not carry
CLDR's territory containment, so the regions (UN M.49 subregions, "035" South-eastern Asia) come from
CLDR's own data bundled as resources/content/world_regions.json (scripts/world_regions.py writes it).
"""

from __future__ import annotations

import json
import re
from functools import cache

from babel import Locale

from welcomedesk.folding import fold
from welcomedesk.resources import resource_path

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


@cache
def _regions() -> dict[str, str]:
    data = json.loads(resource_path("content", "world_regions.json").read_text(encoding="utf-8"))
    return {country: region for region, countries in data["regions"].items() for country in countries}


def world_region(country: str) -> str | None:
    """The UN M.49 subregion (CLDR's containment) of an ISO 3166-1 country code, such as "035" for VN."""
    return _regions().get(country.strip().upper())
