"""The packet's fixed texts in one language, read from its content file; a text missing there is English.

A language is added by adding ``resources/content/packet/<code>.json``: no code changes. The packet's
language is an argument, never the program's current language.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from welcomedesk.errors import ValidationError
from welcomedesk.i18n import _
from welcomedesk.resources import resource_path

FORMAT = "welcomedesk-packet-texts"
FORMAT_VERSION = 1
FALLBACK = "en"
_CODE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{1,8})*")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class PacketTexts:
    """One language's texts for the papers, with the keys that fell back to English."""

    language: str
    language_name: str
    direction: str  # "ltr" or "rtl"
    texts: Mapping[str, str]
    fell_back: frozenset[str] = field(default_factory=frozenset)
    # The Babel locale its dates are written in ("en_GB": day before month, as in Finland).
    locale: str = "en_GB"

    @property
    def right_to_left(self) -> bool:
        return self.direction == "rtl"

    def text(self, key: str, **values: object) -> str:
        """The text ``key`` with its placeholders filled (an unknown key is a bug of the caller)."""
        template = self.texts[key]
        return template.format(**values) if values else template


def _folder() -> Path:
    return resource_path("content", "packet")


def packet_languages() -> tuple[str, ...]:
    """The languages a packet can be printed in: one content file each, in code order."""
    folder = _folder()
    return tuple(sorted(p.stem for p in folder.glob("*.json") if _CODE.fullmatch(p.stem))) if folder.is_dir() else ()


def _read(language: str) -> dict[str, Any]:
    path = _folder() / f"{language}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationError(_("There are no packet texts in the language {language}.").format(
            language=language), field="language") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
        raise ValidationError(_("The packet texts for {language} are not in a format this program reads.").format(
            language=language), field="language")
    return data


@cache
def packet_texts(language: str) -> PacketTexts:
    """The texts of ``language``; any text its file lacks (or gives wrongly) is taken from English."""
    if not _CODE.fullmatch(language):
        raise ValidationError(_("There are no packet texts in the language {language}.").format(
            language=language[:20]), field="language")
    english_file = _read(FALLBACK)
    english: dict[str, str] = english_file["texts"]
    data = english_file if language == FALLBACK else _read(language)
    own = data.get("texts") if isinstance(data.get("texts"), dict) else {}
    texts: dict[str, str] = {}
    fell_back: set[str] = set()
    for key, template in english.items():
        mine = own.get(key) if isinstance(own, dict) else None
        # A text whose placeholders differ from the English would fail or lose a value when filled.
        if isinstance(mine, str) and mine.strip() and set(_PLACEHOLDER.findall(mine)) == set(
                _PLACEHOLDER.findall(template)):
            texts[key] = mine
        else:
            texts[key] = template
            fell_back.add(key)
    direction = data.get("direction") if data.get("direction") in ("ltr", "rtl") else "ltr"
    name = data.get("language_name") if isinstance(data.get("language_name"), str) else language
    return PacketTexts(language, str(name), str(direction), texts, frozenset(fell_back), _locale(data, language))


def _locale(data: Mapping[str, Any], language: str) -> str:
    """The file's Babel locale, or its language's own when the file names none Babel knows."""
    from babel import Locale, UnknownLocaleError

    for candidate in (data.get("locale"), language.split("-")[0]):
        if isinstance(candidate, str):
            try:
                Locale.parse(candidate)
            except (ValueError, UnknownLocaleError):
                continue
            return candidate
    return "en_GB"
