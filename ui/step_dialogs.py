"""The person page's forms for moving on: one step (status, note, referral), a follow-up contact, a stage of a
path into work, and the end of a job. Each saves with Enter and shows a refusal's reason beside its field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QWidget

from ui import dialogs, forms
from ui.language import _, words
from welcomedesk.codes import FollowUpOutcome, ItemStatus, PathKind, ReferralOutcome
from welcomedesk.errors import KnownError, ValidationError
from welcomedesk.identity import format_date, parse_date
from welcomedesk.presentation.labels import (
    FOLLOW_UP_OUTCOME_LABELS,
    ITEM_STATUS_LABELS,
    PATH_LABELS,
    REFERRAL_OUTCOME_LABELS,
    date_text,
)
from welcomedesk.presentation.steps import catalogue_text
from welcomedesk.services.desk import Desk
from welcomedesk.services.newcomers import PersonDetail

# The statuses a worker chooses; "waits for an earlier step" is the rules' own.
CHOSEN_STATUSES = (ItemStatus.TODO, ItemStatus.IN_PROGRESS, ItemStatus.DONE, ItemStatus.NOT_NEEDED)
_NO_PARTNER = ""


def _heading(dialog: QDialog, title: str, detail: PersonDetail, name: str) -> list[QWidget]:
    dialog.setWindowTitle(title)
    dialog.setMinimumWidth(560)
    dialog.setObjectName(name)
    who = QLabel(f"{detail.row.family_name}, {detail.row.given_names}")
    who.setTextFormat(Qt.TextFormat.PlainText)  # a name is shown as typed, never as markup
    return [QLabel(title, objectName="pageTitle"), who]


def _date_field(name: str, value: date | None) -> QLineEdit:
    field = QLineEdit(format_date(value) if isinstance(value, date) else "")
    field.setObjectName(name)
    field.setPlaceholderText("D.M.YYYY")
    return field


def _optional_date(field: QLineEdit, name: str) -> date | None:
    return parse_date(field.text(), field=name) if field.text().strip() else None


def _attempt(dialog: QDialog, errors: dict[str, QLabel], fallback: str, act: Callable[[], int]) -> int | None:
    """Run the save and close the form; a refusal's reasons go beside their fields, other known errors to a
    message (the form stays open, nothing typed is lost)."""
    try:
        saved = act()
    except ValidationError as exc:
        forms.show_problems(errors, exc.problems, fallback)
        return None
    except KnownError as exc:
        dialogs.known_error(dialog, exc)
        return None
    dialog.accept()
    return saved


class StepDialog(QDialog):
    """One step of the checklist: where it stands, a note, and its referral to a partner."""

    def __init__(self, desk: Desk, detail: PersonDetail, item_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.detail = desk, detail
        self.step = next(s for s in detail.steps if s.item_id == item_id)
        self.saved: int | None = None
        parts = _heading(self, catalogue_text(self.step.name, words()), detail, "stepDialog")
        about = QLabel(catalogue_text(self.step.description, words()) if self.step.description else "",
                       objectName="muted")
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.PlainText)
        facts = [_("Due {day}").format(day=date_text(self.step.due_date, words())) if self.step.due_date else "",
                 _("Provided by {partner}").format(partner=self.step.partner_name) if self.step.partner_name else ""]
        if self.step.waits_for and detail.catalogue is not None:
            earlier = [detail.catalogue.service(code) for code in self.step.waits_for]
            facts.append(_("Waits for: {steps}").format(steps=", ".join(
                catalogue_text(s.name, words()) for s in earlier if s is not None)))
        summary = QLabel("\n".join(f for f in facts if f))
        summary.setTextFormat(Qt.TextFormat.PlainText)
        summary.setWordWrap(True)
        self.status = QComboBox(objectName="stepStatus")
        for status in CHOSEN_STATUSES:
            self.status.addItem(_(ITEM_STATUS_LABELS[status]), status.value)
        current = self.step.status if self.step.status in CHOSEN_STATUSES else ItemStatus.TODO
        self.status.setCurrentIndex(self.status.findData(current.value))
        done = self.step.done_on if isinstance(self.step.done_on, date) else None
        self.done_on = _date_field("stepDoneOn", done or date.today())
        self.note = QLineEdit(self.step.note, objectName="stepNote")
        self.note.setMaxLength(300)
        self.partner = forms.searchable_choice("referralPartner")
        self.partner.addItem(_("No referral"), _NO_PARTNER)
        for summary_row in desk.partners():
            self.partner.addItem(summary_row.partner.name, str(summary_row.partner_id))
        if self.step.referred_to_id is not None:
            self.partner.setCurrentIndex(self.partner.findData(str(self.step.referred_to_id)))
        referred = self.step.referred_on if isinstance(self.step.referred_on, date) else None
        self.referred_on = _date_field("referredOn", referred or date.today())
        self.outcome = QComboBox(objectName="referralOutcome")
        for outcome, label in REFERRAL_OUTCOME_LABELS.items():
            self.outcome.addItem(_(label), outcome.value)
        if isinstance(self.step.referral_outcome, ReferralOutcome):
            self.outcome.setCurrentIndex(self.outcome.findData(self.step.referral_outcome.value))
        form, self.errors = forms.field_rows((
            ("status", _("Status"), self.status), ("done_on", _("Done on"), self.done_on),
            ("note", _("Note (short)"), self.note), ("partner", _("Referred to"), self.partner),
            ("referred_on", _("Referred on"), self.referred_on), ("outcome", _("Outcome of the referral"),
                                                                  self.outcome)))
        self.status.currentIndexChanged.connect(self._enable)
        self.partner.currentIndexChanged.connect(self._enable)
        self.partner.editTextChanged.connect(lambda _text: self._enable())
        buttons, _save = forms.buttons(self, _("Save"), self.save)
        layout = forms.frame(self)
        for part in (*parts, about, summary):
            layout.addWidget(part)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._enable()
        self.status.setFocus()

    def _enable(self) -> None:
        self.done_on.setEnabled(self.status.currentData() == ItemStatus.DONE.value)
        referring = forms.typed_choice(self.partner) not in (None, _NO_PARTNER)
        self.referred_on.setEnabled(referring)
        self.outcome.setEnabled(referring)

    def save(self) -> None:
        def act() -> int:
            status = ItemStatus(self.status.currentData())
            done_on = _optional_date(self.done_on, "done_on") if status is ItemStatus.DONE else None
            chosen = forms.typed_choice(self.partner)
            if chosen is None:
                raise ValidationError(_("Choose a partner organisation from the list."), field="partner")
            partner_id = int(chosen) if chosen else None
            referred_on = _optional_date(self.referred_on, "referred_on") if partner_id else None
            version = self.step.version
            changed_referral = (partner_id != self.step.referred_to_id
                                or (partner_id is not None and (
                                    referred_on != self.step.referred_on
                                    or self.outcome.currentData() != getattr(self.step.referral_outcome, "value",
                                                                             None))))
            if changed_referral:
                version = self.desk.refer(self.step.item_id, version, partner_id, referred_on,
                                          ReferralOutcome(self.outcome.currentData()) if partner_id else None)
            if (status is not self.step.status or done_on != self.step.done_on
                    or self.note.text().strip() != self.step.note):
                version = self.desk.update_step(self.step.item_id, version, status, done_on, self.note.text())
            return version

        self.saved = _attempt(self, self.errors, "status", act)


class FollowUpDialog(QDialog):
    """A follow-up contact: when, how it went, and the answers to the content's questions."""

    def __init__(self, desk: Desk, detail: PersonDetail, follow_up_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.detail = desk, detail
        self.follow_up = next(f for f in detail.follow_ups if f.follow_up_id == follow_up_id)
        self.saved: int | None = None
        parts = _heading(self, _("Follow-up {days} days after arrival").format(days=self.follow_up.day), detail,
                         "followUpDialog")
        contacted = self.follow_up.contacted_on if isinstance(self.follow_up.contacted_on, date) else None
        self.contacted_on = _date_field("contactedOn", contacted or date.today())
        self.outcome = QComboBox(objectName="followUpOutcome")
        for outcome, label in FOLLOW_UP_OUTCOME_LABELS.items():
            self.outcome.addItem(_(label), outcome.value)
        if isinstance(self.follow_up.outcome, FollowUpOutcome):
            self.outcome.setCurrentIndex(self.outcome.findData(self.follow_up.outcome.value))
        rows: list[tuple[str, str, QWidget]] = [("contacted_on", _("Contacted on"), self.contacted_on),
                                                ("outcome", _("Outcome"), self.outcome)]
        self.answers: dict[str, QComboBox] = {}
        questions = detail.catalogue.questions if detail.catalogue else ()
        for question in questions:
            combo = QComboBox(objectName=f"answer_{question.code}")
            combo.addItem(_("Not asked"), "")
            for answer in question.answers:
                combo.addItem(catalogue_text(answer.text, words()), answer.code)
            combo.setCurrentIndex(max(0, combo.findData(self.follow_up.answers.get(question.code, ""))))
            self.answers[question.code] = combo
            rows.append((question.code, catalogue_text(question.text, words()), combo))
        form, self.errors = forms.field_rows(rows)
        self.outcome.currentIndexChanged.connect(self._enable)
        buttons, _save = forms.buttons(self, _("Save"), self.save)
        layout = forms.frame(self)
        for part in parts:
            layout.addWidget(part)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._enable()
        self.contacted_on.setFocus()

    def _enable(self) -> None:
        reached = self.outcome.currentData() == FollowUpOutcome.REACHED.value
        for combo in self.answers.values():
            combo.setEnabled(reached)

    def save(self) -> None:
        def act() -> int:
            contacted = parse_date(self.contacted_on.text(), field="contacted_on")
            answers = {code: str(combo.currentData()) for code, combo in self.answers.items() if combo.currentData()}
            return self.desk.record_follow_up(self.follow_up.follow_up_id, self.follow_up.version, contacted,
                                              FollowUpOutcome(self.outcome.currentData()), answers)

        self.saved = _attempt(self, self.errors, "outcome", act)


class StageDialog(QDialog):
    """A stage of the person's path into work, with its day and a short detail."""

    def __init__(self, desk: Desk, detail: PersonDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.detail = desk, detail
        self.saved: int | None = None
        parts = _heading(self, _("A stage of the path into work"), detail, "stageDialog")
        self.path = QComboBox(objectName="pathChoice")
        for kind, label in PATH_LABELS.items():
            self.path.addItem(_(label), kind.value)
        # A spouse's path is most often their career; a retraining nurse's the learning path.
        if detail.row.relation == "spouse":
            self.path.setCurrentIndex(self.path.findData(PathKind.CAREER.value))
        self.stage = QComboBox(objectName="stageChoice")
        self.reached_on = _date_field("stageDate", date.today())
        self.detail_text = QLineEdit(objectName="stageDetail")
        self.detail_text.setMaxLength(200)
        self.detail_text.setPlaceholderText(_("e.g. the level, the ward, the school"))
        form, self.errors = forms.field_rows((("path", _("Path"), self.path), ("stage", _("Stage"), self.stage),
                                              ("reached_on", _("On"), self.reached_on),
                                              ("detail", _("Detail"), self.detail_text)))
        self.path.currentIndexChanged.connect(self._fill_stages)
        buttons, _save = forms.buttons(self, _("Save"), self.save)
        layout = forms.frame(self)
        for part in parts:
            layout.addWidget(part)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._fill_stages()
        self.path.setFocus()

    def _fill_stages(self) -> None:
        self.stage.clear()
        catalogue = self.detail.catalogue
        definition = catalogue.path(PathKind(self.path.currentData())) if catalogue else None
        reached = {s.stage for s in self.detail.stages if s.path == self.path.currentData()}
        first_open = 0
        for i, stage in enumerate(definition.stages if definition else ()):
            self.stage.addItem(catalogue_text(stage.text, words()), stage.code)
            if stage.code in reached:
                first_open = i + 1
        # The next stage not yet reached is the likely one.
        self.stage.setCurrentIndex(min(first_open, max(0, self.stage.count() - 1)))

    def save(self) -> None:
        def act() -> int:
            reached = parse_date(self.reached_on.text(), field="reached_on")
            return self.desk.add_stage(self.detail.row.id, PathKind(self.path.currentData()),
                                       str(self.stage.currentData() or ""), reached, self.detail_text.text())

        self.saved = _attempt(self, self.errors, "stage", act)


class JobEndDialog(QDialog):
    """The end of a job on a work-based permit: the protection period (3 or 6 months) follows from it."""

    AUTOMATIC = 0

    def __init__(self, desk: Desk, detail: PersonDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.detail = desk, detail
        self.saved: int | None = None
        parts = _heading(self, _("The end of a job"), detail, "jobEndDialog")
        watch = detail.watch
        ended = watch.job_ended_on if watch and isinstance(watch.job_ended_on, date) else None
        self.ended_on = _date_field("jobEndedOn", ended)
        self.months = QComboBox(objectName="protectionMonths")
        self.months.addItem(_("As the time in Finland gives (3, or 6 after two years)"), self.AUTOMATIC)
        self.months.addItem(_("3 months"), 3)
        self.months.addItem(_("6 months (specialists and managers, or over two years in Finland)"), 6)
        if watch and watch.protection_months:
            self.months.setCurrentIndex(self.months.findData(watch.protection_months))
        explain = QLabel(_("Since 11.6.2025 a person who loses a job held on a work-based residence permit has a "
                           "protection period to find new work. Leave the day empty to clear it."), objectName="muted")
        explain.setWordWrap(True)
        form, self.errors = forms.field_rows((("job_ended_on", _("The job ended on"), self.ended_on),
                                              ("protection_months", _("Protection period"), self.months)))
        buttons, _save = forms.buttons(self, _("Save"), self.save)
        layout = forms.frame(self)
        for part in (*parts, explain):
            layout.addWidget(part)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.ended_on.setFocus()

    def save(self) -> None:
        def act() -> int:
            ended = _optional_date(self.ended_on, "job_ended_on")
            months = int(self.months.currentData()) or None
            return self.desk.record_job_end(self.detail.row.id, self.detail.version, ended, months)

        self.saved = _attempt(self, self.errors, "job_ended_on", act)

