"""The welcome packet from plain data: every shipped language, hostile names, right-to-left next to
left-to-right, page numbers, metadata, and the same bytes for the same input (no database here)."""

from __future__ import annotations

import io
import json
import re
import shutil
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_date
from pypdf import PdfReader

from welcomedesk.errors import ValidationError
from welcomedesk.packet import texts as packet_texts_module
from welcomedesk.packet.data import Desk, Helper, Member, Packet, Stage, Step
from welcomedesk.packet.papers import Paper, make_packet
from welcomedesk.packet.scripts import GlyphError
from welcomedesk.packet.texts import packet_languages, packet_texts
from welcomedesk.resources import resource_path

HOSTILE = "Smith & <Jones>"
MADE = date(2026, 11, 25)
NAMES = {lang: f"Step one in {lang}" for lang in ("fi", "sv", "en", "uk", "ru", "ar", "vi", "fi-x-plain")}


def _name(code: str) -> dict[str, str]:
    return {"en": f"Get {code}", "fi": f"Hanki {code}", "ar": f"احصل على {code}"}


def _packet(name: str = HOSTILE, **extra: object) -> Packet:
    helpers = {"migri": Helper("migri", "Maahanmuuttovirasto (Migri)", "Esimerkkikatu 1, 87100 Kajaani",
                               "+358 40 000 0101", website="https://migri.fi", languages=("fi", "sv", "en"))}
    steps = (
        Step("permit", {"en": "Get a residence permit", "fi": "Hae oleskelulupa", "ar": "احصل على تصريح الإقامة"},
             helper="migri", due=date(2026, 12, 15)),
        Step("tax_card", {"en": "Get a tax card", "fi": "Hanki verokortti"}, due=date(2026, 12, 1),
             after=("permit",)),
        Step("bank", _name("bank"), due=date(2027, 1, 20), done=date(2026, 11, 20)),
    )
    values: dict[str, object] = dict(
        person_id=7, name=name, native_name="بتول الحلبي",
        desk=Desk("Kainuun kotoutumispalvelut", "Kajaani", "Pohjolankatu 1", "+358 8 000 0000",
                  hours="ma–pe 9–15"),
        worker="Maija Virtanen", made_on=MADE, content_version="2026-11", steps=steps, helpers=helpers,
        family=(Member("Ali & <Sons>", "", "child", (Step("daycare", _name("daycare"), due=date(2027, 3, 1)),)),),
        path_name={"en": "Learning path", "fi": "Oppipolku"},
        path=(Stage({"en": "Language studies", "fi": "Kieliopinnot"}, date(2026, 11, 1)),
              Stage({"en": "Licence decision", "fi": "Laillistamispäätös"})),
        follow_ups=(date(2026, 12, 9),), identity_code="010190-123F")
    values.update(extra)
    return Packet(**values)  # type: ignore[arg-type]


def _text(paper: Paper) -> str:
    reader = PdfReader(io.BytesIO(paper.pdf))
    return unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in reader.pages))


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("language", ["fi", "sv", "en", "uk", "ru", "ar", "vi", "fi-x-plain"])
def test_every_shipped_language_prints_the_name_steps_and_due_dates_in_its_own_format(language: str) -> None:
    paper = make_packet(_packet(), [language])
    text = _flat(_text(paper))
    assert HOSTILE in text  # escaped on the way in, whole on the way out
    texts = packet_texts(language)
    for day in (date(2026, 12, 15), date(2026, 12, 1)):
        written = _flat(format_date(day, "medium", locale=texts.locale).replace("\u200f", ""))
        assert written in text, (language, written)
    if not texts.right_to_left:
        assert _flat(texts.text("steps_heading")) in text
        wanted = "Hae oleskelulupa" if language.startswith("fi") else "Get a residence permit"
        if language in ("fi", "fi-x-plain", "en"):
            assert wanted in text
    assert paper.pages >= 2 and paper.languages == (language,)


