"""The record of an erasure: whose personal data was removed, when, by whom and why — never what it was."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from welcomedesk.codes import ErasureReason
from welcomedesk.model.base import Base, Code, UTCDateTime, one_of, utcnow


class Erasure(Base):
    """One erasure of one person, by the person's id.

    The id is a plain number, not a reference: the record names whom to erase again after a restore, and
    outlives any row it could point at.
    """

    __tablename__ = "erasure"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(index=True)
    erased_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # None: the erasure was made again after a restore by an account the database no longer has.
    account_id: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"), default=None)
    reason: Mapped[ErasureReason] = mapped_column(Code(ErasureReason, 16))

    __table_args__ = (one_of("reason", ErasureReason),)
