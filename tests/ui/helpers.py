"""Helpers the UI tests share."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.hub import Hub
from ui.main_window import MainWindow
from welcomedesk.services.desk import Desk


def open_window(qtbot: QtBot, desk: Desk) -> MainWindow:
    """The main window on ``desk``, shown, closed by qtbot after the test."""
    profile = desk.profile()
    assert profile is not None
    window = MainWindow(desk, profile, Hub())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    # The window opens on Today; these tests start where a worker looking for someone would: the list.
    window.show_list()
    return window
