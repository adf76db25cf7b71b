"""Identity codes, business IDs, phones, e-mail, names and dates.

Parse, validate and normalise what a desk worker types or an import brings in. Every refusal is a
``ValidationError`` with a translated message a desk worker can act on; nothing here imports Qt.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

import phonenumbers

from welcomedesk.errors import ValidationError
from welcomedesk.i18n import _

__all__ = [
    "CENTURY_SIGNS",
    "CHECK_CHARACTERS",
    "MUNICIPALITY_CODE_FIELD",
    "IdentityCode",
    "format_date",
    "make_identity_code",
    "normalise_email",
    "normalise_name",
    "normalise_phone",
    "normalise_text",
    "parse_date",
    "parse_identity_code",
    "parse_municipality_code",
    "validate_business_id",
]

IDENTITY_CODE_FIELD = "personal_identity_code"
BUSINESS_ID_FIELD = "business_id"
PHONE_FIELD = "phone"
EMAIL_FIELD = "email"

# ---------------------------------------------------------------------------------------------------------
# Personal identity code (henkilötunnus)

CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURY_SIGNS: dict[str, int] = {
    "+": 1800,
    **dict.fromkeys("-YXWVU", 1900),
    **dict.fromkeys("ABCDEF", 2000),
}
_DEFAULT_CENTURY_SIGN = {1800: "+", 1900: "-", 2000: "A"}
_DIGITS = re.compile(r"[0-9]+")  # not \d: it would let Arabic-Indic and other digits through


@dataclass(frozen=True)
class IdentityCode:
    """A valid Finnish personal identity code and what it tells."""

    code: str
    birth_date: date
    individual_number: int
    temporary: bool

    @property
    def sex(self) -> Literal["female", "male"]:
        """The sex the code was issued for: an even individual number means female."""
        return "female" if self.individual_number % 2 == 0 else "male"


def _check_character(digits: str) -> str:
    """The check character of the nine digits DDMMYYNNN."""
    return CHECK_CHARACTERS[int(digits) % 31]


def _identity_error(message: str) -> ValidationError:
    return ValidationError(message, field=IDENTITY_CODE_FIELD)


def parse_identity_code(text: str, *, allow_temporary: bool = False) -> IdentityCode:
    """Validate a personal identity code DDMMYYCNNNQ and return it normalised (upper case, trimmed)."""
    code = text.strip().upper()
    if not code:
        raise _identity_error(_("Enter the personal identity code."))
    if len(code) != 11:
        raise _identity_error(
            _(
                "A personal identity code has 11 characters: the birth date as six digits, "
                "a century sign, three digits and a check character."
            )
        )
    birth_digits, sign, individual, check = code[:6], code[6], code[7:10], code[10]
    if not _DIGITS.fullmatch(birth_digits) or not _DIGITS.fullmatch(individual):
        raise _identity_error(
            _(
                "The personal identity code must begin with the six digits of the birth date "
                "and have three digits after the century sign."
            )
        )
    if sign not in CENTURY_SIGNS:
        raise _identity_error(
            _(
                "The 7th character of the personal identity code must be a century sign: "
                "+, -, Y, X, W, V, U, A, B, C, D, E or F."
            )
        )
    # The check character comes before the date checks: a typing error in the digits is far more
    # likely than a genuine code with an odd date, and "check for typing errors" is the useful advice.
    if check != _check_character(birth_digits + individual):
        raise _identity_error(
            _("The personal identity code has a wrong check character. Check the code for typing errors.")
        )
    year = CENTURY_SIGNS[sign] + int(birth_digits[4:6])
    try:
        birth_date = date(year, int(birth_digits[2:4]), int(birth_digits[0:2]))
    except ValueError:
        raise _identity_error(
            _("The birth date in the personal identity code does not exist. Check the code.")
        ) from None
    if birth_date > date.today():
        raise _identity_error(
            _("The birth date in the personal identity code is in the future. Check the code.")
        )
    number = int(individual)
    if number < 2:
        raise _identity_error(
            _("The personal identity code is not valid: individual numbers 000 and 001 are never issued.")
        )
    temporary = number >= 900
    if temporary and not allow_temporary:
        raise _identity_error(
            _(
                "This is a temporary identity code (individual number 900-999). "
                "A permanent personal identity code is needed here."
            )
        )
    return IdentityCode(code=code, birth_date=birth_date, individual_number=number, temporary=temporary)


def make_identity_code(birth_date: date, individual_number: int, century_sign: str | None = None) -> str:
    """Build a code with a correct check character (for demo data and tests).

    Any individual number 0-999 is allowed, so tests can build codes that the parser refuses.
    """
    base = birth_date.year // 100 * 100
    if base not in _DEFAULT_CENTURY_SIGN:
        raise ValueError(f"no century sign for the year {birth_date.year}")
    if not 0 <= individual_number <= 999:
        raise ValueError(f"individual number {individual_number} is not 0-999")
    sign = _DEFAULT_CENTURY_SIGN[base] if century_sign is None else century_sign
    if CENTURY_SIGNS.get(sign) != base:
        raise ValueError(f"century sign {sign!r} does not fit the year {birth_date.year}")
    birth_digits = f"{birth_date.day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}"
    individual = f"{individual_number:03d}"
    return f"{birth_digits}{sign}{individual}{_check_character(birth_digits + individual)}"


# ---------------------------------------------------------------------------------------------------------
# Business ID (Y-tunnus)

_BUSINESS_ID = re.compile(r"[0-9]{7}-[0-9]")
_BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def validate_business_id(text: str) -> str:
    """Validate a business ID NNNNNNN-T and return it trimmed."""
    business_id = text.strip()
    if not business_id:
        raise ValidationError(_("Enter the business ID."), field=BUSINESS_ID_FIELD)
    if not _BUSINESS_ID.fullmatch(business_id):
        raise ValidationError(
            _("A business ID has seven digits, a hyphen and a check digit (NNNNNNN-N)."),
            field=BUSINESS_ID_FIELD,
        )
    pairs = zip(business_id[:7], _BUSINESS_ID_WEIGHTS, strict=True)
    remainder = sum(int(digit) * weight for digit, weight in pairs) % 11
    if remainder == 1:
        # No check digit exists for these seven digits, so no such business ID is ever issued.
        raise ValidationError(
            _("This business ID does not exist: no business ID is issued with these seven digits."),
            field=BUSINESS_ID_FIELD,
        )
    expected = 0 if remainder == 0 else 11 - remainder
    if int(business_id[8]) != expected:
        raise ValidationError(
            _("The business ID has a wrong check digit. Check the ID for typing errors."),
            field=BUSINESS_ID_FIELD,
        )
    return business_id


# ---------------------------------------------------------------------------------------------------------
# Phone and e-mail

# What people write between the digits; letters are refused because phonenumbers would read
# "040-FLOWERS" as a vanity number and "ext" as an extension.
_PHONE_SEPARATORS = frozenset(" -().,/\u00a0\u2010\u2011\u2012\u2013\u202f")
# E.164 allows 15 digits; national forms add a trunk prefix. Anything much longer is not a phone number,
# and refusing early keeps 10 000-digit input away from the parser.
_PHONE_MAX_DIGITS = 20


def normalise_phone(text: str, default_region: str = "FI") -> str:
    """Return the phone number in E.164 form (+358401234567); numbers without + are read in default_region."""
    if default_region not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError(f"unknown phone region {default_region!r}")
    number = text.strip()
    if not number:
        raise ValidationError(_("Enter a phone number."), field=PHONE_FIELD)
    international = number.startswith("+")
    digits: list[str] = []
    for char in number[1:] if international else number:
        if char.isdecimal():
            digits.append(str(unicodedata.decimal(char)))
        elif char not in _PHONE_SEPARATORS and unicodedata.category(char) != "Zs":
            raise ValidationError(
                _(
                    "A phone number can contain only digits, spaces, hyphens, parentheses "
                    "and a + at the start."
                ),
                field=PHONE_FIELD,
            )
    national = "".join(digits)
    if not international and national.startswith("00"):
        # "00" is the international prefix in Finland and most of Europe, whatever the default region.
        international, national = True, national[2:]
    invalid = _(
        "The phone number is not valid. Check the digits; "
        "a foreign number starts with + and the country code."
    )
    if not national or len(national) > _PHONE_MAX_DIGITS:
        raise ValidationError(invalid, field=PHONE_FIELD)
    try:
        parsed = phonenumbers.parse(("+" if international else "") + national, default_region)
    except phonenumbers.NumberParseException:
        raise ValidationError(invalid, field=PHONE_FIELD) from None
    if not phonenumbers.is_valid_number(parsed):
        raise ValidationError(invalid, field=PHONE_FIELD)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)



def phone_for_print(stored: str) -> str:
    """A stored phone number (E.164) grouped as people write it, "+358 40 1234567"; other text as it is."""
    try:
        parsed = phonenumbers.parse(stored, None)
    except phonenumbers.NumberParseException:
        return stored
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

EMAIL_MAX_LENGTH = 254
# Characters that need quoting in the local part; a quoted local part is so rare that a typo is likelier.
_EMAIL_LOCAL_FORBIDDEN = frozenset('<>()[]\\,;:"@')


def normalise_email(text: str) -> str:
    """Check the shape of an e-mail address; return it trimmed with the domain in lower case."""
    address = text.strip()
    if not address:
        raise ValidationError(_("Enter an e-mail address."), field=EMAIL_FIELD)
    if len(address) > EMAIL_MAX_LENGTH:
        raise ValidationError(
            _("The e-mail address is too long: at most {max} characters.").format(max=EMAIL_MAX_LENGTH),
            field=EMAIL_FIELD,
        )
    if any(char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Cs") for char in address):
        raise ValidationError(
            _("The e-mail address must not contain spaces or invisible characters."), field=EMAIL_FIELD
        )
    if address.count("@") != 1:
        raise ValidationError(_("The e-mail address must contain exactly one @ sign."), field=EMAIL_FIELD)
    local, domain = address.split("@")
    if (
        not local
        or local.startswith(".")
        or local.endswith(".")
        or ".." in local
        or any(char in _EMAIL_LOCAL_FORBIDDEN for char in local)
    ):
        raise ValidationError(
            _("The part before the @ sign is missing or contains characters that are not allowed."),
            field=EMAIL_FIELD,
        )
    labels = domain.split(".")
    if len(labels) < 2 or not all(_is_domain_label(label) for label in labels):
        raise ValidationError(
            _("The part after the @ sign must be a domain such as example.fi."), field=EMAIL_FIELD
        )
    # The local part is the mail server's business and may be case-sensitive; the domain never is.
    return f"{local}@{domain.lower()}"


def _is_domain_label(label: str) -> bool:
    return (
        bool(label)
        and not label.startswith("-")
        and not label.endswith("-")
        and all(char.isalnum() or char == "-" for char in label)
    )


# ---------------------------------------------------------------------------------------------------------
# Names and free text

# Line breaks a paste can bring; U+2028/U+2029 are not control characters but break a line all the same.
_LINE_BREAKS = frozenset("\n\r\x85\u2028\u2029")


def _is_edge_space(char: str) -> bool:
    # str.strip() would also drop control characters that Python counts as whitespace (\x1c-\x1f, \x0b,
    # \x0c, \x85); those are refused with a reason instead of silently removed. A trailing tab or line
    # break from a spreadsheet cell or a paste is harmless and is trimmed.
    return char in "\t\n\r" or (char.isspace() and unicodedata.category(char) != "Cc")


def _strip_edges(text: str) -> str:
    start, end = 0, len(text)
    while start < end and _is_edge_space(text[start]):
        start += 1
    while end > start and _is_edge_space(text[end - 1]):
        end -= 1
    return text[start:end]


def _refuse_bad_characters(text: str, *, field: str, multiline: bool) -> None:
    """Refuse lone surrogates, line breaks in one-line fields and control characters."""
    for char in text:
        category = unicodedata.category(char)
        if category == "Cs":
            # A lone surrogate cannot be encoded as UTF-8: the database and the PDF would fail on it.
            raise ValidationError(
                _("This field contains a broken character that cannot be saved. Type the text again."),
                field=field,
            )
        if char in _LINE_BREAKS and not multiline:
            raise ValidationError(_("This field must be on one line."), field=field)
        if category == "Cc" and not (multiline and char in "\n\t"):
            raise ValidationError(
                _(
                    "This field contains an invisible control character ({code}), "
                    "possibly from copied text. Remove it and try again."
                ).format(code=f"U+{ord(char):04X}"),
                field=field,
            )


def _refuse_too_long(text: str, *, field: str, max_length: int) -> None:
    if len(text) > max_length:
        raise ValidationError(
            _("This field is too long: {length} characters, at most {max} are allowed.").format(
                length=len(text), max=max_length
            ),
            field=field,
        )


def normalise_name(text: str, *, field: str, max_length: int = 100, required: bool = True) -> str:
    """Return a name NFC-normalised, trimmed, with whitespace runs collapsed; any script is accepted."""
    name = _strip_edges(text)
    _refuse_bad_characters(name, field=field, multiline=False)
    name = " ".join(unicodedata.normalize("NFC", name).split())
    if not name:
        if required:
            raise ValidationError(_("This field is required."), field=field)
        return ""
    _refuse_too_long(name, field=field, max_length=max_length)
    return name


def normalise_text(text: str, *, field: str, max_length: int, multiline: bool = False) -> str:
    """Return free text NFC-normalised and trimmed; tabs and line breaks only when multiline."""
    if multiline:
        for line_break in ("\r\n", "\r", "\x85", "\u2028", "\u2029"):
            text = text.replace(line_break, "\n")
    cleaned = _strip_edges(text)
    _refuse_bad_characters(cleaned, field=field, multiline=multiline)
    cleaned = unicodedata.normalize("NFC", cleaned)
    if multiline:
        # Spaces at line ends are invisible and only make two equal notes differ.
        cleaned = "\n".join(line.rstrip() for line in cleaned.split("\n"))
    _refuse_too_long(cleaned, field=field, max_length=max_length)
    return cleaned


# ---------------------------------------------------------------------------------------------------------
# Dates

MIN_YEAR = 1900
MAX_YEAR = 2100
_FINNISH_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]+)")
_ISO_DATE = re.compile(r"([0-9]+)-([0-9]{1,2})-([0-9]{1,2})")


def parse_date(text: str, *, field: str = "date") -> date:
    """Read a date written D.M.YYYY (leading zeros optional) or YYYY-MM-DD."""
    written = text.strip()
    if not written:
        raise ValidationError(_("Enter a date."), field=field)
    if match := _FINNISH_DATE.fullmatch(written):
        day_text, month_text, year_text = match.groups()
    elif match := _ISO_DATE.fullmatch(written):
        year_text, month_text, day_text = match.groups()
    else:
        raise ValidationError(
            _("Write the date as D.M.YYYY (for example 24.12.2024) or YYYY-MM-DD."), field=field
        )
    # Check the length before int(): a two-digit year is ambiguous, and a huge digit string would
    # exceed Python's integer-conversion limit.
    if len(year_text) != 4:
        raise ValidationError(_("Write the year with four digits, for example 24.12.2024."), field=field)
    year, month, day = int(year_text), int(month_text), int(day_text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            _("The year must be between {min} and {max}.").format(min=MIN_YEAR, max=MAX_YEAR), field=field
        )
    if not 1 <= month <= 12:
        raise ValidationError(_("The month must be between 1 and 12."), field=field)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValidationError(
            _("The day must be between 1 and {days} in this month.").format(days=days), field=field
        )
    return date(year, month, day)


MUNICIPALITY_CODE_FIELD = "municipality_code"


def parse_municipality_code(text: str, *, field: str = MUNICIPALITY_CODE_FIELD) -> str:
    """A municipality's Statistics Finland code: three ASCII digits ("٢٠٥" is not a code)."""
    code = text.strip()
    if not re.fullmatch(r"[0-9]{3}", code):
        raise ValidationError(_("A municipality code is three digits, such as 205."), field=field)
    return code


def format_date(d: date) -> str:
    """Write a date the Finnish way, D.M.YYYY without leading zeros."""
    return f"{d.day}.{d.month}.{d.year}"
