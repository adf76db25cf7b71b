"""Password sign-in, the sign-in settings, staff accounts and ``user add``: who may do what, and what is kept."""

from __future__ import annotations

import io
import os
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from welcomedesk.actor import Actor
from welcomedesk.cli import main
from welcomedesk.codes import Role, SignInMode
from welcomedesk.db.session import Database
from welcomedesk.errors import ConflictError, PermissionDenied, ValidationError
from welcomedesk.model import AuditEntry, StaffAccount
from welcomedesk.model.base import utcnow
from welcomedesk.services import sign_in as service
from welcomedesk.services.accounts import account_actor
from welcomedesk.services.sign_in import (
    change_password,
    lock_event,
    password_problems,
    set_password,
    set_sign_in_settings,
    sign_in,
    sign_in_settings,
    unlock_event,
    verify_password_for_unlock,
)
from welcomedesk.services.staff_accounts import add_account, close_account, list_accounts, reopen_account, set_roles

PRODUCTION_HASHER = service.PASSWORD_HASHER
PASSWORD = "correct horse battery"
OTHER = "another long passphrase"
GENERIC = "The name or password is not right, or the account is locked for a while."


@pytest.fixture(autouse=True)
def _cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id at the lowest cost: the tests check the rules, not the cost."""
    monkeypatch.setattr(service, "PASSWORD_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def _admin(database: Database, actor: Actor, name: str = "maija", password: str | None = PASSWORD) -> Actor:
    add_account(database, actor, name, name.title(), [Role.ADMIN, Role.DESK], password)
    return account_actor(database, name)


def _worker(database: Database, actor: Actor, name: str, roles: list[Role]) -> Actor:
    add_account(database, actor, name, "", roles, PASSWORD)
    return account_actor(database, name)


def _account(database: Database, name: str) -> StaffAccount:
    with database.sessions() as session:
        account = session.scalar(select(StaffAccount).options(selectinload(StaffAccount.roles))
                                 .where(StaffAccount.username == name))
        assert account is not None
        session.expunge(account)
        return account


def _audit(database: Database) -> list[AuditEntry]:
    with database.sessions() as session:
        rows = list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        session.expunge_all()
        return rows


# -- passwords

def test_passwords_are_hashed_with_argon2id_at_the_library_defaults(database: Database, actor: Actor) -> None:
    assert PRODUCTION_HASHER.hash(PASSWORD).startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    _admin(database, actor)
    stored = _account(database, "maija").password_hash
    assert stored is not None and stored.startswith("$argon2id$") and PASSWORD not in stored
    creates = [row for row in _audit(database) if row.entity == "staff_account" and row.action == "create"]
    # The audit names the field; the hash itself is kept nowhere but in its column.
    assert "password_hash" in creates[-1].fields and all("$argon2" not in row.fields for row in _audit(database))


@pytest.mark.parametrize(("password", "reasons"), [
    ("short", ["at least 12 characters"]),
    ("aaaaaaaaaaaaaaa", ["one character repeated"]),
    ("aaaa", ["at least 12 characters", "one character repeated"]),
    ("Maija.Meikalainen", ["same as the user name"]),
    ("x" * 999 + "y" * 2, ["at most 1000 characters"]),
    ("twelve chars", []),
    ("vääräsalasana", []),
])
def test_the_password_policy_gives_every_reason(password: str, reasons: list[str]) -> None:
    found = password_problems(password, "maija.meikalainen")
    assert [p.field for p in found] == ["password"] * len(reasons)
    assert all(reason in problem.message for reason, problem in zip(reasons, found, strict=True))


def test_a_password_typed_in_another_unicode_form_is_the_same(database: Database, actor: Actor) -> None:
    _admin(database, actor, password="salasana-\u00e4\u00e4kk\u00f6nen")  # composed
    assert sign_in(database, "maija", "salasana-a\u0308a\u0308kko\u0308nen").username == "maija"  # decomposed


def test_a_hash_made_at_an_older_cost_is_made_again_at_sign_in(database: Database, actor: Actor,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _admin(database, actor)
    before = _account(database, "maija")
    monkeypatch.setattr(service, "PASSWORD_HASHER", PasswordHasher(time_cost=2, memory_cost=8, parallelism=1))
    sign_in(database, "maija", PASSWORD)
    after = _account(database, "maija")
    assert after.password_hash is not None and after.password_hash != before.password_hash
    assert ",t=2," in after.password_hash and after.version == before.version
    assert _audit(database)[-1].fields == "password_hash"
    sign_in(database, "maija", PASSWORD)
    assert _account(database, "maija").password_hash == after.password_hash and _audit(database)[-1].fields == ""


# -- signing in

def test_the_right_password_signs_in_and_is_audited(database: Database, actor: Actor) -> None:
    admin = _admin(database, actor)
    signed = sign_in(database, "  Maija ", PASSWORD)
    assert signed == admin and signed.roles == frozenset({Role.ADMIN, Role.DESK})
    last = _audit(database)[-1]
    assert (last.action, last.entity, last.entity_id, last.account_id) == ("sign_in", "staff_account", admin.account_id,
                                                                         admin.account_id)


def test_a_wrong_password_is_refused_with_the_one_sentence_and_counted(database: Database, actor: Actor) -> None:
    admin = _admin(database, actor)
    with pytest.raises(PermissionDenied, match=GENERIC) as refused:
        sign_in(database, "maija", "not the password")
    assert refused.value.exit_code == 1
    assert _account(database, "maija").failed_sign_ins == 1
    last = _audit(database)[-1]
    assert (last.action, last.entity_id, last.account_id, last.fields) == ("sign_in_failed", admin.account_id,
                                                                           admin.account_id, "")


def test_an_unknown_name_is_audited_without_an_account_and_kept_nowhere(database: Database, actor: Actor) -> None:
    _admin(database, actor)
    typed = "Zq-Unknown-Name-4711"
    for password in ("whatever password", PASSWORD):
        with pytest.raises(PermissionDenied, match=GENERIC):
            sign_in(database, typed, password)
    failed = [row for row in _audit(database) if row.action == "sign_in_failed"]
    assert len(failed) == 2 and all(row.account_id is None and row.entity_id is None for row in failed)
    for row in _audit(database):
        for column in AuditEntry.__table__.columns:
            assert typed.lower() not in str(getattr(row, column.key)).lower()
    if database.target.sqlite_path is not None:
        database.close()  # the WAL written back, so the files hold all there is
        folder = database.target.sqlite_path.parent
        for path in folder.iterdir():
            if path.is_file():
                assert typed.lower().encode() not in path.read_bytes().lower(), path.name


def test_repeated_failures_lock_the_account_for_longer_each_time(database: Database, actor: Actor) -> None:
    _admin(database, actor)
    now = utcnow()
    for _attempt in range(2):
        with pytest.raises(PermissionDenied, match=GENERIC):
            sign_in(database, "maija", "wrong guess!", now)
    assert _account(database, "maija").locked_until is None
    locks = []
    for _attempt in range(8):
        with pytest.raises(PermissionDenied, match=GENERIC):
            sign_in(database, "maija", "wrong guess!", now)
        locked_until = _account(database, "maija").locked_until
        assert locked_until is not None
        locks.append(locked_until - now)
        now = locked_until + timedelta(seconds=1)
    assert [int(lock.total_seconds()) for lock in locks] == [30, 60, 120, 240, 480, 900, 900, 900]


def test_the_right_password_is_refused_while_locked_and_the_lock_is_not_extended(database: Database,
                                                                                 actor: Actor) -> None:
    _admin(database, actor)
    now = utcnow()
    for _attempt in range(3):
        with pytest.raises(PermissionDenied):
            sign_in(database, "maija", "wrong guess!", now)
    locked = _account(database, "maija")
    assert locked.failed_sign_ins == 3 and locked.locked_until == now + timedelta(seconds=30)
    for password in (PASSWORD, "wrong again!"):
        with pytest.raises(PermissionDenied, match=GENERIC):
            sign_in(database, "maija", password, now + timedelta(seconds=29))
    still = _account(database, "maija")
    assert (still.failed_sign_ins, still.locked_until) == (3, locked.locked_until)
    assert [row.action for row in _audit(database)][-2:] == ["sign_in_failed", "sign_in_failed"]
    assert sign_in(database, "maija", PASSWORD, now + timedelta(seconds=31)).username == "maija"
    free = _account(database, "maija")
    assert (free.failed_sign_ins, free.locked_until) == (0, None)


def test_a_success_resets_the_count(database: Database, actor: Actor) -> None:
    _admin(database, actor)
    for _round in range(3):
        for _attempt in range(2):
            with pytest.raises(PermissionDenied):
                sign_in(database, "maija", "wrong guess!")
        sign_in(database, "maija", PASSWORD)
    assert _account(database, "maija").failed_sign_ins == 0


def test_counting_failures_does_not_move_the_version_an_administrator_saves_over(database: Database,
                                                                                 actor: Actor) -> None:
    admin = _admin(database, actor)
    worker = _worker(database, actor, "pekka", [Role.DESK])
    loaded = next(row for row in list_accounts(database, admin) if row.username == "pekka")
    with pytest.raises(PermissionDenied):
        sign_in(database, "pekka", "wrong guess!")
    sign_in(database, "pekka", PASSWORD)
    assert set_roles(database, admin, worker.account_id, [Role.COORDINATOR], loaded.version).roles == {Role.COORDINATOR}


def test_closed_accounts_accounts_without_a_password_and_the_built_in_one_cannot_sign_in(database: Database,
                                                                                        actor: Actor) -> None:
    admin = _admin(database, actor)
    closed = _worker(database, actor, "pekka", [Role.DESK])
    close_account(database, admin, closed.account_id)
    add_account(database, actor, "liisa", "", [Role.DESK], None)
    for name in ("pekka", "liisa", "cli"):
        with pytest.raises(PermissionDenied, match=GENERIC):
            sign_in(database, name, PASSWORD)
    reopen_account(database, admin, closed.account_id)
    assert sign_in(database, "pekka", PASSWORD).account_id == closed.account_id


def test_unlocking_after_idle_counts_as_a_sign_in(database: Database, actor: Actor) -> None:
    admin = _admin(database, actor)
    lock_event(database, admin)
    assert not verify_password_for_unlock(database, admin, "wrong guess!")
    assert _account(database, "maija").failed_sign_ins == 1
    assert verify_password_for_unlock(database, admin, PASSWORD)
    unlock_event(database, admin)
    acts = [(row.action, row.entity, row.account_id) for row in _audit(database)][-4:]
    assert acts == [("lock", "session", admin.account_id), ("sign_in_failed", "staff_account", admin.account_id),
                    ("unlock", "session", admin.account_id), ("unlock", "session", admin.account_id)]
    now = utcnow()
    for _attempt in range(3):
        assert not verify_password_for_unlock(database, admin, "wrong guess!", now)
    assert not verify_password_for_unlock(database, admin, PASSWORD, now)  # locked like any sign-in


def test_changing_ones_own_password_needs_the_old_one(database: Database, actor: Actor) -> None:
    admin = _admin(database, actor)
    with pytest.raises(ValidationError) as refused:
        change_password(database, admin, "not the old one", OTHER)
    assert refused.value.field == "old_password"
    assert _account(database, "maija").failed_sign_ins == 1
    with pytest.raises(ValidationError, match="at least 12"):
        change_password(database, admin, PASSWORD, "short")
    change_password(database, admin, PASSWORD, OTHER)
    assert _account(database, "maija").password_changed_at is not None
    assert sign_in(database, "maija", OTHER) == admin
    with pytest.raises(PermissionDenied):
        sign_in(database, "maija", PASSWORD)
    updates = [row.fields for row in _audit(database) if row.action == "update" and row.entity == "staff_account"]
    assert "password_hash" in updates[-1] and "$argon2" not in updates[-1]
    with pytest.raises(PermissionDenied):
        change_password(database, actor, "", OTHER)  # the built-in account has no password


def test_an_account_without_a_password_sets_its_first_without_an_old_one(database: Database, actor: Actor) -> None:
    add_account(database, actor, "liisa", "", [Role.DESK], None)
    liisa = account_actor(database, "liisa")
    change_password(database, liisa, "", PASSWORD)
    assert sign_in(database, "liisa", PASSWORD) == liisa


def test_an_administrator_sets_a_password_and_lifts_the_lock(database: Database, actor: Actor) -> None:
    admin = _admin(database, actor)
    _worker(database, actor, "pekka", [Role.DESK])
    for _attempt in range(3):
        with pytest.raises(PermissionDenied):
            sign_in(database, "pekka", "wrong guess!")
    assert next(r for r in list_accounts(database, admin) if r.username == "pekka").locked_until is not None
    set_password(database, admin, "Pekka", OTHER)
    row = next(r for r in list_accounts(database, admin) if r.username == "pekka")
    assert row.locked_until is None and row.has_password
    assert sign_in(database, "pekka", OTHER).username == "pekka"
    add_account(database, admin, "pekka.virtanen", "", [Role.DESK])
    with pytest.raises(ValidationError, match="same as the user name"):
        set_password(database, admin, "pekka.virtanen", "PEKKA.Virtanen")
    with pytest.raises(ValidationError, match="no staff account"):
        set_password(database, admin, "nobody", OTHER)


# -- accounts and their roles

@pytest.mark.parametrize("roles", [[Role.DESK], [Role.COORDINATOR], [Role.DESK, Role.COORDINATOR]])
def test_only_an_administrator_manages_accounts_and_sign_in(database: Database, actor: Actor,
                                                            roles: list[Role]) -> None:
    _admin(database, actor)
    worker = _worker(database, actor, "pekka", roles)
    other = _worker(database, actor, "liisa", [Role.DESK])
    refused = [
        lambda: list_accounts(database, worker),
        lambda: add_account(database, worker, "someone", "", [Role.DESK], PASSWORD),
        lambda: set_roles(database, worker, worker.account_id, [Role.ADMIN]),
        lambda: set_roles(database, worker, other.account_id, [Role.COORDINATOR]),
        lambda: close_account(database, worker, other.account_id),
        lambda: reopen_account(database, worker, other.account_id),
        lambda: set_password(database, worker, "liisa", OTHER),
        lambda: set_sign_in_settings(database, worker, SignInMode.PASSWORD, 5),
    ]
    for act in refused:
        with pytest.raises(PermissionDenied, match="administrator"):
            act()
    assert _account(database, "pekka").role_set() == frozenset(roles) and _account(database, "liisa").active
    assert sign_in_settings(database).mode is SignInMode.COMPUTER


def test_an_administrator_whose_role_was_taken_away_is_refused_at_once(database: Database, actor: Actor) -> None:
    first = _admin(database, actor)
    second = _admin(database, actor, "pekka")
    set_roles(database, first, second.account_id, [Role.DESK])
    with pytest.raises(PermissionDenied):
        list_accounts(database, second)  # the actor still says administrator; the database does not
    with pytest.raises(PermissionDenied):
        add_account(database, second, "someone", "", [Role.DESK], PASSWORD)


def test_the_last_active_administrator_keeps_the_role(database: Database, actor: Actor) -> None:
    admin = _admin(database, actor)
    with pytest.raises(ValidationError, match="last active administrator"):
        set_roles(database, admin, admin.account_id, [Role.DESK])
    with pytest.raises(ValidationError, match="last active administrator"):
        close_account(database, admin, admin.account_id)
    with pytest.raises(ValidationError, match="last active administrator"):
        close_account(database, actor, admin.account_id)  # not even the command line
    second = _admin(database, actor, "pekka")
    assert set_roles(database, admin, admin.account_id, [Role.DESK]).roles == {Role.DESK}
    with pytest.raises(ValidationError, match="last active administrator"):
        close_account(database, second, second.account_id)
    assert [r.username for r in list_accounts(database, second) if Role.ADMIN in r.roles and not r.builtin] == [
        "pekka"]


def test_the_built_in_account_cannot_be_changed(database: Database, actor: Actor) -> None:
    admin = _admin(database, actor)
    cli = next(row for row in list_accounts(database, admin) if row.builtin)
    assert cli.username == "cli" and not cli.has_password and cli.roles == frozenset(Role)
    for act in (lambda: set_roles(database, admin, cli.id, [Role.DESK]),
                lambda: close_account(database, admin, cli.id),
                lambda: set_password(database, admin, "cli", OTHER)):
        with pytest.raises(ValidationError, match="built-in"):
            act()
    with pytest.raises(ValidationError, match="already a staff account"):
        add_account(database, admin, "CLI", "", [Role.DESK], PASSWORD)


def test_a_new_account_is_checked_field_by_field(database: Database, actor: Actor) -> None:
    admin = _admin(database, actor)
    with pytest.raises(ValidationError) as refused:
        add_account(database, admin, "pekka virtanen", "Pekka\x1b", ["desk", "boss"], "pekka virtanen")
    assert [p.field for p in refused.value.problems] == ["username", "display_name", "roles", "password"]
    with pytest.raises(ValidationError, match="1–64"):
        add_account(database, admin, "p" * 65, "", [Role.DESK])
    with pytest.raises(ValidationError, match="roles"):
        add_account(database, admin, "pekka", "", [])
    row = add_account(database, admin, " Äijälä.P-2 ", "", ["Desk"])
    assert (row.username, row.display_name, row.roles, row.has_password) == ("äijälä.p-2", "äijälä.p-2",
                                                                             {Role.DESK}, False)
    with pytest.raises(ValidationError, match="already a staff account") as duplicate:
        add_account(database, admin, "ÄIJÄLÄ.P-2", "", [Role.DESK])
    assert duplicate.value.field == "username"
    with pytest.raises(ValidationError, match="no staff account with the number"):
        set_roles(database, admin, 2**40, [Role.DESK])


def test_a_stale_save_of_roles_is_a_conflict(database: Database, actor: Actor) -> None:
    admin = _admin(database, actor)
    worker = _worker(database, actor, "pekka", [Role.DESK])
    loaded = next(row for row in list_accounts(database, admin) if row.username == "pekka")
    saved = set_roles(database, admin, worker.account_id, [Role.COORDINATOR], loaded.version)
    assert saved.version > loaded.version
    with pytest.raises(ConflictError):
        set_roles(database, admin, worker.account_id, [Role.ADMIN], loaded.version)
    updates = [row for row in _audit(database) if row.action == "update" and row.entity_id == worker.account_id]
    assert updates[-1].fields == "roles"


# -- settings

def test_settings_default_to_computer_sign_in_and_five_idle_minutes(database: Database) -> None:
    settings = sign_in_settings(database)
    assert (settings.mode, settings.idle_minutes) == (SignInMode.COMPUTER, 5)


def test_password_mode_needs_an_administrator_with_a_password(database: Database, actor: Actor) -> None:
    admin = _admin(database, actor, password=None)
    with pytest.raises(ValidationError, match="administrator account with a password") as refused:
        set_sign_in_settings(database, admin, SignInMode.PASSWORD, 5)
    assert refused.value.field == "mode"
    with pytest.raises(ValidationError, match="administrator account with a password"):
        set_sign_in_settings(database, actor, "password", 5)  # the built-in account does not count
    set_password(database, admin, "maija", PASSWORD)
    _admin(database, actor, "liisa", password=None)
    assert set_sign_in_settings(database, admin, "password", 15).mode is SignInMode.PASSWORD
    assert sign_in_settings(database) == service.SignInSettings(SignInMode.PASSWORD, 15)
    settings_rows = [row.fields for row in _audit(database) if row.entity == "setting"]
    # The setting's name is audited, never its value.
    assert "sign_in.mode.key,sign_in.mode.value" in settings_rows
    assert all("password" not in fields for fields in settings_rows)
    with pytest.raises(ValidationError, match="give the new account one"):
        add_account(database, admin, "pekka", "", [Role.DESK], None)
    # The only administrator with a password stays one while staff sign in with passwords.
    with pytest.raises(ValidationError, match="last active administrator with a password"):
        close_account(database, admin, admin.account_id)
    set_sign_in_settings(database, admin, SignInMode.COMPUTER, 5)
    close_account(database, admin, admin.account_id)


@pytest.mark.parametrize(("mode", "minutes", "fields"), [
    ("password", 0, ["idle_minutes"]),
    ("computer", 61, ["idle_minutes"]),
    ("fingerprint", 5, ["mode"]),
    ("", -1, ["mode", "idle_minutes"]),
])
def test_settings_out_of_range_are_refused(database: Database, actor: Actor, mode: str, minutes: int,
                                          fields: list[str]) -> None:
    with pytest.raises(ValidationError) as refused:
        set_sign_in_settings(database, actor, mode, minutes)
    assert [p.field for p in refused.value.problems] == fields


# -- user add

def _db_argument(database: Database) -> str:
    path = database.target.sqlite_path
    return str(path) if path is not None else os.environ["WELCOMEDESK_TEST_DATABASE_URL"]


def _user(database: Database, monkeypatch: pytest.MonkeyPatch, stdin: str, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    out, err = io.StringIO(), io.StringIO()
    code = main(["--lang", "en", "--db", _db_argument(database), "user", "add", *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_user_add_reads_the_password_twice_from_stdin(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = _user(database, monkeypatch, f"{PASSWORD}\r\n{PASSWORD}\n", "Pekka", "--role", "desk",
                           "--role", "coordinator,admin")
    assert (code, err) == (0, "") and "pekka" in out and "with a password" in out and "administrator" in out
    assert sign_in(database, "pekka", PASSWORD).roles == frozenset(Role)
    last_create = [row for row in _audit(database) if row.action == "create" and row.entity == "staff_account"][-1]
    assert last_create.account_id == account_actor(database, "cli").account_id


def test_user_add_with_nothing_on_stdin_adds_an_account_without_a_password(database: Database,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _err = _user(database, monkeypatch, "", "liisa", "--role", "desk")
    assert code == 0 and "without a password" in out
    assert not _account(database, "liisa").password_hash


def test_user_add_asks_on_a_terminal(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = iter([PASSWORD, PASSWORD])
    prompts: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt="": prompts.append(prompt) or next(answers))
    monkeypatch.setattr(sys, "stdin", Terminal())
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", _db_argument(database), "user", "add", "pekka", "--role", "desk"], stdout=out, stderr=err)
    assert code == 0 and len(prompts) == 2 and PASSWORD not in out.getvalue() + err.getvalue()
    assert sign_in(database, "pekka", PASSWORD).username == "pekka"


@pytest.mark.parametrize(("stdin", "args", "code", "says"), [
    (f"{PASSWORD}\n{OTHER}\n", ("pekka", "--role", "desk"), 1, "not the same"),
    (f"{PASSWORD}\n", ("pekka", "--role", "desk"), 1, "twice"),
    ("short\nshort\n", ("pekka", "--role", "desk"), 1, "at least 12 characters"),
    (f"{PASSWORD}\n{PASSWORD}\n", ("cli", "--role", "desk"), 1, "already a staff account"),
    (f"{PASSWORD}\n{PASSWORD}\n", ("pekka", "--role", "boss"), 2, "not a role: boss"),
    (f"{PASSWORD}\n{PASSWORD}\n", ("pekka", "--role", "desk,"), 2, "not a role"),
    (f"{PASSWORD}\n{PASSWORD}\n", ("pekka",), 2, "--role"),
    (f"{PASSWORD}\n{PASSWORD}\n", ("bad name!", "--role", "desk"), 1, "letters, digits"),
])
def test_user_add_refusals(database: Database, monkeypatch: pytest.MonkeyPatch, stdin: str, args: tuple[str, ...],
                           code: int, says: str) -> None:
    result, out, err = _user(database, monkeypatch, stdin, *args)
    assert (result, out) == (code, "") and says in err and PASSWORD not in err
    assert [row.username for row in list_accounts(database, account_actor(database, "cli"))] == ["cli"]


def test_user_add_twice_is_refused_the_second_time(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _user(database, monkeypatch, "", "pekka", "--role", "desk")[0] == 0
    code, _out, err = _user(database, monkeypatch, "", "PEKKA", "--role", "admin")
    assert code == 1 and "already a staff account named pekka" in err
    assert _account(database, "pekka").role_set() == {Role.DESK}


def test_user_add_without_a_password_is_refused_in_password_mode(database: Database, actor: Actor,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    admin = _admin(database, actor)
    set_sign_in_settings(database, admin, SignInMode.PASSWORD, 5)
    code, _out, err = _user(database, monkeypatch, "", "pekka", "--role", "desk")
    assert code == 1 and "password" in err


def test_user_without_an_action_or_a_database_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["--db", str(tmp_path / "x.sqlite3"), "user"], stdout=out, stderr=err) == 2
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["--db", str(tmp_path / "missing.sqlite3"), "user", "add", "pekka", "--role", "desk"], stdout=out,
                stderr=err) == 3
