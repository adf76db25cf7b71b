"""One description of a person's fields; everything else is derived from it.

Each field says once what it is: its name (the model's attribute, the JSON key and the import
column), its kind and length, how typed text becomes its value, its label, whether it is one
of the contract's import columns or a list column, where the person page shows it, and whether
it is personal data — which an erasure clears and a region export never carries — and whether an
employer's relocation service may record it (the privacy profile's role). The list rows,
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

from welcomedesk.codes import (
    FeeAnswer,
    Housing,
    LanguageLevel,
    Payer,
    PermitType,
    PrivacyRole,
    Recruitment,
    Relation,
    Sector,
    Sex,
    Status,
)
from welcomedesk.errors import Problem, ValidationError
from welcomedesk.i18n import N_, _
from welcomedesk.identity import (
    normalise_email,
    normalise_name,
    normalise_phone,
    normalise_text,
    parse_date,
    parse_identity_code,
    parse_municipality_code,
    validate_business_id,
)
from welcomedesk.occupations import occupation_groups
from welcomedesk.world import country_code, language_code


class Kind(Enum):
    """What sort of value a field holds, and so how typed text is read."""

    NAME = "name"
    TEXT = "text"
    DATE = "date"
    CODE = "code"
    COUNTRY = "country"
    LANGUAGE = "language"
    LANGUAGES = "languages"
    TAGS = "tags"
    EMAIL = "email"
    PHONE = "phone"
    IDENTITY_CODE = "identity_code"
    MUNICIPALITY = "municipality"
    BUSINESS_ID = "business_id"
    OCCUPATION_GROUP = "occupation_group"


class Section(Enum):
    """A group of fields: a step of the registration wizard and a card of the person page."""

    PERSONAL = "personal"
    CONTACT = "contact"
    ARRIVAL = "arrival"
    PRIVACY = "privacy"
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
    personal: bool = True  # an erasure clears it; a region export never carries it
    codes: type[StrEnum] | None = None  # the enum of a CODE field
    employment: bool = True  # an employer's relocation service may record it (see EMPLOYER_FIELDS)

    def parse(self, text: str) -> Any:
        """The value typed ``text`` stands for (None when empty and allowed), or a ValidationError."""
        if not text.strip():
            if self.required:
                raise ValidationError(_("This field is required."), field=self.name)
            return None if self.kind in _NULLABLE_WHEN_EMPTY else (() if self.kind in _LISTS else "")
        return _PARSERS[self.kind](self, text)


# The contract's import columns come first, in the contract's order.
FIELDS: tuple[PersonField, ...] = (
    PersonField("relation", N_("Relation"), Kind.CODE, 16, import_column=True, listed=True, personal=False,
                codes=Relation),
    PersonField("given_names", N_("Given names"), Kind.NAME, 100, required=True, import_column=True, listed=True),
    PersonField("family_name", N_("Family name"), Kind.NAME, 100, required=True, import_column=True, listed=True),
    PersonField("native_name", N_("Name in own script"), Kind.NAME, 200, import_column=True, listed=True),
    PersonField("date_of_birth", N_("Date of birth"), Kind.DATE, import_column=True, listed=True),
    PersonField("nationality", N_("Nationality"), Kind.COUNTRY, 2, import_column=True, listed=True),
    PersonField("languages", N_("Languages"), Kind.LANGUAGES, import_column=True, listed=True),
    PersonField("email", N_("Email"), Kind.EMAIL, 254, import_column=True, listed=True),
    PersonField("phone", N_("Phone"), Kind.PHONE, 20, import_column=True, listed=True),
    PersonField("arrival_date", N_("Arrival"), Kind.DATE, import_column=True, listed=True),
    PersonField("status", N_("Status"), Kind.CODE, 16, import_column=True, listed=True, personal=False,
                codes=Status),
    PersonField("employer", N_("Employer"), Kind.TEXT, 200, import_column=True, listed=True),
    PersonField("occupation", N_("Occupation"), Kind.TEXT, 200, import_column=True, listed=True),
    PersonField("personal_identity_code", N_("Personal identity code"), Kind.IDENTITY_CODE, 11, import_column=True,
                listed=True),
    PersonField("municipality_code", N_("Municipality of residence"), Kind.MUNICIPALITY, 3, listed=True,
                personal=False),
    PersonField("street_address", N_("Address"), Kind.TEXT, 200),
    PersonField("postal_code", N_("Postal code"), Kind.TEXT, 10),
    PersonField("post_office", N_("Post office"), Kind.TEXT, 100),
    PersonField("permit_type", N_("Residence permit"), Kind.CODE, 8, codes=PermitType),
    PersonField("permit_expiry", N_("Permit valid until"), Kind.DATE),
    PersonField("sex", N_("Sex"), Kind.CODE, 8, codes=Sex, employment=False),
    PersonField("mother_tongue", N_("Mother tongue"), Kind.LANGUAGE, 8, employment=False),
    PersonField("finnish_level", N_("Finnish skills"), Kind.CODE, 8, codes=LanguageLevel),
    PersonField("swedish_level", N_("Swedish skills"), Kind.CODE, 8, codes=LanguageLevel),
    PersonField("english_level", N_("English skills"), Kind.CODE, 8, codes=LanguageLevel),
    PersonField("business_id", N_("Employer's business ID"), Kind.BUSINESS_ID, 9, personal=False),
    PersonField("occupation_group", N_("Occupation group"), Kind.OCCUPATION_GROUP, 4, personal=False),
    PersonField("sector", N_("Sector"), Kind.CODE, 8, personal=False, codes=Sector),
    PersonField("recruitment", N_("Recruited"), Kind.CODE, 16, personal=False, codes=Recruitment),
    PersonField("recruiter", N_("Recruitment agency"), Kind.TEXT, 200, personal=False),
    PersonField("privacy_notice_date", N_("Privacy notice given"), Kind.DATE, personal=False),
    PersonField("privacy_notice_language", N_("Privacy notice language"), Kind.LANGUAGE, 8, personal=False),
    PersonField("privacy_notice_version", N_("Privacy notice version"), Kind.TEXT, 20, personal=False),
    PersonField("housing", N_("Housing"), Kind.CODE, 16, codes=Housing),
    PersonField("housing_paid_by", N_("Housing paid by"), Kind.CODE, 16, codes=Payer),
    PersonField("lease_end", N_("Lease ends"), Kind.DATE),
    PersonField("move_notified", N_("Change of address notified"), Kind.DATE),
    PersonField("recruitment_fee", N_("Asked about a recruitment fee"), Kind.CODE, 16, codes=FeeAnswer,
                employment=False),
    PersonField("concern_raised", N_("Concern about the recruitment raised"), Kind.DATE, employment=False),
    PersonField("concern_referred_to", N_("Concern referred to"), Kind.TEXT, 200, employment=False),
    PersonField("tags", N_("Project tags"), Kind.TAGS, 64, personal=False),
)
FIELD: dict[str, PersonField] = {f.name: f for f in FIELDS}
# The columns of an import file and of the JSON objects, in the contract's order.
IMPORT_COLUMNS: tuple[str, ...] = ("household", *(f.name for f in FIELDS if f.import_column))
LISTED: tuple[str, ...] = tuple(f.name for f in FIELDS if f.listed)
PERSONAL: frozenset[str] = frozenset(f.name for f in FIELDS if f.personal)
# What an employer's relocation service may record: what the employment and the move need, nothing more.
# - Kept: the names (the own-script one too: documents and the person's own spelling), the birth date, the
#   nationality (the permit and the tax card turn on it), the languages (to reach the person and print their
#   papers), contact details and address, the municipality of residence, the arrival and status, the permit
#   and its expiry (an employer must watch the right to work and tell Migri when the job ends), the employer,
#   business ID, occupation, its group and sector, how and by whom the person was recruited (the employer's
#   own contract with the agency), the identity code (payroll and the tax card need it), the Finnish,
#   Swedish and English skills (the licence to practise asks for Finnish or Swedish; the work and the
#   orientation run in one of them), housing, who pays it and the lease's end, the change of address
#   notified (the relocation itself), the privacy notice given (the controller must show it informed), the
#   household (a family relocates together) and the project tags (not about the person).
# - Not kept: sex (no part of the employment or the move), the mother tongue (the languages the person
#   is reached in are enough; the mother tongue says more about origin than the work needs), and the
#   ethical-recruitment questions — whether a recruitment fee was asked, a concern raised and where it was
#   referred. Those are the municipality's independent check on the recruitment: the newcomer answers them in
#   confidence, and an employer, a party to the recruitment, never records or sees an individual answer.
EMPLOYER_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.employment)

# The person page's address line is the street, the postal code and the post office together.
ADDRESS_PARTS = ("street_address", "postal_code", "post_office")
# The fields of each section, in the order a form and the person page show them.
SECTIONS: dict[Section, tuple[str, ...]] = {
    Section.PERSONAL: ("given_names", "family_name", "native_name", "date_of_birth", "sex", "nationality",
                       "personal_identity_code"),
    Section.CONTACT: ("phone", "email", *ADDRESS_PARTS, "municipality_code", "mother_tongue", "languages",
                      "finnish_level", "swedish_level", "english_level"),
    Section.ARRIVAL: ("arrival_date", "permit_type", "permit_expiry", "employer", "business_id", "occupation",
                      "occupation_group", "sector", "recruitment", "recruiter"),
    Section.PRIVACY: ("privacy_notice_date", "privacy_notice_language", "privacy_notice_version"),
    # Recorded after registration, on the person's page.
    Section.SETTLING: ("housing", "housing_paid_by", "lease_end", "move_notified", "recruitment_fee",
                       "concern_raised", "concern_referred_to", "tags"),
}
# What a person can edit on the person page: every field of a section (relation and status have their own acts).
EDITABLE: tuple[str, ...] = tuple(name for names in SECTIONS.values() for name in names)


def fields_for(role: PrivacyRole) -> tuple[str, ...]:
    """The fields a service point in ``role`` records, in the table's order."""
    return EMPLOYER_FIELDS if role is PrivacyRole.EMPLOYER else tuple(f.name for f in FIELDS)


