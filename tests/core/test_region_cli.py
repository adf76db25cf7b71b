"""The command line's ``export-region`` and ``merge-region``: exit codes, three municipalities merged into the
documented regional summary, damaged files refused with their reason, and no database opened by a merge."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.core.test_cli import run
from welcomedesk.config import resolve_database
from welcomedesk.exports.json_format import from_json
from welcomedesk.exports.summary import Cell, Mark, Summary
from welcomedesk.i18n import translator
from welcomedesk.presentation.region import INDICATOR_LABELS
from welcomedesk.services.accounts import cli_actor
from welcomedesk.services.registration import register_household
from welcomedesk.services.setup import Municipality, initialise, save_profile

ON = date(2026, 11, 25)
PERIOD = ("--from", "1.1.2025", "--to", "31.12.2025")


def _municipality(path: Path, code: str, name: str, arrivals: list[tuple[str, int]]) -> str:
    """A database of one municipality whose households (each a main person, and a spouse when said) arrive on
    the days given."""
    db, _result = initialise(resolve_database(str(path)))
    try:
        actor = cli_actor(db)
        save_profile(db, actor, f"{name} service point", [Municipality(code, name)])
        for n, (day, people) in enumerate(arrivals):
            members = [{"given_names": f"P{n}", "family_name": "Testinen", "date_of_birth": "1.1.1990",
                        "nationality": "PH", "arrival_date": day, "municipality_code": code}]
            if people == 2:
                members.append({"relation": "spouse", "given_names": f"S{n}", "family_name": "Testinen",
                                "date_of_birth": "2.2.1991", "nationality": "PH"})
            register_household(db, actor, members, ON)
    finally:
        db.close()
    return str(path)


@pytest.fixture
def three(tmp_path: Path) -> list[str]:
    """Kajaani: eight people on their own in the first half of 2025; Kuhmo: six; Sotkamo: one in the second
    half (and a family arriving in 2026)."""
    return [
        _municipality(tmp_path / "kajaani.sqlite3", "205", "Kajaani", [("1.2.2025", 1)] * 3 + [("1.3.2025", 1)] * 5),
        _municipality(tmp_path / "kuhmo.sqlite3", "290", "Kuhmo", [("1.4.2025", 1)] * 6),
        _municipality(tmp_path / "sotkamo.sqlite3", "765", "Sotkamo", [("1.10.2025", 1), ("1.2.2026", 2)]),
    ]


def _export(db: str, out: Path, *extra: str) -> tuple[int, str, str]:
    return run("--lang", "en", "--db", db, "export-region", *PERIOD, "--format", "json", "--out", str(out), *extra)


def _summary(path: Path) -> Summary:
    return from_json(path.read_bytes())


def test_exit_codes(three: list[str], tmp_path: Path) -> None:
    kajaani = three[0]
    code, out, _err = _export(kajaani, tmp_path / "k.json")
    assert code == 0 and "k.json" in out and (tmp_path / "k.json").exists()
    code, _out, err = _export(kajaani, tmp_path / "refused.json", "--threshold", "2")
    assert code == 1 and "3" in err and not (tmp_path / "refused.json").exists()
    assert run("--db", kajaani, "export-region", *PERIOD, "--format", "odt", "--out", str(tmp_path / "x"))[0] == 2
    assert run("--db", kajaani, "export-region", "--from", "1.1.2025", "--format", "csv")[0] == 2
    code, _out, err = run("--lang", "en", "--db", kajaani, "export-region", "--from", "31.12.2025", "--to",
                          "1.1.2025", "--format", "csv", "--out", str(tmp_path / "x.csv"))
    assert code == 1 and "end before it begins" in err
    assert _export(str(tmp_path / "missing.sqlite3"), tmp_path / "m.json")[0] == 3
    assert not (tmp_path / "missing.sqlite3").exists()


@pytest.mark.parametrize("kind", ["csv", "xlsx", "pdf"])
def test_every_format_is_written_whole(three: list[str], tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"summary.{kind}"
    code, _out, err = run("--lang", "fi", "--db", three[0], "export-region", *PERIOD, "--format", kind,
                          "--out", str(out))
    assert code == 0, err
    data = out.read_bytes()
    assert data.startswith({"csv": b"\xef\xbb\xbf", "xlsx": b"PK", "pdf": b"%PDF"}[kind])
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    if kind == "csv":
        # In the command line's language.
        finnish = translator("fi")(INDICATOR_LABELS["arrivals_by_role"])
        assert finnish != INDICATOR_LABELS["arrivals_by_role"] and finnish.encode() in data


def test_three_municipalities_merge_as_documented(three: list[str], tmp_path: Path) -> None:
    files = []
    for db, name in zip(three, ("kajaani", "kuhmo", "sotkamo"), strict=True):
        files.append(tmp_path / f"{name}.json")
        assert _export(db, files[-1])[0] == 0
    out = tmp_path / "region.json"
    code, printed, err = run("--lang", "en", "merge-region", *map(str, reversed(files)), "--out", str(out))
    assert code == 0, err
    assert "Kajaani, Kuhmo, Sotkamo" in printed
    parts = [_summary(f) for f in files]
    merged = _summary(out)
    assert merged.origin == "merged" and merged.threshold == 5
    assert merged.municipalities == (("205", "Kajaani"), ("290", "Kuhmo"), ("765", "Sotkamo"))
    assert (merged.period_from, merged.period_to) == ("2025-01-01", "2025-12-31")
    # Known by hand. Kajaani publishes its 8 main persons and Kuhmo its 6 (first half); Sotkamo's one person
    # (second half) is a row under the threshold, which goes whole, its first half's 0 too. So the region's
    # main persons are incomplete, at least 14 in the first half and in all, and with nothing to tell in the
    # second; its first half's total is exact (8 + 6 + Sotkamo's 0), its children 0 everywhere.
    roles = merged.table("arrivals_by_role")
    main = roles.rows.index("main")
    assert roles.cell("main", "2025H1") == Cell(None, Mark.INCOMPLETE, 14)
    assert roles.cell("main", "2025H2") == Cell(None, Mark.INCOMPLETE)
    assert roles.row_totals[main] == Cell(None, Mark.INCOMPLETE, 14)
    assert roles.column_totals == (Cell(14), Cell(None, Mark.INCOMPLETE))
    assert roles.total == Cell(None, Mark.INCOMPLETE, 14)
    assert roles.cell("child", "2025H1") == roles.cell("child", "2025H2") == Cell(0)
    # Every regional cell is the sum of the municipalities' cells where all are exact, else incomplete
    # with the published part as a lower bound once it passes the threshold.
    for table in merged.tables:
        for row in table.rows:
            for column in table.columns:
                cells = [p.table(table.code).cell(row, column) if row in p.table(table.code).rows else Cell(0)
                         for p in parts]
                got = table.cell(row, column)
                if all(c.exact for c in cells):
                    assert got == Cell(sum(c.value or 0 for c in cells)), (table.code, row, column)
                else:
                    known = sum(c.value or 0 for c in cells if c.exact)
                    assert got == Cell(None, Mark.INCOMPLETE, known if known >= 5 else None), (table.code, row)
    assert all(f.value is None for f in merged.figures)  # medians do not add up


def test_a_damaged_or_foreign_file_is_refused_with_its_reason(three: list[str], tmp_path: Path) -> None:
    good = [tmp_path / "a.json", tmp_path / "b.json"]
    for db, out in zip(three, good, strict=False):
        assert _export(db, out)[0] == 0
    damaged = tmp_path / "damaged.json"
    damaged.write_bytes(good[1].read_bytes()[:-40])
    code, _out, err = run("--lang", "en", "merge-region", str(good[0]), str(damaged), "--out", str(tmp_path / "r"))
    assert code == 1 and "damaged.json" in err and not (tmp_path / "r").exists()
    newer = tmp_path / "newer.json"
    data = json.loads(good[1].read_text(encoding="utf-8"))
    data["schema_version"] = 99
    newer.write_text(json.dumps(data), encoding="utf-8")
    code, _out, err = run("--lang", "en", "merge-region", str(good[0]), str(newer), "--out", str(tmp_path / "r"))
    assert code == 1 and "newer.json" in err and "99" in err
    code, _out, err = run("--lang", "en", "merge-region", str(good[0]), str(good[0]), "--out", str(tmp_path / "r"))
    assert code == 1 and "205" in err  # the same municipality twice
    code, _out, err = run("--lang", "en", "merge-region", str(good[0]), str(tmp_path / "nowhere.json"),
                          "--out", str(tmp_path / "r"))
    assert code == 3 and "nowhere.json" in err


def test_a_merge_opens_no_database(three: list[str], tmp_path: Path) -> None:
    files = [tmp_path / "a.json", tmp_path / "b.json"]
    for db, out in zip(three, files, strict=False):
        assert _export(db, out)[0] == 0
    nowhere = tmp_path / "no" / "such.sqlite3"
    code, _out, err = run("--db", str(nowhere), "merge-region", *map(str, files), "--out", str(tmp_path / "r.json"))
    assert code == 0, err
    assert not nowhere.exists() and not nowhere.parent.exists()
    assert _summary(tmp_path / "r.json").origin == "merged"
