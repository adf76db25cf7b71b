"""How one newcomer reads, section by section, in a given language: the person page and ``show``.

The sections and their fields come from ``person_fields``; each kind of value has one way of
being written out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from welcomedesk.codes import Activity, NoteReason, PaperKind
from welcomedesk.i18n import N_, Translator
from welcomedesk.person_fields import ADDRESS_PARTS, FIELD, SECTIONS, Kind, PersonField, Section
from welcomedesk.presentation.labels import (
    CHANNEL_LABELS,
    PAYER_LABELS,
    code_label,
    country_name,
    date_text,
    language_name,
    occupation_group_name,
    status_label,
)
from welcomedesk.services.newcomers import PersonDetail
from welcomedesk.services.papers import GivenEntry, paper_languages
from welcomedesk.unreadable import Unreadable

SECTION_TITLES = {
    Section.PERSONAL: N_("Personal details"),
    Section.CONTACT: N_("Contact and languages"),
    Section.ARRIVAL: N_("Arrival and work"),
    Section.PRIVACY: N_("Privacy notice"),
    Section.SETTLING: N_("Housing and recruitment"),
}
# Shown in the page's heading rather than in a section.
HEADING = frozenset({"given_names", "family_name", "native_name"})


def _address(detail: PersonDetail, _words: Translator) -> str:
    street, postal_code, post_office = (str(detail.value(name) or "") for name in ADDRESS_PARTS)
    return ", ".join(part for part in (street, f"{postal_code} {post_office}".strip()) if part)


def _municipality(detail: PersonDetail, _words: Translator) -> str:
    return detail.municipality_name or detail.row.municipality_code


_SPECIAL: dict[str, Callable[[PersonDetail, Translator], str]] = {
    "street_address": _address,
    "municipality_code": _municipality,
}


def value_text(field: PersonField, value: Any, words: Translator) -> str:
    """One stored value of ``field`` as text ("" when there is none)."""
    if field.kind is Kind.DATE or isinstance(value, Unreadable):
        return date_text(value, words)
    if value is None:
        return ""
    if field.kind is Kind.COUNTRY:
        return country_name(value, words)
    if field.kind is Kind.LANGUAGES:
        return ", ".join(language_name(code, words) for code in value)
    if field.kind is Kind.TAGS:
        return ", ".join(value)
    if field.kind is Kind.LANGUAGE:
        return language_name(value, words)
    if field.kind is Kind.OCCUPATION_GROUP:
        return occupation_group_name(value, words)
    if field.codes is not None:
        return code_label(field.codes, value, words)
    return str(value)


def person_sections(detail: PersonDetail, words: Translator) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section title, [(label, value)]) in the language of ``words``; an empty value is ""."""
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    for section, title in SECTION_TITLES.items():
        rows = []
        for name in SECTIONS[section]:
            field = FIELD[name]
            if name in HEADING or name in ADDRESS_PARTS[1:]:
                continue
            special = _SPECIAL.get(field.name)
            text = special(detail, words) if special else value_text(field, detail.value(field.name), words)
            rows.append((words(field.label), text))
        sections.append((words(title), rows))
    return sections


def status_history_lines(detail: PersonDetail, words: Translator) -> list[tuple[str, str]]:
    """(date, what) for each status the person has had, newest first; a move says where to."""
    lines = []
    for entry in reversed(detail.status_history):
        what = status_label(entry.status, words)
        if entry.destination_code:
            what += f" ({entry.destination_name or entry.destination_code})"
        lines.append((date_text(entry.since, words), what))
    return lines


_DID_NOT_COME = N_("Did not come")
_INTERPRETER = N_("interpreter paid by: {payer}")
_MINUTES = N_("{minutes} min")


def visit_lines(detail: PersonDetail, words: Translator) -> list[tuple[str, str]]:
    """(date, what) for each desk visit, newest first: how, language, interpreter and minutes, or a missed one."""
    lines = []
    for visit in reversed(detail.visits):
        if visit.no_show:
            what = words(_DID_NOT_COME)
        else:
            parts = [words(CHANNEL_LABELS[visit.channel])]
            if visit.language:
                parts.append(language_name(visit.language, words))
            if visit.interpreter_paid_by is not None:
                parts.append(words(_INTERPRETER).format(
                    payer=words(PAYER_LABELS[visit.interpreter_paid_by]).lower()))
            parts.append(words(_MINUTES).format(minutes=visit.minutes))
            what = " · ".join(parts)
        lines.append((date_text(visit.visited_on, words), what))
    return lines


def activity_lines(detail: PersonDetail, words: Translator) -> list[tuple[str, str]]:
    """(date, what) for each work or study situation, newest first."""
    return [(date_text(entry.since, words), code_label(Activity, entry.activity, words))
            for entry in reversed(detail.activity_history)]


def note_lines(detail: PersonDetail, words: Translator) -> list[tuple[str, str]]:
    """(date, reason: text) for each note, newest first: for the person's page only, never an export."""
    lines = []
    for note in reversed(detail.notes):
        reason = code_label(NoteReason, note.reason, words)
        lines.append((date_text(note.written_on, words), f"{reason}: {note.text}" if note.text else reason))
    return lines


def paper_language_names(tag: str, words: Translator) -> str:
    """A paper's languages ("ar+fi") by their names ("Arabic + Finnish"); a packet edition of its own
    (selkosuomi, "fi-x-plain") by the name its texts give it."""
    names = []
    for code in tag.split("+"):
        name = language_name(code, words)
        if name == code:
            name = dict(paper_languages()).get(code, code)
        names.append(name)
    return " + ".join(names)


def paper_lines(papers: Sequence[GivenEntry], words: Translator) -> list[tuple[str, str]]:
    """(date, what) for each paper given to a person (``PersonDetail.papers``, oldest first), newest first:
    which paper, its languages, who gave it."""
    lines = []
    for paper in reversed(papers):
        parts = [code_label(PaperKind, paper.kind, words), paper_language_names(paper.languages, words)]
        if paper.who:
            parts.append(paper.who)
        lines.append((date_text(paper.given_on, words), " · ".join(p for p in parts if p)))
    return lines
