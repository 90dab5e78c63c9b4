"""Care delivered through the API, for the service's staff: the visits of a request
(`GET`/`POST /requests/{id}/visits`), closing the dossier (`POST /requests/{id}/close`, with
its total hours) and the monthly statement (`GET /requests/{id}/statements/{year}/{month}`:
each visit at the hourly price of the family's band on its day)."""

from decimal import Decimal
from uuid import UUID

from ninja import Status

from django.utils.translation import gettext as _

from perinatal.api.errors import invalid_input
from perinatal.api.requests import ApiRequest
from perinatal.api.schemas import InvalidInputProblem
from perinatal.core.constants import CENT
from perinatal.core.refusals import NoAccess

from ..access import is_service_staff
from ..services import care as care_services
from ..statements import statement_for_user
from . import router
from .requests import REFUSALS, UNPROCESSABLE, request_for, request_out
from .schemas import (
    KraamzorgRequestOut,
    KraamzorgStatementOut,
    KraamzorgVisitIn,
    KraamzorgVisitOut,
)


def visit_out(visit) -> dict:
    return {
        "date": visit.date,
        "hours": Decimal(visit.hours).quantize(CENT),  # as stored
        "carer": visit.carer,
        "note": visit.note,
        "created_at": visit.created_at,
    }


@router.get(
    "/requests/{request_id}/visits",
    operation_id="kraamzorg_visits_list",
    response={200: list[KraamzorgVisitOut], **REFUSALS},
    summary="The visits of a request",
)
def visits_list(request: ApiRequest, request_id: UUID):
    """The service's staff only (the referrer sees the status and the answer, not the care)."""
    found = request_for(request, request_id, "see the kraamzorg visits")
    if not is_service_staff(request.auth, found.offer):
        raise NoAccess(_("Only the staff of the kraamzorg service see the care delivered."))
    return [visit_out(v) for v in found.visits.order_by("date", "id")]


@router.post(
    "/requests/{request_id}/visits",
    operation_id="kraamzorg_visit_create",
    response={201: KraamzorgVisitOut, **REFUSALS, **UNPROCESSABLE},
    summary="Record a visit of an accepted request",
)
def visit_create(request: ApiRequest, request_id: UUID, body: KraamzorgVisitIn):
    """A visit that took place (date not in the future), more than 0 and at most 24 hours,
    with the kraamverzorgende; only for an accepted request (`not_accepted`)."""
    found = request_for(request, request_id, "record a kraamzorg visit")
    visit = care_services.visit_record(
        by=request.auth,
        kraamzorg_request=found,
        date=body.date,
        hours=body.hours,
        carer=body.carer,
        note=body.note,
        request=request,
    )
    return Status(201, visit_out(visit))


@router.post(
    "/requests/{request_id}/close",
    operation_id="kraamzorg_request_close",
    response={200: KraamzorgRequestOut, **REFUSALS, **UNPROCESSABLE},
    summary="Close the dossier of an accepted request",
)
def request_close(request: ApiRequest, request_id: UUID):
    """The dossier closes with its total hours (the sum of its visits: `total_hours`)."""
    found = request_for(request, request_id, "close a kraamzorg dossier")
    closed = care_services.request_close(by=request.auth, kraamzorg_request=found, request=request)
    return request_out(closed)


@router.get(
    "/requests/{request_id}/statements/{year}/{month}",
    operation_id="kraamzorg_statement_get",
    response={200: KraamzorgStatementOut, **REFUSALS, 422: InvalidInputProblem},
    summary="The monthly statement of a family in care",
)
def statement_get(request: ApiRequest, request_id: UUID, year: int, month: int):
    """Each visit of the month at the hourly price of the family's income band in force on
    its day, the month's total hours and amount. The service's staff only."""
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        message = _("Give a month from 1 to 12 of a year from 2000 to 2100.")
        return Status(422, invalid_input(request, [("month", message)]))
    statement = statement_for_user(
        by=request.auth, public_id=request_id, year=year, month=month, request=request
    )
    return {
        "request_id": statement.kraamzorg_request.public_id,
        "year": statement.year,
        "month": statement.month,
        "band": statement.band,
        "price": statement.price,
        "lines": [
            {
                "date": line.date,
                "hours": line.hours,
                "price": line.price,
                "amount": line.amount,
                "carer": carer,
            }
            for line, carer in statement.rows
        ],
        "total_hours": statement.total_hours,
        "total_amount": statement.total_amount,
    }
