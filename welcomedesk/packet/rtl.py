"""Right-to-left paragraphs (Arabic; Persian when added), as ReportLab from PyPI cannot wrap them itself.

The text is wrapped in its logical order, word by word, measured in the shapes it is drawn with; then each
line on its own is shaped (arabic-reshaper) and put in display order (python-bidi) and drawn from the
right margin. Latin names and numbers inside keep their own direction. Reordering the whole paragraph
before wrapping would put its last words on its first line.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable


@cache
def _reshaper() -> Any:
    import arabic_reshaper

    return arabic_reshaper.ArabicReshaper()


@lru_cache(maxsize=50_000)
def shaped(text: str) -> str:
    """``text`` with its Arabic letters in the forms they take beside their neighbours (logical order).

    Kept: the reshaper reads its settings for every letter, and the same words recur in every packet.
    """
    return str(_reshaper().reshape(text))


def for_display(line: str, base: str = "R") -> str:
    """One line, shaped and in the order it is drawn from left to right; ``base`` "L" for a left-to-right
    line with right-to-left words inside (a Latin name with its Arabic spelling)."""
    from bidi import get_display

    return str(get_display(shaped(line), base_dir=base))


def has_right_to_left(text: str) -> bool:
    """Whether any letter of ``text`` is written right to left (Arabic, Hebrew)."""
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def starts_right_to_left(text: str) -> bool:
    """Whether the text's first strong letter is right-to-left: its base direction."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def wrap_logical(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (a word wider than that gets a line of its own).

    Letters join only inside a word, so a line is as wide as its shaped words and the spaces between:
    each word is shaped and measured once.
    """
    space = stringWidth(" ", font, size)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current: list[str] = []
        used = 0.0
        for word in paragraph.split():
            wide = stringWidth(shaped(word), font, size)
            if current and used + space + wide > width:
                lines.append(" ".join(current))
                current, used = [word], wide
            else:
                used += (space if current else 0.0) + wide
                current.append(word)
        lines.append(" ".join(current))
    return lines


class RtlParagraph(Flowable):  # type: ignore[misc]  # ReportLab ships no types
    """A paragraph of right-to-left text, wrapped in logical order and drawn line by line from the right."""

    def __init__(self, text: str, font: str, size: float, leading: float | None = None,
                 colour: str = "#000000", right: bool = True, base: str = "R") -> None:
        super().__init__()
        self.text, self.font, self.size, self.colour = text, font, size, colour
        # In a left-to-right paper a right-to-left name starts at the left margin like the text around it.
        self.right = right
        # The paragraph's own direction: "L" for left-to-right text with right-to-left words inside.
        self.base = base
        self.leading = leading or size * 1.3
        self.lines: list[str] = []
        self.width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.lines = wrap_logical(self.text, self.font, self.size, available_width)
        return available_width, self.leading * len(self.lines)

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.font, self.size)
        canvas.setFillColor(self.colour)
        top = self.leading * len(self.lines)
        for number, line in enumerate(self.lines):
            baseline = top - self.leading * (number + 1) + (self.leading - self.size) / 2
            if self.right:
                canvas.drawRightString(self.width, baseline, for_display(line, self.base))
            else:
                canvas.drawString(0, baseline, for_display(line, self.base))
