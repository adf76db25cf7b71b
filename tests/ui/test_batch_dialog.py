"""Packets for a group arrival, from the newcomer list: counted, started, cancelled midway while the app stays
usable — every file written is a whole PDF and recorded on its person, and nothing else is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.helpers import open_window
from ui import dialogs, tasks
from ui.batch_dialog import BatchDialog
from ui.language import ngettext
from ui.main_window import MainWindow
from welcomedesk.services.desk import Desk


@pytest.fixture
def folder(tmp_path: Path, answered: list) -> Iterator[Path]:
    """The folder dialog answered with a new folder; background work in real threads (the batch needs them)."""
    chosen = tmp_path / "packets"
    dialogs.choose_files_with(lambda _title, name_filter: chosen if name_filter == "" else None)
    tasks.set_synchronous(False)
    yield chosen
    dialogs.choose_files_with(None)


def _dialog(qtbot: QtBot, window: MainWindow, arrived_from: str, arrived_to: str) -> BatchDialog:
    """The batch window opened from the list, with the period typed and the folder chosen, counted."""
    qtbot.mouseClick(window.newcomers.packets_button, Qt.MouseButton.LeftButton)
    dialog = window.newcomers.findChild(BatchDialog)
    assert isinstance(dialog, BatchDialog) and dialog.isVisible()
    for field, text in ((dialog.arrived_from, arrived_from), (dialog.arrived_to, arrived_to)):
        field.selectAll()
        qtbot.keyClicks(field, text)
    assert not dialog.start_button.isEnabled()  # no folder yet
    qtbot.mouseClick(dialog.choose_folder, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled() and "Counting" not in dialog.count.text(),
                    timeout=10000)
    return dialog


def _papers(desk: Desk, person_ids: list[int]) -> int:
    return sum(len(desk.person(person_id).papers) for person_id in person_ids)


def _whole(folder: Path) -> list[Path]:
    """The folder's files, each a PDF that reads whole (no temp file left behind)."""
    files = sorted(folder.iterdir())
    for path in files:
        assert path.suffix == ".pdf", path
        assert len(PdfReader(path).pages) >= 1
    return files


def test_a_batch_cancelled_midway_loses_nothing_and_writes_nothing_half(
        qtbot: QtBot, desk: Desk, folder: Path, answered: list) -> None:
    window = open_window(qtbot, desk)
    dialog = _dialog(qtbot, window, "1.1.2024", "23.11.2026")  # the demo's arrivals of almost three years
    total = dialog.total
    assert total > 10 and str(total) in dialog.count.text()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.running and dialog.batch is not None
    person_ids = [job.request.person_id for job in dialog.batch.jobs]
    assert len(person_ids) == total and _papers(desk, person_ids) == 0
    assert dialog.cancel_button.isVisible() and not dialog.start_button.isVisible()
    assert QApplication.activeModalWidget() is None  # the list stays usable meanwhile

    qtbot.waitUntil(lambda: dialog.progress.value() >= 1, timeout=60000)
    assert dialog.progress_text.text().endswith(f"of {total}")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=60000)

    assert dialog.outcomes is not None
    written = [o for o in dialog.outcomes if o.out is not None]
    not_made = total - len(dialog.outcomes)
    assert written and not_made > 0
    assert ngettext("Cancelled: {count} packet was not made.", "Cancelled: {count} packets were not made.",
                    not_made).format(count=not_made) in dialog.summary.text()
    files = _whole(folder)
    assert files == sorted(o.out for o in written if o.out is not None)
    assert _papers(desk, person_ids) == len(files)
    assert dialog.open_button.isVisible() and dialog.start_button.isVisible()
    assert answered == []


def test_closing_while_the_packets_are_made_asks_to_stop_first(
        qtbot: QtBot, desk: Desk, folder: Path, answered: list) -> None:
    window = open_window(qtbot, desk)
    dialog = _dialog(qtbot, window, "1.1.2025", "23.11.2026")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.running and dialog.batch is not None
    person_ids = [job.request.person_id for job in dialog.batch.jobs]
    dialog.close()
    assert [kind for kind, _title, _text in answered] == ["question"]
    assert dialog.batch.cancelled
    qtbot.waitUntil(lambda: window.newcomers.findChild(BatchDialog) is None, timeout=60000)
    files = _whole(folder) if folder.exists() else []
    assert _papers(desk, person_ids) == len(files) < len(person_ids)
