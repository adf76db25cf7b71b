"""A person's access request from their page: everything held on them saved as JSON or a readable PDF."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.ui.helpers import open_window
from ui import dialogs
from welcomedesk.services.desk import Desk


def test_the_data_of_a_person_saved_as_json_and_as_pdf(qtbot: QtBot, desk: Desk, answered: list,
                                                       tmp_path: Path) -> None:
    window = open_window(qtbot, desk)
    window.open_person(2)
    detail = window.person.detail
    assert detail is not None
    target = [tmp_path / "request.json"]
    dialogs.choose_files_with(lambda _title, _filter: target[0])
    try:
        window.person.data_button.click()
        data = json.loads(target[0].read_text(encoding="utf-8"))
        assert data["family_name"] == detail.row.family_name
        assert any(entry.get("action") == "view" for entry in data["audit_history"])
        target[0] = tmp_path / "request.pdf"
        window.person.data_button.click()
        assert target[0].read_bytes().startswith(b"%PDF")
    finally:
        dialogs.choose_files_with(None)
    assert "request.pdf" in window.statusBar().currentMessage() and answered == []
