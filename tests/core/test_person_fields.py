"""One description of a person's fields: the model, the rows, the JSON and the demo data agree with it."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import inspect

from welcomedesk.codes import PermitType, Relation, Status
from welcomedesk.demo import DemoPerson
from welcomedesk.errors import ValidationError
from welcomedesk.model import Person
from welcomedesk.person_fields import FIELD, FIELDS, IMPORT_COLUMNS, LISTED, PERSONAL, Kind
from welcomedesk.services.newcomers import NewcomerRow

# The import columns of the contract (DESIGN.md), in its order.
CONTRACT = ("household", "relation", "given_names", "family_name", "native_name", "date_of_birth", "nationality",
            "languages", "email", "phone", "arrival_date", "status", "employer", "occupation",
            "personal_identity_code")


def test_the_import_columns_are_the_contracts() -> None:
    assert IMPORT_COLUMNS == CONTRACT


def test_a_list_row_carries_exactly_the_listed_fields_by_name() -> None:
    assert [f.name for f in dataclasses.fields(NewcomerRow)] == ["id", "household", *LISTED]


def test_every_field_is_the_models_and_the_text_lengths_are_derived() -> None:
    mapper = inspect(Person)
    for field in FIELDS:
        assert field.name in mapper.attrs, field.name
        column = mapper.columns.get(field.name)
        if column is not None and field.kind in (Kind.NAME, Kind.TEXT, Kind.EMAIL, Kind.PHONE, Kind.COUNTRY):
            assert column.type.length == field.max_length, field.name


def test_demo_people_are_described_field_for_field() -> None:
    # ... and each comes with the history of their status, which is rows of its own, not a field.
    assert {f.name for f in dataclasses.fields(DemoPerson)} == set(FIELD) | {"status_history"}


def test_personal_data_is_marked() -> None:
    assert {"given_names", "family_name", "native_name", "date_of_birth", "personal_identity_code", "email",
            "phone", "street_address"} <= PERSONAL
    assert {"status", "relation", "municipality_code"}.isdisjoint(PERSONAL)


@pytest.mark.parametrize(("name", "text", "value"), [
    ("given_names", "  Anna \u00a0 Liisa ", "Anna Liisa"),
    ("date_of_birth", "15.4.1987", date(1987, 4, 15)),
    ("date_of_birth", "", None),
    ("nationality", "ph", "PH"),
    ("languages", "TL; en;tl", ("tl", "en")),
    ("languages", "", ()),
    ("status", "arrived", Status.ARRIVED),
    ("relation", "spouse", Relation.SPOUSE),
    ("permit_type", "EU", PermitType.EU),
    ("permit_type", "", None),
    ("phone", "040 123 4567", "+358401234567"),
    ("personal_identity_code", "010190-123m", "010190-123M"),
    ("personal_identity_code", " ", None),
    ("municipality_code", "205", "205"),
])
def test_a_field_reads_typed_text(name: str, text: str, value: object) -> None:
    assert FIELD[name].parse(text) == value


@pytest.mark.parametrize(("name", "text"), [
    ("given_names", ""), ("family_name", "Bad\x1bname"), ("date_of_birth", "31.2.2020"), ("nationality", "FIN"),
    ("languages", "fi;klingonish"), ("status", "welcomed"), ("relation", "MAIN"), ("permit_type", "C"),
    ("phone", "12"), ("email", "no-at-sign"), ("personal_identity_code", "010190-123B"),
    ("municipality_code", "٢٠٥"), ("occupation", "x" * 201),
])
def test_a_field_refuses_with_its_own_name(name: str, text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        FIELD[name].parse(text)
    assert refused.value.field == name and [p.field for p in refused.value.problems] == [name]
