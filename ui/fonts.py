"""Whether this computer has a font for a script, so no name is drawn as empty boxes."""

from __future__ import annotations

import unicodedata
from functools import cache

from PySide6.QtGui import QFontDatabase

WS = QFontDatabase.WritingSystem
# The first word of a character's Unicode name -> the Qt writing system that draws it.
_SCRIPTS = {
    "ARABIC": WS.Arabic, "CYRILLIC": WS.Cyrillic, "GREEK": WS.Greek, "HEBREW": WS.Hebrew,
    "DEVANAGARI": WS.Devanagari, "BENGALI": WS.Bengali, "GURMUKHI": WS.Gurmukhi, "GUJARATI": WS.Gujarati,
    "ORIYA": WS.Oriya, "TAMIL": WS.Tamil, "TELUGU": WS.Telugu, "KANNADA": WS.Kannada,
    "MALAYALAM": WS.Malayalam, "SINHALA": WS.Sinhala, "THAI": WS.Thai, "LAO": WS.Lao, "TIBETAN": WS.Tibetan,
    "MYANMAR": WS.Myanmar, "GEORGIAN": WS.Georgian, "KHMER": WS.Khmer, "CJK": WS.SimplifiedChinese,
    "HANGUL": WS.Korean, "HIRAGANA": WS.Japanese, "KATAKANA": WS.Japanese, "SYRIAC": WS.Syriac,
    "ARMENIAN": WS.Armenian,
}


@cache
def _available(system: QFontDatabase.WritingSystem) -> bool:
    return bool(QFontDatabase.families(system))


def missing_script(text: str) -> str | None:
    """The name of the first script in ``text`` that no installed font can draw, else None."""
    for char in text:
        if ord(char) < 0x0370:
            continue
        script = unicodedata.name(char, "").split(" ")[0]
        system = _SCRIPTS.get(script)
        if system is not None and not _available(system):
            return script.capitalize()
    return None
