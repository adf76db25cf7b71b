"""The real program started as a process, as an administrator or a script would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def welcomedesk(*args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"WELCOMEDESK_LANG": "en"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          env=env, timeout=120, cwd=ROOT)


def test_init_demo_list_show_from_the_command_line(tmp_path: Path) -> None:
    first, second = str(tmp_path / "one.sqlite3"), str(tmp_path / "two.sqlite3")
    for db in (first, second):
        assert welcomedesk("--db", db, "init").returncode == 0
        done = welcomedesk("--db", db, "demo", "--households", "200", "--seed", "1")
        assert done.returncode == 0, done.stderr
    listed = [json.loads(welcomedesk("--db", db, "list", "--limit", "1000", "--json").stdout)
              for db in (first, second)]
    assert listed[0] == listed[1] and len(listed[0]) > 400
    someone = next(p for p in listed[0] if p["native_name"] and p["relation"] == "spouse")
    found = json.loads(welcomedesk("--db", first, "list", "--search", someone["family_name"].upper(),
                                   "--json").stdout)
    assert someone["id"] in [p["id"] for p in found]
    shown = json.loads(welcomedesk("--db", first, "show", str(someone["id"]), "--json").stdout)
    assert shown["id"] == someone["id"] and {m["relation"] for m in shown["members"]} >= {"main", "spouse"}


def test_the_first_screen_loads_only_what_it_needs(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.sqlite3")
    assert welcomedesk("--db", db, "init").returncode == 0
    script = f"""
import sys
from ui.startup import application
from ui.hub import Hub
from ui.main_window import MainWindow
from welcomedesk.config import resolve_database
from welcomedesk.services.desk import open_desk
from welcomedesk.services.setup import known_municipalities
app = application()
desk = open_desk(resolve_database({db!r}), "maija")
profile = desk.save_profile("Kuhmo", list(known_municipalities())[:1])
window = MainWindow(desk, profile, Hub())
window.show()
app.processEvents()
heavy = ("alembic", "reportlab", "openpyxl", "PySide6.QtCharts", "PySide6.QtPdf", "PySide6.QtPdfWidgets")
print(sorted(m for m in sys.modules if m.startswith(heavy)))
"""
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_command_line_on_postgresql() -> None:
    import pytest

    from tests.conftest import PG_URL, reset_postgresql

    if not PG_URL:
        pytest.skip("WELCOMEDESK_TEST_DATABASE_URL is not set")
    reset_postgresql(PG_URL)
    assert welcomedesk("--db", PG_URL, "list").returncode == 3  # not initialised yet
    assert welcomedesk("--db", PG_URL, "init").returncode == 0
    assert welcomedesk("--db", PG_URL, "demo", "--households", "50", "--seed", "2").returncode == 0
    people = json.loads(welcomedesk("--db", PG_URL, "list", "--limit", "500", "--json").stdout)
    assert len(people) > 100
    someone = next(p for p in people if p["native_name"])
    found = json.loads(welcomedesk("--db", PG_URL, "list", "--search", someone["native_name"].split()[0],
                                   "--json").stdout)
    assert someone["id"] in [p["id"] for p in found]
    shown = welcomedesk("--db", PG_URL, "show", str(someone["id"]))
    assert shown.returncode == 0 and someone["family_name"] in shown.stdout
    assert "password" not in welcomedesk("--db", PG_URL, "init").stdout.lower()
