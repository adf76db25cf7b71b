"""The region's merge of three municipalities gives the documented result; files it cannot trust, and
summaries that do not belong together, are refused with a reason."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from welcomedesk.errors import ValidationError
from welcomedesk.exports.disclosure import protect
from welcomedesk.exports.json_format import from_json, to_json
from welcomedesk.exports.merge import merge
from welcomedesk.exports.summary import Cell, Counted, Figure, Mark, Measured, Summary, Table
from welcomedesk.i18n import translator

H = ("2026-H1", "2026-H2")
S, R = Cell(None, Mark.SUPPRESSED), Cell(None, Mark.ROW)


def at_least(n: int | None) -> Cell:
    return Cell(None, Mark.INCOMPLETE, n)


def role(rows: tuple[str, ...], counts: list[list[int]]) -> Counted:
    return Counted("arrivals.role", rows, H, {(r, H[j]): v for r, line in zip(rows, counts, strict=True)
                                               for j, v in enumerate(line)}, "arrivals")


def municipality(code: str, name: str, threshold: int, counted: Counted, measured: list[Measured]) -> Summary:
    tables, figures = protect([counted], measured, threshold)
    return Summary(((code, name),), "2026-01-01", "2026-12-31", threshold, "2026-11", tables, figures)


ROLES = ("main", "spouse", "child")
# Turku, threshold 5:         main   10 12 | 22    child's 2 is small: 8 goes beside it in its row, then
#                             spouse  6  5 | 11    5 and 6 beside 2 and 8 in their columns.
#                             child   8  2 | 10
#                                    24 19 | 43
TURKU = municipality("853", "Turku", 5, role(ROLES, [[10, 12], [6, 5], [8, 2]]),
                     [Measured("days.first_step", "all", 12.0, 43), Measured("days.daycare", "all", 30.0, 4)])
# Tampere, threshold 5: nothing small, all published.   main 20 15 | 35, spouse 9 7 | 16, child 11 9 | 20;
#                                                        40 31 | 71.
TAMPERE = municipality("837", "Tampere", 5, role(ROLES, [[20, 15], [9, 7], [11, 9]]),
                       [Measured("days.first_step", "all", 9.5, 71)])
# Jyväskylä, threshold 6, one row more:   main    7 6 | 13    other totals 2: ROW. Rule 2 hides 6 (child
#                                         spouse  0 0 |  0    H1) and 6 (main H2) beside other's cells in
#                                         child   6 9 | 15    their columns, 13 among the row totals, then
#                                         other   2 0 |  2    9 beside child's 6 in its row. Main's 7 and
#                                                15 15 | 30   child's total 15 stay.
JYVASKYLA = municipality("179", "Jyväskylä", 6, role((*ROLES, "other"), [[7, 6], [0, 0], [6, 9], [2, 0]]),
                         [Measured("days.first_step", "all", 20.0, 30)])


def test_the_three_municipalities_publish_what_their_comments_say() -> None:
    assert TURKU.tables[0].cells == ((Cell(10), Cell(12)), (S, S), (S, S))
    assert TURKU.tables[0].row_totals == (Cell(22), Cell(11), Cell(10))
    assert TAMPERE.tables[0].cells == ((Cell(20), Cell(15)), (Cell(9), Cell(7)), (Cell(11), Cell(9)))
    assert JYVASKYLA.tables[0].cells == ((Cell(7), S), (Cell(0), Cell(0)), (S, S), (R, R))
    assert JYVASKYLA.tables[0].row_totals == (S, Cell(0), Cell(15), R)
    assert [(*t.column_totals, t.total) for t in (TURKU.tables[0], TAMPERE.tables[0], JYVASKYLA.tables[0])] == [
        (Cell(24), Cell(19), Cell(43)), (Cell(40), Cell(31), Cell(71)), (Cell(15), Cell(15), Cell(30))]
    assert TURKU.figures[1] == Figure("days.daycare", "all", None, S)


def test_three_municipalities_merge_into_the_documented_regional_summary() -> None:
    files = [to_json(summary) for summary in (TURKU, TAMPERE, JYVASKYLA)]
    region = merge([from_json(text) for text in files], made_in="2026-12")
    # In the order of the municipalities' codes; the threshold is the largest of theirs.
    assert region.municipalities == (("179", "Jyväskylä"), ("837", "Tampere"), ("853", "Turku"))
    assert (region.origin, region.threshold, region.made_in) == ("merged", 6, "2026-12")
    assert (region.period_from, region.period_to) == ("2026-01-01", "2026-12-31")
    table = region.table("arrivals.role")
    # Rows as they first come (Jyväskylä's "other" counts as an exact 0 in Tampere and Turku).
    assert table.rows == ("main", "spouse", "child", "other") and table.margin == "arrivals"
    assert table.cells == (
        # main: 7 + 20 + 10 = 37 exact; H2 hidden in Jyväskylä: at least 15 + 12.
        (Cell(37), at_least(27)),
        # spouse: hidden in Turku: at least 0 + 9 and 0 + 7 (over 6, so told).
        (at_least(9), at_least(7)),
        # child: hidden in Jyväskylä and Turku: at least Tampere's 11 and 9.
        (at_least(11), at_least(9)),
        # other: only Jyväskylä's hidden row, nothing published: no lower bound.
        (at_least(None), at_least(None)),
    )
    assert table.row_totals == (at_least(57), Cell(27), Cell(45), at_least(None))
    assert table.column_totals == (Cell(79), Cell(65)) and table.total == Cell(144)
    # Medians do not add up: a regional figure keeps its basis, merged like a count, and no value.
    assert region.figures == (Figure("days.first_step", "all", None, Cell(144)),
                              Figure("days.daycare", "all", None, at_least(None)))
    assert from_json(to_json(region)) == region


def test_a_higher_regional_threshold_tells_fewer_lower_bounds() -> None:
    region = merge([TURKU, TAMPERE, JYVASKYLA], threshold=10, made_in="2026-12")
    table = region.table("arrivals.role")
    assert region.threshold == 10
    assert table.cells[1] == (at_least(None), at_least(None)) and table.cells[2] == (at_least(11), at_least(None))
    # Exact counts were published already: they stay.
    assert table.cells[0][0] == Cell(37) and table.row_totals[1] == Cell(27)
    # A threshold never lowers the inputs' own.
    assert merge([TURKU, TAMPERE, JYVASKYLA], threshold=3, made_in="2026-12").threshold == 6


def test_merging_merged_summaries_keeps_their_lower_bounds() -> None:
    first = merge([TURKU, TAMPERE], made_in="2026-12")
    again = merge([first, JYVASKYLA], made_in="2026-12")
    assert again.table("arrivals.role") == merge([TURKU, TAMPERE, JYVASKYLA], made_in="2026-12").table("arrivals.role")


def _refusal(summaries: list[Summary]) -> str:
    with pytest.raises(ValidationError) as refused:
        merge(summaries, made_in="2026-12")
    assert translator("fi")(refused.value.message) != str(refused.value)  # it speaks Finnish too
    return str(refused.value)


def test_summaries_that_do_not_belong_together_are_refused_with_their_reason() -> None:
    assert "at least two" in _refusal([TURKU])
    assert "different periods: 2026-01-01 – 2026-06-30, 2026-01-01 – 2026-12-31" in _refusal(
        [TURKU, replace(TAMPERE, period_to="2026-06-30")])
    assert "different schema versions: 1, 2" in _refusal([TURKU, replace(TAMPERE, schema_version=2)])
    assert "Municipality 853 is in more than one summary" in _refusal([TURKU, TAMPERE, replace(JYVASKYLA,
                                                                       municipalities=(("853", "Turku"),))])
    other_columns = replace(TAMPERE.tables[0], columns=("2026", "2027"))
    assert "Table arrivals.role has other columns" in _refusal([TURKU, replace(TAMPERE, tables=(other_columns,))])
    extra = Table("contacts", ("fi",), ("all",), ((Cell(0),),), (Cell(0),), (Cell(0),), Cell(0))
    assert "Table contacts is missing from the summary of Turku" in _refusal(
        [TURKU, replace(JYVASKYLA, tables=(*JYVASKYLA.tables, extra))])
    with pytest.raises(ValidationError, match="at least 3"):
        merge([TURKU, TAMPERE], threshold=2)


# -- files that cannot be trusted


def _read_refusal(text: str | bytes) -> str:
    with pytest.raises(ValidationError) as refused:
        from_json(text)
    return str(refused.value)


def _damaged(change: str) -> str:
    """The reason a file of Turku's summary is refused after ``change`` (a statement on ``data``)."""
    data = json.loads(to_json(TURKU))
    exec(change, {}, {"data": data})
    return _read_refusal(json.dumps(data))


