"""Tests of welcomedesk.identity: identity codes, business IDs, phones, e-mail, names, dates, search keys.

Expected check characters and digits are computed here from the published rules (the Digital and Population
Data Services Agency's for identity codes, the Finnish Patent and Registration Office's for business IDs; summed
up in ../shared/FACTS.md), independently of the code under test, so a shared mistake would have to be made twice.
"""

from __future__ import annotations

import ast
import string
import unicodedata
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import phonenumbers
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from welcomedesk import identity
from welcomedesk.errors import ValidationError
from welcomedesk.identity import (
    IdentityCode,
    format_date,
    make_identity_code,
    normalise_email,
    normalise_name,
    normalise_phone,
    normalise_text,
    parse_date,
    parse_identity_code,
    validate_business_id,
)

# The check alphabet as the rule describes it: digits, then capital letters without G, I, O, Q and Z.
ALPHABET = string.digits + "".join(c for c in string.ascii_uppercase if c not in "GIOQZ")
SIGNS = {1800: "+", 1900: "-YXWVU", 2000: "ABCDEF"}
TODAY = date.today()

HOSTILE = [
    "",
    "   ",
    "<b>&</b>",
    "=1+1",
    "أحمد",
    "🌸👨‍👩‍👧",
    "\x00",
    "\x1b[31m",
    "\x7f",
    "\ud800",
    "a" * 10_000,
    "9" * 10_000,
    "'; DROP TABLE person; --",
]


def check_of(ddmmyy: str, nnn: str) -> str:
    """The check character by the rule: the nine digits DDMMYYNNN modulo 31, looked up in the alphabet."""
    return ALPHABET[int(ddmmyy + nnn) % 31]


def code_of(ddmmyy: str, sign: str, nnn: str) -> str:
    return f"{ddmmyy}{sign}{nnn}{check_of(ddmmyy, nnn)}"


def ddmmyy(d: date) -> str:
    return f"{d.day:02d}{d.month:02d}{d.year % 100:02d}"


