"""Words for stored values — codes, countries, languages, dates, field names — in a given language."""

from __future__ import annotations

from datetime import date
from typing import Any

from welcomedesk.codes import (
    Activity,
    Category,
    Channel,
    ContactTopic,
    FeeAnswer,
    FollowUpOutcome,
    Housing,
    ItemStatus,
    LanguageLevel,
    NoteReason,
    Origin,
    PaperKind,
    PartnerType,
    PathKind,
    Payer,
    PermitType,
    Recruitment,
    Referral,
    ReferralOutcome,
    Relation,
    Sector,
    Sex,
    Status,
)
from welcomedesk.i18n import N_, Translator
from welcomedesk.identity import format_date
from welcomedesk.occupations import occupation_groups
from welcomedesk.person_fields import FIELD
from welcomedesk.unreadable import Unreadable

STATUS_LABELS: dict[Status, str] = {
    Status.EXPECTED: N_("Expected"),
    Status.ARRIVED: N_("Arrived"),
    Status.SETTLED: N_("Settled"),
    Status.MOVED_REGION: N_("Moved within the region"),
    Status.MOVED: N_("Moved elsewhere in Finland"),
    Status.LEFT: N_("Left Finland"),
    Status.LOST: N_("Lost to follow-up"),
}
RELATION_LABELS: dict[Relation, str] = {
    Relation.MAIN: N_("Main person"),
    Relation.SPOUSE: N_("Spouse"),
    Relation.CHILD: N_("Child"),
    Relation.OTHER: N_("Other"),
}
PERMIT_LABELS: dict[PermitType, str] = {
    PermitType.CONTINUOUS: N_("Continuous residence permit (A)"),
    PermitType.TEMPORARY: N_("Temporary residence permit (B)"),
    PermitType.PERMANENT: N_("Permanent residence permit (P)"),
    PermitType.EU: N_("EU registration"),
    PermitType.NORDIC: N_("Nordic citizen"),
}
SEX_LABELS: dict[Sex, str] = {Sex.FEMALE: N_("Female"), Sex.MALE: N_("Male"), Sex.OTHER: N_("Other or not told")}
LEVEL_LABELS: dict[LanguageLevel, str] = {
    LanguageLevel.NONE: N_("None"),
    LanguageLevel.A1: N_("A1 beginner"),
    LanguageLevel.A2: N_("A2 basic"),
    LanguageLevel.B1: N_("B1 intermediate"),
    LanguageLevel.B2: N_("B2 upper intermediate"),
    LanguageLevel.C1: N_("C1 advanced"),
    LanguageLevel.C2: N_("C2 proficient"),
    LanguageLevel.NATIVE: N_("Native"),
}
SECTOR_LABELS: dict[Sector, str] = {
    Sector.PUBLIC: N_("Public sector"),
    Sector.PRIVATE: N_("Private sector"),
    Sector.THIRD: N_("Third sector (associations, foundations)"),
}
RECRUITMENT_LABELS: dict[Recruitment, str] = {
    Recruitment.EMPLOYER: N_("Directly by the employer"),
    Recruitment.AGENCY: N_("Through a recruitment agency"),
    Recruitment.PUBLIC: N_("Public employment services or EURES"),
    Recruitment.OWN: N_("Applied on their own"),
}
HOUSING_LABELS: dict[Housing, str] = {
    Housing.TEMPORARY: N_("Temporary housing"),
    Housing.RENTAL: N_("Own lease"),
    Housing.EMPLOYER: N_("Leased from the employer"),
    Housing.OWNED: N_("Owner-occupied"),
    Housing.OTHER: N_("Other housing"),
}
PAYER_LABELS: dict[Payer, str] = {
    Payer.SELF: N_("The person themselves"),
    Payer.EMPLOYER: N_("The employer"),
    Payer.MUNICIPALITY: N_("The municipality"),
    Payer.WELLBEING_COUNTY: N_("The wellbeing services county"),
    Payer.OTHER: N_("Someone else"),
}
FEE_LABELS: dict[FeeAnswer, str] = {
    FeeAnswer.NO_FEE: N_("Asked: no fee was charged"),
    FeeAnswer.FEE_CHARGED: N_("Asked: a fee was charged"),
    FeeAnswer.NO_ANSWER: N_("Asked: did not want to answer"),
}
ACTIVITY_LABELS: dict[Activity, str] = {
    Activity.WORKING: N_("Working"),
    Activity.STUDYING: N_("Studying"),
    Activity.SEEKING: N_("Looking for work"),
    Activity.AT_HOME: N_("At home"),
    Activity.OTHER: N_("Something else"),
}
NOTE_REASON_LABELS: dict[NoteReason, str] = {
    NoteReason.INTERPRETER: N_("Needs an interpreter"),
    NoteReason.CALL_BACK: N_("Call back"),
    NoteReason.DOCUMENTS: N_("Documents missing"),
    NoteReason.WAITING: N_("Waiting for an authority's decision"),
    NoteReason.OTHER: N_("Other reason"),
}
ITEM_STATUS_LABELS: dict[ItemStatus, str] = {
    ItemStatus.TODO: N_("To do"),
    ItemStatus.IN_PROGRESS: N_("In progress"),
    ItemStatus.DONE: N_("Done"),
    ItemStatus.NOT_NEEDED: N_("Not needed"),
    ItemStatus.BLOCKED: N_("Waits for an earlier step"),
}
CATEGORY_LABELS: dict[Category, str] = {
    Category.REGISTRATION: N_("Registration and permits"),
    Category.WORK: N_("Work"),
    Category.HEALTH: N_("Health"),
    Category.FAMILY: N_("Family and children"),
    Category.HOUSING: N_("Housing"),
    Category.LANGUAGE: N_("Language and learning"),
    Category.MONEY: N_("Money and taxes"),
    Category.EVERYDAY: N_("Everyday life"),
}
PARTNER_TYPE_LABELS: dict[PartnerType, str] = {
    PartnerType.EDUCATIONAL: N_("Educational institution"),
    PartnerType.EMPLOYMENT: N_("Employment services"),
    PartnerType.MUNICIPAL: N_("Municipal service"),
    PartnerType.WELLBEING_COUNTY: N_("Wellbeing services county"),
    PartnerType.ASSOCIATION: N_("Association"),
    PartnerType.REGIONAL_COUNCIL: N_("Regional council"),
    PartnerType.RECRUITER: N_("Recruiter"),
    PartnerType.EMPLOYER: N_("Employer"),
    PartnerType.STATE_AGENCY: N_("State agency"),
}
REFERRAL_OUTCOME_LABELS: dict[ReferralOutcome, str] = {
    ReferralOutcome.PENDING: N_("Sent, no answer yet"),
    ReferralOutcome.STARTED: N_("Taken in"),
    ReferralOutcome.COMPLETED: N_("Completed"),
    ReferralOutcome.DECLINED: N_("Declined"),
    ReferralOutcome.NO_RESPONSE: N_("No response"),
}
FOLLOW_UP_OUTCOME_LABELS: dict[FollowUpOutcome, str] = {
    FollowUpOutcome.REACHED: N_("Reached"),
    FollowUpOutcome.NOT_REACHED: N_("Not reached"),
    FollowUpOutcome.MOVED_AWAY: N_("Moved away"),
}
ORIGIN_LABELS: dict[Origin, str] = {
    Origin.FINNISH: N_("Finnish citizen"),
    Origin.NORDIC: N_("Nordic citizen"),
    Origin.EU: N_("EU/EEA or Swiss citizen"),
    Origin.OTHER: N_("Other citizenship"),
}
PATH_LABELS: dict[PathKind, str] = {
    PathKind.LEARNING: N_("Learning path"),
    PathKind.CAREER: N_("Career path"),
}
PAPER_LABELS: dict[PaperKind, str] = {
    PaperKind.PACKET: N_("Welcome packet"),
    PaperKind.SLIP: N_("Referral slip"),
    PaperKind.SHEET: N_("Handover sheet"),
}
# The label maps of coded fields, by the enum each field holds.
CODE_LABELS: dict[type, dict[Any, str]] = {
    Status: STATUS_LABELS, Relation: RELATION_LABELS, PermitType: PERMIT_LABELS, Sex: SEX_LABELS,
    LanguageLevel: LEVEL_LABELS, Sector: SECTOR_LABELS, Recruitment: RECRUITMENT_LABELS, Housing: HOUSING_LABELS,
    Payer: PAYER_LABELS, FeeAnswer: FEE_LABELS, Activity: ACTIVITY_LABELS, NoteReason: NOTE_REASON_LABELS,
    ItemStatus: ITEM_STATUS_LABELS, Category: CATEGORY_LABELS, PartnerType: PARTNER_TYPE_LABELS,
    ReferralOutcome: REFERRAL_OUTCOME_LABELS, FollowUpOutcome: FOLLOW_UP_OUTCOME_LABELS, Origin: ORIGIN_LABELS,
    PathKind: PATH_LABELS, PaperKind: PAPER_LABELS,
}
TOPIC_LABELS: dict[ContactTopic, str] = {
    ContactTopic.PERMIT: N_("Residence permit or registration of the right of residence"),
    ContactTopic.REGISTRATION: N_("Registration and personal identity code"),
    ContactTopic.KELA: N_("Kela"),
    ContactTopic.TAX: N_("Tax card and taxes"),
    ContactTopic.BANK: N_("Bank account and e-identification"),
    ContactTopic.HEALTH: N_("Health care"),
    ContactTopic.FAMILY: N_("Daycare and school"),
    ContactTopic.LANGUAGE: N_("Language courses"),
    ContactTopic.WORK: N_("Work and employment services"),
    ContactTopic.HOUSING: N_("Housing"),
    ContactTopic.EVERYDAY: N_("Everyday life"),
    ContactTopic.OTHER: N_("Something else"),
}
CHANNEL_LABELS: dict[Channel, str] = {
    Channel.DESK: N_("At the desk"),
    Channel.PHONE: N_("By phone"),
    Channel.EMAIL: N_("By e-mail"),
    Channel.REMOTE: N_("Video or chat"),
}
REFERRAL_LABELS: dict[Referral, str] = {
    Referral.NONE: N_("Not referred"),
    Referral.MIGRI: N_("Finnish Immigration Service (Migri)"),
    Referral.DVV: N_("Digital and Population Data Services Agency (DVV)"),
    Referral.KELA: N_("Kela"),
    Referral.TAX: N_("Tax Administration"),
    Referral.EMPLOYMENT: N_("Employment services"),
    Referral.HEALTH: N_("Wellbeing services county"),
    Referral.MUNICIPALITY: N_("Another municipal service"),
    Referral.ORGANISATION: N_("An association or organisation"),
    Referral.OTHER: N_("Somewhere else"),
}
# Languages offered first when a contact's language is chosen: Finland's and its newcomers' most common.
COMMON_LANGUAGES = ("fi", "sv", "en", "uk", "ru", "ar", "vi", "fa", "so", "tl", "th", "ne", "hi", "ml", "et",
                    "es", "fr", "zh", "tr", "ku", "ti", "pt", "de", "my", "ps", "sq", "bn", "ur")
