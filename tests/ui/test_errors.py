"""What escapes a slot: known errors are explained, bugs are logged and the person is told where."""

from __future__ import annotations

from pathlib import Path

from ui.startup import handle_uncaught
from welcomedesk.bug_log import log_path
from welcomedesk.errors import StorageError


def test_a_bug_is_logged_and_the_person_told(answered: list, tmp_path: Path) -> None:
    try:
        raise ZeroDivisionError("dividing the household of Sirkka Santos 131052-308T")
    except ZeroDivisionError as exc:
        handle_uncaught(type(exc), exc, exc.__traceback__)
    kind, _title, text = answered[-1]
    assert kind == "error" and str(log_path()) in text and "ZeroDivisionError" in text
    logged = log_path().read_text(encoding="utf-8")
    assert "ZeroDivisionError" in logged and "test_a_bug_is_logged" in logged
    # Neither the box nor the log repeats what the error said: it named a person.
    assert "Sirkka" not in text + logged and "131052" not in text + logged


def test_a_known_error_is_explained_not_logged(answered: list) -> None:
    error = StorageError("The database is locked by another program. Try again in a moment.")
    handle_uncaught(StorageError, error, None)
    assert answered[-1][0] == "error" and "locked" in answered[-1][2]
    assert not log_path().exists()
