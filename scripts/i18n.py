"""Refresh the translations: extract the strings, update fi/sv/en catalogs, compile them.

    python scripts/i18n.py            extract + update + compile
    python scripts/i18n.py compile    compile only (after editing a .po file)
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
POT = I18N / "welcomedesk.pot"
DOMAIN = "welcomedesk"
LANGUAGES = ("fi", "sv", "en")


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    pybabel("extract", "-F", str(ROOT / "babel.cfg"), "-k", "N_", "-k", "ngettext:1,2", "--no-location",
            "--sort-output", "--omit-header", "-o", str(POT), str(ROOT / "welcomedesk"), str(ROOT / "ui"))


def update() -> None:
    for language in LANGUAGES:
        po = I18N / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.exists():
            pybabel("update", "-i", str(POT), "-d", str(I18N), "-D", DOMAIN, "-l", language, "--no-fuzzy-matching",
                    "--omit-header", "--ignore-obsolete")
        else:
            pybabel("init", "-i", str(POT), "-d", str(I18N), "-D", DOMAIN, "-l", language)


def compile_catalogs() -> None:
    for language in LANGUAGES:
        pybabel("compile", "-d", str(I18N), "-D", DOMAIN, "-l", language, "--use-fuzzy")


if __name__ == "__main__":
    if sys.argv[1:] == ["compile"]:
        compile_catalogs()
    else:
        extract()
        update()
        compile_catalogs()
