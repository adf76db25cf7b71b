"""Signing in with a password, the sign-in settings, and what keeps an account safe (its lock, the last administrator).

Two sign-in modes, kept in the database's settings: "computer" (the default) signs in the
computer's user (``accounts.desk_actor``), for desk PCs where each worker has their own login;
"password" asks a name and a password, for shared computer accounts.

Passwords are hashed with argon2id at argon2-cffi's default cost (RFC 9106's low-memory profile:
3 passes over 64 MiB, 4 lanes) and rehashed on the next sign-in when that cost changes. Every
failed sign-in says the same sentence, whatever failed; from the third failure in a row the
account is locked for 30 s, then 60 s, 120 s… at most 15 minutes. An attempt while locked is
refused and changes nothing: the lock ends when it was set to end, so someone who knows a
colleague's name cannot keep them out by typing on. The name typed is never stored: a failure
under a name no account has is audited without an account.
"""

from __future__ import annotations

import contextlib
import secrets
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.orm import Session, selectinload

from welcomedesk.actor import Actor
from welcomedesk.codes import Role, SignInMode
from welcomedesk.db.session import Database, record, record_as, unit_of_work
from welcomedesk.errors import PermissionDenied, Problem, ValidationError
from welcomedesk.i18n import _
from welcomedesk.model import StaffAccount, StaffRole
from welcomedesk.model.base import utcnow
from welcomedesk.services.accounts import require_role
from welcomedesk.services.catalogue import set_setting, setting

if TYPE_CHECKING:
    pass

MODE_KEY = "sign_in.mode"
IDLE_KEY = "sign_in.idle_minutes"
DEFAULT_IDLE_MINUTES = 5
MIN_IDLE_MINUTES, MAX_IDLE_MINUTES = 1, 60

MIN_PASSWORD_LENGTH = 12
# Long enough for any passphrase; a megabyte typed at the sign-in would only cost hashing time.
MAX_PASSWORD_LENGTH = 1000

LOCK_AFTER = 3
FIRST_LOCK = timedelta(seconds=30)
LONGEST_LOCK = timedelta(minutes=15)

# Read at each use, so tests can put in a cheap hasher; production keeps argon2-cffi's defaults.
PASSWORD_HASHER = PasswordHasher()


@dataclass(frozen=True)
class SignInSettings:
    """The sign-in mode and after how many idle minutes the app locks itself."""

    mode: SignInMode
    idle_minutes: int


def failure_message() -> str:
    """The one sentence every failed sign-in gets: it tells no one which names exist."""
    return _("The name or password is not right, or the account is locked for a while. Try again later or ask an "
             "administrator.")


# -- settings

def sign_in_settings(db: Database) -> SignInSettings:
    """The sign-in settings; read before anyone has signed in, so no account is needed."""
    with unit_of_work(db, None) as session:
        return settings_in(session)


def settings_in(session: Session) -> SignInSettings:
    """The sign-in settings as this session reads them."""
    stored = setting(session, MODE_KEY, SignInMode.COMPUTER)
    # A value this version does not know falls to the stricter mode.
    mode = SignInMode(stored) if stored in tuple(SignInMode) else SignInMode.PASSWORD
    try:
        idle = int(setting(session, IDLE_KEY, str(DEFAULT_IDLE_MINUTES)))
    except ValueError:
        idle = DEFAULT_IDLE_MINUTES
    return SignInSettings(mode, min(max(idle, MIN_IDLE_MINUTES), MAX_IDLE_MINUTES))


def set_sign_in_settings(db: Database, actor: Actor, mode: SignInMode | str, idle_minutes: int) -> SignInSettings:
    """Set the sign-in mode and the idle minutes (administrators only).

    Password mode is refused until an active administrator has a password: someone must be
    able to sign in and administer the database.
    """
    require_role(actor, Role.ADMIN)
    problems: list[Problem] = []
    if mode not in tuple(SignInMode):
        problems.append(Problem("mode", _("Choose how staff sign in: with the computer's account or a password.")))
    if not MIN_IDLE_MINUTES <= idle_minutes <= MAX_IDLE_MINUTES:
        problems.append(Problem("idle_minutes", _("The app locks itself after {low}–{high} idle minutes.").format(
            low=MIN_IDLE_MINUTES, high=MAX_IDLE_MINUTES)))
    if problems:
        raise ValidationError.of(problems)
    chosen = SignInMode(mode)
    with unit_of_work(db, actor) as session:
        require_admin(session, actor)
        if chosen is SignInMode.PASSWORD and not administrators(session, with_password=True):
            raise ValidationError(_("Password sign-in needs an active administrator account with a password: set "
                                    "a password for an administrator first."), field="mode")
        set_setting(session, MODE_KEY, chosen.value)
        set_setting(session, IDLE_KEY, str(idle_minutes))
        return SignInSettings(chosen, idle_minutes)


# -- passwords

def _normalised(password: str) -> str:
    # The same password typed on another keyboard or system may come in another Unicode form
    # (NIST SP 800-63B asks for NFKC or NFKD before hashing).
    return unicodedata.normalize("NFKC", password)


