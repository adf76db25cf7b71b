"""Thousands of void Qt calls leave None alive (PySide6 6.12 on Python 3.11 takes a reference each time)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

import ui  # noqa: F401 - importing the app is what guards None


def test_none_survives_many_void_calls(qtbot: QtBot) -> None:
    line = QLineEdit()
    qtbot.addWidget(line)
    before = sys.getrefcount(None)
    for _ in range(20_000):  # more than None's whole count on a fresh 3.11 interpreter
        line.setText("x")
    assert sys.getrefcount(None) > 1 << 59
    assert before - sys.getrefcount(None) < 40_000
