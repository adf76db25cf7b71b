"""150 % text size: the window still fits 1366x768 and no heading or column header is clipped."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.helpers import open_window
from ui import language as ui_language
from ui.startup import apply_style
from welcomedesk.services.desk import Desk


@pytest.fixture
def large_text(qapp: QApplication) -> Iterator[None]:
    original = qapp.font()
    font = qapp.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    qapp.setFont(font)
    apply_style(qapp)
    yield
    qapp.setFont(original)
    apply_style(qapp)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_large_text_fits_without_clipping(qtbot: QtBot, desk: Desk, answered: list, large_text: None,
                                          language: str) -> None:
    ui_language.set_language(language)
    window = open_window(qtbot, desk)
    window.resize(1366, 768)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768
    title = window.app_title
    assert QFontMetrics(title.font()).horizontalAdvance(title.text()) <= title.contentsRect().width()
    table = window.newcomers.table
    header_font = table.horizontalHeader().font()
    header_font.setBold(True)
    for column in range(table.model().columnCount() - 1):  # the last one stretches
        text = table.model().headerData(column, Qt.Orientation.Horizontal)
        assert QFontMetrics(header_font).horizontalAdvance(text) < table.columnWidth(column), text
