"""Translations are complete, compiled and current; switching changes the texts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from welcomedesk import i18n
from welcomedesk.i18n import CurrentLanguage, Message, _, translator

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def _catalog(language: str):  # type: ignore[no-untyped-def]
    with open(I18N / language / "LC_MESSAGES" / "welcomedesk.po", "rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_string_is_translated_and_none_is_fuzzy(language: str) -> None:
    catalog = _catalog(language)
    missing = [m.id for m in catalog if m.id and (m.fuzzy or not m.string
               or (isinstance(m.string, tuple) and not all(m.string)))]
    assert missing == []


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_placeholders_survive_translation(language: str) -> None:
    for message in _catalog(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(re.findall(r"\{(\w+)\}", ids[-1]))
        for string in strings:
            assert set(re.findall(r"\{(\w+)\}", string)) == wanted, message.id


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_compiled_catalogs_match_their_sources(language: str) -> None:
    def key(value: object) -> object:
        return tuple(value) if isinstance(value, (list, tuple)) else value

    source = {key(m.id): key(m.string) for m in _catalog(language) if m.id}
    with open(I18N / language / "LC_MESSAGES" / "welcomedesk.mo", "rb") as handle:
        compiled = {key(m.id): key(m.string) for m in read_mo(handle) if m.id}
    # Untranslated (English) entries may be left out of a compiled file or copied through.
    source = {k: v for k, v in source.items() if v and v != ("", "") and v != k}
    compiled = {k: v for k, v in compiled.items() if v != k}
    assert compiled == source, "run: python scripts/i18n.py compile"


def test_the_template_holds_every_string_of_the_code() -> None:
    found: set[str] = set()
    for folder in ("welcomedesk", "ui"):
        for _filename, _line, message, _comments, _context in extract_from_dir(
                ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS):
            found.add(message[0] if isinstance(message, tuple) else message)
    with open(I18N / "welcomedesk.pot", "rb") as handle:
        template = {m.id[0] if isinstance(m.id, tuple) else m.id for m in read_po(handle) if m.id}
    assert found - template == set(), "run: python scripts/i18n.py"
    assert template - found == set(), "run: python scripts/i18n.py"


def test_a_translator_per_language_and_none_current() -> None:
    texts = {language: translator(language)("Newcomers") for language in ("fi", "sv", "en")}
    assert texts == {"fi": "Tulijat", "sv": "Nyanlända", "en": "Newcomers"}
    assert translator("fi") is translator("fi")
    # A language with no catalog (a packet may be printed in it) speaks English, with its own locale.
    ukrainian = translator("uk")
    assert ukrainian("Newcomers") == "Newcomers" and ukrainian.locale.territories["FI"] == "Фінляндія"
    assert not hasattr(i18n, "set_language") and not hasattr(i18n, "current_language")


def test_a_message_is_english_until_it_is_shown_in_a_language() -> None:
    message = _("There is no newcomer with the number {id}.").format(id=12)
    assert isinstance(message, Message) and message == "There is no newcomer with the number 12."
    assert translator("fi")(message) == "Tulijaa numerolla 12 ei ole."
    assert translator("sv")(message) != message
    # A value that is a message itself is translated with it (a field's label in a duplicate's reason).
    nested = _("{field}: the same value is already saved elsewhere, and it must be unique.").format(
        field=Message("Personal identity code"))
    assert translator("fi")(nested).startswith("Henkilötunnus:")
    with pytest.raises(TypeError):
        message.format(12)


def test_a_current_language_is_kept_by_whoever_needs_one_and_tells_its_listeners() -> None:
    ui, cli = CurrentLanguage("fi"), CurrentLanguage("en")
    heard: list[str] = []
    ui.listen(heard.append)
    ui.set("sv")
    ui.set("en")
    ui.forget(heard.append)
    ui.set("fi")
    assert heard == ["sv", "en"] and ui.words("Newcomers") == "Tulijat" and cli.words("Newcomers") == "Newcomers"
    with pytest.raises(ValueError):
        ui.set("uk")  # papers may be printed in Ukrainian; the program itself does not speak it
