"""The Settings page as an administrator uses it: the service point's contact details, opening hours, colour and
logo typed and chosen, saved, refused beside their fields, and a conflict with another administrator answered."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.helpers import open_window
from ui import dialogs, language
from ui.conflict import VersionsDialog
from ui.main_window import NAVIGATION, MainWindow
from ui.pages.settings import SettingsPage
from welcomedesk.config import resolve_database
from welcomedesk.services.desk import Desk, open_desk
from welcomedesk.services.setup import Municipality, ProfileDetails


def _png(path: Path, size: tuple[int, int] = (180, 60)) -> Path:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, "#A1B2C3").save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def admin_desk(empty_desk: Desk) -> Desk:
    """The first account of a new database (every role), with a service point and no one registered."""
    empty_desk.save_profile("Kainuun Welcome Desk", [Municipality("205", "Kajaani"), Municipality("765", "Sotkamo")])
    return empty_desk


@pytest.fixture
def logo_files() -> Iterator[list[Path]]:
    """The files the logo's file dialog is answered with, in turn (the last one again and again)."""
    files: list[Path] = []

    def choose(_title: str, name_filter: str) -> Path | None:
        assert "*.png" in name_filter
        return files.pop(0) if len(files) > 1 else files[0]

    dialogs.choose_files_with(choose)
    yield files
    dialogs.choose_files_with(None)


def _settings(qtbot: QtBot, desk: Desk) -> tuple[MainWindow, SettingsPage]:
    """The window, on the Settings page chosen in the navigation."""
    window = open_window(qtbot, desk)
    window.navigation.setFocus()
    window.navigation.setCurrentRow([key for key, _label in NAVIGATION].index("settings"))
    page = window.settings
    assert window.stack.currentWidget() is page
    return window, page


def _retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)  # QTest cannot type characters outside Latin-1