def business_check(body: str) -> int | None:
    """The check digit by the rule, or None when the remainder is 1 (never issued)."""
    remainder = sum(int(d) * w for d, w in zip(body, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


@st.composite
def person_codes(draw: st.DrawFn, numbers: st.SearchStrategy[int] | None = None) -> tuple[date, int, str]:
    """A birth date 1800-2099 (not in the future), an individual number, a century sign of the century."""
    born = draw(st.dates(min_value=date(1800, 1, 1), max_value=min(date(2099, 12, 31), TODAY)))
    number = draw(numbers if numbers is not None else st.integers(2, 899))
    sign = draw(st.sampled_from(SIGNS[born.year // 100 * 100]))
    return born, number, sign


# ---------------------------------------------------------------------------------------------------------
# Personal identity code


def test_alphabet_is_31_characters() -> None:
    assert len(ALPHABET) == 31
    assert identity.CHECK_CHARACTERS == ALPHABET


def test_worked_example() -> None:
    # 131052308 = 31 * 4227493 + 25, and the character at index 25 is T (A=10 ... F=15, H=16 ... S=24, T=25).
    assert 31 * 4227493 + 25 == 131052308
    assert check_of("131052", "308") == "T"
    parsed = parse_identity_code("131052-308T")
    assert parsed == IdentityCode("131052-308T", date(1952, 10, 13), 308, False)
    assert parsed.sex == "female"


@given(person_codes())
def test_make_matches_the_rule_and_parse_round_trips(case: tuple[date, int, str]) -> None:
    born, number, sign = case
    code = make_identity_code(born, number, sign)
    assert code == code_of(ddmmyy(born), sign, f"{number:03d}")
    parsed = parse_identity_code(code)
    assert parsed.code == code
    assert parsed.birth_date == born
    assert parsed.individual_number == number
    assert parsed.temporary is False
    assert parsed.sex == ("female" if number % 2 == 0 else "male")


@given(person_codes())
def test_input_is_trimmed_and_upper_cased(case: tuple[date, int, str]) -> None:
    code = make_identity_code(*case)
    assert parse_identity_code(f" \t{code.lower()}\n").code == code


@given(person_codes(), st.sampled_from(ALPHABET + "GIOQZ*a"))
def test_any_other_check_character_is_refused(case: tuple[date, int, str], wrong: str) -> None:
    code = make_identity_code(*case)
    assume(wrong != code[-1] and wrong.upper() != code[-1])
    with pytest.raises(ValidationError, match="wrong check character") as error:
        parse_identity_code(code[:-1] + wrong)
    assert error.value.field == "personal_identity_code"


@given(person_codes(), st.integers(0, 8), st.sampled_from(string.digits))
def test_a_changed_digit_is_refused(case: tuple[date, int, str], position: int, digit: str) -> None:
    code = make_identity_code(*case)
    index = position if position < 6 else position + 1  # skip the century sign
    assume(code[index] != digit)
    # A single-digit change alters DDMMYYNNN by k * 10**p with 0 < |k| < 10; 31 is a prime dividing neither,
    # so the check character always catches it (and it is checked before the date).
    with pytest.raises(ValidationError, match="wrong check character"):
        parse_identity_code(code[:index] + digit + code[index + 1 :])


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)), st.integers(2, 899))
def test_dash_and_y_codes_are_different_people(born: date, number: int) -> None:
    dash, letter_y = make_identity_code(born, number, "-"), make_identity_code(born, number, "Y")
    assert dash != letter_y
    assert dash[:6] + dash[7:] == letter_y[:6] + letter_y[7:]  # same digits, same check character
    assert parse_identity_code(dash) != parse_identity_code(letter_y)
    assert parse_identity_code(dash).birth_date == parse_identity_code(letter_y).birth_date


def test_default_century_signs() -> None:
    assert make_identity_code(date(1899, 12, 31), 2)[6] == "+"
    assert make_identity_code(date(1999, 1, 1), 2)[6] == "-"
    assert make_identity_code(date(2000, 1, 1), 2)[6] == "A"


@pytest.mark.parametrize(
    ("born", "sign"),
    [(date(1990, 1, 1), "A"), (date(2001, 1, 1), "-"), (date(2001, 1, 1), "Y"), (date(1850, 1, 1), "-"),
     (date(1990, 1, 1), "G"), (date(1990, 1, 1), "")],
)  # fmt: skip
def test_make_refuses_a_sign_of_another_century(born: date, sign: str) -> None:
    with pytest.raises(ValueError):
        make_identity_code(born, 123, sign)


def test_make_refuses_impossible_arguments() -> None:
    with pytest.raises(ValueError):
        make_identity_code(date(1799, 12, 31), 123)
    with pytest.raises(ValueError):
        make_identity_code(date(2100, 1, 1), 123)
    with pytest.raises(ValueError):
        make_identity_code(date(1990, 1, 1), 1000)
    with pytest.raises(ValueError):
        make_identity_code(date(1990, 1, 1), -1)


@given(person_codes(st.integers(900, 999)))
def test_temporary_codes_need_permission(case: tuple[date, int, str]) -> None:
    code = make_identity_code(*case)
    with pytest.raises(ValidationError, match="temporary"):
        parse_identity_code(code)
    parsed = parse_identity_code(code, allow_temporary=True)
    assert parsed.temporary is True
    assert parsed.individual_number == case[1]


@pytest.mark.parametrize("number", [0, 1])
def test_individual_numbers_000_and_001_are_refused(number: int) -> None:
    code = make_identity_code(date(1980, 5, 5), number)
    with pytest.raises(ValidationError, match="000 and 001"):
        parse_identity_code(code, allow_temporary=True)


@pytest.mark.parametrize(
    ("digits", "sign"),
    [("310223", "A"), ("290223", "A"), ("290200", "-"), ("300290", "-"), ("000190", "-"), ("011390", "-"),
     ("320190", "Y"), ("310490", "+")],
)  # fmt: skip
def test_impossible_birth_dates_are_refused(digits: str, sign: str) -> None:
    with pytest.raises(ValidationError, match="does not exist"):
        parse_identity_code(code_of(digits, sign, "123"))


def test_leap_days() -> None:
    assert parse_identity_code(code_of("290224", "A", "123")).birth_date == date(2024, 2, 29)
    assert parse_identity_code(code_of("290200", "A", "123")).birth_date == date(2000, 2, 29)  # 2000 is leap
    assert parse_identity_code(code_of("290296", "X", "123")).birth_date == date(1996, 2, 29)


def test_birth_dates_in_the_future_are_refused() -> None:
    tomorrow = TODAY + timedelta(days=1)
    with pytest.raises(ValidationError, match="future"):
        parse_identity_code(make_identity_code(tomorrow, 123))
    with pytest.raises(ValidationError, match="future"):
        parse_identity_code(make_identity_code(date(2099, 12, 31), 123, "F"))
    assert parse_identity_code(make_identity_code(TODAY, 123)).birth_date == TODAY


def refusal(text: str) -> str:
    with pytest.raises(ValidationError) as error:
        parse_identity_code(text)
    assert error.value.field == "personal_identity_code"
    assert error.value.reasons == (error.value.message,)
    return error.value.message


def test_each_kind_of_mistake_has_its_own_message() -> None:
    good = make_identity_code(date(1985, 6, 15), 245)
    messages = {
        "empty": refusal("  "),
        "length": refusal(good[:-1]),
        "digits": refusal("1506x5" + good[6:]),
        "sign": refusal(good[:6] + "G" + good[7:]),
        "check": refusal(good[:-1] + ("X" if good[-1] != "X" else "Y")),
        "date": refusal(code_of("310285", "-", "245")),
        "future": refusal(make_identity_code(date(2099, 1, 1), 245, "B")),
        "never issued": refusal(make_identity_code(date(1985, 6, 15), 1)),
        "temporary": refusal(make_identity_code(date(1985, 6, 15), 945)),
    }
    assert len(set(messages.values())) == len(messages), messages
    assert "11 characters" in messages["length"]
    assert "century sign" in messages["sign"]


@pytest.mark.parametrize(
    "text",
    [*HOSTILE, "131052-308TT", "131052-308", "1310523308T", "131052 308T", "131052-3O8T", "١٣١٠٥٢-٣٠٨T",
     "１３１０５２-３０８Ｔ", "131052-308T\x00", "<b>52-308T</b>", "=131052-308T", "ß31052-308T"],
)  # fmt: skip
def test_hostile_identity_codes_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_identity_code(text)


@given(st.text())
@example("\ud800" * 11)
@example("0" * 6 + "-" + "0" * 4)
def test_identity_code_parser_never_crashes(text: str) -> None:
    try:
        parsed = parse_identity_code(text, allow_temporary=True)
    except ValidationError:
        return
    assert parse_identity_code(parsed.code, allow_temporary=True) == parsed


# ---------------------------------------------------------------------------------------------------------
# Business ID


@given(st.text(alphabet=string.digits, min_size=7, max_size=7))
def test_business_id_check_digit(body: str) -> None:
    expected = business_check(body)
    for digit in range(10):
        business_id = f"{body}-{digit}"
        if digit == expected:
            assert validate_business_id(f"  {business_id} ") == business_id
        else:
            with pytest.raises(ValidationError, match=r"check digit|does not exist") as error:
                validate_business_id(business_id)
            assert error.value.field == "business_id"


def test_business_id_worked_example_and_never_issued_body() -> None:
    # 1*7 + 2*9 + 3*10 + 4*5 + 5*8 + 6*4 + 7*2 = 153 = 11 * 13 + 10, so the check digit is 11 - 10 = 1.
    assert business_check("1234567") == 1
    assert validate_business_id("1234567-1") == "1234567-1"
    # Find a body whose remainder is 1 by the rule: no check digit makes it valid.
    body = next(f"{n:07d}" for n in range(10_000_000) if business_check(f"{n:07d}") is None)
    for digit in range(10):
        with pytest.raises(ValidationError, match="does not exist"):
            validate_business_id(f"{body}-{digit}")


@pytest.mark.parametrize(
    "text",
    [*HOSTILE, "123456-1", "01234567-1", "12345671", "1234567 1", "1234567–1", "1234567-", "1234567-11",
     "1234567-1x", "12345６7-1", "<b>1234567-1</b>", "=1234567-1", "1234567-1\x00"],
)  # fmt: skip
def test_hostile_business_ids_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as error:
        validate_business_id(text)
    assert error.value.field == "business_id"


# ---------------------------------------------------------------------------------------------------------
# Phone


@pytest.mark.parametrize(
    "text",
    ["040 123 4567", "040-123 4567", "(040) 1234567", "0401234567", "+358 40 123 4567", "+358401234567",
     "00358 40 123 4567", "00 358 (40) 123-4567", " 040 123 4567\t", "040\u00a0123\u00a04567"],
)  # fmt: skip
def test_finnish_mobile_in_many_spellings(text: str) -> None:
    assert normalise_phone(text) == "+358401234567"


@given(st.sampled_from(["FI", "SE", "EE", "DE", "UA", "RU", "SY", "IQ", "AF", "VN", "IN", "PH", "US", "SO"]))
def test_example_numbers_of_many_countries(region: str) -> None:
    number = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    assert number is not None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    spaced = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    assert normalise_phone(spaced) == e164
    assert normalise_phone("00" + spaced[1:]) == e164
    assert normalise_phone(e164, default_region="US") == e164
    assert normalise_phone(national, default_region=region) == e164


def test_foreign_number_with_00_and_a_non_finnish_default_region() -> None:
    # The US international prefix is 011, but "00" is what people write here.
    assert normalise_phone("00358 40 123 4567", default_region="US") == "+358401234567"


@pytest.mark.parametrize(
    "text",
    [*HOSTILE, "123", "040", "+358 12", "+", "++358401234567", "040-FLOWERS", "040 123 4567 ext 5",
     "040 123 4567; 050 765 4321", "0000000000", "+999 1234567", "+358 40 123 4567 8901 2345 6789"],
)  # fmt: skip
def test_invalid_phones_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as error:
        normalise_phone(text)
    assert error.value.field == "phone"


def test_unknown_default_region_is_a_bug() -> None:
    with pytest.raises(ValueError):
        normalise_phone("040 123 4567", default_region="XX")


@given(st.text(max_size=40))
def test_phone_never_crashes(text: str) -> None:
    try:
        e164 = normalise_phone(text)
    except ValidationError:
        return
    assert e164.startswith("+") and e164[1:].isdigit() and e164[1:].isascii()
    assert normalise_phone(e164) == e164


# ---------------------------------------------------------------------------------------------------------
# E-mail


@pytest.mark.parametrize(
    ("text", "expected"),
    [("  Anna.Virtanen@Example.FI ", "Anna.Virtanen@example.fi"),
     ("a+desk@sub.kunta.fi", "a+desk@sub.kunta.fi"), ("o'brien@mail.ie", "o'brien@mail.ie"),
     ("anna@ÄÖ-posti.fi", "anna@äö-posti.fi"), ("=1+1@kunta.fi", "=1+1@kunta.fi")],
)  # fmt: skip
def test_emails_are_normalised(text: str, expected: str) -> None:
    assert normalise_email(text) == expected


@pytest.mark.parametrize(
    "text",
    [*HOSTILE, "anna", "anna@", "@kunta.fi", "anna@kunta", "anna@@kunta.fi", "anna@ku@nta.fi",
     "an na@kunta.fi", "anna@kunta.fi\x00", "<b>&</b>@kunta.fi", "anna@.kunta.fi", "anna@kunta.fi.",
     "anna@kunta..fi",
     ".anna@kunta.fi", "anna.@kunta.fi", "an..na@kunta.fi", "anna@-kunta.fi", "anna@ku_nta.fi",
     "anna\u200b@kunta.fi", "anna<x>@kunta.fi", "a" * 250 + "@x.fi"],
)  # fmt: skip
def test_bad_emails_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as error:
        normalise_email(text)
    assert error.value.field == "email"


def test_longest_email_is_254_characters() -> None:
    local = "a" * 64
    domain = ".".join(["b" * 60] * 3) + "." + "c" * (254 - len(local) - 1 - 183)
    address = f"{local}@{domain}"
    assert len(address) == 254
    assert normalise_email(address) == address
    with pytest.raises(ValidationError, match="254"):
        normalise_email(address + "c")


@given(st.emails())
def test_generated_emails_are_accepted_and_stable(address: str) -> None:
    assume(len(address) <= 254)
    normalised = normalise_email(address)
    local, domain = address.split("@")
    assert normalised == f"{local}@{domain.lower()}"
    assert normalise_email(normalised) == normalised


# ---------------------------------------------------------------------------------------------------------
# Names and free text


@pytest.mark.parametrize(
    "name",
    ["أحمد", "محمد رضا", "مهر\u200cناز", "Nguyễn Thị Minh Khai", "O’Brien", "D'Angelo", "Anna-Liisa",
     "Zoë 🌸", "👨‍👩‍👧", "<b>&</b>", "=1+1", "+358", "Йосип Шевченко", "张伟", "Ἀθηνᾶ", "אברהם", "Ñúñez",
     "null", "None"],
)  # fmt: skip
def test_names_are_kept_as_given(name: str) -> None:
    assert normalise_name(name, field="given_names") == name


def test_names_are_trimmed_collapsed_and_composed() -> None:
    messy = "  Anna \u00a0  Liisa\u3000 Virtanen \n"
    assert normalise_name(messy, field="given_names") == "Anna Liisa Virtanen"
    decomposed = unicodedata.normalize("NFD", "Ääkkönen Nguyễn")
    assert decomposed != "Ääkkönen Nguyễn"
    assert normalise_name(decomposed, field="family_name") == "Ääkkönen Nguyễn"


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\x01", "\x1f", "\x0b", "\x0c", "\x9b", "\t"])
@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_control_characters_in_names_are_refused(char: str, where: str) -> None:
    text = {"start": char + "Anna", "middle": "An" + char + "na", "end": "Anna" + char}[where]
    if char == "\t" and where != "middle":
        assert normalise_name(text, field="given_names") == "Anna"  # a trailing tab from a spreadsheet cell
        return
    with pytest.raises(ValidationError, match="control character") as error:
        normalise_name(text, field="given_names")
    assert error.value.field == "given_names"
    assert f"U+{ord(char):04X}" in error.value.message


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029"])
def test_line_breaks_inside_names_are_refused(line_break: str) -> None:
    with pytest.raises(ValidationError, match="one line"):
        normalise_name(f"Anna{line_break}Liisa", field="given_names")


def test_lone_surrogates_are_refused() -> None:
    with pytest.raises(ValidationError, match="broken character"):
        normalise_name("Anna\ud800", field="given_names")
    with pytest.raises(ValidationError, match="broken character"):
        normalise_text("\udfffnote", field="note", max_length=10)


def test_required_names() -> None:
    for empty in ["", "   ", "\t\n", "\u00a0\u3000"]:
        with pytest.raises(ValidationError, match="required") as error:
            normalise_name(empty, field="family_name")
        assert error.value.field == "family_name"
        assert normalise_name(empty, field="native_name", required=False) == ""


def test_name_length_is_counted_after_normalising() -> None:
    assert normalise_name("a" * 100, field="given_names") == "a" * 100
    with pytest.raises(ValidationError, match="101 characters, at most 100"):
        normalise_name("a" * 101, field="given_names")
    # 200 code points decomposed, 100 characters composed.
    assert len(normalise_name(unicodedata.normalize("NFD", "ä" * 100), field="given_names")) == 100
    assert normalise_name("  " + "a " * 20 + "  ", field="given_names", max_length=39) == ("a " * 20).strip()
    with pytest.raises(ValidationError, match="10000 characters"):
        normalise_name("x" * 10_000, field="given_names")


names_text = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=60)


@given(names_text)
def test_name_normalising_is_stable(text: str) -> None:
    try:
        name = normalise_name(text, field="given_names", required=False)
    except ValidationError as error:
        assert "one line" in error.message or "too long" in error.message
        return
    assert name == name.strip()
    assert "  " not in name
    assert unicodedata.is_normalized("NFC", name)
    assert normalise_name(name, field="given_names", required=False) == name


@given(st.text())
def test_name_and_text_never_crash(text: str) -> None:
    calls: list[Callable[[], str]] = [
        lambda: normalise_name(text, field="f", required=False),
        lambda: normalise_text(text, field="f", max_length=50),
        lambda: normalise_text(text, field="f", max_length=50, multiline=True),
    ]
    for call in calls:
        try:
            result = call()
        except ValidationError:
            continue
        result.encode("utf-8")  # storable: no lone surrogates
        assert not any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in result)


