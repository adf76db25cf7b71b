"""Staff accounts as the services see them: who is acting."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from welcomedesk.actor import Actor
from welcomedesk.codes import ROLE_LABELS, Role
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.errors import PermissionDenied, ValidationError
from welcomedesk.i18n import Message, _
from welcomedesk.model import StaffAccount
from welcomedesk.model.staff import CLI_ACCOUNT


def _actor(account: StaffAccount) -> Actor:
    return Actor(account_id=account.id, username=account.username,
                 display_name=account.display_name or account.username, roles=account.role_set())


def ensure_cli_account(session: Session) -> None:
    """Create the built-in command-line account, holding every role, if it is missing."""
    if session.scalar(select(StaffAccount.id).where(StaffAccount.username == CLI_ACCOUNT)) is None:
        account = StaffAccount(username=CLI_ACCOUNT, display_name="Command line", builtin=True)
        account.set_roles(Role)
        session.add(account)


def cli_actor(db: Database) -> Actor:
    """The built-in account every command-line act is done by."""
    return account_actor(db, CLI_ACCOUNT)


def account_actor(db: Database, username: str) -> Actor:
    """The active account ``username`` as an actor; refused if there is none."""
    with unit_of_work(db, None) as session:
        account = session.scalar(select(StaffAccount).where(StaffAccount.username == username))
        if account is None or not account.active:
            raise PermissionDenied(_("There is no active staff account named {name}.").format(name=username))
        return _actor(account)


def desk_actor(db: Database, username: str, display_name: str = "") -> Actor:
    """The account of the person signed in to this computer, made on first use with the desk role.

    The first account made this way on a database gets every role: someone has to be
    able to administer it.
    """
    username = username.strip().lower()[:64]
    if not username or username == CLI_ACCOUNT:
        raise ValidationError(_("This computer's user name cannot be used as a staff account."))
    with unit_of_work(db, None) as session:
        account = session.scalar(select(StaffAccount).where(StaffAccount.username == username))
        if account is not None:
            if not account.active:
                raise PermissionDenied(_("The staff account {name} is closed.").format(name=username))
            return _actor(account)
    maker = cli_actor(db)
    with unit_of_work(db, maker) as session:
        first = session.scalar(select(StaffAccount.id).where(StaffAccount.builtin.is_(False))) is None
        account = StaffAccount(username=username, display_name=display_name.strip()[:200] or username)
        account.set_roles(Role if first else (Role.DESK,))
        session.add(account)
        session.flush()
        return _actor(account)


def require_role(actor: Actor, role: Role) -> None:
    """Refuse the act unless ``actor`` holds ``role``."""
    if role not in actor.roles:
        raise PermissionDenied(_("Your account does not have the role needed for this: {role}.").format(
            role=Message(ROLE_LABELS[role])))
