"""The region summary as a PDF report for a board or a funder: the municipality, the period, the threshold and
what the marks mean, four charts, and every table with its totals.

    report_pdf(summary, labels, "fi") -> bytes

The words come in ``labels`` (built by the caller in the report's language); ReportLab is imported when a
report is made. The same summary and labels give the same bytes.
"""

from __future__ import annotations

import io

from welcomedesk.exports.report_labels import RegionLabels
from welcomedesk.exports.summary import Summary

__all__ = ["RegionLabels", "report_pdf"]


def report_pdf(summary: Summary, labels: RegionLabels, language: str) -> bytes:
    """The report as PDF bytes; ``language`` is the language its words are in (the document says so)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import SimpleDocTemplate

    from welcomedesk.exports import pdf_layout
    from welcomedesk.packet.canvas import numbered
    from welcomedesk.packet.fonts import register_fonts

    register_fonts()
    out = io.BytesIO()
    names = pdf_layout.names(summary)
    title = labels.text("title")
    document = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=pdf_layout.MARGIN, rightMargin=pdf_layout.MARGIN, topMargin=pdf_layout.TOP,
        bottomMargin=pdf_layout.BOTTOM, title=f"{title} — {names}" if names else title, author=names or "WelcomeDesk",
        subject=pdf_layout.period(summary, labels), creator="WelcomeDesk", lang=language, invariant=1)

    def footer(canvas: Canvas, page: int, pages: int) -> None:
        pdf_layout.footer(canvas, page, pages, summary, labels)

    document.build(list(pdf_layout.story(summary, labels)), canvasmaker=numbered(footer))
    return out.getvalue()