def test_a_damaged_or_foreign_file_is_refused_with_its_reason() -> None:
    text = to_json(TURKU)
    assert "not valid JSON (line" in _read_refusal(text[: len(text) // 2])
    assert "not valid JSON" in _read_refusal('{"format": NaN}')
    assert "not valid JSON" in _read_refusal("[" * 100_000)
    assert "not UTF-8" in _read_refusal(text.encode("utf-16"))
    assert "not a WelcomeDesk region summary" in _read_refusal('{"format": "welcomedesk-catalogue"}')
    assert "not a WelcomeDesk region summary" in _read_refusal("[1, 2]")
    assert "schema version 2; this program reads version 1" in _read_refusal(text.replace(
        '"schema_version": 1', '"schema_version": 2'))
    assert "schema version True" in _read_refusal(text.replace('"schema_version": 1', '"schema_version": true'))
    assert from_json(text.encode("utf-8-sig")) == TURKU


@pytest.mark.parametrize(("change", "reason"), [
    ("del data['period']", "damaged at /: a field is missing: period"),
    ("data['name'] = 'x'", "damaged at /: unknown field name"),
    ("data['tables'][0]['rows'][1]['cells'][0] = {'value': 3, 'mark': 'suppressed'}",
     "tables[0].rows[1].cells[0]: unknown mark suppressed"),
    ("data['tables'][0]['rows'][1]['cells'][0] = {'value': None, 'mark': 'secret'}", "unknown mark secret"),
    ("data['tables'][0]['rows'][0]['cells'][0] = 3", "tables[0].rows[0].cells[0]: an exact count is under"),
    ("data['tables'][0]['rows'][0]['cells'][0] = 11", "tables[0]: the numbers do not add up"),
    ("data['tables'][0]['rows'][0]['cells'][0] = 10.0", "expected a whole number of 0 or more"),
    ("data['tables'][0]['rows'][0]['cells'][0] = -10", "expected a whole number of 0 or more"),
    ("data['tables'][0]['rows'][0]['cells'].pop()", "tables[0].rows[0].cells: expected 2 values"),
    ("data['tables'][0]['column_totals'][0] = {'value': None, 'mark': 'row'}", "unknown mark row"),
    ("data['period']['to'] = '2025-12-31'", "the period ends before it begins"),
    ("data['period']['from'] = '1.1.2026'", "period.from: a date is YYYY-MM-DD"),
    ("data['made_in'] = '2026-13'", "made_in: a month is YYYY-MM"),
    ("data['threshold'] = 2", "threshold: the threshold is under 3"),
    ("data['municipalities'] = []", "municipalities: expected at least one"),
    ("data['municipalities'][0]['name'] = 'Turku\\x00'", "holds control characters"),
    ("data['tables'].append(data['tables'][0])", "tables: arrivals.role appears twice"),
    ("data['tables'][0]['withheld'] = True", "a withheld table publishes a count"),
    ("data['figures'][1]['value'] = 30.0", "figures[1]: a figure is published over a hidden or small basis"),
    ("data['figures'][0]['value'] = 'many'", "figures[0].value: expected a number"),
    ("data['origin'] = 'county'", "origin: origin is municipality or merged"),
])
def test_a_damaged_summary_says_what_and_where(change: str, reason: str) -> None:
    assert reason in _damaged(change)


def test_a_merged_file_reads_back_and_merges_again() -> None:
    region = merge([TURKU, TAMPERE], made_in="2026-12")
    assert from_json(to_json(region)) == region
    assert "Municipality 853 is in more than one summary" in _refusal([from_json(to_json(region)), TURKU])


# -- never more precise than the municipalities


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), min_size=2, max_size=4),
                min_size=2, max_size=4), st.sampled_from([3, 5]))
def test_a_regional_count_is_exact_only_where_every_part_is(grids: list[list[tuple[int, int]]], threshold: int) -> None:
    parts = []
    for k, grid in enumerate(grids):
        rows = tuple(f"r{i}" for i in range(len(grid)))
        parts.append(municipality(f"{k:03}", f"M{k}", threshold, role(rows, [list(line) for line in grid]), []))
    region = merge(parts, made_in="2026-12").table("arrivals.role")
    for i, row in enumerate(region.rows):
        for j in range(2):
            cell = region.cells[i][j]
            true = sum(grid[int(row[1:])][j] for grid in grids if int(row[1:]) < len(grid))
            inputs = [p.tables[0].cell(row, H[j]) for p in parts if row in p.tables[0].rows]
            if cell.exact:
                assert cell.value == true and all(c.exact for c in inputs)
            else:
                assert cell.mark is Mark.INCOMPLETE and any(not c.exact for c in inputs)
                assert cell.at_least is None or threshold <= cell.at_least <= true
