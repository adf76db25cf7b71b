"""Commands that make and fill a database: ``init``, ``demo``, ``import`` and ``catalogue``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from welcomedesk.cli.console import line
from welcomedesk.cli.language import _
from welcomedesk.cli.parsing import Parser, whole_number
from welcomedesk.config import DatabaseTarget
from welcomedesk.errors import EXIT_OK
from welcomedesk.services.desk import command_line_desk, initialise


def add_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    """``init`` and ``demo``, with their options."""
    commands.add_parser("init", help=_("create or upgrade the database")).set_defaults(run=init)
    demo_parser = commands.add_parser("demo", help=_("add realistic demo households"))
    demo_parser.add_argument("--households", type=whole_number, default=200, metavar="N")
    demo_parser.add_argument("--seed", type=whole_number, default=1, metavar="S")
    demo_parser.set_defaults(run=demo)
    importing = commands.add_parser("import", help=_("import a list of newcomers (CSV or XLSX): all rows or none"))
    importing.add_argument("file", metavar="FILE")
    importing.add_argument("--dry-run", action="store_true", help=_("only check the file"))
    importing.set_defaults(run=import_list)
    catalogue = commands.add_parser("catalogue", help=_("export or import the service catalogue as one file"))
    catalogue.add_argument("action", choices=("export", "import"))
    catalogue.add_argument("file", metavar="FILE")
    catalogue.set_defaults(run=catalogue_file)


def init(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    result = initialise(target)
    messages = {
        "created": _("Created the database at {where}"),
        "upgraded": _("Upgraded the database at {where}"),
        "current": _("The database at {where} is up to date"),
    }
    line(out, messages[result.opened].format(where=result.where))
    return EXIT_OK


def demo(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    with command_line_desk(target) as desk:
        result = desk.add_demo(households=args.households, seed=args.seed)
    line(out, _("Added {households} demo households with {persons} people.").format(
        households=result.households, persons=result.persons))
    return EXIT_OK


def import_list(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    with command_line_desk(target) as desk:
        result = desk.import_file(Path(args.file), dry_run=args.dry_run)
    for column in result.unknown_columns:
        line(out, _("The column {column} is not one WelcomeDesk reads; it was left out.").format(column=column))
    for skipped in result.skipped:
        line(out, _("Row {row}: already registered as number {id}; skipped.").format(row=skipped.row,
                                                                                     id=skipped.person_id))
    if result.dry_run:
        line(out, _("The file is fine: {people} people in {households} households would be imported.").format(
            people=result.people, households=result.households))
    else:
        line(out, _("Imported {people} people in {households} households.").format(
            people=result.people, households=result.households))
    return EXIT_OK


def catalogue_file(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    """The catalogue to a file a region hands on, or a region's file taken over; checklists made again."""
    with command_line_desk(target) as desk:
        if args.action == "export":
            count = desk.export_catalogue(Path(args.file))
            line(out, _("Wrote {count} services to {file}.").format(count=count, file=args.file))
            return EXIT_OK
        count = desk.import_catalogue(Path(args.file))
        made = 0
        while ids := desk.stale_checklists():
            made += desk.refresh_checklists(ids)
    line(out, _("Took over {count} services; made {people} checklists again.").format(count=count, people=made))
    return EXIT_OK
