"""How one newcomer reads, section by section, in the UI language: shared by the person page and `show`."""

from __future__ import annotations

from collections.abc import Callable

from welcomedesk.i18n import N_, _
from welcomedesk.labels import country_name, date_text, language_name, permit_label
from welcomedesk.services.newcomers import PersonDetail

Field = tuple[str, Callable[[PersonDetail], str]]

PERSONAL: tuple[Field, ...] = (
    (N_("Date of birth"), lambda d: date_text(d.row.date_of_birth)),
    (N_("Nationality"), lambda d: country_name(d.row.nationality)),
    (N_("Languages"), lambda d: ", ".join(language_name(c) for c in d.row.languages)),
    (N_("Personal identity code"), lambda d: d.row.personal_identity_code or ""),
    (N_("Phone"), lambda d: d.row.phone),
    (N_("Email"), lambda d: d.row.email),
)
SETTLING: tuple[Field, ...] = (
    (N_("Arrival"), lambda d: date_text(d.row.arrival_date)),
    (N_("Municipality of residence"), lambda d: d.municipality_name or d.row.municipality_code),
    (N_("Address"), lambda d: ", ".join(p for p in (d.street_address, f"{d.postal_code} {d.post_office}".strip())
                                        if p)),
    (N_("Occupation"), lambda d: d.row.occupation),
    (N_("Employer"), lambda d: d.row.employer),
    (N_("Residence permit"), lambda d: permit_label(d.permit_type) if d.permit_type else ""),
    (N_("Permit valid until"), lambda d: date_text(d.permit_expiry)),
)
SECTIONS: tuple[tuple[str, tuple[Field, ...]], ...] = (
    (N_("Personal details"), PERSONAL),
    (N_("Settling in"), SETTLING),
)


def person_sections(detail: PersonDetail) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section title, [(label, value)]) in the current language; an empty value is ""."""
    return [(_(title), [(_(label), value(detail)) for label, value in fields]) for title, fields in SECTIONS]
