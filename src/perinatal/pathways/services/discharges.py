"""A hospital's discharge and the transfer of its data to the first line within 24 hours
(seed 002, note 4; the deadline is `handover_rules.transfer_deadline`).

The hospital records the discharge from the family's record (it must be in the family's care
team: the registering organisation or a member the family consents to share with, never
through an emergency access), with the first-line organisation the data goes to, and the
moment of the transfer when it is done (then or later). The receiving organisation joins
the care team and sees the discharge in its list, late or not.
See docs/decisions/0027-discharge-and-outreach-handovers.md.
"""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.accounts.constants import OrganisationKind
from perinatal.accounts.models import Organisation
from perinatal.accounts.roles import is_hospital_professional
from perinatal.audit.models import AccessAction, AccessBasis
from perinatal.core.refusals import InvalidInput, NoAccess
from perinatal.pathways.access_log import log_access

from ..access import Grant, grant_for
from ..constants import ContactKind
from ..handover_rules import transfer_deadline
from ..models import Contact, HospitalDischarge, Pregnancy
from .handover_team import team_join

# The first line a discharge is transferred to: midwives, Kind en Gezin, ONE, GPs (seed 002
# names "eerstelijnszorgkundigen (verloskundigen of huisartsen)"; Kind en Gezin and ONE
# follow every newborn). A programme provider stands for a GP or a midwife of the
# programme. The kinds that do not exist (yet) on the platform are left out.
_FIRST_LINE_KIND_NAMES = (
    "MIDWIFE_PRACTICE",
    "KIND_EN_GEZIN",
    "ONE",
    "GP_PRACTICE",
    "COMMUNITY_HEALTH_CENTRE",
    "PROGRAMME_PROVIDER",
)
FIRST_LINE_KINDS = frozenset(
    getattr(OrganisationKind, name)
    for name in _FIRST_LINE_KIND_NAMES
    if hasattr(OrganisationKind, name)
)

# The bases on which an organisation is in the family's care team (not an emergency access).
TEAM_BASES = (AccessBasis.CARE_TEAM, AccessBasis.CONSENT)


def first_line_organisations(*, excluding: Organisation | None = None):
    """The organisations a discharge may be transferred to, by name."""
    found = Organisation.objects.filter(kind__in=FIRST_LINE_KINDS).order_by("name")
    return found.exclude(pk=excluding.pk) if excluding is not None else found


def _require_hospital_in_team(by: Any, grant: Grant) -> None:
    if not is_hospital_professional(by):
        raise NoAccess(_("Only a hospital records a discharge and its transfer."))
    if grant.basis not in TEAM_BASES:
        raise NoAccess(_("Only a hospital in the family's care team records its discharge."))


def _transfer_errors(
    discharged_at: datetime, transferred_at: datetime | None, now: datetime
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if discharged_at > now:
        errors["discharged_at"] = [_("The discharge cannot be in the future.")]
    if transferred_at is not None:
        if transferred_at > now:
            errors["transferred_at"] = [_("The transfer cannot be in the future.")]
        elif transferred_at < discharged_at:
            errors["transferred_at"] = [_("The transfer cannot come before the discharge.")]
    return errors


@transaction.atomic
def discharge_record(
    *,
    by: Any,
    pregnancy: Pregnancy,
    grant: Grant,
    discharged_at: datetime,
    to_organisation: Organisation | None,
    transferred_at: datetime | None = None,
    note: str = "",
    request: Any = None,
    now: datetime | None = None,
) -> HospitalDischarge:
    """Record the discharge; the deadline is the rule in force on the discharge's day."""
    _require_hospital_in_team(by, grant)
    now = now or timezone.now()
    errors = _transfer_errors(discharged_at, transferred_at, now)
    if to_organisation is None or to_organisation.kind not in FIRST_LINE_KINDS:
        errors["to_organisation"] = [
            _("Choose the first-line organisation (midwife, Kind en Gezin, ONE, GP).")
        ]
    elif to_organisation.pk == by.organisation_id:
        errors["to_organisation"] = [_("The transfer goes to another organisation.")]
    if errors:
        raise InvalidInput(errors)
    assert to_organisation is not None  # checked above
    contact = Contact.objects.create(
        pregnancy=pregnancy,
        date=timezone.localtime(discharged_at).date(),
        kind=ContactKind.HOSPITAL_DISCHARGE,
        note=note.strip(),
        organisation=by.organisation,
        recorded_by=by,
    )
    discharge = HospitalDischarge.objects.create(
        pregnancy=pregnancy,
        contact=contact,
        hospital=by.organisation,
        to_organisation=to_organisation,
        discharged_at=discharged_at,
        deadline_at=transfer_deadline(discharged_at),
        transferred_at=transferred_at,
        recorded_by=by,
        transfer_recorded_by=by if transferred_at is not None else None,
    )
    team_join(
        pregnancy=pregnancy,
        organisation=to_organisation,
        by=by,
        task=_("first line after the hospital discharge"),
    )
    log_access(
        by=by,
        pregnancy=pregnancy,
        grant=grant,
        action=AccessAction.CREATE,
        record=discharge,
        purpose="record a hospital discharge",
        request=request,
    )
    return discharge


@transaction.atomic
def discharge_transfer_record(
    *,
    by: Any,
    discharge: HospitalDischarge,
    transferred_at: datetime | None,
    request: Any = None,
    now: datetime | None = None,
) -> HospitalDischarge:
    """The hospital that discharged records when the data went to the first line (once)."""
    discharge = HospitalDischarge.objects.select_for_update().get(pk=discharge.pk)
    if not is_hospital_professional(by) or discharge.hospital_id != by.organisation_id:
        raise NoAccess(_("Only the hospital that recorded the discharge records its transfer."))
    if transferred_at is None:
        raise InvalidInput({"transferred_at": [_("Enter the date and time of the transfer.")]})
    if discharge.transferred_at is not None:
        raise InvalidInput({"transferred_at": [_("The transfer of this discharge is recorded.")]})
    errors = _transfer_errors(discharge.discharged_at, transferred_at, now or timezone.now())
    if errors:
        raise InvalidInput(errors)
    discharge.transferred_at = transferred_at
    discharge.transfer_recorded_by = by
    discharge.save(update_fields=["transferred_at", "transfer_recorded_by"])
    pregnancy = discharge.pregnancy
    log_access(
        by=by,
        pregnancy=pregnancy,
        grant=grant_for(by, pregnancy) or Grant(AccessBasis.REFERRAL),
        action=AccessAction.UPDATE,
        record=discharge,
        purpose="record the transfer of a discharge",
        request=request,
    )
    return discharge
