"""A summary as CSV for Finnish Excel, as XLSX and as JSON: hostile text stays text, numbers stay numbers,
and JSON reads back as the same summary."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from welcomedesk.exports.csv_format import to_csv
from welcomedesk.exports.json_format import from_json, to_json
from welcomedesk.exports.lines import neutral
from welcomedesk.exports.summary import Cell, Figure, Mark, Summary, Table
from welcomedesk.exports.xlsx_format import to_xlsx
from welcomedesk.i18n import translator

HOSTILE = ['=HYPERLINK("http://x","click")', "+1", "-1", "@SUM(A1)", "Smith & <Jones>", "محمد علي 12",
           "🙂 Đà Nẵng", '"quoted"; semi']
# Control characters cannot be codes in the JSON file; labels the caller gives may still hold them.
LABEL_ONLY = ["\tTAB", "\rCR", "＝1+1"]
S = Cell(None, Mark.SUPPRESSED)


def _summary(rows: list[str], name: str = "Turku") -> Summary:
    n = len(rows)
    table = Table(
        code="arrivals.country", rows=tuple(rows), columns=("2026-H1", "2026-H2"),
        cells=tuple((Cell(10 + i), Cell(5)) if i else (S, S) for i in range(n)),
        row_totals=tuple(Cell(15 + i) if i else Cell(7) for i in range(n)),
        column_totals=(S, S), total=Cell(7 + sum(15 + i for i in range(1, n))), margin="arrivals")
    merged = Table("contacts.topic", ("work",), ("all",), ((Cell(None, Mark.INCOMPLETE, 12),),),
                   (Cell(None, Mark.INCOMPLETE, 12),), (Cell(None, Mark.INCOMPLETE),), Cell(None, Mark.INCOMPLETE))
    return Summary((("853", name),), "2026-01-01", "2026-12-31", 5, "2026-11", (table, merged),
                   (Figure("days.first_step", "all", 12.5, Cell(40)), Figure("days.daycare", "all", None, S)),
                   notes=("-note that starts with a minus",))


def _csv_fields(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    # Every field quoted, ; between them, every line ended by CRLF (quoted fields may hold line breaks).
    assert re.fullmatch(r'(?:"(?:[^"]|"")*"(?:;"(?:[^"]|"")*")*\r\n|\r\n)*', text)
    return [line for line in csv.reader(io.StringIO(text, newline=""), delimiter=";") if line]


def test_csv_is_what_finnish_excel_opens_and_neutralises_formulas() -> None:
    labels = dict(zip(["r1", "r2", "r3"], LABEL_ONLY, strict=True))
    data = to_csv(_summary(["r0", *HOSTILE, "r1", "r2", "r3"], name="=cmd|' /C calc'!A0"),
                  labels=lambda code: labels.get(code, code))
    fields = _csv_fields(data)
    written = [line[0] for line in fields]
    for text in [*HOSTILE, *LABEL_ONLY]:
        expected = "'" + text if text[0] in "=+-@\t\r＝" else text
        assert expected in written, text
    # Nothing in any field begins like a formula.
    assert not [f for line in fields for f in line if f[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert ["Municipalities", "'=cmd|' /C calc'!A0 (853)"] in fields
    assert ["arrivals.country", "arrivals.country"] in fields and ["", "2026-H1", "2026-H2", "Total"] in fields
    assert ["r0", "..", "..", "7"] in fields and ["'+1", "12", "5", "17"] in fields
    assert ["work", "≥ 12", "≥ 12"] in fields and ["Total", "..+", "..+"] in fields
    # A decimal has the comma Finnish Excel expects; a hidden basis has its sign, and its figure a dot.
    assert ["days.first_step", "all", "12,5", "40"] in fields and ["days.daycare", "all", ".", ".."] in fields
    assert ["'-note that starts with a minus"] in fields
    assert ["..", "hidden: a count from 1 to the threshold minus one, or a count hidden so that such a count "
                  "cannot be worked out"] in fields


def test_csv_speaks_the_report_language() -> None:
    fields = _csv_fields(to_csv(_summary(["r0"]), words=translator("fi")))
    assert ["", "2026-H1", "2026-H2", "Yhteensä"] in fields


def test_xlsx_writes_every_text_as_text_and_numbers_as_numbers() -> None:
    labels = dict(zip(["r1", "r2", "r3"], ["\x00nul\x07", *LABEL_ONLY[1:]], strict=True))
    data = to_xlsx(_summary(["r0", *HOSTILE, "r1", "r2", "r3"], name="=1+1"), labels=lambda c: labels.get(c, c))
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Summary", "arrivals.country", "contacts.topic"]
    texts: list[str] = []
    for sheet in book.worksheets:
        for line in sheet.iter_rows():
            for cell in line:
                assert cell.data_type != "f", cell.coordinate
                if isinstance(cell.value, str):
                    assert cell.data_type == "s" and not cell.value.startswith(("=", "+", "-", "@")), cell.value
                    texts.append(cell.value)
    for text in HOSTILE:
        assert neutral(text) in texts
    assert "'=1+1 (853)" in texts and "\ufffdnul\ufffd" in texts
    table = book["arrivals.country"]
    assert table.freeze_panes == "B3" and table["A1"].font.b and table["B2"].font.b
    assert [c.value for c in table[3]] == ["r0", "..", "..", 7]
    assert [c.value for c in table[4]][1:] == [11, 5, 16] and table["B4"].data_type == "n"
    assert table.column_dimensions["A"].width > 20
    summary = book["Summary"]
    assert summary["A1"].value == "Region summary" and summary["A1"].font.b
    assert ["days.first_step", "all", 12.5, 40] in [[c.value for c in line] for line in summary.iter_rows()]


def test_xlsx_sheet_names_are_ones_excel_accepts() -> None:
    tables = tuple(Table(code, ("r",), ("all",), ((Cell(0),),), (Cell(0),), (Cell(0),), Cell(0))
                   for code in ("a/b:c*?[d]", "a_b_c__[d]".replace("[", "_").replace("]", "_"), "x" * 40, "History"))
    summary = Summary((("853", "Turku"),), "2026-01-01", "2026-12-31", 5, "2026-11", tables)
    names = load_workbook(io.BytesIO(to_xlsx(summary, words=translator("sv")))).sheetnames
    assert names == ["Sammanfattning", "a_b_c___d_", "a_b_c___d_ (2)", "x" * 31, "History (2)"]


@pytest.mark.parametrize("rows", [HOSTILE, ["r0"]])
def test_a_json_round_trip_is_identical(rows: list[str]) -> None:
    summary = _summary(["r0", *rows[1:]] if rows == ["r0"] else ["r0", *rows])
    text = to_json(summary)
    assert from_json(text) == summary and to_json(from_json(text)) == text
    assert '"value": null, "mark": "suppressed"' in re.sub(r"\s+", " ", text).replace("{ ", "{")
    assert "=HYPERLINK" not in text or '"=HYPERLINK(\\"http://x\\",\\"click\\")"' in text
