"""How a person's checklist, follow-ups, paths and watched dates read in a given language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from welcomedesk.catalogue import Catalogue, text_in
from welcomedesk.codes import FollowUpOutcome, PathKind
from welcomedesk.i18n import N_, Translator
from welcomedesk.presentation.labels import code_label, date_text
from welcomedesk.services.newcomers import PersonDetail
from welcomedesk.services.steps import FollowUpEntry, StepEntry

_LATE = N_("late")
_NO_LONGER = N_("no longer applies")
_REFERRED = N_("referred to {partner} {day}: {outcome}")
_WAITS = N_("waits for: {steps}")
_PERMIT_ENDS = N_("The residence permit ends {day}")
_PROTECTION = N_("The job ended {day}: the protection period of {months} months ends {end}")
_FOLLOW_UP_DAYS = N_("{days} days after arrival")
_IN_ENGLISH = N_("(in English: no text in this language)")


def catalogue_text(texts: Mapping[str, str], words: Translator) -> str:
    """A catalogue text in the language of ``words``; in English, said so, where it has none."""
    text, fell_back = text_in(texts, words.language)
    return f"{text} {words(_IN_ENGLISH)}" if fell_back and text else text


@dataclass(frozen=True)
class StepRow:
    """One step as a table row: what, who, by when, where it stands."""

    title: str
    partner: str
    due: str
    status: str
    late: bool
    applies: bool
    detail: str  # done day, referral, what it waits for, the note


def _title(catalogue: Catalogue | None, code: str, words: Translator) -> str:
    service = catalogue.service(code) if catalogue else None
    return catalogue_text(service.name, words) if service else code


def step_rows(detail: PersonDetail, words: Translator, today: date) -> list[StepRow]:
    """The person's steps, in order, as the page and ``show`` list them."""
    rows = []
    for step in detail.steps:
        parts = []
        if step.done_on:
            parts.append(date_text(step.done_on, words))
        if step.who:
            parts.append(step.who)  # who last moved the step on
        if step.waits_for:
            parts.append(words(_WAITS).format(
                steps=", ".join(_title(detail.catalogue, c, words) for c in step.waits_for)))
        if step.referred_to_id is not None:
            parts.append(words(_REFERRED).format(partner=step.referred_to, day=date_text(step.referred_on, words),
                                                 outcome=code_label(type(step.referral_outcome),
                                                                    step.referral_outcome, words)
                                                 if step.referral_outcome else ""))
        if step.note:
            parts.append(step.note)
        status = code_label(type(step.status), step.status, words)
        late = step.late(today)
        if not step.applies:
            status = f"{status} · {words(_NO_LONGER)}"
        elif late:
            status = f"{status} · {words(_LATE)}"
        rows.append(StepRow(title=catalogue_text(step.name, words), partner=step.partner_name,
                            due=date_text(step.due_date, words), status=status, late=late, applies=step.applies,
                            detail="; ".join(parts)))
    return rows


def step_title(step: StepEntry, words: Translator) -> str:
    return catalogue_text(step.name, words)


def follow_up_lines(detail: PersonDetail, words: Translator) -> list[tuple[str, str, str]]:
    """(due day, when after arrival, how it went) for each follow-up."""
    out = []
    for f in detail.follow_ups:
        out.append((date_text(f.due_date, words), words(_FOLLOW_UP_DAYS).format(days=f.day),
                    follow_up_outcome(f, detail.catalogue, words)))
    return out


def follow_up_outcome(f: FollowUpEntry, catalogue: Catalogue | None, words: Translator) -> str:
    """How a follow-up went, with its answers, or "" before it is made."""
    if f.outcome is None:
        return ""
    text = f"{date_text(f.contacted_on, words)} {code_label(FollowUpOutcome, f.outcome, words)}"
    if f.answers and catalogue is not None:
        answers = []
        for q in catalogue.questions:
            code = f.answers.get(q.code)
            answer = next((a for a in q.answers if a.code == code), None)
            if answer is not None:
                answers.append(catalogue_text(answer.text, words))
        if answers:
            text += ": " + "; ".join(answers)
    return text


def stage_lines(detail: PersonDetail, kind: PathKind, words: Translator) -> list[tuple[str, str]]:
    """(day, stage and detail) of one of the person's paths, oldest first."""
    definition = detail.catalogue.path(kind) if detail.catalogue else None
    names = {c.code: c.text for c in definition.stages} if definition else {}
    out = []
    for s in detail.stages:
        if s.path is not kind:
            continue
        title = catalogue_text(names[s.stage], words) if s.stage in names else s.stage
        out.append((date_text(s.reached_on, words), f"{title}: {s.detail}" if s.detail else title))
    return out


def watch_lines(detail: PersonDetail, words: Translator) -> list[str]:
    """The dates the desk watches for the person, as sentences."""
    watch = detail.watch
    if watch is None:
        return []
    out = []
    if watch.permit_expiry:
        out.append(words(_PERMIT_ENDS).format(day=date_text(watch.permit_expiry, words)))
    if watch.job_ended_on and watch.protection_ends:
        out.append(words(_PROTECTION).format(day=date_text(watch.job_ended_on, words), months=watch.protection_months,
                                             end=date_text(watch.protection_ends, words)))
    return out
