"""The kraamzorg service in the family's care team for the period of care (seed 003: "De
kraamverzorgende dient een volwaardig lid te worden van het multidisciplinaire team dat rond
het gezin staat").

When the service accepts a request linked to a family on the platform, its organisation joins
the family's care team, with the assigned maternity-care assistant (a user of the service) as
the named professional; it leaves the team when the dossier closes (or the accepted request is
withdrawn). As for every team member, it sees the record only while the family consents to
share it within the team (`pathways/access.py`). A membership the service had before the
acceptance (added by the team) is not ended by the dossier.
See docs/decisions/0028-care-network.md.
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.core.refusals import InvalidInput
from perinatal.pathways.models import CareTeamMember
from perinatal.pathways.sharing import last_choice

from ..access import is_service_staff
from ..models import KraamzorgRequest

# The task shown in the care team (a Belgian term, the same in every language).
TASK = "kraamzorg"


def assistant_check(kraamzorg_request: KraamzorgRequest, assistant: Any) -> None:
    """The assistant must be a user of the request's service."""
    if assistant is not None and not is_service_staff(assistant, kraamzorg_request.offer):
        raise InvalidInput({"assistant": [_("Choose a maternity-care assistant of this service.")]})


def care_period_start(*, kraamzorg_request: KraamzorgRequest, by: Any) -> CareTeamMember | None:
    """Bring the service (and its assistant) into the family's team; the membership made, if
    any, is kept on the request (saved by the caller)."""
    pregnancy = kraamzorg_request.pregnancy
    organisation_id = kraamzorg_request.offer.service.organisation_id
    if pregnancy is None or organisation_id is None:
        return None
    assistant = kraamzorg_request.assistant
    current = pregnancy.team.filter(organisation_id=organisation_id, ended_at__isnull=True).first()
    if current is not None or organisation_id == pregnancy.lead_organisation_id:
        if current is not None and assistant is not None and current.professional_id is None:
            current.professional = assistant
            current.save(update_fields=["professional"])
        return None
    try:
        with transaction.atomic():
            member = CareTeamMember.objects.create(
                pregnancy=pregnancy,
                organisation_id=organisation_id,
                professional=assistant,
                added_by=by,
                task=TASK,
                sharing=last_choice(pregnancy, organisation_id),
            )
    except IntegrityError:  # a simultaneous join: the service is in the team
        return None
    kraamzorg_request.team_member = member
    return member


def care_period_end(*, kraamzorg_request: KraamzorgRequest) -> None:
    """The dossier is closed (or the accepted request withdrawn): the membership it made ends."""
    if kraamzorg_request.team_member_id is None:
        return
    CareTeamMember.objects.filter(
        pk=kraamzorg_request.team_member_id, ended_at__isnull=True
    ).update(ended_at=timezone.now())
