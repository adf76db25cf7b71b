"""A name in a script no installed font draws is reported by script, never drawn as boxes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontDatabase
from pytestqt.qtbot import QtBot

from ui import fonts


def test_a_script_without_a_font_is_named(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "_available", lambda system: system != QFontDatabase.WritingSystem.Malayalam)
    assert fonts.missing_script("അഞ്ജു തോമസ്") == "Malayalam"
    assert fonts.missing_script("Anju Thomas") is None
    assert fonts.missing_script("Олена Шевченко") is None
    assert fonts.missing_script("Nguyễn Thị Lan") is None


def test_the_list_shows_a_note_instead_of_boxes(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    from ui.models.newcomers import NATIVE_COLUMN, NewcomerTableModel
    from welcomedesk.services.newcomers import NewcomerRow, Page

    row = NewcomerRow(1, 1, "main", "Anju", "Thomas", "അഞ്ജു തോമസ്", date(1990, 1, 1), "IN", "en;ml", "", "",
                      None, "arrived", "", "", None, "205")
    model = NewcomerTableModel(lambda query, limit: Page(1, 0, (row,)), lambda *args: Page(1, 0, (row,)))
    model.set_query(model.query)
    monkeypatch.setattr(fonts, "_available", lambda system: system != QFontDatabase.WritingSystem.Malayalam)
    shown = model.data(model.index(0, NATIVE_COLUMN))
    assert "Malayalam" in shown and "അ" not in shown
