"""Refresh the translations: extract the strings, update fi/sv/en catalogs, compile them.

    python scripts/i18n.py            extract + update + compile
    python scripts/i18n.py compile    compile only (after editing a .po file)
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
POT = I18N / "welcomedesk.pot"
DOMAIN = "welcomedesk"
LANGUAGES = ("fi", "sv", "en")
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)


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
    """Compile every catalog; byte-stable, so an unchanged .po gives an unchanged .mo."""
    for language in LANGUAGES:
        folder = I18N / language / "LC_MESSAGES"
        with open(folder / f"{DOMAIN}.po", "rb") as handle:
            catalog = read_po(handle, locale=language)
        # Without a fixed date the header would carry the time of compiling.
        catalog.creation_date = catalog.revision_date = FIXED_DATE
        with open(folder / f"{DOMAIN}.mo", "wb") as handle:
            write_mo(handle, catalog)


if __name__ == "__main__":
    if sys.argv[1:] == ["compile"]:
        compile_catalogs()
    else:
        extract()
        update()
        compile_catalogs()
