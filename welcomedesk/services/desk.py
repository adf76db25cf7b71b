"""The desk: an open database and the staff account working at it, as the UI holds them."""

from __future__ import annotations

from dataclasses import dataclass

from welcomedesk.config import DatabaseTarget
from welcomedesk.db.session import Actor, Database, open_database
from welcomedesk.services.accounts import desk_actor


@dataclass(frozen=True)
class Desk:
    """What every UI call to a service carries: the database and who is acting."""

    db: Database
    actor: Actor

    def where(self) -> str:
        """Where the data is, for the status bar."""
        return self.db.describe()

    def who(self) -> str:
        """Who is working, for the status bar."""
        return self.actor.display_name

    def close(self) -> None:
        self.db.close()


def open_desk(target: DatabaseTarget, username: str, display_name: str = "") -> Desk:
    """Open the database and sign in the computer's user.

    On the default local file the desktop app makes the database on first start, as
    ``init`` would; a database named with ``--db`` must exist already.
    """
    from welcomedesk.services.setup import initialise

    if target.default:
        db, _ = initialise(target)
    else:
        db = open_database(target)
    try:
        actor = desk_actor(db, username, display_name)
    except BaseException:
        db.close()
        raise
    return Desk(db=db, actor=actor)
