"""The region report laid out with ReportLab: who and when on the first page with the legend of marks, the four
charts, then every table with its totals and the medians per step; "page X of Y" on every page.

Imported only when a report is made. Every text that reaches a ``Paragraph`` goes through the packet's
``markup`` (escaped, each run in a bundled font that has its glyphs): a project tag or a service's name is
typed by a coordinator. Hidden cells print as the labels say (".."), explained by the legend.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from welcomedesk.exports import charts
from welcomedesk.exports.lines import NO_FIGURE_SIGN
from welcomedesk.exports.pdf_charts import horizontal_bars, vertical_bars
from welcomedesk.exports.report_labels import RegionLabels
from welcomedesk.exports.summary import Cell, Figure, Mark, Summary
from welcomedesk.exports.summary import Table as SummaryTable
from welcomedesk.packet.fonts import register_fonts
from welcomedesk.packet.scripts import markup

MARGIN = 18 * mm
TOP = 20 * mm
BOTTOM = 19 * mm
# The frame keeps 6 points of padding on each side: a table as wide as this lines up with the text.
WIDTH = A4[0] - 2 * MARGIN - 12
INK = colors.HexColor("#1A1A1A")
GREY = colors.HexColor("#5A5A5A")
RULE = colors.HexColor("#C8C8C8")
ACCENT = colors.HexColor("#1F5C99")
SURFACE = colors.HexColor("#EEF2F6")
SIZES = {"title": 20.0, "lead": 11.0, "heading": 14.0, "subheading": 11.0, "body": 9.5, "small": 8.5,
         "cell": 8.5}
# A table's first column, and the narrowest and widest a column of counts may be.
LABEL_WIDTH, SHORTEST_LABEL = 68 * mm, 45 * mm
NARROWEST, WIDEST = 14 * mm, 26 * mm
# A table this long may go on over a page (its header repeated); a shorter one is kept whole.
LONG_TABLE = 16
CHART_HEIGHT = 62 * mm


@cache
def _style(kind: str, bold: bool = False, colour: str = "#1A1A1A", right: bool = False,
           shaping: bool = False) -> ParagraphStyle:
    regular, heavy = register_fonts()
    size = SIZES[kind]
    return ParagraphStyle(f"report-{kind}-{bold}-{colour}-{right}-{shaping}", fontName=heavy if bold else regular,
                          fontSize=size, leading=size * 1.3, textColor=colors.HexColor(colour),
                          alignment=2 if right else 0, shaping=1 if shaping else 0)


def para(text: str, kind: str = "body", bold: bool = False, colour: str = "#1A1A1A",
         right: bool = False) -> Paragraph:
    """A text (escaped, each run in a font that draws it) in one of the report's styles."""
    body = markup(text, bold)
    return Paragraph(body, _style(kind, bold, colour, right, "<font" in body))


def story(summary: Summary, labels: RegionLabels) -> Iterator[Flowable]:
    """The report from top to bottom."""
    yield from front(summary, labels)
    yield Spacer(1, 6 * mm)
    yield CondPageBreak(90 * mm)
    yield para(labels.text("charts"), "heading", bold=True, colour="#1F5C99")
    yield Spacer(1, 3 * mm)
    yield from chart_blocks(summary, labels)
    yield CondPageBreak(60 * mm)
    yield para(labels.text("tables"), "heading", bold=True, colour="#1F5C99")
    yield Spacer(1, 2 * mm)
    for table in summary.tables:
        yield from table_block(table, labels)
    if summary.figures:
        yield from figures_block(summary.figures, labels)


def names(summary: Summary) -> str:
    """The municipalities' names, in the order the summary gives them."""
    return ", ".join(name for _code, name in summary.municipalities)


def period(summary: Summary, labels: RegionLabels) -> str:
    """The period as the language writes dates."""
    return labels.text("period_value", start=labels.date(summary.period_from), end=labels.date(summary.period_to))


