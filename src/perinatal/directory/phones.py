"""Phone numbers of the directory: read as people write them, stored in E.164.

People and sources write Belgian numbers in many ways ("+32 2 216 79 44", "02/216.79.44",
"0032 2 216 79 44", "0471 84 29 93"). `phone_normalise` reads them with `phonenumbers`
(Google's libphonenumber metadata) as Belgian when they carry no country code, and gives the
one form the directory stores: E.164 ("+3222167944"). A Belgian short number ("1733", the
doctor on duty) has no E.164 form and is stored as it is dialled. Anything else is refused
with the reason, in the reader's language. See docs/decisions/0021-phones-and-editing-sets.md.
"""

import phonenumbers
from phonenumbers import PhoneNumberFormat, ValidationResult

from django.utils.translation import gettext as _

REGION = "BE"
MAX_LENGTH = 40  # the column holds what an editor left unchecked, as it was written


class PhoneNumberProblem(ValueError):
    """A text that is not a phone number the directory can store; the message says why."""


def _reason(number: phonenumbers.PhoneNumber) -> str:
    result = phonenumbers.is_possible_number_with_reason(number)
    if result == ValidationResult.TOO_SHORT:
        return _("it has too few digits")
    if result in (ValidationResult.TOO_LONG, ValidationResult.INVALID_LENGTH):
        return _("it has too many digits")
    if result == ValidationResult.INVALID_COUNTRY_CODE:
        return _("the country code is unknown")
    return _("no such number is in use")


def phone_normalise(text: str, *, region: str = REGION) -> str:
    """The number in E.164, or a Belgian short number as dialled; raises PhoneNumberProblem."""
    written = " ".join(str(text).split())
    if not written:
        raise PhoneNumberProblem(_("The phone number is empty."))
    example = {"example": "02 216 79 44", "international": "+32 2 216 79 44"}
    if len(written) > MAX_LENGTH:
        raise PhoneNumberProblem(
            _("“%(number)s…” is too long for a phone number.") % {"number": written[:20]}
        )
    try:
        number = phonenumbers.parse(written, region)
    except phonenumbers.NumberParseException as exc:
        raise PhoneNumberProblem(
            _("“%(number)s” is not a phone number. Write it as %(example)s or %(international)s.")
            % {"number": written, **example}
        ) from exc
    if phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, PhoneNumberFormat.E164)
    if not written.startswith(("+", "00")) and phonenumbers.is_valid_short_number_for_region(
        number, region
    ):
        return phonenumbers.national_significant_number(number)
    raise PhoneNumberProblem(
        _(
            "“%(number)s” is not a valid phone number (%(reason)s). Write it as %(example)s "
            "or %(international)s."
        )
        % {"number": written, "reason": _reason(number), **example}
    )


def phone_for_editing(value: object, *, region: str = REGION) -> str:
    """How an editor sees a stored number: national form for a Belgian number ("02 216 79 44"),
    international for another country's, and anything else exactly as it is stored."""
    stored = str(value or "")
    if not stored.startswith("+"):
        return stored
    try:
        number = phonenumbers.parse(stored, region)
    except phonenumbers.NumberParseException:
        return stored
    if not phonenumbers.is_valid_number(number):
        return stored
    if phonenumbers.region_code_for_number(number) == region:
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
