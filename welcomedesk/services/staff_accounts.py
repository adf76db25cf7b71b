"""The staff accounts an administrator keeps: listed, added, given roles, closed and opened again.

Deny by default: every act needs the administrator role, checked on the actor and again as the
database holds it now; the built-in command-line account cannot be changed, and the last active
administrator (with a password, in password mode) keeps that role.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from welcomedesk.actor import Actor
from welcomedesk.codes import Role, SignInMode
from welcomedesk.db.session import Database, open_database, record, unit_of_work
from welcomedesk.errors import Problem, ValidationError, stale_record
from welcomedesk.i18n import _
from welcomedesk.identity import normalise_name
from welcomedesk.model import StaffAccount
from welcomedesk.model.base import MAX_ID, utcnow
from welcomedesk.services.accounts import cli_actor, require_role
from welcomedesk.services.sign_in import (
    administrators,
    hash_password,
    password_problems,
    refuse_builtin,
    require_admin,
    settings_in,
)

if TYPE_CHECKING:
    from welcomedesk.config import DatabaseTarget

MAX_USERNAME_LENGTH = 64
_USERNAME_MARKS = frozenset("._-")


@dataclass(frozen=True)
class AccountRow:
    """One staff account as the Accounts page lists it (never its password hash)."""

    id: int
    username: str
    display_name: str
    roles: frozenset[Role]
    active: bool
    has_password: bool
    locked_until: datetime | None
    builtin: bool
    version: int


def list_accounts(db: Database, actor: Actor) -> list[AccountRow]:
    """Every staff account, the built-in one first (audited as a list)."""
    require_role(actor, Role.ADMIN)
    with unit_of_work(db, actor) as session:
        require_admin(session, actor)
        accounts = session.scalars(select(StaffAccount).options(selectinload(StaffAccount.roles))
                                   .order_by(StaffAccount.builtin.desc(), StaffAccount.username)).all()
        record(session, "list", "staff_account")
        return [_row(account) for account in accounts]


def add_account(db: Database, actor: Actor, username: str, display_name: str, roles: Iterable[Role | str],
                password: str | None = None) -> AccountRow:
    """Add a staff account; in password mode it needs a password, which the policy must accept."""
    require_role(actor, Role.ADMIN)
    problems: list[Problem] = []
    name = shown = _username(username, problems)
    try:
        shown = normalise_name(display_name, field="display_name", max_length=200, required=False) or name
    except ValidationError as exc:
        problems.extend(exc.problems)
    chosen = _roles(roles, problems)
    if password is not None:
        problems.extend(password_problems(password, name))
    if problems:
        raise ValidationError.of(problems)
    new_hash = hash_password(password, name) if password is not None else None
    with unit_of_work(db, actor) as session:
        require_admin(session, actor)
        if new_hash is None and settings_in(session).mode is SignInMode.PASSWORD:
            raise ValidationError(_("Staff sign in with a password: give the new account one."), field="password")
        if session.scalar(select(StaffAccount.id).where(StaffAccount.username == name)) is not None:
            raise ValidationError(_("There is already a staff account named {name}.").format(name=name),
                                  field="username")
        account = StaffAccount(username=name, display_name=shown, password_hash=new_hash,
                               password_changed_at=utcnow() if new_hash else None)
        account.set_roles(chosen)
        session.add(account)
        session.flush()
        return _row(account)


def set_roles(db: Database, actor: Actor, account_id: int, roles: Iterable[Role | str],
              version: int | None = None) -> AccountRow:
    """Give the account exactly ``roles``; the last active administrator keeps theirs."""
    require_role(actor, Role.ADMIN)
    problems: list[Problem] = []
    chosen = _roles(roles, problems)
    if problems:
        raise ValidationError.of(problems)
    with unit_of_work(db, actor) as session:
        require_admin(session, actor)
        account = _load(session, account_id, version)
        if Role.ADMIN in account.role_set() and Role.ADMIN not in chosen:
            _keep_an_administrator(session, account)
        if account.role_set() != chosen:
            account.set_roles(chosen)
            # Roles are rows of their own: touching the account moves its version with them,
            # so a stale save of its roles is refused.
            account.updated_at = utcnow()
        session.flush()
        return _row(account)


def close_account(db: Database, actor: Actor, account_id: int, version: int | None = None) -> AccountRow:
    """Close an account: it can no longer sign in; its audit rows stay. The last administrator stays open."""
    return _set_active(db, actor, account_id, version, active=False)


def reopen_account(db: Database, actor: Actor, account_id: int, version: int | None = None) -> AccountRow:
    """Open a closed account again."""
    return _set_active(db, actor, account_id, version, active=True)


def _set_active(db: Database, actor: Actor, account_id: int, version: int | None, *, active: bool) -> AccountRow:
    require_role(actor, Role.ADMIN)
    with unit_of_work(db, actor) as session:
        require_admin(session, actor)
        account = _load(session, account_id, version)
        if account.active and not active and Role.ADMIN in account.role_set():
            _keep_an_administrator(session, account)
        account.active = active
        session.flush()
        return _row(account)


def add_account_from_command_line(target: DatabaseTarget, username: str, roles: Iterable[Role | str],
                                  password: str | None) -> AccountRow:
    """``user add``: the account added by the built-in command-line account on the database at ``target``."""
    db = open_database(target)
    try:
        return add_account(db, cli_actor(db), username, "", roles, password)
    finally:
        db.close()


def _keep_an_administrator(session: Session, account: StaffAccount) -> None:
    """Refuse to take the administrator role (or the account) away from the last one who can sign in."""
    if not account.active:
        return
    if not administrators(session, with_password=False, besides=account.id):
        raise ValidationError(_("{name} is the last active administrator. Make another account an administrator "
                                "first.").format(name=account.username), field="roles")
    password_mode = settings_in(session).mode is SignInMode.PASSWORD
    if password_mode and account.password_hash is not None and not administrators(
            session, with_password=True, besides=account.id):
        raise ValidationError(_("{name} is the last active administrator with a password, and staff sign in with a "
                                "password. Give another administrator a password first.").format(
                                    name=account.username), field="roles")


def _load(session: Session, account_id: int, version: int | None) -> StaffAccount:
    """The account ``account_id`` (as loaded, with ``version``), if an administrator may change it."""
    account = session.get(StaffAccount, account_id) if 1 <= account_id <= MAX_ID else None
    if account is None:
        raise ValidationError(_("There is no staff account with the number {id}.").format(id=account_id))
    if version is not None and account.version != version:
        raise stale_record()
    refuse_builtin(account)
    return account


def _username(text: str, problems: list[Problem]) -> str:
    """A new account's user name: lower case, letters, digits and . _ - only."""
    name = unicodedata.normalize("NFC", text.strip()).lower()
    if not 1 <= len(name) <= MAX_USERNAME_LENGTH:
        problems.append(Problem("username", _("A user name has 1–{count} characters.").format(
            count=MAX_USERNAME_LENGTH)))
    elif not all(c.isalpha() or c in "0123456789" or c in _USERNAME_MARKS for c in name):
        problems.append(Problem("username", _("A user name may have letters, digits and the marks . _ - only.")))
    return name


def _roles(roles: Iterable[Role | str], problems: list[Problem]) -> frozenset[Role]:
    wanted = [str(role).strip().lower() for role in roles]
    if not wanted or any(role not in tuple(Role) for role in wanted):
        problems.append(Problem("roles", _("Choose one or more roles: desk worker, coordinator, administrator.")))
        return frozenset()
    return frozenset(Role(role) for role in wanted)


def _row(account: StaffAccount) -> AccountRow:
    return AccountRow(id=account.id, username=account.username, display_name=account.display_name,
                      roles=account.role_set(), active=account.active, has_password=account.password_hash is not None,
                      locked_until=account.locked_until, builtin=account.builtin, version=account.version)
