"""Naming who took part in a multidisciplinary consultation (MDO) already recorded.

The organisation that recorded the MDO (`programme.programme_service_record`, which counts it
against the entitlement) names its participants among the family's current care team — a
kraamzorg service's maternity-care assistant in the team for the period of care among them
(seed 003). At most as many as the MDO's recorded participants (seed 002: "maximaal 4
deelnemers"; the count is checked when the MDO is recorded). The writer must be in the team
(not an emergency access), and the write is in the access log.
See docs/decisions/0028-care-network.md.
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from perinatal.audit.models import AccessAction, AccessBasis
from perinatal.core.refusals import InvalidInput, NoAccess
from perinatal.pathways.access_log import log_access

from ..access import Grant
from ..constants import ProgrammeServiceKind
from ..models import CareTeamMember, MdoParticipant, ProgrammeService

TEAM_BASES = (AccessBasis.CARE_TEAM, AccessBasis.CONSENT)


@transaction.atomic
def mdo_participant_add(
    *, by: Any, grant: Grant, mdo: ProgrammeService, member: CareTeamMember, request: Any = None
) -> MdoParticipant:
    if grant.basis not in TEAM_BASES:
        raise NoAccess(_("Only the family's care team names the participants."))
    if mdo.kind != ProgrammeServiceKind.MDO:
        raise InvalidInput({"mdo": [_("This is not a multidisciplinary consultation.")]})
    if mdo.organisation_id != getattr(by, "organisation_id", None):
        raise NoAccess(_("The organisation that recorded the consultation names its participants."))
    # Serialise the additions to one consultation: the count stays true until the commit.
    ProgrammeService.objects.select_for_update().filter(pk=mdo.pk).first()
    if member.pregnancy_id != mdo.pregnancy_id or member.ended_at is not None:
        raise InvalidInput({"member": [_("Choose a member of the family's current care team.")]})
    if mdo.named_participants.count() >= (mdo.participants or 0):
        raise InvalidInput(
            {
                "member": [
                    _("This consultation had %(count)s participants; all are named.")
                    % {"count": mdo.participants or 0}
                ]
            }
        )
    try:
        with transaction.atomic():
            participant = MdoParticipant.objects.create(mdo=mdo, member=member, added_by=by)
    except IntegrityError:
        raise InvalidInput({"member": [_("This member is already a participant.")]}) from None
    log_access(
        by=by,
        pregnancy=mdo.pregnancy,
        grant=grant,
        action=AccessAction.UPDATE,
        record=mdo,
        purpose="name a participant of a multidisciplinary consultation",
        request=request,
    )
    return participant
