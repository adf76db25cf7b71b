"""Files and folders the program makes: private to their owner, and written whole.

The database, its copies and the bug log hold (or may point at) personal data, so on
POSIX they are made 0600 and their folders 0700 whatever the umask says. Windows keeps a
user's data folder private already; its ACLs are left alone.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
_POSIX = os.name == "posix"


def make_private_dir(path: Path) -> None:
    """Make ``path`` and any missing parents, each one made here private (0700)."""
    missing: list[Path] = []
    current = path
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        if _POSIX:
            os.chmod(folder, PRIVATE_DIR)  # the umask may have taken bits away, or a strange one added none


def create_private_file(path: Path) -> bool:
    """Create ``path`` empty and private (0600) unless it exists; returns whether it was made."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return False
    os.close(descriptor)
    return True


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A private temp file beside ``target``, renamed over it when the block ends without error.

    A reader never sees half a file, and a failure leaves ``target`` as it was.
    """
    descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(descriptor)
    temp = Path(name)
    try:
        yield temp
        with open(temp, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(temp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` whole: through a temp file beside it, renamed into place."""
    with replacing(target) as temp:
        temp.write_bytes(data)


def save_file(target: Path, data: bytes) -> None:
    """``write_atomically``, with a folder or disk that refuses the file said as a StorageError (exit 3)."""
    from welcomedesk.errors import StorageError
    from welcomedesk.i18n import _

    try:
        write_atomically(target, data)
    except OSError as exc:
        raise StorageError(_("Cannot write {path}: {reason}").format(
            path=target, reason=exc.strerror or type(exc).__name__)) from exc
