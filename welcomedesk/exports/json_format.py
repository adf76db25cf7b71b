"""A summary as JSON: the machine format the region merges, with a versioned schema.

The schema is described field by field in ``docs/region-summary-schema.md``. Reading refuses a file
that is not JSON, not a summary, of another schema version, or damaged (a field missing or of the wrong
kind, numbers that do not add up, a published count under the threshold) with a ValidationError that
says what and where; it never lets a traceback through.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date
from typing import Any, NoReturn

from welcomedesk.errors import ValidationError
from welcomedesk.exports.summary import MIN_THRESHOLD, SCHEMA, SCHEMA_VERSION, Cell, Figure, Mark, Summary, Table
from welcomedesk.i18n import _

ORIGINS = ("municipality", "merged")
_TEXT_LENGTH = 200
_HIDDEN = {mark.value: mark for mark in Mark if mark is not Mark.EXACT}
_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
_WIDTH = 120
_DIGEST = re.compile(r"[0-9a-f]{64}")


# -- writing


def to_json(summary: Summary) -> str:
    """``summary`` as the text of a JSON file (UTF-8 when written; ends with a newline)."""
    data = {
        "format": SCHEMA,
        "schema_version": summary.schema_version,
        "origin": summary.origin,
        "municipalities": [{"code": code, "name": name} for code, name in summary.municipalities],
        "period": {"from": summary.period_from, "to": summary.period_to},
        "threshold": summary.threshold,
        "made_in": summary.made_in,
        "tables": [_table_data(table) for table in summary.tables],
        "figures": [{"code": f.code, "row": f.row, "value": f.value, "basis": _cell_data(f.basis)}
                    for f in summary.figures],
        "notes": list(summary.notes),
    }
    if summary.audit_head is not None:
        data["audit_head"] = {"entry": summary.audit_head[0], "digest": summary.audit_head[1]}
    return _compact(data) + "\n"


def _compact(value: Any, indent: str = "", lead: int = 0) -> str:
    """``value`` as JSON, a list or object on one line where it fits in ``_WIDTH`` characters with the
    ``lead`` before it (a row of a table, a hidden cell), else one item a line: readable, and small."""
    flat = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, dict | list) or not value or len(indent) + lead + len(flat) <= _WIDTH:
        return flat
    inner = indent + " "
    if isinstance(value, dict):
        keys = {key: json.dumps(key, ensure_ascii=False) + ": " for key in value}
        items = [inner + keys[key] + _compact(item, inner, len(keys[key])) for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    return "[\n" + ",\n".join(inner + _compact(item, inner) for item in value) + "\n" + indent + "]"


def _table_data(table: Table) -> dict[str, Any]:
    return {
        "code": table.code,
        "margin": table.margin,
        "withheld": table.withheld,
        "columns": list(table.columns),
        "rows": [{"code": row, "cells": [_cell_data(c) for c in cells], "total": _cell_data(total)}
                 for row, cells, total in zip(table.rows, table.cells, table.row_totals, strict=True)],
        "column_totals": [_cell_data(c) for c in table.column_totals],
        "total": _cell_data(table.total),
    }


def _cell_data(cell: Cell) -> int | dict[str, Any]:
    """An exact count is a bare number; a hidden one says its mark (and a merged lower bound if any)."""
    if cell.exact:
        assert cell.value is not None
        return cell.value
    data: dict[str, Any] = {"value": None, "mark": cell.mark.value}
    if cell.at_least is not None:
        data["at_least"] = cell.at_least
    return data


# -- reading


class _Damaged(Exception):
    def __init__(self, place: str, reason: str) -> None:
        super().__init__(reason)
        self.place, self.reason = place, reason


def from_json(text: str | bytes) -> Summary:
    """The summary in ``text`` (a JSON file's text or bytes); a ValidationError says why it is refused."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("The file is not UTF-8 text.")) from None
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise ValidationError(_("The file is not valid JSON (line {line}, column {column}).")
                              .format(line=error.lineno, column=error.colno)) from None
    except (ValueError, RecursionError):
        raise ValidationError(_("The file is not valid JSON.")) from None
    if not isinstance(data, dict) or data.get("format") != SCHEMA:
        raise ValidationError(_("The file is not a WelcomeDesk region summary."))
    version = data.get("schema_version")
    if version != SCHEMA_VERSION or isinstance(version, bool):
        raise ValidationError(_("The summary has schema version {found}; this program reads version {supported}.")
                              .format(found=str(version)[:20], supported=SCHEMA_VERSION))
    try:
        return _summary(data)
    except _Damaged as damaged:
        raise ValidationError(_("The summary is damaged at {place}: {reason}")
                              .format(place=damaged.place, reason=damaged.reason)) from None


def _no_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number JSON allows")


def _summary(data: dict[str, Any]) -> Summary:
    _fields(data, "", {"format", "schema_version", "origin", "municipalities", "period", "threshold", "made_in",
                       "tables", "figures", "notes"}, {"audit_head"})
    origin = _text(data["origin"], "origin")
    if origin not in ORIGINS:
        raise _Damaged("origin", _("origin is municipality or merged"))
    municipalities = tuple(_municipality(item, f"municipalities[{k}]")
                           for k, item in enumerate(_list(data["municipalities"], "municipalities")))
    if not municipalities:
        raise _Damaged("municipalities", _("expected at least one"))
    _unique([code for code, _name in municipalities], "municipalities")
    period = data["period"]
    _fields(period, "period", {"from", "to"})
    period_from, period_to = _date(period["from"], "period.from"), _date(period["to"], "period.to")
    if period_to < period_from:
        raise _Damaged("period", _("the period ends before it begins"))
    threshold = _count(data["threshold"], "threshold")
    if threshold < MIN_THRESHOLD:
        raise _Damaged("threshold", _("the threshold is under {minimum}").format(minimum=MIN_THRESHOLD))
    made_in = _text(data["made_in"], "made_in")
    if not _MONTH.fullmatch(made_in):
        raise _Damaged("made_in", _("a month is YYYY-MM"))
    # A municipality's exact counts pass its threshold; merged ones are sums of such counts.
    smallest = threshold if origin == "municipality" else MIN_THRESHOLD
    tables = tuple(_table(item, f"tables[{k}]", smallest) for k, item in enumerate(_list(data["tables"], "tables")))
    _unique([table.code for table in tables], "tables")
    _margins(tables)
    figures = tuple(_figure(item, f"figures[{k}]", threshold)
                    for k, item in enumerate(_list(data["figures"], "figures")))
    _unique([f"{figure.code} {figure.row}" for figure in figures], "figures")
    notes = tuple(_text(item, f"notes[{k}]", limit=1000) for k, item in enumerate(_list(data["notes"], "notes")))
    return Summary(municipalities=municipalities, period_from=period_from, period_to=period_to,
                   threshold=threshold, made_in=made_in, tables=tables, figures=figures,
                   schema_version=SCHEMA_VERSION, origin=origin, notes=notes,
                   audit_head=_audit_head(data["audit_head"]) if "audit_head" in data else None)


def _audit_head(data: Any) -> tuple[int, str]:
    _fields(data, "audit_head", {"entry", "digest"})
    digest = _text(data["digest"], "audit_head.digest")
    if not _DIGEST.fullmatch(digest):
        raise _Damaged("audit_head.digest", _("a digest is 64 hexadecimal digits"))
    return _count(data["entry"], "audit_head.entry"), digest


def _municipality(data: Any, place: str) -> tuple[str, str]:
    _fields(data, place, {"code", "name"})
    return _text(data["code"], f"{place}.code"), _text(data["name"], f"{place}.name")


def _table(data: Any, place: str, smallest: int) -> Table:
    _fields(data, place, {"code", "margin", "withheld", "columns", "rows", "column_totals", "total"})
    code = _text(data["code"], f"{place}.code")
    margin = _text(data["margin"], f"{place}.margin", empty=True)
    withheld = data["withheld"]
    if not isinstance(withheld, bool):
        raise _Damaged(f"{place}.withheld", _("expected true or false"))
    columns = tuple(_text(c, f"{place}.columns[{j}]") for j, c in enumerate(_list(data["columns"], f"{place}.columns")))
    _unique(list(columns), f"{place}.columns")
    rows: list[str] = []
    cells: list[tuple[Cell, ...]] = []
    row_totals: list[Cell] = []
    for i, row in enumerate(_list(data["rows"], f"{place}.rows")):
        where = f"{place}.rows[{i}]"
        _fields(row, where, {"code", "cells", "total"})
        rows.append(_text(row["code"], f"{where}.code"))
        cells.append(_cells(row["cells"], f"{where}.cells", len(columns), smallest))
        row_totals.append(_cell(row["total"], f"{where}.total", smallest))
    _unique(rows, f"{place}.rows")
    column_totals = _cells(data["column_totals"], f"{place}.column_totals", len(columns), smallest, row=False)
    total = _cell(data["total"], f"{place}.total", smallest, row=False)
    table = Table(code, tuple(rows), columns, tuple(cells), tuple(row_totals), column_totals, total, margin, withheld)
    if withheld and any(cell.exact for cell in _every_cell(table)):
        raise _Damaged(place, _("a withheld table publishes a count"))
    if not _adds_up(table):
        raise _Damaged(place, _("the numbers do not add up"))
    return table


def _every_cell(table: Table) -> list[Cell]:
    return [*(c for line in table.cells for c in line), *table.row_totals, *table.column_totals, table.total]


def _adds_up(table: Table) -> bool:
    """Whether every equation of ``table`` whose terms are all exact holds."""
    equations = [(list(cells), total) for cells, total in zip(table.cells, table.row_totals, strict=True)]
    equations += [([line[j] for line in table.cells], table.column_totals[j]) for j in range(len(table.columns))]
    equations += [(list(table.row_totals), table.total), (list(table.column_totals), table.total)]
    for terms, total in equations:
        if all(c.exact for c in terms) and total.exact and sum(c.value or 0 for c in terms) != total.value:
            return False
    return True


def _margins(tables: tuple[Table, ...]) -> None:
    first: dict[str, Table] = {}
    for k, table in enumerate(tables):
        if not table.margin:
            continue
        other = first.setdefault(table.margin, table)
        if (other.columns, other.column_totals, other.total, other.withheld) != (
                table.columns, table.column_totals, table.total, table.withheld):
            raise _Damaged(f"tables[{k}]", _("tables with the same margin differ in their totals"))


def _figure(data: Any, place: str, threshold: int) -> Figure:
    _fields(data, place, {"code", "row", "value", "basis"})
    value = data["value"]
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)
                              or not math.isfinite(value)):
        raise _Damaged(f"{place}.value", _("expected a number"))
    basis = _cell(data["basis"], f"{place}.basis", MIN_THRESHOLD)
    if value is not None and not (basis.exact and basis.value is not None and basis.value >= threshold):
        raise _Damaged(place, _("a figure is published over a hidden or small basis"))
    return Figure(_text(data["code"], f"{place}.code"), _text(data["row"], f"{place}.row"),
                  None if value is None else float(value), basis)