def test_free_text() -> None:
    assert normalise_text("  Soita  maanantaina  ", field="note", max_length=100) == "Soita  maanantaina"
    note = " Rivi 1  \r\n\tsisennetty\rrivi 3\u2028rivi 4 \n"
    assert normalise_text(note, field="note", max_length=100, multiline=True) == (
        "Rivi 1\n\tsisennetty\nrivi 3\nrivi 4"
    )
    with pytest.raises(ValidationError, match="one line"):
        normalise_text("a\nb", field="note", max_length=100)
    with pytest.raises(ValidationError, match="U\\+0009"):
        normalise_text("a\tb", field="note", max_length=100)
    with pytest.raises(ValidationError, match="U\\+001B"):
        normalise_text("a\x1b[2Jb", field="note", max_length=100, multiline=True)
    assert normalise_text("   ", field="note", max_length=10) == ""
    for hostile in ["<b>&</b>", "=1+1", "أحمد ومحمد", "🌸👨‍👩‍👧", "@SUM(A1:A9)", "-2+3"]:
        assert normalise_text(hostile, field="note", max_length=100) == hostile
    with pytest.raises(ValidationError, match="too long") as error:
        normalise_text("x" * 10_000, field="note", max_length=500, multiline=True)
    assert error.value.field == "note"