UNREADABLE = N_("(unreadable)")
# The program's languages write dates as a Finnish office does (D.M.YYYY); any other language (a packet's)
# writes them its own way, in Babel's medium format.
FINNISH_DATES = frozenset({"fi", "sv", "en"})


def _coded(labels: dict[Any, str], code: object, words: Translator) -> str:
    if isinstance(code, Unreadable):
        return words(UNREADABLE)
    label = labels.get(code) if code is not None else None
    return words(label) if label else str(code or "")


def status_label(code: Status | Unreadable | str, words: Translator) -> str:
    """A status in words."""
    return _coded(STATUS_LABELS, code, words)


def relation_label(code: Relation | Unreadable | str, words: Translator) -> str:
    """A household relation in words."""
    return _coded(RELATION_LABELS, code, words)


def permit_label(code: PermitType | Unreadable | str | None, words: Translator) -> str:
    """A permit type in words ("" when none is recorded)."""
    return _coded(PERMIT_LABELS, code, words)


def code_label(enum: type, code: object, words: Translator) -> str:
    """A coded value of ``enum`` in words ("" when there is none)."""
    return _coded(CODE_LABELS[enum], code, words)


def occupation_group_name(code: str, words: Translator) -> str:
    """An occupation group as "code name" in the language of ``words`` ("" when there is none)."""
    group = occupation_groups().get(code)
    return f"{code} {group.name(words.language)}" if group else code


