"""Registering a household at the desk, and editing one person: typed text in, validated values stored.

A form hands over what was typed, field by field. Every field is read by its own parser
(``person_fields``), then the fields are checked against each other, and every reason comes
back at once with its field (and, for a household, the member's place in it). A person already
registered is refused by name; the database's unique constraint only catches a race between
two desks, and its refusal names the person too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from welcomedesk.actor import Actor
from welcomedesk.codes import PermitType, PrivacyRole, Recruitment, Relation, Role, Status
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.errors import DuplicateError, Problem, ValidationError
from welcomedesk.i18n import _
from welcomedesk.identity import parse_identity_code
from welcomedesk.model import Household, Person
from welcomedesk.occupations import match_occupation
from welcomedesk.person_fields import EDITABLE, FIELD
from welcomedesk.services.accounts import require_role
from welcomedesk.services.checklists import make_household_checklists
from welcomedesk.services.duplicates import Candidate, refusal, registered_already
from welcomedesk.services.lookup import check_person_id, load_person
from welcomedesk.services.privacy_profile import recorded_role, unrecorded_fields
from welcomedesk.services.status import add_status

# What the household's other members share with the main person unless typed otherwise.
SHARED = ("street_address", "postal_code", "post_office", "municipality_code", "arrival_date", "languages",
          "mother_tongue", "privacy_notice_date", "privacy_notice_language", "privacy_notice_version")
# The privacy notice handed out now: its version is recorded with each person it was given to.
CURRENT_PRIVACY_NOTICE = "2026-1"
# An employer's relocation service hands out its own notice (the packet's employer text).
CURRENT_EMPLOYER_NOTICE = "2026-1-employer"
# Permits without an end date: a permanent one, and the registrations of EU and Nordic citizens.
_NO_EXPIRY = frozenset({PermitType.PERMANENT, PermitType.EU, PermitType.NORDIC})


def notice_version(role: PrivacyRole) -> str:
    """The version of the privacy notice a service point in ``role`` hands out now."""
    return CURRENT_EMPLOYER_NOTICE if role is PrivacyRole.EMPLOYER else CURRENT_PRIVACY_NOTICE


def read_person(texts: Mapping[str, str], today: date, member: int | None = None,
                unrecorded: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The values typed ``texts`` stand for, field by field, checked against each other.

    A field not in ``texts`` is left out. A field in ``unrecorded`` (the privacy profile does not
    record it) may only be emptied. Every reason found is raised at once, each with its field, and
    with ``member`` (a household member's place) as its row.
    """
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, text in texts.items():
        if name not in FIELD:
            raise ValueError(f"no field {name}")  # a form's bug, not the worker's
        if name in unrecorded and text.strip():
            problems.append(Problem(name, _("This is not recorded under the service point's privacy profile."),
                                    member))
            continue
        try:
            values[name] = FIELD[name].parse(text)
        except ValidationError as exc:
            problems += [Problem(p.field or name, p.message, member) for p in exc.problems]
    problems += [Problem(field, message, member) for field, message in _consistency(values, today)]
    if problems:
        raise ValidationError.of(problems)
    return values


def _consistency(values: dict[str, Any], today: date) -> list[tuple[str, str]]:
    """(field, reason) for each field that does not fit the others; fills what follows from them."""
    problems: list[tuple[str, str]] = []
    code = values.get("personal_identity_code")
    born = values.get("date_of_birth")
    if code:
        from_code = parse_identity_code(code).birth_date
        if born is None and "date_of_birth" in values:
            values["date_of_birth"] = born = from_code
        elif born is not None and born != from_code:
            problems.append(("personal_identity_code",
                             _("The birth date in the identity code is not the date of birth.")))
    if isinstance(born, date) and born > today:
        problems.append(("date_of_birth", _("A date of birth cannot be in the future.")))
    arrival = values.get("arrival_date")
    if isinstance(born, date) and isinstance(arrival, date) and arrival < born:
        problems.append(("arrival_date", _("The arrival cannot be before the date of birth.")))
    if values.get("permit_type") in _NO_EXPIRY and values.get("permit_expiry"):
        problems.append(("permit_expiry", _("This kind of right of residence has no end date.")))
    notice = values.get("privacy_notice_date")
    if isinstance(notice, date) and notice > today:
        problems.append(("privacy_notice_date", _("The privacy notice cannot be given in the future.")))
    if values.get("recruitment") is Recruitment.AGENCY and "recruiter" in values and not values["recruiter"]:
        problems.append(("recruiter", _("Give the name of the recruitment agency.")))
    if "recruiter" in values and values.get("recruitment") not in (Recruitment.AGENCY, None) and values["recruiter"]:
        problems.append(("recruiter", _("Only a recruitment through an agency has an agency's name.")))
    if values.get("concern_referred_to") and "concern_raised" in values and not values["concern_raised"]:
        problems.append(("concern_raised", _("Give the day the concern was raised.")))
    if "occupation_group" in values and not values["occupation_group"] and values.get("occupation"):
        values["occupation_group"] = match_occupation(values["occupation"]) or ""
    return problems


