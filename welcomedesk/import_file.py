"""Reading a recruiter's or partner's list: a CSV or XLSX file as a header and rows of cells.

CSV comes as Excel and other tools write it: UTF-8 with or without a byte order mark, or
Windows-1252, separated by ``;`` (a Finnish Excel) or ``,``. XLSX is read with openpyxl, imported
only here; a date cell stays a date. Row numbers are spreadsheet rows: the header is row 1.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from welcomedesk.errors import ValidationError
from welcomedesk.i18n import _

Cell = str | date
# A file larger than this is no recruiter's list (10 000 rows of this program's columns are ~2 MB).
MAX_BYTES = 50_000_000
MAX_ROWS = 50_000


@dataclass(frozen=True)
class Table:
    """The file's header (trimmed, lower case) and its data rows, each with its spreadsheet row number."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]


def read_table(path: Path) -> Table:
    """Read ``path`` as CSV or XLSX (by its name), or refuse it with a reason."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ValidationError(_("The file is too large to be a list of newcomers."), field="file")
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(_("The file {name} cannot be read: {error}").format(
            name=path.name, error=exc.strerror or type(exc).__name__), field="file") from exc
    if path.suffix.lower() == ".xlsx" or data[:4] == b"PK\x03\x04":
        return _xlsx(data)
    if path.suffix.lower() not in (".csv", ".txt", ""):
        raise ValidationError(_("Give a CSV or an XLSX file."), field="file")
    return _csv(data)


def _text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Not UTF-8: Excel on a Finnish Windows saves CSV as Windows-1252.
        return data.decode("cp1252", errors="replace")


def _csv(data: bytes) -> Table:
    try:
        text = _text(data)
    except UnicodeDecodeError:
        raise ValidationError(_("The file says it is UTF-8 but is not."), field="file") from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") and ";" in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        lines: list[list[Cell]] = [list(line) for line in reader]
    except csv.Error as exc:
        raise ValidationError(_("The CSV file cannot be read: {error}").format(error=str(exc)), field="file") \
            from None
    return _table(lines)


def _xlsx(data: bytes) -> Table:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError):
        raise ValidationError(_("The XLSX file cannot be read: it is damaged or not a spreadsheet."),
                              field="file") from None
    try:
        sheet = workbook.worksheets[0]
        lines: list[list[Cell]] = []
        for values in sheet.iter_rows(values_only=True):
            if len(lines) > MAX_ROWS:
                break
            lines.append([_cell(v) for v in values])
    finally:
        workbook.close()
    return _table(lines)


def _cell(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone or postal code typed as a number
    return str(value)


def _table(lines: list[list[Cell]]) -> Table:
    # Rows with nothing in them (a spreadsheet's trailing blank lines) are not data.
    numbered = [(number, tuple(line)) for number, line in enumerate(lines, start=1)
                if any(str(c).strip() for c in line)]
    if not numbered or numbered[0][0] != 1:
        raise ValidationError(_("The first row must name the columns."), field="file")
    if len(numbered) - 1 > MAX_ROWS:
        raise ValidationError(_("The file has more than {max} rows; split it.").format(max=MAX_ROWS), field="file")
    header = tuple(str(c).strip().lower() for c in numbered[0][1])
    return Table(header=header, rows=tuple(numbered[1:]))
