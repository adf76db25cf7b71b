"""Bugs (not known errors) are written to a log in the data folder, so support can see what happened.

A bug's message and its frames' locals can hold whatever the program was handling — a name,
an identity code, a birth date, a database row — so neither is ever written. The log keeps
the kind of each exception and, for each frame, its file, line and function: enough to find
the fault in the code, nothing about the people in the database.
"""

from __future__ import annotations

import io
import logging
import os
import platform
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from welcomedesk.config import data_dir
from welcomedesk.files import PRIVATE_FILE, make_private_dir

LOG_NAME = "errors.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
_LOGGER = "welcomedesk.bugs"


def log_path() -> Path:
    """Where bugs are written."""
    return data_dir() / "logs" / LOG_NAME


class _PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose files are created readable by their owner only."""

    failure: BaseException | None = None

    def _open(self) -> io.TextIOWrapper:
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
        return open(descriptor, "a", encoding=self.encoding, errors=self.errors)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        # Not logging's default (a traceback on stderr): the caller tells the person instead.
        self.failure = sys.exc_info()[1]


def _name(exc: BaseException) -> str:
    kind = type(exc)
    return kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def describe(exc: BaseException) -> str:
    """``exc`` and its causes, innermost last: the kind of each and where it passed, never its message."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.extract_tb(current.__traceback__, limit=40)
        lines = [f'  File "{f.filename}", line {f.lineno}, in {f.name}' for f in frames]
        code = getattr(current, "sqlite_errorname", None) or getattr(current, "sqlstate", None)
        parts.append("\n".join([*lines, _name(current) + (f" [{code}]" if code else "")]))
        current = current.__cause__ or current.__context__
    return "\n-- which then caused --\n".join(reversed(parts))


def _logger(path: Path) -> logging.Logger:
    logger = logging.getLogger(_LOGGER)
    logger.propagate = False  # a bug's description goes to the file only, never to a console handler
    logger.setLevel(logging.ERROR)
    current = next((h for h in logger.handlers if isinstance(h, _PrivateRotatingFileHandler)), None)
    if current is not None and Path(current.baseFilename) != path.resolve():
        logger.removeHandler(current)  # the data folder moved (tests do that)
        current.close()
        current = None
    if current is None:
        make_private_dir(path.parent)
        handler = _PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8",
                                              delay=True)
        handler.setFormatter(logging.Formatter("--- %(asctime)s\n%(message)s\n", datefmt="%Y-%m-%dT%H:%M:%S%z"))
        logger.addHandler(handler)
    return logger


def record_bug(exc: BaseException) -> Path:
    """Append ``exc`` to the log (rotated past about 1 MB) and return the log's path.

    Raises OSError when the log cannot be written.
    """
    path = log_path()
    logger = _logger(path)
    handler = next(h for h in logger.handlers if isinstance(h, _PrivateRotatingFileHandler))
    handler.failure = None
    from welcomedesk import __version__

    logger.error("WelcomeDesk %s, Python %s, %s\n%s", __version__, platform.python_version(), sys.platform,
                 describe(exc))
    if handler.failure is not None:
        raise OSError(f"the bug log {path} cannot be written") from handler.failure
    return path
