"""The fonts the papers are drawn with, bundled and registered with ReportLab once.

DejaVu Sans draws Latin, Cyrillic, Greek, Arabic and Vietnamese; Noto Sans Devanagari, Malayalam and Thai
draw those scripts (shaped through uharfbuzz); Droid Sans Fallback draws Han. Each is registered under its
file's name, and what it can draw is read from its character map when it is registered.

ReportLab 5.1 shapes a word that changes font midway ("李明," with its comma in DejaVu Sans) through the
font of its first part and then looks every glyph up in the font of its own part: the rest came out as
boxes, or making the PDF failed. When the fonts are registered, the paragraph's shaping step is made to
shape each part in its own font and join the parts again.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from welcomedesk.resources import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

# In the order a character is offered to them: the first face that has a letter draws it.
_FILES: tuple[tuple[str, str, str], ...] = (
    ("DejaVu Sans", REGULAR, BOLD),
    ("Noto Sans Devanagari", "NotoSansDevanagari-Regular", "NotoSansDevanagari-Bold"),
    ("Noto Sans Malayalam", "NotoSansMalayalam-Regular", "NotoSansMalayalam-Bold"),
    ("Noto Sans Thai", "NotoSansThai-Regular", "NotoSansThai-Bold"),
    # There is no bold Droid Sans Fallback: Han in bold text is drawn regular.
    ("Droid Sans Fallback", "DroidSansFallbackFull", "DroidSansFallbackFull"),
)

# Character maps list controls (NULL, CR), private-use glyphs and non-characters too; none of them is
# something a person wrote that a font can be said to draw.
_NEVER_DRAWN = frozenset({"Cc", "Cs", "Co", "Cn"})


@dataclass(frozen=True)
class Face:
    """One bundled family: the names its regular and bold are registered under and the characters each has."""

    family: str
    regular: str
    bold: str
    regular_chars: frozenset[int]
    bold_chars: frozenset[int]

    def font(self, bold: bool = False) -> str:
        """The registered name of the regular or the bold."""
        return self.bold if bold else self.regular

    def has(self, char: str, bold: bool = False) -> bool:
        """Whether the regular (or the bold) has a glyph for ``char``."""
        return ord(char) in (self.bold_chars if bold else self.regular_chars)


@cache
def faces() -> tuple[Face, ...]:
    """The bundled families in the order they are tried, registered with ReportLab on first use."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    def register(name: str) -> frozenset[int]:
        font = TTFont(name, str(resource_path("fonts", f"{name}.ttf")))
        pdfmetrics.registerFont(font)
        # Read now, before anything is shaped: shaping adds private-use entries to this map for the
        # ligatures and conjuncts it makes.
        return frozenset(code for code in font.face.charToGlyph
                         if unicodedata.category(chr(code)) not in _NEVER_DRAWN)

    made: list[Face] = []
    for family, regular, bold in _FILES:
        regular_chars = register(regular)
        bold_chars = register(bold) if bold != regular else regular_chars
        # So that <b> inside a paragraph's markup picks the bold of whichever face a run is in.
        pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=regular, boldItalic=bold)
        made.append(Face(family, regular, bold, regular_chars, bold_chars))
    _shape_each_font()
    return tuple(made)


def _shape_each_font() -> None:
    """Have ReportLab's paragraphs shape each part of a word in the font that part is in."""
    from reportlab.pdfbase import ttfonts
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import paragraph

    shape = ttfonts.shapeFragWord
    if paragraph.shapeFragWord is not shape:  # done already, or ReportLab no longer works this way
        return

    def shape_each_font(word: Any, *args: Any, **kwargs: Any) -> Any:
        # A word is [width, (fragment, text), ...]; a fragment carries its fontName and fontSize.
        parts = word[1:]
        if (isinstance(word, ttfonts.ShapedFragWord) or any(hasattr(frag, "cbDefn") for frag, _text in parts)
                or len({frag.fontName for frag, _text in parts}) < 2):
            return shape(word, *args, **kwargs)
        groups: list[list[Any]] = []
        for frag, text in parts:
            if groups and groups[-1][-1][0].fontName == frag.fontName:
                groups[-1].append((frag, text))
            else:
                groups.append([(frag, text)])
        width = 0.0
        shaped: list[Any] = []
        for group in groups:
            alone = shape([sum(stringWidth(text, frag.fontName, frag.fontSize) for frag, text in group), *group],
                          *args, **kwargs)
            width += alone[0]
            shaped.extend(alone[1:])
        return ttfonts.makeShapedFragWord(word)([width, *shaped])

    paragraph.shapeFragWord = shape_each_font


def register_fonts() -> tuple[str, str]:
    """Register every bundled font (once); returns DejaVu Sans's regular and bold names, the papers' text
    fonts."""
    faces()
    return REGULAR, BOLD
