"""A person's checklist of first steps, their follow-up contacts and the stages of their paths into work."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from welcomedesk.codes import OPEN_ITEM_STATUSES, FollowUpOutcome, ItemStatus, PathKind, ReferralOutcome
from welcomedesk.model.base import Base, Code, StoredDate, StoredText, UTCDateTime, one_of, utcnow
from welcomedesk.model.catalogue import Partner, Service

if TYPE_CHECKING:
    from welcomedesk.model.person import Person

ITEM_NOTE_LENGTH = 300
STAGE_DETAIL_LENGTH = 200
_OPEN = ", ".join(f"'{s.value}'" for s in sorted(OPEN_ITEM_STATUSES))
# The steps still to do, by due date: the Home page's overdue and this-week lists read only these.
_OPEN_WHERE = text(f"applies AND status IN ({_OPEN}) AND due_date IS NOT NULL")
_OPEN_WHERE_SQLITE = text(f"applies = 1 AND status IN ({_OPEN}) AND due_date IS NOT NULL")


class ChecklistItem(Base):
    """One step of one person: its status, due and done dates, who, a note and a referral.

    A step that no longer applies keeps its row and status, marked ``applies = False``.
    """

    __tablename__ = "checklist_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="RESTRICT"))
    status: Mapped[ItemStatus] = mapped_column(Code(ItemStatus))
    applies: Mapped[bool] = mapped_column(default=True)
    due_date: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    done_on: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    # Who last moved the step on; None while the rules alone made it.
    account_id: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"), default=None)
    note: Mapped[str] = mapped_column(StoredText(ITEM_NOTE_LENGTH), default="")
    referred_on: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    referred_to_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id", ondelete="RESTRICT"), default=None,
                                                       index=True)
    referral_outcome: Mapped[ReferralOutcome | None] = mapped_column(Code(ReferralOutcome), default=None)
    version: Mapped[int] = mapped_column(default=1)
    person: Mapped[Person] = relationship(back_populates="checklist")
    service: Mapped[Service] = relationship()
    referred_to: Mapped[Partner | None] = relationship()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by the mapper
    __table_args__ = (
        UniqueConstraint("person_id", "service_id"),
        # The catalogue page counts each service's people from this index alone.
        Index("ix_checklist_item_service", "service_id", "applies"),
        Index("ix_checklist_item_open_due", "due_date", "person_id",
              sqlite_where=_OPEN_WHERE_SQLITE, postgresql_where=_OPEN_WHERE),
        # The region summary counts each person's steps due in a period from this index alone (no row is read).
        Index("ix_checklist_item_person_due", "person_id", "due_date", "service_id", "status", "applies",
              "done_on"),
        one_of("status", ItemStatus), one_of("referral_outcome", ReferralOutcome),
    )


class FollowUp(Base):
    """One scheduled follow-up contact, so many days after the arrival, and how it went."""

    __tablename__ = "follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    day: Mapped[int] = mapped_column()
    due_date: Mapped[date] = mapped_column(StoredDate())
    contacted_on: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    outcome: Mapped[FollowUpOutcome | None] = mapped_column(Code(FollowUpOutcome), default=None)
    # Question code -> answer code, as the content files define them.
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"), default=None)
    version: Mapped[int] = mapped_column(default=1)
    person: Mapped[Person] = relationship(back_populates="follow_ups")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by the mapper
    __table_args__ = (
        UniqueConstraint("person_id", "day"),
        Index("ix_follow_up_open_due", "due_date", "person_id", sqlite_where=text("contacted_on IS NULL"),
              postgresql_where=text("contacted_on IS NULL")),
        one_of("outcome", FollowUpOutcome),
    )


class PathStage(Base):
    """One dated stage of a person's path into work (the learning path, or a spouse's career)."""

    __tablename__ = "path_stage"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    path: Mapped[PathKind] = mapped_column(Code(PathKind))
    stage: Mapped[str] = mapped_column(String(40))
    reached_on: Mapped[date] = mapped_column(StoredDate())
    detail: Mapped[str] = mapped_column(StoredText(STAGE_DETAIL_LENGTH), default="")
    account_id: Mapped[int] = mapped_column(ForeignKey("staff_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    person: Mapped[Person] = relationship(back_populates="path_stages")

    __table_args__ = (Index("ix_path_stage_person", "person_id", "path", "reached_on"), one_of("path", PathKind))
