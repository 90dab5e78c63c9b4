"""Submissions through the API (`/api/v1/monitoring/submissions`).

`POST`: the CSV as the request body (`Content-Type: text/csv`, the file's name in `?name=`),
or as one or more multipart files (field `file`). The same import as the page and the
command line, all or nothing: 201 with what was stored; 422 `invalid_submission` with every
error (line, column, value, code, message); 403 `not_your_service` for another service; 409
`year_final` for a final year. Every refusal is kept as a `RejectedSubmission` (channel
`api`). `GET`: the submissions the caller may see (their own service's history; analysts
and administrators every service's), filtered by year.
"""

from dataclasses import asdict
from typing import Any

from ninja import Query, Status
from ninja.pagination import paginate

from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.api.errors import invalid_input
from perinatal.api.pagination import PageNumbers, rows
from perinatal.api.problems import problem
from perinatal.api.requests import ApiRequest
from perinatal.api.schemas import InvalidInputProblem, Problem

from ..forms import MAX_FILES, MAX_UPLOAD_BYTES
from ..models import Submission
from ..services import submissions_import
from ..submissions.errors import InvalidSubmission, SubmissionRefused
from ..submissions.file import read_submission
from ..submissions.history import submissions_for_user
from ..submissions.rejections import Channel, rejection_record
from . import refusal_status, router
from .schemas import (
    InvalidSubmissionOut,
    MonitoringRefusalOut,
    StoredOut,
    SubmissionListParams,
    SubmissionPage,
)

DEFAULT_NAME = "submission.csv"
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


def _files(request: ApiRequest, name: str) -> list[tuple[str, bytes]] | Status:
    """The (name, bytes) of each file sent, or the answer to a wrong request."""
    if request.content_type == "multipart/form-data":
        uploads = request.FILES.getlist("file")
        if not uploads:
            return _invalid_input(
                request, _("Send the CSV as the body or as multipart files 'file'.")
            )
        if len(uploads) > MAX_FILES:
            return _invalid_input(
                request, _("At most %(count)s files at a time.") % {"count": MAX_FILES}
            )
        # An upload's size is always known (None only for a File made without one).
        if any((upload.size or 0) > MAX_UPLOAD_BYTES for upload in uploads):
            return _too_large(request)
        return [(upload.name or DEFAULT_NAME, upload.read()) for upload in uploads]
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_UPLOAD_BYTES:
        return _too_large(request)
    # read() rather than .body: the body may be larger than DATA_UPLOAD_MAX_MEMORY_SIZE.
    data = request.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        return _too_large(request)
    if not data:
        return _invalid_input(request, _("Send the CSV as the body or as multipart files 'file'."))
    return [(name or DEFAULT_NAME, data)]


@router.post(
    "/submissions",
    operation_id="submission_create",
    response={
        201: list[StoredOut],
        401: Problem,
        403: MonitoringRefusalOut,
        409: MonitoringRefusalOut,
        413: MonitoringRefusalOut,
        422: InvalidSubmissionOut | InvalidInputProblem,
    },
    summary="Send a yearly submission (CSV)",
    openapi_extra=UPLOAD_BODY,
)
def submission_create(request: ApiRequest, name: str = DEFAULT_NAME):
    """One row per dossier with the columns `work_year`, `service_id`, `service_name`,
    `service_sector`, `dossier_id`, `family_id`, `province`, `newborn`, `hours` (any order);
    `,` with a decimal point or `;` with a decimal comma; UTF-8 (with or without BOM) or
    Windows-1252. For each service and work year in the files, the new version replaces the
    earlier one. Nothing is stored when there is any error. A final year answers 409
    `year_final` (reopened by an analyst, it accepts submissions again)."""
    found = _files(request, name[:255])
    if isinstance(found, Status):
        return found
    now = timezone.now()
    today = timezone.localdate(now)
    files = [read_submission(data, name=file_name, today=today) for file_name, data in found]
    try:
        stored = submissions_import(files=files, by=request.auth, now=now)
    except (InvalidSubmission, SubmissionRefused) as exc:
        rejection_record(
            by=request.auth,
            channel=Channel.API,
            file_names=[file.name for file in files],
            refusal=exc,
            now=now,
        )
        if isinstance(exc, SubmissionRefused):
            status = refusal_status(exc.code)
            return Status(status, problem(request, status, code=exc.code, detail=exc.message))
        return Status(422, _invalid_body(request, exc))
    return Status(201, [asdict(item) for item in stored])


def _invalid_body(request: ApiRequest, exc: InvalidSubmission) -> dict[str, Any]:
    return problem(
        request,
        422,
        code="invalid_submission",
        detail=_("%(count)s error(s): nothing was stored.") % {"count": len(exc.errors)},
        error_count=len(exc.errors),
        errors=[
            {
                "file": error.file,
                "line": error.line,
                "column": error.column,
                "value": error.value,
                "code": error.code,
                "message": error.reason,
            }
            for error in exc.errors
        ],
    )


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
