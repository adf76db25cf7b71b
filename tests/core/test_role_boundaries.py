"""Each role's boundary, through the services (not only hidden buttons): deny by default.

A desk worker manages no accounts, exports no region summaries and restores nothing; a coordinator manages no
accounts; an administrator who is nothing else keeps the database (accounts, backups, the check, the audit log)
but reads no newcomer's records, whichever service is asked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from welcomedesk.actor import Actor
from welcomedesk.codes import Role, SignInMode
from welcomedesk.db.session import Database
from welcomedesk.errors import PermissionDenied
from welcomedesk.services import sign_in, staff_accounts
from welcomedesk.services.audit_log import AuditQuery, audit_page, person_history
from welcomedesk.services.demo import make_demo
from welcomedesk.services.desk import Desk
from welcomedesk.services.newcomers import NewcomerQuery, get_person, search_newcomers
from welcomedesk.services.region import region_summary
from welcomedesk.services.today import today_lists


@pytest.fixture(autouse=True)
def _cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sign_in, "PASSWORD_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def staff(database: Database, actor: Actor) -> dict[str, Actor]:
    """Demo people, and one account for each single role."""
    make_demo(database, actor, households=3, seed=5)
    made = {}
    for role in Role:
        row = staff_accounts.add_account(database, actor, f"only-{role.value}", "", {role})
        made[role.value] = Actor(row.id, row.username, row.username, frozenset({role}))
    return made


PEOPLE_READS: dict[str, Callable[[Database, Actor], object]] = {
    "open a person": lambda db, a: get_person(db, a, 1),
    "search": lambda db, a: search_newcomers(db, a, NewcomerQuery(search="a")),
    "a person's history": lambda db, a: person_history(db, a, 1),
    "today's lists": lambda db, a: today_lists(db, a),
}


@pytest.mark.parametrize("act", sorted(PEOPLE_READS))
def test_an_administrator_alone_reads_no_newcomer(database: Database, staff: dict[str, Actor], act: str) -> None:
    with pytest.raises(PermissionDenied):
        PEOPLE_READS[act](database, staff["admin"])


def test_an_administrator_alone_keeps_the_database(database: Database, staff: dict[str, Actor],
                                                  tmp_path: Path) -> None:
    admin = staff["admin"]
    desk = Desk(database, admin)
    assert any(row.username == "only-desk" for row in desk.accounts())
    assert desk.audit_page(AuditQuery(action="view")).total >= 0
    if database.target.sqlite_path is not None:
        assert desk.backup(tmp_path / "copy.sqlite3").size > 0
        assert desk.check().healthy


def test_a_desk_worker_manages_no_accounts_and_exports_no_summary(database: Database,
                                                                  staff: dict[str, Actor]) -> None:
    worker = staff["desk"]
    assert get_person(database, worker, 1).row.id == 1  # their own work
    refusals: list[Callable[[], object]] = [
        lambda: staff_accounts.list_accounts(database, worker),
        lambda: staff_accounts.add_account(database, worker, "x-new", "", {Role.DESK}),
        lambda: sign_in.set_sign_in_settings(database, worker, SignInMode.COMPUTER, 5),
        lambda: region_summary(database, worker, date(2026, 1, 1), date(2026, 12, 31)),
        lambda: audit_page(database, worker, AuditQuery()),
        lambda: Desk(database, worker).check(),
        lambda: Desk(database, worker).backup(Path("/tmp/never-written.sqlite3")),
    ]
    for refused in refusals:
        with pytest.raises(PermissionDenied):
            refused()


def test_a_coordinator_reads_people_and_the_log_but_manages_no_accounts(database: Database,
                                                                       staff: dict[str, Actor]) -> None:
    coordinator = staff["coordinator"]
    assert get_person(database, coordinator, 2).row.id == 2
    assert audit_page(database, coordinator, AuditQuery(action="view")).total >= 1
    region_summary(database, coordinator, date(2026, 1, 1), date(2026, 12, 31))
    with pytest.raises(PermissionDenied):
        staff_accounts.list_accounts(database, coordinator)
    with pytest.raises(PermissionDenied):
        Desk(database, coordinator).check()


def test_an_account_with_no_role_is_refused_everything(database: Database, staff: dict[str, Actor]) -> None:
    nobody = Actor(staff["desk"].account_id, "only-desk", "only-desk", frozenset())
    for act in PEOPLE_READS.values():
        with pytest.raises(PermissionDenied):
            act(database, nobody)
    with pytest.raises(PermissionDenied):
        audit_page(database, nobody, AuditQuery())
