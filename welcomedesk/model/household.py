"""A household: the family that moves in together."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Mapped, mapped_column, relationship

from welcomedesk.model.base import Base, StoredText, Timestamps

if TYPE_CHECKING:
    from welcomedesk.model.person import Person


class Household(Timestamps, Base):
    """People who live together; the address is kept on each person."""

    __tablename__ = "household"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(StoredText(200), default="")
    version: Mapped[int] = mapped_column(default=1)
    members: Mapped[list[Person]] = relationship(back_populates="household", order_by="Person.id")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by the mapper
