"""The command line: the scriptable face of the services (the contract of DESIGN.md).

One module per group of commands (``data``: init, demo, import; ``people``: list, show), each adding
its commands to the parser; the papers, region, maintenance and users groups join as their
commands are built. It never imports Qt: the GUI is started through a launcher handed in by
``ui.app``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from welcomedesk.cli import backups, data, health, language, papers, people, privacy, region, users
from welcomedesk.cli.console import silence_stdout, terminal_safe, utf8
from welcomedesk.cli.language import _
from welcomedesk.cli.parsing import Parser, language_of
from welcomedesk.config import DatabaseTarget, resolve_database
from welcomedesk.errors import (
    EXIT_BUG,
    EXIT_INTERRUPTED,
    EXIT_STORAGE,
    EXIT_USAGE,
    KnownError,
    UsageError,
    ValidationError,
)
from welcomedesk.i18n import LANGUAGES

GuiLauncher = Callable[[DatabaseTarget, str], int]
Command = Callable[[DatabaseTarget, argparse.Namespace, TextIO], int]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the command-line contract, in the command line's language."""
    parser = Parser(prog="welcomedesk", description=_("WelcomeDesk, the desk tool of a welcome service point."))
    parser.add_argument("--db", metavar="URL_OR_PATH", help=_("database file or URL (also WELCOMEDESK_DB)"))
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of the program and its messages"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    commands.add_parser("gui", help=_("open the desktop app (the default)"))
    data.add_commands(commands)
    people.add_commands(commands)
    papers.add_commands(commands)
    region.add_commands(commands)
    health.add_commands(commands)
    backups.add_commands(commands)
    privacy.add_commands(commands)
    users.add_commands(commands)
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
    language.set_language(language_of(args_list))
    output = io.StringIO()
    try:
        code = _run(args_list, gui, output)
    except KnownError as exc:
        code = exc.exit_code
        _say(err, *_reasons(exc))
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
        _say(err, _("Interrupted: what the command had not finished was undone."))
    except Exception as exc:  # everything else is a bug: logged, and said in one line
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


def _reasons(exc: KnownError) -> list[str]:
    """Every reason of ``exc`` in the command line's language; an import's with its row and column."""
    if not isinstance(exc, ValidationError):
        return [_(reason) for reason in exc.reasons]
    return [_("Row {row}, {column}: {reason}").format(row=p.row, column=p.field or "—", reason=_(p.message))
            if p.row is not None else _(p.message) for p in exc.problems]


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
        with contextlib.redirect_stdout(out):  # --help writes to sys.stdout
            args = build_parser().parse_args(args_list)
    except SystemExit as exc:  # --help printed its text
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_USAGE
    if args.lang:
        language.set_language(args.lang)
    target = resolve_database(args.db)
    run: Command | None = getattr(args, "run", None)
    if run is not None:
        return run(target, args, out)
    if gui is None:
        raise UsageError(_("The desktop app is not available here."))
    return gui(target, language.current_language())


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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
