"""Is the database whole? ``check``: the file's pages and references, every stored value readable, and
the audit chain unbroken and reaching the head kept outside it.

Every finding names a table, a record number and a field, never a value: the report can be read by
support without showing anyone's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, select, text
from sqlalchemy.engine import Connection

from welcomedesk.actor import Actor
from welcomedesk.codes import Role
from welcomedesk.config import DatabaseTarget
from welcomedesk.db import audit_chain
from welcomedesk.db.audit_head import head_path, read_head
from welcomedesk.db.session import Database, open_database, record, unit_of_work
from welcomedesk.i18n import Message, _
from welcomedesk.model.base import Base, Code, StoredDate, UTCDateTime
from welcomedesk.services.accounts import cli_actor, require_role
from welcomedesk.unreadable import UNREADABLE

# Readable types whose stored text another program may have broken (issue 3's lenient readers).
_CHECKED_TYPES = (StoredDate, UTCDateTime, Code)
# A table with more unreadable values than this is summed up in one finding, not one per value.
_LISTED = 20
_CHUNK = 20_000
_CHECK_FAILED = "CHECK constraint failed in "


@dataclass(frozen=True)
class Finding:
    """One thing found wrong, said for people."""

    message: Message


@dataclass(frozen=True)
class HealthReport:
    """What ``check`` found; healthy when it found nothing."""

    findings: tuple[Finding, ...]
    audit_entries: int

    @property
    def healthy(self) -> bool:
        return not self.findings


def check_database(db: Database, actor: Actor) -> HealthReport:
    """Check the whole database (administrators): pages, references, stored values, audit chain and head."""
    require_role(actor, Role.ADMIN)
    findings: list[Finding] = []
    with db.engine.connect() as connection:
        if db.target.sqlite_path is not None:
            findings += _pages_and_references(connection)
        findings += _unreadable_values(connection)
        head, broken = audit_chain.verify(connection)
        findings += _chain_findings(connection, db, head, broken)
        connection.rollback()
    findings += _erasures_undone(db, actor)
    with unit_of_work(db, actor) as session:
        record(session, "check", "database", fields="healthy" if not findings else "findings")
    return HealthReport(tuple(findings), head.entry_id)


def check_target(target: DatabaseTarget) -> HealthReport:
    """``check`` from the command line: open the database as it is and check it as the built-in account."""
    db = open_database(target)
    try:
        return check_database(db, cli_actor(db))
    finally:
        db.close()


def _erasures_undone(db: Database, actor: Actor) -> list[Finding]:
    """People the erasure ledger says were erased whose data this database holds again (a restore from before
    the erasure that WelcomeDesk did not make, such as pg_restore)."""
    from welcomedesk.services import erasure, erasure_ledger

    entries = erasure_ledger.read(db.target)
    if not entries:
        return []
    with unit_of_work(db, actor, upkeep=True) as session:  # numbers only
        back = erasure.undone(session, entries)
    return [Finding(_("Newcomer {id} was erased, but their personal data is back (restored from before the "
                      "erasure?): erase them again.").format(id=entry.person_id)) for entry in back]


def _pages_and_references(connection: Connection) -> list[Finding]:
    """SQLite's own checks: every page and index entry, and every reference."""
    findings: list[Finding] = []
    verdict = [str(row[0]) for row in connection.exec_driver_sql("PRAGMA integrity_check(20)")]
    # A value another program wrote past a table's own rule is not a damaged page: said as such.
    rules = sorted({line.removeprefix(_CHECK_FAILED) for line in verdict if line.startswith(_CHECK_FAILED)})
    for table in rules:
        findings.append(Finding(_("Some values stored in {table} break the table's own rules (another program "
                                  "wrote them); the records are named below where they cannot be read.").format(
                                      table=table)))
    pages = [line for line in verdict if line != "ok" and not line.startswith(_CHECK_FAILED)]
    if pages:
        findings.append(Finding(_("The database file is damaged in its pages or indexes (problems found: "
                                  "{count}): restore it from a backup.").format(count=len(pages))))
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    for table, rowid, parent, _key in broken[:_LISTED]:
        findings.append(Finding(_("Record {id} of {table} refers to a {parent} that is not there.").format(
            id=rowid, table=table, parent=parent)))
    if len(broken) > _LISTED:
        findings.append(Finding(_("{count} more broken references.").format(count=len(broken) - _LISTED)))
    return findings


def _unreadable_values(connection: Connection) -> list[Finding]:
    """Every stored date, moment and code read as the program reads it: those it cannot read, by record."""
    findings: list[Finding] = []
    for table in Base.metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, _CHECKED_TYPES)]
        keys = list(table.primary_key.columns)
        if not columns or len(keys) != 1:
            continue
        found = 0
        for column in columns:
            found += _scan(connection, table.name, keys[0], column, findings, _LISTED - found)
        if found > _LISTED:
            findings.append(Finding(_("{table} holds {count} values that cannot be read.").format(
                table=table.name, count=found)))
    return findings


def _scan(connection: Connection, table: str, key: Column[Any], column: Column[Any], findings: list[Finding],
          room: int) -> int:
    """Findings for ``column``'s unreadable values (at most ``room`` listed); returns how many there are."""
    found, after = 0, None
    while True:
        query = select(key, column).where(column.is_not(None)).order_by(key).limit(_CHUNK)
        if after is not None:
            query = query.where(key > after)
        rows = connection.execute(query).all()
        if not rows:
            return found
        for row_key, value in rows:
            if value is UNREADABLE:
                found += 1
                if found <= room:
                    findings.append(Finding(_("Record {id} of {table}: the stored {field} cannot be read.").format(
                        id=row_key, table=table, field=column.name)))
        after = rows[-1][0]


def _chain_findings(connection: Connection, db: Database, head: audit_chain.Head,
                    broken: audit_chain.Break | None) -> list[Finding]:
    """The chain's first break, and whether the table reaches the head kept in the file beside it."""
    findings: list[Finding] = []
    if broken is not None:
        findings.append(Finding(_(
            "The audit log does not hold together from entry {id} on: that entry, or one before it, was changed "
            "or removed.").format(id=broken.entry_id)))
        return findings
    kept = read_head(head_path(db.target))
    if kept is None:
        return findings
    last = connection.scalar(text("SELECT max(id) FROM audit_entry")) or 0
    if kept.entry_id > last:
        findings.append(Finding(_(
            "The audit log ends at entry {last}, but it reached entry {kept} before: its last entries were "
            "removed.").format(last=last, kept=kept.entry_id)))
    elif audit_chain.digest_at(connection, kept.entry_id) != kept.digest:
        findings.append(Finding(_(
            "Audit entry {id} is not the one written: the log was changed up to there.").format(id=kept.entry_id)))
    return findings
