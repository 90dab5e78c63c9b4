"""The family record through the API: register, find, read, timeline.

Token-authenticated only (`Authorization: Bearer <token>`; a session is not accepted), for
care professionals. Every call goes through a selector or a service, which writes the
access-log row."""

from typing import overload
from uuid import UUID

from ninja import Field as SchemaField
from ninja import Query, Router, Schema, Status

from django.core.exceptions import ValidationError
from django.utils import timezone

from perinatal.accounts.roles import is_care_professional
from perinatal.accounts.tokens import BearerToken
from perinatal.api.requests import ApiRequest
from perinatal.api.schemas import InvalidInputProblem, Problem
from perinatal.core.refusals import InvalidInput

from .. import selectors
from ..services import families
from ..services.families import PersonInput
from ..timeline import timeline
from . import outputs
from .schemas import (
    LookupIn,
    LookupOut,
    PersonIn,
    PregnancyDetailOut,
    PregnancyIn,
    PregnancyOut,
    PregnancySummaryOut,
    TimelineEntryOut,
)

care_token = BearerToken(allowed=is_care_professional)
router = Router(tags=["families"], auth=care_token)

# The refusals every family endpoint may answer with (401 no token, 403, 404 unknown id).
REFUSALS = {401: Problem, 403: Problem, 404: Problem}
PURPOSE = "%s (API)"


@overload
def person_input(person: PersonIn) -> PersonInput: ...
@overload
def person_input(person: None) -> None: ...
def person_input(person: PersonIn | None) -> PersonInput | None:
    if person is None:
        return None
    return PersonInput(**person.dict())


def family_for(request: ApiRequest, pregnancy_id: UUID, purpose: str):
    """(pregnancy, grant) for the token's user; the read is logged. Raises NoAccess (403)
    or Pregnancy.DoesNotExist (404)."""
    return selectors.pregnancy_for_user(
        user=request.auth, public_id=pregnancy_id, purpose=PURPOSE % purpose, request=request
    )


@router.post(
    "/pregnancies",
    operation_id="pregnancy_create",
    response={201: PregnancyOut, 401: Problem, 403: Problem, 422: InvalidInputProblem},
    summary="Register a pregnancy",
)
def pregnancy_create(request: ApiRequest, body: PregnancyIn):
    """A new pathway; your organisation leads its care team. The mother is found by her
    national number if she is known. The number is never returned."""
    pregnancy = families.pregnancy_register(
        by=request.auth,
        mother=person_input(body.mother),
        partner=person_input(body.partner),
        postcode=body.postcode,
        municipality=body.municipality,
        languages=body.languages,
        due_date=body.due_date,
        registered_on=body.registered_on or timezone.localdate(),
        consent_to_share=body.consent_to_share,
        request=request,
    )
    return Status(201, outputs.pregnancy_out(pregnancy))


class SearchParams(Schema):
    name: str = SchemaField("", max_length=100, description="Words of the mother's name.")


@router.get(
    "/pregnancies",
    operation_id="pregnancies_search",
    response={200: list[PregnancySummaryOut], 401: Problem, 403: Problem},
    summary="Find families by the mother's name",
)
def pregnancy_search(request: ApiRequest, params: Query[SearchParams]):
    """The families you may see (at most 50, latest due date first). To find a family by
    the national number, use `POST /pregnancies/lookup` (never a URL)."""
    found = selectors.pregnancies_search(user=request.auth, text=params.name, request=request)
    return [outputs.pregnancy_summary_out(p) for p in found]


@router.post(
    "/pregnancies/lookup",
    operation_id="pregnancy_lookup",
    response={200: LookupOut, 401: Problem, 403: Problem, 422: InvalidInputProblem},
    summary="Find a family by the mother's national number",
)
def pregnancy_lookup(request: ApiRequest, body: LookupIn):
    """Whether you may see the mother's registered pregnancy (then its id). Whether she is on
    the platform at all is told only to whom may see her record (decision 0033): to anyone
    else the answer is the same, found or not. The number goes in the body, never in a URL,
    and is not logged; lookups are limited per user (429 `too_many_lookups`)."""
    try:
        pregnancy, visible = selectors.pregnancy_find_by_national_number(
            user=request.auth, number=body.national_number, request=request
        )
    except ValidationError as exc:
        raise InvalidInput({"national_number": exc.messages}) from exc
    return {
        "found": True if visible else None,
        "visible": visible,
        "id": pregnancy.public_id if pregnancy is not None and visible else None,
    }


@router.get(
    "/pregnancies/{pregnancy_id}",
    operation_id="pregnancy_get",
    response={200: PregnancyDetailOut, **REFUSALS},
    summary="One family: the record, the scenario, the entitlements",
)
def pregnancy_detail(request: ApiRequest, pregnancy_id: UUID):
    pregnancy, _grant = family_for(request, pregnancy_id, "read the family record")
    return outputs.pregnancy_detail_out(pregnancy, today=timezone.localdate())


@router.get(
    "/pregnancies/{pregnancy_id}/timeline",
    operation_id="pregnancy_timeline",
    response={200: list[TimelineEntryOut], **REFUSALS},
    summary="The timeline of the first 1000 days",
)
def pregnancy_timeline(request: ApiRequest, pregnancy_id: UUID):
    """The computed moments (conception, screening window, postnatal period, Kind en Gezin's
    key moments, the end of the 1000 days) and every recorded event, in date order."""
    pregnancy, _grant = family_for(request, pregnancy_id, "read the timeline")
    return outputs.timeline_out(timeline(pregnancy))