def front(summary: Summary, labels: RegionLabels) -> Iterator[Flowable]:
    """Title, the municipalities, period, threshold and date made, any notes, and the legend of marks."""
    yield para(labels.text("title"), "title", bold=True, colour="#1F5C99")
    yield Spacer(1, 2 * mm)
    yield para(labels.text("subtitle"), "lead", colour="#5A5A5A")
    yield Spacer(1, 5 * mm)
    facts = [(labels.text("municipalities"), names(summary)), (labels.text("period"), period(summary, labels)),
             (labels.text("threshold"), labels.number(summary.threshold)),
             (labels.text("made"), labels.date(summary.made_in))]
    rows = [[para(key, "body", bold=True), para(value, "body")] for key, value in facts]
    table = Table(rows, colWidths=[52 * mm, WIDTH - 52 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("TOPPADDING", (0, 0), (-1, -1), 1)]))
    yield table
    yield Spacer(1, 2 * mm)
    yield para(labels.text("threshold_value", threshold=summary.threshold), "small", colour="#5A5A5A")
    for note in summary.notes:
        yield Spacer(1, 1.5 * mm)
        yield para(note, "small", colour="#5A5A5A")
    yield Spacer(1, 5 * mm)
    yield legend(summary, labels)


def legend(summary: Summary, labels: RegionLabels) -> Flowable:
    """What each mark printed in a table means; the merged summary's mark only where it can occur."""
    marks = [Mark.SUPPRESSED, Mark.ROW]
    if summary.origin != "municipality" or any(c.mark is Mark.INCOMPLETE for c in _cells(summary)):
        marks.append(Mark.INCOMPLETE)
    rows: list[list[Any]] = [[para(labels.text("legend"), "body", bold=True), ""]]
    signs = [(labels.cell(Cell(None, mark)), labels.mark(mark)) for mark in marks]
    if Mark.INCOMPLETE in marks:
        signs.insert(-1, (labels.cell(Cell(None, Mark.INCOMPLETE, at_least=12)), labels.text("at_least")))
    if any(figure.value is None for figure in summary.figures):
        signs.append((NO_FIGURE_SIGN, labels.text("no_figure")))
    rows += [[para(sign, "body", bold=True), para(meaning[:1].upper() + meaning[1:], "small")]
             for sign, meaning in signs]
    table = Table(rows, colWidths=[16 * mm, WIDTH - 16 * mm - 12], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, -1), SURFACE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, 0), 6),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 7)]))
    return table


def _cells(summary: Summary) -> Iterator[Cell]:
    for table in summary.tables:
        for row in table.cells:
            yield from row
        yield from table.row_totals
        yield from table.column_totals
        yield table.total


def chart_blocks(summary: Summary, labels: RegionLabels) -> Iterator[Flowable]:
    """The four charts, each with its title, and a note under one that leaves hidden values out."""
    regular, _bold = register_fonts()
    made = (("arrivals_chart", charts.arrivals(summary), False), ("steps_chart", charts.steps(summary), False),
            ("bottlenecks_chart", charts.bottlenecks(summary), False),
            ("retention_chart", charts.retention(summary), True))
    for key, chart, percent in made:
        drawing = (horizontal_bars(chart, labels, regular, WIDTH) if chart.code in ("steps", "bottlenecks")
                   else vertical_bars(chart, labels, regular, WIDTH, CHART_HEIGHT, percent))
        block: list[Flowable] = [para(labels.text(key), "subheading", bold=True), Spacer(1, 2 * mm), drawing]
        if chart.hidden and not chart.empty:  # an empty chart says so in its place
            block.append(para(labels.text("not_drawn"), "small", colour="#5A5A5A"))
        block.append(Spacer(1, 6 * mm))
        yield KeepTogether(block)


