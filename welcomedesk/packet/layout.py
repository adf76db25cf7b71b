"""A paper's sections laid out on A4 with ReportLab: headings in the desk's colour, tables that keep each
language in its own direction, QR codes, the logo, and "page X of Y" in the paper's languages.

Every text that reaches a ``Paragraph`` goes through ``scripts.markup`` (escaped, each run in a font
that has its glyphs); right-to-left text goes through ``RtlParagraph``. The output is the same bytes for
the same input (``invariant``), so a paper can be compared and tested.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from welcomedesk.packet.canvas import numbered
from welcomedesk.packet.content import (
    Block,
    Card,
    Cards,
    Dated,
    Document,
    Facts,
    Name,
    Prose,
    Qr,
    Say,
    Section,
    StepTable,
)
from welcomedesk.packet.fonts import register_fonts
from welcomedesk.packet.rtl import RtlParagraph, for_display, has_right_to_left, starts_right_to_left
from welcomedesk.packet.scripts import markup
from welcomedesk.packet.texts import PacketTexts

MARGIN = 18 * mm
# The frame keeps 6 points of padding on each side: a table as wide as this lines up with the text.
WIDTH = A4[0] - 2 * MARGIN - 12
INK = colors.HexColor("#1A1A1A")
GREY = colors.HexColor("#5A5A5A")
RULE = colors.HexColor("#C8C8C8")
# The second language of a two-language edition: the same size, a quieter colour.
SECOND = colors.HexColor("#44546A")
SIZES = {"body": 10.0, "lead": 12.0, "small": 8.5, "note": 9.5, "title": 22.0, "heading": 14.0, "name": 16.0,
         "cell": 9.5, "label": 8.5, "title2": 15.0, "heading2": 11.5, "lead2": 10.5}
SECOND_KIND = {"title": "title2", "heading": "heading2", "lead": "lead2"}


def _colour(hex_colour: str) -> colors.Color:
    try:
        return colors.HexColor(hex_colour)
    except (ValueError, TypeError):
        return colors.HexColor("#1F5F8B")


@cache
def _style(kind: str, bold: bool, right: bool, colour: str, shaping: bool) -> ParagraphStyle:
    regular, heavy = register_fonts()
    size = SIZES[kind]
    return ParagraphStyle(
        f"{kind}-{bold}-{right}-{colour}-{shaping}", fontName=heavy if bold else regular, fontSize=size,
        leading=size * 1.3, textColor=colors.HexColor(colour), alignment=TA_RIGHT if right else TA_LEFT,
        spaceAfter=0, shaping=1 if shaping else 0, wordWrap=None)


class Layout:
    """Turns one document into flowables: it knows the edition's languages and the desk's colour."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.languages: tuple[PacketTexts, ...] = document.edition.languages
        self.accent = _colour(document.desk.colour)
        self.accent_hex = "#" + self.accent.hexval()[2:].upper()
        # The columns of a table run the way the reader's own language reads.
        self.rtl = self.languages[0].right_to_left

    # -- text

    def text(self, text: str, language: PacketTexts | None, kind: str = "body", bold: bool = False,
             colour: str | None = None) -> Flowable:
        """One text: right-to-left when its language is, else a Paragraph with escaped markup."""
        ink = colour or "#1A1A1A"
        if language is not None and language.right_to_left:
            regular, heavy = register_fonts()
            return RtlParagraph(text, heavy if bold else regular, SIZES[kind], colour=ink)
        if has_right_to_left(text):
            # A left-to-right text with a right-to-left name in it (the greeting): reordered here.
            regular, heavy = register_fonts()
            return RtlParagraph(text, heavy if bold else regular, SIZES[kind], colour=ink, right=False, base="L")
        right = language is None and self.rtl
        body = markup(text, bold)
        return Paragraph(body, _style(kind, bold, right, ink, "<font" in body))

    def say(self, said: Say, kind: str = "body", bold: bool = False, colour: str | None = None,
            same_colour: bool = False) -> list[Flowable]:
        """A text in each language of the edition, the second smaller or quieter; the same text once."""
        flowables: list[Flowable] = []
        for number, (language, text) in enumerate(zip(self.languages, said, strict=True)):
            if not text or (number and text == said[0]):
                continue
            if number:
                # The reader's own language leads; the official's follows, a step down.
                flowables.append(Spacer(1, 0.6 * mm))
                ink = colour if same_colour else "#44546A"
                flowables.append(self.text(text, language, SECOND_KIND.get(kind, kind), bold, ink))
            else:
                flowables.append(self.text(text, language, kind, bold, colour))
        return flowables

    def value(self, text: str, kind: str = "cell", bold: bool = False) -> Flowable:
        """User data (a name, an address): the same in every language, drawn in its own direction."""
        if has_right_to_left(text):
            # ReportLab's paragraphs neither join Arabic letters nor reorder them: a name with Arabic in it
            # is wrapped and reordered here, in its own base direction.
            regular, heavy = register_fonts()
            base = "R" if starts_right_to_left(text) else "L"
            return RtlParagraph(text, heavy if bold else regular, SIZES[kind], right=self.rtl, base=base)
        body = markup(text, bold)
        return Paragraph(body, _style(kind, bold, self.rtl, "#1A1A1A", "<font" in body))

    # -- blocks

    def heading(self, section: Section) -> list[Flowable]:
        if section.opening:
            title = self.say(section.heading, "title", bold=True, colour=self.accent_hex)
            logo = self.logo()
            if logo is None:
                return [*title, Spacer(1, 3 * mm)]
            cells = [[title, logo]] if not self.rtl else [[logo, title]]
            widths = [WIDTH - 45 * mm, 45 * mm] if not self.rtl else [45 * mm, WIDTH - 45 * mm]
            table = Table(cells, colWidths=widths)
            table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                       ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                       ("ALIGN", (0, 0), (-1, -1), "RIGHT" if not self.rtl else "LEFT")]))
            return [table, Spacer(1, 3 * mm)]
        rule = Table([[""]], colWidths=[WIDTH], rowHeights=[1.2])
        rule.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), self.accent)]))
        return [Spacer(1, 4 * mm), rule, Spacer(1, 1.5 * mm),
                *self.say(section.heading, "heading", bold=True, colour=self.accent_hex), Spacer(1, 2 * mm)]

    def logo(self) -> Flowable | None:
        data = self.document.desk.logo
        if not data:
            return None
        try:
            image = Image(io.BytesIO(data))
        except Exception:
            return None
        ratio = image.imageWidth / max(image.imageHeight, 1)
        height = min(22 * mm, 45 * mm / max(ratio, 0.01))
        image.drawHeight, image.drawWidth = height, height * ratio
        return image

    def block(self, block: Block) -> list[Flowable]:
        if isinstance(block, Prose):
            kind = block.kind if block.kind in SIZES else "body"
            colour = "#5A5A5A" if kind == "small" else None
            flowables = self.say(block.text, kind, bold=kind == "lead", colour=colour)
            if kind == "note":
                return [self.boxed(flowables), Spacer(1, 2 * mm)]
            return [*_spaced(flowables, 1.2 * mm), Spacer(1, 2 * mm)]
        if isinstance(block, Name):
            flowables = [self.value(block.name, "name", bold=True)]
            if block.native:
                flowables.append(self.value(block.native, "lead"))
            return [*flowables, Spacer(1, 2 * mm)]
        if isinstance(block, Facts):
            return [self.facts(block), Spacer(1, 2 * mm)] if block.rows else []
        if isinstance(block, StepTable):
            return [self.steps(block), Spacer(1, 3 * mm)]
        if isinstance(block, Cards):
            return [self.cards(block.cards), Spacer(1, 2 * mm)]
        if isinstance(block, Dated):
            return [self.dated(block), Spacer(1, 2 * mm)] if block.rows else []
        return [self.qr_block(block)]

    def boxed(self, flowables: list[Flowable]) -> Table:
        table = Table([[flowables]], colWidths=[WIDTH])
        table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#F2F5F8")),
                                   ("LINEBEFORE" if not self.rtl else "LINEAFTER", (0, 0), (-1, -1), 2.5, self.accent),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                                   ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
        return table

    def ordered(self, cells: list[Any]) -> list[Any]:
        return cells[::-1] if self.rtl else cells

    def widths(self, widths: list[float]) -> list[float]:
        return widths[::-1] if self.rtl else widths

    def facts(self, facts: Facts) -> Table:
        rows = [self.ordered([self.say(f.label, "label", bold=True), self.value_lines(f.value)]) for f in facts.rows]
        table = Table(rows, colWidths=self.widths([45 * mm, WIDTH - 45 * mm]))
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                                   ("TOPPADDING", (0, 0), (-1, -1), 1)]))
        return table

    def value_lines(self, value: str) -> list[Flowable]:
        return [self.value(line) for line in value.splitlines() if line.strip()] or [self.value("")]

    def steps(self, table: StepTable) -> Table:
        header = self.ordered([self.say(label, "label", bold=True, colour="#FFFFFF", same_colour=True)
                               for label in table.header])
        rows: list[list[Any]] = [header]
        for row in table.rows:
            step: list[Flowable] = []
            for number, language in enumerate(self.languages):
                # Each language's name with its own details below it, the reader's language first.
                if number and row.name[number] == row.name[0] and row.detail[number] == row.detail[0]:
                    continue
                ink = "#1A1A1A" if not number else "#44546A"
                if number:
                    step.append(Spacer(1, 1 * mm))
                step.append(self.text(row.name[number], language, "cell", True, ink))
                step += [self.text(line, language, "small", colour="#5A5A5A" if not number else "#44546A")
                         for line in row.detail[number].split("\n") if line]
            rows.append(self.ordered([TickBox(row.done), step, self.value(row.where, "small"),
                                      self.say(row.by, "small")]))
        result = Table(rows, colWidths=self.widths([15 * mm, WIDTH - 15 * mm - 44 * mm - 30 * mm, 44 * mm, 30 * mm]),
                       repeatRows=1)
        result.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, 0), self.accent), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE), ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5), ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F7F8FA")])]))
        return result

    def cards(self, cards: Sequence[Card]) -> Table:
        half = (WIDTH - 4 * mm) / 2
        made = [self.card(card, half) for card in cards]
        rows = [self.ordered(made[i:i + 2] + [""] * (2 - len(made[i:i + 2]))) for i in range(0, len(made), 2)]
        table = Table(rows, colWidths=[half + 2 * mm, half + 2 * mm])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        return table

    def card(self, card: Card, width: float) -> Table:
        code = 20 * mm
        lines: list[Flowable] = [self.value(card.name, "cell", bold=True)]
        for fact in card.facts:
            lines += self.say(fact.label, "label", bold=True, colour="#5A5A5A")
            lines += [self.value(v, "small") for v in fact.value.splitlines() if v.strip()]
        qr = qr_code(card.url, code) if card.url else ""
        body_width = width - (code + 2 * mm if card.url else 0) - 6
        cells = [self.ordered([lines, qr])] if card.url else [[lines]]
        table = Table(cells, colWidths=self.widths([body_width, code + 2 * mm]) if card.url else [width - 6])
        table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                                   ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                                   ("LINEABOVE", (0, 0), (-1, 0), 2, self.accent)]))
        return table

    def dated(self, dated: Dated) -> Table:
        rows = [self.ordered([self.say(name, "cell"), self.say(when, "cell", bold=True)]) for name, when in dated.rows]
        table = Table(rows, colWidths=self.widths([WIDTH - 55 * mm, 55 * mm]))
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 3),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        return table

    def qr_block(self, block: Qr) -> Table:
        code = 28 * mm
        words = [*_spaced(self.say(block.text), 1.2 * mm), self.value(block.url, "small")]
        table = Table([self.ordered([qr_code(block.url, code), words])],
                      colWidths=self.widths([code + 6 * mm, WIDTH - code - 6 * mm]))
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        return table

    # -- the whole paper

    def flowables(self) -> Iterator[Flowable]:
        for section in self.document.sections:
            heading = self.heading(section)
            body = [f for block in section.blocks for f in self.block(block)]
            # A heading never ends a page: it stays with the start of its section.
            yield CondPageBreak(40 * mm) if not section.opening else Spacer(1, 0)
            yield KeepTogether([*heading, *body[:1]])
            yield from body[1:]
        notes = self.document.edition.fallback_notes()
        if notes:
            yield Spacer(1, 4 * mm)
            yield from (self.text(note, language, "small", colour="#5A5A5A") for note, language in zip(
                notes, [t for t in self.languages if t.language in self.document.edition.fell_back], strict=True))

    def footer(self, canvas: Canvas, page: int, pages: int) -> None:
        regular, heavy = register_fonts()
        canvas.saveState()
        canvas.setFillColor(self.accent)
        canvas.rect(0, A4[1] - 7 * mm, A4[0], 7 * mm, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont(heavy, 8.5)
        header = self.document.desk.name
        if starts_right_to_left(header):
            canvas.drawRightString(A4[0] - MARGIN, A4[1] - 4.8 * mm, for_display(_drawable(header)))
        else:
            canvas.drawString(MARGIN, A4[1] - 4.8 * mm, for_display(_drawable(header), "L"))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, 13 * mm, A4[0] - MARGIN, 13 * mm)
        canvas.setFillColor(GREY)
        canvas.setFont(regular, 8)
        side = " · ".join(v for v in (self.document.footer, self.document.desk.phone) if v)
        canvas.drawString(MARGIN, 9 * mm, for_display(_drawable(side), "L"))
        x = A4[0] - MARGIN
        for language in self.languages:
            said = language.text("page_of", page=page, pages=pages)
            shown = for_display(said) if language.right_to_left else said
            canvas.drawRightString(x, 9 * mm, shown)
            x -= canvas.stringWidth(shown, regular, 8) + 6 * mm
        canvas.restoreState()


