"""Bugs (not known errors) are written to a log in the data folder, so support can see what happened."""

from __future__ import annotations

import traceback
from datetime import UTC, datetime
from pathlib import Path

from welcomedesk.config import data_dir

LOG_NAME = "errors.log"
MAX_BYTES = 1_000_000


def log_path() -> Path:
    """Where bugs are written."""
    return data_dir() / "logs" / LOG_NAME


def record_bug(exc: BaseException) -> Path:
    """Append ``exc`` with its traceback to the log (kept under about 1 MB) and return the log's path.

    A traceback names code, not people: the values of a person's fields are not in it.
    """
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.stat().st_size > MAX_BYTES:
        path.replace(path.with_suffix(".old.log"))
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__, limit=30))
    with path.open("a", encoding="utf-8") as log:
        log.write(f"--- {datetime.now(UTC).isoformat(timespec='seconds')}\n{text}\n")
    return path
