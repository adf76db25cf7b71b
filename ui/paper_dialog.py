"""One paper for the person on the page — the welcome packet, a referral slip or a handover sheet: its languages
and choices, a preview of the real pages, then Print… or Save as PDF…, each recorded on the person as given.

This module (and QtPdf with it) is imported when a paper is first asked for, never at start-up. Papers are made,
printed and saved off the GUI thread; the preview follows each choice.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs, forms, tasks
from ui.language import _, ngettext, words
from welcomedesk.codes import CLOSED_ITEM_STATUSES, PaperKind
from welcomedesk.errors import KnownError, ValidationError
from welcomedesk.files import save_file
from welcomedesk.i18n import N_
from welcomedesk.presentation.labels import PAPER_LABELS
from welcomedesk.presentation.steps import catalogue_text
from welcomedesk.services.desk import Desk
from welcomedesk.services.newcomers import PersonDetail
from welcomedesk.services.papers import (
    SHAREABLE,
    GivenEntry,
    Made,
    PaperRequest,
    document_languages,
    paper_languages,
)

# Printing through Qt rasterises each page; 300 dpi keeps small print and QR codes sharp.
PRINT_DPI = 300
POINTS_PER_INCH = 72
PRINT_BANDS = 8
# Choices often change in a row (a language, then the second one): the preview waits for a pause.
PREVIEW_DELAY_MS = 150
FINNISH = "fi"
SHARE_LABELS = {"born": N_("Date of birth"), "languages": N_("Languages"), "phone": N_("Phone"),
                "email": N_("E-mail")}
PRINT_SHORTCUT = "Ctrl+P"
SIDE_CHARACTERS = 58
SAVE_SHORTCUT = "Ctrl+S"


def _loaded(pdf: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A document read from ``pdf`` through a buffer that lives as long as the document does."""
    document = QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document, buffer


def print_pdf(pdf: bytes, printer: QPrinter, on_page: Callable[[int, int], None] | None = None) -> int:
    """Print every page of ``pdf``, each rendered at 300 dpi and scaled into the printer's page; returns how
    many pages were printed. Runs off the GUI thread too: QPainter may paint on a QPrinter there, and the
    document is this call's own."""
    document, _buffer = _loaded(pdf)
    try:
        if document.status() != QPdfDocument.Status.Ready:
            raise KnownError(_("The paper could not be read for printing."))
        pages = document.pageCount()
        painter = QPainter()
        if not painter.begin(printer):
            raise KnownError(_("The printer could not be started. Check the printer and try again."))
        try:
            for page in range(pages):
                if page and not printer.newPage():
                    raise KnownError(_("The printer stopped after {count} pages.").format(count=page))
                points = document.pagePointSize(page)
                pixels = QSize(round(points.width() * PRINT_DPI / POINTS_PER_INCH),
                               round(points.height() * PRINT_DPI / POINTS_PER_INCH))
                # QtPdf renders onto a transparent page: laid on white, the printer gets no transparency.
                sheet = QImage(pixels, QImage.Format.Format_RGB32)
                sheet.fill(Qt.GlobalColor.white)
                drawn = QPainter(sheet)
                drawn.drawImage(0, 0, document.render(page, pixels))
                drawn.end()
                area = painter.viewport()  # the printable part of the paper, in the printer's pixels
                fitted = pixels.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                left = area.x() + (area.width() - fitted.width()) // 2
                # In bands: the printer compresses each image while holding Python's lock, and a whole page
                # at once would stop the GUI thread for about 100 ms. The bands' edges meet exactly.
                for band in range(PRINT_BANDS):
                    first, last = pixels.height() * band // PRINT_BANDS, pixels.height() * (band + 1) // PRINT_BANDS
                    top = area.y() + fitted.height() * first // pixels.height()
                    bottom = area.y() + fitted.height() * last // pixels.height()
                    painter.drawImage(QRect(left, top, fitted.width(), bottom - top),
                                      sheet.copy(0, first, pixels.width(), last - first))
                if on_page is not None:
                    on_page(page + 1, pages)
        finally:
            painter.end()
    finally:
        document.close()
    return pages


