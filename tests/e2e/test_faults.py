"""The program as a process in the surroundings that break programs: closed pipes, Windows code pages,
Ctrl+C, no display, a missing driver, undecodable arguments, bugs, and another desk's long write."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import damage
from welcomedesk.config import resolve_database

ROOT = Path(__file__).resolve().parents[2]
MAIN = str(ROOT / "main.py")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WELCOMEDESK_", "PYTHONIOENCODING"))}
    return env | {"WELCOMEDESK_LANG": "en", "WELCOMEDESK_DATA_DIR": str(tmp_path / "data")} | extra


def welcomedesk(tmp_path: Path, *args: str | bytes, env: dict[str, str] | None = None,
                timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, MAIN, *args], capture_output=True, env=env or _env(tmp_path),
                          timeout=timeout, cwd=ROOT)


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of about a thousand people, with Arabic and other scripts among their names."""
    return damage.welcomedesk_file(tmp_path_factory.mktemp("desk") / "desk.sqlite3", households=420)


def _no_traceback(result: subprocess.CompletedProcess[bytes]) -> str:
    err = result.stderr.decode("utf-8")
    assert "Traceback" not in err and "Error:" not in err, err
    return err


def test_a_closed_pipe_ends_quietly(desk: Path, tmp_path: Path) -> None:
    for args in (["list", "--limit", "1000"], ["list", "--limit", "1000", "--json"]):
        reader = subprocess.Popen([sys.executable, MAIN, "--db", str(desk), *args], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=_env(tmp_path), cwd=ROOT)
        assert reader.stdout is not None and reader.stderr is not None
        first = reader.stdout.readline()  # `| head -1`
        reader.stdout.close()
        err = reader.stderr.read()
        assert reader.wait(timeout=60) == 0
        assert first.strip() and err == b"", err.decode()


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1"])
def test_output_is_utf8_and_whole_whatever_the_console_says(desk: Path, tmp_path: Path, encoding: str) -> None:
    env = _env(tmp_path, PYTHONIOENCODING=encoding)
    listed = welcomedesk(tmp_path, "--db", str(desk), "list", "--limit", "1000", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout.decode("utf-8"))
    assert len(rows) == 1000
    assert any("\u0600" <= c <= "\u06ff" for r in rows for c in r["native_name"])  # Arabic came through
    arabic = next(r for r in rows if any("\u0600" <= c <= "\u06ff" for c in r["native_name"]))
    shown = welcomedesk(tmp_path, "--db", str(desk), "show", str(arabic["id"]), env=env)
    text = shown.stdout.decode("utf-8")
    last = json.loads(welcomedesk(tmp_path, "--db", str(desk), "show", str(arabic["id"]), "--json",
                                  env=env).stdout)["members"][-1]
    # The last line, the household's last member, is there: nothing was cut.
    assert shown.returncode == 0 and arabic["native_name"] in text
    assert text.rstrip().endswith(f"{last['family_name']}, {last['given_names']}")
    # Messages too: a refusal in Finnish, with its letters.
    refused = welcomedesk(tmp_path, "--lang", "fi", "--db", str(tmp_path / "none.sqlite3"), "list", env=env)
    assert refused.returncode == 3 and "Tietokantaa" in refused.stderr.decode("utf-8")