def password_problems(password: str, username: str) -> list[Problem]:
    """Every reason ``password`` is refused for the account ``username`` (none: it is fine)."""
    password = _normalised(password)
    problems: list[str] = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(_("A password needs at least {count} characters.").format(count=MIN_PASSWORD_LENGTH))
    if len(password) > MAX_PASSWORD_LENGTH:
        problems.append(_("A password can have at most {count} characters.").format(count=MAX_PASSWORD_LENGTH))
    if len(set(password)) == 1:
        problems.append(_("A password cannot be one character repeated."))
    if password.casefold() == username.strip().casefold():
        problems.append(_("A password cannot be the same as the user name."))
    return [Problem("password", message) for message in problems]


def hash_password(password: str, username: str) -> str:
    """The argon2id hash of ``password`` for ``username``; refused with every reason the policy gives."""
    problems = password_problems(password, username)
    if problems:
        raise ValidationError.of(problems)
    return PASSWORD_HASHER.hash(_normalised(password))


@lru_cache(maxsize=4)
def _dummy_hash(hasher: PasswordHasher) -> str:
    return hasher.hash(secrets.token_urlsafe(16))


def _password_matches(stored: str | None, password: str) -> bool:
    """Whether ``password`` is the one ``stored`` was made from; as slow when there is none."""
    hasher = PASSWORD_HASHER
    typed = _normalised(password)
    if stored is None:
        # A hash no one knows the password of is checked instead, so the time taken does not
        # tell which names have an account.
        with contextlib.suppress(VerificationError):
            hasher.verify(_dummy_hash(hasher), typed)
        return False
    try:
        return hasher.verify(stored, typed)
    except (VerificationError, InvalidHashError):
        return False


def _lock_for(failures: int) -> timedelta:
    """How long the account is locked after ``failures`` failed sign-ins in a row."""
    doublings = min(max(failures - LOCK_AFTER, 0), 10)  # 30 s x 2^10 is past the cap already
    return min(FIRST_LOCK * (1 << doublings), LONGEST_LOCK)


# -- signing in

def sign_in(db: Database, username: str, password: str, now: datetime | None = None) -> Actor:
    """The account ``username`` signed in with ``password``; refused with one sentence whatever failed."""
    name = unicodedata.normalize("NFC", username.strip()).lower()
    actor = _attempt(db, StaffAccount.username == name, password, now or utcnow(), ("sign_in", "staff_account"))
    if actor is None:
        raise PermissionDenied(failure_message())
    return actor


def verify_password_for_unlock(db: Database, actor: Actor, password: str, now: datetime | None = None) -> bool:
    """Whether ``password`` unlocks the app locked while ``actor`` was idle (password mode).

    It counts as a sign-in: failures count toward the lock. A success is audited as "unlock",
    so the UI does not call ``unlock_event`` after it.
    """
    found = _attempt(db, StaffAccount.id == actor.account_id, password, now or utcnow(), ("unlock", "session"))
    return found is not None


def _attempt(db: Database, which: ColumnElement[bool], password: str, now: datetime,
             success: tuple[str, str] | None) -> Actor | None:
    """One sign-in attempt on the account ``which`` selects: its actor, or None, audited either way.

    The hash is checked between two transactions: a slow argon2 check inside one would hold
    SQLite's snapshot, and its write afterwards would fail when another desk wrote meanwhile.
    """
    with unit_of_work(db, None) as session:
        found = session.execute(select(StaffAccount.id, StaffAccount.password_hash, StaffAccount.active,
                                       StaffAccount.builtin, StaffAccount.locked_until).where(which)).first()
    # The built-in account never signs in with a password, whatever its row says.
    stored = found.password_hash if found is not None and not found.builtin else None
    right = _password_matches(stored, password)
    # A hash made at today's cost replaces an older one; made here, not while holding the write lock.
    rehashed = (PASSWORD_HASHER.hash(_normalised(password))
                if right and stored is not None and PASSWORD_HASHER.check_needs_rehash(stored) else None)
    with unit_of_work(db, None) as session:
        if found is None:
            record_as(session, None, "sign_in_failed", "staff_account")
            return None
        locked = found.locked_until is not None and found.locked_until > now
        if right and found.active and not locked:
            actor = _succeeded(session, found.id, stored, rehashed, now, success)
            if actor is not None:
                return actor
        if not locked:
            _count_failure(session, found.id, now)
        record_as(session, found.id, "sign_in_failed", "staff_account", found.id)
        return None


