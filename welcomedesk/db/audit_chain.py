"""The audit log as a hash chain: each entry's digest covers the one before it.

An entry edited, an entry removed from the middle, or entries cut off the end change what the chain's
digests are, and ``verify`` finds the first place where they stop agreeing. The newest entry's number and
digest (the head) is also kept outside the table — in a file beside the database (``audit_head``), in every
backup, in every region export — so that a tail cut off the table and the head row rewritten to match is
still found against a head kept elsewhere.

Every append goes through ``append``: it first writes the one-row ``audit_head`` table, which takes SQLite's
write lock or PostgreSQL's row lock, so appends from several desks follow each other and never chain two
entries to the same predecessor.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from welcomedesk.model import AuditEntry, AuditHead

# The digest the first entry is chained to.
GENESIS = "0" * 64
HEAD_ROW = 1
_CHUNK = 5000


@dataclass(frozen=True)
class Head:
    """The newest entry of the chain: its number and digest (number 0: the chain is empty)."""

    entry_id: int
    digest: str


@dataclass(frozen=True)
class Break:
    """Where the chain stops agreeing: the first entry whose digest is not what the entries before it make."""

    entry_id: int


def _moment(at: Any) -> str:
    if not isinstance(at, datetime):
        return str(at)  # an unreadable stored moment: its digest still says whether it changed
    # A naive moment is UTC (SQLite gives stored moments back without their zone).
    moment = at.replace(tzinfo=UTC) if at.tzinfo is None else at
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def digest_of(previous: str, row: Mapping[Any, Any]) -> str:
    """The digest of one entry chained to ``previous``: every field that says who did what, when, to what."""
    account = row.get("account_id")
    entity_id = row.get("entity_id")
    parts = (previous, _moment(row["at"]), "" if account is None else str(int(account)), str(row["action"]),
             str(row["entity"]), "" if entity_id is None else str(int(entity_id)), str(row.get("fields") or ""))
    # The unit separator cannot occur in an act's names; it keeps ("a", "bc") apart from ("ab", "c").
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def append(connection: Connection, rows: Sequence[Mapping[str, Any]]) -> Head | None:
    """Add ``rows`` at the end of the chain, in this transaction; returns the new head (None: no rows)."""
    if not rows:
        return None
    hold(connection)
    head = connection.execute(select(AuditHead.entry_id, AuditHead.digest).where(AuditHead.id == HEAD_ROW)).first()
    if head is None:
        # A database from before the head row (the migration makes it): start it now.
        previous = _last_digest(connection)
        connection.execute(insert(AuditHead).values(id=HEAD_ROW, entry_id=0, digest=previous))
    else:
        previous = head.digest
    chained = []
    for row in rows:
        previous = digest_of(previous, row)
        chained.append({**row, "digest": previous})
    entry_id = 0
    for start in range(0, len(chained), _CHUNK):
        result = connection.execute(insert(AuditEntry).returning(AuditEntry.id), chained[start:start + _CHUNK])
        entry_id = max(entry_id, *result.scalars())
    connection.execute(update(AuditHead).where(AuditHead.id == HEAD_ROW).values(entry_id=entry_id, digest=previous))
    return Head(entry_id, previous)


def hold(connection: Connection) -> None:
    """Take the chain for this transaction: a write to the head row, after which no other desk appends (or
    reads the chain's end to decide what to append) until this transaction ends."""
    connection.execute(update(AuditHead).where(AuditHead.id == HEAD_ROW).values(entry_id=AuditHead.entry_id))


def _last_digest(connection: Connection) -> str:
    found = connection.scalar(select(AuditEntry.digest).order_by(AuditEntry.id.desc()).limit(1))
    return found or GENESIS


def head_of(connection: Connection) -> Head:
    """The chain's head as the table holds it now."""
    row = connection.execute(select(AuditEntry.id, AuditEntry.digest).order_by(AuditEntry.id.desc()).limit(1)).first()
    return Head(0, GENESIS) if row is None else Head(row.id, row.digest)


def entries(connection: Connection) -> Iterator[Any]:
    """Every entry in the order of the chain, read a chunk at a time."""
    after = 0
    while True:
        chunk = connection.execute(
            select(AuditEntry.id, AuditEntry.at, AuditEntry.account_id, AuditEntry.action, AuditEntry.entity,
                   AuditEntry.entity_id, AuditEntry.fields, AuditEntry.digest)
            .where(AuditEntry.id > after).order_by(AuditEntry.id).limit(_CHUNK)).all()
        if not chunk:
            return
        yield from chunk
        after = chunk[-1].id


def verify(connection: Connection) -> tuple[Head, Break | None]:
    """Walk the whole chain: its head, and the first entry that does not follow from those before it."""
    previous, last = GENESIS, 0
    for row in entries(connection):
        expected = digest_of(previous, row._mapping)
        if row.digest != expected:
            return Head(last, previous), Break(row.id)
        previous, last = expected, row.id
    return Head(last, previous), None


def digest_at(connection: Connection, entry_id: int) -> str | None:
    """The digest the table holds for entry ``entry_id`` (None: there is no such entry)."""
    if entry_id == 0:
        return GENESIS
    return connection.scalar(select(AuditEntry.digest).where(AuditEntry.id == entry_id))
