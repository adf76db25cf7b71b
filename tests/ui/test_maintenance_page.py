"""The Maintenance page as an administrator uses it: back up now, the automatic backups listed, the database
checked (whole, then with an audit entry edited), and a backup put back, after which the app closes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.helpers import open_window
from ui import dialogs
from ui.pages.maintenance import MaintenancePage
from welcomedesk.config import resolve_database
from welcomedesk.services.desk import Desk, open_desk
from welcomedesk.services.newcomers import NewcomerQuery


@pytest.fixture
def chosen(tmp_path: Path) -> Iterator[list[Path]]:
    """The file every file dialog answers with: the first of the list."""
    files: list[Path] = [tmp_path / "usb" / "copy.sqlite3"]
    files[0].parent.mkdir()
    dialogs.choose_files_with(lambda _title, _filter: files[0])
    yield files
    dialogs.choose_files_with(None)


def _page(qtbot: QtBot, desk: Desk) -> MaintenancePage:
    window = open_window(qtbot, desk)
    window.show_page("maintenance")
    page = window.pages["maintenance"]
    assert isinstance(page, MaintenancePage) and window.stack.currentWidget() is page
    return page


def test_back_up_now_and_the_automatic_backups_listed(qtbot: QtBot, desk: Desk, answered: list,
                                                      chosen: list[Path]) -> None:
    page = _page(qtbot, desk)
    assert page.kept.isHidden() and "none yet" in page.kept_heading.text()
    page.backup_now.click()
    assert chosen[0].is_file() and chosen[0].stat().st_size > 10_000
    assert str(chosen[0]) in page.backup_message.text()
    desk.automatic_backup("daily")
    page.refresh()
    assert page.kept.count() == 1 and page.kept.item(0).text().endswith(".sqlite3")
    assert answered == []


def test_the_check_says_whole_then_finds_an_edited_audit_entry(qtbot: QtBot, desk: Desk, answered: list) -> None:
    page = _page(qtbot, desk)
    page.check_button.click()
    assert "is whole" in page.check_result.text() and page.findings.isHidden()
    connection = sqlite3.connect(desk.where(), isolation_level=None)
    connection.execute("UPDATE audit_entry SET fields = 'x' WHERE id = 5")
    connection.close()
    page.check_button.click()
    assert "1 problem found" in page.check_result.text()
    assert "entry 5" in page.findings.item(0).text()


def test_a_backup_put_back_brings_the_old_state_and_closes_the_app(qtbot: QtBot, desk: Desk, answered: list,
                                                                   chosen: list[Path]) -> None:
    page = _page(qtbot, desk)
    page.backup_now.click()
    before = desk.search(NewcomerQuery()).total
    first = desk.person(1)
    desk.save_person(1, first.version, {"email": "after.backup@example.fi"})
    window = page.window()
    page.restore_button.click()
    assert desk.closed and not window.isVisible()
    assert any("backup is in place" in text for _kind, _title, text in answered)
    again = open_desk(resolve_database(desk.where()), "maija")
    try:
        assert again.search(NewcomerQuery()).total == before
        assert again.person(1).row.id == 1
        assert "after.backup@example.fi" not in repr(again.person(1))
    finally:
        again.close()


def test_a_damaged_backup_is_refused_and_nothing_changes(qtbot: QtBot, desk: Desk, answered: list,
                                                         chosen: list[Path]) -> None:
    page = _page(qtbot, desk)
    chosen[0].write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    page.restore_button.click()
    assert not desk.closed and page.window().isVisible()
    assert answered and answered[-1][0] == "error"
    assert desk.search(NewcomerQuery()).total > 0


def test_erase_by_number_after_the_question(qtbot: QtBot, desk: Desk, answered: list) -> None:
    page = _page(qtbot, desk)
    name = desk.person(3).row.family_name
    page.erase_number.setText("3")
    page.erase_button.click()
    assert answered[-1][0] == "question" and "newcomer 3" in answered[-1][2]
    assert "was erased" in page.erase_message.text()
    assert desk.person(3).row.family_name == "" and name
    assert all(row.id != 3 for row in desk.search(NewcomerQuery()).rows)
    # Twice: refused with its reason, on the page.
    page.erase_number.setText("3")
    page.erase_button.click()
    assert "erased already" in page.erase_message.text()


def test_retention_rules_saved_previewed_and_run(qtbot: QtBot, desk: Desk, answered: list) -> None:
    from datetime import date

    from welcomedesk.codes import Status

    page = _page(qtbot, desk)
    assert not page.run_button.isEnabled()
    early = next(row for row in desk.search(NewcomerQuery(sort="arrival"), limit=50).rows
                 if row.status is Status.ARRIVED and row.arrival_date is not None
                 and row.arrival_date < date(2025, 5, 1))
    desk.change_status(early.id, Status.LEFT, date(2025, 6, 1))
    page.case_years.setValue(1)
    page.note_months.setValue(0)
    page.save_rules.click()
    assert "saved" in page.retention_message.text()
    assert desk.retention_rules().case_years == 1
    page.preview_button.click()
    listed = [page.preview.item(i).text() for i in range(page.preview.count())]
    assert any(f"Newcomer {early.id}:" in text for text in listed)
    assert page.run_button.isEnabled()
    page.run_button.click()
    assert "Erased the data of" in page.retention_message.text()
    assert desk.person(early.id).row.family_name == ""