def _spaced(flowables: list[Flowable], gap: float) -> list[Flowable]:
    spaced: list[Flowable] = []
    for number, flowable in enumerate(flowables):
        if number:
            spaced.append(Spacer(1, gap))
        spaced.append(flowable)
    return spaced


def _drawable(text: str) -> str:
    """A header or footer line kept to one line (canvas strings are not wrapped)."""
    return " ".join(text.split())[:120]


class TickBox(Flowable):  # type: ignore[misc]  # ReportLab ships no types
    """A box to tick by hand; a step already done is ticked."""

    def __init__(self, done: bool, size: float = 4.2 * mm) -> None:
        super().__init__()
        self.done, self.size = done, size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size + 1

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.8)
        canvas.rect(0, 0, self.size, self.size, stroke=1, fill=0)
        if self.done:
            canvas.setLineWidth(1.4)
            canvas.lines([(self.size * 0.2, self.size * 0.5, self.size * 0.42, self.size * 0.22),
                          (self.size * 0.42, self.size * 0.22, self.size * 0.85, self.size * 0.85)])


@cache
def _qr_runs(url: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The QR code of ``url`` as its size in modules and its dark runs (row, first column, length).

    Drawn as rectangles straight onto the canvas: ReportLab's widget validates every module as a shape,
    which took most of a packet's time. The same websites recur in every packet, so each is made once.
    """
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(url)
    code.make()
    runs = []
    for row, modules in enumerate(code.modules):
        column = 0
        while column < len(modules):
            if modules[column]:
                start = column
                while column < len(modules) and modules[column]:
                    column += 1
                runs.append((row, start, column - start))
            else:
                column += 1
    return code.getModuleCount(), tuple(runs)


class QrCode(Flowable):  # type: ignore[misc]  # ReportLab ships no types
    """A square QR code with a one-module quiet zone."""

    def __init__(self, url: str, size: float) -> None:
        super().__init__()
        self.url, self.size = url, size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        count, runs = _qr_runs(self.url)
        module = self.size / (count + 2)
        canvas = self.canv
        canvas.setFillColor(INK)
        for row, column, length in runs:
            canvas.rect((column + 1) * module, self.size - (row + 2) * module, length * module, module,
                        stroke=0, fill=1)


def qr_code(url: str, size: float) -> QrCode:
    """A QR code of ``url``, ``size`` points square."""
    return QrCode(url, size)


def render(document: Document) -> tuple[bytes, int]:
    """The document as PDF bytes, and its number of pages."""
    register_fonts()
    layout = Layout(document)
    out = io.BytesIO()
    pages: list[int] = []
    first = document.edition.languages[0]
    template = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=19 * mm,
        title=document.title[0], author=document.desk.name, subject=document.subject,
        creator="WelcomeDesk", lang=first.language, invariant=1)

    def footer(canvas: Canvas, page: int, total: int) -> None:
        pages.append(total)
        layout.footer(canvas, page, total)

    template.build(list(layout.flowables()), canvasmaker=numbered(footer))
    return out.getvalue(), pages[-1] if pages else 0