def read_household(members: Sequence[Mapping[str, str]], today: date,
                   unrecorded: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """Every member's values (the main person first), with what they share filled from the main person;
    fields in ``unrecorded`` may not be given."""
    if not members:
        raise ValidationError(_("A household needs at least its main person."))
    problems: list[Problem] = []
    read: list[dict[str, Any]] = []
    for index, texts in enumerate(members):
        texts = dict(texts)
        if index:
            for name in SHARED:
                if not texts.get(name, "").strip():
                    texts[name] = members[0].get(name, "")
        texts["relation"] = Relation.MAIN.value if index == 0 else texts.get("relation") or Relation.OTHER.value
        try:
            read.append(read_person(texts, today, index, unrecorded))
        except ValidationError as exc:
            problems += exc.problems
            read.append({})
    codes: dict[str, int] = {}
    for index, values in enumerate(read):
        code = values.get("personal_identity_code")
        if code and code in codes:
            problems.append(Problem("personal_identity_code",
                                    _("The same identity code is given to two members of the household."), index))
        elif code:
            codes[code] = index
    if problems:
        raise ValidationError.of(problems)
    return read


def register_household(db: Database, actor: Actor, members: Sequence[Mapping[str, str]],
                       today: date | None = None) -> list[int]:
    """Register a household: the main person first, then the others; returns their numbers.

    A member who is registered already is refused by name, and nothing is saved. A field the
    privacy profile does not record is refused if given.
    """
    require_role(actor, Role.DESK)
    today = today or date.today()
    read: list[dict[str, Any]] = []
    try:
        with unit_of_work(db, actor) as session:
            # The profile's role is read in the same transaction as the save: one setting.
            read = read_household(members, today, unrecorded_fields(recorded_role(session)))
            found = registered_already(session, [Candidate.of(values) for values in read])
            ids = [] if found else _insert(session, read, today, actor)
    except DuplicateError as exc:  # the database's own: another desk saved the same code a moment ago
        raise _named(db, actor, [Candidate.of(values) for values in read], exc) from exc
    if found:
        raise refusal(found[0])
    return ids


def _insert(session: Session, read: list[dict[str, Any]], today: date, actor: Actor) -> list[int]:
    """One household of the people read, each starting their status history: arrived, or expected."""
    household = Household(name=read[0]["family_name"])
    session.add(household)
    people = []
    for values in read:
        values = dict(values)
        languages = values.pop("languages", ())
        tags = values.pop("tags", ())
        person = Person(household=household, **values)
        person.set_languages(languages)
        person.set_tags(tags)
        arrival = values.get("arrival_date")
        if isinstance(arrival, date) and arrival <= today:
            add_status(person, Status.ARRIVED, arrival, actor.account_id)
        else:
            add_status(person, Status.EXPECTED, today, actor.account_id)
        session.add(person)
        people.append(person)
    session.flush()
    make_household_checklists(session, household.id, today, actor)
    return [person.id for person in people]


def _named(db: Database, actor: Actor, candidates: list[Candidate], error: DuplicateError) -> DuplicateError:
    """A unique constraint's refusal (another desk was faster) as a refusal naming the person there."""
    if error.field != "personal_identity_code":
        return error
    with unit_of_work(db, actor) as session:
        found = [m for m in registered_already(session, candidates) if m.by_code]
    return refusal(found[0]) if found else error


def update_person(db: Database, actor: Actor, person_id: int, version: int, texts: Mapping[str, str],
                  today: date | None = None) -> int:
    """Save the typed fields of one person over the version the worker loaded; returns the new version.

    A save over another desk's change is a ConflictError: the worker then sees both versions. A field
    the privacy profile does not record may only be emptied.
    """
    require_role(actor, Role.DESK)
    check_person_id(person_id)
    unknown = set(texts) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    values: dict[str, Any] = {}
    try:
        with unit_of_work(db, actor) as session:
            values = read_person(texts, today or date.today(), unrecorded=unrecorded_fields(recorded_role(session)))
            person = load_person(session, person_id, version)
            code = values.get("personal_identity_code")
            taken = []
            if code and code != person.personal_identity_code:
                taken = registered_already(session, [Candidate(personal_identity_code=code)])
            if not taken:
                for name, value in values.items():
                    if name == "languages":
                        person.set_languages(value)
                    elif name == "tags":
                        person.set_tags(value)
                    elif getattr(person, name) != value:
                        setattr(person, name, value)
                session.flush()
                make_household_checklists(session, person.household_id, today or date.today(), actor)
            saved_version = person.version
    except DuplicateError as exc:  # the database's own: another desk gave the code a moment ago
        raise _named(db, actor, [Candidate(personal_identity_code=values.get("personal_identity_code"))],
                     exc) from exc
    if taken:
        raise refusal(taken[0])
    return saved_version