def length(name: str) -> int:
    """The stored length of the text field ``name`` (the model reads its column sizes here)."""
    size = FIELD[name].max_length
    assert size is not None, name
    return size


_NULLABLE_WHEN_EMPTY = frozenset({Kind.DATE, Kind.IDENTITY_CODE, Kind.CODE})
_LISTS = frozenset({Kind.LANGUAGES, Kind.TAGS})


def _code(field: PersonField, text: str) -> StrEnum:
    assert field.codes is not None
    try:
        return field.codes(text.strip())
    except ValueError:
        raise ValidationError(_("This is not one of the values this field takes."), field=field.name) from None


def _country(field: PersonField, text: str) -> str:
    code = country_code(text)
    if code is None:
        raise ValidationError(_("No country is known by this name or code; give its name or its two-letter code, "
                                "such as FI or PH."), field=field.name)
    return code


def _language(field: PersonField, text: str) -> str:
    code = language_code(text)
    if code is None:
        raise ValidationError(_("No language is known by this name or code; give its name or its code, such as "
                                "fi or en."), field=field.name)
    return code


def _languages(field: PersonField, text: str) -> tuple[str, ...]:
    codes = [language_code(part) for part in re.split(r"[;,]", text) if part.strip()]
    if not all(codes):
        raise ValidationError(_("Give languages by name or code, separated by semicolons, such as fi;en."),
                              field=field.name)
    return tuple(dict.fromkeys(c for c in codes if c))


