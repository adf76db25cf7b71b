"""The service point profile: the organisation and the municipalities it serves."""

from __future__ import annotations

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from welcomedesk.model.base import Base, StoredText, Timestamps

# The accent colour of the papers unless the service point chooses its own.
DEFAULT_COLOUR = "#1F5F8B"


class ServicePoint(Timestamps, Base):
    """The one organisation this database belongs to (a municipality or a joint service area)."""

    __tablename__ = "service_point"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # How to reach the desk, as printed on the papers it gives.
    address: Mapped[str] = mapped_column(StoredText(200), default="")
    phone: Mapped[str] = mapped_column(StoredText(40), default="")
    email: Mapped[str] = mapped_column(StoredText(200), default="")
    website: Mapped[str] = mapped_column(StoredText(200), default="")
    # Several lines allowed ("Mon–Thu 9–15\nFri 9–12").
    hours: Mapped[str] = mapped_column(StoredText(400), default="")
    # A PNG or JPEG of at most 512 KB, checked before it is stored.
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    # "#RRGGBB", upper case.
    colour: Mapped[str] = mapped_column(String(7), default=DEFAULT_COLOUR)
    version: Mapped[int] = mapped_column(default=1)
    municipalities: Mapped[list[ServicePointMunicipality]] = relationship(
        back_populates="service_point", cascade="all, delete-orphan", order_by="ServicePointMunicipality.position"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by the mapper


class ServicePointMunicipality(Base):
    """A municipality the service point serves, by its Statistics Finland code."""

    __tablename__ = "service_point_municipality"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_point_id: Mapped[int] = mapped_column(ForeignKey("service_point.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(3), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(default=0)
    service_point: Mapped[ServicePoint] = relationship(back_populates="municipalities")
