"""How the catalogue's rules, due days and validity read in a given language: for the catalogue page and
anything else that says whom a step is for."""

from __future__ import annotations

from welcomedesk.catalogue import Due, Rule, ServiceDef
from welcomedesk.codes import Origin, PermitType, Relation
from welcomedesk.i18n import N_, Translator
from welcomedesk.occupations import occupation_groups
from welcomedesk.presentation.labels import PERMIT_LABELS, RELATION_LABELS, date_text

# How a rule names the citizenship groups: as words in a sentence, not as the labels of a choice.
ORIGIN_WORDS: dict[Origin, str] = {
    Origin.FINNISH: N_("Finnish citizens"),
    Origin.NORDIC: N_("Nordic citizens"),
    Origin.EU: N_("EU/EEA or Swiss citizens"),
    Origin.OTHER: N_("outside the EU/EEA"),
}
_EVERYONE = N_("everyone")


def _lower_first(text: str) -> str:
    """"Spouse" -> "spouse" inside a sentence; an acronym ("EU ...") stays as it is."""
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def occupation_words(codes: frozenset[str], words: Translator) -> str:
    """Occupation groups by name ("sairaanhoitajat, kätilöt"); a group the program does not know by its code."""
    groups = occupation_groups()
    return ", ".join(_lower_first(groups[code].name(words.language)) if code in groups else code
                     for code in sorted(codes))


def rule_words(rule: Rule, words: Translator) -> str:
    """Whom a service applies to, in words: "spouse · age 17– · outside the EU/EEA · nurses"."""
    parts: list[str] = []
    if rule.relations is not None:
        parts.append(", ".join(_lower_first(words(RELATION_LABELS[r])) for r in Relation if r in rule.relations))
    if rule.year_age is not None:
        low, high = rule.year_age
        if low is not None and low == high:
            parts.append(words(N_("age {age}")).format(age=low))
        else:
            parts.append(words(N_("age {low}–{high}")).format(low="" if low is None else low,
                                                               high="" if high is None else high))
    if rule.origins is not None:
        parts.append(", ".join(words(ORIGIN_WORDS[o]) for o in Origin if o in rule.origins))
    if rule.permit_types is not None:
        parts.append(", ".join(words(PERMIT_LABELS[p]) for p in PermitType if p in rule.permit_types))
    if rule.has_children is not None:
        parts.append(words(N_("with children")) if rule.has_children else words(N_("without children")))
    if rule.occupation_groups is not None:
        parts.append(occupation_words(rule.occupation_groups, words))
    return " · ".join(parts) or words(_EVERYONE)


def days_from_arrival(days: int, words: Translator) -> str:
    """"14 days after arrival", "120 days before arrival", "on arrival"."""
    if days > 0:
        return words.ngettext("{n} day after arrival", "{n} days after arrival", days).format(n=days)
    if days < 0:
        return words.ngettext("{n} day before arrival", "{n} days before arrival", -days).format(n=-days)
    return words(N_("on arrival"))


def due_words(due: Due | None, words: Translator) -> str:
    """When a step is due, in words ("" when it has no due date)."""
    if due is None:
        return ""
    if due.start == "arrival":
        return days_from_arrival(due.days, words)
    day = words(N_("{day}.{month}. of the year they turn {age}")).format(day=due.day, month=due.month, age=due.age)
    if due.days == 0:
        return day
    # The due day is the later of the two: a child arriving in March is not late for January.
    return words(N_("{day}, at the earliest {arrival}")).format(day=day, arrival=days_from_arrival(due.days, words))


def validity_words(service: ServiceDef, words: Translator) -> str:
    """The days a service is in force ("" when always)."""
    start, end = service.valid_from, service.valid_to
    if start and end:
        return f"{date_text(start, words)}–{date_text(end, words)}"
    if start:
        return words(N_("from {day}")).format(day=date_text(start, words))
    if end:
        return words(N_("until {day}")).format(day=date_text(end, words))
    return ""
