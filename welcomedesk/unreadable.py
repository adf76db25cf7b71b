"""A stored value that could not be read: shown as such, so one bad field spoils nothing else.

Another program can write anything into a SQLite column (a date as "15.4.1987", text in a
broken encoding). Such a value reads as ``UNREADABLE`` instead of failing the whole list.
"""

from __future__ import annotations

from typing import Final


class Unreadable:
    """The one marker of an unreadable stored value (its content is never kept or shown)."""

    _instance: Unreadable | None = None

    def __new__(cls) -> Unreadable:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNREADABLE"

    def __bool__(self) -> bool:
        return True


UNREADABLE: Final = Unreadable()