def test_ctrl_c_during_demo_undoes_it_in_one_line(tmp_path: Path) -> None:
    path = damage.welcomedesk_file(tmp_path / "desk.sqlite3", households=10)
    before = sqlite3.connect(str(path)).execute("SELECT count(*) FROM person").fetchone()[0]
    process = subprocess.Popen([sys.executable, MAIN, "--db", str(path), "demo", "--households", "5000"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(tmp_path), cwd=ROOT)
    time.sleep(1.5)  # past the imports, into generating and saving 5 000 households (about 8 s)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err.decode()
    lines = err.decode("utf-8").strip().splitlines()
    assert len(lines) == 1 and "Interrupted" in lines[0] and out == b""
    connection = sqlite3.connect(str(path))
    assert connection.execute("SELECT count(*) FROM person").fetchone()[0] == before
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("display", [None, ":97", "nohost.invalid:0"])
def test_no_display_is_explained_before_qt_can_abort(tmp_path: Path, display: str | None) -> None:
    env = {k: v for k, v in _env(tmp_path).items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    if display:
        env["DISPLAY"] = display
    result = welcomedesk(tmp_path, "--db", str(tmp_path / "desk.sqlite3"), env=env)
    err = _no_traceback(result)
    assert result.returncode == 2
    assert "needs a display" in err and "welcomedesk --help" in err


def test_postgresql_without_its_driver_says_what_to_install(tmp_path: Path) -> None:
    script = ("import sys; sys.modules['psycopg'] = None; from ui.app import main; "
              "sys.exit(main(['--db', 'postgresql://desk:secret@localhost/welcomedesk', 'list']))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, env=_env(tmp_path), cwd=ROOT,
                            timeout=60)
    err = _no_traceback(result)
    assert result.returncode == 3 and "psycopg" in err and "pip install" in err and "[postgres]" in err
    assert "secret" not in err


@pytest.mark.parametrize("raw", [b"\xff\xfe", b"\xed\xa0\x80", b"ab\xc3"])
def test_search_text_that_is_not_valid_unicode(desk: Path, tmp_path: Path, raw: bytes) -> None:
    result = welcomedesk(tmp_path, "--db", str(desk), "list", "--search", raw, "--json")
    _no_traceback(result)
    assert result.returncode == 0
    json.loads(result.stdout.decode("utf-8"))


def test_a_database_path_that_is_not_valid_unicode(tmp_path: Path) -> None:
    result = welcomedesk(tmp_path, "--db", os.fsencode(str(tmp_path)) + b"/\xff.sqlite3", "init")
    err = _no_traceback(result)
    assert result.returncode == 3 and "\\udcff" in err


BUGGY = """
import sys
import welcomedesk.services.newcomers as newcomers
def broken(db, actor, query, limit=100):
    record = {"name": "Sirkka Secret-Santos", "code": "131052-308T", "born": "1952-10-13"}
    raise KeyError(f"no field for {record}")
newcomers.search_newcomers = broken
from ui.app import main
sys.exit(main(["--db", sys.argv[1], "list"]))
"""


def test_a_bug_exits_4_with_one_line_and_a_log_without_personal_data(desk: Path, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-c", BUGGY, str(desk)], capture_output=True, env=_env(tmp_path),
                            cwd=ROOT, timeout=60)
    err = _no_traceback(result)
    assert result.returncode == 4
    assert len(err.strip().splitlines()) == 1 and "errors.log" in err
    log = (tmp_path / "data" / "logs" / "errors.log").read_text(encoding="utf-8")
    assert "KeyError" in log and "in broken" in log and "in list_people" in log
    for secret in ("Sirkka", "Secret", "131052-308T", "1952-10-13"):
        assert secret not in log and secret not in err


HOLDER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
for i in range(20000):
    connection.execute("INSERT INTO household (name, version, created_at, updated_at) "
                       "VALUES ('Import', 1, '2026-11-25 10:00:00', '2026-11-25 10:00:00')")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("COMMIT")
"""


def test_other_desks_look_people_up_while_a_long_write_holds_the_lock(desk: Path, tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    path.write_bytes(desk.read_bytes())
    writer = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), "9"], stdout=subprocess.PIPE, cwd=ROOT)
    assert writer.stdout is not None and writer.stdout.readline().strip() == b"holding"
    started = time.monotonic()
    listed = welcomedesk(tmp_path, "--db", str(path), "list", "--search", "a", "--json")
    shown = welcomedesk(tmp_path, "--db", str(path), "show", "7")
    elapsed = time.monotonic() - started
    still_writing = writer.poll() is None
    assert listed.returncode == 0 and shown.returncode == 0, listed.stderr + shown.stderr
    assert json.loads(listed.stdout) and b"Household" in shown.stdout
    assert still_writing and elapsed < 8, elapsed  # neither waited for the writer
    assert writer.wait(timeout=60) == 0
    # Both views were logged: spooled while the lock was held, moved in by the next desk that opened.
    welcomedesk(tmp_path, "--db", str(path), "list", "--limit", "1")
    connection = sqlite3.connect(str(path))
    acts = connection.execute("SELECT action, entity_id, fields FROM audit_entry WHERE action IN ('search', 'view') "
                              "ORDER BY id").fetchall()
    assert acts[-2:] == [("search", None, "search"), ("view", 7, "")]
    assert connection.execute("SELECT count(*) FROM household WHERE name = 'Import'").fetchone()[0] == 20000


def test_ctrl_c_closes_the_desktop_app_without_a_bug(tmp_path: Path) -> None:
    from welcomedesk.services.desk import open_desk
    from welcomedesk.services.setup import known_municipalities

    path = damage.welcomedesk_file(tmp_path / "desk.sqlite3", households=5)
    desk = open_desk(resolve_database(str(path)), "maija")
    desk.save_profile("Kainuu", list(known_municipalities())[:2])
    desk.close()
    env = _env(tmp_path, QT_QPA_PLATFORM="offscreen", USER="maija", LOGNAME="maija")
    app = subprocess.Popen([sys.executable, MAIN, "--db", str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=env, cwd=ROOT)
    time.sleep(4)  # the window is up and the event loop waiting
    assert app.poll() is None
    app.send_signal(signal.SIGINT)
    _out, err = app.communicate(timeout=30)
    assert app.returncode == 130, err.decode()
    assert b"Traceback" not in err
    assert not (tmp_path / "data" / "logs" / "errors.log").exists()
