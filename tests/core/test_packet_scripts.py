"""Each run of a text goes to a bundled font that has its glyphs; what no font has is named, never drawn."""

from __future__ import annotations

import io
import itertools
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from welcomedesk.errors import ValidationError
from welcomedesk.i18n import translator
from welcomedesk.packet.fonts import faces, register_fonts
from welcomedesk.packet.scripts import GlyphError, check_drawable, markup, missing, runs
from welcomedesk.resources import resource_path

DEJAVU, DEJAVU_BOLD = "DejaVuSans", "DejaVuSans-Bold"
DEVANAGARI, DEVANAGARI_BOLD = "NotoSansDevanagari-Regular", "NotoSansDevanagari-Bold"
MALAYALAM, THAI, HAN = "NotoSansMalayalam-Regular", "NotoSansThai-Regular", "DroidSansFallbackFull"

NAMES = ["Maria Nguyễn Văn Anh", "Priya प्रिया शर्मा", "Lakshmi ലക്ഷ്മി", "Somchai สมชาย ใจดี", "Li Ming 李 明 — 2026",
         "Иван Петров", "Ελένη Παπαδοπούλου", "محمد علي", "Smith & <Jones> \"Jr\""]
# Letters of every bundled script with the marks, joiners and punctuation that sit between them.
MIXED = st.text(alphabet=st.sampled_from(list("Anaé ,.-—()!12李明สมชายใจดีप्रियाശർമലക്ഷ്മിمحمدЖ"
                                              "\u200d\u200c\u0301\ufe0f\t")), max_size=24)


def _pdf(texts: list[str], bold: bool = False) -> bytes:
    regular, heavy = register_fonts()
    style = ParagraphStyle("name", fontName=heavy if bold else regular, fontSize=12, leading=16, shaping=1)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, invariant=1).build([Paragraph(markup(text, bold), style) for text in texts])
    return out.getvalue()


def _fonts_of(pdf: bytes) -> set[str]:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    return {str(font.get_object()["/BaseFont"]).split("+")[-1] for font in page["/Resources"]["/Font"].values()}


def test_the_faces_are_tried_in_order_and_each_ships_with_its_licence() -> None:
    table = faces()
    assert [face.family for face in table] == ["DejaVu Sans", "Noto Sans Devanagari", "Noto Sans Malayalam",
                                               "Noto Sans Thai", "Droid Sans Fallback"]
    assert register_fonts() == (DEJAVU, DEJAVU_BOLD)
    assert table[-1].font(bold=True) == table[-1].font() == HAN  # no bold Droid: Han in bold text is regular
    for face in table:
        for name in {face.regular, face.bold}:
            assert resource_path("fonts", f"{name}.ttf").is_file()
    for licence in ("LICENSE-DejaVu.txt", "LICENSE-Noto.txt", "LICENSE-DroidSansFallback.txt"):
        assert resource_path("fonts", licence).stat().st_size > 1000
    # What a face draws is its character map without controls (Noto maps NULL and CR) or private use.
    assert not table[1].has("\x00") and not table[1].has("\r") and table[1].has("प")


@pytest.mark.parametrize(("text", "expected"), [
    ("Priya प्रिया शर्मा", [("Priya ", DEJAVU), ("प्रिया शर्मा", DEVANAGARI)]),
    ("李 明 — 2026", [("李 明 ", HAN), ("— 2026", DEJAVU)]),  # Droid Sans Fallback has no em dash
    ("สมชาย ใจดี", [("สมชาย ใจดี", THAI)]),
    ("ലക്ഷ്മി", [("ലക്ഷ്മി", MALAYALAM)]),
    ("محمد علي, Kajaani", [("محمد علي, Kajaani", DEJAVU)]),
    ("Nguye\u0302\u0303n Va\u0306n Anh", [("Nguye\u0302\u0303n Va\u0306n Anh", DEJAVU)]),  # marks stay with e, a
    ("Zoe\u0308 李", [("Zoe\u0308 ", DEJAVU), ("李", HAN)]),
    ("Anna (प्रिया), 12", [("Anna ", DEJAVU), ("(प्रिया), 12", DEVANAGARI)]),  # a bracket goes with its word
    ("क्\u200dष", [("क्\u200dष", DEVANAGARI)]),  # the joiner belongs to its letters' run
    ("李明, Li", [("李明", HAN), (", Li", DEJAVU)]),
    ("", []),
])
def test_runs(text: str, expected: list[tuple[str, str]]) -> None:
    assert runs(text) == expected


