"""The ledger of erasures kept outside the database, so a restore can make them again.

A restored backup's ``erasure`` table ends where the backup was taken; this file goes on. It lies beside a
SQLite database (``<file>.erasures``), which a restore replaces while leaving the ledger be; a PostgreSQL
database's lies in this computer's data folder, named by the server and database (never the password), for
the administrator to apply again after a ``pg_restore``. One JSON line an erasure: the person's id, when, and
why — nothing else about them — and which database it was made in (the digest of its first audit entry,
which its every backup shares), so a backup of another database restored in its place has none of its
people erased by number. Private (0600), appended and written to the disk before the erasure commits:
a ledger may be ahead of its database (an erasure that then failed is made at the next restore, as the
administrator meant), never behind it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from welcomedesk.codes import ErasureReason
from welcomedesk.config import DatabaseTarget, data_dir
from welcomedesk.errors import StorageError
from welcomedesk.files import create_private_file, make_private_dir
from welcomedesk.i18n import _

SUFFIX = ".erasures"


@dataclass(frozen=True)
class LedgerEntry:
    """One erasure as the ledger keeps it."""

    person_id: int
    at: datetime
    reason: ErasureReason
    # The database the erasure was made in: the digest of its first audit entry.
    database: str


def ledger_path(target: DatabaseTarget) -> Path:
    """Where ``target``'s ledger is kept on this computer."""
    if target.sqlite_path is not None:
        return target.sqlite_path.with_name(target.sqlite_path.name + SUFFIX)
    name = hashlib.sha256(target.describe().encode("utf-8")).hexdigest()[:24]
    return data_dir() / "erasures" / f"{name}{SUFFIX}"


def append(target: DatabaseTarget, entries: list[LedgerEntry]) -> None:
    """Add ``entries`` to the ledger and wait for the disk; a ledger that cannot be written is a StorageError."""
    if not entries:
        return
    path = ledger_path(target)
    lines = "".join(json.dumps({"person": e.person_id, "at": e.at.isoformat(), "reason": e.reason.value,
                                "database": e.database}) + "\n" for e in entries)
    try:
        make_private_dir(path.parent)
        create_private_file(path)
        # One write in append mode: two desks erasing at once add whole lines.
        with path.open("a", encoding="utf-8") as ledger:
            ledger.write(lines)
            ledger.flush()
            os.fsync(ledger.fileno())
    except OSError as exc:
        raise StorageError(_("The record of erasures {path} cannot be written, so nothing was erased: {reason}")
                           .format(path=path, reason=exc.strerror or type(exc).__name__)) from exc


def read(target: DatabaseTarget) -> list[LedgerEntry]:
    """Every erasure the ledger holds, oldest first; a line that cannot be read (cut short) is passed over."""
    try:
        text = ledger_path(target).read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise StorageError(_("The record of erasures {path} cannot be read: {reason}").format(
            path=ledger_path(target), reason=exc.strerror or type(exc).__name__)) from exc
    found: list[LedgerEntry] = []
    for line in text.splitlines():
        try:
            value = json.loads(line)
            entry = LedgerEntry(int(value["person"]), datetime.fromisoformat(value["at"]),
                                ErasureReason(value.get("reason", ErasureReason.REQUEST.value)),
                                str(value["database"]))
        except (ValueError, KeyError, TypeError):
            continue
        if entry.person_id > 0:
            found.append(entry)
    return found
