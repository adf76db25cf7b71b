"""Bugs: told apart from known errors, logged where support finds them, with no one's personal data."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from welcomedesk.bug_log import BACKUPS, MAX_BYTES, describe, log_path, record_bug
from welcomedesk.cli import main
from welcomedesk.services import newcomers


class _Row:
    """A value a bug may carry in its message and its frame's locals."""

    def __init__(self) -> None:
        self.name = "Sirkka Secret-Santos"
        self.code = "131052-308T"

    def fail(self) -> None:
        born = "1952-10-13"  # a local the traceback could show
        raise ValueError(f"cannot save {self.name} ({self.code}), born {born}")


def _bug() -> BaseException:
    try:
        try:
            _Row().fail()
        except ValueError as inner:
            raise LookupError(f"while handling {inner}") from inner
    except LookupError as exc:
        return exc
    raise AssertionError("unreachable")


def test_the_log_names_kinds_and_places_never_messages_or_locals() -> None:
    path = record_bug(_bug())
    logged = path.read_text(encoding="utf-8")
    assert "LookupError" in logged and "ValueError" in logged
    assert "in fail" in logged and "test_bug_log.py" in logged and "which then caused" in logged
    for secret in ("Sirkka", "Secret", "131052-308T", "1952-10-13", "cannot save", "born"):
        assert secret not in logged


def test_describe_keeps_the_driver_code_but_not_its_message() -> None:
    import sqlite3

    error = sqlite3.IntegrityError("UNIQUE constraint failed: person.personal_identity_code 131052-308T")
    error.sqlite_errorname = "SQLITE_CONSTRAINT_UNIQUE"  # type: ignore[attr-defined]
    text = describe(error)
    assert "sqlite3.IntegrityError [SQLITE_CONSTRAINT_UNIQUE]" in text and "131052" not in text


def test_the_log_rotates_with_logging_and_stays_private(monkeypatch: pytest.MonkeyPatch) -> None:
    import welcomedesk.bug_log as bug_log

    monkeypatch.setattr(bug_log, "MAX_BYTES", 2000)
    # The handler is made once per log file; a fresh data folder makes a fresh one.
    monkeypatch.setenv("WELCOMEDESK_DATA_DIR", str(log_path().parent.parent.parent / "rotating"))
    for _ in range(40):
        record_bug(_bug())
    logs = sorted(p.name for p in log_path().parent.iterdir())
    assert logs == ["errors.log", *[f"errors.log.{n}" for n in range(1, BACKUPS + 1)]]
    assert all(stat.S_IMODE((log_path().parent / name).stat().st_mode) == 0o600 for name in logs) or os.name != "posix"
    assert MAX_BYTES == 1_000_000


def test_a_bug_on_the_command_line_exits_4_with_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        _Row().fail()

    monkeypatch.setattr(newcomers, "search_newcomers", broken)
    db = str(tmp_path / "desk.sqlite3")
    assert main(["--db", db, "init"], stdout=io.StringIO(), stderr=io.StringIO()) == 0
    out, err = io.StringIO(), io.StringIO()
    assert main(["--lang", "en", "--db", db, "list"], stdout=out, stderr=err) == 4
    assert out.getvalue() == ""
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and str(log_path()) in lines[0] and "Sirkka" not in lines[0]
    assert "in fail" in log_path().read_text(encoding="utf-8")


def test_a_bug_whose_log_cannot_be_written_still_says_one_line(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        _Row().fail()

    db = str(tmp_path / "desk.sqlite3")
    assert main(["--db", db, "init"], stdout=io.StringIO(), stderr=io.StringIO()) == 0
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("WELCOMEDESK_DATA_DIR", str(blocker))
    monkeypatch.setattr(newcomers, "search_newcomers", broken)
    err = io.StringIO()
    assert main(["--lang", "en", "--db", db, "list"], stdout=io.StringIO(), stderr=err) == 4
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and "could not be written" in lines[0]


def test_known_errors_are_not_bugs(tmp_path: Path) -> None:
    err = io.StringIO()
    assert main(["--lang", "en", "--db", str(tmp_path / "none.sqlite3"), "list"], stdout=io.StringIO(), stderr=err) == 3
    assert not log_path().exists()


def test_a_bug_with_an_unusable_data_folder_still_says_one_line(monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        _Row().fail()

    db = str(tmp_path / "desk.sqlite3")
    assert main(["--db", db, "init"], stdout=io.StringIO(), stderr=io.StringIO()) == 0
    monkeypatch.setenv("WELCOMEDESK_DATA_DIR", "bad\udcfffolder")  # undecodable bytes
    monkeypatch.setattr(newcomers, "search_newcomers", broken)
    err = io.StringIO()
    assert main(["--lang", "en", "--db", db, "list"], stdout=io.StringIO(), stderr=err) == 4
    assert len(err.getvalue().strip().splitlines()) == 1 and "could not be written" in err.getvalue()
