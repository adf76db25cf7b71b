"""Commands for a person's rights over their data: ``person-data PERSON_ID --out FILE`` and ``erase PERSON_ID``.

Both act as the built-in ``cli`` account. ``person-data`` writes everything held on the person, as JSON
(``.json``) or a readable PDF (``.pdf``). ``erase`` asks on a terminal first, as ``restore`` does; ``--yes``
answers for scripts, and without it a script is refused before anything is opened.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from welcomedesk.cli.console import line
from welcomedesk.cli.language import _, current_language
from welcomedesk.cli.parsing import Parser, whole_number
from welcomedesk.config import DatabaseTarget
from welcomedesk.errors import EXIT_OK, EXIT_REFUSED, UsageError
from welcomedesk.services.erasure import erase_from_command_line
from welcomedesk.services.person_data import person_data_from_command_line


def add_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    """``person-data`` and ``erase``, with their options."""
    data = commands.add_parser("person-data", help=_("write everything held on one person to a file (.json or .pdf)"))
    data.add_argument("person_id", type=whole_number, metavar="PERSON_ID")
    data.add_argument("--out", required=True, metavar="FILE")
    data.set_defaults(run=person_data_command)
    erase = commands.add_parser("erase", help=_("remove one person's personal data (audited)"))
    erase.add_argument("person_id", type=whole_number, metavar="PERSON_ID")
    erase.add_argument("--yes", action="store_true", help=_("erase without asking (for scripts)"))
    erase.set_defaults(run=erase_command)


def person_data_command(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    file = Path(args.out)
    person_data_from_command_line(target, args.person_id, file, current_language())
    line(out, _("Wrote everything held on newcomer {id} to {file}.").format(id=args.person_id, file=file))
    return EXIT_OK


def erase_command(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    if not args.yes and not _confirmed(_(
            "Erase the personal data of newcomer {id} in {where}? This cannot be undone. [y/N] ").format(
            id=args.person_id, where=target.describe())):
        print(_("Nothing was erased."), file=sys.stderr)
        return EXIT_REFUSED
    result = erase_from_command_line(target, args.person_id)
    line(out, _("Erased the personal data of newcomer {id}.").format(id=result.person_id))
    if result.scrubbed is False:
        print(_("The database file may still hold the erased data in its unused space: another desk was using "
                "it. It is cleared at the next erasure; close WelcomeDesk on the other desks first."),
              file=sys.stderr)
    return EXIT_OK


def _confirmed(question: str) -> bool:
    """Ask ``question`` on the terminal; a script (stdin not a terminal) is told to add --yes instead."""
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        raise UsageError(_("erase removes a person's data for good: add --yes to confirm."))
    print(question, end="", file=sys.stderr, flush=True)
    answer = stdin.readline().strip().casefold()
    yes = _("yes").casefold()
    return answer in {"y", "yes", yes, yes[:1]}
