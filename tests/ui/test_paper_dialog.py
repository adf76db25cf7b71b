"""A desk worker makes a person's papers: Ctrl+P for the packet in Arabic and Finnish, a look at the real pages,
then printed and saved (each recorded on the person); a referral slip that shares only what the person agreed to;
a name no font can draw refused in the dialog, in words."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from tests.core.test_registration import family
from tests.ui.helpers import open_window
from ui import dialogs
from ui.main_window import MainWindow
from ui.paper_dialog import PaperDialog
from welcomedesk.codes import PaperKind
from welcomedesk.services.desk import Desk


@pytest.fixture
def printed(tmp_path: Path) -> Iterator[list[Path]]:
    """Every print dialog answered with a printer that writes a PDF file into tmp_path; the files, in order."""
    files: list[Path] = []

    def printer() -> QPrinter:
        chosen = QPrinter(QPrinter.PrinterMode.HighResolution)
        chosen.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        files.append(tmp_path / f"printed-{len(files) + 1}.pdf")
        chosen.setOutputFileName(str(files[-1]))
        return chosen

    dialogs.choose_printers_with(printer)
    yield files
    dialogs.choose_printers_with(None)


@pytest.fixture
def saved_as(tmp_path: Path) -> Iterator[list[Path]]:
    """Every save dialog answered with a new file name in tmp_path (without ".pdf": the dialog adds it)."""
    files: list[Path] = []

    def choose(_title: str, name_filter: str) -> Path:
        assert "*.pdf" in name_filter
        files.append(tmp_path / f"saved-{len(files) + 1}")
        return files[-1]

    dialogs.choose_files_with(choose)
    yield files
    dialogs.choose_files_with(None)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return unicodedata.normalize("NFKC", " ".join(page.extract_text() for page in reader.pages))


def _opened(qtbot: QtBot, desk: Desk, given_names: str = "Maria Luz") -> tuple[MainWindow, int]:
    members = family()
    members[0]["given_names"] = given_names
    person_id = desk.register(members)[0]
    window = open_window(qtbot, desk)
    window.open_person(person_id)
    return window, person_id


def _dialog(qtbot: QtBot, window: MainWindow) -> PaperDialog:
    qtbot.waitUntil(lambda: window.findChild(PaperDialog) is not None, timeout=2000)
    dialog = window.findChild(PaperDialog)
    assert isinstance(dialog, PaperDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    return dialog


def _preview(qtbot: QtBot, dialog: PaperDialog, languages: tuple[str, ...]) -> None:
    """Wait until the preview shows the paper in ``languages``, whole."""
    qtbot.waitUntil(lambda: dialog.made is not None and dialog.made.paper.languages == languages, timeout=10000)
    assert dialog.made is not None and dialog.document is not None
    assert dialog.document.status() == QPdfDocument.Status.Ready
    assert dialog.document.pageCount() == dialog.made.paper.pages >= 1
    assert dialog.view.document() is dialog.document
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()


def test_a_packet_in_arabic_and_finnish_is_previewed_printed_and_saved(
        qtbot: QtBot, desk: Desk, answered: list, printed: list[Path], saved_as: list[Path]) -> None:
    window, person_id = _opened(qtbot, desk)
    before = len(desk.person(person_id).papers)
    assert window.person.no_papers.isVisible() and window.person.papers.rowCount() == 0
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window.person, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(qtbot, window)
    assert dialog.kind is PaperKind.PACKET
    assert dialog.language.currentData() == "en"  # her first language with packet texts (tagalog has none)
    assert not dialog.identity_code.isChecked()  # never printed unless asked
    _preview(qtbot, dialog, ("en",))

    dialog.language.setCurrentIndex(dialog.language.findData("ar"))
    assert not dialog.print_button.isEnabled()  # what is shown is not what would print until the preview is new
    dialog.second.setCurrentIndex(dialog.second.findData("fi"))
    _preview(qtbot, dialog, ("ar", "fi"))
    made = dialog.made
    assert made is not None
    assert "Maria Luz Santos" in _text(made.paper.pdf)

    # Ctrl+P again, in the dialog: printed page by page to the printer chosen.
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.saved == 1, timeout=30000)
    assert printed[0].exists()
    assert len(PdfReader(printed[0]).pages) == made.paper.pages
    papers = desk.person(person_id).papers
    assert len(papers) == before + 1
    assert (papers[-1].kind, papers[-1].languages) == (PaperKind.PACKET, "ar+fi")
    assert window.person.papers.rowCount() == before + 1 and not window.person.no_papers.isVisible()

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.saved == 2, timeout=10000)
    saved = saved_as[0].with_name(saved_as[0].name + ".pdf")
    assert saved.read_bytes() == made.paper.pdf
    assert len(desk.person(person_id).papers) == before + 2
    assert window.person.papers.rowCount() == before + 2
    assert answered == []

    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert len(printed) == 1 and len(desk.person(person_id).papers) == before + 2  # closing records nothing


def test_a_referral_slip_shares_only_what_the_person_agreed_to(
        qtbot: QtBot, desk: Desk, answered: list, saved_as: list[Path]) -> None:
    window, person_id = _opened(qtbot, desk)
    detail = desk.person(person_id)
    phone = re.sub(r"\D", "", detail.row.phone)
    assert len(phone) >= 9
    steps = window.person.steps_panel
    chosen = next(s for s in detail.steps if s.applies and s.partner_id is not None and s.code != detail.steps[0].code)
    steps.select_step(chosen.item_id)
    qtbot.mouseClick(window.person.paper_buttons[PaperKind.SLIP], Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, window)
    # The step the cursor was on, its partner, Finnish for the partner and her own language for her.
    assert dialog.step.currentData() == chosen.item_id
    assert dialog.partner.currentData() == str(chosen.referred_to_id or chosen.partner_id)
    assert (dialog.language.currentData(), dialog.second.currentData()) == ("fi", "en")
    assert not any(box.isChecked() for box in dialog.share.values())
    _preview(qtbot, dialog, ("fi", "en"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.saved == 1, timeout=10000)
    text = _text(saved_as[0].with_name(saved_as[0].name + ".pdf").read_bytes())
    assert "Santos" in text
    assert phone not in re.sub(r"\D", "", text) and "maria.santos@example.com" not in text
    papers = desk.person(person_id).papers
    assert (papers[-1].kind, papers[-1].languages) == (PaperKind.SLIP, "fi+en")

    # Once she agrees, the phone is on the slip.
    dialog.share["phone"].setChecked(True)
    qtbot.waitUntil(lambda: dialog.made is not None and "phone" in dialog.made.request.share, timeout=10000)
    assert dialog.made is not None and phone in re.sub(r"\D", "", _text(dialog.made.paper.pdf))
    assert answered == []


def test_a_name_no_font_can_draw_is_refused_in_the_dialog(qtbot: QtBot, desk: Desk, answered: list) -> None:
    window, _person_id = _opened(qtbot, desk, given_names="Maria \U0001FAE8")
    qtbot.mouseClick(window.person.paper_buttons[PaperKind.PACKET], Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, window)
    qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=10000)
    assert "U+1FAE8" in dialog.message.text() and dialog.message.isVisible()
    assert "Traceback" not in dialog.message.text()
    assert dialog.made is None and not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()
    assert answered == []  # said in the dialog, beside the choices: no message box
