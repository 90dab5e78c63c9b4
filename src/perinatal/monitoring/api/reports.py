"""The kraamzorg report through the API (`/api/v1/monitoring/reports/kraamzorg…`), for
analysts and administrators: the same JSON as `perinatal monitoring report kraamzorg`
(`reports.kraamzorg.report_json`), for a year as it stands or as it stood at the end of `as_of`, or
the trend over several years. `publication=true` gives the copy that is safe to publish
(`publication.for_publication`: withheld figures are null and listed in `suppressed`). A
year without figures answers 404 `no_figures`."""

from typing import Any

from ninja import Query, Status

from django.http import HttpResponse
from django.utils.translation import gettext as _

from perinatal.accounts.roles import is_monitoring_manager
from perinatal.accounts.tokens import TokenUserNotAllowed
from perinatal.api.errors import invalid_input
from perinatal.api.requests import ApiRequest
from perinatal.api.schemas import InvalidInputProblem, Problem

from ..reports.kraamzorg import kraamzorg_report, kraamzorg_trend, report_json
from ..reports.publication import for_publication
from . import router
from .schemas import (
    MonitoringRefusalOut,
    ReportOut,
    ReportParams,
    TrendOut,
    TrendParams,
)

MAX_TREND_YEARS = 50
RESPONSES = {401: Problem, 403: Problem, 404: MonitoringRefusalOut, 422: InvalidInputProblem}


def _require_manager(user: Any) -> None:
    if not is_monitoring_manager(user):
        raise TokenUserNotAllowed


def _json(data: dict[str, Any], publication: bool) -> HttpResponse:
    if publication:
        data = for_publication(data)
    return HttpResponse(report_json(data), content_type="application/json")


@router.get(
    "/reports/kraamzorg",
    operation_id="kraamzorg_report_get",
    response={200: ReportOut, **RESPONSES},
    summary="The kraamzorg report of a work year",
)
def report_kraamzorg(request: ApiRequest, params: Query[ReportParams]):
    """Per area (Antwerpen, Limburg, Oost-Vlaanderen, Vlaams-Brabant, West-Vlaanderen,
    Brussels Hoofdstedelijk Gewest) and in total, over the dossiers of families with a
    newborn child: dossiers, families, hours, averages and services; the newborn share of all
    family care; the sectors; provisional or final. Amounts rounded half up to 2 decimals."""
    _require_manager(request.auth)
    return _json(kraamzorg_report(params.year, params.as_of), params.publication)


@router.get(
    "/reports/kraamzorg/trend",
    operation_id="kraamzorg_trend_get",
    response={200: TrendOut, **RESPONSES},
    summary="The kraamzorg report over several years, with the change against the year before",
)
def report_kraamzorg_trend(request: ApiRequest, params: Query[TrendParams]):
    """The report of every year from `from` to `to`; each with `change` against the year
    before (null when that year has no figures). Every year must have figures."""
    _require_manager(request.auth)
    if params.from_ > params.to or params.to - params.from_ >= MAX_TREND_YEARS:
        message = _("Give from and to, the first year not after the last, at most %(most)s years.")
        return Status(422, invalid_input(request, [("from", message % {"most": MAX_TREND_YEARS})]))
    data = kraamzorg_trend(params.from_, params.to, params.as_of)
    return _json(data, params.publication)
