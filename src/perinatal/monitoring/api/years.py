"""Work years through the API (`/api/v1/monitoring/years…`), for analysts and
administrators: the years with their status, deadline and log; closing a year (its figures
become final; refused before its deadline, 409 `before_deadline`) and reopening it with a
reason (logged; 422 `reason_required` without one). A year outside 2000 … this year is 404
`unknown_year`."""

from typing import Any

from ninja import Status

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.accounts.roles import is_monitoring_manager
from perinatal.accounts.tokens import TokenUserNotAllowed
from perinatal.api.problems import problem
from perinatal.api.requests import ApiRequest
from perinatal.api.schemas import InvalidInputProblem, Problem

from ..constants import FIRST_WORK_YEAR
from ..models import Submission, WorkYear, WorkYearEvent
from ..parameters import submission_deadline
from ..services import work_year_close, work_year_reopen
from . import router
from .schemas import MonitoringRefusalOut, ReopenIn, YearOut

REFUSALS = {
    401: Problem,
    403: MonitoringRefusalOut,
    404: MonitoringRefusalOut,
    409: MonitoringRefusalOut,
}


def _require_manager(user: Any) -> None:
    if not is_monitoring_manager(user):
        raise TokenUserNotAllowed


def _years(*years: int) -> list[dict[str, Any]]:
    """The work years (these, or all) as the API shows them."""
    found = WorkYear.objects.prefetch_related(
        Prefetch("events", queryset=WorkYearEvent.objects.order_by("at", "id"))
    )
    current = Submission.objects.filter(superseded_at__isnull=True)
    if years:
        found, current = found.filter(year__in=years), current.filter(work_year_id__in=years)
    counts = dict(
        current.values("work_year_id").annotate(n=Count("id")).values_list("work_year_id", "n")
    )
    return [year_out(work_year, counts.get(work_year.year, 0)) for work_year in found]


def year_out(work_year: WorkYear, current_submissions: int) -> dict[str, Any]:
    return {
        "year": work_year.year,
        "status": work_year.status,
        "deadline": submission_deadline(work_year.year),
        "closed_at": work_year.closed_at,
        "current_submissions": current_submissions,
        "events": [
            {"action": event.action, "at": event.at, "reason": event.reason}
            for event in work_year.events.all()
        ],
    }


def _unknown_year(request: ApiRequest, year: int) -> Status | None:
    if FIRST_WORK_YEAR <= year <= timezone.localdate().year:
        return None
    message = _("The work year must lie between %(first)s and %(last)s.") % {
        "first": FIRST_WORK_YEAR,
        "last": timezone.localdate().year,
    }
    return Status(404, problem(request, 404, code="unknown_year", detail=message))


@router.get(
    "/years",
    operation_id="years_list",
    response={200: list[YearOut], **REFUSALS},
    summary="The work years",
)
def year_list(request: ApiRequest):
    """Every work year with submissions or a status: provisional or final, the deadline, the
    current submissions, and the log of closings and reopenings (with their reasons)."""
    _require_manager(request.auth)
    return _years()


@router.post(
    "/years/{year}/close",
    operation_id="year_close",
    response={200: YearOut, **REFUSALS},
    summary="Close a work year: its figures become final",
)
def year_close(request: ApiRequest, year: int):
    """Refused before the year's deadline has passed (409 `before_deadline`) and for a final
    year (409 `already_final`). Submissions for a final year are refused (`year_final`)."""
    _require_manager(request.auth)
    if unknown := _unknown_year(request, year):
        return unknown
    work_year_close(year=year, by=request.auth)
    return _years(year)[0]


@router.post(
    "/years/{year}/reopen",
    operation_id="year_reopen",
    response={200: YearOut, **REFUSALS, 422: MonitoringRefusalOut | InvalidInputProblem},
    summary="Reopen a final work year, with a reason",
)
def year_reopen(request: ApiRequest, year: int, body: ReopenIn):
    """The year becomes provisional again so that corrections can be submitted; the reason
    goes to the year's log and the change log. 409 `not_final` for a provisional year."""
    _require_manager(request.auth)
    if unknown := _unknown_year(request, year):
        return unknown
    work_year_reopen(year=year, by=request.auth, reason=body.reason)
    return _years(year)[0]
