"""Alembic, driven from code: no alembic.ini, the scripts ship inside the package."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text

from welcomedesk.config import DatabaseTarget
from welcomedesk.db.engine import make_engine
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
    """Upgrade to head; on SQLite with foreign keys OFF, checked afterwards.

    With foreign keys ON, a batch rebuild of a parent table would CASCADE-delete its
    children, so the connection turns them off before Alembic's transaction begins.
    """
    engine = make_engine(target, foreign_keys=False)
    try:
        with engine.connect() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            connection.commit()
            if target.is_sqlite:
                broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
                if broken:
                    raise StorageError(
                        _("The upgrade left {count} broken references; the copy made before it is intact.").format(
                            count=len(broken))
                    )
    finally:
        engine.dispose()
