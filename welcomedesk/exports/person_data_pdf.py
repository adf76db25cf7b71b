"""Everything held on one person as a readable PDF, for their access request: a title with the person's name,
their fields as label and value, then a section per kind of record (household, statuses, steps, notes, the
audit history...), each record as its values; "page X of Y" on every page.

    person_data_pdf(data, "fi") -> bytes

``data`` is the plain JSON-safe dict ``services.person_data.person_data`` gives; the words printed around it
are looked up in ``language``. ReportLab is imported when a document is made. What anyone typed is printed
whole: escaped for ReportLab's markup (``Smith & <Jones>``), right-to-left text wrapped and reordered by the
packet's own paragraph, each run in a bundled font that draws it, and a character no bundled font has
printed by its name ("[U+1F642 SLIGHTLY SMILING FACE]") rather than as a box or a refusal.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from typing import Any

from welcomedesk.i18n import N_, Translator, translator
from welcomedesk.person_fields import FIELD

# The sections after the person's own fields, by the data's key, in the order they print.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("members", N_("Household")),
    ("status_history", N_("Status history")),
    ("activity_history", N_("Work or studies")),
    ("visits", N_("Visits")),
    ("checklist", N_("Checklist")),
    ("follow_ups", N_("Follow-ups")),
    ("paths", N_("Paths into work")),
    ("papers", N_("Papers given")),
    ("notes", N_("Notes")),
    ("audit_history", N_("Audit history")),
)
# Labels of the keys that are not a person's fields (those print with the field's own label).
LABELS: dict[str, str] = {
    "id": N_("Number"),
    "household": N_("Household"),
    "household_name": N_("Household's name"),
    "municipality_name": N_("Municipality"),
    "version": N_("Version"),
    "made_at": N_("Made"),
    "erased_at": N_("Erased"),
    "job_ended_on": N_("Job ended"),
    "protection_months": N_("Protection period in months"),
    "protection_ends": N_("Protection period ends"),
    "relation": N_("Relation"),
    "reason": N_("Reason"),
    "status": N_("Status"),
    "since": N_("Since"),
    "destination_municipality": N_("Moved to"),
    "activity": N_("Work or studies"),
    "visited_on": N_("Visited on"),
    "channel": N_("Channel"),
    "language": N_("Language"),
    "languages": N_("Languages"),
    "interpreter_paid_by": N_("Interpreter"),
    "minutes": N_("Minutes"),
    "no_show": N_("Missed"),
    "service": N_("Step"),
    "title": N_("Title"),
    "category": N_("Category"),
    "applies": N_("Applies"),
    "due_date": N_("Due"),
    "done_on": N_("Done on"),
    "partner": N_("Partner"),
    "waits_for": N_("Waits for"),
    "referral": N_("Referred"),
    "note": N_("Note"),
    "days_after_arrival": N_("Days after arrival"),
    "contacted_on": N_("Contacted on"),
    "outcome": N_("Outcome"),
    "answers": N_("Answers"),
    "path": N_("Path"),
    "stage": N_("Stage"),
    "reached_on": N_("Reached"),
    "detail": N_("Detail"),
    "kind": N_("Paper"),
    "content_version": N_("Content version"),
    "given_on": N_("Given on"),
    "text": N_("Note"),
    "written_on": N_("Written on"),
    "at": N_("When"),
    "account": N_("Staff account"),
    "action": N_("Act"),
    "record": N_("Record"),
    "record_id": N_("Number"),
    "fields": N_("Fields"),
}
TITLE = N_("Personal data held by the welcome desk")
NOTHING = N_("None recorded.")
PAGE_OF = N_("Page {page} of {pages}")
YES, NO = N_("Yes"), N_("No")
NO_VALUE = "—"
# A moment as the data holds it: ISO 8601 in UTC ("2026-11-26T09:05:00.123456+00:00").
_MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?\+00:00")
# A section whose records have no more values than this is a table with a column each; wider records
# print one below another as label and value.
TABLE_COLUMNS = 6


def person_data_pdf(data: Mapping[str, Any], language: str) -> bytes:
    """The document as PDF bytes; the same data and language give the same bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import SimpleDocTemplate

    from welcomedesk.packet.canvas import numbered
    from welcomedesk.packet.fonts import register_fonts

    regular, _bold = register_fonts()
    words = translator(language)
    out = io.BytesIO()
    title = words(TITLE)
    document = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm,
                                 bottomMargin=18 * mm, title=title, author="WelcomeDesk", creator="WelcomeDesk",
                                 lang=language, invariant=1)

    def footer(canvas: Canvas, page: int, pages: int) -> None:
        canvas.setFont(regular, 8)
        canvas.setFillColorRGB(0.35, 0.35, 0.35)
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, words(PAGE_OF).format(page=page, pages=pages))

    document.build(list(_story(data, words, A4[0] - 36 * mm - 12)), canvasmaker=numbered(footer))
    return out.getvalue()


