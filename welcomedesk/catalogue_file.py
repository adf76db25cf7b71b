"""The catalogue's file: read into checked plain values (every reason at once) and written back in the
same shape, so an export read again is the same catalogue.

The catalogue ships as ``resources/content/catalogue.json``; a coordinator edits it in the app and a
region hands the same file to all its municipalities.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from welcomedesk.catalogue import (
    CODE_LENGTH,
    DESCRIPTION_LENGTH,
    DONE_WHEN,
    DUE_FROM,
    NAME_LENGTH,
    Catalogue,
    Choice,
    ContactDef,
    Due,
    PartnerDef,
    PathDef,
    Question,
    Rule,
    ServiceDef,
)
from welcomedesk.codes import Category, Origin, PartnerType, PathKind, PermitType, Relation
from welcomedesk.errors import Problem, ValidationError
from welcomedesk.i18n import _
from welcomedesk.resources import resource_path

FORMAT = "welcomedesk-catalogue"
FORMAT_VERSION = 1
# Nobody is older than this; an age rule beyond it is a typing slip.
_MAX_AGE = 130
_MAX_DAYS = 3660


# -- reading


@dataclass(frozen=True)
class _Fault:
    """One reason: the service it is about, the field of a service's form, where in the file, and why."""

    subject: str
    field: str
    where: str
    message: str


