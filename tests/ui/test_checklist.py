"""A desk worker works through a person's checklist and a follow-up with the keyboard, and refers a step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.core.test_registration import family
from tests.ui.helpers import open_window
from ui.main_window import MainWindow
from ui.step_dialogs import FollowUpDialog, JobEndDialog, StageDialog, StepDialog
from welcomedesk.codes import FollowUpOutcome, ItemStatus, PathKind, ReferralOutcome
from welcomedesk.db.session import unit_of_work
from welcomedesk.model import AuditEntry
from welcomedesk.services.desk import Desk


def _when_open(qtbot: QtBot, kind: type[QDialog], act: Callable[[QDialog], None], failures: list[BaseException]
               ) -> None:
    """Run ``act`` on the form of ``kind`` once it is the modal one; a failure closes it and is kept."""
    def poll() -> None:
        form = QApplication.activeModalWidget()
        if not isinstance(form, kind):
            QTimer.singleShot(10, poll)
            return
        try:
            form.activateWindow()
            qtbot.waitUntil(form.isActiveWindow, timeout=2000)
            act(form)
        except BaseException as exc:  # a failed check must not leave a modal form waiting for ever
            failures.append(exc)
            form.reject()

    QTimer.singleShot(0, poll)


def _opened(qtbot: QtBot, desk: Desk) -> tuple[MainWindow, list[int]]:
    ids = desk.register(family())
    window = open_window(qtbot, desk)
    window.open_person(ids[0])
    return window, ids


def _row_of(window: MainWindow, code: str) -> int:
    detail = window.person.detail
    assert detail is not None
    item_id = next(s.item_id for s in detail.steps if s.code == code)
    table = window.person.steps_panel.steps
    return next(r for r in range(table.rowCount()) if table.item(r, 0).data(Qt.ItemDataRole.UserRole) == item_id)


def _audited(desk: Desk, entity: str) -> list[str]:
    with unit_of_work(desk._db, desk.actor) as session:
        return list(session.scalars(select(AuditEntry.fields).where(
            AuditEntry.entity == entity, AuditEntry.action == "update",
            AuditEntry.account_id == desk.actor.account_id)))


def test_a_step_is_done_and_referred_with_the_keyboard_and_audited(qtbot: QtBot, desk: Desk,
                                                                   answered: list) -> None:
    window, ids = _opened(qtbot, desk)
    table = window.person.steps_panel.steps
    table.setFocus()
    table.setCurrentCell(_row_of(window, "housing"), 0)
    failures: list[BaseException] = []

    def work(form: QDialog) -> None:
        assert isinstance(form, StepDialog) and form.focusWidget() is form.status
        qtbot.keyClick(form.status, Qt.Key.Key_Down)  # To do -> In progress
        qtbot.keyClick(form.status, Qt.Key.Key_Down)  # -> Done
        assert form.done_on.isEnabled() and not form.referred_on.isEnabled()
        form.note.setFocus()
        form.note.insert("Vuokrasopimus allekirjoitettu — «kiitos» <b>&</b>")
        form.partner.setFocus()
        form.partner.lineEdit().selectAll()
        form.partner.lineEdit().insert("Kansaneläkelaitos (Kela)")
        assert form.referred_on.isEnabled() and form.outcome.isEnabled()
        qtbot.keyClick(form.partner, Qt.Key.Key_Return)  # Enter saves

    _when_open(qtbot, StepDialog, work, failures)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert failures == [] and answered == []
    step = next(s for s in desk.person(ids[0]).steps if s.code == "housing")
    assert (step.status, step.done_on, step.note) == (ItemStatus.DONE, date.today(),
                                                      "Vuokrasopimus allekirjoitettu — «kiitos» <b>&</b>")
    assert step.referred_to == "Kansaneläkelaitos (Kela)" and step.referral_outcome is ReferralOutcome.PENDING
    # The page shows it at once, and the cursor is back on the step.
    assert window.person.steps_panel.steps.currentRow() == _row_of(window, "housing")
    audited = _audited(desk, "checklist_item")
    assert any("status" in fields and "done_on" in fields for fields in audited)
    assert any("referred_to_id" in fields for fields in audited)
    # Ctrl+D: the next step done today, without a form.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    table.setFocus()
    table.setCurrentCell(_row_of(window, "kela"), 0)
    qtbot.keyClick(table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert next(s for s in desk.person(ids[0]).steps if s.code == "kela").status is ItemStatus.DONE


def test_a_step_waiting_for_another_says_so_and_saves_nothing(qtbot: QtBot, desk: Desk, answered: list) -> None:
    ids = desk.register([{"given_names": "Van", "family_name": "Nguyen", "date_of_birth": "1.2.1995",
                          "nationality": "VN", "arrival_date": "1.11.2026"}])
    window = open_window(qtbot, desk)
    window.open_person(ids[0])
    table = window.person.steps_panel.steps
    table.setFocus()
    table.setCurrentCell(_row_of(window, "tax_card"), 0)
    failures: list[BaseException] = []
    refusals: list[str] = []

    def work(form: QDialog) -> None:
        assert isinstance(form, StepDialog)
        form.status.setCurrentIndex(form.status.findData(ItemStatus.DONE.value))
        form.save()
        refusals.append(form.errors["status"].text())
        form.reject()

    _when_open(qtbot, StepDialog, work, failures)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert failures == [] and refusals and refusals[0]
    assert next(s for s in desk.person(ids[0]).steps if s.code == "tax_card").status is ItemStatus.BLOCKED


def test_a_follow_up_is_recorded_with_the_keyboard(qtbot: QtBot, desk: Desk, answered: list) -> None:
    window, ids = _opened(qtbot, desk)
    table = window.person.steps_panel.follow_ups
    table.setFocus()
    table.setCurrentCell(0, 0)
    failures: list[BaseException] = []

    def work(form: QDialog) -> None:
        assert isinstance(form, FollowUpDialog)
        assert form.outcome.currentData() == FollowUpOutcome.REACHED.value
        housing = form.answers["housing"]
        housing.setFocus()
        qtbot.keyClick(housing, Qt.Key.Key_Down)  # Not asked -> the first answer
        qtbot.keyClick(housing, Qt.Key.Key_Down)
        qtbot.keyClick(housing, Qt.Key.Key_Return)

    _when_open(qtbot, FollowUpDialog, work, failures)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert failures == [] and answered == []
    first = desk.person(ids[0]).follow_ups[0]
    assert first.outcome is FollowUpOutcome.REACHED and first.contacted_on == date.today()
    assert first.answers == {"housing": "temporary"}
    assert _audited(desk, "follow_up")
    assert window.person.steps_panel.follow_ups.item(0, 2).text() != ""


def test_a_stage_and_the_end_of_a_job_show_on_the_page(qtbot: QtBot, desk: Desk, answered: list) -> None:
    window, ids = _opened(qtbot, desk)
    failures: list[BaseException] = []

    def stage(form: QDialog) -> None:
        assert isinstance(form, StageDialog) and form.path.currentData() == PathKind.LEARNING.value
        form.detail_text.insert("YKI B1 — عربي")
        qtbot.keyClick(form.detail_text, Qt.Key.Key_Return)

    _when_open(qtbot, StageDialog, stage, failures)
    qtbot.mouseClick(window.person.steps_panel.add_stage, Qt.MouseButton.LeftButton)
    assert [(s.stage, s.detail) for s in desk.person(ids[0]).stages] == [("language_studies", "YKI B1 — عربي")]

    def job(form: QDialog) -> None:
        assert isinstance(form, JobEndDialog)
        qtbot.keyClicks(form.ended_on, "20.11.2026")
        qtbot.keyClick(form.ended_on, Qt.Key.Key_Return)

    _when_open(qtbot, JobEndDialog, job, failures)
    qtbot.mouseClick(window.person.steps_panel.job_end, Qt.MouseButton.LeftButton)
    assert failures == [] and answered == []
    watch = desk.person(ids[0]).watch
    assert watch is not None and watch.protection_ends == date(2027, 2, 20)
    assert "20.2.2027" in window.person.steps_panel.watched.text()


def test_old_checklists_are_made_again_in_the_background(qtbot: QtBot, desk: Desk, answered: list) -> None:
    from sqlalchemy import update

    from welcomedesk.model import Person

    ids = desk.register(family())
    with unit_of_work(desk._db, desk.actor) as session:  # as if made last year: a child may have reached school age
        session.execute(update(Person).where(Person.id.in_(ids)).values(checklist_on=date(2025, 6, 1)))
    assert set(ids) <= set(desk.stale_checklists())
    window = open_window(qtbot, desk)
    window.refresh_stale_checklists()
    assert desk.stale_checklists() == []
    assert "up to date" in window.statusBar().currentMessage()
