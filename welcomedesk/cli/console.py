"""The command line's output: always UTF-8, and stored text shown so a terminal cannot act on it.

A Windows console may be set to cp1252, where the first Arabic name would stop the output
halfway; JSON and text are written as UTF-8 whatever the code page says. Stored text can hold
escape sequences, NUL or a right-to-left override (U+202E) that would recolour the terminal or
reverse what follows: text output shows them escaped, as ``\\x1b`` or ``\\u202e``.
"""

from __future__ import annotations

import io
import json
import os
import sys
import unicodedata
from functools import lru_cache
from typing import TextIO

# Joiners belong inside Persian and Indic names and emoji sequences; they move nothing.
_KEPT = frozenset("\u200c\u200d")
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


@lru_cache(maxsize=4096)
def _shown(char: str) -> str:
    if char in _KEPT or unicodedata.category(char) not in _ESCAPED_CATEGORIES:
        return char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def terminal_safe(text: str) -> str:
    """``text`` with control, format and separator characters shown as escapes."""
    if text.isprintable():
        return text
    return "".join(_shown(c) for c in text)


def utf8(stream: TextIO | None) -> TextIO | None:
    """``stream`` writing UTF-8 (the real stdout and stderr are switched in place)."""
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    return stream


def silence_stdout() -> None:
    """Point the process's stdout at the null device once its reader has gone.

    Python flushes stdout when it exits; into a closed pipe that would print a
    BrokenPipeError after all.
    """
    try:
        descriptor = os.open(os.devnull, os.O_WRONLY)
        os.dup2(descriptor, sys.stdout.fileno())
        os.close(descriptor)
    except (OSError, ValueError, AttributeError):
        pass  # no real stdout (a test's StringIO, or none at all)


def line(out: TextIO, text: str = "") -> None:
    """One line of text output, with stored control characters shown escaped."""
    out.write(terminal_safe(text) + "\n")


def json_out(out: TextIO, value: object) -> None:
    """``value`` as JSON, every character as it is (JSON escapes the control characters itself)."""
    json.dump(value, out, ensure_ascii=False, indent=1)
    out.write("\n")
