"""The desktop app started on a database it must refuse: one clear message, the file untouched."""

from __future__ import annotations

import shutil
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import damage
from ui.startup import run
from welcomedesk.bug_log import log_path
from welcomedesk.config import resolve_database

REFUSED = ("garbage", "truncated", "foreign", "foreign alembic", "foreign application", "newer", "unversioned",
           "incomplete", "directory")


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("states")
    return {name: damage.STATES[name](folder / name.replace(" ", "-")) for name in REFUSED}


@pytest.fixture
def restored() -> Iterator[None]:
    """run() takes over Ctrl+C and the exception hook, as the app's process should; give them back."""
    handler, hook = signal.getsignal(signal.SIGINT), sys.excepthook
    yield
    signal.signal(signal.SIGINT, handler)
    sys.excepthook = hook


@pytest.mark.parametrize("state", REFUSED)
def test_the_app_refuses_a_damaged_or_foreign_database_with_one_message(
        qapp: object, answered: list, restored: None, states: dict[str, Path], state: str, tmp_path: Path) -> None:
    source = states[state]
    path = tmp_path / source.name
    if source.is_dir():
        path.mkdir()
    else:
        shutil.copyfile(source, path)
    before = path.read_bytes() if path.is_file() else None
    assert run(resolve_database(str(path)), "en") == 3
    assert len(answered) == 1 and answered[0][0] == "error"
    assert str(path) in answered[0][2]
    assert (path.read_bytes() if path.is_file() else None) == before
    assert not log_path().exists()