def _succeeded(session: Session, account_id: int, stored: str | None, rehashed: str | None, now: datetime,
               success: tuple[str, str] | None) -> Actor | None:
    """Reset the count and the lock, if the account is still as it was read; its actor, or None."""
    values: dict[str, object] = {"failed_sign_ins": 0, "locked_until": None}
    if rehashed is not None:
        values["password_hash"] = rehashed
    # A plain UPDATE: keeping count is not a change anyone made (the sign-in row records it), and
    # must not move the version an administrator's edit of the account carries.
    done = session.connection().execute(
        update(StaffAccount).where(
            StaffAccount.id == account_id, StaffAccount.password_hash == stored, StaffAccount.active.is_(True),
            or_(StaffAccount.locked_until.is_(None), StaffAccount.locked_until <= now))
        .values(updated_at=StaffAccount.updated_at, **values))
    if done.rowcount != 1:
        return None  # closed, locked or given a new password since it was read
    account = session.scalars(select(StaffAccount).options(selectinload(StaffAccount.roles))
                              .where(StaffAccount.id == account_id)).one()
    if success is not None:
        action, entity = success
        # A sign-in names the account signed in to; an unlock is of the session, as in computer mode.
        record_as(session, account_id, action, entity, account_id if entity == "staff_account" else None,
                  "password_hash" if "password_hash" in values else "")
    return Actor(account_id=account.id, username=account.username,
                 display_name=account.display_name or account.username, roles=account.role_set())


def _count_failure(session: Session, account_id: int, now: datetime) -> None:
    """Count one more failure in a row; from the third on, lock the account for a while."""
    connection = session.connection()
    # Counted in SQL, so two desks failing at once both count.
    connection.execute(update(StaffAccount).where(StaffAccount.id == account_id).values(
        failed_sign_ins=StaffAccount.failed_sign_ins + 1, updated_at=StaffAccount.updated_at))
    failures = connection.scalar(select(StaffAccount.failed_sign_ins).where(StaffAccount.id == account_id)) or 0
    if failures >= LOCK_AFTER:
        connection.execute(update(StaffAccount).where(StaffAccount.id == account_id).values(
            locked_until=now + _lock_for(failures), updated_at=StaffAccount.updated_at))


def change_password(db: Database, actor: Actor, old_password: str, new_password: str,
                    now: datetime | None = None) -> None:
    """Change the actor's own password; the old one must be given, unless the account has none yet.

    A wrong old password counts as a failed sign-in.
    """
    now = now or utcnow()
    new_hash = hash_password(new_password, actor.username)
    with unit_of_work(db, None) as session:
        had = session.scalar(select(StaffAccount.password_hash).where(StaffAccount.id == actor.account_id))
    if had is not None and _attempt(db, StaffAccount.id == actor.account_id, old_password, now, None) is None:
        raise ValidationError(_("The current password is not right, or the account is locked for a while."),
                              field="old_password")
    with unit_of_work(db, actor) as session:
        account = _own_account(session, actor)
        account.password_hash = new_hash
        account.password_changed_at = now


def set_password(db: Database, actor: Actor, username: str, new_password: str) -> None:
    """Set or reset the password of the account ``username`` (administrators only); its lock is lifted."""
    require_role(actor, Role.ADMIN)
    name = unicodedata.normalize("NFC", username.strip()).lower()
    new_hash = hash_password(new_password, name)
    with unit_of_work(db, actor) as session:
        require_admin(session, actor)
        account = session.scalar(select(StaffAccount).where(StaffAccount.username == name))
        if account is None:
            raise ValidationError(_("There is no staff account named {name}.").format(name=name), field="username")
        refuse_builtin(account)
        account.password_hash = new_hash
        account.password_changed_at = utcnow()
        account.failed_sign_ins = 0
        account.locked_until = None


def _own_account(session: Session, actor: Actor) -> StaffAccount:
    account = session.get(StaffAccount, actor.account_id)
    if account is None or not account.active or account.builtin:
        raise PermissionDenied(_("This account cannot have a password."))
    return account


def lock_event(db: Database, actor: Actor) -> None:
    """Audit the app locking itself after the idle minutes."""
    with unit_of_work(db, actor) as session:
        record(session, "lock", "session")


def unlock_event(db: Database, actor: Actor) -> None:
    """Audit the app unlocked again in computer mode (password mode: ``verify_password_for_unlock``)."""
    with unit_of_work(db, actor) as session:
        record(session, "unlock", "session")


def require_admin(session: Session, actor: Actor) -> None:
    """Refuse unless the actor's account is, as stored now, active and an administrator.

    The actor's roles were read when they signed in; another administrator may have taken
    them away since.
    """
    held = session.scalars(select(StaffRole.role).join(StaffAccount).where(
        StaffAccount.id == actor.account_id, StaffAccount.active.is_(True))).all()
    require_role(replace(actor, roles=frozenset(Role(role) for role in held)), Role.ADMIN)


def administrators(session: Session, *, with_password: bool, besides: int | None = None) -> int:
    """How many active administrators there are (the built-in account not counted)."""
    query = (select(func.count()).select_from(StaffAccount).join(StaffRole)
             .where(StaffRole.role == Role.ADMIN, StaffAccount.active.is_(True), StaffAccount.builtin.is_(False)))
    if with_password:
        query = query.where(StaffAccount.password_hash.is_not(None))
    if besides is not None:
        query = query.where(StaffAccount.id != besides)
    return session.scalar(query) or 0


def refuse_builtin(account: StaffAccount) -> None:
    if account.builtin:
        raise ValidationError(_("The built-in command-line account cannot be changed or closed."))


