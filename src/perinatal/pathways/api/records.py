"""What is recorded on a family: the birth, the screening, the programme services, and the
entitlement check. A write the rules do not allow is answered 422 with the rule's stable
code (see `errors.py`); nothing is stored then."""

from dataclasses import asdict
from datetime import date
from uuid import UUID

from ninja import Field as SchemaField
from ninja import Query, Schema, Status

from django.utils import timezone

from perinatal.api.requests import ApiRequest

from .. import entitlements
from ..models import Birth
from ..providers import provider_of
from ..services import families
from ..services.families import ChildInput
from ..services.programme import programme_service_record
from ..services.screening import screening_record
from . import outputs
from .families import REFUSALS, family_for, router
from .schemas import (
    BirthIn,
    BirthOut,
    DecisionOut,
    EntitlementKind,
    EntitlementLineOut,
    ProgrammeServiceIn,
    ProgrammeServiceOut,
    ScreeningIn,
    ScreeningOut,
    Unprocessable,
)

WRITE_REFUSALS = {**REFUSALS, 422: Unprocessable}


@router.get(
    "/pregnancies/{pregnancy_id}/births",
    operation_id="births_list",
    response={200: list[BirthOut], **REFUSALS},
    summary="The birth (an empty list before it)",
)
def births_list(request: ApiRequest, pregnancy_id: UUID):
    pregnancy, _grant = family_for(request, pregnancy_id, "read the birth")
    births = Birth.objects.filter(pregnancy=pregnancy).prefetch_related("children")
    return [outputs.birth_out(birth) for birth in births]


@router.post(
    "/pregnancies/{pregnancy_id}/births",
    operation_id="birth_create",
    response={201: BirthOut, **WRITE_REFUSALS},
    summary="Record the birth and the children",
)
def birth_create(request: ApiRequest, pregnancy_id: UUID, body: BirthIn):
    pregnancy, grant = family_for(request, pregnancy_id, "record the birth")
    birth = families.birth_record(
        by=request.auth,
        pregnancy=pregnancy,
        grant=grant,
        date=body.date,
        place=body.place,
        place_name=body.place_name,
        children=[ChildInput(**child.dict()) for child in body.children],
        request=request,
    )
    return Status(201, outputs.birth_out(birth))


@router.get(
    "/pregnancies/{pregnancy_id}/screenings",
    operation_id="screenings_list",
    response={200: list[ScreeningOut], **REFUSALS},
    summary="The screenings of psychosocial vulnerability",
)
def screenings_list(request: ApiRequest, pregnancy_id: UUID):
    pregnancy, _grant = family_for(request, pregnancy_id, "read the screenings")
    return [outputs.screening_out(s) for s in outputs.screenings_of(pregnancy)]


@router.post(
    "/pregnancies/{pregnancy_id}/screenings",
    operation_id="screening_create",
    response={201: ScreeningOut, **WRITE_REFUSALS},
    summary="Record a screening",
)
def screening_create(request: ApiRequest, pregnancy_id: UUID, body: ScreeningIn):
    """Once per pregnancy, from registration until the 7th day after birth; a new
    assessment needs `new_assessment_reason`. The scenario follows from the positive
    inclusion criteria (1 → A, 2 or more → B). Only a provider under the health insurance
    (a conventioned GP, gynaecologist, midwife, nurse or psychologist) of a participating
    organisation. Refusals: `provider_not_participating`, `profession_not_allowed`,
    `outside_period`, `not_entitled`, `screening_window_closed`, `already_screened`."""
    pregnancy, grant = family_for(request, pregnancy_id, "record a screening")
    screening = screening_record(
        by=request.auth,
        pregnancy=pregnancy,
        grant=grant,
        date=body.date or timezone.localdate(),
        positive=set(body.positive),
        new_assessment_reason=body.new_assessment_reason,
        request=request,
    )
    return Status(201, outputs.screening_out(screening))


@router.get(
    "/pregnancies/{pregnancy_id}/programme-services",
    operation_id="programme_services_list",
    response={200: list[ProgrammeServiceOut], **REFUSALS},
    summary="The programme services and other counted services",
)
def programme_services_list(request: ApiRequest, pregnancy_id: UUID):
    pregnancy, _grant = family_for(request, pregnancy_id, "read the programme services")
    services = pregnancy.programme_services.select_related("organisation")
    return [outputs.programme_service_out(s) for s in services]


@router.post(
    "/pregnancies/{pregnancy_id}/programme-services",
    operation_id="programme_service_create",
    response={201: ProgrammeServiceOut, **WRITE_REFUSALS},
    summary="Record a programme service",
)
def programme_service_create(request: ApiRequest, pregnancy_id: UUID, body: ProgrammeServiceIn):
    """Recorded only if the rules allow it on `date` for you (your organisation's
    participation, your profession: see the rules page); else 422 with `not_entitled`,
    `limit_reached`, `period_limit_reached` (a second multidisciplinary consultation in one
    coordination period), `outside_period`, `provider_not_participating` or
    `profession_not_allowed`."""
    pregnancy, grant = family_for(request, pregnancy_id, "record a programme service")
    service = programme_service_record(
        by=request.auth,
        pregnancy=pregnancy,
        grant=grant,
        kind=body.kind,
        date=body.date,
        participants=body.participants,
        prescribed=body.prescribed,
        note=body.note,
        request=request,
    )
    return Status(201, outputs.programme_service_out(service))


class OnParams(Schema):
    on: date | None = SchemaField(None, description="The day (YYYY-MM-DD); today when left out.")


class CheckParams(OnParams):
    participants: int = SchemaField(0, ge=0, le=50, description="Consultation participants.")
    prescribed: bool = SchemaField(False, description="Physiotherapy: on prescription.")


@router.get(
    "/pregnancies/{pregnancy_id}/entitlements",
    operation_id="entitlements_list",
    response={200: list[EntitlementLineOut], **REFUSALS},
    summary="Per entitlement: used, limit, remaining",
)
def entitlements_overview(request: ApiRequest, pregnancy_id: UUID, params: Query[OnParams]):
    pregnancy, _grant = family_for(request, pregnancy_id, "read the entitlements")
    lines = entitlements.overview(pregnancy, on=params.on or timezone.localdate())
    return [asdict(line) for line in lines]


@router.get(
    "/pregnancies/{pregnancy_id}/entitlements/{kind}",
    operation_id="entitlement_check",
    response={200: DecisionOut, **REFUSALS},
    summary="May one more be recorded? (the entitlement check)",
)
def entitlement_check(
    request: ApiRequest, pregnancy_id: UUID, kind: EntitlementKind, params: Query[CheckParams]
):
    """The answer of the rules for one more `kind` on `on`, for you (your organisation's
    participation in the programme, your profession and whether you are conventioned):
    `allowed`, and else the stable `code` and the `message`; `remaining` after this one;
    `rule` names the rule. Nothing is recorded."""
    pregnancy, _grant = family_for(request, pregnancy_id, "check an entitlement")
    decision = entitlements.check(
        pregnancy,
        kind,
        on=params.on or timezone.localdate(),
        provider=provider_of(request.auth),
        participants=params.participants,
        prescribed=params.prescribed,
    )
    return {
        "allowed": decision.allowed,
        "code": decision.code,
        "message": decision.message,
        "remaining": decision.remaining,
        "rule": decision.rule,
    }
