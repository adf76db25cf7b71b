"""Commands that copy the database and put a copy back: ``backup --out FILE`` and ``restore FILE [--yes]``.

Both act as the built-in ``cli`` account. ``restore`` never opens the database it replaces before
replacing it — that one may be too damaged to open — and asks on a terminal first; ``--yes`` answers
for scripts, and without it a script is refused rather than left waiting.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from welcomedesk.cli.console import line
from welcomedesk.cli.language import _
from welcomedesk.cli.parsing import Parser
from welcomedesk.config import DatabaseTarget
from welcomedesk.errors import EXIT_OK, EXIT_REFUSED, UsageError
from welcomedesk.services.backups import backup_database, restore_backup


def add_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    """``backup`` and ``restore``, with their options."""
    backup = commands.add_parser("backup", help=_("copy the database to a backup file"))
    backup.add_argument("--out", required=True, metavar="FILE")
    backup.set_defaults(run=backup_command)
    restore = commands.add_parser("restore", help=_("put a backup in place of the database"))
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--yes", action="store_true", help=_("replace the database without asking (for scripts)"))
    restore.set_defaults(run=restore_command)


def backup_command(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    result = backup_database(target, Path(args.out))
    line(out, _("Wrote the backup of {where} to {file} ({size} KB).").format(
        where=target.describe(), file=result.path, size=-(-result.size // 1024)))
    return EXIT_OK


def restore_command(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    source = Path(args.file)
    if not args.yes and not _confirmed(_("Replace the database {where} with the backup {file}? [y/N] ").format(
            where=target.describe(), file=source)):
        print(_("Nothing was restored."), file=sys.stderr)
        return EXIT_REFUSED
    result = restore_backup(target, source)
    if result.kept is not None:
        line(out, _("The database replaced is kept as {file}.").format(file=result.kept))
    line(out, _("Restored {where} from {file}.").format(where=result.where, file=source))
    return EXIT_OK


def _confirmed(question: str) -> bool:
    """Ask ``question`` on the terminal; a script (stdin not a terminal) is told to add --yes instead."""
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        raise UsageError(_("restore replaces the database: add --yes to confirm."))
    print(question, end="", file=sys.stderr, flush=True)
    answer = stdin.readline().strip().casefold()
    yes = _("yes").casefold()
    return answer in {"y", "yes", yes, yes[:1]}
