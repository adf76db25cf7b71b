"""The fonts the papers are drawn with, bundled and registered with ReportLab once."""

from __future__ import annotations

from functools import cache

from welcomedesk.resources import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


@cache
def register_fonts() -> tuple[str, str]:
    """Register the bundled DejaVu Sans (it draws Latin, Cyrillic, Greek, Arabic and Vietnamese); returns
    the regular and bold names."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in (REGULAR, BOLD):
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", f"{name}.ttf"))))
    return REGULAR, BOLD
