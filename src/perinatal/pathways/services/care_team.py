"""Who sees a family's record besides the registering organisation: the care team (members
added and ended), the family's consent to share the record within the team, and a
professional's emergency access ("break the glass"). The bases these give are read by
`pathways/access.py`; each write logs its access in the same transaction.
"""

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.accounts.constants import OrganisationKind
from perinatal.accounts.models import Organisation
from perinatal.audit.models import AccessAction, AccessBasis
from perinatal.core.refusals import InvalidInput
from perinatal.pathways.access_log import log_access

from ..access import Grant
from ..models import (
    CareTeamMember,
    Consent,
    EmergencyAccess,
    Pregnancy,
)
from ..parameters import parameter
from ..sharing import last_choice, member_shares
from .families import require_professional

# The kinds of organisation that give care, and so may join a care team.
CARE_KINDS = frozenset(
    {
        OrganisationKind.KIND_EN_GEZIN,
        OrganisationKind.MIDWIFE_PRACTICE,
        OrganisationKind.HOSPITAL,
        OrganisationKind.PROGRAMME_PROVIDER,
        OrganisationKind.KRAAMZORG_SERVICE,
        # The first line of the whole network (docs/decisions/0028-care-network.md); the
        # actors who only refer (OCMW/CPAS, CAW, CGG/SSM, psychologists) never join a team.
        OrganisationKind.ONE,
        OrganisationKind.GP_PRACTICE,
        OrganisationKind.COMMUNITY_HEALTH_CENTRE,
    }
)


@transaction.atomic
def team_member_add(
    *,
    by: Any,
    pregnancy: Pregnancy,
    grant: Grant,
    organisation: Organisation,
    task: str = "",
    request: Any = None,
) -> CareTeamMember:
    if organisation.kind not in CARE_KINDS:
        raise InvalidInput({"organisation": [_("This organisation does not give care.")]})
    if pregnancy.team.filter(organisation=organisation, ended_at__isnull=True).exists():
        raise InvalidInput({"organisation": [_("This organisation is already in the team.")]})
    member = CareTeamMember.objects.create(
        pregnancy=pregnancy,
        organisation=organisation,
        added_by=by,
        task=task.strip(),
        # a family's choice for the organisation holds when it joins again (decision 0037)
        sharing=last_choice(pregnancy, organisation.pk),
    )
    log_access(
        by=by,
        pregnancy=pregnancy,
        grant=grant,
        action=AccessAction.UPDATE,
        purpose="add to the care team",
        request=request,
    )
    return member


@transaction.atomic
def team_member_end(
    *, by: Any, pregnancy: Pregnancy, grant: Grant, member: CareTeamMember, request: Any = None
) -> None:
    if member.organisation_id == pregnancy.lead_organisation_id:
        raise InvalidInput({"organisation": [_("The registering organisation stays in the team.")]})
    member.ended_at = timezone.now()
    member.save(update_fields=["ended_at"])
    log_access(
        by=by,
        pregnancy=pregnancy,
        grant=grant,
        action=AccessAction.UPDATE,
        purpose="remove from the care team",
        request=request,
    )


@transaction.atomic
def consent_record(
    *, by: Any, pregnancy: Pregnancy, grant: Grant, given: bool, note: str = "", request: Any = None
) -> Consent:
    consent = Consent.objects.create(
        pregnancy=pregnancy, given=given, note=note.strip(), recorded_by=by
    )
    pregnancy.consent_to_share = given
    pregnancy.save(update_fields=["consent_to_share", "updated_at"])
    log_access(
        by=by,
        pregnancy=pregnancy,
        grant=grant,
        action=AccessAction.UPDATE,
        purpose="record consent",
        request=request,
    )
    return consent


@transaction.atomic
def emergency_access_open(
    *, by: Any, pregnancy: Pregnancy, reason: str, request: Any = None
) -> EmergencyAccess:
    """Break the glass: `by` reads the record for a limited time; the reason is required."""
    require_professional(by)
    if len(reason.strip()) < 10:
        raise InvalidInput(
            {"reason": [_("Write why you need this record (at least 10 characters).")]}
        )
    now = timezone.now()
    hours = parameter("emergency_access.hours", on=timezone.localdate())
    access = EmergencyAccess.objects.create(
        pregnancy=pregnancy, user=by, reason=reason.strip(), expires_at=now + timedelta(hours=hours)
    )
    log_access(
        by=by,
        pregnancy=pregnancy,
        grant=Grant(AccessBasis.BREAK_THE_GLASS, reason.strip()),
        action=AccessAction.READ,
        purpose="emergency access opened",
        request=request,
    )
    return access


@transaction.atomic(durable=True)
def sharing_set(
    *,
    pregnancy: Pregnancy,
    organisation: Organisation,
    shared: bool,
    by: Any,
    grant: Grant,
    request: Any = None,
) -> Consent | None:
    """The family's choice to share its record with one organisation of the care team, or
    not (decision 0037): effective at once, kept as a `Consent` row for that organisation,
    and held when the organisation joins the team again (also if the family-wide consent
    changes later). The organisation that registered the family keeps the record and cannot
    be withdrawn. Choosing what holds already changes nothing (None)."""
    if organisation.pk == pregnancy.lead_organisation_id:
        raise InvalidInput(
            {"organisation": [_("The organisation that registered the family keeps the record.")]}
        )
    member = (
        pregnancy.team.select_for_update()
        .filter(organisation=organisation, ended_at__isnull=True)
        .first()
    )
    if member is None:
        raise InvalidInput({"organisation": [_("This organisation is not in the care team.")]})
    if member_shares(member, pregnancy) == shared:
        return None  # what the family asks for holds already (a form sent twice)
    member.sharing = shared
    member.save(update_fields=["sharing"])
    consent = Consent.objects.create(
        pregnancy=pregnancy, organisation=organisation, given=shared, recorded_by=by
    )
    log_access(
        by=by,
        pregnancy=pregnancy,
        grant=grant,
        action=AccessAction.UPDATE,
        purpose="share with an organisation" if shared else "stop sharing with an organisation",
        request=request,
    )
    return consent
