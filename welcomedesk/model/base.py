"""Declarative base, naming convention and the column types every model shares."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import CheckConstraint, Date, DateTime, MetaData, String, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from welcomedesk.unreadable import UNREADABLE

# Ids are INTEGER columns: 32 bits on PostgreSQL. A larger number names nobody.
MAX_ID = 2**31 - 1

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _lenient_sqlite(parse: Callable[[str], Any]) -> Callable[[Any], Any]:
    # SQLite stores dates as text and lets any program write any text there; SQLAlchemy's own
    # parser then fails the whole query, quoting the value. A bad value reads as UNREADABLE.
    def process(value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, str):
            try:
                return parse(value)
            except ValueError:
                pass
        return UNREADABLE

    return process


def _text_of(value: Any) -> Any:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


class StoredText(TypeDecorator[str]):
    """A string; on SQLite a blob another program stored in its place reads as text.

    (Text in a broken encoding is mended by the connection's text factory.)
    """

    impl = String
    cache_ok = True

    def result_processor(self, dialect: Dialect, coltype: Any) -> Callable[[Any], Any] | None:
        return _text_of if dialect.name == "sqlite" else None


class Code(TypeDecorator[Any]):
    """A coded value stored as its text and read back as a member of its enum.

    Writing anything else is a bug (the services validate first, and a CHECK constraint
    guards the table); a value another program stored reads as UNREADABLE.
    """

    impl = String
    cache_ok = True

    def __init__(self, enum: type[StrEnum], length: int = 16) -> None:
        super().__init__(length)
        self.enum = enum

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        try:
            return self.enum(value)
        except ValueError:
            return UNREADABLE


def one_of(column: str, enum: type[StrEnum]) -> CheckConstraint:
    """The CHECK constraint that keeps ``column`` to the values of ``enum`` (named after the column)."""
    values = ", ".join(f"'{member.value}'" for member in enum)
    return CheckConstraint(f"{column} IN ({values})", name=column)


class StoredDate(TypeDecorator[date]):
    """A calendar date; on SQLite one that cannot be read comes back as UNREADABLE."""

    impl = Date
    cache_ok = True

    def result_processor(self, dialect: Dialect, coltype: Any) -> Callable[[Any], Any] | None:
        if dialect.name == "sqlite":
            return _lenient_sqlite(date.fromisoformat)
        return super().result_processor(dialect, coltype)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always handed back timezone-aware.

    SQLite keeps no zone, so naive values read back are UTC by this rule.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def result_processor(self, dialect: Dialect, coltype: Any) -> Callable[[Any], Any] | None:
        if dialect.name == "sqlite":
            parse = _lenient_sqlite(datetime.fromisoformat)
            return lambda value: self.process_result_value(parse(value), dialect)
        return super().result_processor(dialect, coltype)

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None or not isinstance(value, datetime):
            return value
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    """Now, in UTC."""
    return datetime.now(UTC)


def key_string(length: int) -> Any:
    """A string column compared byte-wise, so prefix ranges use the index on PostgreSQL too."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


class Base(DeclarativeBase):
    """The declarative base of every WelcomeDesk table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Timestamps:
    """Created/updated times in UTC."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
