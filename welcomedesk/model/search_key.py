"""Keeps a person's sort name and name search key in step with their names."""

from __future__ import annotations

from welcomedesk.folding import fold, name_words
from welcomedesk.model.person import Person, PersonNameKey


def sort_name_of(family_name: str, given_names: str) -> str:
    """The folded "family given" that sorts a list by name."""
    return fold(f"{family_name} {given_names}".strip())[:210]


def refresh_search_key(person: Person) -> None:
    """Set ``sort_name`` and the name key words from the names (called before every flush)."""
    person.sort_name = sort_name_of(person.family_name or "", person.given_names or "")
    wanted = name_words(person.given_names, person.family_name, person.native_name)  # folded, unique, short
    have = {key.word: key for key in person.name_keys}
    # Keep the words that stay: deleting and re-inserting one would collide on the primary key.
    for word, key in have.items():
        if word not in wanted:
            person.name_keys.remove(key)
    for word in wanted:
        if word not in have:
            person.name_keys.append(PersonNameKey(word=word))
