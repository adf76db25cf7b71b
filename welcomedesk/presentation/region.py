"""A region summary's tables, figures and rows by name, in a given language.

A summary holds only codes ("arrivals_by_age_band", "region:035", "country:VN", "2"); these are their
words for the exports, the PDF report and the Reports page. Countries and world regions are named by
Babel's CLDR data in the language asked for; a first step by the catalogue's name for it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any

from welcomedesk.catalogue import text_in
from welcomedesk.codes import Activity, PartnerType, Payer, PermitType, Recruitment, Relation, Sector
from welcomedesk.i18n import N_, Translator
from welcomedesk.presentation.labels import (
    ACTIVITY_LABELS,
    CHANNEL_LABELS,
    PARTNER_TYPE_LABELS,
    PAYER_LABELS,
    PERMIT_LABELS,
    RECRUITMENT_LABELS,
    RELATION_LABELS,
    SECTOR_LABELS,
    TOPIC_LABELS,
    language_name,
)

# A first step's name by language, by its code: the catalogue the summary was counted with.
ServiceNames = Mapping[str, Mapping[str, str]]

INDICATOR_LABELS: dict[str, str] = {
    "arrivals_by_role": N_("Arrivals by role in the household"),
    "arrivals_by_country_group": N_("Arrivals by citizenship"),
    "arrivals_by_age_band": N_("Arrivals by age on arrival"),
    "arrivals_by_permit": N_("Arrivals by right of residence"),
    "arrivals_by_household_size": N_("Arrivals by the size of their household"),
    "arrivals_by_occupation_group": N_("Arrivals by occupation group"),
    "arrivals_by_sector": N_("Arrivals by the employer's sector"),
    "arrivals_by_recruitment": N_("Arrivals by how they were recruited"),
    "steps_in_time": N_("First steps of those who arrived"),
    "median_days_to_done": N_("Median days from arrival to a step done"),
    "median_days_waiting": N_("Median days a late step has waited"),
    "paths": N_("Paths into work: stages reached"),
    "retention_12": N_("Where people are 12 months after arriving"),
    "retention_24": N_("Where people are 24 months after arriving"),
    "walk_ins_by_topic": N_("Anonymous contacts by topic"),
    "walk_ins_by_language": N_("Anonymous contacts by language"),
    "walk_ins_by_channel": N_("Anonymous contacts by channel"),
    "visits": N_("Desk visits"),
    "interpreter_paid_by": N_("Interpreters booked, by who paid"),
    "referrals_by_partner_type": N_("Referrals by the partner's type"),
    "project_tags": N_("Participants per project"),
}
UNKNOWN = N_("Not known")
SPOUSE_DOING = N_("Spouse: {activity}")
# ISCO-08 major groups, as Statistics Finland's classification of occupations names them.
ISCO_MAJOR_GROUPS: dict[str, str] = {
    "0": N_("Armed forces occupations"),
    "1": N_("Managers"),
    "2": N_("Professionals"),
    "3": N_("Technicians and associate professionals"),
    "4": N_("Clerical support workers"),
    "5": N_("Service and sales workers"),
    "6": N_("Skilled agricultural, forestry and fishery workers"),
    "7": N_("Craft and related trades workers"),
    "8": N_("Plant and machine operators and assemblers"),
    "9": N_("Elementary occupations"),
}
COUNTRY_GROUPS: dict[str, str] = {
    "finland": N_("Finland"),
    "nordic": N_("Other Nordic countries"),
    "eu_eea": N_("EU/EEA countries and Switzerland"),
}
HOUSEHOLD_SIZES: dict[str, str] = {
    "1": N_("1 person"), "2": N_("2 persons"), "3-4": N_("3–4 persons"), "5+": N_("5 or more persons"),
}
PATH_ROWS: dict[str, str] = {
    "learning_started": N_("Learning path started"),
    "licence_obtained": N_("Licence to practise granted"),
    "learning_in_work": N_("Learning path: in the target job"),
    "career_started": N_("Career path started"),
    "career_in_work": N_("Career path: work found"),
}
RETENTION_ROWS: dict[str, str] = {
    "municipality": N_("Still in the municipality"),
    "region": N_("Elsewhere in the region"),
    "finland": N_("Elsewhere in Finland"),
    "left": N_("Left Finland"),
    "lost": N_("Lost to follow-up"),
}
VISIT_ROWS: dict[str, str] = {"visits": N_("Visits held"), "no_show": N_("Did not come")}
OTHER_TAGS = N_("Other tags (each on fewer people than the threshold)")
AGE_BAND = N_("{low}–{high} years")
AGE_BAND_OPEN = N_("{low} years or older")
_STEP_FIGURES = ("steps_in_time", "median_days_to_done", "median_days_waiting")


def indicator_label(code: str, words: Translator) -> str:
    """A table's or figure's name; a code this program does not know (a newer summary's) as it is."""
    label = INDICATOR_LABELS.get(code)
    return words(label) if label else code


def _coded(labels: Mapping[Any, str], enum: type[StrEnum]) -> Callable[[str, Translator], str | None]:
    def name(row: str, words: Translator) -> str | None:
        try:
            return words(labels[enum(row)])
        except (ValueError, KeyError):
            return None
    return name


def _plain(labels: Mapping[str, str]) -> Callable[[str, Translator], str | None]:
    def name(row: str, words: Translator) -> str | None:
        return words(labels[row]) if row in labels else None
    return name


def _role(row: str, words: Translator) -> str | None:
    """A role in the household; a spouse's row with what they do at the period's end ("Spouse: working")."""
    kind, _colon, activity = row.partition(":")
    if not activity:
        return _coded(RELATION_LABELS, Relation)(row, words)
    doing = words(UNKNOWN) if activity == "unknown" else _coded(ACTIVITY_LABELS, Activity)(activity, words)
    return words(SPOUSE_DOING).format(activity=doing) if kind == "spouse" and doing else None


def _territory(row: str, words: Translator) -> str | None:
    if row in COUNTRY_GROUPS:
        return words(COUNTRY_GROUPS[row])
    kind, _colon, code = row.partition(":")
    if kind in ("region", "country") and code:
        return str(words.locale.territories.get(code, code))
    return None


def _age_band(row: str, words: Translator) -> str | None:
    if row.endswith("+") and row[:-1].isdigit():
        return words(AGE_BAND_OPEN).format(low=row[:-1])
    low, dash, high = row.partition("-")
    return words(AGE_BAND).format(low=low, high=high) if dash and low.isdigit() and high.isdigit() else None


def _isco(row: str, words: Translator) -> str | None:
    return f"{row} {words(ISCO_MAJOR_GROUPS[row])}" if row in ISCO_MAJOR_GROUPS else None


def _language(row: str, words: Translator) -> str | None:
    return language_name(row, words)


def _tag(row: str, words: Translator) -> str | None:
    if row == "other":
        return words(OTHER_TAGS)
    # A project tag is the coordinator's own code for a project: printed as it is.
    return row[len("tag:"):] if row.startswith("tag:") else None


ROWS: dict[str, Callable[[str, Translator], str | None]] = {
    "arrivals_by_role": _role,
    "arrivals_by_country_group": _territory,
    "arrivals_by_age_band": _age_band,
    "arrivals_by_permit": _coded(PERMIT_LABELS, PermitType),
    "arrivals_by_household_size": _plain(HOUSEHOLD_SIZES),
    "arrivals_by_occupation_group": _isco,
    "arrivals_by_sector": _coded(SECTOR_LABELS, Sector),
    "arrivals_by_recruitment": _coded(RECRUITMENT_LABELS, Recruitment),
    "paths": _plain(PATH_ROWS),
    "retention_12": _plain(RETENTION_ROWS),
    "retention_24": _plain(RETENTION_ROWS),
    "walk_ins_by_topic": _plain({k.value: v for k, v in TOPIC_LABELS.items()}),
    "walk_ins_by_language": _language,
    "walk_ins_by_channel": _plain({k.value: v for k, v in CHANNEL_LABELS.items()}),
    "visits": _plain(VISIT_ROWS),
    "interpreter_paid_by": _coded(PAYER_LABELS, Payer),
    "referrals_by_partner_type": _coded(PARTNER_TYPE_LABELS, PartnerType),
    "project_tags": _tag,
}


def _service(code: str, words: Translator, services: ServiceNames | None) -> str:
    if services is None:
        from welcomedesk.catalogue_file import shipped_catalogue

        services = {s.code: s.name for s in shipped_catalogue().services}
    names = services.get(code)
    return text_in(names, words.language)[0] or code if names else code


def row_label(table: str, row: str, words: Translator, services: ServiceNames | None = None) -> str:
    """A row of a table (or of a figure) in words; a row this program does not know by its code.

    The first steps are named as ``services`` names them (the catalogue the summary was counted with);
    without it, as the catalogue that ships with the program does.
    """
    if table in _STEP_FIGURES:
        return _service(row, words, services)
    if row == "unknown":
        return words(UNKNOWN)
    name = ROWS[table](row, words) if table in ROWS else None
    return name or row
