"""The coded values WelcomeDesk stores, one enum each.

Words and colours for them live in maps keyed by these enums (presentation and the UI's
style), and the database refuses any other value with a CHECK constraint.
"""

from __future__ import annotations

from enum import StrEnum

from welcomedesk.i18n import N_


class Status(StrEnum):
    """Where a newcomer is in arriving and staying; a person's statuses form a dated history."""

    EXPECTED = "expected"
    ARRIVED = "arrived"
    SETTLED = "settled"
    MOVED_REGION = "moved_region"  # moved to another municipality of the region
    MOVED = "moved"  # moved elsewhere in Finland
    LEFT = "left"  # left Finland
    LOST = "lost"  # lost to follow-up


# The statuses that say where the person went: they carry the destination municipality.
MOVED_STATUSES = frozenset({Status.MOVED_REGION, Status.MOVED})


class Relation(StrEnum):
    """A person's place in their household."""

    MAIN = "main"
    SPOUSE = "spouse"
    CHILD = "child"
    OTHER = "other"


class PermitType(StrEnum):
    """The right of residence a desk tells apart."""

    CONTINUOUS = "A"
    TEMPORARY = "B"
    PERMANENT = "P"
    EU = "EU"  # EU/EEA registration
    NORDIC = "NORDIC"  # a Nordic citizen, registered with DVV


class Role(StrEnum):
    """What a staff account may do."""

    DESK = "desk"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


# A role's name is part of a refusal's message, so the core names them (the other codes are named
# where they are shown, in presentation).
ROLE_LABELS = {Role.DESK: N_("desk worker"), Role.COORDINATOR: N_("coordinator"), Role.ADMIN: N_("administrator")}


class SignInMode(StrEnum):
    """How the app knows who is working."""

    COMPUTER = "computer"  # the computer's user, one domain login per worker
    PASSWORD = "password"  # a staff name and password, for shared computer accounts


class PrivacyRole(StrEnum):
    """In which role the installation's controller records newcomers' data: what the privacy profile says."""

    MUNICIPAL = "municipal"  # the municipality's integration service: its statutory task
    EMPLOYER = "employer"  # an employer's relocation service: only what the employment and the move need


PRIVACY_ROLE_LABELS = {PrivacyRole.MUNICIPAL: N_("Municipal integration service"),
                       PrivacyRole.EMPLOYER: N_("Employer's relocation service")}


class ContactTopic(StrEnum):
    """What an anonymous walk-in question was about."""

    PERMIT = "permit"  # residence permit, EU or Nordic registration
    REGISTRATION = "registration"  # registration, identity code, municipality of residence
    KELA = "kela"
    TAX = "tax"
    BANK = "bank"  # bank account, strong identification
    HEALTH = "health"
    FAMILY = "family"  # daycare, school
    LANGUAGE = "language"  # language courses
    WORK = "work"  # work and employment services, degree recognition
    HOUSING = "housing"
    EVERYDAY = "everyday"
    OTHER = "other"


class Channel(StrEnum):
    """How a contact reached the desk."""

    DESK = "desk"
    PHONE = "phone"
    EMAIL = "email"
    REMOTE = "remote"  # a video or chat service


class Referral(StrEnum):
    """Where the desk sent someone on."""

    NONE = "none"
    MIGRI = "migri"
    DVV = "dvv"
    KELA = "kela"
    TAX = "tax"
    EMPLOYMENT = "employment"  # employment services
    HEALTH = "health"  # the wellbeing services county
    MUNICIPALITY = "municipality"  # another municipal service
    ORGANISATION = "organisation"  # an association or NGO
    OTHER = "other"


class Sex(StrEnum):
    """Sex as the person gives it (optional)."""

    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


class LanguageLevel(StrEnum):
    """How well a person uses a language: the Common European Framework's levels, none, or native."""

    NONE = "none"
    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"
    NATIVE = "native"


class Sector(StrEnum):
    """The employer's sector."""

    PUBLIC = "public"
    PRIVATE = "private"
    THIRD = "third"  # associations, foundations, churches


class Recruitment(StrEnum):
    """How the person was recruited."""

    EMPLOYER = "employer"  # directly by the employer
    AGENCY = "agency"  # through a recruitment agency (its name is recorded too)
    PUBLIC = "public"  # public employment services or EURES
    OWN = "own"  # the person applied on their own


class Housing(StrEnum):
    """Where the person lives."""

    TEMPORARY = "temporary"  # a temporary place, e.g. the employer's or a serviced flat
    RENTAL = "rental"  # their own lease
    EMPLOYER = "employer"  # a flat the employer leases to them
    OWNED = "owned"
    OTHER = "other"


