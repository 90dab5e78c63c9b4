"""The kraamzorg report as a file through the API, and the files that a worker made:

- `GET /reports/kraamzorg/file?year=…&format=csv|xlsx|pdf` (`as_of`, `publication` as for
  the JSON report): the file (200) when it is small; when it is large or slow (the PDF's
  charts, `downloads/rule.py`) 202 with the job's id and `status_url`
  (`GET /api/v1/jobs/{job_id}`), whose `result_url`, once the job succeeded, is:
- `GET /reports/files/{job_id}`: the finished file, for the one who asked (or an
  administrator) while they may still have it; 404 `not_found` for any other id, 409
  `not_ready` while the worker is still at it, 409 `job_failed` when it failed (the job's
  answer says why). Analysts and administrators; the same bytes as the dashboard's download.
"""

from typing import Any, Literal
from uuid import UUID

from ninja import Field, Query

from django.utils.translation import gettext as _

from perinatal.accounts.roles import is_monitoring_manager
from perinatal.accounts.tokens import BearerToken, TokenUserNotAllowed
from perinatal.api.problems import problem_response
from perinatal.api.requests import ApiRequest
from perinatal.api.schemas import InvalidInputProblem, Problem
from perinatal.jobs.api import JobAcceptedOut, job_accepted
from perinatal.jobs.constants import FINISHED, JobStatus

from ..downloads.dashboard import KRAAMZORG_REPORT
from ..downloads.responses import attachment, file_response, prepared_or_job
from ..downloads.selectors import report_file_for_user, report_job_for_user
from ..reports.outputs import OUTPUTS
from . import router
from .schemas import MonitoringRefusalOut, ReportParams

BINARY = {"schema": {"type": "string", "format": "binary"}}


def _file_answer(description: str, formats: tuple[str, ...]) -> dict:
    content = {OUTPUTS[fmt].content_type.split(";")[0]: BINARY for fmt in formats}
    return {"responses": {200: {"description": description, "content": content}}}


def _require_manager(user: Any) -> None:
    if not is_monitoring_manager(user):
        raise TokenUserNotAllowed


class ReportFileParams(ReportParams):
    format: Literal["csv", "xlsx", "pdf"] = Field(description="The file's format.")


@router.get(
    "/reports/kraamzorg/file",
    operation_id="kraamzorg_report_file",
    response={
        202: JobAcceptedOut,
        401: Problem,
        403: Problem,
        404: MonitoringRefusalOut,
        422: InvalidInputProblem,
    },
    openapi_extra=_file_answer("The file, when it is made at once.", ("csv", "xlsx", "pdf")),
    summary="The kraamzorg report of a work year as a file (CSV, XLSX or PDF)",
)
def report_kraamzorg_file(request: ApiRequest, params: Query[ReportFileParams]):
    """The dashboard's file of the year's report, in the caller's language. Small files come
    at once (200, an attachment); a file that takes long to make (the PDF draws charts) is
    made by a worker: 202 with the job's `status_url`, then the file from its `result_url`."""
    _require_manager(request.auth)
    report_params = {
        "year": params.year,
        "as_of": params.as_of.isoformat() if params.as_of else None,
        "publication": params.publication,
        "format": params.format,
    }
    prepared, job = prepared_or_job(KRAAMZORG_REPORT, report_params, by=request.auth)
    if job is None:
        return attachment(prepared.render(), prepared.content_type, prepared.name)
    return job_accepted(request, job)


@router.get(
    "/reports/files/{job_id}",
    operation_id="report_file_get",
    url_name="report_file_get",
    auth=BearerToken(),
    response={401: Problem, 404: Problem, 409: Problem},
    openapi_extra=_file_answer("The finished file.", ("csv", "xlsx", "pdf")),
    summary="A report file made by a worker",
)
def report_file_get(request: ApiRequest, job_id: UUID):
    """The file of a `report-file` job that the caller started (any, for an administrator),
    once it succeeded; kept until the job is forgotten (`JOBS_RESULT_RETENTION_DAYS`)."""
    job = report_job_for_user(request.auth, job_id)
    if job is not None and job.status not in FINISHED:
        message = _("The file is not ready yet: ask the job's status_url again later.")
        return problem_response(request, 409, code="not_ready", detail=message)
    if job is not None and job.status == JobStatus.FAILED:
        message = _("The file could not be made: the job's status_url says why.")
        return problem_response(request, 409, code="job_failed", detail=message)
    stored = report_file_for_user(request.auth, job_id)
    if stored is None:
        return problem_response(
            request, 404, code="not_found", detail=_("No report file with this id is yours.")
        )
    return file_response(stored)
