"""The command line: the scriptable face of the services (the contract of DESIGN.md).

It never imports Qt: the GUI is started through a launcher handed in by ``ui.app``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from welcomedesk import i18n
from welcomedesk.config import DatabaseTarget, resolve_database
from welcomedesk.console import silence_stdout, terminal_safe, utf8
from welcomedesk.errors import EXIT_BUG, EXIT_INTERRUPTED, EXIT_OK, EXIT_STORAGE, EXIT_USAGE, KnownError, UsageError
from welcomedesk.i18n import _

if TYPE_CHECKING:  # the database layer is imported only by the commands that use it
    from welcomedesk.db.session import Actor, Database

GuiLauncher = Callable[[DatabaseTarget, str], int]
ENV_LANG = "WELCOMEDESK_LANG"


class _Parser(argparse.ArgumentParser):
    """argparse that raises a UsageError instead of exiting, so main() owns the exit code."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.format_usage().strip()}\n{message}")

    def _get_values(self, action: argparse.Action, arg_strings: list[str]) -> Any:
        # Python 3.11's argparse drops a "--" given as an option's value (--search=--) and hands
        # the option an empty list; the value is the text "--".
        if action.option_strings and action.nargs is None and arg_strings == ["--"]:
            value = self._get_value(action, "--")
            self._check_value(action, value)
            return value
        return super()._get_values(action, arg_strings)


def _whole_number(text: str) -> int:
    """An argument that must be a whole number in ASCII digits ("1_000" and "١٢" are not)."""
    if not re.fullmatch(r"[+-]?[0-9]{1,30}", text):
        raise argparse.ArgumentTypeError(_("not a whole number: {text}").format(text=text))
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the command-line contract."""
    parser = _Parser(prog="welcomedesk", description=_("WelcomeDesk, the desk tool of a welcome service point."))
    parser.add_argument("--db", metavar="URL_OR_PATH", help=_("database file or URL (also WELCOMEDESK_DB)"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=_("language of the program and its messages"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.add_parser("gui", help=_("open the desktop app (the default)"))
    commands.add_parser("init", help=_("create or upgrade the database"))
    demo = commands.add_parser("demo", help=_("add realistic demo households"))
    demo.add_argument("--households", type=_whole_number, default=200, metavar="N")
    demo.add_argument("--seed", type=_whole_number, default=1, metavar="S")
    listing = commands.add_parser("list", help=_("list or search newcomers"))
    listing.add_argument("--search", default="", metavar="TEXT")
    listing.add_argument("--limit", type=_whole_number, default=100, metavar="N")
    listing.add_argument("--json", action="store_true", help=_("print a JSON array"))
    show = commands.add_parser("show", help=_("show one newcomer with their household"))
    show.add_argument("person_id", type=_whole_number, metavar="PERSON_ID")
    show.add_argument("--json", action="store_true", help=_("print a JSON object"))
    return parser


def main(argv: Sequence[str] | None = None, gui: GuiLauncher | None = None, *, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Run one command; returns the exit code of the contract.

    Nothing escapes as a traceback: a known error prints its reasons, Ctrl+C prints one line
    (130), a closed pipe ends quietly, and a bug is logged without personal data (4).
    """
    out = stdout or utf8(sys.stdout)
    err = stderr or utf8(sys.stderr)
    args_list = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(_language_hint(args_list))
    output = io.StringIO()
    try:
        code = _run(args_list, gui, output)
    except KnownError as exc:
        code = exc.exit_code
        _say(err, *exc.reasons)
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
        _say(err, _("Interrupted: what the command had not finished was undone."))
    except Exception as exc:
        code = EXIT_BUG
        _say(err, _bug_message(exc))
    # The output is written whole at the end, so a failing command never leaves half a JSON array.
    try:
        if out is not None and output.tell():
            out.write(output.getvalue())
            out.flush()
    except BrokenPipeError:
        # The reader went away (``| head``): its choice, not an error.
        if out is sys.stdout:
            silence_stdout()
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
        _say(err, _("Interrupted while writing the output."))
    except OSError as exc:
        code = EXIT_STORAGE
        _say(err, _("The output could not be written: {error}").format(error=exc.strerror or type(exc).__name__))
    return code


def _say(err: TextIO | None, *lines: str) -> None:
    """Messages to stderr, stored text in them escaped; a closed stderr silences them."""
    if err is None:
        return
    try:
        for text in lines:
            print("\n".join(terminal_safe(line) for line in text.split("\n")), file=err)
        err.flush()
    except OSError:
        pass


