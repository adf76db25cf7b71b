"""The service catalogue in the database: services, partner organisations and their contacts, settings.

Each service and partner remembers whether a coordinator edited it: the program's own content,
loaded again by a later edition, never overwrites an edit.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from welcomedesk.codes import Category, PartnerType
from welcomedesk.model.base import Base, Code, StoredDate, StoredText, Timestamps, one_of


class Setting(Base):
    """One setting of this database, by its key (the catalogue's edition and generation, …)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Partner(Timestamps, Base):
    """A partner organisation: provides steps, takes referrals."""

    __tablename__ = "partner"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    type: Mapped[PartnerType] = mapped_column(Code(PartnerType, 20))
    name: Mapped[str] = mapped_column(StoredText(200))
    address: Mapped[str] = mapped_column(StoredText(200), default="")
    phone: Mapped[str] = mapped_column(StoredText(40), default="")
    email: Mapped[str] = mapped_column(StoredText(200), default="")
    website: Mapped[str] = mapped_column(StoredText(200), default="")
    hours: Mapped[str] = mapped_column(StoredText(200), default="")
    # ISO 639 codes of the languages the partner serves in.
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    fee_free_commitment: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    who_safeguard_countries: Mapped[bool | None] = mapped_column(default=None)
    edited: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1)
    contacts: Mapped[list[PartnerContact]] = relationship(
        back_populates="partner", cascade="all, delete-orphan", passive_deletes=True,
        order_by="PartnerContact.position")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by the mapper
    __table_args__ = (one_of("type", PartnerType),)


class PartnerContact(Base):
    """A contact person at a partner."""

    __tablename__ = "partner_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(StoredText(200))
    title: Mapped[str] = mapped_column(StoredText(200), default="")
    phone: Mapped[str] = mapped_column(StoredText(40), default="")
    email: Mapped[str] = mapped_column(StoredText(200), default="")
    partner: Mapped[Partner] = relationship(back_populates="contacts")


class Service(Timestamps, Base):
    """One first step of the catalogue: its texts, provider, rule, due date and earlier steps.

    Texts, rule and due date are kept in the catalogue file's own shape (JSON), read by
    ``welcomedesk.catalogue`` both from the file and from here.
    """

    __tablename__ = "service"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    category: Mapped[Category] = mapped_column(Code(Category))
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id", ondelete="SET NULL"), default=None)
    name: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    description: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    applies: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    due: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    after: Mapped[list[str]] = mapped_column(JSON, default=list)
    done_when: Mapped[str | None] = mapped_column(String(40), default=None)
    valid_from: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    valid_to: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    edited: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1)
    partner: Mapped[Partner | None] = relationship()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by the mapper
    __table_args__ = (one_of("category", Category),)
