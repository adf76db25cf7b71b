"""A summary as an XLSX workbook: the summary's details, figures and signs on the first sheet, then a
sheet per table with its header frozen. Every text is written as a text cell, never as a formula, and
starts with an apostrophe where a copy into another sheet could turn it into one; numbers are numbers.
openpyxl is imported only here, when a workbook is made.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from welcomedesk.exports.lines import Block, Kind, Labels, Value, blocks, same
from welcomedesk.exports.summary import Summary
from welcomedesk.i18n import N_

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

_SHEET_NAME = 31
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
# What Excel cannot hold in a cell (openpyxl refuses them): C0 controls other than tab, LF and CR.
_NOT_IN_CELLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CELL_TEXT = 32767
_WIDEST = 60


def to_xlsx(summary: Summary, labels: Labels = same, words: Callable[[str], str] = str) -> bytes:
    """The bytes of ``summary``'s workbook."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    names: set[str] = set()
    first.title = _sheet_name(words(N_("Summary")), names)
    parts = blocks(summary, labels, words)
    _write(first, [block for block in parts if not block.table])
    first.freeze_panes = "A2"
    for block in parts:
        if block.table:
            sheet = book.create_sheet(_sheet_name(block.table, names))
            _write(sheet, [block])
            sheet.freeze_panes = "B3"  # the title, the column headers and the row labels stay in view
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write(sheet: Worksheet, parts: list[Block]) -> None:
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    widths: dict[int, int] = {}
    row = 1
    for block in parts:
        for line in block.lines:
            for column, value in enumerate(line.fields, start=1):
                cell = sheet.cell(row=row, column=column)
                if isinstance(value, str):
                    cell.value = _text(value)
                    cell.data_type = TYPE_STRING  # even "=…" or "#N/A" stays text
                    if line.kind is Kind.NOTE or len(value) > _WIDEST:
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
                else:
                    cell.value = value
                if line.kind in (Kind.TITLE, Kind.HEADER, Kind.TOTAL) or (column == 1 and line.kind is Kind.ROW):
                    cell.font = bold
                if line.kind is not Kind.NOTE:
                    widths[column] = max(widths.get(column, 8), min(_width(value), _WIDEST))
            row += 1
        row += 1
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width + 2


def _text(value: str) -> str:
    return _NOT_IN_CELLS.sub("\ufffd", value)[:_CELL_TEXT]


def _width(value: Value) -> int:
    return max((len(part) for part in str(value).splitlines()), default=0)


def _sheet_name(wanted: str, taken: set[str]) -> str:
    """``wanted`` as a sheet name Excel accepts, unlike every name in ``taken`` (case does not count)."""
    base = _NOT_IN_SHEET_NAMES.sub("_", wanted).strip("'") or "_"
    name, number = base[:_SHEET_NAME], 1
    while name.casefold() in taken or name.casefold() == "history":
        number += 1
        suffix = f" ({number})"
        name = base[:_SHEET_NAME - len(suffix)] + suffix
    taken.add(name.casefold())
    return name
