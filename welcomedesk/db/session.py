"""The open database and the unit of work: one transaction, audited, errors made known."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from welcomedesk.actor import Actor
from welcomedesk.codes import Role
from welcomedesk.config import DatabaseTarget
from welcomedesk.db import audit_chain
from welcomedesk.db.audit_head import keep_head
from welcomedesk.db.audit_spool import drain, log_acts
from welcomedesk.db.errors import raise_known
from welcomedesk.db.schema import open_engine
from welcomedesk.errors import PermissionDenied, stale_record
from welcomedesk.i18n import _
from welcomedesk.model import Person
from welcomedesk.model.base import Base, utcnow
from welcomedesk.model.search_key import refresh_search_key

# Bookkeeping columns are not what a person changed; they stay out of the audit's field lists.
_UNAUDITED_FIELDS = frozenset({"id", "version", "created_at", "updated_at", "sort_name", "failed_sign_ins",
                               "locked_until"})
_UNAUDITED_TABLES = frozenset({"audit_entry", "person_name_key", "person_language", "person_status", "person_tag",
                               "person_activity", "staff_role"})
# Rows owned by their parent are audited as one field of the parent: a new language is an update
# of the person's "languages", a role taken away an update of the account's "roles".
_OWNED_COLLECTIONS = {"person": ("languages", "status_history", "tags", "activity_history"),
                      "staff_account": ("roles",)}
_NAME_FIELDS = ("given_names", "family_name", "native_name")


@dataclass
class Database:
    """An open database: where it is, its engine and its session factory."""

    target: DatabaseTarget
    engine: Engine
    opened: str
    sessions: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(bind=self.engine, expire_on_commit=False)
        event.listen(self.sessions, "before_flush", _before_flush)
        event.listen(self.sessions, "after_flush", _after_flush)
        event.listen(self.sessions, "do_orm_execute", _guard_people)

    def describe(self) -> str:
        return self.target.describe()

    def close(self) -> None:
        self.engine.dispose()


def open_database(target: DatabaseTarget, *, create: bool = False) -> Database:
    """Open (and with ``create`` make or upgrade) the database at ``target``."""
    engine, opened = open_engine(target, create=create)
    db = Database(target=target, engine=engine, opened=opened)
    if target.sqlite_path is not None:
        drain(engine, target.sqlite_path)  # views logged while another desk held the lock
    return db


@contextmanager
def unit_of_work(db: Database, actor: Actor | None, *, upkeep: bool = False) -> Iterator[Session]:
    """One transaction done by ``actor``; committed on success, rolled back on any error.

    Every insert, update and delete is audited by its field names. ``actor`` is None only
    while ``init`` makes the first account, and for lookups that change nothing.

    Newcomers' records are read only by accounts that work with them (desk workers and coordinators):
    any other reading of them is refused, whatever service asks (deny by default). ``upkeep`` declares
    the program's and the administrator's care of the data — checklists remade, erasures, retention, demo
    data — which reads them without showing them; the service that declares it checks its own role.
    """
    session = db.sessions()
    session.info["actor"] = actor
    session.info["upkeep"] = upkeep
    try:
        yield session
        acts: list[dict[str, Any]] = session.info.pop("acts", [])
        writes = bool(session.info.get("wrote") or session.new or session.dirty or session.deleted)
        if acts and (writes or db.target.sqlite_path is None):
            chained(session, acts)
            acts = []
        session.commit()
        keep_head(db.target, session.info.get("audit_head"))
        if acts and db.target.sqlite_path is not None:
            # A lookup alone: its audit row must not wait for another desk's long write.
            keep_head(db.target, log_acts(db.engine, db.target.sqlite_path, acts))
    except StaleDataError as exc:
        session.rollback()
        raise stale_record() from exc
    except DBAPIError as exc:
        # Whether it failed saving something (a form then keeps what was typed for the retry) or reading.
        statement = (exc.statement or "").lstrip().split(" ", 1)[0].upper()
        saving = statement in _WRITES or bool(session.info.get("wrote") or session.new or session.dirty
                                                 or session.deleted)
        session.rollback()
        raise_known(exc, db.describe(), saving=saving)
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def chained(session: Session, rows: list[dict[str, Any]]) -> None:
    """Append audit rows to the chain in this session's transaction; the head goes to its file after commit."""
    head = audit_chain.append(session.connection(), rows)
    if head is not None:
        session.info["audit_head"] = head


