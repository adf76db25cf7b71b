"""What the person page asks for, done: its small forms, a step marked done, papers, the person's history and
data, and an edit saved over the version it loaded. The main window makes one and connects the page to it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QWidget

from ui import dialogs, language
from ui.language import _
from ui.pages.person import PersonPage
from welcomedesk.codes import ItemStatus
from welcomedesk.errors import ConflictError, DuplicateError, KnownError, Problem, ValidationError
from welcomedesk.services.desk import Desk
from welcomedesk.services.newcomers import PersonDetail


class PersonForm(Protocol):
    """A small form of the person's page: made for one person, shown modally, ``saved`` once it saved."""

    @property
    def saved(self) -> object | None: ...

    def __init__(self, desk: Desk, detail: PersonDetail, parent: QWidget | None = None) -> None: ...
    def exec(self) -> int: ...
    def deleteLater(self) -> None: ...


class PersonActions(QObject):
    """The person page's requests, each done on the desk; the page is shown anew once something saved."""

    def __init__(self, window: QMainWindow, desk: Desk, person: PersonPage,
                 open_person: Callable[[int], None]) -> None:
        super().__init__(window)
        self.window = window
        self.desk = desk
        self.person = person
        self.open_person = open_person
        person.status_change_requested.connect(self.change_status)
        person.save_requested.connect(self.save_person)
        person.visit_requested.connect(self.record_visit)
        person.activity_requested.connect(self.record_activity)
        person.note_requested.connect(self.add_note)
        person.household_requested.connect(self.change_household)
        person.paper_requested.connect(self.make_paper)
        person.history_requested.connect(self.show_history)
        person.data_requested.connect(self.save_person_data)
        steps = person.steps_panel
        steps.step_requested.connect(self.open_step)
        steps.done_requested.connect(self.mark_step_done)
        steps.follow_up_requested.connect(self.record_follow_up)
        steps.stage_requested.connect(self.add_stage)
        steps.job_end_requested.connect(self.record_job_end)

    def change_status(self) -> None:
        """A new status for the person on the page; the page shows it at once."""
        from ui.status_dialog import StatusDialog

        self._on_person(StatusDialog)

    def record_visit(self) -> None:
        """A desk visit of the person on the page."""
        from ui.visit_dialog import VisitDialog

        self._on_person(VisitDialog)

    def record_activity(self) -> None:
        """A change in the work or studies of the person on the page."""
        from ui.follow_up_dialogs import ActivityDialog

        self._on_person(ActivityDialog)

    def add_note(self) -> None:
        """A note on the person on the page."""
        from ui.follow_up_dialogs import NoteDialog

        self._on_person(NoteDialog)

    def change_household(self) -> None:
        """The role of the person on the page, or a move to another household."""
        from ui.household_dialog import HouseholdDialog

        self._on_person(HouseholdDialog)

    def open_step(self, item_id: int) -> None:
        """One step of the person's checklist: its status, note and referral."""
        from ui.step_dialogs import StepDialog

        if self._on_person(lambda desk, detail, parent: StepDialog(desk, detail, item_id, parent)):
            self.person.steps_panel.select_step(item_id)

    def mark_step_done(self, item_id: int) -> None:
        """The chosen step done today, without a form (Ctrl+D)."""
        detail = self.person.detail
        step = next((s for s in detail.steps if s.item_id == item_id), None) if detail else None
        if detail is None or step is None or not self.person.may_leave():
            return
        try:
            self.desk.update_step(item_id, step.version, ItemStatus.DONE)
        except KnownError as exc:
            dialogs.known_error(self.window, exc)
            return
        self.open_person(detail.row.id)
        self.person.steps_panel.select_step(item_id)
        self.window.statusBar().showMessage(_("Marked done."), 5000)

    def record_follow_up(self, follow_up_id: int) -> None:
        """How a follow-up contact went."""
        from ui.step_dialogs import FollowUpDialog

        self._on_person(lambda desk, detail, parent: FollowUpDialog(desk, detail, follow_up_id, parent))

    def add_stage(self) -> None:
        """A stage of the person's path into work."""
        from ui.step_dialogs import StageDialog

        self._on_person(StageDialog)

    def record_job_end(self) -> None:
        """The end of the person's job, and with it the protection period."""
        from ui.step_dialogs import JobEndDialog

        self._on_person(JobEndDialog)

    def make_paper(self, kind: str) -> None:
        """The packet, a referral slip or a handover sheet for the person on the page: previewed, printed or
        saved; the page lists each one given at once."""
        from ui.paper_dialog import PaperDialog

        detail = self.person.detail
        if detail is None or not self.person.may_leave():
            return
        form = PaperDialog(self.desk, detail, kind, self.person.steps_panel.chosen_step(), self.window)
        form.given.connect(self.person.show_papers)
        form.finished.connect(form.deleteLater)
        form.open()

    def show_history(self, person_id: int) -> None:
        """Who saw and changed the person on the page, read only when the worker asks."""
        try:
            rows = self.desk.person_history(person_id)
        except KnownError as exc:
            dialogs.known_error(self.window, exc)
            return
        self.person.show_history(rows)

    def save_person_data(self, person_id: int) -> None:
        """Everything held on the person, for their access request: a JSON file or a readable PDF."""
        import json

        from welcomedesk.exports.person_data_pdf import person_data_pdf
        from welcomedesk.files import save_file

        out = dialogs.save_file(self.window, _("Data of this person"), "PDF (*.pdf);;JSON (*.json)",
                                f"person-{person_id}.pdf")
        if out is None:
            return
        try:
            data = self.desk.person_data(person_id, language.current_language())
            if out.suffix.lower() == ".json":
                save_file(out, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))
            else:
                save_file(out, person_data_pdf(data, language.current_language()))
        except KnownError as exc:
            dialogs.known_error(self.window, exc)
            return
        self.window.statusBar().showMessage(_("Saved the data of this person to {file}.").format(file=out), 8000)

    def _on_person(self, make: Callable[[Desk, PersonDetail, QWidget], PersonForm]) -> bool:
        """One of the person page's small forms; once it saved, the page shows the person anew (True)."""
        detail = self.person.detail
        if detail is None or not self.person.may_leave():
            return False
        form = make(self.desk, detail, self.window)
        form.exec()
        form.deleteLater()
        self.window.activateWindow()
        if form.saved is not None:
            self.open_person(detail.row.id)
            return True
        return False

    def save_person(self, changed: dict[str, str]) -> None:
        """Save the person page's edit over the version it loaded; another desk's save first shows both."""
        from ui.conflict import ConflictDialog

        detail = self.person.detail
        if detail is None:
            return
        try:
            self.desk.save_person(detail.row.id, detail.version, changed)
        except ValidationError as exc:
            self.person.show_problems(exc.problems)
            return
        except DuplicateError as exc:
            self.person.show_problems((Problem(exc.field, exc.message),))
            return
        except ConflictError:
            try:
                theirs = self.desk.person(detail.row.id)
            except KnownError as exc:
                dialogs.known_error(self.window, exc)
                return
            form = ConflictDialog(theirs, changed, self.window)
            form.exec()
            form.deleteLater()
            if form.choice == ConflictDialog.THEIRS:
                self.person.show_person(theirs)
            elif form.choice == ConflictDialog.MINE:
                # The worker saw the other version and chose their own changes: saved over it, these fields only.
                self.person.detail = theirs
                self.save_person(changed)
            else:
                self.person.edit_message.setText(_("Not saved: someone else saved this person meanwhile."))
            return
        except KnownError as exc:
            dialogs.known_error(self.window, exc)
            return
        self.open_person(detail.row.id)
        self.window.statusBar().showMessage(_("Saved."), 5000)
