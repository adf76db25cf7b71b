"""The command line's argument parsing: errors as UsageError, whole numbers in ASCII, ``--lang`` first."""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Sequence
from typing import Any, NoReturn

from welcomedesk.cli.language import _
from welcomedesk.errors import UsageError
from welcomedesk.i18n import DEFAULT_LANGUAGE, LANGUAGES

ENV_LANG = "WELCOMEDESK_LANG"


class Parser(argparse.ArgumentParser):
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


def whole_number(text: str) -> int:
    """An argument that must be a whole number in ASCII digits ("1_000" and "١٢" are not)."""
    if not re.fullmatch(r"[+-]?[0-9]{1,30}", text):
        raise argparse.ArgumentTypeError(_("not a whole number: {text}").format(text=text))
    return int(text)


def language_of(argv: Sequence[str]) -> str:
    """The language messages should be in, read before the whole command line is (its errors need it).

    A pre-parser knows only ``--lang``; anything it cannot read leaves the choice to the
    environment and the default, and the full parser reports the mistake.
    """
    pre = Parser(add_help=False)
    pre.add_argument("--lang")
    try:
        known, _rest = pre.parse_known_args(list(argv))
    except UsageError:
        known = argparse.Namespace(lang=None)
    for candidate in (known.lang, os.environ.get(ENV_LANG, "")):
        if candidate in LANGUAGES:
            return str(candidate)
    return DEFAULT_LANGUAGE