def country_name(code: str, words: Translator) -> str:
    """An ISO 3166-1 country code as the country's name."""
    if not code:
        return ""
    return str(words.locale.territories.get(code.upper(), code))


def language_name(code: str, words: Translator) -> str:
    """An ISO 639 language code as the language's name."""
    if not code:
        return ""
    return str(words.locale.languages.get(code.lower(), code))


def language_choices(words: Translator) -> list[tuple[str, str]]:
    """(code, name) of every language with a two-letter code: the common ones first, then the rest by name."""
    common = [(code, language_name(code, words)) for code in COMMON_LANGUAGES]
    others = sorted(((str(c), language_name(str(c), words)) for c in words.locale.languages
                     if len(str(c)) == 2 and str(c) not in COMMON_LANGUAGES), key=lambda item: item[1].casefold())
    return common + others


def country_choices(words: Translator) -> list[tuple[str, str]]:
    """(code, name) of every country, by name."""
    codes = [str(c) for c in words.locale.territories if len(str(c)) == 2 and str(c).isalpha() and c != "ZZ"]
    return sorted(((c, country_name(c, words)) for c in codes), key=lambda item: item[1].casefold())


def municipality_choices(names: dict[str, str]) -> list[tuple[str, str]]:
    """(code, "Name (code)") of each municipality, by name."""
    return sorted(((code, f"{name} ({code})") for code, name in names.items()), key=lambda item: item[1].casefold())


def field_label(name: str, words: Translator) -> str:
    """A person's field by its label."""
    return words(FIELD[name].label) if name in FIELD else name


def date_text(value: date | Unreadable | None, words: Translator) -> str:
    """A stored date as the language writes it; "" when there is none, a word when it cannot be read."""
    if isinstance(value, Unreadable):
        return words(UNREADABLE)
    if value is None:
        return ""
    if words.language in FINNISH_DATES:
        return format_date(value)  # no locale needed: this is the hot path of every list
    from babel.dates import format_date as babel_date

    return str(babel_date(value, "medium", locale=words.locale))
