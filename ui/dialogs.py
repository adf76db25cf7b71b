"""Every message box and file dialog of the app goes through here, so tests can answer them in one place.

Tests call ``answer_with(fn)``: ``fn(kind, title, text)`` returns the answer a person would
give (True/False for a question) and records what was asked; ``choose_files_with(fn)`` picks
the file a file dialog (open or save) would (and the folder of a folder dialog), ``choose_colours_with(fn)``
the colour of a colour dialog, ``choose_printers_with(fn)`` the printer of a print dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QFileDialog, QMessageBox, QWidget

from ui.language import _
from welcomedesk.errors import KnownError, StorageError

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter  # imported when a paper is first printed

Responder = Callable[[str, str, str], bool]
_responder: Responder | None = None
FileChooser = Callable[[str, str], Path | None]
_file_chooser: FileChooser | None = None
ColourChooser = Callable[[str, str], str | None]
_colour_chooser: ColourChooser | None = None
PrinterChooser = Callable[[], "QPrinter | None"]
_printer_chooser: PrinterChooser | None = None


def answer_with(responder: Responder | None) -> None:
    """Answer every later box with ``responder`` instead of showing it (None: show again)."""
    global _responder
    _responder = responder


def _show(parent: QWidget | None, kind: str, title: str, text: str, details: str = "") -> bool:
    if _responder is not None:
        return _responder(kind, title, text + ("\n" + details if details else ""))
    box = QMessageBox(parent)
    box.setWindowTitle(title)
    # A message may quote a file name or what was typed: it is shown as text, never as markup.
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    if kind == "question":
        box.setIcon(QMessageBox.Icon.Question)
        yes = box.addButton(_("Yes"), QMessageBox.ButtonRole.YesRole)
        no = box.addButton(_("No"), QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(no)
        box.exec()
        return box.clickedButton() is yes
    box.setIcon(QMessageBox.Icon.Critical if kind == "error" else QMessageBox.Icon.Information)
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    return True


def choose_files_with(chooser: FileChooser | None) -> None:
    """Answer every later file dialog with ``chooser(title, filter)`` (None: show the dialog again)."""
    global _file_chooser
    _file_chooser = chooser


def open_file(parent: QWidget | None, title: str, name_filter: str) -> Path | None:
    """The file the person chooses to open, or None if they cancel."""
    if _file_chooser is not None:
        return _file_chooser(title, name_filter)
    name, _selected = QFileDialog.getOpenFileName(parent, title, str(Path.home()), name_filter)
    return Path(name) if name else None


def save_file(parent: QWidget | None, title: str, name_filter: str, suggested: str) -> Path | None:
    """Where the person chooses to save a file (``suggested``: its name, in the home folder), or None if they
    cancel. Tests answer it with ``choose_files_with`` as they answer ``open_file``."""
    if _file_chooser is not None:
        return _file_chooser(title, name_filter)
    name, _selected = QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggested), name_filter)
    return Path(name) if name else None


def choose_folder(parent: QWidget | None, title: str) -> Path | None:
    """The folder the person chooses, or None if they cancel (tests answer it with ``choose_files_with``, the
    filter given as "")."""
    if _file_chooser is not None:
        return _file_chooser(title, "")
    name = QFileDialog.getExistingDirectory(parent, title, str(Path.home()))
    return Path(name) if name else None


def choose_printers_with(chooser: PrinterChooser | None) -> None:
    """Answer every later print dialog with ``chooser()``: a printer (a PDF file's, in tests) or None."""
    global _printer_chooser
    _printer_chooser = chooser


def choose_printer(parent: QWidget | None, title: str) -> QPrinter | None:
    """The printer and settings the person chooses in the system's print dialog, or None if they cancel."""
    if _printer_chooser is not None:
        return _printer_chooser()
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


def choose_colours_with(chooser: ColourChooser | None) -> None:
    """Answer every later colour dialog with ``chooser(title, current)`` (None: show the dialog again)."""
    global _colour_chooser
    _colour_chooser = chooser


def choose_colour(parent: QWidget | None, title: str, current: str) -> str | None:
    """The colour the person chooses, starting from ``current`` ("#RRGGBB"), as "#RRGGBB"; None if they cancel."""
    if _colour_chooser is not None:
        return _colour_chooser(title, current)
    chosen = QColorDialog.getColor(QColor(current), parent, title)
    return chosen.name(QColor.NameFormat.HexRgb).upper() if chosen.isValid() else None


def info(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the person something."""
    _show(parent, "info", title, text)


def error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """Tell the person something went wrong and what to do."""
    _show(parent, "error", title, text, details)


def known_error(parent: QWidget | None, exc: KnownError) -> None:
    """Show a known error with every reason it carries."""
    # The core's messages are translated here, into the app's language.
    reasons = [_(r) for r in exc.reasons if r != exc.message]
    if isinstance(exc, StorageError) and exc.saving:
        # The storage failed, not the worker: the form they were in stays open with what they typed.
        reasons.append(_("What you typed is still on the screen: try again once this is put right."))
    error(parent, _("WelcomeDesk"), _(exc.message), "\n".join(reasons))


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask a yes/no question; No is the default."""
    return _show(parent, "question", title, text)
