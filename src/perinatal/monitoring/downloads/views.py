"""The download of a report file that a worker made (/<lang>/monitoring/files/<job id>/):
only for the person who asked (or an administrator), while they may still have that report;
an attachment, never kept by a cache. Anyone else, a job not done yet or a file gone: 404."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.urls import URLPattern, path

from .responses import file_response
from .selectors import report_file_for_user


@login_required
def report_file_view(request: HttpRequest, job_id: UUID) -> FileResponse:
    stored = report_file_for_user(request.user, job_id)
    if stored is None:
        raise Http404
    return file_response(stored)


urlpatterns: list[URLPattern] = [
    path("files/<uuid:job_id>/", report_file_view, name="report_file"),
]
