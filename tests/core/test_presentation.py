"""How a person reads, in a language passed in: the UI's and the command line's languages stay theirs."""

from __future__ import annotations

from datetime import date

from ui import language as ui_language
from welcomedesk.actor import Actor
from welcomedesk.cli import language as cli_language
from welcomedesk.codes import PermitType, Status
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.i18n import translator
from welcomedesk.model import Household, Person
from welcomedesk.presentation.labels import country_name, date_text, status_label
from welcomedesk.presentation.person import person_sections
from welcomedesk.services.newcomers import get_person
from welcomedesk.unreadable import UNREADABLE


def _person(database: Database, actor: Actor) -> int:
    with unit_of_work(database, actor) as session:
        person = Person(household=Household(name="Reyes"), given_names="Ana", family_name="Reyes",
                        nationality="PH", date_of_birth=date(1990, 4, 15), status=Status.ARRIVED,
                        permit_type=PermitType.TEMPORARY, street_address="Kauppakatu 1", postal_code="87100",
                        post_office="Kajaani")
        person.set_languages(["tl", "en"])
        session.add(person)
        session.flush()
        return person.id


def test_sections_in_english_and_finnish_in_one_process_leave_the_ui_language_alone(database: Database,
                                                                                       actor: Actor) -> None:
    ui_language.set_language("sv")
    cli_language.set_language("sv")
    detail = get_person(database, actor, _person(database, actor))
    english = dict(person_sections(detail, translator("en")))
    finnish = dict(person_sections(detail, translator("fi")))
    assert list(english) == ["Personal details", "Contact and languages", "Arrival and work", "Privacy notice",
                             "Housing and recruitment"]
    assert next(iter(finnish)) == "Henkilötiedot"
    assert dict(english["Personal details"])["Nationality"] == "Philippines"
    assert dict(english["Contact and languages"])["Languages"] == "Tagalog, English"
    assert dict(finnish["Henkilötiedot"])["Kansalaisuus"] == "Filippiinit"
    assert dict(english["Contact and languages"])["Address"] == "Kauppakatu 1, 87100 Kajaani"
    assert dict(english["Arrival and work"])["Residence permit"] == "Temporary residence permit (B)"
    assert ui_language.current_language() == "sv" and cli_language.current_language() == "sv"


def test_labels_take_their_language() -> None:
    assert status_label(Status.ARRIVED, translator("fi")) == "Saapunut"
    assert status_label(Status.ARRIVED, translator("en")) == "Arrived"
    assert status_label(UNREADABLE, translator("en")) == "(unreadable)"
    assert country_name("SE", translator("sv")) == "Sverige"
    assert country_name("SE", translator("ar")) == "السويد"  # a packet language the UI does not speak
    assert date_text(date(2026, 11, 5), translator("fi")) == "5.11.2026"
    assert date_text(None, translator("fi")) == "" and date_text(UNREADABLE, translator("sv")) == "(oläsbart)"


def test_dates_in_a_packet_language_follow_that_language() -> None:
    assert date_text(date(2026, 11, 5), translator("sv")) == "5.11.2026"
    assert date_text(date(2026, 11, 5), translator("vi")) != "5.11.2026"
    assert "2026" in date_text(date(2026, 11, 5), translator("uk"))
