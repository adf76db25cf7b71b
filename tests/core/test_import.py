"""Importing a recruiter's list: every row or none, bad rows named by spreadsheet row, duplicates skipped."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from welcomedesk.actor import Actor
from welcomedesk.cli import main
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.errors import ValidationError
from welcomedesk.identity import make_identity_code
from welcomedesk.model import AuditEntry, Household, Person
from welcomedesk.services.importing import import_file

HEADER = ["household", "relation", "given_names", "family_name", "native_name", "date_of_birth", "nationality",
          "languages", "email", "phone", "arrival_date", "status", "employer", "occupation",
          "personal_identity_code"]


def nurses(count: int = 12) -> list[list[str]]:
    """A recruiter's list: nurses arriving next month, some with a spouse and a child."""
    rows = []
    for i in range(count):
        born = date(1985 + i % 10, 1 + i % 12, 1 + i % 27)
        label = f"F{i}"
        rows.append([label, "main", f"Nurse{i} Maria", f"Reyes{i}", "", born.isoformat(), "PH", "tl;en",
                     f"nurse{i}@example.com", f"+3584012345{i:02d}", "2026-12-15", "expected",
                     "Kainuun hyvinvointialue", "sairaanhoitaja", make_identity_code(born, 100 + i)])
        if i % 3 == 0:
            rows.append([label, "spouse", f"Spouse{i}", f"Reyes{i}", "", "1984-06-01", "PH", "tl", "", "",
                         "2026-12-15", "expected", "", "", ""])
    return rows


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER, delimiter: str = ";",
              encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _people(database: Database) -> int:
    with unit_of_work(database, None) as session:
        return session.scalar(select(func.count()).select_from(Person)) or 0


def test_a_bad_seventh_row_imports_nothing_and_the_corrected_file_everything_once(
        database: Database, actor: Actor, tmp_path: Path) -> None:
    rows = nurses()
    good_code = rows[6][14]
    assert good_code  # the seventh data row is a nurse with a code: spreadsheet row 8
    rows[6][14] = good_code[:-1] + ("A" if good_code[-1] != "A" else "B")
    bad = write_csv(tmp_path / "list.csv", rows)
    with pytest.raises(ValidationError) as refused:
        import_file(database, actor, bad)
    assert [(p.row, p.field) for p in refused.value.problems] == [(8, "personal_identity_code")]
    assert _people(database) == 0
    rows[6][14] = good_code
    fixed = write_csv(tmp_path / "list.csv", rows)
    result = import_file(database, actor, fixed)
    assert (result.people, result.households, result.skipped) == (len(rows), 12, ())
    assert _people(database) == len(rows)
    again = import_file(database, actor, fixed)
    assert again.people == 0 and [s.row for s in again.skipped] == list(range(2, len(rows) + 2))
    assert _people(database) == len(rows)


