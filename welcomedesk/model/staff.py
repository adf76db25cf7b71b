"""Staff accounts and their roles: every change and every view is done by one."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from welcomedesk.codes import Role
from welcomedesk.model.base import Base, Code, Timestamps, UTCDateTime, one_of

CLI_ACCOUNT = "cli"


class StaffAccount(Timestamps, Base):
    """A person (or the built-in command-line account) who works with the data."""

    __tablename__ = "staff_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str | None] = mapped_column(String(200), default=None)
    active: Mapped[bool] = mapped_column(default=True)
    # Failed sign-ins in a row (password mode); reset by a sign-in that succeeds.
    failed_sign_ins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    builtin: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1)
    roles: Mapped[list[StaffRole]] = relationship(back_populates="account", cascade="all, delete-orphan",
                                                  passive_deletes=True, order_by="StaffRole.role")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by the mapper

    def role_set(self) -> frozenset[Role]:
        """The roles this account holds."""
        return frozenset(Role(row.role) for row in self.roles)

    def set_roles(self, roles: Iterable[Role]) -> None:
        """Hold exactly ``roles`` (rows of roles kept are left alone)."""
        wanted = set(roles)
        for row in list(self.roles):
            if row.role not in wanted:
                self.roles.remove(row)
        have = {row.role for row in self.roles}
        for role in sorted(wanted - have):
            self.roles.append(StaffRole(role=role))


class StaffRole(Base):
    """One role one account holds: a row, so services and reports can ask for it in SQL."""

    __tablename__ = "staff_role"

    account_id: Mapped[int] = mapped_column(ForeignKey("staff_account.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[Role] = mapped_column(Code(Role), primary_key=True)
    account: Mapped[StaffAccount] = relationship(back_populates="roles")

    __table_args__ = (one_of("role", Role),)
