"""Commands that look people up: ``list`` and ``show``."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TextIO

from welcomedesk.cli.console import json_out, line, terminal_safe
from welcomedesk.cli.language import _, current_language, words
from welcomedesk.cli.parsing import Parser, whole_number
from welcomedesk.codes import PathKind
from welcomedesk.config import DatabaseTarget
from welcomedesk.errors import EXIT_OK
from welcomedesk.presentation.labels import code_label, date_text, relation_label, status_label
from welcomedesk.presentation.person import activity_lines, person_sections, status_history_lines, visit_lines
from welcomedesk.presentation.steps import follow_up_lines, stage_lines, step_rows, watch_lines
from welcomedesk.services.desk import command_line_desk
from welcomedesk.services.newcomers import NewcomerQuery, PersonDetail


def add_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    """``list`` and ``show``, with their options."""
    listing = commands.add_parser("list", help=_("list or search newcomers"))
    listing.add_argument("--search", default="", metavar="TEXT")
    listing.add_argument("--limit", type=whole_number, default=100, metavar="N")
    listing.add_argument("--json", action="store_true", help=_("print a JSON array"))
    listing.set_defaults(run=list_people)
    show_parser = commands.add_parser("show", help=_("show one newcomer with their household"))
    show_parser.add_argument("person_id", type=whole_number, metavar="PERSON_ID")
    show_parser.add_argument("--json", action="store_true", help=_("print a JSON object"))
    show_parser.set_defaults(run=show)


def list_people(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    with command_line_desk(target) as desk:
        page = desk.search(NewcomerQuery(search=args.search), limit=args.limit)
    if args.json:
        json_out(out, [row.as_json() for row in page.rows])
        return EXIT_OK
    for row in page.rows:
        name = terminal_safe(f"{row.family_name}, {row.given_names}")
        line(out, f"{row.id:>7}  {name[:40]:<40}  {date_text(row.date_of_birth, words()):>10}  "
                  f"{row.nationality:2}  {status_label(row.status, words()):<18}  "
                  f"{date_text(row.arrival_date, words()):>10}")
    line(out, _("{shown} of {total} newcomers").format(shown=len(page.rows), total=page.total))
    return EXIT_OK


def show(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    with command_line_desk(target) as desk:
        detail = desk.person(args.person_id)
    if args.json:
        json_out(out, detail.as_json(current_language()))
        return EXIT_OK
    row = detail.row
    line(out, f"{row.family_name}, {row.given_names}  ({status_label(row.status, words())})")
    if row.native_name:
        line(out, row.native_name)
    for title, fields in person_sections(detail, words()):
        line(out)
        line(out, title)
        for label, value in fields:
            line(out, f"  {label}: {value or '—'}")
    # The notes stay out: the command line's output goes to files and other programs.
    for title, lines in ((_("Status history"), status_history_lines(detail, words())),
                         (_("Work or studies"), activity_lines(detail, words())),
                         (_("Visits"), visit_lines(detail, words()))):
        if lines:
            line(out)
            line(out, title)
            for when, what in lines:
                line(out, f"  {when:>10}  {what}")
    _show_steps(detail, out)
    line(out)
    line(out, _("Household"))
    for member in detail.members:
        line(out, f"  {member.id:>7}  {relation_label(member.relation, words()):<14} {member.family_name}, "
                  f"{member.given_names}")
    return EXIT_OK


def _show_steps(detail: PersonDetail, out: TextIO) -> None:
    """The checklist, the follow-ups, the paths and the watched dates, as ``show`` prints them."""
    rows = step_rows(detail, words(), date.today())
    if rows:
        line(out)
        line(out, _("Checklist"))
        for row in rows:
            extra = f"  ({row.detail})" if row.detail else ""
            line(out, f"  {row.due:>10}  {row.title} — {row.status}{extra}")
    follow_ups = follow_up_lines(detail, words())
    if follow_ups:
        line(out)
        line(out, _("Follow-ups"))
        for due, when, how in follow_ups:
            line(out, f"  {due:>10}  {when}{'  ' + how if how else ''}")
    for kind in PathKind:
        stages = stage_lines(detail, kind, words())
        if stages:
            line(out)
            line(out, code_label(PathKind, kind, words()))
            for when, what in stages:
                line(out, f"  {when:>10}  {what}")
    watched = watch_lines(detail, words())
    if watched:
        line(out)
        for text in watched:
            line(out, text)
