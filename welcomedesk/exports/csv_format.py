"""A summary as CSV the way Finnish Excel opens it: UTF-8 with a byte order mark (without it Excel reads
ANSI), ``;`` between fields (the comma is the decimal sign), every field quoted, CRLF line ends, decimals
with a comma. The blocks and signs are those of ``lines``; text that could be taken for a formula
starts with an apostrophe.
"""

from __future__ import annotations

from collections.abc import Callable

from welcomedesk.exports.lines import Labels, Value, blocks, same
from welcomedesk.exports.summary import Summary

BOM = "\ufeff"
SEPARATOR = ";"
NEWLINE = "\r\n"


def to_csv(summary: Summary, labels: Labels = same, words: Callable[[str], str] = str) -> bytes:
    """The bytes of ``summary``'s CSV file; a blank line between blocks."""
    out: list[str] = []
    for block in blocks(summary, labels, words):
        out += [SEPARATOR.join(map(_field, line.fields)) + NEWLINE for line in block.lines]
        out.append(NEWLINE)
    return (BOM + "".join(out)).encode("utf-8")


def _field(value: Value) -> str:
    text = _decimal(value) if isinstance(value, float) else str(value)
    return '"' + text.replace('"', '""') + '"'


def _decimal(value: float) -> str:
    """A decimal as Finnish Excel reads it: 12,5 (and 12 for 12.0)."""
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
