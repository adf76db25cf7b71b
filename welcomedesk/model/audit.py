"""The audit log: who saw and changed what, and when — never the values; a hash chain over it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from welcomedesk.model.base import Base, UTCDateTime, utcnow

DIGEST_LENGTH = 64


class AuditEntry(Base):
    """One act: a view, a search, a create, an update, a delete, a print, a sign-in…"""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # None: no account is known (a sign-in under a name that has none: the name typed is not kept).
    account_id: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"), default=None)
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[int | None] = mapped_column(default=None)
    # Comma-separated names of the fields touched; never their values.
    fields: Mapped[str] = mapped_column(String(1000), default="")
    # SHA-256 (hex) of this entry chained to the one before (welcomedesk.db.audit_chain).
    digest: Mapped[str] = mapped_column(String(DIGEST_LENGTH), default="")

    __table_args__ = (
        Index("ix_audit_entry_entity", "entity", "entity_id"),
        Index("ix_audit_entry_at", "at"),
        Index("ix_audit_entry_account", "account_id", "id"),
    )


class AuditHead(Base):
    """The chain's newest entry, one row: writing it first is what makes appends from several desks wait
    for each other."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    entry_id: Mapped[int] = mapped_column(default=0)
    digest: Mapped[str] = mapped_column(String(DIGEST_LENGTH))
