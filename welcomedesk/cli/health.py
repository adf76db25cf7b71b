"""``check``: is the database whole — its pages and references, its stored values, its audit chain."""

from __future__ import annotations

import argparse
from typing import TextIO

from welcomedesk.cli.console import line
from welcomedesk.cli.language import _, words
from welcomedesk.cli.parsing import Parser
from welcomedesk.config import DatabaseTarget
from welcomedesk.errors import EXIT_OK, EXIT_REFUSED
from welcomedesk.services.health import check_target


def add_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    """``check``."""
    commands.add_parser("check", help=_("check the database: its file, stored values and audit log")).set_defaults(
        run=check)


def check(target: DatabaseTarget, _args: argparse.Namespace, out: TextIO) -> int:
    """Every finding on a line of its own; exit 1 when there is any, 0 when the database is whole."""
    report = check_target(target)
    language = words()
    for finding in report.findings:
        line(out, finding.message.render(language))
    if not report.healthy:
        count = len(report.findings)
        line(out, language.ngettext("{count} problem found in {where}.", "{count} problems found in {where}.",
                                    count).format(count=count, where=target.describe()))
        return EXIT_REFUSED
    line(out, _("{where} is whole: its pages, references and stored values read, and its audit log of {count} "
                "entries holds together.").format(where=target.describe(), count=report.audit_entries))
    return EXIT_OK
