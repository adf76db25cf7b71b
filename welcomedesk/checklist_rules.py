"""Who needs which first step, by when: the catalogue's rules read against one person's facts.

Pure functions over plain values, so the rules are tested without a database and the bulk loader,
the wizard and a re-evaluation all plan the same checklist.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from welcomedesk.catalogue import Due, Rule, ServiceDef
from welcomedesk.codes import Origin, PermitType, Relation

# Citizenships that count as Nordic (Finland apart): Sweden, Norway, Denmark with the Faroes and
# Greenland, Iceland.
NORDIC = frozenset({"SE", "NO", "DK", "FO", "GL", "IS"})
# EU and EEA member states and Switzerland, whose citizens register their right of residence.
EU_EEA = frozenset({"AT", "BE", "BG", "HR", "CY", "CZ", "EE", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
                    "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "LI", "CH"})
# Adults are this old in the calendar year at least, when a rule needs an age no date of birth gives.
_ADULT_YEAR_AGE = 18


@dataclass(frozen=True)
class Facts:
    """What the rules read of a person."""

    relation: Relation
    date_of_birth: date | None = None
    nationality: str = ""
    permit_type: PermitType | None = None
    occupation_group: str = ""
    has_children: bool = False
    arrival_date: date | None = None
    has_identity_code: bool = False


def origin_of(facts: Facts) -> Origin | None:
    """The person's group for permits: from the permit recorded, else from the nationality (None: unknown)."""
    if facts.permit_type is PermitType.NORDIC:
        return Origin.NORDIC
    if facts.permit_type is PermitType.EU:
        return Origin.EU
    if facts.permit_type is not None:
        return Origin.OTHER
    country = facts.nationality.upper()
    if not country:
        return None
    if country in ("FI", "AX"):
        return Origin.FINNISH
    if country in NORDIC:
        return Origin.NORDIC
    if country in EU_EEA:
        return Origin.EU
    return Origin.OTHER


def year_age(facts: Facts, on: date) -> int | None:
    """The age the person reaches during the year of ``on`` (None: no date of birth)."""
    return None if facts.date_of_birth is None else on.year - facts.date_of_birth.year


def rule_holds(rule: Rule, facts: Facts, on: date) -> bool:
    """Whether every condition of ``rule`` holds for the person on ``on``.

    An unknown fact does not hold for a condition about it, except that a main person or spouse
    with no date of birth counts as an adult: a rule for children never reaches them.
    """
    if rule.relations is not None and facts.relation not in rule.relations:
        return False
    if rule.year_age is not None:
        age = year_age(facts, on)
        if age is None and facts.relation in (Relation.MAIN, Relation.SPOUSE):
            age = _ADULT_YEAR_AGE
        low, high = rule.year_age
        if age is None or (low is not None and age < low) or (high is not None and age > high):
            return False
    if rule.origins is not None and origin_of(facts) not in rule.origins:
        return False
    if rule.permit_types is not None and facts.permit_type not in rule.permit_types:
        return False
    if rule.has_children is not None and facts.has_children is not rule.has_children:
        return False
    return rule.occupation_groups is None or facts.occupation_group in rule.occupation_groups


def due_date(due: Due | None, facts: Facts) -> date | None:
    """When the step is due for the person (None: no due date, or no arrival date to count from)."""
    if due is None or facts.arrival_date is None:
        return None
    from_arrival = facts.arrival_date + timedelta(days=due.days)
    if due.start == "arrival" or facts.date_of_birth is None or due.age is None:
        return from_arrival
    year = facts.date_of_birth.year + due.age
    return max(date(year, due.month, due.day), from_arrival)


def applies(service: ServiceDef, facts: Facts, on: date) -> bool:
    """Whether the step is the person's on ``on``: in force then, and its rule holds."""
    return service.valid_on(on) and rule_holds(service.applies, facts, on)


def plan(services: Iterable[ServiceDef], facts: Facts, on: date) -> dict[str, date | None]:
    """The person's steps on ``on``: each applying service's code with its due date."""
    return {s.code: due_date(s.due, facts) for s in services if applies(s, facts, on)}


def fresh_since(services: Iterable[ServiceDef], on: date) -> date:
    """The earliest day a checklist may have been made and still be right on ``on``.

    Ages count by calendar year, so a checklist made in an earlier year is old; so is one made
    before a service came into force or went out of it.
    """
    changes = [d for s in services for d in (s.valid_from, s.valid_to and s.valid_to + timedelta(days=1))
               if d is not None and d <= on]
    return max([date(on.year, 1, 1), *changes])


# -- the protection period after a job ends (since 11.6.2025)

PROTECTION_MONTHS = (3, 6)
# Six months for those who have lived in Finland on a work-based permit for over two years.
_LONG_STAY_DAYS = 2 * 365


def protection_months(arrival: date | None, job_ended: date) -> int:
    """The protection period's usual length: six months after two years in Finland, else three.

    (Specialists and managers also have six; the worker chooses that on the form.)
    """
    return 6 if arrival is not None and (job_ended - arrival).days > _LONG_STAY_DAYS else 3


def add_months(day: date, months: int) -> date:
    """``day`` so many months later (the month's last day where the month is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")
