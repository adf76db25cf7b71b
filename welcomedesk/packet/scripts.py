"""Which bundled font draws which character of a text, and the characters none of them can draw.

A text is cut into runs, each in the first face (DejaVu Sans, then Noto Sans Devanagari, Malayalam and Thai,
then Droid Sans Fallback) that has its letters. Spaces, digits and punctuation go with the letters around
them when that face has them, so a word stays in one font where one font has all of it ("(प्रिया)," is
shaped as one piece, its brackets in the same design as its letters).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from xml.sax.saxutils import escape

from welcomedesk.errors import ValidationError
from welcomedesk.i18n import _
from welcomedesk.packet.fonts import Face, faces

# Joiners choose how Devanagari and Malayalam letters join, and variation selectors pick a form of the letter
# before them: they belong to their letter's run, and where its font has no glyph for them the shaper draws
# nothing (they are never drawn on their own).
_JOINERS = frozenset({"\u200c", "\u200d", *map(chr, range(0xFE00, 0xFE10)), *map(chr, range(0xE0100, 0xE01F0))})
# Line breaks and tabs are the caller's to lay out (a carriage return comes with a line break from Windows).
_LAYOUT = frozenset("\t\n\r")
_UNNAMED = {"Cc": "<control>", "Co": "<private use>", "Cs": "<surrogate>", "Cn": "<unassigned>"}

_Cluster = tuple[str, bool]  # a character with the marks that follow it; whether it is a letter (or a lone mark)


class GlyphError(ValidationError):
    """A text holds characters no bundled font has; ``characters`` names them ("U+1F642 SLIGHTLY SMILING
    FACE")."""

    def __init__(self, characters: Iterable[str], field: str | None = None) -> None:
        self.characters: tuple[str, ...] = tuple(characters)
        super().__init__(_("The paper cannot print {characters}: no bundled font has them.").format(
            characters=", ".join(self.characters)), field=field)


def runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """``text`` cut into its longest runs that one font draws, each with that font's registered name.

    A character no font has stays in the run it falls in (``check_drawable`` refuses such text first).
    """
    table = faces()
    clusters = _clusters(text)
    # The face of each cluster that leads with a letter, which is what its neighbours lean on.
    strong: list[Face | None] = [_first(table, chars, bold) if letter else None for chars, letter in clusters]
    following: list[Face | None] = [None] * len(clusters)  # the next letter's face
    in_word: list[Face | None] = [None] * len(clusters)  # the same, when no space comes between
    ahead: Face | None = None
    ahead_in_word: Face | None = None
    for index in range(len(clusters) - 1, -1, -1):
        following[index], in_word[index] = ahead, ahead_in_word
        chars, letter = clusters[index]
        if letter and strong[index] is not None:
            ahead = ahead_in_word = strong[index]
        elif not letter and chars[0].isspace():
            ahead_in_word = None

    pieces: list[tuple[str, Face]] = []
    current: Face | None = None
    word_has_letter = False
    for index, (chars, letter) in enumerate(clusters):
        if letter:
            face = strong[index] or current or following[index] or table[0]
            word_has_letter = True
        else:
            face = _neutral(table, chars, bold, current, following[index],
                            None if word_has_letter else in_word[index])
            if chars[0].isspace():
                word_has_letter = False
        if pieces and pieces[-1][1] is face:
            pieces[-1] = (pieces[-1][0] + chars, face)
        else:
            pieces.append((chars, face))
        current = face
    return [(chunk, face.font(bold)) for chunk, face in pieces]


def missing(text: str) -> list[str]:
    """The characters of ``text`` no bundled font draws (in regular and bold alike), as "U+XXXX NAME", each
    once, in the order they come. Tabs and line breaks are the caller's and never missing."""
    table = faces()
    found: list[str] = []
    for char in dict.fromkeys(text):
        if char in _LAYOUT or char in _JOINERS:
            continue
        if not any(face.has(char) and face.has(char, bold=True) for face in table):
            name = unicodedata.name(char, "") or _UNNAMED.get(unicodedata.category(char), "<unnamed>")
            found.append(f"U+{ord(char):04X} {name}")
    return found


def check_drawable(texts: Iterable[str], field: str) -> None:
    """Refuse (``GlyphError`` on ``field``) texts holding a character no bundled font draws."""
    found = list(dict.fromkeys(name for text in texts for name in missing(text)))
    if found:
        raise GlyphError(found, field=field)


def markup(text: str, bold: bool = False) -> str:
    """``text`` as markup for a ReportLab ``Paragraph`` in DejaVu Sans (bold: its bold): XML-escaped, each run
    DejaVu Sans lacks in a ``<font name="...">`` of its own.

    Devanagari, Malayalam and Thai come out right only in a paragraph whose style says ``shaping=1``.
    """
    dejavu = faces()[0].font(bold)
    parts: list[str] = []
    for chunk, font in runs(text, bold):
        escaped = escape(chunk, {'"': "&quot;"})
        parts.append(escaped if font == dejavu else f'<font name="{font}">{escaped}</font>')
    return "".join(parts)


def _clusters(text: str) -> list[_Cluster]:
    """Each character with the combining marks and joiners that follow it."""
    clusters: list[_Cluster] = []
    for char in text:
        if clusters and (char in _JOINERS or unicodedata.category(char) in ("Mn", "Mc", "Me")):
            chars, letter = clusters[-1]
            clusters[-1] = (chars + char, letter)
        else:
            # A mark with nothing before it counts as a letter: it needs a face of its own.
            clusters.append((char, unicodedata.category(char)[0] in "LM"))
    return clusters


def _covers(face: Face, chars: str, bold: bool) -> bool:
    return all(face.has(char, bold) for char in chars if char not in _JOINERS)


def _first(table: tuple[Face, ...], chars: str, bold: bool) -> Face | None:
    """The first face that has every character of a cluster; else the first that has its first character."""
    for face in table:
        if _covers(face, chars, bold):
            return face
    return next((face for face in table if _covers(face, chars[0], bold)), None)


def _neutral(table: tuple[Face, ...], chars: str, bold: bool, current: Face | None, following: Face | None,
             word: Face | None) -> Face:
    """The face of a space, digit or punctuation mark: the letters of its own word when they follow it (an
    opening bracket), else the run it is in, else the next letter's run, else the first face that has it."""
    for face in (word, current, following):
        if face is not None and _covers(face, chars, bold):
            return face
    return _first(table, chars, bold) or current or following or table[0]
