"""Switching the language at runtime changes every visible text (fi -> sv -> en)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QListWidget, QTableView
from pytestqt.qtbot import QtBot

from tests.ui.helpers import open_window
from ui import language
from ui.main_window import MainWindow
from welcomedesk.services.desk import Desk

# Words that are the same in two languages, as they should be: no translation is missing here.
SAME_IN_SWEDISH_AND_ENGLISH = frozenset({"Status"})
SAME_IN_FINNISH_AND_SWEDISH: frozenset[str] = frozenset()


def visible_texts(window: MainWindow) -> dict[str, str]:
    """Every text a person can read on the window, keyed by where it is."""
    texts: dict[str, str] = {"title": window.windowTitle().replace("WelcomeDesk", "").replace(
        window.profile.name, "")}
    data_labels = {window.app_title, window.service_point}
    for i, label in enumerate(window.findChildren(QLabel)):
        if label.isVisible() and label.text() and label not in data_labels:
            texts[f"label {label.objectName() or i}"] = label.text()
    for i, edit in enumerate(window.findChildren(QLineEdit)):
        if edit.isVisible():
            texts[f"placeholder {i}"] = edit.placeholderText()
    for combo in window.findChildren(QComboBox):
        if combo.isVisible() and combo is not window.language:
            for j in range(combo.count()):
                texts[f"{combo.objectName()} {j}"] = combo.itemText(j)
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and button.text():
            texts[f"button {button.objectName()}"] = button.text()
    for view in window.findChildren(QListWidget):
        if view.isVisible():
            for j in range(view.count()):
                texts[f"{view.objectName()} {j}"] = view.item(j).text()
    for table in window.findChildren(QTableView):
        if table.isVisible():
            model = table.model()
            for j in range(model.columnCount()):
                texts[f"{table.objectName()} header {j}"] = model.headerData(j, Qt.Orientation.Horizontal)
            texts[f"{table.objectName()} status"] = model.data(model.index(0, 4))
    return texts


def choose_language(qtbot: QtBot, window: MainWindow, code: str) -> None:
    combo = window.language
    combo.setFocus()
    while combo.currentData() != code:
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def test_every_visible_text_changes_with_the_language(qtbot: QtBot, desk: Desk, answered: list) -> None:
    language.set_language("fi")
    window = open_window(qtbot, desk)
    finnish = visible_texts(window)
    assert finnish["newcomerTable header 0"] == "Nimi"
    assert len(finnish) > 20
    choose_language(qtbot, window, "sv")
    swedish = visible_texts(window)
    choose_language(qtbot, window, "en")
    english = visible_texts(window)
    assert finnish.keys() == swedish.keys() == english.keys()
    # Texts with no words of their own (the title is the product and service point names) cannot differ.
    same_fi_sv = {k: v for k, v in finnish.items() if swedish[k] == v and any(c.isalpha() for c in v)}
    same_sv_en = {k: v for k, v in swedish.items() if english[k] == v and any(c.isalpha() for c in v)}
    assert set(same_fi_sv.values()) <= SAME_IN_FINNISH_AND_SWEDISH, same_fi_sv
    assert set(same_sv_en.values()) <= SAME_IN_SWEDISH_AND_ENGLISH, same_sv_en
    assert swedish["newcomerTable header 4"] == "Status"
    assert english["newcomerTable header 0"] == "Name"


def test_the_person_page_follows_the_language(qtbot: QtBot, desk: Desk, answered: list) -> None:
    language.set_language("fi")
    window = open_window(qtbot, desk)
    window.newcomers.table.selectRow(0)
    qtbot.keyClick(window.newcomers.table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.person
    before = window.person.section_titles[0].text(), window.person.back.text()
    choose_language(qtbot, window, "sv")
    after = window.person.section_titles[0].text(), window.person.back.text()
    assert before[0] != after[0] and before[1] != after[1]
