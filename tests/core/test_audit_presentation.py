"""How audit entries read: every act and kind of record the program writes has words, in the language
passed in; fields by their labels; moments in local time."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

import welcomedesk
from welcomedesk.db.session import _UNAUDITED_TABLES
from welcomedesk.i18n import translator
from welcomedesk.model import Base
from welcomedesk.presentation.audit import (
    ACTION_LABELS,
    ENTITY_LABELS,
    account_text,
    action_label,
    entity_label,
    entry_cells,
    fields_text,
    moment_text,
    record_text,
)
from welcomedesk.services.audit_log import _OWNED, AuditRow

CORE = Path(welcomedesk.__file__).parent
# record(session, "view", "person", ...), record_as(session, account, "sign_in_failed", "staff_account", ...)
RECORDED = re.compile(r"\brecord(?:_as)?\(session,(?: [^,\"]+,)? \"(\w+)\", \"(\w+)\"")
# The sign-in's success acts, handed in as (action, entity); the backups' acts on the database.
SIGN_IN = re.compile(r"\(\"(\w+)\", \"(session|staff_account)\"\)")
BACKUPS = re.compile(r"\b_audit\(db, \w+, \"(\w+)\"")


def _written() -> tuple[set[str], set[str]]:
    """The acts and kinds of record the program's source writes to the log."""
    actions = {"create", "update", "delete"}  # every change, by the unit of work
    # The chain's head row is written by the chain itself, in SQL, never by the unit of work.
    entities = {table for table in Base.metadata.tables if table not in _UNAUDITED_TABLES | {"audit_head"}}
    entities |= {entity for _model, entity in _OWNED} | {"database"}
    for path in CORE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for action, entity in (*RECORDED.findall(text), *SIGN_IN.findall(text)):
            actions.add(action)
            entities.add(entity)
        actions.update(BACKUPS.findall(text))
    return actions, entities


def test_every_act_and_kind_of_record_the_program_writes_has_words() -> None:
    actions, entities = _written()
    # The search found the acts it should, so an empty search cannot pass.
    assert {"view", "search", "list", "export", "import", "check", "backup", "restore", "sign_in",
            "sign_in_failed", "lock", "unlock"} <= actions
    assert {"person", "checklist_item", "paper_given", "audit_entry", "session", "staff_account", "setting",
            "service_point", "person_history", "region"} <= entities
    assert actions - ACTION_LABELS.keys() == set()
    assert entities - ENTITY_LABELS.keys() == set()


def test_acts_and_records_take_the_language_passed_in_and_unknown_codes_read_as_themselves() -> None:
    english = translator("en")
    assert action_label("view", english) == "Viewed"
    assert action_label("sign_in_failed", english) == "Sign-in failed"
    assert entity_label("checklist_item", english) == "Step"
    assert entity_label("paper_given", english) == "Paper given"
    assert entity_label("audit_entry", english) == "Audit log"
    assert action_label("teleport", english) == "teleport"
    assert entity_label("spaceship", english) == "spaceship"
    assert record_text("checklist_item", 45, english) == "Step 45"
    assert record_text("database", None, english) == "Database"
    assert account_text(None, english) == "Unknown" and account_text("Maija Virtanen", english) == "Maija Virtanen"


def test_a_persons_fields_read_by_their_labels_other_fields_by_their_names() -> None:
    english, finnish = translator("en"), translator("fi")
    assert fields_text(("email", "street_address", "status_history"), "person", english) == \
        "Email, Address, status history"
    assert fields_text(("email",), "person", finnish) == "Sähköposti"
    assert fields_text(("due_date", "status"), "checklist_item", english) == "due date, status"
    assert fields_text((), "person", english) == ""


@pytest.fixture
def helsinki(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Helsinki")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_moments_are_local_time_in_the_languages_way(helsinki: None) -> None:
    winter = datetime(2026, 11, 5, 12, 5, tzinfo=UTC)  # 14.05 in Helsinki (UTC+2)
    summer = datetime(2026, 7, 1, 21, 30, tzinfo=UTC)  # 0.30 the next day (UTC+3)
    assert moment_text(winter, translator("fi")) == "5.11.2026 14.05"
    assert moment_text(winter, translator("sv")) == "5.11.2026 14.05"
    assert moment_text(winter, translator("en")) == "5.11.2026 14:05"
    assert moment_text(summer, translator("fi")) == "2.7.2026 0.30"
    assert moment_text(winter.replace(tzinfo=None), translator("fi")) == "5.11.2026 14.05"  # stored as UTC
    german = moment_text(winter, translator("de"))  # a language the program does not speak: Babel's way
    assert "05.11.26" in german and "14:05" in german


def test_an_entry_reads_as_its_cells(helsinki: None) -> None:
    row = AuditRow(7, datetime(2026, 11, 5, 12, 5, tzinfo=UTC), None, "sign_in_failed", "staff_account", None, ())
    assert entry_cells(row, translator("en")) == ("5.11.2026 14:05", "Unknown", "Sign-in failed", "Staff account", "")
    edit = AuditRow(8, datetime(2026, 11, 5, 12, 5, tzinfo=UTC), "Maija", "update", "person", 12,
                    ("phone", "post_office"))
    assert entry_cells(edit, translator("en"))[1:] == ("Maija", "Changed", "Person 12", "Phone, Post office")
