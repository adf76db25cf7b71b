"""Right-to-left paragraphs wrap in logical order and read right when the PDF's text is extracted."""

from __future__ import annotations

import io
import unicodedata

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import SimpleDocTemplate

from welcomedesk.packet.fonts import register_fonts
from welcomedesk.packet.rtl import RtlParagraph, shaped, wrap_logical

TEXT = ("مرحبا بك في Kajaani يا Maria Santos، موعدك القادم في 15.12.2026 الساعة 10 في مكتب الاستقبال "
        "حيث نساعدك في خطواتك الأولى في فنلندا مع عائلتك")


def _pdf(text: str, width: float) -> bytes:
    regular, _bold = register_fonts()
    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=A4, leftMargin=A4[0] - width - 72, rightMargin=72, invariant=1)
    document.build([RtlParagraph(text, regular, 11)])
    return out.getvalue()


def test_lines_are_wrapped_in_logical_order_and_fit_their_width() -> None:
    regular, _bold = register_fonts()
    lines = wrap_logical(TEXT, regular, 11, 160)
    assert len(lines) > 2
    assert " ".join(lines).split() == TEXT.split()  # nothing lost, nothing moved between lines
    assert all(stringWidth(shaped(line), regular, 11) <= 160 for line in lines if " " in line)
    assert lines[0].startswith("مرحبا")  # the first words are on the first line, as a reader expects


def test_the_extracted_text_holds_every_word_with_latin_names_and_numbers_whole() -> None:
    regular, _bold = register_fonts()
    reader = PdfReader(io.BytesIO(_pdf(TEXT, 160)))
    # Text extraction gives presentation forms, in an order of its own: normalised, every word is there.
    extracted = unicodedata.normalize("NFKC", reader.pages[0].extract_text())
    shown = [line for line in extracted.splitlines() if line.strip()]
    logical = wrap_logical(TEXT, regular, 11, 160)
    assert len(shown) == len(logical)
    for word in TEXT.replace("،", " ").split():
        assert word in extracted or word[::-1] in extracted, word
    first = shown[0]
    assert all(word in first or word[::-1] in first for word in logical[0].split())
    assert "Kajaani" in extracted and "Maria" in extracted and "15.12.2026" in extracted


def test_the_same_text_gives_the_same_bytes() -> None:
    assert _pdf(TEXT, 200) == _pdf(TEXT, 200)
