"""The one path of every report download on the pages: a small file is rendered in the
request and sent as an attachment; a large or slow one is made by a worker, and the person
is sent (303) to the job's page, which leads to the file when it is ready. The finished file
is sent from the storage the same way (`file_response`)."""

from typing import Any, TypeVar

from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect

from .producers import Params, PreparedReport, report_producers
from .rule import in_background
from .selectors import StoredReport
from .services import report_file_start

R = TypeVar("R", HttpResponse, FileResponse)


def _private(response: R) -> R:
    response["Cache-Control"] = "no-store"
    return response


def attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return _private(response)


def file_response(stored: StoredReport) -> FileResponse:
    response = FileResponse(
        default_storage.open(stored.path, "rb"),
        as_attachment=True,
        filename=stored.name,
        content_type=stored.content_type,
    )
    return _private(response)


def prepared_or_job(key: str, params: Params, *, by: Any) -> tuple[PreparedReport, Any]:
    """The prepared file, and the job that makes it when it is for a worker (else None)."""
    prepared = report_producers[key].prepare(params)
    if not in_background(prepared.estimate):
        return prepared, None
    return prepared, report_file_start(producer=key, params=params, name=prepared.name, by=by)


def report_download(request: HttpRequest, key: str, params: Params) -> HttpResponse:
    """`key`'s file from `params` for the person of `request` (who may have it: the view has
    checked), as an attachment or as a job (303 to its page)."""
    prepared, job = prepared_or_job(key, params, by=request.user)
    if job is None:
        return attachment(prepared.render(), prepared.content_type, prepared.name)
    response = redirect("jobs:detail", job_id=job.pk)
    response.status_code = 303
    return response