def _widths(header: list[str]) -> list[float]:
    """The label column and a column of counts per header text after the first: each count column as wide as
    its header's longest word needs (a word is never broken) within limits, the label column what is left."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _regular, heavy = register_fonts()
    columns = header[1:]
    even = (WIDTH - (LABEL_WIDTH if len(columns) <= 6 else SHORTEST_LABEL)) / max(len(columns), 1)
    widths = [min(max(NARROWEST, min(WIDEST, even),
                      max((stringWidth(word, heavy, SIZES["cell"]) for word in text.split()), default=0) + 14),
                  WIDEST * 1.5) for text in columns]
    label = min(LABEL_WIDTH, max(SHORTEST_LABEL, WIDTH - sum(widths)))
    return [label, *widths]


def _grid(header: list[str], body: list[tuple[str, list[Cell | str]]], total: tuple[str, list[Cell | str]] | None,
          labels: RegionLabels) -> Table:
    """A table of counts: a header row, labelled rows of cells (a text printed as it is), and a bold total row
    under a rule."""
    rows: list[list[Any]] = [[para(header[0], "cell", bold=True)] +
                             [para(text, "cell", bold=True, right=True) for text in header[1:]]]
    hidden: list[tuple[int, int]] = []
    for number, (name, cells) in enumerate([*body, *([total] if total else [])], start=1):
        bold = total is not None and number == len(body) + 1
        rows.append([para(name, "cell", bold=bold)] + [c if isinstance(c, str) else labels.cell(c) for c in cells])
        hidden += [(column, number) for column, c in enumerate(cells, start=1)
                   if isinstance(c, Cell) and c.value is None]
    regular, heavy = register_fonts()
    style = [("FONT", (1, 1), (-1, -1), regular, SIZES["cell"]), ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
             ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
             ("BACKGROUND", (0, 0), (-1, 0), SURFACE), ("TOPPADDING", (0, 0), (-1, -1), 2.5),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5), ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE)]
    if total is not None:
        style += [("LINEABOVE", (0, -1), (-1, -1), 0.8, INK), ("FONT", (1, -1), (-1, -1), heavy, SIZES["cell"])]
    style += [("TEXTCOLOR", cell, cell, GREY) for cell in hidden]
    table = Table(rows, colWidths=_widths(header), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def table_block(table: SummaryTable, labels: RegionLabels) -> list[Flowable]:
    """One indicator's table under its name: a Total column when it has more than one column, a Total row."""
    with_total = len(table.columns) > 1
    header = ["", *(labels.column(table.code, c) for c in table.columns)]
    body: list[tuple[str, list[Cell | str]]] = [(labels.row(table.code, row), list(cells))
                                                for row, cells in zip(table.rows, table.cells, strict=True)]
    if with_total:
        header.append(labels.text("total"))
        body = [(name, [*cells, row_total]) for (name, cells), row_total in zip(body, table.row_totals, strict=True)]
    totals: list[Cell | str] = [*table.column_totals, *([table.total] if with_total else [])]
    if not table.columns:
        totals = [table.total]
        header.append(labels.text("total"))
    grid = _grid(header, body, (labels.text("total"), totals), labels)
    heading: list[Flowable] = [para(labels.indicator(table.code), "subheading", bold=True), Spacer(1, 1.5 * mm)]
    if not table.rows or table.withheld:
        said = labels.text("withheld" if table.withheld else "no_data")
        heading += [para(said, "small", colour="#5A5A5A"), Spacer(1, 1 * mm)]
    return _kept(heading, grid, len(table.rows))


def _kept(heading: list[Flowable], grid: Table, rows: int) -> list[Flowable]:
    """A short table kept whole with its heading; a long one starts where there is room for its heading and a
    few rows, and goes on over the page with its header repeated."""
    if rows < LONG_TABLE:
        return [KeepTogether([*heading, grid, Spacer(1, 6 * mm)])]
    return [CondPageBreak(50 * mm), *heading, grid, Spacer(1, 6 * mm)]


def figures_block(figures: tuple[Figure, ...], labels: RegionLabels) -> list[Flowable]:
    """The medians per step: days to done and days waiting, each with the people it is measured over."""
    header = [labels.text("step")]
    for code in charts.MEDIANS:
        header += [labels.text(code), labels.text("basis")]
    body: list[tuple[str, list[Cell | str]]] = [
        (labels.row(charts.STEPS, step), [labels.number(c) if isinstance(c, float) else c for c in cells])
        for step, cells in charts.median_rows(figures)]
    grid = _grid(header, body, None, labels)
    return _kept([para(labels.text("figures"), "subheading", bold=True), Spacer(1, 1.5 * mm)], grid, len(body))


def footer(canvas: Canvas, page: int, pages: int, summary: Summary, labels: RegionLabels) -> None:
    """A rule and the report's name above, the period and "page X of Y" below."""
    regular, heavy = register_fonts()
    canvas.saveState()
    canvas.setFillColor(ACCENT)
    canvas.rect(0, A4[1] - 6 * mm, A4[0], 6 * mm, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    canvas.setFont(heavy, 8)
    canvas.drawString(MARGIN, A4[1] - 4.2 * mm, _line(labels.text("footer", title=labels.text("title"),
                                                                  names=names(summary))))
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, 13 * mm, A4[0] - MARGIN, 13 * mm)
    canvas.setFillColor(GREY)
    canvas.setFont(regular, 8)
    canvas.drawString(MARGIN, 9 * mm, _line(period(summary, labels)))
    canvas.drawRightString(A4[0] - MARGIN, 9 * mm, labels.text("page_of", page=page, pages=pages))
    canvas.restoreState()


def _line(text: str) -> str:
    """A header or footer line kept to one line (canvas strings are not wrapped)."""
    return " ".join(text.split())[:110]
