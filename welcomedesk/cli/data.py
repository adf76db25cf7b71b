"""Commands that make and fill a database: ``init`` and ``demo``."""

from __future__ import annotations

import argparse
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
