"""SQLAlchemy 2.0 typed models, one module per aggregate."""

from welcomedesk.model.audit import AuditEntry, AuditHead
from welcomedesk.model.base import Base
from welcomedesk.model.catalogue import Partner, PartnerContact, Service, Setting
from welcomedesk.model.checklist import ChecklistItem, FollowUp, PathStage
from welcomedesk.model.contact import WalkInContact
from welcomedesk.model.erasure import Erasure
from welcomedesk.model.household import Household
from welcomedesk.model.paper import PaperGiven
from welcomedesk.model.person import (
    Person,
    PersonActivity,
    PersonLanguage,
    PersonNameKey,
    PersonNote,
    PersonStatus,
    PersonTag,
    PersonVisit,
)
from welcomedesk.model.service_point import ServicePoint, ServicePointMunicipality
from welcomedesk.model.staff import StaffAccount, StaffRole

__all__ = [
    "AuditEntry",
    "AuditHead",
    "Base",
    "ChecklistItem",
    "Erasure",
    "FollowUp",
    "Household",
    "PaperGiven",
    "Partner",
    "PartnerContact",
    "PathStage",
    "Person",
    "PersonActivity",
    "PersonLanguage",
    "PersonNameKey",
    "PersonNote",
    "PersonStatus",
    "PersonTag",
    "PersonVisit",
    "Service",
    "ServicePoint",
    "ServicePointMunicipality",
    "Setting",
    "StaffAccount",
    "StaffRole",
    "WalkInContact",
]
