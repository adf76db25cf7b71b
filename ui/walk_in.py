"""The anonymous-contact form: what the question was about, and Enter saves it. No name is asked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from ui import dialogs, forms
from ui.language import _, words
from welcomedesk.codes import Channel, ContactTopic, Referral
from welcomedesk.errors import KnownError
from welcomedesk.presentation.labels import (
    CHANNEL_LABELS,
    REFERRAL_LABELS,
    TOPIC_LABELS,
    language_choices,
)
from welcomedesk.services.contacts import WalkIn
from welcomedesk.services.desk import Desk


class WalkInDialog(QDialog):
    """Topic, language, channel, minutes and referral; the last choices are offered again next time."""

    # What the desk chose last time: a desk answers many questions the same way in a row.
    remembered = WalkIn(topic=ContactTopic.REGISTRATION, language="en")

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.today: int | None = None
        self.setObjectName("walkInDialog")
        self.setWindowTitle(_("Anonymous contact"))
        self.setMinimumWidth(520)
        title = QLabel(_("Anonymous contact"), objectName="pageTitle")
        hint = QLabel(_("No name or other personal data is saved: only what the question was about, for the "
                        "region's figures. Enter saves."), objectName="muted")
        hint.setWordWrap(True)

        self.topic = self._choice("topicChoice", TOPIC_LABELS)
        self.language = forms.searchable_choice("languageChoice")
        for code, name in language_choices(words()):
            self.language.addItem(name, code)
        self.channel = self._choice("channelChoice", CHANNEL_LABELS)
        self.minutes = QSpinBox(objectName="minutes")
        self.minutes.setRange(1, 600)
        self.minutes.setSuffix(" min")
        self.referral = self._choice("referralChoice", REFERRAL_LABELS)
        self.message = forms.refusal_line()

        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for label, widget in ((_("Topic"), self.topic), (_("Language"), self.language),
                              (_("Channel"), self.channel), (_("Time taken"), self.minutes),
                              (_("Referred to"), self.referral)):
            widget.setAccessibleName(label)
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)

        buttons, self.save_button = forms.buttons(self, _("Save"), self.save)

        layout = forms.frame(self, spacing=12)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._offer(self.remembered)
        self.topic.setFocus()

    def _choice(self, name: str, labels: dict[ContactTopic, str] | dict[Channel, str] | dict[Referral, str]
                ) -> QComboBox:
        combo = QComboBox(objectName=name)
        for code, label in labels.items():
            combo.addItem(_(label), code)
        return combo

    def _offer(self, walk_in: WalkIn) -> None:
        for combo, value in ((self.topic, walk_in.topic), (self.language, walk_in.language),
                             (self.channel, walk_in.channel), (self.referral, walk_in.referred_to)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.minutes.setValue(walk_in.minutes)

    def chosen(self) -> WalkIn:
        """What the form says now; a typed language name counts when it names one in the list."""
        language = forms.typed_choice(self.language) or ""
        # Qt hands back an item's data as plain text; the codes are read back into their enums.
        return WalkIn(topic=ContactTopic(self.topic.currentData()), language=language,
                      channel=Channel(self.channel.currentData()), minutes=self.minutes.value(),
                      referred_to=Referral(self.referral.currentData()))

    def save(self) -> None:
        """Save the contact and close; a refusal stays in the form with its reason."""
        walk_in = self.chosen()
        try:
            self.today = self.desk.record_walk_in(walk_in)
        except KnownError as exc:
            if hasattr(exc, "problems"):
                self.message.setText("\n".join(_(p.message) for p in exc.problems))
            else:
                dialogs.known_error(self, exc)
            return
        WalkInDialog.remembered = walk_in
        self.accept()