class _Reader:
    """Collects every reason a catalogue is refused, each with where it was found."""

    def __init__(self) -> None:
        self.faults: list[_Fault] = []
        self._field = "catalogue"
        self._subject = ""

    @contextmanager
    def about(self, field: str, subject: str | None = None) -> Iterator[None]:
        """Reasons found meanwhile are about ``field`` (of service ``subject``)."""
        before = self._field, self._subject
        self._field, self._subject = field, self._subject if subject is None else subject
        try:
            yield
        finally:
            self._field, self._subject = before

    def fail(self, where: str, message: str) -> None:
        self.faults.append(_Fault(self._subject, self._field, where, message))

    def problems(self, keyed_for: str | None = None) -> list[Problem]:
        """The reasons as problems: each beside its field for service ``keyed_for`` (a form), else where it
        was found in the file."""
        out = []
        for fault in self.faults:
            if keyed_for is not None and fault.subject == keyed_for and fault.field != "catalogue":
                out.append(Problem(fault.field, fault.message))
            else:
                out.append(Problem("catalogue", _("{where}: {reason}").format(where=fault.where,
                                                                              reason=fault.message)))
        return out

    def text(self, data: Mapping[str, Any], key: str, where: str, limit: int = NAME_LENGTH, *,
             required: bool = False) -> str:
        value = data.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.fail(where, _("{key} must be text.").format(key=key))
            return ""
        value = value.strip()
        if required and not value:
            self.fail(where, _("{key} is missing.").format(key=key))
        if len(value) > limit or any(ord(c) < 32 and c not in "\n\t" for c in value):
            self.fail(where, _("{key} is too long or holds control characters.").format(key=key))
            return ""
        return str(value)

    def texts(self, data: Mapping[str, Any], key: str, where: str, limit: int = NAME_LENGTH, *,
              required: bool = True) -> dict[str, str]:
        value = data.get(key) or {}
        if not isinstance(value, dict):
            self.fail(where, _("{key} must give a text for each language.").format(key=key))
            return {}
        out: dict[str, str] = {}
        for language in value:
            if not isinstance(language, str) or not 2 <= len(language) <= 16:
                self.fail(where, _("{key} has an unknown language.").format(key=key))
                continue
            kept = self.text(value, language, f"{where} {key}", limit)
            if kept:
                out[language] = kept
        if required and not out:
            self.fail(where, _("{key} is missing.").format(key=key))
        return out

    def code(self, data: Mapping[str, Any], where: str) -> str:
        value = data.get("code")
        if not isinstance(value, str) or not value or len(value) > CODE_LENGTH or not all(
                c.isascii() and (c.isalnum() or c in "_-") for c in value):
            self.fail(where, _("a code is letters, digits, - and _ (at most {n}).").format(n=CODE_LENGTH))
            return ""
        return value

    def day(self, data: Mapping[str, Any], key: str, where: str) -> date | None:
        value = data.get(key)
        if value in (None, ""):
            return None
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(where, _("{key} is not a date (YYYY-MM-DD).").format(key=key))
            return None

    def enum_set(self, value: Any, enum: Any, key: str, where: str) -> frozenset[Any] | None:
        if value is None:
            return None
        if not isinstance(value, list) or not value:
            self.fail(where, _("{key} must list at least one value.").format(key=key))
            return None
        out = set()
        for item in value:
            try:
                out.add(enum(item))
            except ValueError:
                self.fail(where, _("{key}: unknown value {value}.").format(key=key, value=str(item)[:40]))
        return frozenset(out)

    def rule(self, data: Any, where: str) -> Rule:
        if data is None:
            return Rule()
        if not isinstance(data, dict):
            self.fail(where, _("the rule must be an object."))
            return Rule()
        unknown = set(data) - {"relations", "year_age", "origins", "permit_types", "has_children",
                               "occupation_groups"}
        if unknown:
            self.fail(where, _("unknown rule {key}.").format(key=sorted(unknown)[0][:40]))
        ages = data.get("year_age")
        year_age: tuple[int | None, int | None] | None = None
        if ages is not None:
            if (not isinstance(ages, list) or len(ages) != 2
                    or not all(a is None or (isinstance(a, int) and not isinstance(a, bool) and 0 <= a <= _MAX_AGE)
                               for a in ages)
                    or (ages[0] is not None and ages[1] is not None and ages[0] > ages[1])):
                with self.about("year_age"):
                    self.fail(where, _("year_age is [from, to] in years (either may be null)."))
            else:
                year_age = (ages[0], ages[1])
        children = data.get("has_children")
        if children is not None and not isinstance(children, bool):
            with self.about("has_children"):
                self.fail(where, _("has_children is true or false."))
            children = None
        groups = data.get("occupation_groups")
        occupation_groups = None
        if groups is not None:
            if not isinstance(groups, list) or not groups or not all(
                    isinstance(g, str) and len(g) == 4 and g.isdigit() for g in groups):
                with self.about("occupation_groups"):
                    self.fail(where, _("occupation_groups lists four-digit ISCO-08 codes."))
            else:
                occupation_groups = frozenset(groups)
        with self.about("relations"):
            relations = self.enum_set(data.get("relations"), Relation, "relations", where)
        with self.about("origins"):
            origins = self.enum_set(data.get("origins"), Origin, "origins", where)
        with self.about("permit_types"):
            permit_types = self.enum_set(data.get("permit_types"), PermitType, "permit_types", where)
        return Rule(relations=relations, year_age=year_age, origins=origins, permit_types=permit_types,
                    has_children=children, occupation_groups=occupation_groups)

    def due(self, data: Any, where: str) -> Due | None:
        if data is None:
            return None
        if not isinstance(data, dict) or data.get("from", "arrival") not in DUE_FROM:
            self.fail(where, _("due is from the arrival or from a year of age."))
            return None
        days = data.get("days", 0)
        if not isinstance(days, int) or isinstance(days, bool) or abs(days) > _MAX_DAYS:
            self.fail(where, _("due days must be a whole number of days (at most ten years)."))
            return None
        if data.get("from", "arrival") == "arrival":
            return Due("arrival", days)
        age, month, day = data.get("age"), data.get("month", 1), data.get("day", 1)
        try:
            if not isinstance(age, int) or not 0 <= age <= _MAX_AGE:
                raise ValueError
            date(2001, month, day)  # a year with no 29 February: a due day must exist every year
        except (TypeError, ValueError):
            self.fail(where, _("a due day by age needs an age, and a month and day that exist every year."))
            return None
        return Due("year_of_age", days, age, month, day)

    def choices(self, data: Any, key: str, where: str) -> tuple[Choice, ...]:
        if not isinstance(data, list) or not data:
            self.fail(where, _("{key} must list at least one.").format(key=key))
            return ()
        out: list[Choice] = []
        for item in data:
            if not isinstance(item, dict):
                self.fail(where, _("{key} must list objects.").format(key=key))
                continue
            code = self.code(item, where)
            out.append(Choice(code, self.texts(item, "text", f"{where} {code}")))
        self._unique([c.code for c in out], where)
        return tuple(out)

    def _unique(self, codes: Sequence[str], where: str) -> None:
        seen: set[str] = set()
        for code in codes:
            if code in seen:
                self.fail(where, _("the code {code} is used twice.").format(code=code))
            seen.add(code)

    def partner(self, data: Any, index: int) -> PartnerDef | None:
        where: str = _("partner {n}").format(n=index + 1)
        if not isinstance(data, dict):
            self.fail(where, _("must be an object."))
            return None
        code = self.code(data, where)
        where = code or where
        try:
            kind = PartnerType(str(data.get("type")))
        except ValueError:
            self.fail(where, _("unknown type of partner."))
            kind = PartnerType.MUNICIPAL
        languages = data.get("languages") or []
        if not isinstance(languages, list) or not all(isinstance(x, str) and 2 <= len(x) <= 8 for x in languages):
            self.fail(where, _("languages lists language codes."))
            languages = []
        safeguard = data.get("who_safeguard_countries")
        if safeguard is not None and not isinstance(safeguard, bool):
            self.fail(where, _("who_safeguard_countries is true, false or null."))
            safeguard = None
        contacts: list[ContactDef] = []
        for item in data.get("contacts") or []:
            if not isinstance(item, dict):
                self.fail(where, _("contacts must list objects."))
                continue
            contacts.append(ContactDef(self.text(item, "name", where, required=True), self.text(item, "title", where),
                                       self.text(item, "phone", where, 40), self.text(item, "email", where)))
        return PartnerDef(code=code, type=kind, name=self.text(data, "name", where, required=True),
                          address=self.text(data, "address", where), phone=self.text(data, "phone", where, 40),
                          email=self.text(data, "email", where), website=self.text(data, "website", where),
                          hours=self.text(data, "hours", where),
                          languages=tuple(languages), fee_free_commitment=self.day(data, "fee_free_commitment", where),
                          who_safeguard_countries=safeguard, contacts=tuple(contacts))

    def service(self, data: Any, index: int) -> ServiceDef | None:
        where: str = _("service {n}").format(n=index + 1)
        if not isinstance(data, dict):
            self.fail(where, _("must be an object."))
            return None
        with self.about("code"):
            code = self.code(data, where)
        where = code or where
        with self.about("category", code):
            try:
                category = Category(str(data.get("category")))
            except ValueError:
                self.fail(where, _("unknown category."))
                category = Category.EVERYDAY
        with self.about("partner", code):
            partner = self._partner_code(data, where)
        with self.about("after", code):
            after = self._after(data, where)
        with self.about("catalogue", code):
            done_when = data.get("done_when")
            if done_when is not None and done_when not in DONE_WHEN:
                self.fail(where, _("done_when is null or identity_code."))
                done_when = None
        with self.about("valid_from", code):
            valid_from = self.day(data, "valid_from", where)
        with self.about("valid_to", code):
            valid_to = self.day(data, "valid_to", where)
            if valid_from and valid_to and valid_to < valid_from:
                self.fail(where, _("valid_to is before valid_from."))
        with self.about("name", code):
            name = self.texts(data, "name", where)
        with self.about("description", code):
            description = self.texts(data, "description", where, DESCRIPTION_LENGTH, required=False)
        with self.about("applies", code):
            applies = self.rule(data.get("applies"), where)
        with self.about("due", code):
            due = self.due(data.get("due"), where)
        return ServiceDef(code=code, category=category, partner=partner, name=name, description=description,
                          applies=applies, due=due, after=after, done_when=done_when,
                          valid_from=valid_from, valid_to=valid_to)

    def _partner_code(self, data: Mapping[str, Any], where: str) -> str | None:
        partner = data.get("partner")
        if partner is not None and not isinstance(partner, str):
            self.fail(where, _("partner is a partner's code or null."))
            return None
        return partner or None

    def _after(self, data: Mapping[str, Any], where: str) -> tuple[str, ...]:
        after = data.get("after") or []
        if not isinstance(after, list) or not all(isinstance(a, str) for a in after):
            self.fail(where, _("after lists the codes of earlier steps."))
            return ()
        return tuple(dict.fromkeys(after))


