"""How audit log entries read to a person, in a given language: the act, the kind of record, the fields
named and the moment, for the log viewer and a person's own history.

Entries hold codes (``view``, ``checklist_item``, ``email``); a code this module does not know reads as
itself, so an entry written by a newer program still shows.
"""

from __future__ import annotations

from datetime import UTC, datetime

from welcomedesk.i18n import N_, Translator
from welcomedesk.person_fields import FIELD
from welcomedesk.presentation.labels import FINNISH_DATES, date_text
from welcomedesk.services.audit_log import AuditRow

# Every act the program writes to the log (db/session.py's create/update/delete, the services' record()).
ACTION_LABELS: dict[str, str] = {
    "view": N_("Viewed"),
    "list": N_("Listed"),
    "search": N_("Searched"),
    "create": N_("Created"),
    "update": N_("Changed"),
    "delete": N_("Deleted"),
    "print": N_("Printed"),
    "export": N_("Exported"),
    "import": N_("Imported"),
    "check": N_("Checked"),
    "backup": N_("Backed up"),
    "restore": N_("Restored"),
    "sign_in": N_("Signed in"),
    "sign_in_failed": N_("Sign-in failed"),
    "sign_out": N_("Signed out"),
    "lock": N_("Locked"),
    "unlock": N_("Unlocked"),
    "erase": N_("Erased"),
}
# Every kind of record the log names: the tables audited, and the things acted on as a whole.
ENTITY_LABELS: dict[str, str] = {
    "person": N_("Person"),
    "household": N_("Household"),
    "checklist_item": N_("Step"),
    "follow_up": N_("Follow-up"),
    "path_stage": N_("Stage of a path"),
    "person_visit": N_("Visit"),
    "person_note": N_("Note"),
    "paper_given": N_("Paper given"),
    "person_history": N_("Person's history"),
    "erasure": N_("Erasure"),
    "walk_in_contact": N_("Anonymous contact"),
    "staff_account": N_("Staff account"),
    "session": N_("Session"),
    "setting": N_("Setting"),
    "service": N_("Service"),
    "partner": N_("Partner"),
    "partner_contact": N_("Partner's contact person"),
    "referral": N_("Referrals"),
    "catalogue": N_("Service catalogue"),
    "service_point": N_("Service point"),
    "service_point_municipality": N_("Service point's municipality"),
    "region": N_("Region summary"),
    "audit_entry": N_("Audit log"),
    "database": N_("Database"),
}
# An entry made under no account anyone has (a sign-in tried under an unknown name).
UNKNOWN_ACCOUNT = N_("Unknown")


def action_label(action: str, words: Translator) -> str:
    """An act in words ("Viewed", "Changed"); an act this program does not know as it is stored."""
    label = ACTION_LABELS.get(action)
    return words(label) if label else action


def entity_label(entity: str, words: Translator) -> str:
    """A kind of record in words ("Person", "Step"); one this program does not know as it is stored."""
    label = ENTITY_LABELS.get(entity)
    return words(label) if label else entity


def record_text(entity: str, entity_id: int | None, words: Translator) -> str:
    """The record an entry is about: its kind and number ("Step 45"), or its kind alone ("Database")."""
    kind = entity_label(entity, words)
    return kind if entity_id is None else f"{kind} {entity_id}"


def account_text(account: str | None, words: Translator) -> str:
    """Who made an entry: the account's name, or a word when no account is known."""
    return account if account is not None else words(UNKNOWN_ACCOUNT)


def field_text(name: str, entity: str, words: Translator) -> str:
    """One field named in an entry: a person's by its label, any other as its name with spaces."""
    if entity == "person" and name in FIELD:
        return words(FIELD[name].label)
    return name.replace("_", " ")


def fields_text(fields: tuple[str, ...], entity: str, words: Translator) -> str:
    """The fields an entry names, as people read them, separated by commas ("" when it names none)."""
    return ", ".join(field_text(name, entity, words) for name in fields)


def moment_text(at: datetime, words: Translator) -> str:
    """An entry's moment in this computer's local time, its date and time as the language writes them.

    Entries keep UTC moments; one stored without a zone is read as UTC.
    """
    local = (at if at.tzinfo is not None else at.replace(tzinfo=UTC)).astimezone()
    if words.language in FINNISH_DATES:
        # A Finnish office writes 5.11.2026 14.05 (Swedish in Finland too); English keeps its colon.
        separator = ":" if words.language == "en" else "."
        return f"{date_text(local.date(), words)} {local.hour}{separator}{local.minute:02d}"
    from babel.dates import format_datetime

    return str(format_datetime(local, "short", tzinfo=local.tzinfo, locale=words.locale))


def entry_cells(row: AuditRow, words: Translator) -> tuple[str, str, str, str, str]:
    """One entry as the log viewer and a person's history show it: when, who, the act, the record and the
    fields named."""
    return (moment_text(row.at, words), account_text(row.account, words), action_label(row.action, words),
            record_text(row.entity, row.entity_id, words), fields_text(row.fields, row.entity, words))
