"""Importing a recruiter's list in the app: choose, look it over, see the bad rows, correct, import."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.core.test_import import nurses, write_csv
from tests.ui.helpers import open_window
from ui import dialogs
from ui.import_dialog import ImportDialog
from welcomedesk.services.desk import Desk
from welcomedesk.services.newcomers import NewcomerQuery


@pytest.fixture
def chosen() -> Iterator[list[Path]]:
    """The files the file dialog will hand over, in turn."""
    files: list[Path] = []
    dialogs.choose_files_with(lambda _title, _filter: files.pop(0) if files else None)
    yield files
    dialogs.choose_files_with(None)


def _table(form: ImportDialog) -> list[list[str]]:
    return [[form.table.item(r, c).text() for c in range(form.table.columnCount())]
            for r in range(form.table.rowCount())]


def test_a_bad_row_is_shown_then_the_corrected_file_imports(qtbot: QtBot, desk: Desk, answered: list,
                                                            chosen: list[Path], tmp_path: Path) -> None:
    before = desk.search(NewcomerQuery()).total
    rows = nurses()
    good = rows[6][14]
    rows[6][14] = good[:-1] + ("A" if good[-1] != "A" else "B")
    rows[2][2] = "<b>Bold</b> & =SUM(A1)"  # shown as typed, never as markup
    chosen.append(write_csv(tmp_path / "bad.csv", [list(r) for r in rows]))
    form = ImportDialog(desk)
    qtbot.addWidget(form)
    form.show()
    qtbot.mouseClick(form.choose, Qt.MouseButton.LeftButton)
    assert "1 row has mistakes" in form.summary.text() and not form.import_button.isEnabled()
    assert _table(form)[0][:2] == ["8", "Personal identity code"]
    rows[6][14] = good
    chosen.append(write_csv(tmp_path / "good.csv", rows))
    qtbot.mouseClick(form.choose, Qt.MouseButton.LeftButton)
    assert f"{len(rows)} people in 12 households will be imported" in form.summary.text()
    assert form.import_button.isEnabled() and form.focusWidget() is form.import_button
    preview = _table(form)
    assert len(preview) == len(rows) and preview[0][0] == "2"
    assert any("<b>Bold</b> & =SUM(A1)" in row[2] for row in preview)
    assert desk.search(NewcomerQuery()).total == before  # looking saved nothing
    qtbot.keyClick(form.import_button, Qt.Key.Key_Return)
    assert form.imported is not None and form.imported.people == len(rows)
    assert desk.search(NewcomerQuery()).total == before + len(rows)
    assert answered == []


def test_the_newcomers_page_imports_and_shows_who_came_in(qtbot: QtBot, desk: Desk, answered: list,
                                                          chosen: list[Path], tmp_path: Path) -> None:
    window = open_window(qtbot, desk)
    before = window.newcomers.model.total
    chosen.append(write_csv(tmp_path / "list.csv", nurses(3)))

    def work_the_form() -> None:
        form = QApplication.activeModalWidget()
        if not isinstance(form, ImportDialog):
            QTimer.singleShot(10, work_the_form)
            return
        qtbot.mouseClick(form.choose, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(form.import_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, work_the_form)
    qtbot.mouseClick(window.newcomers.import_button, Qt.MouseButton.LeftButton)
    assert window.newcomers.model.total == before + 4  # three nurses, one with a spouse
    assert "4" in window.statusBar().currentMessage()


def test_a_file_that_is_no_list_says_why(qtbot: QtBot, desk: Desk, answered: list, chosen: list[Path],
                                        tmp_path: Path) -> None:
    broken = tmp_path / "list.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is no spreadsheet")
    chosen.append(broken)
    form = ImportDialog(desk)
    qtbot.addWidget(form)
    qtbot.mouseClick(form.choose, Qt.MouseButton.LeftButton)
    assert "cannot be read" in form.summary.text() and not form.import_button.isEnabled()