def record(session: Session, action: str, entity: str, entity_id: int | None = None, fields: str = "") -> None:
    """Log one act that changes nothing (a view, a search, an export) when the unit of work ends."""
    actor: Actor | None = session.info.get("actor")
    if actor is None:
        raise RuntimeError("an act without an account cannot be audited")
    session.info.setdefault("acts", []).append({
        "at": utcnow(), "account_id": actor.account_id, "action": action, "entity": entity,
        "entity_id": entity_id, "fields": fields})


def record_as(session: Session, account_id: int | None, action: str, entity: str, entity_id: int | None = None,
              fields: str = "") -> None:
    """Log one act done under ``account_id`` (None: no account is known, as for a sign-in under a name no
    account has) in this transaction, at once.

    Unlike ``record`` the row is never spooled: a sign-in's row is written with the counts it changes
    or not at all, and the spool keeps no row without an account.
    """
    chained(session, [{"at": utcnow(), "account_id": account_id, "action": action, "entity": entity,
                       "entity_id": entity_id, "fields": fields}])


_WRITES = frozenset({"INSERT", "UPDATE", "DELETE", "COMMIT", "BEGIN"})
# The tables that hold newcomers' data: only desk workers and coordinators read them.
PEOPLE_TABLES = frozenset({"household", "person", "person_status", "person_language", "person_tag", "person_visit",
                           "person_activity", "person_note", "person_name_key", "checklist_item", "follow_up",
                           "path_stage", "paper_given"})
PEOPLE_ROLES = frozenset({Role.DESK, Role.COORDINATOR})


def _guard_people(state: ORMExecuteState) -> None:
    """Refuse a reading of newcomers' records by an account that does not work with them."""
    session = state.session
    actor: Actor | None = session.info.get("actor")
    if actor is None or session.info.get("upkeep") or actor.roles & PEOPLE_ROLES:
        return
    tables = {getattr(mapper.class_, "__tablename__", "") for mapper in state.all_mappers}
    if tables & PEOPLE_TABLES:
        raise PermissionDenied(_("Your account does not work with newcomers' data."))


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    for obj in session.new:
        if isinstance(obj, Person):
            refresh_search_key(obj)
    for obj in session.dirty:
        if isinstance(obj, Person) and any(
            inspect(obj).attrs[name].history.has_changes() for name in _NAME_FIELDS
        ):
            refresh_search_key(obj)


def _after_flush(session: Session, _context: Any) -> None:
    actor: Actor | None = session.info.get("actor")
    if session.new or session.dirty or session.deleted:
        session.info["wrote"] = True
    rows: list[dict[str, Any]] = []
    for action, objects in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objects:
            if not isinstance(obj, Base) or obj.__tablename__ in _UNAUDITED_TABLES:
                continue
            names = _changed_fields(obj, action)
            if action == "update" and not names:
                continue
            key = inspect(obj).mapper.primary_key_from_instance(obj)
            number = key[0] if len(key) == 1 and isinstance(key[0], int) else None
            if len(key) == 1 and isinstance(key[0], str):
                # A row named by text (a setting): the name goes with its fields, never a value.
                names = [f"{key[0]}.{name}" for name in names]
            rows.append({"at": utcnow(), "account_id": actor.account_id if actor else None, "action": action,
                         "entity": obj.__tablename__, "entity_id": number, "fields": ",".join(names)[:1000]})
    if not rows:
        return
    if actor is None:
        # Only init writes without an account: the built-in account comes into being by itself,
        # and is recorded as its own maker.
        if not all(r["entity"] == "staff_account" and r["action"] == "create" for r in rows):
            raise RuntimeError("a change without an account cannot be audited")
        for row in rows:
            row["account_id"] = row["entity_id"]
    chained(session, rows)


def _changed_fields(obj: Base, action: str) -> list[str]:
    state = inspect(obj)
    names: list[str] = []
    keys = [a.key for a in state.mapper.column_attrs] + list(_OWNED_COLLECTIONS.get(obj.__tablename__, ()))
    for key in keys:
        if key in _UNAUDITED_FIELDS:
            continue
        if action == "update":
            if state.attrs[key].history.has_changes():
                names.append(key)
        elif action == "create":
            value = state.attrs[key].value
            if value is not None and value != "" and value != []:
                names.append(key)
    return names
