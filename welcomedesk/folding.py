"""Search keys of names: folded (case and Latin accents away) and split into words.

"Nguyen" finds "Nguyễn" and "aakko" finds "Ääkkönen" because both sides go through ``fold``;
other scripts keep their letters (Cyrillic й stays й).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["MAX_SEARCH_WORDS", "MAX_WORD_LENGTH", "fold", "name_words", "search_words"]


MAX_WORD_LENGTH = 64
# A search box query is ANDed word by word in SQL; a pasted essay must not become thousands of conditions.
MAX_SEARCH_WORDS = 16

# Latin letters that NFKD does not decompose into a base letter and a mark.
_FOLD_LETTERS = str.maketrans(
    {"đ": "d", "ð": "d", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "ı": "i", "þ": "th", "ß": "ss"}
    | {"ħ": "h", "ŧ": "t"}  # Maltese and Sami letters of the same kind
)
# Modifier-letter apostrophes (Ukrainian ʼ, Hawaiian ʻ) are letters to Unicode but apostrophes to people.
_APOSTROPHE_LETTERS = frozenset("\u02bc\u02bb")


@lru_cache(maxsize=4096)
def _is_separator(char: str) -> bool:
    # Punctuation, symbols, spaces and controls end a word: "=HYPERLINK(" is the word "hyperlink".
    category = unicodedata.category(char)
    return category[0] in "PSZ" or category == "Cc" or char in _APOSTROPHE_LETTERS


@lru_cache(maxsize=4096)
def _is_invisible(char: str) -> bool:
    # Format characters (a right-to-left mark, a BOM, a zero-width space or joiner) are invisible:
    # a name pasted with one must be found by a search typed without it, and the other way round.
    # Lone surrogates are what undecodable bytes of a command line become; they are no letters.
    return unicodedata.category(char) in ("Cf", "Cs")


def _split_words(text: str) -> list[str]:
    return "".join(" " if _is_separator(c) else c for c in text).split()


@lru_cache(maxsize=4096)
def _is_latin(char: str) -> bool:
    return char < "\x80" or unicodedata.name(char, "").startswith("LATIN ")


def fold(text: str) -> str:
    """The search form of a text: casefolded, accents removed from Latin letters, other scripts kept."""
    visible = "".join(c for c in text if not _is_invisible(c))
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", visible).casefold())
    # Compatibility characters can decompose into capitals (U+2121 -> "TEL"), so fold case once more.
    folded = unicodedata.normalize("NFKD", folded.casefold())
    kept: list[str] = []
    base_is_latin = True  # a mark with no base letter before it is noise
    for char in folded:
        if unicodedata.category(char).startswith("M"):
            # Only Latin accents go: in Cyrillic the breve makes й a letter of its own, not a variant of и.
            if base_is_latin:
                continue
        else:
            base_is_latin = _is_latin(char)
        kept.append(char)
    # NFC puts the non-Latin letters back together (и + breve -> й).
    return unicodedata.normalize("NFC", "".join(kept)).translate(_FOLD_LETTERS)


def name_words(*names: str | None) -> list[str]:
    """The folded words of a person's names, in order, without repeats, each at most 64 characters."""
    words: list[str] = []
    seen: set[str] = set()
    for name in names:
        if not name:
            continue
        for word in _split_words(fold(name)):
            # Truncating both stored keys and query words keeps prefix matching correct for long words.
            word = word[:MAX_WORD_LENGTH]
            if word and word not in seen:
                seen.add(word)
                words.append(word)
    return words


def search_words(query: str) -> list[str]:
    """The words of a search box query, folded and split like names (at most 16 words).

    Control characters (a pasted NUL, an escape) are dropped: a query is never stored, and
    PostgreSQL refuses NUL in a string.
    """
    cleaned = "".join(" " if unicodedata.category(c) == "Cc" else c for c in query)
    return name_words(cleaned)[:MAX_SEARCH_WORDS]