def test_the_command_line_names_row_8_and_exits_1(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.sqlite3")
    assert main(["--db", db, "init"], stdout=io.StringIO(), stderr=io.StringIO()) == 0
    rows = nurses()
    good_code = rows[6][14]
    rows[6][14] = good_code[:-1] + ("A" if good_code[-1] != "A" else "B")
    path = write_csv(tmp_path / "list.csv", rows)
    out, err = io.StringIO(), io.StringIO()
    assert main(["--lang", "en", "--db", db, "import", str(path)], stdout=out, stderr=err) == 1
    assert err.getvalue().startswith("Row 8, personal_identity_code: ") and out.getvalue() == ""
    rows[6][14] = good_code
    write_csv(path, rows)
    out = io.StringIO()
    assert main(["--lang", "en", "--db", db, "import", str(path), "--dry-run"], stdout=out) == 0
    assert "would be imported" in out.getvalue()
    listed = io.StringIO()
    main(["--db", db, "list", "--json"], stdout=listed)
    assert json.loads(listed.getvalue()) == []  # a dry run writes nothing
    out = io.StringIO()
    assert main(["--lang", "en", "--db", db, "import", str(path)], stdout=out) == 0
    assert f"Imported {len(rows)} people in 12 households." in out.getvalue()
    out = io.StringIO()
    assert main(["--lang", "fi", "--db", db, "import", str(path)], stdout=out) == 0
    assert out.getvalue().count("\n") == len(rows) + 1  # every row listed as skipped, then the count


def test_every_bad_row_is_listed_with_its_column(database: Database, actor: Actor, tmp_path: Path) -> None:
    rows = nurses(4)
    rows[0][5] = "31.2.1990"  # row 2: no such day
    rows[2][7] = "fi;klingonish"  # row 4: languages
    rows[3][6] = "Atlantis"  # row 5: no such country
    rows[3][1] = "boss"  # row 5: relation
    with pytest.raises(ValidationError) as refused:
        import_file(database, actor, write_csv(tmp_path / "list.csv", rows))
    assert [(p.row, p.field) for p in refused.value.problems] == [
        (2, "date_of_birth"), (4, "languages"), (5, "relation"), (5, "nationality")]
    assert _people(database) == 0


@pytest.mark.parametrize(("encoding", "delimiter", "bom"), [
    ("utf-8", ";", False), ("utf-8", ",", True), ("cp1252", ";", False), ("cp1252", ",", False)])
def test_csv_as_spreadsheets_write_it(database: Database, actor: Actor, tmp_path: Path, encoding: str,
                                      delimiter: str, bom: bool) -> None:
    rows = [["", "main", "Äijä Öberg", "Ääkkönen", "", "1.2.1990", "FI", "fi", "", "", "", "arrived", "Kainuun Oy",
             "lähihoitaja", ""]]
    path = write_csv(tmp_path / "list.csv", rows, delimiter=delimiter, encoding=encoding)
    if bom:
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert import_file(database, actor, path).people == 1
    with unit_of_work(database, None) as session:
        person = session.scalars(select(Person)).one()
        assert (person.given_names, person.family_name, person.occupation) == ("Äijä Öberg", "Ääkkönen",
                                                                              "lähihoitaja")


def test_xlsx_with_date_and_number_cells(database: Database, actor: Actor, tmp_path: Path) -> None:
    header = [*HEADER, "municipality", "shoe size"]
    rows: list[list[object]] = [["A", "main", "Ana", "Cruz", "", date(1991, 3, 4), "PH", "tl", "", 358401234567,
                                 date(2026, 12, 1), "expected", "", "", "", "Kuhmo", 38],
                                ["A", "child", "Ben", "Cruz", "", date(2019, 5, 6), "PH", "tl", "", "", "",
                                 "expected", "", "", "", 290, ""]]
    result = import_file(database, actor, write_xlsx(tmp_path / "list.xlsx", rows, header))
    assert result.people == 2 and result.households == 1 and result.unknown_columns == ("shoe size",)
    with unit_of_work(database, None) as session:
        people = session.scalars(select(Person).order_by(Person.id)).all()
        assert [(p.date_of_birth, p.municipality_code, p.household_id) for p in people] == [
            (date(1991, 3, 4), "290", people[0].household_id), (date(2019, 5, 6), "290", people[0].household_id)]
        assert people[0].phone == "+358401234567" and people[0].arrival_date == date(2026, 12, 1)


HOSTILE = ["<b>Bold</b> & <i>", '=HYPERLINK("http://x")', "+358", "أحمد التميمي", "Zoë 🌸", "e\u0301mile"]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_text_is_stored_exactly(database: Database, actor: Actor, tmp_path: Path, name: str) -> None:
    import unicodedata

    rows = [["", "main", name, "Santos", name, "", "", "", "", "", "", "", name, name, ""]]
    assert import_file(database, actor, write_csv(tmp_path / "list.csv", rows)).people == 1
    with unit_of_work(database, None) as session:
        person = session.scalars(select(Person)).one()
        expected = unicodedata.normalize("NFC", name)
        assert (person.given_names, person.native_name, person.employer, person.occupation) == (expected,) * 4


@pytest.mark.parametrize(("column", "value"), [(2, "Bad\x1bname"), (3, "x" * 101), (13, "y" * 201), (2, "")])
def test_control_characters_and_too_long_text_are_refused_never_cut(database: Database, actor: Actor,
                                                                     tmp_path: Path, column: int, value: str) -> None:
    rows = nurses(1)
    rows[0][column] = value
    with pytest.raises(ValidationError) as refused:
        import_file(database, actor, write_csv(tmp_path / "list.csv", rows))
    assert refused.value.problems[0].row == 2 and refused.value.problems[0].field == HEADER[column]
    assert _people(database) == 0


@pytest.mark.parametrize(("change", "field"), [
    ({14: "010190-123M", 5: "1991-01-01"}, "personal_identity_code"),  # the code's birth date is another day
    ({14: make_identity_code(date(1990, 1, 1), 950), 5: "1990-01-01"}, "personal_identity_code"),  # temporary
    ({15: "Atlantis"}, "municipality"),
])
def test_codes_that_do_not_fit(database: Database, actor: Actor, tmp_path: Path, change: dict[int, str],
                               field: str) -> None:
    row = [*nurses(1)[0], "Kajaani"]
    for column, value in change.items():
        row[column] = value
    with pytest.raises(ValidationError) as refused:
        import_file(database, actor, write_csv(tmp_path / "list.csv", [row], header=[*HEADER, "municipality"]))
    assert [p.field for p in refused.value.problems] == [field]


def test_the_same_code_twice_in_a_file_is_refused(database: Database, actor: Actor, tmp_path: Path) -> None:
    rows = nurses(2)
    rows[1] = [*rows[0][:2], "Other", "Person", *rows[0][4:]]
    with pytest.raises(ValidationError, match="row 2") as refused:
        import_file(database, actor, write_csv(tmp_path / "list.csv", rows))
    assert refused.value.problems[0].row == 3


def test_a_file_without_the_name_columns_is_refused(database: Database, actor: Actor, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", [["Maria"]], header=["first name"])
    with pytest.raises(ValidationError) as refused:
        import_file(database, actor, path)
    assert {p.field for p in refused.value.problems} == {"given_names", "family_name"}
    assert {p.row for p in refused.value.problems} == {1}


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00garbage", b"PK\x03\x04not really a zip", b"a;b\n\"x;y\n"])
def test_files_that_are_no_list_are_refused_with_a_reason(database: Database, actor: Actor, tmp_path: Path,
                                                          content: bytes) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(content)
    with pytest.raises(ValidationError):
        import_file(database, actor, path)
    assert _people(database) == 0


