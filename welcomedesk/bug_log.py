"""Bugs (not known errors) are written to a log in the data folder, so support can see what happened."""

from __future__ import annotations

import traceback
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from welcomedesk.config import data_dir

LOG_NAME = "errors.log"
MAX_BYTES = 1_000_000
_DRIVERS = frozenset({"psycopg", "sqlite3", "_sqlite3", "psycopg2"})


def log_path() -> Path:
    """Where bugs are written."""
    return data_dir() / "logs" / LOG_NAME


def describe(exc: BaseException) -> str:
    """The traceback of ``exc`` and its causes, without anything that could be a person's data.

    A database driver's message can quote the failing row (PostgreSQL's DETAIL does), so
    for those only the error's kind and the statement's SQL text are kept.
    """
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, DBAPIError):
            last = f"{type(current).__name__} ({type(current.orig).__name__}) in: {current.statement}"
        elif type(current).__module__.split(".")[0] in _DRIVERS:
            last = type(current).__name__  # the driver's own error, wrapped by the one above
        else:
            last = "".join(traceback.format_exception_only(type(current), current)).strip()
        parts.append("".join(traceback.format_tb(current.__traceback__, limit=30)) + last)
        current = current.__cause__ or current.__context__
    return "\n-- which then caused --\n".join(reversed(parts))


def record_bug(exc: BaseException) -> Path:
    """Append ``exc`` to the log (kept under about 1 MB) and return the log's path."""
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.stat().st_size > MAX_BYTES:
        path.replace(path.with_suffix(".old.log"))
    with path.open("a", encoding="utf-8") as log:
        log.write(f"--- {datetime.now(UTC).isoformat(timespec='seconds')}\n{describe(exc)}\n\n")
    return path
