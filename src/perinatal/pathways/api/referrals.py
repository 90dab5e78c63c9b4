"""Referrals through the API: a family's referrals to services of the directory, the
referrals addressed to your organisation, and its answer (sent → accepted or declined →
completed). An accepted referral brings your organisation into the family's care team."""

from uuid import UUID

from ninja import Field as SchemaField
from ninja import Query, Schema, Status

from django.utils.translation import gettext as _

from perinatal.api.requests import ApiRequest
from perinatal.api.schemas import InvalidInputProblem, Problem
from perinatal.core.refusals import InvalidInput
from perinatal.directory import selectors as directory_selectors
from perinatal.directory.models import Service

from .. import selectors
from ..services import referrals
from . import outputs
from .families import REFUSALS, family_for, router
from .schemas import (
    AnswerIn,
    ReceivedReferralOut,
    ReferralIn,
    ReferralOut,
)

REFERRAL_RELATIONS = ("pregnancy", "service", "to_organisation", "from_organisation")


@router.get(
    "/pregnancies/{pregnancy_id}/referrals",
    operation_id="referrals_list",
    response={200: list[ReferralOut], **REFUSALS},
    summary="A family's referrals and their answers",
    tags=["referrals"],
)
def referrals_list(request: ApiRequest, pregnancy_id: UUID):
    pregnancy, _grant = family_for(request, pregnancy_id, "read the referrals")
    found = pregnancy.referrals.select_related(*REFERRAL_RELATIONS)
    return [outputs.referral_out(r) for r in found]


@router.post(
    "/pregnancies/{pregnancy_id}/referrals",
    operation_id="referral_create",
    response={201: ReferralOut, **REFUSALS, 422: InvalidInputProblem},
    summary="Refer a family to a service of the directory",
    tags=["referrals"],
)
def referral_create(request: ApiRequest, pregnancy_id: UUID, body: ReferralIn):
    """`service_id` is the id of the service in the directory's API (`/services/{id}`). If
    the organisation behind it uses the platform, it sees the referral and answers it."""
    pregnancy, grant = family_for(request, pregnancy_id, "refer to a service")
    try:
        service = directory_selectors.service_get(body.service_id)
    except Service.DoesNotExist as exc:
        raise InvalidInput({"service_id": [_("No service of the directory has this id.")]}) from exc
    referral = referrals.referral_create(
        by=request.auth,
        pregnancy=pregnancy,
        grant=grant,
        service=service,
        reason=body.reason,
        request=request,
    )
    return Status(201, outputs.referral_out(referral))


class ReceivedParams(Schema):
    open: bool = SchemaField(False, description="Only those still to answer or to complete.")


@router.get(
    "/referrals/received",
    operation_id="referrals_received",
    response={200: list[ReceivedReferralOut], 401: Problem, 403: Problem},
    summary="Referrals addressed to your organisation",
    tags=["referrals"],
)
def referrals_received(request: ApiRequest, params: Query[ReceivedParams]):
    found = selectors.referrals_received(user=request.auth, request=request, open_only=params.open)
    return [outputs.received_referral_out(r) for r in found]


@router.post(
    "/referrals/{referral_id}/answer",
    operation_id="referral_answer",
    response={200: ReceivedReferralOut, **REFUSALS, 422: InvalidInputProblem},
    summary="Answer a referral addressed to your organisation",
    tags=["referrals"],
)
def referral_answer(request: ApiRequest, referral_id: UUID, body: AnswerIn):
    """`accepted` or `declined` (with a note) for a sent referral; `completed` or
    `declined` for an accepted one. A referral not addressed to your organisation is
    unknown to you (404)."""
    referral = selectors.referral_for_recipient(
        user=request.auth, public_id=referral_id, request=request
    )
    answered = referrals.referral_answer(
        by=request.auth, referral=referral, status=body.status, note=body.note, request=request
    )
    return outputs.received_referral_out(answered)