def _run(args_list: list[str], gui: GuiLauncher | None, out: TextIO) -> int:
    try:
        with contextlib.redirect_stdout(out):  # --help and --version write to sys.stdout
            args = build_parser().parse_args(args_list)
    except SystemExit as exc:  # --help printed its text
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_USAGE
    if args.lang:
        i18n.set_language(args.lang)
    target = resolve_database(args.db)
    command = args.command or "gui"
    if command == "gui":
        if gui is None:
            raise UsageError(_("The desktop app is not available here."))
        return gui(target, i18n.current_language())
    return _COMMANDS[command](target, args, out)


def _bug_message(exc: BaseException) -> str:
    from welcomedesk.bug_log import log_path, record_bug

    try:
        where = record_bug(exc)
    except Exception:  # the log's own failure must not hide the one line
        try:
            path = str(log_path())
        except Exception:  # the data folder itself cannot be named
            path = "logs/errors.log"
        return _("WelcomeDesk met a bug and stopped; what was not finished was undone. The details could not be "
                 "written to {path}.").format(path=path)
    return _("WelcomeDesk met a bug and stopped; what was not finished was undone. The details, without anyone's "
             "personal data, are in {path}: please pass them to support.").format(path=where)


def _language_hint(argv: list[str]) -> str:
    # Parse errors are reported before argparse has run, so look for --lang by hand first.
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else argv[i + 1] if (
            arg == "--lang" and i + 1 < len(argv)) else None
        if value in i18n.LANGUAGES:
            return value
    env = os.environ.get(ENV_LANG, "")
    return env if env in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def _line(out: TextIO, text: str = "") -> None:
    """One line of text output, with stored control characters shown escaped."""
    out.write(terminal_safe(text) + "\n")


def _json(out: TextIO, value: object) -> None:
    json.dump(value, out, ensure_ascii=False, indent=1)
    out.write("\n")


def _init(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    from welcomedesk.services.setup import initialise

    db, result = initialise(target)
    db.close()
    messages = {
        "created": _("Created the database at {where}"),
        "upgraded": _("Upgraded the database at {where}"),
        "current": _("The database at {where} is up to date"),
    }
    _line(out, messages[result.opened].format(where=result.where))
    return EXIT_OK


def _open(target: DatabaseTarget) -> tuple[Database, Actor]:
    from welcomedesk.db.session import open_database
    from welcomedesk.services.accounts import cli_actor

    db = open_database(target)
    try:
        return db, cli_actor(db)
    except BaseException:
        db.close()
        raise


def _demo(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    from welcomedesk.services.demo import make_demo

    db, actor = _open(target)
    try:
        result = make_demo(db, actor, households=args.households, seed=args.seed)
    finally:
        db.close()
    _line(out, _("Added {households} demo households with {persons} people.").format(
        households=result.households, persons=result.persons))
    return EXIT_OK


def _list(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    from welcomedesk.services.newcomers import NewcomerQuery, search_newcomers

    db, actor = _open(target)
    try:
        page = search_newcomers(db, actor, NewcomerQuery(search=args.search), limit=args.limit)
    finally:
        db.close()
    if args.json:
        _json(out, [row.as_json() for row in page.rows])
        return EXIT_OK
    from welcomedesk.labels import date_text, status_label

    for row in page.rows:
        name = terminal_safe(f"{row.family_name}, {row.given_names}")
        _line(out, f"{row.id:>7}  {name[:40]:<40}  {date_text(row.date_of_birth):>10}  {row.nationality:2}  "
                   f"{status_label(row.status):<18}  {date_text(row.arrival_date):>10}")
    _line(out, _("{shown} of {total} newcomers").format(shown=len(page.rows), total=page.total))
    return EXIT_OK


def _show(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    from welcomedesk.services.newcomers import get_person

    db, actor = _open(target)
    try:
        detail = get_person(db, actor, args.person_id)
    finally:
        db.close()
    if args.json:
        _json(out, detail.as_json())
        return EXIT_OK
    from welcomedesk.labels import relation_label, status_label
    from welcomedesk.person_view import person_sections

    row = detail.row
    _line(out, f"{row.family_name}, {row.given_names}  ({status_label(row.status)})")
    if row.native_name:
        _line(out, row.native_name)
    for title, fields in person_sections(detail):
        _line(out)
        _line(out, title)
        for label, value in fields:
            _line(out, f"  {label}: {value or '—'}")
    _line(out)
    _line(out, _("Household"))
    for member in detail.members:
        _line(out, f"  {member.id:>7}  {relation_label(member.relation):<14} {member.family_name}, "
                   f"{member.given_names}")
    return EXIT_OK


_COMMANDS: dict[str, Callable[[DatabaseTarget, argparse.Namespace, TextIO], int]] = {
    "init": _init,
    "demo": _demo,
    "list": _list,
    "show": _show,
}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