def read_catalogue(data: Any, keyed_for: str | None = None) -> Catalogue:
    """A catalogue from its parsed JSON; every reason it is refused comes back at once.

    ``keyed_for``: the code of the service a form edits, whose reasons come back by the form's fields.
    """
    reader = _Reader()
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(_("This is not a WelcomeDesk service catalogue."), field="catalogue")
    if data.get("format_version") != FORMAT_VERSION:
        raise ValidationError(_("This catalogue is written in format version {found}; this program reads version "
                                "{wanted}.").format(found=str(data.get("format_version"))[:20], wanted=FORMAT_VERSION),
                              field="catalogue")
    edition = reader.text(data, "edition", _("catalogue"), 40, required=True)
    partners = [p for p in (reader.partner(item, i) for i, item in enumerate(_list(data, "partners", reader))) if p]
    services = [s for s in (reader.service(item, i) for i, item in enumerate(_list(data, "services", reader))) if s]
    reader._unique([p.code for p in partners], _("partners"))
    reader._unique([s.code for s in services], _("services"))
    partner_codes = {p.code for p in partners}
    service_codes = {s.code for s in services}
    for s in services:
        if s.partner and s.partner not in partner_codes:
            with reader.about("partner", s.code):
                reader.fail(s.code, _("no partner has the code {code}.").format(code=s.partner[:40]))
        for earlier in s.after:
            if earlier not in service_codes or earlier == s.code:
                with reader.about("after", s.code):
                    reader.fail(s.code, _("no other step has the code {code}.").format(code=earlier[:40]))
    _check_cycles(services, reader)
    follow_up = data.get("follow_up") or {}
    days = follow_up.get("days", []) if isinstance(follow_up, dict) else None
    if not isinstance(days, list) or not all(isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= _MAX_DAYS
                                             for d in days):
        reader.fail(_("follow-ups"), _("days lists whole numbers of days after the arrival."))
        days = []
    questions: list[Question] = []
    for item in (follow_up.get("questions") or []) if isinstance(follow_up, dict) else []:
        where = _("follow-up question")
        if not isinstance(item, dict):
            reader.fail(where, _("must be an object."))
            continue
        code = reader.code(item, where)
        questions.append(Question(code, reader.texts(item, "text", code or where, DESCRIPTION_LENGTH),
                                  reader.choices(item.get("answers"), "answers", code or where)))
    reader._unique([q.code for q in questions], _("follow-up questions"))
    paths: list[PathDef] = []
    raw_paths = data.get("paths") or {}
    if not isinstance(raw_paths, dict):
        reader.fail(_("paths"), _("must be an object."))
        raw_paths = {}
    for key, item in raw_paths.items():
        try:
            kind = PathKind(key)
        except ValueError:
            reader.fail(_("paths"), _("unknown path {key}.").format(key=str(key)[:40]))
            continue
        if not isinstance(item, dict):
            reader.fail(key, _("must be an object."))
            continue
        paths.append(PathDef(kind, reader.texts(item, "name", key), reader.choices(item.get("stages"), "stages", key)))
    if reader.faults:
        raise ValidationError.of(reader.problems(keyed_for)[:50])
    return Catalogue(edition=edition, services=tuple(services), partners=tuple(partners),
                     follow_up_days=tuple(sorted(set(days))), questions=tuple(questions), paths=tuple(paths))


