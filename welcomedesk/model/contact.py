"""Anonymous walk-in contacts: a question answered for someone who gives no name, counted for the region."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from welcomedesk.codes import Channel, ContactTopic, Referral
from welcomedesk.model.base import Base, Code, UTCDateTime, one_of, utcnow

MAX_MINUTES = 600


class WalkInContact(Base):
    """One anonymous contact: what it was about, in which language, how, how long, and where it led."""

    __tablename__ = "walk_in_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    account_id: Mapped[int] = mapped_column(ForeignKey("staff_account.id"))
    topic: Mapped[ContactTopic] = mapped_column(Code(ContactTopic))
    # ISO 639 code of the language the contact was in.
    language: Mapped[str] = mapped_column(String(8))
    channel: Mapped[Channel] = mapped_column(Code(Channel))
    minutes: Mapped[int] = mapped_column()
    referred_to: Mapped[Referral] = mapped_column(Code(Referral))

    __table_args__ = (
        one_of("topic", ContactTopic), one_of("channel", Channel), one_of("referred_to", Referral),
        CheckConstraint(f"minutes BETWEEN 1 AND {MAX_MINUTES}", name="minutes"),
        Index("ix_walk_in_contact_at", "at"),
    )
