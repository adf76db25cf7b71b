"""The audit chain's head kept outside the database: a small file the desk rewrites after each append.

A SQLite database's head file lies beside it (``<file>.audit-head``); a PostgreSQL database's lies in
this computer's data folder, named by the server and database (never the password). The file only moves
forward, and it may lag a moment behind the table (the program killed between the commit and the file):
``check`` accepts a head the table has reached, and reports a table that ends before it or disagrees with it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path

from welcomedesk.config import DatabaseTarget, data_dir
from welcomedesk.db.audit_chain import Head
from welcomedesk.files import PRIVATE_FILE, make_private_dir

SUFFIX = ".audit-head"


def head_path(target: DatabaseTarget) -> Path:
    """Where ``target``'s head is kept on this computer."""
    if target.sqlite_path is not None:
        return target.sqlite_path.with_name(target.sqlite_path.name + SUFFIX)
    name = hashlib.sha256(target.describe().encode("utf-8")).hexdigest()[:24]
    return data_dir() / "audit-heads" / f"{name}{SUFFIX}"


def read_head(path: Path) -> Head | None:
    """The head a file holds; None when there is none or it cannot be read as one."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
        head = Head(int(value["entry"]), str(value["digest"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return head if head.entry_id >= 0 and len(head.digest) == 64 else None


def keep_head(target: DatabaseTarget, head: Head | None) -> None:
    """Write ``head`` to ``target``'s head file unless the file already holds a later one.

    Not being able to write it never fails the act that was audited: the table holds the chain, and the
    file only catches a tail cut off later. It is renamed into place without waiting for the disk: after a
    power cut the file may be older, never half written.
    """
    if head is None:
        return
    path = head_path(target)
    kept = read_head(path)
    if kept is not None and kept.entry_id >= head.entry_id:
        return
    with contextlib.suppress(OSError):
        make_private_dir(path.parent)
        descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as written:
                json.dump({"entry": head.entry_id, "digest": head.digest}, written)
            os.chmod(name, PRIVATE_FILE)
            os.replace(name, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)


def reset_head(target: DatabaseTarget, head: Head) -> None:
    """Make the head file hold ``head`` even if it held a later one (after a restore: the chain is the backup's)."""
    with contextlib.suppress(FileNotFoundError):
        head_path(target).unlink()
    keep_head(target, head)