def _cells(data: Any, place: str, count: int, smallest: int, row: bool = True) -> tuple[Cell, ...]:
    items = _list(data, place)
    if len(items) != count:
        raise _Damaged(place, _("expected {count} values").format(count=count))
    return tuple(_cell(item, f"{place}[{k}]", smallest, row) for k, item in enumerate(items))


def _cell(data: Any, place: str, smallest: int, row: bool = True) -> Cell:
    """A count: a bare whole number (exact, never 1 to ``smallest`` - 1) or a hidden cell's object."""
    if not isinstance(data, dict):
        value = _count(data, place)
        if 0 < value < smallest:
            raise _Damaged(place, _("an exact count is under the threshold"))
        return Cell(value)
    _fields(data, place, {"value", "mark"}, optional={"at_least"})
    mark = _HIDDEN.get(data["mark"]) if isinstance(data["mark"], str) else None
    if data["value"] is not None or mark is None or (mark is Mark.ROW and not row):
        raise _Damaged(place, _("unknown mark {mark}").format(mark=str(data["mark"])[:20]))
    at_least = data.get("at_least")
    if at_least is not None:
        if mark is not Mark.INCOMPLETE:
            raise _Damaged(place, _("unknown field {field}").format(field="at_least"))
        at_least = _count(at_least, f"{place}.at_least")
    return Cell(None, mark, at_least)


