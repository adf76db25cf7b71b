"""Staff accounts: every change and every view is done by one."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from welcomedesk.model.base import Base, Timestamps

ROLES = ("desk", "coordinator", "admin")
CLI_ACCOUNT = "cli"


class StaffAccount(Timestamps, Base):
    """A person (or the built-in command-line account) who works with the data."""

    __tablename__ = "staff_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    # Space-separated subset of ROLES.
    roles: Mapped[str] = mapped_column(String(100), default="desk")
    password_hash: Mapped[str | None] = mapped_column(String(200), default=None)
    active: Mapped[bool] = mapped_column(default=True)
    builtin: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by the mapper

    def role_set(self) -> frozenset[str]:
        return frozenset(self.roles.split())
