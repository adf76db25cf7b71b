"""One description of a person's fields; everything else is derived from it.

Each field says once what it is: its name (the model's attribute, the JSON key and the import
column), its kind and length, how typed text becomes its value, its label, whether it is one
of the contract's import columns or a list column, where the person page shows it, and whether
it is personal data — which an erasure clears and a region export never carries. The list rows,
the JSON objects, the model's string lengths, the person page's sections and the demo data are
all checked against or built from this table, by name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum, StrEnum
from typing import Any

from welcomedesk.codes import PermitType, Relation, Status
from welcomedesk.errors import ValidationError
from welcomedesk.i18n import N_, _
from welcomedesk.identity import (
    normalise_email,
    normalise_name,
    normalise_phone,
    normalise_text,
    parse_date,
    parse_identity_code,
    parse_municipality_code,
)


class Kind(Enum):
    """What sort of value a field holds, and so how typed text is read."""

    NAME = "name"
    TEXT = "text"
    DATE = "date"
    CODE = "code"
    COUNTRY = "country"
    LANGUAGES = "languages"
    EMAIL = "email"
    PHONE = "phone"
    IDENTITY_CODE = "identity_code"
    MUNICIPALITY = "municipality"


class Section(Enum):
    """Where the person page shows a field."""

    PERSONAL = "personal"
    SETTLING = "settling"


@dataclass(frozen=True)
class PersonField:
    """One field of a person."""

    name: str
    label: str  # marked with N_, translated where it is shown
    kind: Kind
    max_length: int | None = None
    required: bool = False
    import_column: bool = False  # one of the contract's import columns, under this name
    listed: bool = False  # carried by every row of a list
    section: Section | None = None
    personal: bool = True  # an erasure clears it; a region export never carries it
    codes: type[StrEnum] | None = None  # the enum of a CODE field

    def parse(self, text: str) -> Any:
        """The value typed ``text`` stands for (None when empty and allowed), or a ValidationError."""
        if not text.strip():
            if self.required:
                raise ValidationError(_("This field is required."), field=self.name)
            return None if self.kind in _NULLABLE_WHEN_EMPTY else ("" if self.kind is not Kind.LANGUAGES else ())
        return _PARSERS[self.kind](self, text)


# The contract's import columns come first, in the contract's order.
FIELDS: tuple[PersonField, ...] = (
    PersonField("relation", N_("Relation"), Kind.CODE, 16, import_column=True, listed=True, personal=False,
                codes=Relation),
    PersonField("given_names", N_("Given names"), Kind.NAME, 100, required=True, import_column=True, listed=True),
    PersonField("family_name", N_("Family name"), Kind.NAME, 100, required=True, import_column=True, listed=True),
    PersonField("native_name", N_("Name in own script"), Kind.NAME, 200, import_column=True, listed=True),
    PersonField("date_of_birth", N_("Date of birth"), Kind.DATE, import_column=True, listed=True,
                section=Section.PERSONAL),
    PersonField("nationality", N_("Nationality"), Kind.COUNTRY, 2, import_column=True, listed=True,
                section=Section.PERSONAL),
    PersonField("languages", N_("Languages"), Kind.LANGUAGES, import_column=True, listed=True,
                section=Section.PERSONAL),
    PersonField("email", N_("Email"), Kind.EMAIL, 254, import_column=True, listed=True, section=Section.PERSONAL),
    PersonField("phone", N_("Phone"), Kind.PHONE, 20, import_column=True, listed=True, section=Section.PERSONAL),
    PersonField("arrival_date", N_("Arrival"), Kind.DATE, import_column=True, listed=True,
                section=Section.SETTLING),
    PersonField("status", N_("Status"), Kind.CODE, 16, import_column=True, listed=True, personal=False,
                codes=Status),
    PersonField("employer", N_("Employer"), Kind.TEXT, 200, import_column=True, listed=True,
                section=Section.SETTLING),
    PersonField("occupation", N_("Occupation"), Kind.TEXT, 200, import_column=True, listed=True,
                section=Section.SETTLING),
    PersonField("personal_identity_code", N_("Personal identity code"), Kind.IDENTITY_CODE, 11, import_column=True,
                listed=True, section=Section.PERSONAL),
    PersonField("municipality_code", N_("Municipality of residence"), Kind.MUNICIPALITY, 3, listed=True,
                section=Section.SETTLING, personal=False),
    PersonField("street_address", N_("Address"), Kind.TEXT, 200, section=Section.SETTLING),
    PersonField("postal_code", N_("Postal code"), Kind.TEXT, 10),
    PersonField("post_office", N_("Post office"), Kind.TEXT, 100),
    PersonField("permit_type", N_("Residence permit"), Kind.CODE, 8, section=Section.SETTLING, codes=PermitType),
    PersonField("permit_expiry", N_("Permit valid until"), Kind.DATE, section=Section.SETTLING),
)
FIELD: dict[str, PersonField] = {f.name: f for f in FIELDS}
# The columns of an import file and of the JSON objects, in the contract's order.
IMPORT_COLUMNS: tuple[str, ...] = ("household", *(f.name for f in FIELDS if f.import_column))
LISTED: tuple[str, ...] = tuple(f.name for f in FIELDS if f.listed)
PERSONAL: frozenset[str] = frozenset(f.name for f in FIELDS if f.personal)
# The person page's address line is the street, the postal code and the post office together.
ADDRESS_PARTS = ("street_address", "postal_code", "post_office")


def length(name: str) -> int:
    """The stored length of the text field ``name`` (the model reads its column sizes here)."""
    size = FIELD[name].max_length
    assert size is not None, name
    return size


_NULLABLE_WHEN_EMPTY = frozenset({Kind.DATE, Kind.IDENTITY_CODE, Kind.CODE})
_COUNTRY = re.compile(r"[A-Z]{2}")
_LANGUAGE = re.compile(r"[a-z]{2,3}")


def _code(field: PersonField, text: str) -> StrEnum:
    assert field.codes is not None
    try:
        return field.codes(text.strip())
    except ValueError:
        raise ValidationError(_("This is not one of the values this field takes."), field=field.name) from None


def _country(field: PersonField, text: str) -> str:
    code = text.strip().upper()
    if not _COUNTRY.fullmatch(code):
        raise ValidationError(_("Give the country as its two-letter code, such as FI or PH."), field=field.name)
    return code


def _languages(field: PersonField, text: str) -> tuple[str, ...]:
    codes = tuple(dict.fromkeys(c.strip().lower() for c in text.split(";") if c.strip()))
    if not all(_LANGUAGE.fullmatch(c) for c in codes):
        raise ValidationError(_("Give languages as two-letter codes separated by semicolons, such as fi;en."),
                              field=field.name)
    return codes


def _date(field: PersonField, text: str) -> date:
    return parse_date(text, field=field.name)


def _text(field: PersonField, text: str) -> str:
    assert field.max_length is not None
    return normalise_text(text, field=field.name, max_length=field.max_length)


def _name(field: PersonField, text: str) -> str:
    assert field.max_length is not None
    return normalise_name(text, field=field.name, max_length=field.max_length, required=field.required)


def _with_field(parse: Callable[[str], Any]) -> Callable[[PersonField, str], Any]:
    # The identity checks name their own field; here the error names this one.
    def run(field: PersonField, text: str) -> Any:
        try:
            return parse(text)
        except ValidationError as exc:
            raise ValidationError(exc.message, field=field.name) from None

    return run


_PARSERS: dict[Kind, Callable[[PersonField, str], Any]] = {
    Kind.NAME: _name,
    Kind.TEXT: _text,
    Kind.DATE: _date,
    Kind.CODE: _code,
    Kind.COUNTRY: _country,
    Kind.LANGUAGES: _languages,
    Kind.EMAIL: _with_field(normalise_email),
    Kind.PHONE: _with_field(normalise_phone),
    Kind.IDENTITY_CODE: _with_field(lambda text: parse_identity_code(text).code),
    Kind.MUNICIPALITY: _with_field(parse_municipality_code),
}
