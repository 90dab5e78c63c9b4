"""Submissions through the API (`/api/v1/monitoring/submissions`, `…/imports/{id}`).

`POST /submissions`: the CSV as the request body (`Content-Type: text/csv`, the file's name in
`?name=`), or as one or more multipart files (field `file`, names ending in `.csv`). The files
are received to disk (never held in memory), kept, and imported by a task worker: 202 with
the import's id and its address (also in `Location`). Refused at once: more files or bytes
than allowed (422 `invalid_input`, 413 `too_large`), a caller who may not submit (401, 403).

`GET /imports/{id}`: how the import stands (`queued`, `running`, `retrying`, `succeeded`,
`failed`) with its progress; once stored, what each (service, year) became; once refused, the
refusal as the upload used to answer it: `invalid_submission` with every error (line, column,
value, code, message), `not_your_service`, `year_final`, `newer_submission`, … Every refusal
is kept as a `RejectedSubmission` (channel `api`), all or nothing as on the page and the
command line. Only the caller's own imports (administrators: any).

`GET /submissions`: the submissions the caller may see (their own service's history;
analysts and administrators every service's), filtered by year.
"""

from typing import Any
from uuid import UUID

from ninja import Query, Status
from ninja.pagination import paginate

from django.core.files.uploadedfile import TemporaryUploadedFile, UploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from perinatal.api.errors import invalid_input
from perinatal.api.pagination import PageNumbers, rows
from perinatal.api.problems import problem, problem_response
from perinatal.api.requests import ApiRequest
from perinatal.api.schemas import InvalidInputProblem, Problem
from perinatal.jobs.display import job_failure

from ..forms import MAX_FILES, MAX_UPLOAD_BYTES, is_csv_name
from ..models import Submission
from ..services import submission_import_start
from ..submissions.history import import_for_user, submissions_for_user
from ..submissions.rejections import INVALID, Channel, rejection_errors
from . import router
from .schemas import (
    ImportOut,
    ImportStartedOut,
    MonitoringRefusalOut,
    SubmissionListParams,
    SubmissionPage,
)

DEFAULT_NAME = "submission.csv"
BODY_CHUNK = 64 * 1024
UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "text/csv": {"schema": {"type": "string", "format": "binary"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "One or more CSV files.",
                        }
                    },
                    "required": ["file"],
                }
            },
        },
    }
}


def _invalid_input(request: ApiRequest, message: str) -> Status:
    return Status(422, invalid_input(request, [("file", message)]))


def _too_large(request: ApiRequest) -> Status:
    message = _("A file may have at most %(size)s bytes.") % {"size": MAX_UPLOAD_BYTES}
    return Status(413, problem(request, 413, code="too_large", detail=message))


def _multipart_files(request: ApiRequest) -> list[UploadedFile] | Status:
    # Each file goes to a temporary file as it arrives, whatever its size (Django would keep
    # one under 2.5 MB in memory); set before anything reads the body.
    request.upload_handlers = [TemporaryFileUploadHandler(request)]
    uploads = request.FILES.getlist("file")
    if not uploads:
        return _invalid_input(request, _("Send the CSV as the body or as multipart files 'file'."))
    if len(uploads) > MAX_FILES:
        return _invalid_input(
            request, _("At most %(count)s files at a time.") % {"count": MAX_FILES}
        )
    # An upload's size is always known (None only for a File made without one).
    if any((upload.size or 0) > MAX_UPLOAD_BYTES for upload in uploads):
        return _too_large(request)
    for upload in uploads:
        if not is_csv_name(upload.name or ""):
            return _invalid_input(
                request,
                _("%(file)s is not a CSV file: its name must end in .csv.") % {"file": upload.name},
            )
    return uploads


