"""A newcomer (or a family member) and the search key of their names."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column, relationship

from welcomedesk.folding import MAX_WORD_LENGTH
from welcomedesk.model.base import Base, StoredDate, StoredText, Timestamps, key_string
from welcomedesk.model.household import Household

RELATIONS = ("main", "spouse", "child", "other")
STATUSES = ("expected", "arrived", "moved", "left")
# Permit kinds a desk tells apart: A continuous, B temporary, P permanent; EU/EEA registration; Nordic.
PERMIT_TYPES = ("A", "B", "P", "EU", "NORDIC")


class Person(Timestamps, Base):
    """One person in a household, with the data the desk needs for the first steps."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="RESTRICT"), index=True)
    relation: Mapped[str] = mapped_column(StoredText(16), default="main")
    given_names: Mapped[str] = mapped_column(StoredText(100))
    family_name: Mapped[str] = mapped_column(StoredText(100))
    native_name: Mapped[str] = mapped_column(StoredText(200), default="")
    # Folded "family given" for sorting by name in SQL.
    sort_name: Mapped[str] = mapped_column(key_string(210), default="", index=True)
    date_of_birth: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    nationality: Mapped[str] = mapped_column(StoredText(2), default="", index=True)
    # ISO 639-1 codes separated by ";", the first is the document language.
    languages: Mapped[str] = mapped_column(StoredText(100), default="")
    personal_identity_code: Mapped[str | None] = mapped_column(StoredText(11), unique=True, default=None)
    email: Mapped[str] = mapped_column(StoredText(254), default="")
    phone: Mapped[str] = mapped_column(StoredText(20), default="")
    street_address: Mapped[str] = mapped_column(StoredText(200), default="")
    postal_code: Mapped[str] = mapped_column(StoredText(10), default="")
    post_office: Mapped[str] = mapped_column(StoredText(100), default="")
    municipality_code: Mapped[str] = mapped_column(StoredText(3), default="", index=True)
    arrival_date: Mapped[date | None] = mapped_column(StoredDate(), default=None, index=True)
    status: Mapped[str] = mapped_column(StoredText(16), default="expected", index=True)
    employer: Mapped[str] = mapped_column(StoredText(200), default="")
    occupation: Mapped[str] = mapped_column(StoredText(200), default="")
    permit_type: Mapped[str] = mapped_column(StoredText(8), default="")
    permit_expiry: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    version: Mapped[int] = mapped_column(default=1)

    household: Mapped[Household] = relationship(back_populates="members")
    name_keys: Mapped[list[PersonNameKey]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by the mapper

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(";") if code]


class PersonNameKey(Base):
    """One folded word of one of a person's names; prefix-matched through its index."""

    __tablename__ = "person_name_key"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    word: Mapped[str] = mapped_column(key_string(MAX_WORD_LENGTH), primary_key=True)
    person: Mapped[Person] = relationship(back_populates="name_keys")

    # word first: the prefix range on word is the search, person_id comes free from the index.
    __table_args__ = (Index("ix_person_name_key_word", "word", "person_id"),)
