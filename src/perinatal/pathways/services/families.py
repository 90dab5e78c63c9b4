"""Registering a pregnancy, its birth and children, and the contacts on its timeline.

Who else sees the record (the care team, consent to share, emergency access) is written by
`care_team.py`."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from perinatal.accounts.roles import is_care_professional
from perinatal.audit.models import AccessAction, AccessBasis
from perinatal.core import national_number
from perinatal.core.municipalities import area_for_postcode
from perinatal.core.refusals import InvalidInput, NoAccess
from perinatal.pathways.access_log import log_access

from ..access import Grant
from ..constants import PREGNANCY_DAYS, NoNationalNumber, PregnancyStatus, ProgrammeServiceKind
from ..models import (
    Birth,
    CareTeamMember,
    Child,
    Consent,
    Contact,
    Person,
    Pregnancy,
)
from ..rules import screening_window_end

LANGUAGES = (
    "nl",
    "fr",
    "en",
    "ar",
    "tr",
    "es",
    "pt",
    "ro",
    "pl",
    "bg",
    "ru",
    "uk",
    "so",
    "ti",
    "ps",
    "fa",
    "other",
)


@dataclass
class PersonInput:
    given_name: str
    family_name: str
    birth_date: date | None = None
    national_number: str = ""
    no_national_number: str = ""
    languages: list[str] = field(default_factory=list)


@dataclass
class ChildInput:
    given_name: str = ""
    family_name: str = ""
    sex: str = "U"
    national_number: str = ""
    nicu_admission: bool = False
    nicu_days: int | None = None


def _identity_errors(prefix: str, person: PersonInput | ChildInput, *, mother: bool) -> dict:
    errors: dict[str, list[str]] = {}
    if mother and not (person.given_name.strip() and person.family_name.strip()):
        errors[f"{prefix}family_name"] = [_("Enter the given name and the family name.")]
    if person.national_number.strip():
        try:
            national_number.validate(person.national_number)
        except ValidationError as exc:
            errors[f"{prefix}national_number"] = exc.messages
    elif mother and not getattr(person, "no_national_number", ""):
        errors[f"{prefix}national_number"] = [
            _("Enter the national number, or say why there is none.")
        ]
    reason = getattr(person, "no_national_number", "")
    if reason and reason not in NoNationalNumber.values:
        errors[f"{prefix}no_national_number"] = [_("Choose a reason from the list.")]
    return errors


def _number_fields(number: str, reason: str = "") -> dict[str, Any]:
    if number.strip():
        return {
            "national_number_hash": national_number.lookup_hash(number),
            "national_number_encrypted": national_number.encrypt(number),
            "no_national_number": "",
        }
    return {
        "national_number_hash": None,
        "national_number_encrypted": "",
        "no_national_number": reason,
    }


def _person(data: PersonInput) -> Person:
    """The person with this national number (kept as it is) or a new one."""
    numbers = _number_fields(data.national_number, data.no_national_number)
    if numbers["national_number_hash"]:
        existing = Person.objects.filter(
            national_number_hash=numbers["national_number_hash"]
        ).first()
        if existing is not None:
            return existing
    return Person.objects.create(
        given_name=data.given_name.strip(),
        family_name=data.family_name.strip(),
        birth_date=data.birth_date,
        languages=list(data.languages),
        **numbers,
    )


def require_professional(by: Any) -> None:
    if not is_care_professional(by):
        raise NoAccess(_("Only care professionals may register or change a family."))


@transaction.atomic
def pregnancy_register(
    *,
    by: Any,
    mother: PersonInput,
    partner: PersonInput | None,
    postcode: str,
    municipality: str,
    languages: list[str],
    due_date: date,
    registered_on: date,
    consent_to_share: bool,
    request: Any = None,
) -> Pregnancy:
    """A new pathway: the mother (found by her national number if she is known), the
    partner, where they live, the due date. The registering organisation leads the team."""
    require_professional(by)
    errors = _identity_errors("mother_", mother, mother=True)
    if partner is not None:
        errors |= _identity_errors("partner_", partner, mother=False)
    area = area_for_postcode(postcode)
    if area is None:
        errors["postcode"] = [_("Enter a Belgian postcode of four digits.")]
    if not municipality.strip():
        errors["municipality"] = [_("Enter the municipality.")]
    unknown = [code for code in languages if code not in LANGUAGES]
    if unknown:
        errors["languages"] = [_("Unknown language: %(codes)s.") % {"codes": ", ".join(unknown)}]
    window = timedelta(days=PREGNANCY_DAYS)
    if not registered_on - window <= due_date <= registered_on + window:
        errors["due_date"] = [
            _("The due date must lie within %(days)s days of the registration.")
            % {"days": PREGNANCY_DAYS}
        ]
    if errors or area is None:  # no area: its error is in `errors`
        raise InvalidInput(errors)
    mother_person = _person(mother)
    if mother_person.pregnancies.filter(status=PregnancyStatus.ONGOING).exists():
        raise InvalidInput(
            {
                "mother_national_number": [
                    _(
                        "A pregnancy of this mother is already registered. Ask its care team "
                        "to add your organisation, or use emergency access."
                    )
                ]
            }
        )
    pregnancy = Pregnancy.objects.create(
        mother=mother_person,
        partner=_person(partner)
        if partner and (partner.given_name or partner.national_number)
        else None,
        postcode=postcode.strip(),
        municipality=municipality.strip(),
        area_nis=area.nis,
        languages=list(languages),
        due_date=due_date,
        registered_on=registered_on,
        lead_organisation=by.organisation,
        consent_to_share=consent_to_share,
    )
    CareTeamMember.objects.create(
        pregnancy=pregnancy,
        organisation=by.organisation,
        professional=by,
        added_by=by,
        # stored as the interface text's source, shown translated (decision 0031)
        task=gettext_noop("registered the pregnancy"),
    )
    if consent_to_share:
        Consent.objects.create(
            pregnancy=pregnancy, given=True, recorded_by=by, note=_("at registration")
        )
    log_access(
        by=by,
        pregnancy=pregnancy,
        grant=Grant(AccessBasis.CARE_TEAM),
        action=AccessAction.CREATE,
        purpose="register a pregnancy",
        request=request,
    )
    return pregnancy


@transaction.atomic
def birth_record(
    *,
    by: Any,
    pregnancy: Pregnancy,
    grant: Grant,
    date: date,
    place: str,
    place_name: str = "",
    children: list[ChildInput],
    request: Any = None,
) -> Birth:
    # Serialise with the programme's writes: a service and the birth never pass each other.
    Pregnancy.objects.select_for_update().filter(pk=pregnancy.pk).first()
    errors: dict[str, list[str]] = {}
    if Birth.objects.filter(pregnancy=pregnancy).exists():
        errors["date"] = [_("The birth of this pregnancy is already recorded.")]
    if not children:
        errors["children"] = [_("Record at least one child.")]
    if date > timezone.localdate():
        errors["date"] = [_("The date of birth cannot lie in the future.")]
    if abs((date - pregnancy.due_date).days) > 120:
        errors["date"] = [_("The date of birth lies too far from the due date.")]
    # What is recorded for before the birth must stay true when the birth is recorded late.
    if pregnancy.programme_services.filter(kind=ProgrammeServiceKind.PPA, date__gte=date).exists():
        errors["date"] = [
            _(
                "A personal prenatal advice talk is recorded on or after this date; "
                "check the date of birth."
            )
        ]
    last_screening = pregnancy.screenings.order_by("-date").first()
    if last_screening is not None and last_screening.date > screening_window_end(
        date, on=last_screening.date
    ):
        errors["date"] = [
            _("A screening is recorded after the 7th day after this date; check the date of birth.")
        ]
    for i, child in enumerate(children, start=1):
        errors |= _identity_errors(f"child{i}_", child, mother=False)
    if errors:
        raise InvalidInput(errors)
    try:
        with transaction.atomic():
            birth = Birth.objects.create(
                pregnancy=pregnancy,
                date=date,
                place=place,
                place_name=place_name.strip(),
                recorded_by=by,
            )
    except IntegrityError as exc:
        raise InvalidInput(
            {"date": [_("The birth of this pregnancy is already recorded.")]}
        ) from exc
    for order, child in enumerate(children, start=1):
        numbers = _number_fields(child.national_number)
        if (
            numbers["national_number_hash"]
            and Child.objects.filter(national_number_hash=numbers["national_number_hash"]).exists()
        ):
            raise InvalidInput(
                {
                    f"child{order}_national_number": [
                        _("A child with this national number is already registered.")
                    ]
                }
            )
        Child.objects.create(
            birth=birth,
            birth_order=order,
            given_name=child.given_name.strip(),
            family_name=(child.family_name or pregnancy.mother.family_name).strip(),
            birth_date=date,
            sex=child.sex,
            nicu_admission=child.nicu_admission,
            nicu_days=child.nicu_days if child.nicu_admission else None,
            **numbers,
        )
    pregnancy.status = PregnancyStatus.BORN
    pregnancy.save(update_fields=["status", "updated_at"])
    log_access(
        by=by,
        pregnancy=pregnancy,
        grant=grant,
        action=AccessAction.CREATE,
        record=birth,
        purpose="record the birth",
        request=request,
    )
    return birth


@transaction.atomic
def contact_record(
    *,
    by: Any,
    pregnancy: Pregnancy,
    grant: Grant,
    date: date,
    kind: str,
    note: str = "",
    share_with_family: bool = False,
    request: Any = None,
) -> Contact:
    """A contact on the timeline. Its note is internal to the care team unless
    `share_with_family` (decision 0036)."""
    contact = Contact.objects.create(
        pregnancy=pregnancy,
        date=date,
        kind=kind,
        note=note,
        share_with_family=share_with_family,
        organisation=by.organisation,
        recorded_by=by,
    )
    log_access(
        by=by,
        pregnancy=pregnancy,
        grant=grant,
        action=AccessAction.CREATE,
        record=contact,
        purpose="record a contact",
        request=request,
    )
    return contact
