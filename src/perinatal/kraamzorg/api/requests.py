"""Kraamzorg requests through the API (`/api/v1/kraamzorg/…`), with an API token.

- `GET /services?postcode=`: the active services that serve a postcode.
- `GET /requests`: a service's staff get their intake queue (open requests, earliest expected
  date first, vulnerable families marked); a referrer gets the requests their organisation
  referred (`referred=true` gives a service's staff theirs). Each request shown is logged.
- `POST /requests`: a professional refers a family whose record they may see.
- `GET /requests/{id}`, `POST /requests/{id}/decision` (the service's staff),
  `POST /requests/{id}/forward` (a refused request to another service, as a new request),
  `POST /requests/{id}/withdraw` (who asked).
Every call goes through the selectors and services of the app, which check the access and
write the access-log rows.
"""

from typing import Any
from uuid import UUID

from ninja import Query, Status
from ninja.pagination import paginate

from django.db import transaction
from django.utils.translation import gettext as _

from perinatal.api.errors import invalid_input
from perinatal.api.pagination import PageNumbers
from perinatal.api.requests import ApiRequest
from perinatal.api.schemas import InvalidInputProblem, Problem
from perinatal.pathways import selectors as family_selectors

from .. import selectors
from ..access import is_service_staff, log_requests_listed
from ..constants import OPEN_STATUSES, RequestSource, RequestStatus, Vulnerability
from ..models import KraamzorgOffer, KraamzorgRequest
from ..services import requests as request_services
from . import router
from .schemas import (
    KraamzorgDecisionIn,
    KraamzorgForwardIn,
    KraamzorgListParams,
    KraamzorgReferralIn,
    KraamzorgRefusalOut,
    KraamzorgRequestOut,
    KraamzorgRequestPage,
    KraamzorgServiceOut,
)

REFUSALS = {401: Problem, 403: Problem, 404: Problem}
UNPROCESSABLE = {422: KraamzorgRefusalOut | InvalidInputProblem}


# --- Answers -------------------------------------------------------------------------------


def service_out(offer: KraamzorgOffer) -> dict[str, Any]:
    return {
        "service_id": offer.service.service_id,
        "name": offer.service.name,
        "sector": offer.service.sector,
        "languages": offer.languages,
    }


def request_summary(r: KraamzorgRequest) -> dict[str, Any]:
    return {
        "id": r.public_id,
        "status": r.status,
        "status_label": str(RequestStatus(r.status).label),
        "source": r.source,
        "source_label": str(RequestSource(r.source).label),
        "service": service_out(r.offer),
        "referrer_organisation": r.referrer_organisation.name
        if r.referrer_organisation is not None
        else None,
        "pregnancy_id": r.pregnancy.public_id if r.pregnancy is not None else None,
        "expected_date": r.expected_date,
        "due_date": r.due_date,
        "birth_date": r.birth_date,
        "in_pregnancy": r.in_pregnancy,
        "postcode": r.postcode,
        "municipality": r.municipality,
        "area_nis": r.area_nis,
        "vulnerability": r.vulnerability,
        "vulnerability_label": str(Vulnerability(r.vulnerability).label) if r.vulnerability else "",
        "submitted_at": r.submitted_at,
        "decided_at": r.decided_at,
        "planned_start": r.planned_start,
    }


def request_out(r: KraamzorgRequest) -> dict[str, Any]:
    return {
        **request_summary(r),
        "referral_reason": r.referral_reason,
        "vulnerability_reason": r.vulnerability_reason,
        "contact_name": r.contact_name,
        "contact_phone": r.contact_phone,
        "contact_email": r.contact_email,
        "adults": r.adults,
        "children": r.children,
        "income_band": r.income_band,
        "languages": r.languages,
        "help_wanted": r.help_wanted,
        "planned_hours": r.planned_hours,
        "refusal_reason": r.refusal_reason,
        "refusal_note": r.refusal_note,
        "closed_at": r.closed_at,
        "total_hours": getattr(r, "total_hours", None),
    }


def _no_service(request: ApiRequest, message: str) -> Status:
    return Status(422, invalid_input(request, [("service_id", message)]))


def _offer(service_id: str) -> KraamzorgOffer | None:
    """The active service with this recognition number."""
    for offer in selectors.active_offers():
        if offer.service.service_id == service_id.strip():
            return offer
    return None


def request_for(request: ApiRequest, request_id: UUID, purpose: str) -> KraamzorgRequest:
    return selectors.request_for_user(
        by=request.auth, public_id=request_id, request=request, purpose=purpose
    )


# --- Operations ----------------------------------------------------------------------------


@router.get(
    "/services",
    operation_id="kraamzorg_services_list",
    response={200: list[KraamzorgServiceOut], 401: Problem, 403: Problem},
    summary="The kraamzorg services that serve a postcode",
)
def services_serving(request: ApiRequest, postcode: str):
    """The active services that serve the postcode, its province or region, by name."""
    return [service_out(offer) for offer in selectors.offers_serving(postcode=postcode[:4])]