def _story(data: Mapping[str, Any], words: Translator, width: float) -> Iterator[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    yield _value(words(TITLE), "title", bold=True)
    name = " ".join(str(data.get(key) or "") for key in ("given_names", "family_name")).strip()
    if name:
        yield _value(name, "lead")
    if data.get("native_name"):
        yield _value(str(data["native_name"]), "lead")
    yield Spacer(1, 4 * mm)
    own = [(key, value) for key, value in data.items() if not isinstance(value, list | dict)]
    yield _pairs([(_label(key, words), _text(value, words)) for key, value in own], width)
    for key, heading in SECTIONS:
        yield Spacer(1, 5 * mm)
        yield _value(words(heading), "heading", bold=True)
        yield Spacer(1, 1.5 * mm)
        yield from _records(_entries(data.get(key)), words, width)


def _entries(value: Any) -> list[Mapping[str, Any]]:
    """A section's records; the paths (a list per path) as one list with the path named in each."""
    if isinstance(value, Mapping):
        return [{"path": path, **stage} for path, stages in value.items() for stage in stages]
    return [entry for entry in value or () if isinstance(entry, Mapping)]


def _records(entries: Sequence[Mapping[str, Any]], words: Translator, width: float) -> Iterator[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    if not entries:
        yield _value(words(NOTHING), "body")
        return
    keys = list(dict.fromkeys(key for entry in entries for key in entry))
    if len(keys) <= TABLE_COLUMNS:
        yield _table(keys, entries, words, width)
        return
    for number, entry in enumerate(entries):
        if number:
            yield Spacer(1, 2.5 * mm)
        yield _pairs([(_label(key, words), _text(entry.get(key), words)) for key in keys], width, ruled=True)


def _table(keys: list[str], entries: Sequence[Mapping[str, Any]], words: Translator, width: float) -> Any:
    from reportlab.platypus import Table

    labels = [_label(key, words) for key in keys]
    texts = [[_text(entry.get(key), words) for key in keys] for entry in entries]
    widths = _widths([[label, *(row[column] for row in texts)] for column, label in enumerate(labels)], width)
    rows = [[_value(label, "cell", bold=True) for label in labels]]
    rows += [[_value(text, "cell") for text in row] for row in texts]
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(_grid())
    return table


def _widths(columns: list[list[str]], width: float) -> list[float]:
    """Column widths: each at least its longest word (no word is broken), the rest of the width shared as the
    longer texts ask for it (a list of fields more than a number)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from welcomedesk.packet.fonts import BOLD

    def wide(text: str) -> float:
        return float(stringWidth(text, BOLD, SIZES["cell"]))

    padding = 12.0  # the table's default 6 points on either side
    least = [max(wide(word) for text in cells for word in text.split() or [""]) + padding for cells in columns]
    wish = [max(min(wide(text), width / 2) + padding, low) for text, low in
            ((max(cells, key=len), low) for cells, low in zip(columns, least, strict=True))]
    if sum(least) >= width:
        return [width * low / sum(least) for low in least]
    spare, extra = width - sum(least), [w - low for w, low in zip(wish, least, strict=True)]
    if not sum(extra):
        return [low + spare / len(least) for low in least]
    return [low + spare * more / sum(extra) for low, more in zip(least, extra, strict=True)]


def _pairs(pairs: list[tuple[str, str]], width: float, ruled: bool = False) -> Any:
    from reportlab.lib.units import mm
    from reportlab.platypus import Table

    label_width = 55 * mm
    rows = [[_value(label, "cell", bold=True), _value(value, "cell")] for label, value in pairs]
    table = Table(rows, colWidths=[label_width, width - label_width], hAlign="LEFT")
    table.setStyle(_grid() if ruled else _plain())
    return table


@cache
def _plain() -> Any:
    from reportlab.platypus import TableStyle

    return TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                       ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)])


@cache
def _grid() -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    return TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.4,
                                                               colors.HexColor("#C8C8C8")),
                       ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)])


def _label(key: str, words: Translator) -> str:
    if key in FIELD:
        return words(FIELD[key].label)
    label = LABELS.get(key)
    return words(label) if label else key.replace("_", " ")


def _text(value: Any, words: Translator) -> str:
    """A value as printed: none as a dash, yes or no in words, a list or a record's parts joined."""
    if value is None or value == "":
        return NO_VALUE
    if isinstance(value, bool):
        return words(YES if value else NO)
    if isinstance(value, list | tuple):
        return "; ".join(_text(item, words) for item in value) or NO_VALUE
    if isinstance(value, Mapping):
        return "; ".join(f"{_label(key, words)}: {_text(item, words)}" for key, item in value.items()) or NO_VALUE
    text = str(value)
    if _MOMENT.fullmatch(text):  # a moment in UTC, to the minute
        return f"{text[:10]} {text[11:16]} UTC"
    return text


# -- paragraphs

SIZES = {"title": 17.0, "lead": 12.0, "heading": 12.5, "body": 9.5, "cell": 8.5}


@cache
def _style(kind: str, bold: bool, shaping: bool) -> Any:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    from welcomedesk.packet.fonts import register_fonts

    regular, heavy = register_fonts()
    size = SIZES[kind]
    colour = "#1F5C99" if kind in ("title", "heading") else "#1A1A1A"
    return ParagraphStyle(f"person-data-{kind}-{bold}-{shaping}", fontName=heavy if bold else regular,
                          fontSize=size, leading=size * 1.3, textColor=colors.HexColor(colour),
                          shaping=1 if shaping else 0)


def _value(text: str, kind: str, bold: bool = False) -> Any:
    """A text as typed, printed whole: escaped, in fonts that draw it, right-to-left reordered by line."""
    from reportlab.platypus import Paragraph

    from welcomedesk.packet.fonts import register_fonts
    from welcomedesk.packet.rtl import RtlParagraph, has_right_to_left, starts_right_to_left
    from welcomedesk.packet.scripts import markup

    text = _named_where_undrawable(text)
    if has_right_to_left(text):
        regular, heavy = register_fonts()
        base = "R" if starts_right_to_left(text) else "L"
        return RtlParagraph(text, heavy if bold else regular, SIZES[kind], right=False, base=base)
    body = markup(text, bold)
    return Paragraph(body, _style(kind, bold, "<font" in body))


def _named_where_undrawable(text: str) -> str:
    """``text`` with each character no bundled font draws replaced by its name in brackets."""
    from welcomedesk.packet.scripts import missing

    names = missing(text)
    if not names:
        return text
    named = {chr(int(name.split()[0][2:], 16)): f"[{name}]" for name in names}
    return "".join(named.get(char, char) for char in text)
