"""The partner network as the desk uses it: find a partner, read its details and referrals; a coordinator
adds and edits partners with the keyboard; a desk worker only reads."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ui.hub import Hub
from ui.language import set_language
from ui.pages.network import NetworkPage
from ui.partner_dialog import PartnerDialog, parse_languages, suggested_code
from welcomedesk.codes import PartnerType, ReferralOutcome, Role
from welcomedesk.config import resolve_database
from welcomedesk.identity import format_date
from welcomedesk.services.desk import Desk, open_desk
from welcomedesk.services.newcomers import NewcomerQuery
from welcomedesk.services.setup import Municipality

HOSTILE = "Smith & <Jones> =1+1"
ARABIC = "مركز الجالية العربية في كاياني"


@pytest.fixture
def network_desk(empty_desk: Desk) -> Desk:
    """The program's catalogue and the demo region's partners, with five households."""
    empty_desk.save_profile("Kainuun Welcome Desk", [Municipality("205", "Kajaani")])
    empty_desk.add_demo(households=5, seed=1)
    return empty_desk


@pytest.fixture
def worker_desk(network_desk: Desk, tmp_path: Path) -> Iterator[Desk]:
    """A second account on the same database: it gets the desk role only."""
    desk = open_desk(resolve_database(str(tmp_path / "desk.sqlite3")), "another")
    yield desk
    desk.close()


def _page(qtbot: QtBot, desk: Desk) -> NetworkPage:
    page = NetworkPage(desk, Hub())
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    return page


def _partner_id(desk: Desk, code: str) -> int:
    return next(s.partner_id for s in desk.partners() if s.partner.code == code)


def _shown_codes(page: NetworkPage) -> list[str]:
    rows = range(page.proxy.rowCount())
    return [page.model.rows[page.proxy.mapToSource(page.proxy.index(r, 0)).row()].partner.code for r in rows]


def _when_open(qtbot: QtBot, work: Callable[[PartnerDialog], None]) -> list[BaseException]:
    """Once the partner form is open (it is modal), do ``work`` in it; a failure closes it and is handed back."""
    failures: list[BaseException] = []

    def run() -> None:
        form = QApplication.activeModalWidget()
        if not isinstance(form, PartnerDialog):
            QTimer.singleShot(10, run)
            return
        try:
            form.activateWindow()
            qtbot.waitUntil(form.isActiveWindow, timeout=2000)
            work(form)
        except BaseException as exc:
            failures.append(exc)
        if form.isVisible():
            form.reject()

    QTimer.singleShot(0, run)
    return failures


def _type(qtbot: QtBot, form: QWidget, text: str) -> None:
    """Type into whatever has the focus in ``form`` (``insert`` for text the key events cannot carry)."""
    widget = form.focusWidget()
    assert widget is not None
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        widget.insert(text)  # type: ignore[attr-defined]


def _key(qtbot: QtBot, form: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
         ) -> None:
    widget = form.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def test_the_list_narrows_by_typed_words_and_type_and_shows_a_recruiters_commitment(
        qtbot: QtBot, qtmodeltester: object, worker_desk: Desk, answered: list) -> None:
    page = _page(qtbot, worker_desk)
    everyone = worker_desk.partners()
    assert page.model.rowCount() == len(everyone) >= 19
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    assert f"{len(everyone)}" in page.count.text()

    qtbot.keyClicks(page.search, "kajaani")
    shown = _shown_codes(page)
    assert 0 < len(shown) < len(everyone) and "kajaani_daycare" in shown and "migri" not in shown
    page.search.clear()
    qtbot.keyClicks(page.search, "tagalog")  # a language served, by its name
    assert _shown_codes(page) == ["example_recruiter"]
    page.search.clear()
    page.type_filter.setCurrentIndex(page.type_filter.findData(PartnerType.STATE_AGENCY.value))
    assert set(_shown_codes(page)) == {"migri", "dvv", "kela", "vero", "lupavalvonta", "oph", "poliisi"}
    page.type_filter.setCurrentIndex(page.type_filter.findData(PartnerType.RECRUITER.value))
    assert _shown_codes(page) == ["example_recruiter"]

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    chosen = page.selected()
    assert chosen is not None and chosen.partner.code == "example_recruiter"
    assert page.name.text() == chosen.partner.name and page.type_label.text() == "Recruiter"
    signed = chosen.partner.fee_free_commitment
    assert signed is not None and page.commitment.isVisible()
    assert page.commitment.text() == f"Signed the fee-free recruitment commitment on {format_date(signed)}."
    assert page.commitment.property("warning") is False
    assert "no country on the WHO health workforce support and safeguards list" in page.safeguard.text()
    assert page.detail_values["languages"].text().startswith("Finnish, English, Tagalog")
    assert chosen.partner.contacts[0].name in page.contacts.text()
    assert answered == []


def test_a_partners_steps_and_referrals_are_shown_and_a_referral_opens_the_person(
        qtbot: QtBot, network_desk: Desk, answered: list) -> None:
    wellbeing = _partner_id(network_desk, "kainuu_wellbeing")
    person = network_desk.person(network_desk.search(NewcomerQuery(sort="id"), limit=1).rows[0].id)
    step = person.steps[0]
    network_desk.refer(step.item_id, step.version, wellbeing, date(2026, 11, 2), ReferralOutcome.STARTED)
    page = _page(qtbot, network_desk)
    page.select_partner(wellbeing)
    assert not page.commitment.isVisible()  # a wellbeing services county recruits nobody
    assert "Tutustu" not in page.services.text() and page.services.text().count("•") == 4
    assert page.referrals.rowCount() == 1 and page.referrals_title.text() == "Referrals (1)"
    cells = [page.referrals.item(0, c).text() for c in range(3)]  # type: ignore[union-attr]
    assert cells[0].startswith(f"{person.row.family_name}, {person.row.given_names}\n")
    assert cells[1:] == ["2.11.2026", "Taken in"]
    page.referrals.setFocus()
    page.referrals.setCurrentCell(0, 0)
    with qtbot.waitSignal(page.person_opened, timeout=2000) as opened:
        qtbot.keyClick(page.referrals, Qt.Key.Key_Return)
    assert opened.args == [person.row.id] and answered == []


def test_a_coordinator_adds_a_recruiter_with_the_keyboard_and_its_missing_commitment_warns(
        qtbot: QtBot, network_desk: Desk, answered: list) -> None:
    page = _page(qtbot, network_desk)
    before = len(network_desk.partners())

    def fill(form: PartnerDialog) -> None:
        _type(qtbot, form, HOSTILE)  # the name has the focus
        _key(qtbot, form, Qt.Key.Key_Tab)
        assert form.code.text() == "smith_jones_1_1"  # suggested from the name
        qtbot.keyClick(form.code, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        _type(qtbot, form, "smith_jones")
        _key(qtbot, form, Qt.Key.Key_Tab)
        form.type.setCurrentIndex(form.type.findData(PartnerType.RECRUITER.value))  # the type's list, as chosen
        assert form.recruiting.isVisible()
        for text in ("Esimerkkikatu 10, 87100 Kajaani", "ma-pe 9-15", "+358 40 000 1234", "info@smith.example",
                     "www.smith.example", "fi, en, tl"):
            _key(qtbot, form, Qt.Key.Key_Tab)
            _type(qtbot, form, text)
        assert form.language_names.text() == "Finnish, English, Tagalog"
        _key(qtbot, form, Qt.Key.Key_Return)  # Enter saves
        assert form.saved is not None, {k: e.text() for k, e in form.errors.items() if e.text()}

    failures = _when_open(qtbot, fill)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert failures == []
    partners = network_desk.partners()
    assert len(partners) == before + 1
    saved = next(s for s in partners if s.partner.code == "smith_jones")
    assert saved.partner.name == HOSTILE and saved.partner.type is PartnerType.RECRUITER
    assert saved.partner.languages == ("fi", "en", "tl") and saved.partner.website == "www.smith.example"
    assert saved.partner.fee_free_commitment is None and saved.partner.who_safeguard_countries is None
    chosen = page.selected()
    assert chosen is not None and chosen.partner.code == "smith_jones"
    assert page.name.text() == HOSTILE and page.name.textFormat() == Qt.TextFormat.PlainText
    assert page.commitment.property("warning") is True and "No written fee-free commitment" in page.commitment.text()
    assert "Not known whether" in page.safeguard.text() and answered == []


def test_a_bad_e_mail_or_website_or_no_name_is_refused_beside_its_field_and_nothing_is_saved(
        qtbot: QtBot, network_desk: Desk, answered: list) -> None:
    before = network_desk.partners()
    form = PartnerDialog(network_desk, None)
    qtbot.addWidget(form)
    form.show()
    form.code.setText("somewhere")
    form.email.setText("info@@example")
    form.website.setText("not a website")
    form.languages.setText("fi, klingonish")
    form.save()
    assert form.saved is None and form.isVisible()
    for field in ("name", "email", "website", "languages"):
        assert form.errors[field].isVisible() and form.errors[field].text(), field
    assert "@" in form.errors["email"].text() and "https://www.example.fi" in form.errors["website"].text()
    assert "klingonish" in form.errors["languages"].text()
    assert form.focusWidget() is form.name  # the first field to correct
    form.name.setText("Somewhere")
    form.email.setText("info@example.fi")
    form.website.setText("https://example.fi")
    form.languages.setText("suomi, englanti")  # names do as well as codes
    form.type.setCurrentIndex(form.type.findData(PartnerType.EMPLOYER.value))
    form.commitment.setText("31.2.2025")
    form.save()
    assert form.saved is None and form.errors["fee_free_commitment"].isVisible()
    assert not form.errors["email"].isVisible() and not form.errors["website"].isVisible()
    assert network_desk.partners() == before
    form.commitment.setText("1.2.2025")
    form.save()
    assert form.saved is not None
    saved = next(s.partner for s in network_desk.partners() if s.partner.code == "somewhere")
    assert saved.fee_free_commitment == date(2025, 2, 1) and saved.languages == ("fi", "en")
    assert answered == []


def test_an_existing_code_is_refused_beside_the_code(qtbot: QtBot, network_desk: Desk, answered: list) -> None:
    form = PartnerDialog(network_desk, None)
    qtbot.addWidget(form)
    form.name.setText("Another Migri")
    form.code.setText("migri")
    form.save()
    assert form.saved is None and "migri" in form.errors["code"].text()


def test_arabic_and_hostile_text_are_kept_exactly_and_contacts_are_edited_in_their_table(
        qtbot: QtBot, network_desk: Desk, answered: list) -> None:
    summary = next(s for s in network_desk.partners() if s.partner.code == "kajaani_integration")
    page = _page(qtbot, network_desk)
    page.select_partner(summary.partner_id)

    def edit(form: PartnerDialog) -> None:
        assert form.name.text() == summary.partner.name and not form.code.isVisible()
        form.name.selectAll()
        _type(qtbot, form, ARABIC)
        qtbot.mouseClick(form.add_contact, Qt.MouseButton.LeftButton)  # a new row, its name being typed
        _type(qtbot, form, HOSTILE)
        _key(qtbot, form, Qt.Key.Key_Tab)  # to the title
        _type(qtbot, form, "coordinator")
        _key(qtbot, form, Qt.Key.Key_Tab)
        _type(qtbot, form, "+358 40 000 4321")
        _key(qtbot, form, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # saves from inside the cell

    failures = _when_open(qtbot, edit)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert failures == []
    saved = next(s.partner for s in network_desk.partners() if s.partner_id == summary.partner_id)
    assert saved.name == ARABIC and saved.code == "kajaani_integration"
    assert [(c.name, c.title, c.phone) for c in saved.contacts] == [(HOSTILE, "coordinator", "+358 40 000 4321")]
    assert saved.languages == summary.partner.languages and saved.address == summary.partner.address
    assert page.name.text() == ARABIC and HOSTILE in page.contacts.text()
    assert page.model.data(page.model.index(page.model.rows.index(
        next(r for r in page.model.rows if r.partner_id == summary.partner_id)), 0)) == ARABIC
    assert answered == []


def test_the_helpers_read_what_a_coordinator_types() -> None:
    assert parse_languages("fi en ar") == ("fi", "en", "ar")
    assert parse_languages("Suomi; English,  arabia") == ("fi", "en", "ar")
    assert parse_languages("") == ()
    assert suggested_code("Kajaanin Äänekoski-kirjasto") == "kajaanin_aanekoski_kirjasto"
    assert suggested_code(ARABIC) == ""


def test_a_desk_worker_reads_the_network_but_cannot_edit_it(qtbot: QtBot, worker_desk: Desk,
                                                           answered: list) -> None:
    assert Role.COORDINATOR not in worker_desk.actor.roles
    page = _page(qtbot, worker_desk)
    page.select_partner(_partner_id(worker_desk, "kela"))
    assert not page.new_button.isEnabled() and not page.edit_button.isEnabled()
    assert "coordinator" in page.edit_button.toolTip() and page.read_only.isVisible()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter on a partner edits it, for a coordinator only
    assert QApplication.activeModalWidget() is None and answered == []


def test_the_page_speaks_the_language_chosen_and_keeps_what_was_chosen(qtbot: QtBot, network_desk: Desk,
                                                                       answered: list) -> None:
    hub = Hub()
    page = NetworkPage(network_desk, hub)
    qtbot.addWidget(page)
    page.type_filter.setCurrentIndex(page.type_filter.findData(PartnerType.EMPLOYER.value))
    qtbot.keyClicks(page.search, "esimerkki")
    assert _shown_codes(page) == ["example_employer"]
    set_language("fi")
    assert page.type_filter.currentData() == PartnerType.EMPLOYER.value and page.search.text() == "esimerkki"
    assert _shown_codes(page) == ["example_employer"]
    assert page.proxy.index(0, 1).data() == "Työnantaja" and page.type_label.text() == "Työnantaja"
    assert page.detail_values["languages"].text() == "suomi, englanti"
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Nimi"