@router.get(
    "/requests",
    operation_id="kraamzorg_requests_list",
    response={200: KraamzorgRequestPage, 401: Problem, 403: Problem, 422: InvalidInputProblem},
    summary="A service's intake queue, or the requests your organisation referred",
)
@paginate(PageNumbers)
def requests_list(request: ApiRequest, params: Query[KraamzorgListParams]):
    """A kraamzorg service's staff: the service's requests in `status` (by default the open
    ones: submitted, waiting, accepted), the earliest expected date first, vulnerable families
    first within a day. Anyone else (or `referred=true`): the requests your organisation
    referred, newest first. Each request on the page is written to the access log."""
    user = request.auth
    if is_service_staff(user) and not params.referred:
        statuses = [params.status] if params.status else list(OPEN_STATUSES)
        found = selectors.intake_queue(by=user, statuses=statuses)
    else:
        found = selectors.requests_of_requester(by=user)
        if params.status:
            found = found.filter(status=params.status)

    def fetch(offset: int, limit: int) -> tuple[int, list[dict]]:
        with transaction.atomic():
            total = found.count()
            shown = list(found[offset : offset + limit])
            log_requests_listed(
                by=user, requests=shown, purpose="list kraamzorg requests", request=request
            )
        return total, [request_summary(r) for r in shown]

    return fetch


@router.post(
    "/requests",
    operation_id="kraamzorg_request_create",
    response={201: KraamzorgRequestOut, **REFUSALS, **UNPROCESSABLE},
    summary="Refer a family you follow to a kraamzorg service",
)
def request_create(request: ApiRequest, body: KraamzorgReferralIn):
    """For a family whose record you may see (403 `no_access` otherwise), with the reason.
    The family is marked vulnerable when its screening gives scenario B today, or when you
    give a `vulnerability_reason`. One open request per family and service (`already_open`);
    the service must serve the postcode (`outside_area`)."""
    pregnancy = family_selectors.pregnancy_get(body.pregnancy_id)
    if body.service_id:
        offer = _offer(body.service_id)
        if offer is None:
            return _no_service(
                request, _("No active kraamzorg service has this recognition number.")
            )
    else:
        serving = selectors.offers_serving(postcode=body.postcode)
        if not serving:
            return _no_service(
                request, _("No kraamzorg service on the platform serves this postcode.")
            )
        offer = serving[0]
    created = request_services.request_refer(
        by=request.auth,
        pregnancy=pregnancy,
        offer=offer,
        data=request_services.RequestInput(
            due_date=body.due_date,
            birth_date=body.birth_date,
            postcode=body.postcode,
            municipality=body.municipality,
            adults=body.adults,
            children=body.children,
            income_band=body.income_band,
            languages=body.languages,
            help_wanted=list(body.help_wanted),
        ),
        reason=body.reason,
        vulnerability_reason=body.vulnerability_reason,
        request=request,
    )
    return Status(201, request_out(created))


@router.get(
    "/requests/{request_id}",
    operation_id="kraamzorg_request_get",
    response={200: KraamzorgRequestOut, **REFUSALS},
    summary="One kraamzorg request",
)
def request_get(request: ApiRequest, request_id: UUID):
    """For the service's staff and the referrer's organisation (the read is logged)."""
    return request_out(request_for(request, request_id, "see a kraamzorg request"))


@router.post(
    "/requests/{request_id}/decision",
    operation_id="kraamzorg_request_decide",
    response={200: KraamzorgRequestOut, **REFUSALS, **UNPROCESSABLE},
    summary="The service's answer: accept and plan, waiting list, or refuse",
)
def request_decision(request: ApiRequest, request_id: UUID, body: KraamzorgDecisionIn):
    """submitted → `accepted` (with `planned_start` and `planned_hours`), `waiting` or
    `refused` (with a `refusal_reason`; `other` needs a `note`); waiting → accepted or refused.
    The service's staff only."""
    found = request_for(request, request_id, "answer a kraamzorg request")
    decided = request_services.request_decide(
        by=request.auth,
        kraamzorg_request=found,
        status=body.status,
        planned_start=body.planned_start,
        planned_hours=body.planned_hours,
        refusal_reason=body.refusal_reason,
        note=body.note,
        request=request,
    )
    return request_out(decided)


@router.post(
    "/requests/{request_id}/forward",
    operation_id="kraamzorg_request_forward",
    response={201: KraamzorgRequestOut, **REFUSALS, **UNPROCESSABLE},
    summary="Send a refused request to another service",
)
def request_forward(request: ApiRequest, request_id: UUID, body: KraamzorgForwardIn):
    """A refused request becomes a new request at another service that serves the family
    (by the refusing service's staff or the referrer's organisation); answers the new one."""
    found = request_for(request, request_id, "forward a kraamzorg request")
    offer = _offer(body.service_id)
    if offer is None:
        return _no_service(request, _("No active kraamzorg service has this recognition number."))
    forwarded = request_services.request_forward(
        by=request.auth, kraamzorg_request=found, offer=offer, request=request
    )
    return Status(201, request_out(forwarded))


@router.post(
    "/requests/{request_id}/withdraw",
    operation_id="kraamzorg_request_withdraw",
    response={200: KraamzorgRequestOut, **REFUSALS, **UNPROCESSABLE},
    summary="Withdraw an open request (the referrer's organisation)",
)
def request_withdraw(request: ApiRequest, request_id: UUID):
    found = request_for(request, request_id, "withdraw a kraamzorg request")
    withdrawn = request_services.request_withdraw(
        by=request.auth, kraamzorg_request=found, request=request
    )
    return request_out(withdrawn)
