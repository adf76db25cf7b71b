"""Alembic, driven from code: no alembic.ini, the scripts ship inside the package."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from welcomedesk.config import DatabaseTarget
from welcomedesk.db.engine import make_engine
from welcomedesk.db.errors import raise_known
from welcomedesk.db.probe import APPLICATION_ID
from welcomedesk.errors import StorageError
from welcomedesk.i18n import _

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    """An Alembic configuration pointing at the bundled migration scripts."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def script_revisions() -> list[str]:
    """Every revision of the scripts, oldest first."""
    scripts = ScriptDirectory.from_config(alembic_config())
    return [script.revision for script in reversed(list(scripts.walk_revisions()))]


def run_upgrade(target: DatabaseTarget) -> None:
    """Upgrade to head in one transaction: a migration that fails leaves the database as it was.

    On SQLite the connection turns foreign keys off before the transaction begins (with them
    on, a batch rebuild of a parent table would CASCADE-delete its children), emits its own
    BEGIN so that DDL is inside the transaction, and checks every reference before committing.
    """
    engine = make_engine(target, foreign_keys=False, explicit_transactions=True)
    try:
        with engine.connect() as connection, connection.begin():
            had_statistics = target.is_sqlite and bool(connection.scalar(text(
                "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")))
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            if had_statistics:
                # A batch migration rebuilds a table, and its planner statistics go with the old one.
                connection.execute(text("ANALYZE"))
            if target.is_sqlite:
                broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
                if broken:
                    raise StorageError(_(
                        "The upgrade would leave {count} broken references, so it was undone; the database is as "
                        "it was."
                    ).format(count=len(broken)))
                connection.execute(text(f"PRAGMA application_id={APPLICATION_ID}"))
    except DBAPIError as exc:
        raise_known(exc, target.describe())
    finally:
        engine.dispose()