class PaperDialog(QDialog):
    """Choose the paper's languages (and for a slip its step, partner and what may be shared), look at the real
    pages, then print or save them; each print or save is recorded on the person and ``given`` says so."""

    given = Signal(object)  # the person's papers given, as the page lists them, after one more

    def __init__(self, desk: Desk, detail: PersonDetail, kind: PaperKind | str, item_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.detail, self.kind = desk, detail, PaperKind(kind)
        self.made: Made | None = None
        self.document: QPdfDocument | None = None
        self._buffer: QBuffer | None = None
        self.saved: int | None = None  # how many times the paper was printed or saved here
        self._making = self._again = self._busy = self._closed = False
        self.setObjectName("paperDialog")
        title = _(PAPER_LABELS[self.kind])
        self.setWindowTitle(title)
        available = self.screen().availableGeometry()
        self.resize(min(1200, available.width() - 40), min(760, available.height() - 40))

        row = detail.row
        heading = QLabel(title, objectName="pageTitle")
        who = QLabel(f"{row.family_name}, {row.given_names}")
        who.setTextFormat(Qt.TextFormat.PlainText)  # a name is shown as typed, never as markup
        who.setWordWrap(True)
        self.language = QComboBox(objectName="paperLanguage")
        self.second = QComboBox(objectName="paperSecondLanguage")
        self.second.addItem(_("No second language"), "")
        for code, name in paper_languages():
            self.language.addItem(name, code)
            self.second.addItem(name, code)
        own = document_languages(row.languages)[0]
        first, second = (own, "") if self.kind is PaperKind.PACKET else (FINNISH, "")
        if self.kind is PaperKind.SLIP and own != FINNISH:
            second = own  # the partner reads Finnish, the person their own language
        self.language.setCurrentIndex(max(0, self.language.findData(first)))
        self.second.setCurrentIndex(max(0, self.second.findData(second)))
        rows: list[tuple[str, str, QWidget]] = [("language", _("Language"), self.language),
                                                ("second", _("Second language"), self.second)]
        self.identity_code = QCheckBox(_("Print the personal identity code"), objectName="paperIdentityCode")
        self.identity_code.setEnabled(bool(row.personal_identity_code))
        self.step = QComboBox(objectName="slipStep")
        self.partner = forms.searchable_choice("slipPartner")
        self.share = {key: QCheckBox(_(SHARE_LABELS[key]), objectName=f"share_{key}") for key in SHAREABLE}
        self._steps = [s for s in detail.steps if s.applies]
        if self.kind is PaperKind.SLIP:
            for step in self._steps:
                self.step.addItem(catalogue_text(step.name, words()), step.item_id)
            chosen = self.step.findData(item_id) if item_id is not None else -1
            if chosen < 0:  # the first step still to do, else the first one
                chosen = next((i for i, s in enumerate(self._steps) if s.status not in CLOSED_ITEM_STATUSES), 0)
            for partner in desk.partners():
                self.partner.addItem(partner.partner.name, str(partner.partner_id))
            self.step.setCurrentIndex(chosen)
            rows += [("step", _("Step"), self.step), ("partner", _("Partner organisation"), self.partner)]
            present = {"born": row.date_of_birth is not None, "languages": bool(row.languages),
                       "phone": bool(row.phone), "email": bool(row.email)}
            for key, box in self.share.items():
                box.setEnabled(present[key])
        for _key, _label, widget in rows:
            if isinstance(widget, QComboBox):  # a long step name is elided, not a reason to widen the column
                widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                widget.setMinimumContentsLength(12)
        form, _errors = forms.field_rows(rows)

        self.state = QLabel(objectName="muted")
        self.state.setWordWrap(True)
        self.fell_back = QLabel(objectName="noteWarning")  # the warning look of the app
        self.fell_back.setWordWrap(True)
        self.fell_back.setTextFormat(Qt.TextFormat.PlainText)
        self.fell_back.hide()
        self.message = forms.refusal_line("paperMessage")
        self.print_button = QPushButton(_("Print…"), objectName="printPaper")
        self.print_button.setProperty("primary", True)
        self.print_button.setDefault(True)
        self.print_button.setToolTip(PRINT_SHORTCUT)
        self.save_button = QPushButton(_("Save as PDF…"), objectName="savePaper")
        self.save_button.setToolTip(SAVE_SHORTCUT)
        self.close_button = QPushButton(_("Close"), objectName="closePaper")
        self.print_button.clicked.connect(self.print_paper)
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.reject)

        side = QVBoxLayout()
        side.setSpacing(10)
        side.addWidget(heading)
        side.addWidget(who)
        side.addSpacing(6)
        side.addLayout(form)
        if self.kind is PaperKind.SLIP:
            agreed = QLabel(_("The person agreed to share with the partner:"), objectName="detailLabel")
            agreed.setWordWrap(True)
            side.addWidget(agreed)
            for box in self.share.values():
                side.addWidget(box)
        else:
            side.addWidget(self.identity_code)
        side.addSpacing(6)
        side.addWidget(self.state)
        side.addWidget(self.fell_back)
        side.addWidget(self.message)
        side.addStretch(1)
        acts = QHBoxLayout()
        acts.addWidget(self.print_button)
        acts.addWidget(self.save_button)
        acts.addStretch(1)
        acts.addWidget(self.close_button)
        side.addLayout(acts)
        side_widget = QWidget(objectName="paperChoices")
        side_widget.setLayout(side)
        # As wide as a long Finnish label and a choice need (also at 150 % text); the preview takes the rest.
        side_widget.setFixedWidth(max(380, self.fontMetrics().averageCharWidth() * SIDE_CHARACTERS))

        self.view = QPdfView(self)
        self.view.setObjectName("paperPreview")
        self.view.setAccessibleName(_("Preview of the paper"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("background: #e8e8e8;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(*forms.MARGINS)
        layout.setSpacing(20)
        layout.addWidget(side_widget)
        layout.addWidget(self.view, 1)

        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.make_preview)
        for combo in (self.language, self.second, self.step):
            combo.currentIndexChanged.connect(self._changed)
        self.language.currentIndexChanged.connect(self._first_changed)
        self.step.currentIndexChanged.connect(self._step_changed)
        self.partner.currentIndexChanged.connect(self._changed)
        self.partner.editTextChanged.connect(lambda _text: self._changed())
        for box in (self.identity_code, *self.share.values()):
            box.toggled.connect(self._changed)
        QShortcut(QKeySequence(PRINT_SHORTCUT), self, activated=self.print_paper)
        QShortcut(QKeySequence(SAVE_SHORTCUT), self, activated=self.save_pdf)
        self._step_changed()
        self._set_ready(False)
        self.language.setFocus()
        self.make_preview()

    # -- the choices

    def _first_changed(self) -> None:
        # The same language twice is one language: the second goes back to none.
        if self.second.currentData() == self.language.currentData():
            self.second.setCurrentIndex(0)

    def _step_changed(self) -> None:
        """A slip's partner follows its step: the one it was referred to, else the one that provides it."""
        if self.kind is not PaperKind.SLIP:
            return
        step = next((s for s in self._steps if s.item_id == self.step.currentData()), None)
        partner_id = step.referred_to_id or step.partner_id if step is not None else None
        self.partner.blockSignals(True)
        self.partner.setCurrentIndex(self.partner.findData(str(partner_id)) if partner_id is not None else -1)
        if partner_id is None:
            self.partner.setEditText("")
        self.partner.blockSignals(False)
        self._changed()

    def request(self) -> PaperRequest:
        """The paper the choices describe; a partner typed but not in the list is refused."""
        first, second = str(self.language.currentData()), str(self.second.currentData() or "")
        languages = (first, second) if second and second != first else (first,)
        if self.kind is not PaperKind.SLIP:
            return PaperRequest(self.kind, self.detail.row.id, languages,
                                with_identity_code=self.identity_code.isEnabled() and self.identity_code.isChecked())
        partner = forms.typed_choice(self.partner)
        if partner is None and self.partner.currentText().strip():
            raise ValidationError(_("Choose a partner organisation from the list."), field="partner")
        item = self.step.currentData()
        return PaperRequest(self.kind, self.detail.row.id, languages,
                            item_id=int(item) if item is not None else None,
                            partner_id=int(partner) if partner else None,
                            share=frozenset(key for key, box in self.share.items() if box.isChecked()))

    def _changed(self) -> None:
        # What is shown is no longer what would print: the acts wait for the new preview.
        self.made = None
        self._set_ready(False)
        self.state.setText(_("Making the preview…"))
        self._timer.start()

    # -- the preview

    def make_preview(self) -> None:
        """Make the paper off the GUI thread and show it; a change meanwhile makes it again after."""
        self._timer.stop()
        if self._making:
            self._again = True
            return
        try:
            request = self.request()
        except ValidationError as exc:
            self._refused(exc)
            return
        self._making = True
        self.state.setText(_("Making the preview…"))
        self.message.setText("")
        desk = self.desk
        tasks.run_task(lambda _progress: desk.make_paper(request), on_done=lambda made: self._made(made),
                       on_error=lambda exc: self._not_made(exc))

    def _restarted(self) -> bool:
        self._making = False
        if self._closed:
            return True
        if self._again:
            self._again = False
            self.make_preview()
            return True
        return False

    def _made(self, made: Made) -> None:
        if self._restarted():
            return
        self.made = made
        paper = made.paper
        document, self._buffer = _loaded(paper.pdf)
        document.setParent(self)
        old, self.document = self.document, document
        self.view.setDocument(document)
        if old is not None:
            old.close()
            old.deleteLater()
        self.state.setText(ngettext("{count} page, ready to print.", "{count} pages, ready to print.",
                                    paper.pages).format(count=paper.pages))
        self.fell_back.setText(_("Some texts are in English in {languages}: they are not written in that language "
                                 "yet.").format(languages=", ".join(paper.fell_back)) if paper.fell_back else "")
        self.fell_back.setVisible(bool(paper.fell_back))
        self._set_ready(True)

    def _not_made(self, exc: BaseException) -> None:
        if self._restarted():
            return
        if not isinstance(exc, KnownError):
            raise exc  # a bug: the app's handler reports it
        if isinstance(exc, ValidationError):
            self._refused(exc)
            return
        self._clear()
        self.state.setText("")
        dialogs.known_error(self, exc)

    def _refused(self, exc: ValidationError) -> None:
        """Why this paper cannot be made (a character no font draws, no step chosen), in the dialog."""
        self._clear()
        self.state.setText("")
        self.message.setText("\n".join(_(reason) for reason in exc.reasons))

    def _clear(self) -> None:
        self.made = None
        self.fell_back.hide()
        self.view.setDocument(None)  # type: ignore[arg-type]  # None empties the view
        if self.document is not None:
            self.document.close()
            self.document.deleteLater()
            self.document = None
        self._set_ready(False)

    def _set_ready(self, ready: bool) -> None:
        for button in (self.print_button, self.save_button):
            button.setEnabled(ready and not self._busy)
        self.close_button.setEnabled(not self._busy)

    # -- printing and saving

    def print_paper(self) -> None:
        """The system's print dialog, then each page at 300 dpi off the GUI thread; recorded as given."""
        made = self.made
        if made is None or self._busy or not self.print_button.isEnabled():
            return
        printer = dialogs.choose_printer(self, _("Print: {paper}").format(paper=self.windowTitle()))
        if printer is None:
            return

        def work(progress: tasks.Progress) -> tuple[int, tuple[GivenEntry, ...]]:
            pages = print_pdf(made.paper.pdf, printer, progress.report)
            return pages, self._record(made)

        def printed(result: tuple[int, tuple[GivenEntry, ...]]) -> None:
            pages, papers = result
            self._done(papers, ngettext("Printed {count} page.", "Printed {count} pages.", pages).format(count=pages))

        def progressed(done: int, total: int) -> None:
            self.state.setText(_("Printing: page {page} of {pages}…").format(page=done, pages=total))

        self._start(_("Printing…"))
        tasks.run_task(work, on_done=printed, on_error=lambda exc: self._failed(exc), on_progress=progressed)

    def save_pdf(self) -> None:
        """Where to save the paper, then its bytes written whole; recorded as given."""
        made = self.made
        if made is None or self._busy or not self.save_button.isEnabled():
            return
        row = self.detail.row
        suggested = f"{self.windowTitle()} {row.id} {made.paper.language_tag}.pdf"
        path = dialogs.save_file(self, _("Save the paper as PDF"), _("PDF files (*.pdf)"), suggested)
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")

        def work(_progress: tasks.Progress) -> tuple[GivenEntry, ...]:
            save_file(path, made.paper.pdf)
            return self._record(made)

        target: Path = path
        self._start(_("Saving…"))
        tasks.run_task(work, on_done=lambda papers: self._done(papers, _("Saved as {path}.").format(path=target)),
                       on_error=lambda exc: self._failed(exc))

    def _record(self, made: Made) -> tuple[GivenEntry, ...]:
        """Record the paper as given (in the task's thread) and read the person's papers anew."""
        self.desk.record_paper_given(made)
        return self.desk.person(made.request.person_id).papers

    def _start(self, doing: str) -> None:
        self._busy = True
        self._set_ready(False)
        self.message.setText("")
        self.state.setText(doing)

    def _done(self, papers: tuple[GivenEntry, ...], said: str) -> None:
        self._busy = False
        self.saved = (self.saved or 0) + 1
        self.state.setText(said)
        self._set_ready(self.made is not None)
        self.given.emit(papers)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self._set_ready(self.made is not None)
        self.state.setText("")
        if not isinstance(exc, KnownError):
            raise exc
        dialogs.known_error(self, exc)

    def reject(self) -> None:
        """Close, unless a print or save is under way (it is recorded when it ends)."""
        if self._busy:
            return
        self._closed = True
        self._timer.stop()
        super().reject()
