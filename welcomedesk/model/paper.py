"""A record of the papers the desk gave a person: which, in which languages, of which content, when, by whom."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from welcomedesk.codes import PaperKind
from welcomedesk.model.base import Base, Code, UTCDateTime, one_of, utcnow

if TYPE_CHECKING:
    from welcomedesk.model.person import Person

LANGUAGES_LENGTH = 40
CONTENT_VERSION_LENGTH = 80
STEP_CODE_LENGTH = 40


class PaperGiven(Base):
    """One paper given to one person: its kind, its languages ("ar+fi"), the content's version, when and by whom.

    A slip or sheet for one step names the step's code and the partner it sends the person to. The
    account and the partner may go (the record stays, naming nobody); the person's erasure takes it along.
    """

    __tablename__ = "paper_given"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[PaperKind] = mapped_column(Code(PaperKind, 20))
    # The paper's language codes joined by "+", the newcomer's first: "ar+fi".
    languages: Mapped[str] = mapped_column(String(LANGUAGES_LENGTH))
    # Which edition of the texts was printed (the packet texts' or the catalogue's version).
    content_version: Mapped[str] = mapped_column(String(CONTENT_VERSION_LENGTH))
    given_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id", ondelete="SET NULL"), default=None,
                                                   index=True)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id", ondelete="SET NULL"), default=None,
                                                   index=True)
    step_code: Mapped[str | None] = mapped_column(String(STEP_CODE_LENGTH), default=None)
    person: Mapped[Person] = relationship(back_populates="papers")

    __table_args__ = (one_of("kind", PaperKind),)
