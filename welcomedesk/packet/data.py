"""What a paper is made from: plain values the services gather from the database (nothing here reads it).

Texts that exist in several languages (a step's name, a path stage) come as a mapping by language code,
so one set of values makes a packet in any language, or in two.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from welcomedesk.codes import PrivacyRole

# Where the national "Welcome to Finland" guide is online, in its languages (the Ministry of Economic Affairs and
# Employment's integration pages): a packet points to it, it does not reproduce it.
GUIDE_URL = "https://kotoutuminen.fi/en/basic-information-material1"


@dataclass(frozen=True)
class Desk:
    """The service point as the papers show it: who to come back to."""

    name: str
    municipality: str
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    hours: str = ""
    # PNG or JPEG bytes, checked when the profile was saved; None prints no logo.
    logo: bytes | None = None
    # The accent colour of headings and rules, "#RRGGBB".
    colour: str = "#1F5F8B"
    # The privacy profile: who controls the person's data ("" = the desk itself), in which role, and
    # whom to ask about it ("" = no one named: the packet then names only the controller).
    controller: str = ""
    privacy_role: PrivacyRole = PrivacyRole.MUNICIPAL
    privacy_contact: str = ""


@dataclass(frozen=True)
class Helper:
    """A partner organisation that helps with one or more of the person's steps."""

    code: str
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    hours: str = ""
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Step:
    """One first step of a checklist, in due order."""

    code: str
    name: Mapping[str, str]
    description: Mapping[str, str] = field(default_factory=dict)
    # The helper's code (a key of ``Packet.helpers``), "" when the person does it alone.
    helper: str = ""
    due: date | None = None
    done: date | None = None
    # The codes of the steps in the same list it still waits for: it is printed after them.
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Member:
    """Someone else in the household, with their own steps."""

    name: str
    native_name: str
    relation: str  # a Relation value: spouse, child, other
    steps: tuple[Step, ...] = ()


@dataclass(frozen=True)
class Stage:
    """A stage of a path into work; ``reached`` is None for the stages still ahead."""

    name: Mapping[str, str]
    reached: date | None = None


@dataclass(frozen=True)
class Packet:
    """Everything one person's welcome packet prints."""

    person_id: int
    name: str
    native_name: str
    desk: Desk
    worker: str
    made_on: date
    # The catalogue edition and packet texts the paper was made from (recorded with the paper given).
    content_version: str
    steps: tuple[Step, ...] = ()
    helpers: Mapping[str, Helper] = field(default_factory=dict)
    family: tuple[Member, ...] = ()
    path_name: Mapping[str, str] = field(default_factory=dict)
    path: tuple[Stage, ...] = ()
    follow_ups: tuple[date, ...] = ()
    # Printed only when the worker asks for it.
    identity_code: str = ""
    guide_url: str = GUIDE_URL


@dataclass(frozen=True)
class Slip:
    """A referral slip: one step, one partner, only what the person agreed to share."""

    person_id: int
    name: str
    native_name: str
    born: date | None
    languages: tuple[str, ...]
    step: Step
    partner: Helper
    desk: Desk
    worker: str
    made_on: date
    referred_on: date | None
    content_version: str
    # Shared only with the person's consent; empty otherwise.
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Sheet:
    """A handover sheet for the assessment of competence and integration service needs."""

    person_id: int
    name: str
    native_name: str
    born: date | None
    nationality: str
    languages: tuple[str, ...]
    household: tuple[Member, ...]
    arrival: date | None
    permit: str
    permit_expiry: date | None
    employer: str
    occupation: str
    steps_done: tuple[Step, ...]
    steps_open: tuple[Step, ...]
    desk: Desk
    worker: str
    made_on: date
    content_version: str
    identity_code: str = ""
    phone: str = ""
    email: str = ""
