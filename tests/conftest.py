"""Fixtures: a fresh database per test on SQLite and, when configured, on PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from ui import language as ui_language
from welcomedesk.actor import Actor
from welcomedesk.cli import language as cli_language
from welcomedesk.config import DatabaseTarget, resolve_database
from welcomedesk.db.session import Database
from welcomedesk.services.accounts import cli_actor
from welcomedesk.services.setup import initialise

settings.register_profile("ci", max_examples=60, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

PG_URL = os.environ.get("WELCOMEDESK_TEST_DATABASE_URL", "")
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point the data folder at a temp folder and speak English unless a test switches."""
    monkeypatch.setenv("WELCOMEDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("WELCOMEDESK_DB", raising=False)
    monkeypatch.delenv("WELCOMEDESK_LANG", raising=False)
    ui_language.set_language("en")
    cli_language.set_language("en")
    yield
    ui_language.set_language("en")
    cli_language.set_language("en")


def reset_postgresql(url: str) -> None:
    """Empty the test database so each test starts from nothing."""
    from sqlalchemy import create_engine, text

    engine = create_engine(resolve_database(url).url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> DatabaseTarget:
    """An empty database: a SQLite file, or the PostgreSQL test database emptied."""
    if request.param == "sqlite":
        return resolve_database(str(tmp_path / "desk.sqlite3"))
    if not PG_URL:
        pytest.skip("WELCOMEDESK_TEST_DATABASE_URL is not set")
    reset_postgresql(PG_URL)
    return resolve_database(PG_URL)


@pytest.fixture
def sqlite_target(tmp_path: Path) -> DatabaseTarget:
    """An empty SQLite database file (for what only SQLite has)."""
    return resolve_database(str(tmp_path / "desk.sqlite3"))


@pytest.fixture
def database(db_target: DatabaseTarget) -> Iterator[Database]:
    """An initialised database."""
    db, _ = initialise(db_target)
    yield db
    db.close()


@pytest.fixture
def actor(database: Database) -> Actor:
    """The built-in command-line account."""
    return cli_actor(database)
