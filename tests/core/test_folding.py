"""Search keys: folding and word splitting of names and search box queries."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from welcomedesk import folding
from welcomedesk.folding import fold, name_words, search_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Nguyễn", "nguyen"), ("Ääkkönen", "aakkonen"), ("ĐẶNG", "dang"), ("Йосип", "йосип"), ("Øberg", "oberg"),
     ("Ærøskøbing", "aeroskobing"), ("Œuvre", "oeuvre"), ("Łódź", "lodz"), ("Þórður", "thordur"),
     ("Straße", "strasse"), ("ẞ", "ss"), ("Işık", "isik"), ("İstanbul", "istanbul"), ("Ёжик", "ёжик"),
     ("أحمد", "أحمد"), ("张伟", "张伟"), ("Ｎｇｕｙｅｎ", "nguyen"), ("ǅemal", "dzemal"), ("Ħal", "hal")],
)  # fmt: skip
def test_fold_examples(text: str, expected: str) -> None:
    assert fold(text) == expected
    assert fold(unicodedata.normalize("NFD", text)) == expected


@given(st.text())
def test_fold_is_stable_and_strips_every_latin_accent(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert fold(unicodedata.normalize("NFD", text)) == folded
    base_is_latin = False
    for char in unicodedata.normalize("NFD", folded):
        if unicodedata.category(char).startswith("M"):
            assert not base_is_latin, (text, folded)
        else:
            base_is_latin = char.isascii() or unicodedata.name(char, "").startswith("LATIN ")


@given(st.text(st.characters(min_codepoint=0x400, max_codepoint=0x4FF, categories=("Lu", "Ll"))))
def test_cyrillic_is_only_casefolded(text: str) -> None:
    assert fold(text) == unicodedata.normalize("NFC", text).casefold()


def test_name_words() -> None:
    assert name_words("Anna-Liisa", "Nguyễn Thị") == ["anna", "liisa", "nguyen", "thi"]
    assert name_words("O’Brien", "D'Angelo", None, "") == ["o", "brien", "d", "angelo"]
    assert name_words("Anna Anna", "ANNA", "Änna") == ["anna"]
    assert name_words("Григор’єв", "Григорʼєв") == ["григор", "єв"]
    assert name_words("a" * 100) == ["a" * 64]
    assert name_words("a" * 64 + "b", "a" * 64 + "c") == ["a" * 64]
    assert name_words("   ", None) == []


def test_search_words() -> None:
    assert search_words("  Nguyen,  anna  ") == ["nguyen", "anna"]
    assert search_words("ääkkö") == ["aakko"]
    assert name_words("Ääkkönen")[0].startswith(search_words("ääkkö")[0])
    assert search_words("") == []
    assert search_words("<b>&</b>") == ["b"]  # punctuation and symbols separate words
    assert search_words('=HYPERLINK("x")') == ["hyperlink", "x"]
    many = search_words(" ".join(f"w{i}" for i in range(5_000)))
    assert many == [f"w{i}" for i in range(folding.MAX_SEARCH_WORDS)]


# Stored names never hold control characters (normalise_name refuses them).
@given(st.lists(st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30), max_size=4))
def test_words_are_folded_separated_and_short(names: list[str]) -> None:
    words = name_words(*names)
    assert len(words) == len(set(words))
    for word in words:
        assert word and len(word) <= 64
        assert not any(c.isspace() or c in "-'’" for c in word)
    for name in names:
        for word in search_words(name):
            assert word in words


