"""What a kraamzorg request holds, checked and cleaned, and how the family is known across
requests: by its pregnancy when it is on the platform, otherwise by a keyed hash (never the
national number, e-mail or phone itself)."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from perinatal.core import national_number
from perinatal.core.municipalities import area_for_postcode
from perinatal.core.refusals import InvalidInput
from perinatal.pathways.models import Pregnancy

from .. import rules
from ..constants import (
    Help,
)

MAX_PEOPLE = 20
LANGUAGE_CODE_MAX = 8


@dataclass
class RequestInput:
    due_date: date | None
    birth_date: date | None
    postcode: str
    municipality: str
    adults: int
    children: int
    income_band: str
    languages: list[str] = field(default_factory=list)
    help_wanted: list[str] = field(default_factory=list)
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    mother_national_number: str = ""


def _count(value: Any, name: str, low: int, errors: dict[str, list[str]]) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= MAX_PEOPLE:
        errors[name] = [
            _("Enter a number from %(low)s to %(high)s.") % {"low": low, "high": MAX_PEOPLE}
        ]
        return low
    return value


def _clean(data: RequestInput, *, on: date, contact_required: bool) -> dict[str, Any]:
    """The request's fields from `data`, or InvalidInput naming each wrong field."""
    errors: dict[str, list[str]] = {}
    if data.due_date is None and data.birth_date is None:
        errors["due_date"] = [_("Give the expected due date or the date of birth.")]
    if data.birth_date is not None and data.birth_date > on:
        errors["birth_date"] = [_("The date of birth cannot lie in the future.")]
    postcode = (data.postcode or "").strip()
    area = area_for_postcode(postcode)
    if area is None:
        errors["postcode"] = [_("Enter a Belgian postcode of four digits.")]
    municipality = (data.municipality or "").strip()
    if not municipality:
        errors["municipality"] = [_("This field is required.")]
    elif len(municipality) > 100:
        errors["municipality"] = [_("This is too long.")]
    adults = _count(data.adults, "adults", 1, errors)
    children = _count(data.children, "children", 0, errors)
    bands = [band.band for band in rules.tariff(on)]
    if data.income_band not in bands:
        errors["income_band"] = [_("Choose an income band.")]
    languages = [str(code).strip().lower() for code in data.languages or [] if str(code).strip()]
    if any(len(code) > LANGUAGE_CODE_MAX for code in languages):
        errors["languages"] = [_("Give languages by their code (nl, fr, en …).")]
    help_wanted = list(dict.fromkeys(data.help_wanted or []))
    if any(item not in Help.values for item in help_wanted):
        errors["help_wanted"] = [_("Choose among the kinds of help offered.")]
    name = (data.contact_name or "").strip()
    phone = (data.contact_phone or "").strip()
    email = (data.contact_email or "").strip().lower()
    if len(name) > 200:
        errors["contact_name"] = [_("This is too long.")]
    if len(phone) > 40:
        errors["contact_phone"] = [_("This is too long.")]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["contact_email"] = [_("Enter a valid e-mail address.")]
    if contact_required and not name:
        errors["contact_name"] = [_("Tell us your name so that the service can contact you.")]
    if contact_required and not (phone or email):
        errors["contact_phone"] = [_("Give a phone number or an e-mail address.")]
    number = (data.mother_national_number or "").strip()
    if number:
        try:
            number = national_number.validate(number)
        except ValidationError as exc:
            errors["mother_national_number"] = exc.messages
    if errors or area is None:  # no area: its error is in `errors`
        raise InvalidInput(errors)
    return {
        "due_date": data.due_date,
        "birth_date": data.birth_date,
        "postcode": postcode,
        "municipality": municipality,
        "area_nis": area.nis,
        "adults": adults,
        "children": children,
        "income_band": data.income_band,
        "languages": list(dict.fromkeys(languages)),
        "help_wanted": help_wanted,
        "contact_name": name,
        "contact_phone": phone,
        "contact_email": email,
        "contact_language": (get_language() or "")[:2],
        "number": number,
    }


def pregnancy_key(pregnancy: Pregnancy) -> str:
    return f"pregnancy:{pregnancy.public_id.hex}"


def family_key_of(fields: dict[str, Any], *, by: Any = None) -> str:
    """The family a request is for, without its identity in clear: the keyed hash of the
    mother's national number, else of the e-mail (or phone, or the parent's account) with the
    due or birth date."""
    if fields.get("number"):
        return national_number.lookup_hash(fields["number"])
    day = (fields["due_date"] or fields["birth_date"]).isoformat()
    if fields["contact_email"]:
        who = f"email:{fields['contact_email']}"
    elif fields["contact_phone"]:
        who = "phone:" + "".join(ch for ch in fields["contact_phone"] if ch.isdigit() or ch == "+")
    else:
        who = f"user:{getattr(by, 'pk', '')}"
    return national_number.keyed_hash(f"{who}|{day}")


MAX_PLANNED_HOURS = Decimal("999")


def planned_clean(planned_start: date | None, planned_hours: Any) -> tuple[date, Decimal]:
    """The planned start and hours of an accepted request, checked (InvalidInput naming the
    fields otherwise)."""
    errors = {}
    if planned_start is None:
        errors["planned_start"] = [_("Give the planned start date.")]
    try:
        hours = Decimal(str(planned_hours)) if planned_hours not in (None, "") else None
    except InvalidOperation:
        hours = None
    if hours is None or not Decimal("0") < hours <= MAX_PLANNED_HOURS:
        errors["planned_hours"] = [
            _("Give the planned hours (more than 0, at most %(most)s).") % {"most": 999}
        ]
    if errors or planned_start is None or hours is None:  # each None has its error
        raise InvalidInput(errors)
    return planned_start, hours.quantize(Decimal("0.01"))
