"""Who is acting: the staff account every change and every view is done by."""

from __future__ import annotations

from dataclasses import dataclass

from welcomedesk.codes import Role


@dataclass(frozen=True)
class Actor:
    """The staff account doing the work, and the roles it holds."""

    account_id: int
    username: str
    display_name: str
    roles: frozenset[Role]
