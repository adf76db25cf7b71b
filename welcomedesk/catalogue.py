"""The service catalogue as plain values: services with their rules and due days, partners, follow-up
questions and paths. ``catalogue_file`` reads and writes them as the catalogue's file; nothing here knows
of the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from welcomedesk.codes import Category, Origin, PartnerType, PathKind, PermitType, Relation

# The languages a catalogue's texts are written in: the packet languages, plain Finnish its own edition.
TEXT_LANGUAGES = ("fi", "sv", "en", "uk", "ru", "ar", "vi", "fi-x-plain")
# A text missing in a language is read in this one (and the screen says so).
FALLBACK = "en"
# What marks a step done by itself: a recorded identity code.
DONE_WHEN = ("identity_code",)
DUE_FROM = ("arrival", "year_of_age")
CODE_LENGTH = 40
NAME_LENGTH = 200
DESCRIPTION_LENGTH = 2000


@dataclass(frozen=True)
class Rule:
    """Whom a service applies to: every condition given must hold; None means anyone."""

    relations: frozenset[Relation] | None = None
    # The age reached during the calendar year (year now minus birth year), from and to; None is open.
    year_age: tuple[int | None, int | None] | None = None
    origins: frozenset[Origin] | None = None
    permit_types: frozenset[PermitType] | None = None
    has_children: bool | None = None
    occupation_groups: frozenset[str] | None = None


@dataclass(frozen=True)
class Due:
    """When a step is due: days from the arrival, or a day of the year the person turns ``age``."""

    start: str = "arrival"
    days: int = 0
    age: int | None = None
    month: int = 1
    day: int = 1


@dataclass(frozen=True)
class ServiceDef:
    """One first step as the catalogue describes it."""

    code: str
    category: Category
    name: Mapping[str, str]
    description: Mapping[str, str] = field(default_factory=dict)
    partner: str | None = None
    applies: Rule = Rule()
    due: Due | None = None
    after: tuple[str, ...] = ()
    done_when: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None

    def valid_on(self, day: date) -> bool:
        """Whether the service is in force on ``day``."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class ContactDef:
    """A contact person at a partner organisation."""

    name: str
    title: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class PartnerDef:
    """A partner organisation: who provides a step, or takes a referral."""

    code: str
    type: PartnerType
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    hours: str = ""
    languages: tuple[str, ...] = ()
    # Recruiters and employers: the day the written fee-free commitment was signed, and whether
    # any source country is on the WHO health workforce support and safeguards list.
    fee_free_commitment: date | None = None
    who_safeguard_countries: bool | None = None
    contacts: tuple[ContactDef, ...] = ()


@dataclass(frozen=True)
class Choice:
    """A coded choice with its text in each language: a follow-up answer, a path's stage."""

    code: str
    text: Mapping[str, str]


@dataclass(frozen=True)
class Question:
    """A follow-up question and its answers."""

    code: str
    text: Mapping[str, str]
    answers: tuple[Choice, ...]


@dataclass(frozen=True)
class PathDef:
    """A path into work and its stages, in order."""

    kind: PathKind
    name: Mapping[str, str]
    stages: tuple[Choice, ...]


@dataclass(frozen=True)
class Catalogue:
    """Everything the checklists, follow-ups and paths are made from."""

    edition: str
    services: tuple[ServiceDef, ...]
    partners: tuple[PartnerDef, ...] = ()
    follow_up_days: tuple[int, ...] = ()
    questions: tuple[Question, ...] = ()
    paths: tuple[PathDef, ...] = ()

    def service(self, code: str) -> ServiceDef | None:
        return next((s for s in self.services if s.code == code), None)

    def path(self, kind: PathKind) -> PathDef | None:
        return next((p for p in self.paths if p.kind is kind), None)


def text_in(texts: Mapping[str, str], language: str) -> tuple[str, bool]:
    """The text in ``language``, else in its base language (plain Finnish: Finnish), else English: (text, fell back)."""
    if texts.get(language):
        return texts[language], False
    # Plain Finnish without its own text reads the Finnish one before any English.
    base = language.split("-")[0]
    if base != language and texts.get(base):
        return texts[base], True
    if texts.get(FALLBACK):
        return texts[FALLBACK], True
    first = next((t for t in texts.values() if t), "")
    return first, True
