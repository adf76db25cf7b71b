"""What each paper says, section by section, in one language or two: plain values, no ReportLab.

A ``Say`` holds one text per language of the edition, in the edition's order, so the layout can print a
two-language packet section by section. Fixed texts come from the packet's content files, the names of
steps and stages from the catalogue; a text missing in a language is English, and the edition remembers
where that happened so the preview can say so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from welcomedesk.catalogue import text_in
from welcomedesk.codes import PrivacyRole
from welcomedesk.errors import ValidationError
from welcomedesk.i18n import _
from welcomedesk.packet.data import Desk, Helper, Member, Packet, Sheet, Slip, Step
from welcomedesk.packet.texts import PacketTexts, packet_texts

Say = tuple[str, ...]
# Family notes and the steps that call for them (a note is printed only when a member has the step).
FAMILY_NOTES = (("daycare_note", ("daycare",)), ("school_note", ("pre_primary", "school")),
                ("spouse_note", ("employment_services_spouse",)))
EVERYDAY = ("health_care", "emergency", "library", "transport", "waste", "associations")
# Marks Babel puts around Arabic dates: the line is put in display order by python-bidi anyway.
_BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c"))


@dataclass
class Edition:
    """The languages of one paper, and the texts that fell back to English while it was written."""

    languages: tuple[PacketTexts, ...]
    fell_back: set[str] = field(default_factory=set)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.language for t in self.languages)

    def fixed(self, key: str, **values: object) -> Say:
        """A fixed text of the packet files in each language."""
        for texts in self.languages:
            if key in texts.fell_back:
                self.fell_back.add(texts.language)
        return tuple(t.text(key, **values) for t in self.languages)

    def each(self, key: str, values: Sequence[Mapping[str, object]]) -> Say:
        """A fixed text in each language with that language's own values (``values`` in the edition's order)."""
        for texts in self.languages:
            if key in texts.fell_back:
                self.fell_back.add(texts.language)
        return tuple(t.text(key, **v) for t, v in zip(self.languages, values, strict=True))

    def catalogue(self, texts: Mapping[str, str]) -> Say:
        """A catalogue text (a step's name, a stage) in each language, English where it has none."""
        said = []
        for language in self.languages:
            text, fell_back = text_in(texts, language.language)
            if fell_back and text:
                self.fell_back.add(language.language)
            said.append(text)
        return tuple(said)

    def date(self, day: date, form: str = "medium") -> Say:
        """``day`` as each language writes it (Babel)."""
        from babel.dates import format_date

        return tuple(str(format_date(day, form, locale=t.locale)).translate(_BIDI_MARKS) for t in self.languages)

    def language_name(self, code: str) -> Say:
        """A language's name in each language of the edition (the code itself when Babel has no name)."""
        from babel import Locale, UnknownLocaleError

        said = []
        for texts in self.languages:
            try:
                said.append(Locale.parse(code.split("-")[0]).get_display_name(texts.locale) or code)
            except (ValueError, UnknownLocaleError):
                said.append(code)
        return tuple(said)

    def country_name(self, code: str) -> Say:
        """A country's name (ISO 3166 code) in each language of the edition."""
        from babel import Locale

        return tuple(str(Locale.parse(t.locale).territories.get(code.upper(), code)) for t in self.languages)

    def listed(self, names: Iterable[str]) -> str:
        """Names in a list as the reader's own language separates them (Arabic has its own comma)."""
        return ("، " if self.languages[0].right_to_left else ", ").join(names)

    def fallback_notes(self) -> Say:
        """The notes to print when a language of the edition has texts in English."""
        return tuple(t.text("fallback_note", language=t.language_name) for t in self.languages
                     if t.language in self.fell_back)


def edition(codes: Sequence[str]) -> Edition:
    """The edition for one language or two (``("ar", "fi")``): the first is the reader's own."""
    if not 1 <= len(codes) <= 2 or len(set(codes)) != len(codes):
        raise ValidationError(_("A paper is printed in one language or in two different ones."), field="language")
    return Edition(tuple(packet_texts(code) for code in codes))


def parse_languages(text: str) -> tuple[str, ...]:
    """``ar+fi`` as the languages of an edition (each must have packet texts)."""
    codes = tuple(part.strip() for part in text.split("+"))
    found = edition(codes)
    return found.codes


# -- the blocks a section is made of


@dataclass(frozen=True)
class Prose:
    """Running text in each language; ``user`` when it holds text someone typed (it is escaped either way)."""

    text: Say
    kind: str = "body"  # body | lead | small | note


@dataclass(frozen=True)
class Fact:
    """A label and a value (the value is the same in every language: an address, a phone number)."""

    label: Say
    value: str


@dataclass(frozen=True)
class Facts:
    rows: tuple[Fact, ...]


@dataclass(frozen=True)
class StepRow:
    done: bool
    name: Say
    detail: Say
    where: str
    by: Say


@dataclass(frozen=True)
class StepTable:
    """A checklist: tick box, step, where, by when."""

    header: tuple[Say, Say, Say, Say]
    rows: tuple[StepRow, ...]


@dataclass(frozen=True)
class Card:
    """A helper organisation: its name, facts and a QR code to its website."""

    name: str
    facts: tuple[Fact, ...]
    url: str


@dataclass(frozen=True)
class Cards:
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class Dated:
    """A list of things with a date (or a word) beside each."""

    rows: tuple[tuple[Say, Say], ...]


@dataclass(frozen=True)
class Qr:
    url: str
    text: Say


@dataclass(frozen=True)
class Name:
    """A person's name as in the passport, with the own-script spelling below it."""

    name: str
    native: str = ""


Block = Prose | Facts | StepTable | Cards | Dated | Qr | Name


@dataclass(frozen=True)
class Section:
    heading: Say
    blocks: tuple[Block, ...]
    # The opening section has no heading rule and starts with the title.
    opening: bool = False


@dataclass(frozen=True)
class Document:
    """One paper: its title (for the PDF's metadata too), sections and footer."""

    kind: str  # packet | slip | sheet
    title: Say
    sections: tuple[Section, ...]
    desk: Desk
    edition: Edition
    subject: str
    footer: str


# -- the welcome packet


def in_order(steps: Sequence[Step]) -> list[Step]:
    """The steps in the order given (by due day), each moved after the steps it waits for."""
    codes = {step.code for step in steps}
    placed: list[Step] = []
    done: set[str] = set()
    waiting = list(steps)
    while waiting:
        # The first step whose earlier steps are all placed; a circle (the catalogue refuses one) breaks in order.
        ready = next((s for s in waiting if all(c in done or c not in codes for c in s.after)), waiting[0])
        waiting.remove(ready)
        placed.append(ready)
        done.add(ready.code)
    return placed


def _steps(steps: Sequence[Step], helpers: Mapping[str, Helper], ed: Edition, explained: bool = True) -> StepTable:
    """The checklist table; ``explained`` adds what each open step means, in the reader's own language only
    (the second language of an edition is for an official, who knows the steps by their names)."""
    rows = []
    names = {step.code: step.name for step in steps}
    for step in in_order(steps):
        # A step already done needs no explaining: its name and the day it was done are enough.
        details: list[Say] = []
        if explained and step.description and step.done is None:
            own = ed.catalogue(step.description)
            details.append((own[0], *("" for _ in own[1:])))
        for before in step.after:
            if before in names:
                details.append(ed.each("waits_for", [{"step": s} for s in ed.catalogue(names[before])]))
        if step.done is not None:
            details.append(ed.each("done_on", [{"date": d} for d in ed.date(step.done)]))
        detail = tuple("\n".join(part[i] for part in details if part[i]) for i in range(len(ed.languages)))
        helper = helpers.get(step.helper)
        rows.append(StepRow(done=step.done is not None, name=ed.catalogue(step.name), detail=detail,
                            where=helper.name if helper else "",
                            by=ed.date(step.due) if step.due else ed.fixed("no_date")))
    return StepTable((ed.fixed("col_done"), ed.fixed("col_step"), ed.fixed("col_where"), ed.fixed("col_by")),
                     tuple(rows))


def _desk_facts(desk: Desk, ed: Edition) -> tuple[Fact, ...]:
    pairs = (("desk_address", desk.address), ("desk_phone", desk.phone), ("desk_email", desk.email),
             ("desk_website", desk.website), ("desk_hours", desk.hours))
    return tuple(Fact(ed.fixed(key), value) for key, value in pairs if value)


def _card(helper: Helper, ed: Edition) -> Card:
    facts = [Fact(ed.fixed("desk_address"), helper.address)] if helper.address else []
    if helper.phone:
        facts.append(Fact(ed.fixed("helper_phone"), helper.phone))
    if helper.email:
        facts.append(Fact(ed.fixed("desk_email"), helper.email))
    if helper.hours:
        facts.append(Fact(ed.fixed("helper_hours"), helper.hours))
    if helper.languages:
        names = [ed.language_name(code)[0] for code in helper.languages]
        facts.append(Fact(ed.fixed("helper_languages"), ed.listed(names)))
    if helper.website:
        facts.append(Fact(ed.fixed("helper_website"), helper.website))
    return Card(helper.name, tuple(facts), helper.website)


def _family(packet: Packet, ed: Edition) -> Section | None:
    if not packet.family:
        return None
    blocks: list[Block] = [Prose(ed.fixed("family_intro"))]
    for member in packet.family:
        blocks.append(Name(member.name, member.native_name))
        if member.steps:
            # The family's steps by name only: their meaning is in the reader's own list or the notes below.
            blocks.append(_steps(member.steps, packet.helpers, ed, explained=False))
    codes = {step.code for member in packet.family for step in member.steps}
    blocks.extend(Prose(ed.fixed(note), "note") for note, calls in FAMILY_NOTES if codes & set(calls))
    return Section(ed.fixed("family_heading"), tuple(blocks))


def _path(packet: Packet, ed: Edition) -> Section | None:
    if not packet.path:
        return None
    rows = []
    next_marked = False
    for stage in packet.path:
        if stage.reached is not None:
            when = ed.each("path_done", [{"date": d} for d in ed.date(stage.reached)])
        elif not next_marked:
            when, next_marked = ed.fixed("path_next"), True
        else:
            when = tuple("" for _ in ed.languages)
        rows.append((ed.catalogue(stage.name), when))
    heading = ed.fixed("path_heading")
    blocks: list[Block] = [Prose(ed.fixed("path_intro"))]
    if packet.path_name:
        blocks.insert(0, Prose(ed.catalogue(packet.path_name), "lead"))
    blocks.append(Dated(tuple(rows)))
    return Section(heading, tuple(blocks))


def packet_document(packet: Packet, languages: Sequence[str], *, with_identity_code: bool = False) -> Document:
    """The welcome packet of ``packet`` in ``languages`` (one, or the reader's own and Finnish)."""
    ed = edition(languages)
    municipality = packet.desk.municipality or packet.desk.name
    opening: list[Block] = [Prose(ed.fixed("subtitle"), "lead"), Name(packet.name, packet.native_name)]
    if with_identity_code and packet.identity_code:
        opening.append(Facts((Fact(ed.fixed("identity_code"), packet.identity_code),)))
    opening += [Prose(ed.fixed("greeting", name=packet.name)),
                Prose(ed.each("prepared_by", [{"worker": packet.worker, "date": d}
                                              for d in ed.date(packet.made_on, "long")]), "small")]
    sections = [Section(ed.fixed("title", municipality=municipality), tuple(opening), opening=True)]
    desk = _desk_facts(packet.desk, ed)
    sections.append(Section(ed.fixed("desk_heading"), (Prose(tuple(packet.desk.name for _ in ed.languages), "lead"),
                                                       Facts(desk))))
    sections.append(Section(ed.fixed("steps_heading"),
                            (Prose(ed.fixed("steps_intro")), _steps(packet.steps, packet.helpers, ed))))
    used = [packet.helpers[code] for code in dict.fromkeys(
        s.helper for s in (*packet.steps, *(m for member in packet.family for m in member.steps)))
        if code in packet.helpers]
    if used:
        sections.append(Section(ed.fixed("helpers_heading"),
                                (Prose(ed.fixed("helpers_intro")), Cards(tuple(_card(h, ed) for h in used)))))
    for optional in (_family(packet, ed), _path(packet, ed)):
        if optional is not None:
            sections.append(optional)
    if packet.follow_ups:
        sections.append(Section(ed.fixed("follow_ups_heading"), (
            Prose(ed.fixed("follow_ups_intro")),
            Dated(tuple((ed.date(day, "long"), tuple("" for _ in ed.languages)) for day in packet.follow_ups)))))
    sections.append(Section(ed.fixed("everyday_heading"), tuple(Prose(ed.fixed(key)) for key in EVERYDAY)))
    sections.append(Section(ed.fixed("guide_heading"), (Qr(packet.guide_url, ed.fixed("guide_text")),)))
    sections.append(privacy_section(packet.desk, ed))
    return Document("packet", ed.fixed("title", municipality=municipality), tuple(sections), packet.desk, ed,
                    subject=ed.fixed("subtitle")[0], footer=packet.desk.name)


def privacy_section(desk: Desk, ed: Edition) -> Section:
    """How the person's information is handled, as the privacy profile says: the municipal service's text or
    the employer's, then who the controller is and, when one is named, whom to ask.

    One paragraph: a short section at the foot of a page then moves whole with its heading, never leaving
    the controller's line alone on a page of its own.
    """
    text = "privacy_text_employer" if desk.privacy_role == PrivacyRole.EMPLOYER else "privacy_text"
    controller = desk.controller or desk.name
    if desk.privacy_contact:
        named = ed.fixed("privacy_controller_contact", controller=controller, contact=desk.privacy_contact)
    else:
        named = ed.fixed("privacy_controller", controller=controller)
    said = tuple(f"{first} {then}" for first, then in zip(ed.fixed(text), named, strict=True))
    return Section(ed.fixed("privacy_heading"), (Prose(said),))


def privacy_notice(desk: Desk, language: str) -> tuple[str, tuple[str, ...]]:
    """The packet's privacy section in one language as plain text, for a screen: its heading and paragraphs."""
    section = privacy_section(desk, edition((language,)))
    return section.heading[0], tuple(block.text[0] for block in section.blocks if isinstance(block, Prose))


# -- the referral slip and the handover sheet


def _relation(member: Member, ed: Edition) -> Say:
    key = {"spouse": "relation_spouse", "child": "relation_child"}.get(member.relation, "relation_other")
    return ed.fixed(key)


def _sender(worker: str, desk: Desk) -> str:
    """Who sends the paper and how to reach them (the worker is the desk itself from the command line)."""
    names = [worker] if worker and worker != desk.name else []
    return ", ".join(v for v in (*names, desk.name, desk.phone, desk.email) if v)


def slip_document(slip: Slip, languages: Sequence[str]) -> Document:
    """A referral slip for ``slip.partner``: Finnish first, then the person's language."""
    ed = edition(languages)
    facts = [Fact(ed.fixed("slip_person"), slip.name + (f" ({slip.native_name})" if slip.native_name else ""))]
    if slip.born:
        facts.append(Fact(ed.fixed("slip_born"), ed.date(slip.born)[0]))
    if slip.languages:
        facts.append(Fact(ed.fixed("slip_languages"), ed.listed(ed.language_name(c)[0] for c in slip.languages)))
    contact = ", ".join(v for v in (slip.phone, slip.email) if v)
    if contact:
        facts.append(Fact(ed.fixed("slip_contact"), contact))
    step = _steps((slip.step,), {slip.partner.code: slip.partner}, ed)
    referred = ed.date(slip.referred_on or slip.made_on)
    blocks: list[Block] = [Prose(ed.fixed("slip_intro", name=slip.name), "lead"), Facts(tuple(facts)), step]
    if contact:
        blocks.append(Prose(ed.fixed("slip_agreed"), "note"))
    sender = _sender(slip.worker, slip.desk)
    blocks.append(Facts((Fact(ed.fixed("slip_referred_on"), referred[0]), Fact(ed.fixed("slip_from"), sender))))
    blocks.append(Prose(ed.fixed("slip_reply"), "small"))
    partner = Section(ed.fixed("slip_to"), (Cards((_card(slip.partner, ed),)),))
    return Document("slip", ed.fixed("slip_title"), (Section(ed.fixed("slip_title"), tuple(blocks), opening=True),
                                                     partner), slip.desk, ed, subject=ed.fixed("slip_title")[0],
                    footer=slip.desk.name)


def _listed(steps: Sequence[Step], ed: Edition, done: bool) -> Dated | Prose:
    if not steps:
        return Prose(ed.fixed("none_yet"))
    rows = []
    for step in steps:
        day = step.done if done else step.due
        rows.append((ed.catalogue(step.name), ed.date(day) if day else tuple("" for _ in ed.languages)))
    return Dated(tuple(rows))


def sheet_document(sheet: Sheet, languages: Sequence[str], *, with_identity_code: bool = False) -> Document:
    """A handover sheet for the assessment of competence and integration service needs."""
    ed = edition(languages)
    facts = [Fact(ed.fixed("sheet_name"), sheet.name + (f" ({sheet.native_name})" if sheet.native_name else ""))]
    if with_identity_code and sheet.identity_code:
        facts.append(Fact(ed.fixed("identity_code"), sheet.identity_code))
    if sheet.born:
        facts.append(Fact(ed.fixed("slip_born"), ed.date(sheet.born)[0]))
    if sheet.nationality:
        facts.append(Fact(ed.fixed("sheet_nationality"), ed.country_name(sheet.nationality)[0]))
    if sheet.languages:
        facts.append(Fact(ed.fixed("sheet_language_skills"),
                          ed.listed(ed.language_name(c)[0] for c in sheet.languages)))
    contact = ", ".join(v for v in (sheet.phone, sheet.email) if v)
    if contact:
        facts.append(Fact(ed.fixed("slip_contact"), contact))
    if sheet.arrival:
        facts.append(Fact(ed.fixed("sheet_arrival"), ed.date(sheet.arrival)[0]))
    if sheet.permit:
        permit = ed.fixed(f"permit_{sheet.permit.lower()}")[0] if sheet.permit in ("EU", "NORDIC") else sheet.permit
        until = ed.each("sheet_permit_until", [{"date": d} for d in ed.date(sheet.permit_expiry)])[0] \
            if sheet.permit_expiry else ""
        facts.append(Fact(ed.fixed("sheet_permit"), f"{permit}, {until}" if until else permit))
    work = ", ".join(v for v in (sheet.occupation, sheet.employer) if v)
    if work:
        facts.append(Fact(ed.fixed("sheet_work"), work))
    household = tuple(Fact(_relation(m, ed), m.name + (f" ({m.native_name})" if m.native_name else ""))
                      for m in sheet.household)
    sections = [Section(ed.fixed("sheet_title"), (Prose(ed.fixed("sheet_intro")), Facts(tuple(facts))),
                        opening=True)]
    if household:
        sections.append(Section(ed.fixed("sheet_household"), (Facts(household),)))
    sections.append(Section(ed.fixed("sheet_steps_done"), (_listed(sheet.steps_done, ed, done=True),)))
    sections.append(Section(ed.fixed("sheet_steps_open"), (_listed(sheet.steps_open, ed, done=False),)))
    sender = _sender(sheet.worker, sheet.desk)
    sections.append(Section(ed.fixed("slip_from"), (Prose(tuple(sender for _ in ed.languages)),
                                                    Prose(ed.each("prepared_by", [
                                                        {"worker": sheet.worker, "date": d}
                                                        for d in ed.date(sheet.made_on, "long")]), "small"))))
    return Document("sheet", ed.fixed("sheet_title"), tuple(sections), sheet.desk, ed,
                    subject=ed.fixed("sheet_title")[0], footer=sheet.desk.name)
