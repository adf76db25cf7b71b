"""The audit log: who saw and changed what, and when — never the values."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from welcomedesk.model.base import Base, UTCDateTime, utcnow


class AuditEntry(Base):
    """One act: a view, a search, a create, an update or a delete."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    account_id: Mapped[int] = mapped_column(ForeignKey("staff_account.id"))
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[int | None] = mapped_column(default=None)
    # Comma-separated names of the fields touched; never their values.
    fields: Mapped[str] = mapped_column(String(1000), default="")

    __table_args__ = (
        Index("ix_audit_entry_entity", "entity", "entity_id"),
        Index("ix_audit_entry_at", "at"),
    )
