"""A newcomer (or a family member) and the search key of their names."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from welcomedesk.codes import (
    Activity,
    Channel,
    FeeAnswer,
    Housing,
    LanguageLevel,
    NoteReason,
    Payer,
    PermitType,
    Recruitment,
    Relation,
    Sector,
    Sex,
    Status,
)
from welcomedesk.folding import MAX_WORD_LENGTH
from welcomedesk.model.base import (
    Base,
    Code,
    StoredDate,
    StoredText,
    Timestamps,
    UTCDateTime,
    key_string,
    one_of,
    utcnow,
)
from welcomedesk.model.checklist import ChecklistItem, FollowUp, PathStage
from welcomedesk.model.household import Household
from welcomedesk.model.paper import PaperGiven
from welcomedesk.person_fields import length

NOTE_LENGTH = 1000


class Person(Timestamps, Base):
    """One person in a household, with the data the desk needs for the first steps."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="RESTRICT"), index=True)
    relation: Mapped[Relation] = mapped_column(Code(Relation), default=Relation.MAIN)
    given_names: Mapped[str] = mapped_column(StoredText(length("given_names")))
    family_name: Mapped[str] = mapped_column(StoredText(length("family_name")))
    native_name: Mapped[str] = mapped_column(StoredText(length("native_name")), default="")
    # Folded "family given" for sorting by name in SQL.
    sort_name: Mapped[str] = mapped_column(key_string(210), default="", index=True)
    date_of_birth: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    nationality: Mapped[str] = mapped_column(StoredText(length("nationality")), default="", index=True)
    personal_identity_code: Mapped[str | None] = mapped_column(StoredText(length("personal_identity_code")),
                                                               unique=True, default=None)
    email: Mapped[str] = mapped_column(StoredText(length("email")), default="")
    phone: Mapped[str] = mapped_column(StoredText(length("phone")), default="")
    street_address: Mapped[str] = mapped_column(StoredText(length("street_address")), default="")
    postal_code: Mapped[str] = mapped_column(StoredText(length("postal_code")), default="")
    post_office: Mapped[str] = mapped_column(StoredText(length("post_office")), default="")
    municipality_code: Mapped[str] = mapped_column(StoredText(length("municipality_code")), default="", index=True)
    arrival_date: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    status: Mapped[Status] = mapped_column(Code(Status), default=Status.EXPECTED, index=True)
    employer: Mapped[str] = mapped_column(StoredText(length("employer")), default="")
    occupation: Mapped[str] = mapped_column(StoredText(length("occupation")), default="")
    permit_type: Mapped[PermitType | None] = mapped_column(Code(PermitType, 8), default=None)
    permit_expiry: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    sex: Mapped[Sex | None] = mapped_column(Code(Sex, 8), default=None)
    mother_tongue: Mapped[str] = mapped_column(String(8), default="")
    finnish_level: Mapped[LanguageLevel | None] = mapped_column(Code(LanguageLevel, 8), default=None)
    swedish_level: Mapped[LanguageLevel | None] = mapped_column(Code(LanguageLevel, 8), default=None)
    english_level: Mapped[LanguageLevel | None] = mapped_column(Code(LanguageLevel, 8), default=None)
    business_id: Mapped[str] = mapped_column(String(9), default="")
    # An ISCO-08 unit group (resources/content/occupations.json).
    occupation_group: Mapped[str] = mapped_column(String(4), default="", index=True)
    sector: Mapped[Sector | None] = mapped_column(Code(Sector, 8), default=None)
    recruitment: Mapped[Recruitment | None] = mapped_column(Code(Recruitment, 16), default=None)
    recruiter: Mapped[str] = mapped_column(StoredText(length("recruiter")), default="")
    privacy_notice_date: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    privacy_notice_language: Mapped[str] = mapped_column(String(8), default="")
    privacy_notice_version: Mapped[str] = mapped_column(StoredText(length("privacy_notice_version")), default="")
    housing: Mapped[Housing | None] = mapped_column(Code(Housing, 16), default=None)
    housing_paid_by: Mapped[Payer | None] = mapped_column(Code(Payer, 16), default=None)
    lease_end: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    move_notified: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    recruitment_fee: Mapped[FeeAnswer | None] = mapped_column(Code(FeeAnswer, 16), default=None)
    concern_raised: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    concern_referred_to: Mapped[str] = mapped_column(StoredText(length("concern_referred_to")), default="")
    # The end of a job held on a work-based permit, and the protection period's months (3 or 6) from it.
    job_ended_on: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    protection_months: Mapped[int | None] = mapped_column(default=None)
    # The day the checklist was last made by the rules, and from which catalogue generation.
    checklist_on: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    checklist_generation: Mapped[int] = mapped_column(default=0)
    # When the person's personal data was erased (None: it is held); their record then counts only in the
    # region's figures (welcomedesk.services.erasure).
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # An erased person's citizenship as the region summary groups it ("eu_eea", "region:145"): their
    # nationality itself is erased.
    country_group: Mapped[str | None] = mapped_column(String(16), default=None)
    version: Mapped[int] = mapped_column(default=1)

    household: Mapped[Household] = relationship(back_populates="members")
    name_keys: Mapped[list[PersonNameKey]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )
    # Every status the person has had, oldest first; ``status`` above is the latest of them.
    status_history: Mapped[list[PersonStatus]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True,
        order_by="(PersonStatus.since, PersonStatus.id)"
    )
    # Project tags (e.g. an ESR-funded project), for funders' participant counts.
    tags: Mapped[list[PersonTag]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True, order_by="PersonTag.tag"
    )
    # The person's desk visits, oldest first.
    visits: Mapped[list[PersonVisit]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True,
        order_by="(PersonVisit.visited_on, PersonVisit.id)"
    )
    # What the person did for a living, from when: oldest first.
    activity_history: Mapped[list[PersonActivity]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True,
        order_by="(PersonActivity.since, PersonActivity.id)"
    )
    # The desk's notes on the person, oldest first: never exported.
    notes: Mapped[list[PersonNote]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True, order_by="PersonNote.id"
    )
    # The person's first steps, in the catalogue's order.
    checklist: Mapped[list[ChecklistItem]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True, order_by="ChecklistItem.id"
    )
    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True, order_by="FollowUp.day"
    )
    path_stages: Mapped[list[PathStage]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True,
        order_by="(PathStage.reached_on, PathStage.id)"
    )
    # The papers given to the person (packets, slips, handover sheets), oldest first.
    papers: Mapped[list[PaperGiven]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True,
        order_by="(PaperGiven.given_at, PaperGiven.id)"
    )
    # The languages the person reads, the first being the one papers are printed in.
    languages: Mapped[list[PersonLanguage]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True,
        order_by="PersonLanguage.position"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by the mapper
    __table_args__ = (one_of("status", Status), one_of("relation", Relation), one_of("permit_type", PermitType),
                      one_of("sex", Sex), one_of("finnish_level", LanguageLevel),
                      one_of("swedish_level", LanguageLevel), one_of("english_level", LanguageLevel),
                      one_of("sector", Sector), one_of("recruitment", Recruitment), one_of("housing", Housing),
                      one_of("housing_paid_by", Payer), one_of("recruitment_fee", FeeAnswer),
                      CheckConstraint("protection_months IN (3, 6)", name="protection_months"),
                      Index("ix_person_permit_expiry", "permit_expiry"),
                      Index("ix_person_job_ended_on", "job_ended_on"),
                      # Arrivals by day; the region summary tells who is counted from this index alone.
                      Index("ix_person_arrival", "arrival_date", "status", "municipality_code"))

    def language_codes(self) -> tuple[str, ...]:
        """The person's languages, the document language first."""
        return tuple(row.code for row in self.languages)

    def tag_names(self) -> tuple[str, ...]:
        """The person's project tags, in order."""
        return tuple(sorted(row.tag for row in self.tags))

    def set_tags(self, tags: Iterable[str]) -> None:
        """Carry exactly ``tags`` (a repeated tag counts once)."""
        wanted = set(tags)
        for row in [r for r in self.tags if r.tag not in wanted]:
            self.tags.remove(row)
        have = {row.tag for row in self.tags}
        self.tags.extend(PersonTag(tag=tag) for tag in sorted(wanted - have))

    def set_languages(self, codes: Iterable[str]) -> None:
        """Read exactly ``codes``, in this order (a repeated code counts once)."""
        wanted = list(dict.fromkeys(codes))
        if list(self.language_codes()) != wanted:
            self.languages.clear()
            self.languages.extend(PersonLanguage(position=i, code=code) for i, code in enumerate(wanted))


class PersonStatus(Base):
    """One dated status of a person: from when it holds, and for a move, where to."""

    __tablename__ = "person_status"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    status: Mapped[Status] = mapped_column(Code(Status))
    since: Mapped[date] = mapped_column(StoredDate())
    # The municipality moved to (a moved status only); "" when it is not known.
    destination_code: Mapped[str] = mapped_column(String(3), default="")
    # Who recorded it; None for the entries an upgrade made from the status kept before histories.
    account_id: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"), default=None)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    person: Mapped[Person] = relationship(back_populates="status_history")

    __table_args__ = (Index("ix_person_status_person", "person_id", "since"), one_of("status", Status))


class PersonLanguage(Base):
    """One language a person reads, in their order: a row, so reports can count by language in SQL."""

    __tablename__ = "person_language"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    # ISO 639-1 (two letters), or ISO 639-3 where a language has no two-letter code.
    code: Mapped[str] = mapped_column(String(8))
    person: Mapped[Person] = relationship(back_populates="languages")

    __table_args__ = (Index("ix_person_language_code", "code", "person_id"),)


class PersonTag(Base):
    """One project tag of a person: a row, so funders' counts are SQL."""

    __tablename__ = "person_tag"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(StoredText(length("tags")), primary_key=True)
    person: Mapped[Person] = relationship(back_populates="tags")

    __table_args__ = (Index("ix_person_tag_tag", "tag", "person_id"),)


class PersonVisit(Base):
    """One desk visit of a person: when, how, in which language, with whose interpreter, how long."""

    __tablename__ = "person_visit"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    visited_on: Mapped[date] = mapped_column(StoredDate())
    channel: Mapped[Channel] = mapped_column(Code(Channel))
    language: Mapped[str] = mapped_column(String(8), default="")
    # Who paid for the interpreter; None: no interpreter.
    interpreter_paid_by: Mapped[Payer | None] = mapped_column(Code(Payer), default=None)
    minutes: Mapped[int] = mapped_column(default=0)
    no_show: Mapped[bool] = mapped_column(default=False)
    account_id: Mapped[int] = mapped_column(ForeignKey("staff_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    person: Mapped[Person] = relationship(back_populates="visits")

    __table_args__ = (Index("ix_person_visit_person", "person_id", "visited_on"), one_of("channel", Channel),
                      one_of("interpreter_paid_by", Payer),
                      CheckConstraint("minutes BETWEEN 0 AND 600", name="minutes"))


class PersonActivity(Base):
    """One dated work or study situation of a person."""

    __tablename__ = "person_activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    activity: Mapped[Activity] = mapped_column(Code(Activity))
    since: Mapped[date] = mapped_column(StoredDate())
    account_id: Mapped[int] = mapped_column(ForeignKey("staff_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    person: Mapped[Person] = relationship(back_populates="activity_history")

    __table_args__ = (Index("ix_person_activity_person", "person_id", "since"), one_of("activity", Activity))


class PersonNote(Base):
    """A desk note on a person: its reason first, free text only where the work needs it. Never exported."""

    __tablename__ = "person_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    reason: Mapped[NoteReason] = mapped_column(Code(NoteReason))
    text: Mapped[str] = mapped_column(StoredText(NOTE_LENGTH), default="")
    account_id: Mapped[int] = mapped_column(ForeignKey("staff_account.id"))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    person: Mapped[Person] = relationship(back_populates="notes")

    __table_args__ = (one_of("reason", NoteReason),)


class PersonNameKey(Base):
    """One folded word of one of a person's names; prefix-matched through its index."""

    __tablename__ = "person_name_key"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    word: Mapped[str] = mapped_column(key_string(MAX_WORD_LENGTH), primary_key=True)
    person: Mapped[Person] = relationship(back_populates="name_keys")

    # word first: the prefix range on word is the search, person_id comes free from the index.
    __table_args__ = (Index("ix_person_name_key_word", "word", "person_id"),)
