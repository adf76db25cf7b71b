"""Words for coded values (statuses, relations, permits, countries, languages) in the UI language."""

from __future__ import annotations

from datetime import date
from functools import cache

from welcomedesk.i18n import N_, _, current_language
from welcomedesk.identity import format_date
from welcomedesk.unreadable import Unreadable

STATUS_LABELS = {
    "expected": N_("Expected"),
    "arrived": N_("Arrived"),
    "moved": N_("Moved away"),
    "left": N_("Left Finland"),
}
RELATION_LABELS = {
    "main": N_("Main person"),
    "spouse": N_("Spouse"),
    "child": N_("Child"),
    "other": N_("Other"),
}
PERMIT_LABELS = {
    "A": N_("Continuous residence permit (A)"),
    "B": N_("Temporary residence permit (B)"),
    "P": N_("Permanent residence permit (P)"),
    "EU": N_("EU registration"),
    "NORDIC": N_("Nordic citizen"),
}

# Fields a save can refuse by name (a unique value repeated); the rest read as their names.
FIELD_LABELS = {
    "personal_identity_code": N_("Personal identity code"),
    "username": N_("User name"),
    "code": N_("Municipality code"),
}


def field_label(name: str) -> str:
    """A stored field's name in words."""
    return _(FIELD_LABELS[name]) if name in FIELD_LABELS else name


def date_text(value: date | Unreadable | None) -> str:
    """A stored date the Finnish way, "" when there is none, and a word when it cannot be read."""
    if isinstance(value, Unreadable):
        return _("(unreadable)")
    return format_date(value) if value is not None else ""


def _coded(labels: dict[str, str], code: object) -> str:
    if isinstance(code, Unreadable):
        return _("(unreadable)")
    return _(labels[str(code)]) if str(code) in labels else str(code or "")


def status_label(code: object) -> str:
    """A status in words."""
    return _coded(STATUS_LABELS, code)


def relation_label(code: object) -> str:
    """A household relation in words."""
    return _coded(RELATION_LABELS, code)


def permit_label(code: object) -> str:
    """A permit type in words."""
    return _coded(PERMIT_LABELS, code)


@cache
def _locale(language: str):  # type: ignore[no-untyped-def]
    from babel import Locale

    return Locale.parse(language)


def country_name(code: str) -> str:
    """An ISO 3166-1 country code as the country's name in the UI language."""
    if not code:
        return ""
    return str(_locale(current_language()).territories.get(code.upper(), code))


def language_name(code: str) -> str:
    """An ISO 639-1 language code as the language's name in the UI language."""
    if not code:
        return ""
    return str(_locale(current_language()).languages.get(code.lower(), code))
