"""What a database holds, looked at before it is accepted and without writing a byte to it.

A database is WelcomeDesk's at a known revision, empty, or refused: another program's,
WelcomeDesk's tables without their version row, a newer WelcomeDesk's, or one whose tables
or columns are missing. Only an accepted database is ever written to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from sqlalchemy import text
from sqlalchemy.engine import Connection

from welcomedesk.model import Base

# SQLite's header field for the program that owns a file ("WDSK"); `file` and other tools read it.
APPLICATION_ID = 0x5744534B
# Tables only WelcomeDesk has together: a file holding them all but no version row is ours, damaged.
_OWN_TABLES = frozenset({"person", "person_name_key", "household", "staff_account", "audit_entry"})
_REVISION = re.compile(r"\d{4}")


class Kind(Enum):
    """What was found."""

    EMPTY = "empty"
    OURS = "ours"
    FOREIGN = "foreign"
    UNVERSIONED = "unversioned"
    NEWER = "newer"
    INCOMPLETE = "incomplete"


@dataclass(frozen=True)
class Finding:
    """The verdict on a database: its kind, its revision, and what is missing from it."""

    kind: Kind
    revision: str | None = None
    missing: tuple[str, ...] = ()


def _columns(connection: Connection) -> dict[str, set[str]]:
    if connection.dialect.name == "sqlite":
        rows = connection.execute(text(
            "SELECT m.name, p.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p "
            "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"))
    else:
        rows = connection.execute(text(
            "SELECT c.table_name, c.column_name FROM information_schema.columns AS c "
            "JOIN information_schema.tables AS t ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
            "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'"))
    tables: dict[str, set[str]] = {}
    for table, column in rows:
        tables.setdefault(table, set()).add(column)
    return tables


def _missing(tables: dict[str, set[str]]) -> tuple[str, ...]:
    missing: list[str] = []
    for table in Base.metadata.sorted_tables:
        if table.name not in tables:
            missing.append(table.name)
            continue
        missing += [f"{table.name}.{c.name}" for c in table.columns if c.name not in tables[table.name]]
    return tuple(missing)


def examine(connection: Connection, revisions: tuple[str, ...]) -> Finding:
    """Look at the database behind ``connection``; ``revisions`` are the code's, oldest first."""
    if connection.dialect.name == "sqlite":
        application_id = connection.execute(text("PRAGMA application_id")).scalar()
        if application_id not in (0, APPLICATION_ID):
            return Finding(Kind.FOREIGN)
    tables = _columns(connection)
    if not tables:
        return Finding(Kind.EMPTY)
    if "alembic_version" not in tables:
        return Finding(Kind.UNVERSIONED if tables.keys() >= _OWN_TABLES else Kind.FOREIGN)
    stamped = [row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))]
    if len(stamped) != 1:
        # No row (deleted) or several (branches WelcomeDesk never makes).
        return Finding(Kind.UNVERSIONED if tables.keys() >= _OWN_TABLES else Kind.FOREIGN)
    revision = str(stamped[0])
    if revision in revisions:
        # Older revisions are checked by their upgrade; the current one must be whole now.
        missing = _missing(tables) if revision == revisions[-1] else ()
        return Finding(Kind.INCOMPLETE if missing else Kind.OURS, revision, missing)
    if _REVISION.fullmatch(revision) and revision > revisions[-1] and tables.keys() >= _OWN_TABLES:
        return Finding(Kind.NEWER, revision)
    return Finding(Kind.FOREIGN, revision)