class Payer(StrEnum):
    """Who pays for something: the housing, an interpreter."""

    SELF = "self"
    EMPLOYER = "employer"
    MUNICIPALITY = "municipality"
    WELLBEING_COUNTY = "county"  # the wellbeing services county
    OTHER = "other"


class FeeAnswer(StrEnum):
    """What the person answered when asked whether a recruitment fee was charged: a fact, never a verdict."""

    NO_FEE = "no_fee"
    FEE_CHARGED = "fee_charged"
    NO_ANSWER = "no_answer"


class Activity(StrEnum):
    """What a person (above all a spouse) does: work, studies, looking for work, at home."""

    WORKING = "working"
    STUDYING = "studying"
    SEEKING = "seeking"  # looking for work
    AT_HOME = "at_home"  # at home, e.g. with small children
    OTHER = "other"


class NoteReason(StrEnum):
    """Why a note was written: chosen first, so free text is rarely needed."""

    INTERPRETER = "interpreter"  # needs an interpreter next time
    CALL_BACK = "call_back"  # call them back
    DOCUMENTS = "documents"  # documents missing
    WAITING = "waiting"  # waiting for an authority's decision
    OTHER = "other"


class ItemStatus(StrEnum):
    """Where one step of a person's checklist stands."""

    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_NEEDED = "not_needed"  # the worker found it is not needed for this person
    BLOCKED = "blocked"  # waits for an earlier step (set by the rules, never chosen)


# The steps still to be done: they can be late.
OPEN_ITEM_STATUSES = frozenset({ItemStatus.TODO, ItemStatus.IN_PROGRESS, ItemStatus.BLOCKED})
# The steps finished one way or another: a later step waiting for them may go on.
CLOSED_ITEM_STATUSES = frozenset({ItemStatus.DONE, ItemStatus.NOT_NEEDED})


class Origin(StrEnum):
    """Which group a person's citizenship puts them in for the first steps."""

    FINNISH = "finnish"
    NORDIC = "nordic"  # another Nordic country: registered with DVV
    EU = "eu"  # EU/EEA or Switzerland: registers the right of residence
    OTHER = "other"  # a third country: needs a residence permit


class Category(StrEnum):
    """The kind of first step a service is."""

    REGISTRATION = "registration"  # registration and permits
    WORK = "work"
    HEALTH = "health"
    FAMILY = "family"  # family and children
    HOUSING = "housing"
    LANGUAGE = "language"  # language and learning
    MONEY = "money"  # money and taxes
    EVERYDAY = "everyday"  # everyday life


class PartnerType(StrEnum):
    """What kind of organisation a partner is."""

    EDUCATIONAL = "educational"
    EMPLOYMENT = "employment"  # employment services
    MUNICIPAL = "municipal"  # a municipal service
    WELLBEING_COUNTY = "wellbeing_county"
    ASSOCIATION = "association"
    REGIONAL_COUNCIL = "regional_council"
    RECRUITER = "recruiter"
    EMPLOYER = "employer"
    STATE_AGENCY = "state_agency"


# Partners that recruit or employ: they sign the fee-free commitment and name their source countries.
RECRUITING_PARTNERS = frozenset({PartnerType.RECRUITER, PartnerType.EMPLOYER})


class ReferralOutcome(StrEnum):
    """What came of a referral to a partner."""

    PENDING = "pending"  # sent, no answer yet
    STARTED = "started"  # the partner took the person in
    COMPLETED = "completed"
    DECLINED = "declined"  # the person or the partner said no
    NO_RESPONSE = "no_response"


class FollowUpOutcome(StrEnum):
    """How a follow-up contact went."""

    REACHED = "reached"
    NOT_REACHED = "not_reached"
    MOVED_AWAY = "moved_away"


class PathKind(StrEnum):
    """A path into work: the learning path of someone retraining into their profession, or a spouse's career."""

    LEARNING = "learning"
    CAREER = "career"


class PaperKind(StrEnum):
    """What kind of paper the desk gave a person (a record of papers given, never their content)."""

    PACKET = "packet"  # the personalised welcome packet
    SLIP = "slip"  # a short slip: one step, where to go and what to take
    SHEET = "sheet"  # a handover sheet for an official (the assessment, the integration plan)


class ErasureReason(StrEnum):
    """Why a person's data was erased: they asked for it, or the municipality's retention rule came due."""

    REQUEST = "request"
    RETENTION = "retention"
