"""Commands for staff accounts: ``user add NAME --role desk|coordinator|admin``.

The password comes from the terminal (asked twice, not shown), or as two lines on stdin for
scripts. With no password (stdin empty, or Enter twice) the account is made without one, which
only computer-account sign-in allows.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TextIO

from welcomedesk.cli.console import line
from welcomedesk.cli.language import _
from welcomedesk.cli.parsing import Parser
from welcomedesk.codes import ROLE_LABELS, Role
from welcomedesk.config import DatabaseTarget
from welcomedesk.errors import EXIT_OK, ValidationError
from welcomedesk.services.staff_accounts import add_account_from_command_line

ROLE_CHOICES = "|".join(Role)


def add_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    """``user add``, with its options."""
    user = commands.add_parser("user", help=_("manage staff accounts"))
    actions = user.add_subparsers(dest="user_command", metavar="ACTION", parser_class=Parser, required=True)
    add = actions.add_parser("add", help=_("add a staff account: the password from the terminal, or twice on stdin"))
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", dest="roles", action="append", required=True, type=roles, metavar=ROLE_CHOICES,
                     help=_("a role the account holds; repeat the option or separate roles with commas"))
    add.set_defaults(run=add_user)


def roles(text: str) -> list[Role]:
    """The roles of one ``--role``: one name, or several separated by commas."""
    found: list[Role] = []
    for name in text.split(","):
        try:
            found.append(Role(name.strip().lower()))
        except ValueError:
            raise argparse.ArgumentTypeError(_("not a role: {role} (choose from {choices})").format(
                role=name.strip(), choices=ROLE_CHOICES)) from None
    return found


def add_user(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    password = _password(args.name)
    wanted = [role for group in args.roles for role in group]
    added = add_account_from_command_line(target, args.name, wanted, password)
    held = ", ".join(_(ROLE_LABELS[role]) for role in sorted(added.roles))
    if added.has_password:
        line(out, _("Added the staff account {name} ({roles}) with a password.").format(name=added.username,
                                                                                        roles=held))
    else:
        line(out, _("Added the staff account {name} ({roles}) without a password: it signs in with the computer's "
                    "account.").format(name=added.username, roles=held))
    return EXIT_OK


def _password(name: str) -> str | None:
    """The new password, given twice (None: none given)."""
    stdin = sys.stdin
    if stdin is not None and stdin.isatty():
        first = getpass.getpass(_("Password for {name} (Enter for none): ").format(name=name))
        second = getpass.getpass(_("The same password again: "))
    else:
        lines = [] if stdin is None else [stdin.readline() for _turn in range(2)]
        if not lines or not lines[0]:
            return None  # nothing on stdin: no password
        if not lines[1]:
            raise ValidationError(_("Give the password twice, on two lines."), field="password")
        # Only the line ends go: spaces may be part of a password.
        first, second = (text.rstrip("\r\n") for text in lines)
    if first != second:
        raise ValidationError(_("The two passwords are not the same. Nothing was added."), field="password")
    return first or None