def _fields(data: Any, place: str, required: set[str], optional: frozenset[str] | set[str] = frozenset()) -> None:
    if not isinstance(data, dict):
        raise _Damaged(place or "/", _("expected an object"))
    for key in sorted(required):
        if key not in data:
            raise _Damaged(place or "/", _("a field is missing: {field}").format(field=key))
    for key in data:
        if key not in required and key not in optional:
            raise _Damaged(place or "/", _("unknown field {field}").format(field=str(key)[:40]))


def _list(data: Any, place: str) -> list[Any]:
    if not isinstance(data, list):
        raise _Damaged(place, _("expected a list"))
    return data


def _count(data: Any, place: str) -> int:
    if isinstance(data, bool) or not isinstance(data, int) or data < 0:
        raise _Damaged(place, _("expected a whole number of 0 or more"))
    return data


def _text(data: Any, place: str, limit: int = _TEXT_LENGTH, empty: bool = False) -> str:
    if not isinstance(data, str):
        raise _Damaged(place, _("expected text"))
    if (not data and not empty) or len(data) > limit or any(ord(c) < 32 or 0x7f <= ord(c) < 0xa0 for c in data):
        raise _Damaged(place, _("text is empty, too long or holds control characters"))
    return data


def _date(data: Any, place: str) -> str:
    text = _text(data, place)
    try:
        if date.fromisoformat(text).isoformat() != text:
            raise ValueError(text)
    except ValueError:
        raise _Damaged(place, _("a date is YYYY-MM-DD")) from None
    return text


def _unique(codes: list[str], place: str) -> None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise _Damaged(place, _("{code} appears twice").format(code=code[:40]))
        seen.add(code)