def test_bold_runs_name_the_bold_faces() -> None:
    assert runs("Priya प्रिया 李", bold=True) == [("Priya ", DEJAVU_BOLD), ("प्रिया ", DEVANAGARI_BOLD), ("李", HAN)]


def test_missing_names_each_character_once_in_the_order_met() -> None:
    assert missing("a🙂b\x07🙂c\ue000\n\tend") == [
        "U+1F642 SLIGHTLY SMILING FACE", "U+0007 <control>", "U+E000 <private use>"]
    assert missing("".join(NAMES)) == []
    assert missing("क्\u200dष क्\u200cष 葛\U000E0100 ❤\ufe0f") == []  # joiners and variation selectors


def test_check_drawable_refuses_with_the_characters_named_on_the_field() -> None:
    check_drawable(NAMES, field="paper")
    with pytest.raises(GlyphError) as caught:
        check_drawable(["Anna 🙂", "Li \x07", "🙂"], field="paper")
    error = caught.value
    assert isinstance(error, ValidationError) and error.field == "paper"
    assert error.characters == ("U+1F642 SLIGHTLY SMILING FACE", "U+0007 <control>")
    assert str(error) == ("The paper cannot print U+1F642 SLIGHTLY SMILING FACE, U+0007 <control>: "
                          "no bundled font has them.")
    finnish = translator("fi")(error.message)
    assert "U+1F642 SLIGHTLY SMILING FACE" in finnish and finnish != str(error)


def test_markup_escapes_and_wraps_each_run_dejavu_lacks() -> None:
    assert markup('Smith & <Jones> "Jr"') == "Smith &amp; &lt;Jones&gt; &quot;Jr&quot;"
    assert markup("Li <b>李明</b>") == f'Li &lt;b&gt;<font name="{HAN}">李明</font>&lt;/b&gt;'
    # Noto Sans Devanagari has quotation marks but no ampersand.
    assert markup('"प्रिया" & Anna', bold=True) == f'<font name="{DEVANAGARI_BOLD}">&quot;प्रिया&quot; </font>&amp; Anna'


def test_a_shaped_paragraph_prints_every_script_in_its_own_font() -> None:
    pdf = _pdf(NAMES)
    assert _fonts_of(pdf) >= {DEJAVU, DEVANAGARI, MALAYALAM, THAI, "DroidSansFallback"}
    text = unicodedata.normalize("NFKC", PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    # Shaped Devanagari and Malayalam come back partly as the shaper's own glyph codes, Arabic as shapes:
    # the other scripts read back whole.
    for whole in ("Maria Nguyễn Văn Anh", "Priya", "Lakshmi", "Somchai สมชาย ใจดี", "Li Ming 李 明 — 2026",
                  "Иван Петров", "Ελένη Παπαδοπούλου", "Smith & <Jones> \"Jr\""):
        assert whole in text
    assert "या" in text and "മി" in text
    assert {DEJAVU_BOLD, DEVANAGARI_BOLD} <= _fonts_of(_pdf(NAMES, bold=True))


def test_a_word_that_changes_font_midway_prints_every_part() -> None:
    # ReportLab 5.1 by itself shapes such a word through its first part's font: boxes, or no PDF at all.
    words = ["李明, hello!", "สมชาย, ใจดี!", "2026年", "Anna-प्रिया"]
    text = unicodedata.normalize("NFKC", PdfReader(io.BytesIO(_pdf(words))).pages[0].extract_text())
    assert "李明, hello!" in text and "สมชาย, ใจดี!" in text and "2026年" in text and "Anna-" in text
    assert "\ufffd" not in text and "\uffff" not in text


@given(st.text() | MIXED)
def test_the_runs_put_together_are_the_text(text: str) -> None:
    pieces = runs(text)
    assert "".join(chunk for chunk, _font in pieces) == text
    assert all(chunk for chunk, _font in pieces)
    assert all(a[1] != b[1] for a, b in itertools.pairwise(pieces))  # longest runs
    by_name = {face.regular: face for face in faces()}
    for chunk, font in pieces:
        for char in chunk:
            # A character its run's font lacks is one no font has, a joiner, a line break or tab, or a mark
            # kept with its letter.
            assert (by_name[font].has(char) or missing(char) or char in "\u200c\u200d\ufe0f\t\n\r"
                    or unicodedata.category(char) in ("Mn", "Mc", "Me")), (text, chunk, font, char)


@settings(max_examples=25, deadline=None)
@given(MIXED)
def test_any_mix_of_scripts_makes_a_pdf(text: str) -> None:
    assert _pdf([text or "-"]).startswith(b"%PDF")