def test_an_import_is_audited_by_record(database: Database, actor: Actor, tmp_path: Path) -> None:
    rows = nurses(3)
    import_file(database, actor, write_csv(tmp_path / "list.csv", rows))
    with unit_of_work(database, None) as session:
        creates = session.execute(select(AuditEntry.entity, AuditEntry.entity_id, AuditEntry.fields).where(
            AuditEntry.action == "create", AuditEntry.entity.in_(["person", "household"]))).all()
        imports = session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "import"))
        people = set(session.scalars(select(Person.id)))
        households = set(session.scalars(select(Household.id)))
    assert {i for e, i, _f in creates if e == "person"} == people and imports == 1
    assert {i for e, i, _f in creates if e == "household"} == households
    fields = next(f for e, _i, f in creates if e == "person").split(",")
    assert {"given_names", "family_name", "languages", "personal_identity_code"} <= set(fields)
    assert all("Reyes" not in f and "@" not in f for _e, _i, f in creates)


def test_a_missing_file_is_a_reason_not_a_bug(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.sqlite3")
    assert main(["--db", db, "init"], stdout=io.StringIO(), stderr=io.StringIO()) == 0
    err = io.StringIO()
    assert main(["--lang", "en", "--db", db, "import", str(tmp_path / "none.csv")], stderr=err,
                stdout=io.StringIO()) == 1
    assert "cannot be read" in err.getvalue()
