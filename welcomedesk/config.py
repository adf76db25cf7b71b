"""Settings: where the data lives and which database to open.

The database comes from ``--db`` (a path or a URL), else ``WELCOMEDESK_DB``, else a SQLite
file in the platform's user data directory.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from welcomedesk.errors import StorageError
from welcomedesk.i18n import _

APP_NAME = "WelcomeDesk"
ENV_DB = "WELCOMEDESK_DB"
ENV_DATA_DIR = "WELCOMEDESK_DATA_DIR"
DB_FILENAME = "welcomedesk.sqlite3"

# Network file systems break SQLite's locking: several desks must share PostgreSQL instead.
_NETWORK_FS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "fuse.sshfs", "9p", "afs", "davfs", "fuse.davfs2"}


def _usable_text(value: str, what: str) -> str:
    """``value`` if it can name a file or a server; a NUL or undecodable bytes are refused."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        ok = False
    else:
        ok = "\x00" not in value
    if not ok:
        raise StorageError(_("{what} holds characters that cannot name a file or a server: {value}").format(
            what=what, value=value.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")))
    return value


def data_dir() -> Path:
    """The folder for the local database, backups and logs (created on demand)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(_usable_text(override, ENV_DATA_DIR))
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


@dataclass(frozen=True)
class DatabaseTarget:
    """Which database to open: a SQLAlchemy URL, and the file when it is SQLite."""

    url: str
    sqlite_path: Path | None
    # The platform's default file: the desktop app may create it on first start.
    default: bool = False

    @property
    def is_sqlite(self) -> bool:
        return self.sqlite_path is not None

    def describe(self) -> str:
        """Where the data is, for people: the file, or the server without the password."""
        if self.sqlite_path is not None:
            return str(self.sqlite_path)
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)


def resolve_database(db: str | None = None) -> DatabaseTarget:
    """Turn ``--db`` / ``WELCOMEDESK_DB`` / the default into a target."""
    value = _usable_text((db or os.environ.get(ENV_DB) or "").strip(), "--db")
    if not value:
        target = _sqlite_target(data_dir() / DB_FILENAME)
        return DatabaseTarget(url=target.url, sqlite_path=target.sqlite_path, default=True)
    if value.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        url = value.replace("postgres://", "postgresql://", 1)
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://") :]
        return DatabaseTarget(url=url, sqlite_path=None)
    if value.startswith("sqlite:///"):
        return _sqlite_target(Path(value[len("sqlite:///") :]))
    if "://" in value:
        raise StorageError(_("Unsupported database address: {url}").format(url=value.split("://")[0] + "://…"))
    return _sqlite_target(Path(value))


def _sqlite_target(path: Path) -> DatabaseTarget:
    path = path.expanduser()
    if _is_network_path(path):
        raise StorageError(
            _(
                "The database {path} is on a network drive. SQLite is safe only on a local disk: "
                "to share one database between desks, use PostgreSQL (see the README)."
            ).format(path=path)
        )
    path = path.resolve()
    return DatabaseTarget(url=f"sqlite:///{path}", sqlite_path=path)


def _is_network_path(path: Path, mounts_file: Path = Path("/proc/mounts")) -> bool:
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True  # a Windows UNC share
    if sys.platform == "win32":
        return _is_windows_network_drive(path)
    try:
        mounts = mounts_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    resolved = str(path.resolve())
    best, best_type = "", ""
    for line in mounts:
        parts = line.split()
        inside = len(parts) >= 3 and (resolved == parts[1] or resolved.startswith(parts[1].rstrip("/") + "/"))
        if inside and len(parts[1]) > len(best):
            best, best_type = parts[1], parts[2]
    return best_type in _NETWORK_FS


def _is_windows_network_drive(path: Path) -> bool:
    # A mapped drive letter (Z:) looks local; Windows knows it is remote (DRIVE_REMOTE = 4).
    import ctypes

    drive = path.resolve().drive
    if not drive:
        return False
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    return bool(kernel32.GetDriveTypeW(drive + "\\") == 4)
