"""The command-line contract: init, demo, list, show, exit codes, JSON, and no Qt."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from welcomedesk.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def demo_db(tmp_path: Path) -> str:
    db = str(tmp_path / "desk.sqlite3")
    assert run("--db", db, "init")[0] == 0
    code, out, _ = run("--db", db, "--lang", "en", "demo", "--households", "200", "--seed", "1")
    assert code == 0 and "200" in out
    return db


def test_init_prints_where_and_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "new" / "desk.sqlite3"
    code, out, _ = run("--lang", "en", "--db", str(db), "init")
    assert code == 0 and str(db) in out and "Created" in out
    code, out, _ = run("--lang", "en", "--db", str(db), "init")
    assert code == 0 and "up to date" in out


def test_list_json_is_an_array_with_the_import_columns(demo_db: str) -> None:
    code, out, _ = run("--db", demo_db, "list", "--limit", "500", "--json")
    rows = json.loads(out)
    assert code == 0 and isinstance(rows, list) and len(rows) > 300
    for key in ("id", "household", "relation", "given_names", "family_name", "native_name", "date_of_birth",
                "nationality", "languages", "email", "phone", "arrival_date", "status", "employer",
                "occupation", "personal_identity_code"):
        assert key in rows[0]
    assert isinstance(rows[0]["id"], int)
    assert all(r["date_of_birth"] is None or len(r["date_of_birth"]) == 10 for r in rows)


def test_search_is_accent_and_case_insensitive_on_every_word(demo_db: str) -> None:
    rows = json.loads(run("--db", demo_db, "list", "--limit", "1000", "--json")[1])
    vietnamese = next(r for r in rows if r["nationality"] == "VN" and r["native_name"])
    native_family = vietnamese["native_name"].split()[0]
    found = json.loads(run("--db", demo_db, "list", "--search", native_family.upper(), "--json")[1])
    assert vietnamese["id"] in [r["id"] for r in found]
    both = f"{vietnamese['given_names'].split()[0].lower()} {vietnamese['family_name'][:3].upper()}"
    found = json.loads(run("--db", demo_db, "list", "--search", both, "--json")[1])
    assert vietnamese["id"] in [r["id"] for r in found]
    # Both words match the beginning of some name word of everyone found.
    given, family = both.split()
    for r in found:
        words = " ".join((r["given_names"], r["family_name"], r["native_name"])).lower().split()
        assert any(w.startswith(given) for w in words) and any(w.startswith(family.lower()) for w in words)


def test_show_json_is_one_object_with_the_household(demo_db: str) -> None:
    code, out, _ = run("--db", demo_db, "show", "1", "--json")
    person = json.loads(out)
    assert code == 0 and person["id"] == 1 and person["members"][0]["relation"] == "main"
    code, out, err = run("--lang", "en", "--db", demo_db, "show", "999999")
    assert code == 1 and "999999" in err and out == ""


def test_exit_codes(tmp_path: Path) -> None:
    assert run("--db", str(tmp_path / "missing.sqlite3"), "list")[0] == 3
    assert run("frobnicate")[0] == 2
    assert run("list", "--limit", "many")[0] == 2
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"garbage" * 1000)
    code, _, err = run("--lang", "en", "--db", str(damaged), "list")
    assert code == 3 and "damaged" in err


def test_messages_follow_lang(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.sqlite3")
    _, _, finnish = run("--lang", "fi", "--db", missing, "list")
    _, _, english = run("--lang", "en", "--db", missing, "list")
    assert english != finnish and "welcomedesk init" in finnish


def test_a_cli_command_does_not_import_qt(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.sqlite3")
    script = (
        "import sys; from ui.app import main; "
        f"assert main(['--db', {db!r}, 'init']) == 0; "
        f"assert main(['--db', {db!r}, 'list', '--json']) == 0; "
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'reportlab', 'openpyxl'))]; "
        "assert not bad, bad"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
