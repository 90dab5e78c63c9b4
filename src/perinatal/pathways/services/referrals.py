"""Referrals into the directory and their answers (the loop sent → accepted/declined →
completed). An accepted referral brings the answering organisation into the care team. A
referral to a service outside the platform is "to contact": nothing is sent, the referrer
contacts the service and records the outcome (decision 0031)."""

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
from ..constants import REFERRAL_NEXT, REFERRAL_OUTCOME_NEXT, ReferralStatus
from ..models import CareTeamMember, Pregnancy, Referral
from ..sharing import last_choice


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
    if service.for_professionals:
        raise InvalidInput(
            {"service": [_("This is for professionals (a training or a tool), not for families.")]}
        )
    to_organisation = organisation_for_service(service)
    referral = Referral.objects.create(
        pregnancy=pregnancy,
        service=service,
        to_organisation=to_organisation,
        status=ReferralStatus.SENT if to_organisation else ReferralStatus.TO_CONTACT,
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


def _refuse_step(referral: Referral, status: str, allowed: tuple[str, ...]) -> None:
    if status in allowed:
        return
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


def _store_answer(referral: Referral, *, by: Any, status: str, note: str) -> None:
    """The referral's new status with who gave it, when, and the note (an answer by the
    addressed organisation, or an outcome its referrer records)."""
    referral.status = status
    referral.answer_note = note.strip()
    referral.answered_by = by
    referral.answered_at = timezone.now()
    referral.save(update_fields=["status", "answer_note", "answered_by", "answered_at"])


@transaction.atomic
def referral_outcome_record(
    *,
    by: Any,
    referral: Referral,
    grant: Grant,
    status: str,
    note: str = "",
    request: Any = None,
) -> Referral:
    """The referrer records what came of a referral to a service outside the platform:
    contacted, accepted, declined (with the reason), could not reach it; later completed."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.to_organisation_id is not None:
        raise NoAccess(_("The service answers this referral itself on the platform."))
    if referral.from_organisation_id != getattr(by, "organisation_id", None):
        raise NoAccess(_("Only the organisation that made the referral records its outcome."))
    _refuse_step(referral, status, REFERRAL_OUTCOME_NEXT.get(referral.status, ()))
    if status in (ReferralStatus.DECLINED, ReferralStatus.UNREACHABLE) and not note.strip():
        raise InvalidInput({"note": [_("Say what happened, for the rest of the team.")]})
    _store_answer(referral, by=by, status=status, note=note)
    log_access(
        by=by,
        pregnancy=referral.pregnancy,
        grant=grant,
        action=AccessAction.UPDATE,
        record=referral,
        purpose="record the outcome of a referral",
        request=request,
    )
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
    _refuse_step(referral, status, REFERRAL_NEXT.get(referral.status, ()))
    if status == ReferralStatus.DECLINED and not note.strip():
        raise InvalidInput({"note": [_("Say why the referral is declined.")]})
    _store_answer(referral, by=by, status=status, note=note)
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
            sharing=last_choice(pregnancy, by.organisation_id),
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