# ---------------------------------------------------------------------------------------------------------
# Dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1.2.2024", date(2024, 2, 1)), ("01.02.2024", date(2024, 2, 1)), ("2024-02-01", date(2024, 2, 1)),
     ("29.2.2024", date(2024, 2, 29)), ("2024-02-29", date(2024, 2, 29)),
     (" 31.12.2100 ", date(2100, 12, 31)), ("1.1.1900", date(1900, 1, 1)), ("29.2.2000", date(2000, 2, 29))],
)  # fmt: skip
def test_dates_are_read(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [("29.2.2023", "between 1 and 28"), ("2023-02-29", "between 1 and 28"), ("31.2.2024", "between 1 and 29"),
     ("31.4.2024", "between 1 and 30"), ("0.1.2024", "between 1 and 31"), ("29.2.1900", "between 1 and 28"),
     ("1.13.2024", "month"), ("1.0.2024", "month"), ("1.2.24", "four digits"), ("24-02-01", "four digits"),
     ("1.2.99999", "four digits"), ("1.2." + "9" * 5000, "four digits"),
     ("31.12.1899", "between 1900 and 2100"), ("1.1.2101", "between 1900 and 2100"), ("", "Enter a date"),
     ("1/2/2024", "D.M.YYYY"),
     ("1.2.2024.", "D.M.YYYY"), ("2024-02-01T10:00", "D.M.YYYY"), ("1. 2. 2024", "D.M.YYYY"),
     ("١.٢.٢٠٢٤", "D.M.YYYY"), ("eilen", "D.M.YYYY"), ("<b>&</b>", "D.M.YYYY"), ("=1+1", "D.M.YYYY"),
     ("1.2.2024\x00", "D.M.YYYY"), ("x" * 10_000, "D.M.YYYY")],
)  # fmt: skip
def test_bad_dates_are_refused(text: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason) as error:
        parse_date(text, field="arrival_date")
    assert error.value.field == "arrival_date"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_date_round_trips(d: date) -> None:
    written = format_date(d)
    assert written == f"{d.day}.{d.month}.{d.year}"
    assert not written.startswith("0") and ".0" not in written
    assert parse_date(written) == d
    assert parse_date(d.isoformat()) == d
    assert parse_date(f"{d.day:02d}.{d.month:02d}.{d.year}") == d


