"""Referrals into the directory and their answers (the loop sent → accepted/declined →
completed). An accepted referral brings the answering organisation into the care team."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.accounts.models import Organisation
from perinatal.audit.models import AccessAction
from perinatal.core.refusals import InvalidInput, NoAccess
from perinatal.directory.models import Service
from perinatal.pathways.access_log import log_access, log_referral_access

from .. import notices
from ..access import Grant
from ..constants import REFERRAL_NEXT, ReferralStatus
from ..models import CareTeamMember, Pregnancy, Referral


def organisation_for_service(service: Service) -> Organisation | None:
    """The platform organisation that answers for a directory service, if it uses the
    platform."""
    return (
        Organisation.objects.filter(directory_organization_id=service.organization_id)
        .order_by("id")
        .first()
    )


@transaction.atomic
def referral_create(
    *,
    by: Any,
    pregnancy: Pregnancy,
    grant: Grant,
    service: Service,
    reason: str,
    request: Any = None,
) -> Referral:
    if not reason.strip():
        raise InvalidInput({"reason": [_("Write the reason for the referral.")]})
    referral = Referral.objects.create(
        pregnancy=pregnancy,
        service=service,
        to_organisation=organisation_for_service(service),
        reason=reason.strip(),
        from_organisation=by.organisation,
        referred_by=by,
    )
    log_access(
        by=by,
        pregnancy=pregnancy,
        grant=grant,
        action=AccessAction.CREATE,
        record=referral,
        purpose="refer to a service",
        request=request,
    )
    notices.referral_received(referral)
    return referral


@transaction.atomic
def referral_answer(
    *, by: Any, referral: Referral, status: str, note: str = "", request: Any = None
) -> Referral:
    """The addressed organisation answers; accepting brings it into the care team."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.to_organisation_id is None or referral.to_organisation_id != getattr(
        by, "organisation_id", None
    ):
        raise NoAccess(_("Only the organisation the referral is addressed to may answer it."))
    if status not in REFERRAL_NEXT.get(referral.status, ()):
        raise InvalidInput(
            {
                "status": [
                    _("A referral that is %(now)s cannot become %(next)s.")
                    % {
                        "now": ReferralStatus(referral.status).label,
                        "next": ReferralStatus(status).label
                        if status in ReferralStatus.values
                        else status,
                    }
                ]
            }
        )
    if status == ReferralStatus.DECLINED and not note.strip():
        raise InvalidInput({"note": [_("Say why the referral is declined.")]})
    referral.status = status
    referral.answer_note = note.strip()
    referral.answered_by = by
    referral.answered_at = timezone.now()
    referral.save(update_fields=["status", "answer_note", "answered_by", "answered_at"])
    pregnancy = referral.pregnancy
    if (
        status == ReferralStatus.ACCEPTED
        and not pregnancy.team.filter(
            organisation_id=by.organisation_id, ended_at__isnull=True
        ).exists()
    ):
        CareTeamMember.objects.create(
            pregnancy=pregnancy,
            organisation=by.organisation,
            added_by=by,
            task=str(referral.service)[:200],
        )
    log_referral_access(
        by=by,
        referral=referral,
        action=AccessAction.UPDATE,
        purpose="answer a referral",
        request=request,
    )
    notices.referral_answered(referral)
    return referral