def test_the_identity_code_is_printed_only_when_asked() -> None:
    assert "010190-123F" not in _text(make_packet(_packet(), ["fi"]))
    assert "010190-123F" in _text(make_packet(_packet(), ["fi"], with_identity_code=True))


def test_pages_are_numbered_x_of_y_and_the_pdf_says_its_title_author_and_language() -> None:
    paper = make_packet(_packet(), ["fi"])
    reader = PdfReader(io.BytesIO(paper.pdf))
    pages = len(reader.pages)
    assert paper.pages == pages
    assert f"Sivu 1/{pages}" in reader.pages[0].extract_text()
    assert f"Sivu {pages}/{pages}" in reader.pages[-1].extract_text()
    assert reader.metadata is not None
    assert reader.metadata.title == "Kajaani toivottaa sinut tervetulleeksi"
    assert reader.metadata.author == "Kainuun kotoutumispalvelut"
    assert reader.trailer["/Root"]["/Lang"] == "fi"
    assert HOSTILE not in (reader.metadata.subject or "")  # no personal data in the file's metadata


def test_the_same_input_gives_the_same_bytes() -> None:
    assert make_packet(_packet(), ["ar", "fi"]).pdf == make_packet(_packet(), ["ar", "fi"]).pdf
    assert make_packet(_packet(), ["fi"]).pdf != make_packet(_packet(name="Other Person"), ["fi"]).pdf


def test_a_step_waiting_for_another_is_printed_after_it_and_says_so() -> None:
    text = _flat(_text(make_packet(_packet(), ["en"])))
    assert text.index("Get a residence permit") < text.index("Get a tax card")  # although due earlier
    assert "After: Get a residence permit" in text
    assert "Done on 20 Nov 2026" in text


def test_the_family_section_has_only_what_applies() -> None:
    text = _flat(_text(make_packet(_packet(), ["en"])))
    english = packet_texts("en")
    assert "Ali & <Sons>" in text
    assert _flat(english.text("daycare_note"))[:60] in text
    assert _flat(english.text("spouse_note"))[:60] not in text
    alone = _flat(_text(make_packet(_packet(family=()), ["en"])))
    assert english.text("family_heading") not in alone and english.text("daycare_note")[:40] not in alone


def test_helpers_path_follow_ups_everyday_guide_and_privacy_are_there() -> None:
    text = _flat(_text(make_packet(_packet(), ["en"])))
    english = packet_texts("en")
    for key in ("helpers_heading", "path_heading", "follow_ups_heading", "everyday_heading", "guide_heading",
                "privacy_heading"):
        assert english.text(key) in text, key
    assert "Maahanmuuttovirasto (Migri)" in text and "https://migri.fi" in text
    assert "Reached on 1 Nov 2026" in text and "Next" in text
    assert "9 December 2026" in text
    assert "112" in text


def _lines(paper: Paper, page: int = 0) -> list[tuple[float, float, str]]:
    """The text the PDF draws on a page: (x, y, text) of each string shown."""
    reader = PdfReader(io.BytesIO(paper.pdf))
    found: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_args: object) -> None:
        if text.strip():
            found.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], unicodedata.normalize("NFKC", text)))

    reader.pages[page].extract_text(visitor_text=visit)
    return found


