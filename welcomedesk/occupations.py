"""Occupation groups: the ISCO-08 unit groups the desk sees most, with their names, and typed titles matched to them.

The groups, their names in Finnish, Swedish and English and the job titles people type for
them are bundled in ``resources/content/occupations.json``. A typed title is matched to a group
only where that is clear: the longest title that fits wins, and a tie between groups is no match.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from welcomedesk.folding import fold
from welcomedesk.resources import resource_path

_WORD = re.compile(r"\w+")
# A single-word title also fits the end of a longer word: Finnish compounds ("terveyskeskuslääkäri").
_MIN_SUFFIX = 6


@dataclass(frozen=True)
class OccupationGroup:
    """One ISCO-08 unit group with its names."""

    code: str
    names: dict[str, str]  # by language: fi, sv, en
    titles: tuple[tuple[str, ...], ...]  # each typed title as its folded words

    def name(self, language: str) -> str:
        """The group's name in ``language`` (English where there is none)."""
        return self.names.get(language) or self.names["en"]


@cache
def occupation_groups() -> dict[str, OccupationGroup]:
    """Every bundled group by its four-digit code, in code order."""
    data = json.loads(resource_path("content", "occupations.json").read_text(encoding="utf-8"))
    groups = {}
    for entry in data["groups"]:
        names = {lang: entry[lang] for lang in ("fi", "sv", "en")}
        titles = tuple(tuple(_words(t)) for t in (*entry["titles"], *names.values()))
        groups[entry["code"]] = OccupationGroup(entry["code"], names, titles)
    return dict(sorted(groups.items()))


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _fits(title: tuple[str, ...], words: list[str]) -> int:
    """How much of ``title`` fits ``words`` (its length in characters), 0 when it does not."""
    size = len(title)
    for start in range(len(words) - size + 1):
        if tuple(words[start:start + size]) == title:
            return sum(map(len, title)) + size  # a whole-word fit beats a suffix of the same length
    if size == 1 and len(title[0]) >= _MIN_SUFFIX and any(w.endswith(title[0]) for w in words):
        return len(title[0])
    return 0


def match_occupation(title: str) -> str | None:
    """The group code a typed job title clearly belongs to, or None."""
    words = _words(title)
    if not words:
        return None
    best: dict[str, int] = {}
    for group in occupation_groups().values():
        score = max((_fits(t, words) for t in group.titles), default=0)
        if score:
            best[group.code] = score
    if not best:
        return None
    top = max(best.values())
    winners = [code for code, score in best.items() if score == top]
    return winners[0] if len(winners) == 1 else None
