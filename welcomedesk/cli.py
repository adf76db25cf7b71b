"""The command line: the scriptable face of the services (the contract of DESIGN.md).

It never imports Qt: the GUI is started through a launcher handed in by ``ui.app``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn, TextIO

from welcomedesk import i18n
from welcomedesk.config import DatabaseTarget, resolve_database
from welcomedesk.errors import EXIT_OK, EXIT_USAGE, KnownError, UsageError
from welcomedesk.i18n import _

if TYPE_CHECKING:  # the database layer is imported only by the commands that use it
    from welcomedesk.db.session import Actor, Database

GuiLauncher = Callable[[DatabaseTarget, str], int]
ENV_LANG = "WELCOMEDESK_LANG"


class _Parser(argparse.ArgumentParser):
    """argparse that raises a UsageError instead of exiting, so main() owns the exit code."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.format_usage().strip()}\n{message}")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the command-line contract."""
    parser = _Parser(prog="welcomedesk", description=_("WelcomeDesk, the desk tool of a welcome service point."))
    parser.add_argument("--db", metavar="URL_OR_PATH", help=_("database file or URL (also WELCOMEDESK_DB)"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=_("language of the program and its messages"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.add_parser("gui", help=_("open the desktop app (the default)"))
    commands.add_parser("init", help=_("create or upgrade the database"))
    demo = commands.add_parser("demo", help=_("add realistic demo households"))
    demo.add_argument("--households", type=int, default=200, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    listing = commands.add_parser("list", help=_("list or search newcomers"))
    listing.add_argument("--search", default="", metavar="TEXT")
    listing.add_argument("--limit", type=int, default=100, metavar="N")
    listing.add_argument("--json", action="store_true", help=_("print a JSON array"))
    show = commands.add_parser("show", help=_("show one newcomer with their household"))
    show.add_argument("person_id", type=int, metavar="PERSON_ID")
    show.add_argument("--json", action="store_true", help=_("print a JSON object"))
    return parser


def main(argv: Sequence[str] | None = None, gui: GuiLauncher | None = None, *, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Run one command; returns the exit code of the contract."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    args_list = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(_language_hint(args_list))
    try:
        args = build_parser().parse_args(args_list)
        if args.lang:
            i18n.set_language(args.lang)
        target = resolve_database(args.db)
        command = args.command or "gui"
        if command == "gui":
            if gui is None:
                raise UsageError(_("The desktop app is not available here."))
            return gui(target, i18n.current_language())
        return _COMMANDS[command](target, args, out)
    except KnownError as exc:
        for reason in exc.reasons:
            print(reason, file=err)
        return exc.exit_code
    except SystemExit as exc:  # --help
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_USAGE


def _language_hint(argv: list[str]) -> str:
    # Parse errors are reported before argparse has run, so look for --lang by hand first.
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else argv[i + 1] if (
            arg == "--lang" and i + 1 < len(argv)) else None
        if value in i18n.LANGUAGES:
            return value
    env = os.environ.get(ENV_LANG, "")
    return env if env in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def _init(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    from welcomedesk.services.setup import initialise

    db, result = initialise(target)
    db.close()
    messages = {
        "created": _("Created the database at {where}"),
        "upgraded": _("Upgraded the database at {where}"),
        "current": _("The database at {where} is up to date"),
    }
    print(messages[result.opened].format(where=result.where), file=out)
    return EXIT_OK


def _open(target: DatabaseTarget) -> tuple[Database, Actor]:
    from welcomedesk.db.session import open_database
    from welcomedesk.services.accounts import cli_actor

    db = open_database(target)
    return db, cli_actor(db)


def _demo(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    from welcomedesk.services.demo import make_demo

    db, actor = _open(target)
    try:
        result = make_demo(db, actor, households=args.households, seed=args.seed)
    finally:
        db.close()
    print(_("Added {households} demo households with {persons} people.").format(
        households=result.households, persons=result.persons), file=out)
    return EXIT_OK


def _list(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    from welcomedesk.services.newcomers import NewcomerQuery, search_newcomers

    db, actor = _open(target)
    try:
        page = search_newcomers(db, actor, NewcomerQuery(search=args.search), limit=args.limit)
    finally:
        db.close()
    if args.json:
        json.dump([row.as_json() for row in page.rows], out, ensure_ascii=False, indent=1)
        out.write("\n")
        return EXIT_OK
    from welcomedesk.identity import format_date
    from welcomedesk.labels import status_label

    for row in page.rows:
        born = format_date(row.date_of_birth) if row.date_of_birth else ""
        arrived = format_date(row.arrival_date) if row.arrival_date else ""
        name = f"{row.family_name}, {row.given_names}"
        print(f"{row.id:>7}  {name[:40]:<40}  {born:>10}  {row.nationality:2}  {status_label(row.status):<18}  "
              f"{arrived:>10}", file=out)
    print(_("{shown} of {total} newcomers").format(shown=len(page.rows), total=page.total), file=out)
    return EXIT_OK


def _show(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    from welcomedesk.services.newcomers import get_person

    db, actor = _open(target)
    try:
        detail = get_person(db, actor, args.person_id)
    finally:
        db.close()
    if args.json:
        json.dump(detail.as_json(), out, ensure_ascii=False, indent=1)
        out.write("\n")
        return EXIT_OK
    from welcomedesk.labels import relation_label, status_label
    from welcomedesk.person_view import person_sections

    row = detail.row
    print(f"{row.family_name}, {row.given_names}  ({status_label(row.status)})", file=out)
    if row.native_name:
        print(row.native_name, file=out)
    for title, fields in person_sections(detail):
        print(f"\n{title}", file=out)
        for label, value in fields:
            print(f"  {label}: {value or '—'}", file=out)
    print(f"\n{_('Household')}", file=out)
    for member in detail.members:
        print(f"  {member.id:>7}  {relation_label(member.relation):<14} {member.family_name}, {member.given_names}",
              file=out)
    return EXIT_OK


_COMMANDS: dict[str, Callable[[DatabaseTarget, argparse.Namespace, TextIO], int]] = {
    "init": _init,
    "demo": _demo,
    "list": _list,
    "show": _show,
}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