def test_an_administrator_types_the_details_picks_a_colour_and_a_logo_and_saves(
        qtbot: QtBot, admin_desk: Desk, tmp_path: Path, logo_files: list[Path], answered: list) -> None:
    window, page = _settings(qtbot, admin_desk)
    assert page.may_edit and not page.read_only.isVisible()
    assert page.colour.text() == "#1F5F8B" and page.preview.pixmap().isNull()
    assert page.municipalities.text() == "Kajaani (205), Sotkamo (765)"

    _retype(qtbot, page.edits["name"], "Kainuun kotoutumispiste")
    _retype(qtbot, page.edits["address"], "Pohjolankatu 13, 87100 Kajaani")
    _retype(qtbot, page.edits["phone"], "08 6155 5555")
    _retype(qtbot, page.edits["email"], "welcome@KAJAANI.fi")
    _retype(qtbot, page.edits["website"], "https://www.kajaani.fi/welcome")
    page.hours.setFocus()
    qtbot.keyClicks(page.hours, "ma-to 9-15")
    qtbot.keyClick(page.hours, Qt.Key.Key_Return)
    page.hours.insertPlainText("pe 9–12")
    colour_icon = page.colour_button.icon().cacheKey()
    _retype(qtbot, page.colour, "#a1b2c3")
    assert page.colour_button.icon().cacheKey() != colour_icon  # the swatch shows the typed colour
    logo_files.append(_png(tmp_path / "logo.png"))
    qtbot.mouseClick(page.choose_logo_button, Qt.MouseButton.LeftButton)
    assert not page.preview.pixmap().isNull() and page.remove_logo_button.isEnabled()
    assert page.changed()

    qtbot.keyClick(page.edits["address"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    profile = admin_desk.profile()
    assert profile is not None and profile.name == "Kainuun kotoutumispiste"
    assert profile.details == ProfileDetails(
        address="Pohjolankatu 13, 87100 Kajaani", phone="08 6155 5555", email="welcome@kajaani.fi",
        website="https://www.kajaani.fi/welcome", hours="ma-to 9-15\npe 9–12",
        logo=(tmp_path / "logo.png").read_bytes(), colour="#A1B2C3")
    assert page.colour.text() == "#A1B2C3" and page.saved_line.text() == "Saved." and not page.changed()
    # The shell shows the new name at once.
    assert window.service_point.text() == "Kainuun kotoutumispiste"
    assert "Kainuun kotoutumispiste" in window.windowTitle()
    assert answered == []

    # Removing the logo and saving leaves none.
    qtbot.mouseClick(page.remove_logo_button, Qt.MouseButton.LeftButton)
    assert page.preview.pixmap().isNull() and page.preview.text() == "No logo"
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = admin_desk.profile()
    assert saved is not None and saved.details.logo is None and saved.details.colour == "#A1B2C3"


def test_a_bad_phone_is_refused_beside_its_field_in_finnish_and_nothing_is_saved(
        qtbot: QtBot, admin_desk: Desk, answered: list) -> None:
    language.set_language("fi")
    _window, page = _settings(qtbot, admin_desk)
    before = admin_desk.profile()
    _retype(qtbot, page.edits["address"], "Pohjolankatu 13")
    _retype(qtbot, page.edits["phone"], "040-KUKKA")
    qtbot.keyClick(page.edits["phone"], Qt.Key.Key_Tab)  # leaving the field checks it
    reason = page.errors["phone"]
    expected = language._("A phone number can contain only digits, spaces, hyphens, parentheses and a + at the "
                          "start.")
    assert reason.isVisible() and reason.text() == expected and expected.startswith("Puhelinnumerossa")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert admin_desk.profile() == before
    assert reason.isVisible() and reason.text() == expected
    assert page.edits["phone"].hasFocus() and page.edits["address"].text() == "Pohjolankatu 13"
    assert not page.errors["address"].isVisible() and page.saved_line.text() == ""
    # Switching the language keeps what was typed and says the reason in the new language.
    language.set_language("sv")
    assert page.edits["phone"].text() == "040-KUKKA" and reason.text().startswith("Ett telefonnummer")
    # Mended, it saves.
    _retype(qtbot, page.edits["phone"], "08 6155 5555")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = admin_desk.profile()
    assert saved is not None and saved.details.phone == "08 6155 5555" and not reason.isVisible()
    assert answered == []


def test_a_logo_that_is_not_an_image_or_too_large_is_refused_and_the_old_one_kept(
        qtbot: QtBot, admin_desk: Desk, tmp_path: Path, logo_files: list[Path], answered: list) -> None:
    _window, page = _settings(qtbot, admin_desk)
    logo_files.append(_png(tmp_path / "logo.png"))
    qtbot.mouseClick(page.choose_logo_button, Qt.MouseButton.LeftButton)
    kept = page.logo
    damaged = tmp_path / "damaged.png"
    damaged.write_bytes((tmp_path / "logo.png").read_bytes()[:60])
    big = tmp_path / "big.jpg"
    big.write_bytes(b"\xff\xd8\xff" + b"\0" * (600 * 1024))
    for path, reason in ((damaged, "damaged"), (big, "at most 512 KB"), (tmp_path / "gone.png", "cannot be read")):
        logo_files[:] = [path]
        qtbot.mouseClick(page.choose_logo_button, Qt.MouseButton.LeftButton)
        assert page.errors["logo"].isVisible() and reason in page.errors["logo"].text()
        assert page.logo == kept and not page.preview.pixmap().isNull()
    logo_files[:] = [tmp_path / "logo.png"]
    qtbot.mouseClick(page.choose_logo_button, Qt.MouseButton.LeftButton)
    assert not page.errors["logo"].isVisible()
    assert answered == []


def _when_versions(choose: Callable[[VersionsDialog], None], seen: list[list[tuple[str, str, str]]]) -> None:
    def run() -> None:
        form = QApplication.activeModalWidget()
        if not isinstance(form, VersionsDialog):
            QTimer.singleShot(10, run)
            return
        seen.append(list(form.rows))
        choose(form)

    QTimer.singleShot(0, run)


def test_another_administrators_save_shows_both_versions_and_mine_is_kept_over_theirs(
        qtbot: QtBot, admin_desk: Desk, tmp_path: Path, answered: list) -> None:
    _window, page = _settings(qtbot, admin_desk)
    other = open_desk(resolve_database(str(tmp_path / "desk.sqlite3")), "maija")
    try:
        loaded = other.profile()
        assert loaded is not None
        other.save_profile(loaded.name, list(loaded.municipalities), loaded.version,
                           details=ProfileDetails(phone="08 6155 5555", hours="ma–pe 9–15"))
    finally:
        other.close()
    _retype(qtbot, page.edits["phone"], "044 123 4567")
    seen: list[list[tuple[str, str, str]]] = []
    _when_versions(lambda form: form.back.click(), seen)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert seen == [[("Phone", "08 6155 5555", "044 123 4567")]]
    assert page.edits["phone"].text() == "044 123 4567" and "Not saved" in page.saved_line.text()
    _when_versions(lambda form: form.keep_mine.click(), seen)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    profile = admin_desk.profile()
    # Mine over theirs; their other change stays.
    assert profile is not None and (profile.details.phone, profile.details.hours) == ("044 123 4567", "ma–pe 9–15")
    assert page.hours.toPlainText() == "ma–pe 9–15" and page.saved_line.text() == "Saved."
    assert answered == []


def test_a_desk_worker_sees_the_details_but_cannot_change_them(qtbot: QtBot, admin_desk: Desk,
                                                               tmp_path: Path, answered: list) -> None:
    admin_desk.save_profile("Kainuun Welcome Desk", [Municipality("205", "Kajaani")], details=ProfileDetails(
        phone="08 6155 5555"))
    worker = open_desk(resolve_database(str(tmp_path / "desk.sqlite3")), "pekka")
    try:
        _window, page = _settings(qtbot, worker)
        assert not page.may_edit and page.read_only.isVisible()
        assert "administrator" in page.read_only.text()
        assert page.edits["phone"].text() == "08 6155 5555" and page.edits["phone"].isReadOnly()
        assert page.hours.isReadOnly() and page.colour.isReadOnly()
        assert not any(b.isEnabled() for b in (page.save_button, page.choose_logo_button, page.colour_button))
        qtbot.keyClick(page.edits["phone"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert answered == []
    finally:
        worker.close()


def test_every_page_of_the_navigation_opens(qtbot: QtBot, admin_desk: Desk, answered: list) -> None:
    window = open_window(qtbot, admin_desk)
    for row, (key, _label) in enumerate(NAVIGATION):
        window.navigation.setCurrentRow(row)
        assert window.stack.currentWidget() is window.pages[key]
    assert answered == []
