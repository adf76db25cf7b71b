"""The papers the desk prints, from plain data to PDF bytes: the welcome packet, a referral slip, a handover
sheet. ReportLab is imported here only when a paper is made.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from welcomedesk.packet.content import (
    Cards,
    Dated,
    Document,
    Facts,
    Name,
    Prose,
    Qr,
    StepTable,
    packet_document,
    sheet_document,
    slip_document,
)
from welcomedesk.packet.data import Packet, Sheet, Slip


@dataclass(frozen=True)
class Paper:
    """A finished paper: its bytes, and what the preview and the record of papers given need to know."""

    kind: str  # packet | slip | sheet
    pdf: bytes
    pages: int
    languages: tuple[str, ...]
    # The names of the edition's languages that have some texts in English.
    fell_back: tuple[str, ...]
    content_version: str

    @property
    def language_tag(self) -> str:
        return "+".join(self.languages)


def texts_of(document: Document) -> Iterator[str]:
    """Every text the document prints (its glyphs are checked before any is drawn)."""
    yield from document.title
    yield document.desk.name
    yield document.footer
    yield document.desk.phone
    for section in document.sections:
        yield from section.heading
        for block in section.blocks:
            if isinstance(block, Prose):
                yield from block.text
            elif isinstance(block, Name):
                yield from (block.name, block.native)
            elif isinstance(block, Facts):
                for fact in block.rows:
                    yield from (*fact.label, fact.value)
            elif isinstance(block, StepTable):
                for label in block.header:
                    yield from label
                for row in block.rows:
                    yield from (*row.name, *row.detail, row.where, *row.by)
            elif isinstance(block, Cards):
                for card in block.cards:
                    yield from (card.name, card.url)
                    for fact in card.facts:
                        yield from (*fact.label, fact.value)
            elif isinstance(block, Dated):
                for name, when in block.rows:
                    yield from (*name, *when)
            elif isinstance(block, Qr):
                yield from (block.url, *block.text)
    for language in document.edition.languages:
        yield language.text("page_of", page=1, pages=1)
    yield from document.edition.fallback_notes()


def _finish(document: Document, content_version: str) -> Paper:
    from welcomedesk.packet.layout import render
    from welcomedesk.packet.scripts import check_drawable

    check_drawable(texts_of(document), field="paper")
    pdf, pages = render(document)
    edition = document.edition
    fell_back = tuple(t.language_name for t in edition.languages if t.language in edition.fell_back)
    return Paper(document.kind, pdf, pages, edition.codes, fell_back, content_version)


def make_packet(packet: Packet, languages: Sequence[str], *, with_identity_code: bool = False) -> Paper:
    """The person's welcome packet in one language or two (the reader's own first)."""
    return _finish(packet_document(packet, languages, with_identity_code=with_identity_code), packet.content_version)


def make_slip(slip: Slip, languages: Sequence[str]) -> Paper:
    """A referral slip for one step and one partner."""
    return _finish(slip_document(slip, languages), slip.content_version)


def make_sheet(sheet: Sheet, languages: Sequence[str], *, with_identity_code: bool = False) -> Paper:
    """A handover sheet for the assessment of competence and integration service needs."""
    return _finish(sheet_document(sheet, languages, with_identity_code=with_identity_code), sheet.content_version)