def _list(data: Mapping[str, Any], key: str, reader: _Reader) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        reader.fail(key, _("must be a list."))
        return []
    return value


def _check_cycles(services: Sequence[ServiceDef], reader: _Reader) -> None:
    """A step waiting, through others, for itself would never be free to do."""
    after = {s.code: s.after for s in services}
    state: dict[str, int] = {}

    def visit(code: str) -> bool:
        if state.get(code) == 1:
            return True
        if state.get(code) == 2 or code not in after:
            return False
        state[code] = 1
        cyclic = any(visit(earlier) for earlier in after[code])
        state[code] = 2
        return cyclic

    for code in after:
        if state.get(code) is None and visit(code):
            with reader.about("after", code):
                reader.fail(code, _("its earlier steps wait for it in turn."))
            return


def parse_catalogue(text: str) -> Catalogue:
    """A catalogue from the text of its file."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ValidationError(_("The catalogue file is not valid JSON."), field="catalogue") from exc
    return read_catalogue(data)


@cache
def shipped_catalogue() -> Catalogue:
    """The catalogue that ships with the program."""
    return parse_catalogue(resource_path("content", "catalogue.json").read_text(encoding="utf-8"))


# -- writing


def rule_json(rule: Rule) -> dict[str, Any]:
    """A rule as the file writes it (only the conditions given)."""
    out: dict[str, Any] = {}
    if rule.relations is not None:
        out["relations"] = [r.value for r in Relation if r in rule.relations]
    if rule.year_age is not None:
        out["year_age"] = list(rule.year_age)
    if rule.origins is not None:
        out["origins"] = [o.value for o in Origin if o in rule.origins]
    if rule.permit_types is not None:
        out["permit_types"] = [p.value for p in PermitType if p in rule.permit_types]
    if rule.has_children is not None:
        out["has_children"] = rule.has_children
    if rule.occupation_groups is not None:
        out["occupation_groups"] = sorted(rule.occupation_groups)
    return out


def due_json(due: Due | None) -> dict[str, Any] | None:
    if due is None:
        return None
    if due.start == "arrival":
        return {"from": "arrival", "days": due.days}
    return {"from": "year_of_age", "age": due.age, "month": due.month, "day": due.day, "days": due.days}


def service_json(s: ServiceDef) -> dict[str, Any]:
    return {"code": s.code, "category": s.category.value, "partner": s.partner, "name": dict(s.name),
            "description": dict(s.description), "applies": rule_json(s.applies), "due": due_json(s.due),
            "after": list(s.after), "done_when": s.done_when,
            "valid_from": s.valid_from.isoformat() if s.valid_from else None,
            "valid_to": s.valid_to.isoformat() if s.valid_to else None}


def partner_json(p: PartnerDef) -> dict[str, Any]:
    return {"code": p.code, "type": p.type.value, "name": p.name, "address": p.address, "phone": p.phone,
            "email": p.email, "website": p.website, "hours": p.hours, "languages": list(p.languages),
            "fee_free_commitment": p.fee_free_commitment.isoformat() if p.fee_free_commitment else None,
            "who_safeguard_countries": p.who_safeguard_countries,
            "contacts": [{"name": c.name, "title": c.title, "phone": c.phone, "email": c.email} for c in p.contacts]}


def _choice_json(c: Choice) -> dict[str, Any]:
    return {"code": c.code, "text": dict(c.text)}


def catalogue_json(catalogue: Catalogue) -> dict[str, Any]:
    """The catalogue as its file holds it: ``read_catalogue`` of this is the same catalogue."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "edition": catalogue.edition,
        "partners": [partner_json(p) for p in catalogue.partners],
        "services": [service_json(s) for s in catalogue.services],
        "follow_up": {"days": list(catalogue.follow_up_days),
                      "questions": [{"code": q.code, "text": dict(q.text),
                                     "answers": [_choice_json(a) for a in q.answers]} for q in catalogue.questions]},
        "paths": {p.kind.value: {"name": dict(p.name), "stages": [_choice_json(s) for s in p.stages]}
                  for p in catalogue.paths},
    }


def catalogue_text(catalogue: Catalogue) -> str:
    """The catalogue's file, as text (UTF-8, readable, stable)."""
    return json.dumps(catalogue_json(catalogue), ensure_ascii=False, indent=2) + "\n"
