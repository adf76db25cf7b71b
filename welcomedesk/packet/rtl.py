"""Right-to-left paragraphs (Arabic; Persian when added), as ReportLab from PyPI cannot wrap them itself.

The text is wrapped in its logical order, word by word, measured in the shapes it is drawn with; then each
line on its own is shaped (arabic-reshaper) and put in display order (python-bidi) and drawn from the
right margin. Latin names and numbers inside keep their own direction. Reordering the whole paragraph
before wrapping would put its last words on its first line.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable


@cache
def _reshaper() -> Any:
    import arabic_reshaper

    return arabic_reshaper.ArabicReshaper()


def shaped(text: str) -> str:
    """``text`` with its Arabic letters in the forms they take beside their neighbours (logical order)."""
    return str(_reshaper().reshape(text))


def for_display(line: str) -> str:
    """One line, shaped and in the order it is drawn from left to right."""
    from bidi import get_display

    return str(get_display(shaped(line), base_dir="R"))


def wrap_logical(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (a word wider than that gets a line of its own)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current: list[str] = []
        for word in paragraph.split():
            trial = " ".join([*current, word])
            if current and stringWidth(shaped(trial), font, size) > width:
                lines.append(" ".join(current))
                current = [word]
            else:
                current.append(word)
        lines.append(" ".join(current))
    return lines


class RtlParagraph(Flowable):  # type: ignore[misc]  # ReportLab ships no types
    """A paragraph of right-to-left text, wrapped in logical order and drawn line by line from the right."""

    def __init__(self, text: str, font: str, size: float, leading: float | None = None) -> None:
        super().__init__()
        self.text, self.font, self.size = text, font, size
        self.leading = leading or size * 1.35
        self.lines: list[str] = []
        self.width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.lines = wrap_logical(self.text, self.font, self.size, available_width)
        return available_width, self.leading * len(self.lines)

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.font, self.size)
        top = self.leading * len(self.lines)
        for number, line in enumerate(self.lines):
            baseline = top - self.leading * (number + 1) + (self.leading - self.size) / 2
            canvas.drawRightString(self.width, baseline, for_display(line))