def _body_file(request: ApiRequest, name: str) -> UploadedFile | Status:
    """The request's body written to a temporary file a chunk at a time."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_UPLOAD_BYTES:
        return _too_large(request)
    body = TemporaryUploadedFile(name, "text/csv", 0, None)
    size = 0
    while chunk := request.read(BODY_CHUNK):
        size += len(chunk)
        if size > MAX_UPLOAD_BYTES:
            body.close()
            return _too_large(request)
        body.write(chunk)
    if not size:
        body.close()
        return _invalid_input(request, _("Send the CSV as the body or as multipart files 'file'."))
    body.size = size
    body.seek(0)
    return body


def _files(request: ApiRequest, name: str) -> list[UploadedFile] | Status:
    """Each file sent, on disk, or the answer to a wrong request."""
    if request.content_type == "multipart/form-data":
        return _multipart_files(request)
    found = _body_file(request, name or DEFAULT_NAME)
    return found if isinstance(found, Status) else [found]


def import_url(job_id: Any) -> str:
    return reverse("api-v1:submission_import_get", kwargs={"job_id": job_id})


@router.post(
    "/submissions",
    operation_id="submission_create",
    response={
        202: ImportStartedOut,
        401: Problem,
        403: MonitoringRefusalOut,
        413: MonitoringRefusalOut,
        422: InvalidInputProblem,
    },
    summary="Send a yearly submission (CSV); it is imported in the background",
    openapi_extra=UPLOAD_BODY,
)
def submission_create(request: ApiRequest, response: HttpResponse, name: str = DEFAULT_NAME):
    """One row per dossier with the columns `work_year`, `service_id`, `service_name`,
    `service_sector`, `dossier_id`, `family_id`, `province`, `newborn`, `hours` (any order);
    `,` with a decimal point or `;` with a decimal comma; UTF-8 (with or without BOM) or
    Windows-1252. For each service and work year in the files, the new version replaces the
    earlier one. Nothing is stored when there is any error. The files are imported by a
    worker: follow the import at the address answered (`GET /monitoring/imports/{job_id}`,
    also in `Location`) until its status is `succeeded` or `failed`. A final year is refused
    (`year_final`; reopened by an analyst, it accepts submissions again)."""
    found = _files(request, name[:255])
    if isinstance(found, Status):
        return found
    try:
        job = submission_import_start(
            by=request.auth,
            channel=Channel.API,
            uploads=[(upload.name or DEFAULT_NAME, upload) for upload in found],
        )
    finally:
        for upload in found:
            upload.close()
    url = import_url(job.pk)
    response["Location"] = url
    return Status(202, {"job_id": job.pk, "status": job.status, "status_url": url})


@router.get(
    "/imports/{job_id}",
    operation_id="submission_import_get",
    url_name="submission_import_get",
    response={200: ImportOut, 401: Problem, 403: Problem, 404: Problem},
    summary="An import of submissions: its progress, then what was stored or why it was refused",
)
def submission_import_get(request: ApiRequest, job_id: UUID):
    """Poll every few seconds until `status` is `succeeded` (see `stored`) or `failed` (see
    `refusal`, or `failure` when it broke for a reason that is not the files')."""
    found = import_for_user(request.auth, job_id)
    if found is None:
        return problem_response(
            request, 404, code="not_found", detail=_("No import of yours has this id.")
        )
    job, rejection = found
    refusal = None
    if rejection is not None:
        errors = rejection_errors(rejection)
        refusal = {
            "code": rejection.code,
            "message": (
                _("%(count)s error(s): nothing was stored.") % {"count": rejection.error_count}
                if rejection.code == INVALID
                else rejection.message
            ),
            "error_count": rejection.error_count,
            "errors": [
                {
                    "file": error.file,
                    "line": error.line,
                    "column": error.column,
                    "value": error.value,
                    "code": error.code,
                    "message": error.reason,
                }
                for error in errors
            ],
        }
    failure = (job_failure(job) or None) if rejection is None else None
    return {
        "job_id": job.pk,
        "status": job.status,
        "stage": job.stage,
        "done": job.done,
        "total": job.total,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
        "stored": job.result.get("stored"),
        "refusal": refusal,
        "failure": failure,
    }


def submission_out(sub: Submission) -> dict[str, Any]:
    return {
        "service_id": sub.service.service_id,
        "service_name": sub.service_name,
        "sector": sub.sector,
        "year": sub.work_year_id,
        "version": sub.version,
        "received_at": sub.received_at,
        "late": sub.late,
        "current": sub.superseded_at is None,
        "superseded_at": sub.superseded_at,
        "source_file": sub.source_file,
        "dossiers": sub.dossiers,
        "newborn_dossiers": sub.newborn_dossiers,
    }


@router.get(
    "/submissions",
    operation_id="submissions_list",
    response={200: SubmissionPage, 401: Problem, 403: Problem, 422: InvalidInputProblem},
    summary="Submissions: your service's history, or every service's for analysts",
)
@paginate(PageNumbers, per_page=100, max_per_page=500)
def submission_list(request: ApiRequest, params: Query[SubmissionListParams]):
    """Every version (received, late, superseded), newest work year first, then by service
    and newest version. A service's users see only their own service."""
    found = submissions_for_user(
        request.auth, year=params.year, service_id=(params.service_id or "").strip()
    )
    if params.current:
        found = found.filter(superseded_at__isnull=True)
    return rows(found, submission_out)