@given(st.text(max_size=30))
@example("31.12.2100")
def test_date_parser_never_crashes(text: str) -> None:
    try:
        parsed = parse_date(text)
    except ValidationError:
        return
    assert 1900 <= parsed.year <= 2100
    assert parse_date(format_date(parsed)) == parsed


# ---------------------------------------------------------------------------------------------------------
# Messages are translated and extractable


def test_messages_go_through_gettext(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(identity, "_", lambda message: f"«{message}»")
    with pytest.raises(ValidationError) as error:
        parse_identity_code(make_identity_code(date(1985, 6, 15), 945))
    assert error.value.message.startswith("«") and error.value.message.endswith("»")
    with pytest.raises(ValidationError) as error:
        normalise_name("x" * 120, field="given_names")
    # The placeholders are filled after translating, so the translated text carries the numbers.
    message = error.value.message
    assert message.startswith("«") and "120" in message and "100" in message


def test_every_message_is_a_literal_for_babel() -> None:
    tree = ast.parse(Path(identity.__file__).read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "_"]
    assert len(calls) > 25
    for call in calls:
        assert len(call.args) == 1 and not call.keywords, ast.unparse(call)
        arg = call.args[0]
        assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), ast.unparse(call)
        assert arg.value.strip() == arg.value and arg.value.endswith("."), arg.value