def _tags(field: PersonField, text: str) -> tuple[str, ...]:
    assert field.max_length is not None
    parts = [part for part in text.split(";") if part.strip()]
    problems: list[Problem] = []
    tags: list[str] = []
    for part in parts:
        try:
            tags.append(normalise_text(part, field=field.name, max_length=field.max_length))
        except ValidationError as exc:
            problems += exc.problems
    if problems:
        raise ValidationError.of(problems)
    # The same tag written in another case is the same tag: the first spelling is kept.
    return tuple({tag.casefold(): tag for tag in reversed(tags)}.values())[::-1]


def _occupation_group(field: PersonField, text: str) -> str:
    code = text.strip()
    if code not in occupation_groups():
        raise ValidationError(_("This is not one of the occupation groups WelcomeDesk knows."), field=field.name)
    return code


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
    Kind.LANGUAGE: _language,
    Kind.LANGUAGES: _languages,
    Kind.TAGS: _tags,
    Kind.EMAIL: _with_field(normalise_email),
    Kind.PHONE: _with_field(normalise_phone),
    Kind.IDENTITY_CODE: _with_field(lambda text: parse_identity_code(text).code),
    Kind.MUNICIPALITY: _with_field(parse_municipality_code),
    Kind.BUSINESS_ID: _with_field(validate_business_id),
    Kind.OCCUPATION_GROUP: _occupation_group,
}
