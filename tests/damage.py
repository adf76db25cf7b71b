"""Database files in the states a desk PC meets them: empty, foreign, newer, damaged, unreadable.

Each maker takes a path to a file that does not exist yet, leaves the file closed and fully
checkpointed (nothing in a -wal file), and returns it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from welcomedesk.config import resolve_database
from welcomedesk.services.accounts import cli_actor
from welcomedesk.services.demo import make_demo
from welcomedesk.services.setup import initialise


def checkpoint(path: Path) -> None:
    """Move everything committed into the main file, so its bytes say all there is."""
    connection = sqlite3.connect(str(path))
    try:
        if connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def _sql(path: Path, *statements: str) -> Path:
    connection = sqlite3.connect(str(path), isolation_level=None)
    try:
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()
    checkpoint(path)
    return path


def welcomedesk_file(path: Path, households: int = 20) -> Path:
    """A WelcomeDesk database with demo households."""
    db, _ = initialise(resolve_database(str(path)))
    try:
        if households:
            make_demo(db, cli_actor(db), households=households, seed=5)
    finally:
        db.close()
    checkpoint(path)
    return path


def empty_file(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def garbage(path: Path) -> Path:
    path.write_bytes(b"this is not a database at all " * 300)
    return path


def truncated(path: Path) -> Path:
    whole = welcomedesk_file(path).read_bytes()
    path.write_bytes(whole[: len(whole) // 3])
    return path


def foreign(path: Path) -> Path:
    """Another program's SQLite database with a table of the same name as one of ours."""
    return _sql(path, "CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT)",
                "INSERT INTO person (name) VALUES ('Someone else''s data')")


def foreign_alembic(path: Path) -> Path:
    """Another program's database that Alembic manages too."""
    return _sql(path, "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)",
                "INSERT INTO alembic_version VALUES ('ae1027a6acf')", "CREATE TABLE invoice (id INTEGER PRIMARY KEY)")


def foreign_application(path: Path) -> Path:
    """A SQLite file whose header names another application."""
    return _sql(path, "PRAGMA application_id = 1234", "CREATE TABLE notes (id INTEGER PRIMARY KEY)")


def newer(path: Path) -> Path:
    return _sql(welcomedesk_file(path), "UPDATE alembic_version SET version_num = '9999'")


def unversioned(path: Path) -> Path:
    """WelcomeDesk's tables, with the version row deleted."""
    return _sql(welcomedesk_file(path), "DELETE FROM alembic_version")


def incomplete(path: Path) -> Path:
    """A current WelcomeDesk database one of whose tables was dropped."""
    return _sql(welcomedesk_file(path), "PRAGMA foreign_keys = OFF", "DROP TABLE person_name_key")


def _leftmost_leaf(data: bytes, page_size: int, root: int) -> int:
    """The first leaf page of the table b-tree rooted at ``root`` (SQLite's file format)."""
    page = root
    while True:
        start = (page - 1) * page_size + (100 if page == 1 else 0)
        if data[start] == 0x0D:  # a table leaf
            return page
        first_cell = int.from_bytes(data[start + 12:start + 14], "big")
        page = int.from_bytes(data[(page - 1) * page_size + first_cell:][:4], "big")


def damaged_page(path: Path) -> Path:
    """The first page of people's records overwritten: the oldest records cannot be read, while
    new ones would still go in at the other end of the table without an error."""
    welcomedesk_file(path, households=200)
    connection = sqlite3.connect(str(path))
    try:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'person'").fetchone()[0]
    finally:
        connection.close()
    leaf = _leftmost_leaf(path.read_bytes(), page_size, root)
    assert leaf != root, "the person table must span several pages"
    with path.open("r+b") as file:
        file.seek((leaf - 1) * page_size + page_size // 2)
        file.write(b"\xff" * (page_size // 2))
    return path


def unreadable_values(path: Path) -> Path:
    """Values another program wrote in shapes WelcomeDesk never writes."""
    return _sql(welcomedesk_file(path),
                "UPDATE person SET date_of_birth = '15.4.1987' WHERE id = 1",
                "UPDATE person SET arrival_date = 12345 WHERE id = 2",
                "UPDATE person SET given_names = CAST(x'41ff42' AS TEXT) WHERE id = 3",
                "UPDATE person SET family_name = x'4142' WHERE id = 4",
                "UPDATE person SET created_at = 'yesterday', permit_expiry = 'never' WHERE id = 5")


def directory(path: Path) -> Path:
    path.mkdir()
    return path


STATES: dict[str, Callable[[Path], Path]] = {
    "empty file": empty_file,
    "garbage": garbage,
    "truncated": truncated,
    "foreign": foreign,
    "foreign alembic": foreign_alembic,
    "foreign application": foreign_application,
    "newer": newer,
    "unversioned": unversioned,
    "incomplete": incomplete,
    "damaged page": damaged_page,
    "unreadable values": unreadable_values,
    "directory": directory,
}
