"""UI fixtures: a desk on a fresh database, message boxes answered, tasks run inline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from welcomedesk.config import resolve_database
from welcomedesk.services.desk import Desk, open_desk
from welcomedesk.services.setup import initialise, known_municipalities


@pytest.fixture
def answered() -> Iterator[list[tuple[str, str, str]]]:
    """Every message box is recorded and answered Yes/OK instead of shown."""
    from ui import dialogs, tasks

    asked: list[tuple[str, str, str]] = []

    def respond(kind: str, title: str, text: str) -> bool:
        asked.append((kind, title, text))
        return True

    dialogs.answer_with(respond)
    tasks.set_synchronous(True)
    yield asked
    dialogs.answer_with(None)
    tasks.set_synchronous(False)


@pytest.fixture
def empty_desk(tmp_path: Path) -> Iterator[Desk]:
    """A desk on a new database with no profile and nobody registered."""
    target = resolve_database(str(tmp_path / "desk.sqlite3"))
    db, _ = initialise(target)
    db.close()
    desk = open_desk(target, "maija")
    yield desk
    desk.close()


@pytest.fixture
def desk(empty_desk: Desk) -> Desk:
    """A desk with the Kainuu profile and 60 demo households."""
    empty_desk.save_profile("Kainuun Welcome Desk", list(known_municipalities()))
    empty_desk.add_demo(households=60, seed=4, today=date(2026, 11, 23))
    return empty_desk
