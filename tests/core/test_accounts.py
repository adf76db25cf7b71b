"""Who may do what: roles refuse what an account may not do; the service point profile keeps edits apart."""

from __future__ import annotations

import pytest

from welcomedesk.actor import Actor
from welcomedesk.codes import Role
from welcomedesk.db.session import Database
from welcomedesk.errors import ConflictError, PermissionDenied, ValidationError
from welcomedesk.services.accounts import desk_actor, require_role
from welcomedesk.services.demo import make_demo
from welcomedesk.services.setup import Municipality, get_profile, save_profile


def test_the_first_desk_account_holds_every_role_and_later_ones_the_desk_role(database: Database) -> None:
    first = desk_actor(database, "Maija")
    second = desk_actor(database, "pekka")
    assert first.username == "maija" and first.roles == frozenset({"desk", "coordinator", "admin"})
    assert second.roles == frozenset({"desk"})
    assert desk_actor(database, "PEKKA").account_id == second.account_id  # the same account next time


def test_a_desk_worker_may_not_do_an_administrators_work(database: Database) -> None:
    desk_actor(database, "maija")
    worker = desk_actor(database, "pekka")
    with pytest.raises(PermissionDenied, match="administrator") as refused:
        make_demo(database, worker, households=1)
    assert refused.value.exit_code == 1
    with pytest.raises(PermissionDenied):
        save_profile(database, worker, "Kajaani", [Municipality("205", "Kajaani")])
    assert get_profile(database, worker) is None


def test_require_role_refuses_a_role_the_account_lacks() -> None:
    worker = Actor(account_id=7, username="pekka", display_name="Pekka", roles=frozenset({"desk"}))
    require_role(worker, Role.DESK)
    for role in (Role.COORDINATOR, Role.ADMIN):
        with pytest.raises(PermissionDenied, match=r"coordinator|administrator"):
            require_role(worker, role)


@pytest.mark.parametrize("name", ["", "cli", "   "])
def test_the_built_in_account_and_empty_names_cannot_sign_in_from_the_desk(database: Database, name: str) -> None:
    with pytest.raises(ValidationError):
        desk_actor(database, name)


def test_two_desks_saving_the_profile_get_a_conflict(database: Database, actor: Actor) -> None:
    first = save_profile(database, actor, "Kajaani desk", [Municipality("205", "Kajaani")])
    second_desk = get_profile(database, actor)
    assert second_desk is not None and second_desk.version == first.version
    save_profile(database, actor, "Kajaanin palvelupiste", [Municipality("205", "Kajaani")], version=first.version)
    with pytest.raises(ConflictError):
        save_profile(database, actor, "Overwritten?", [Municipality("290", "Kuhmo")], version=second_desk.version)
    saved = get_profile(database, actor)
    assert saved is not None and saved.name == "Kajaanin palvelupiste"
    assert [m.code for m in saved.municipalities] == ["205"]


@pytest.mark.parametrize("code", ["٢٠٥", "２０５", "20", "2050", " ", "20a", "²⁰⁵"])
def test_a_municipality_code_is_three_ascii_digits(database: Database, actor: Actor, code: str) -> None:
    with pytest.raises(ValidationError) as refused:
        save_profile(database, actor, "Desk", [Municipality(code, "Somewhere"), Municipality("205", "Kajaani")])
    assert refused.value.field == "municipality_code" and refused.value.messages_for("municipality_code")
    assert get_profile(database, actor) is None


def test_every_problem_of_a_profile_is_reported_with_its_field(database: Database, actor: Actor) -> None:
    with pytest.raises(ValidationError) as refused:
        save_profile(database, actor, "Bad\x1bname", [Municipality("x", "Nowhere"), Municipality("777", "")])
    fields = [p.field for p in refused.value.problems]
    assert fields == ["service_point", "municipality_code", "municipality"]
    assert len(refused.value.reasons) == 3