def test_an_arabic_paragraph_of_three_lines_reads_in_order_and_finnish_keeps_its_direction() -> None:
    paper = make_packet(_packet(), ["ar", "fi"])
    arabic = packet_texts("ar").text("greeting", name=HOSTILE)
    finnish = packet_texts("fi").text("greeting", name=HOSTILE)
    lines = _lines(paper)
    words = [w for w in arabic.replace("،", " ").split() if not re.search(r"[A-Za-z&<>]", w)]
    # Each line of the greeting as drawn, top to bottom: every Arabic word is on the line the logical
    # order puts it on, so the first words are on the top line and the last on the bottom one.
    drawn = [(y, text) for _x, y, text in lines if any(w in text or w[::-1] in text for w in words[:3] + words[-3:])]
    assert len({round(y) for y, _ in drawn}) >= 2
    top = max(drawn)[1]
    assert any(w in top for w in words[:2])
    bottom = min(y for y, _ in drawn)
    first_line_of = {w: max(y for y, t in drawn if w in t) for w in words[:2] if any(w in t for _, t in drawn)}
    assert all(y > bottom for y in first_line_of.values())
    greeting_lines = [(x, y, t) for x, y, t in lines if t.strip() and any(w in t for w in words)]
    assert len({round(y) for _x, y, _t in greeting_lines}) >= 3  # the paragraph wraps onto three lines or more
    # The Arabic lines end at the right margin; the Finnish one starts at the left margin.
    right_edge = max(x for x, _y, t in greeting_lines)
    assert right_edge > 300
    finnish_start = [x for x, _y, t in lines if t.startswith(finnish.split()[0])]
    assert finnish_start and min(finnish_start) < 60


def test_two_languages_go_section_by_section() -> None:
    text = _flat(_text(make_packet(_packet(), ["en", "fi"])))
    english, finnish = packet_texts("en"), packet_texts("fi")
    first = text.index(english.text("steps_heading"))
    second = text.index(finnish.text("steps_heading"))
    nxt = text.index(english.text("helpers_heading"))
    assert first < second < nxt
    assert "Sivu 1/" in text and "Page 1 of" in text


def test_a_character_no_font_draws_is_named_before_printing() -> None:
    with pytest.raises(GlyphError) as caught:
        make_packet(_packet(name="Ada \U0001fae8 Lovelace"), ["fi"])
    assert "U+1FAE8" in str(caught.value)


def test_one_language_or_two_and_no_unknown_ones() -> None:
    for wrong in ([], ["fi", "fi"], ["fi", "sv", "en"], ["xx"], ["../fi"]):
        with pytest.raises(ValidationError):
            make_packet(_packet(), wrong)


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "packet"
    shutil.copytree(resource_path("content", "packet"), folder)
    monkeypatch.setattr(packet_texts_module, "_folder", lambda: folder)
    packet_texts.cache_clear()
    yield folder
    packet_texts.cache_clear()


def test_a_language_added_as_a_file_prints_and_says_which_texts_are_english(content: Path) -> None:
    estonian = json.loads((content / "en.json").read_text(encoding="utf-8"))
    estonian.update(language="et", language_name="eesti", locale="et_EE")
    estonian["texts"] = {"title": "Tere tulemast, {municipality}", "steps_heading": "Sinu esimesed sammud"}
    (content / "et.json").write_text(json.dumps(estonian, ensure_ascii=False), encoding="utf-8")
    assert "et" in packet_languages()
    paper = make_packet(_packet(), ["et"])
    text = _flat(_text(paper))
    assert paper.fell_back == ("eesti",)
    assert "Tere tulemast, Kajaani" in text and "Sinu esimesed sammud" in text
    assert packet_texts("en").text("fallback_note", language="eesti") in text
    assert "15. dets 2026" in text  # Estonian dates, from Babel


def test_arabic_inside_a_left_to_right_paper_is_joined_and_reordered() -> None:
    # The own-script name and a name with Arabic in the greeting, in a Finnish packet: ReportLab's paragraphs
    # would print the letters unjoined and backwards; every Arabic letter drawn must be a joined form.
    paper = make_packet(_packet(name="Batoul الحلبي"), ["fi"])
    reader = PdfReader(io.BytesIO(paper.pdf))
    raw = reader.pages[0].extract_text()
    drawn_arabic = [c for c in raw if unicodedata.bidirectional(c) == "AL" and c.isalpha()]
    assert drawn_arabic
    assert all("\ufb50" <= c <= "\ufeff" for c in drawn_arabic), {c for c in drawn_arabic if c < "\ufb50"}
