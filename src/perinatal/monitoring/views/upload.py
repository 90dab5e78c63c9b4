"""The submissions page (/<lang>/monitoring/submissions/) for a family-care service's own
users and for analysts and administrators, after the second factor.

- GET: the upload form and the history (a service user: their own service's versions,
  received, late, superseded; analysts: every service's, filtered by year and service), and
  the latest refused attempts. `?received=<id>…` shows the submissions just stored, each with
  the version it replaced.
- POST (one or more CSV files): the files are received to disk (never held in memory: the
  temporary-file upload handler alone, set before anything reads the body), checked for
  number, size and name, kept, and their import started in the background
  (`services.submission_import_start`) → 303 to the job's page, which reloads itself until
  the import is done and then leads to `?received=…` (stored) or to the refusal (errors in
  the files, another service, a final year: the attempt is kept,
  `submissions/rejections.py`). All or nothing, as before. The page works without
  JavaScript; `static/monitoring/upload.js` adds a progress bar while the files upload. The
  user's imports still running are listed on the page.
- /submissions/rejected/<id>/: the refusal, and the error list (line, column, value, reason)
  100 per page with the total count; …/errors.csv: the errors as a CSV to fix.
Not logged in: the login page; any other role, or without the second factor: 403.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from perinatal.accounts.models import User
from perinatal.accounts.requests import logged_in_user
from perinatal.accounts.roles import is_monitoring_manager
from perinatal.core.pages import refused

from ..forms import MAX_FILES, MAX_UPLOAD_BYTES, HistoryFilterForm, UploadForm
from ..models import RejectedSubmission
from ..parameters import submission_deadline
from ..services import submission_import_start
from ..submissions.history import (
    imports_in_progress,
    may_submit,
    received_for_user,
    services_of_user,
    submissions_for_user,
)
from ..submissions.rejections import (
    Channel,
    errors_csv,
    rejection_errors,
    rejection_for_user,
    rejections_for_user,
)

HISTORY_PER_PAGE = 50
ERRORS_PER_PAGE = 100
# A body larger than the files allowed (and their form fields) is refused before it is read.
MAX_BODY_BYTES = MAX_FILES * MAX_UPLOAD_BYTES + 1024 * 1024


def submitter_page(view: Callable) -> Callable:
    """Logged in as a family-care service's user, an analyst or an administrator, past the
    second factor."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_submit(user):
            return refused(
                request,
                _(
                    "Only a family-care service's users, analysts and administrators may "
                    "send the yearly submissions."
                ),
            )
        if not user.is_verified():
            return refused(request, _("Confirm your login with your second factor first."))
        return view(request, *args, **kwargs)

    return wrapper


def _received_ids(request: HttpRequest) -> list[int]:
    return [int(value) for value in request.GET.getlist("received")[:1000] if value.isdigit()]


def _history(request: HttpRequest, manager: bool) -> tuple[Any, HistoryFilterForm | None]:
    filters = HistoryFilterForm(request.GET or None) if manager else None
    year, service = None, ""
    if filters is not None and filters.is_bound and filters.is_valid():
        year = filters.cleaned_data["year"]
        service = filters.cleaned_data["service"].strip()
    found = submissions_for_user(request.user, year=year, service_id=service)
    page = Paginator(found, HISTORY_PER_PAGE).get_page(request.GET.get("page"))
    return page, filters


def _page_query(request: HttpRequest) -> str:
    """The history's filters, to carry into the pagination links."""
    kept = [(key, value) for key, value in request.GET.items() if key in ("year", "service")]
    return urlencode(kept)


@csrf_exempt  # checked by csrf_protect below, once the upload handlers are set
def submissions_entry(request: HttpRequest) -> HttpResponse:
    """Every uploaded file goes to a temporary file as it arrives, whatever its size (Django
    would keep one under 2.5 MB in memory). Set before anything reads the body: the CSRF
    check reads it, so it comes after, as does the check of who may submit."""
    if request.method == "POST":
        request.upload_handlers = [TemporaryFileUploadHandler(request)]
    return _submissions_page(request)


def submissions_view(request: HttpRequest) -> HttpResponse:
    user = logged_in_user(request)  # submitter_page checked the login
    if request.method == "POST" and _body_length(request) > MAX_BODY_BYTES:
        # Refused unread: nothing is done, so no CSRF check either.
        message = _("At most %(count)s files of %(size)s each can be sent at a time.") % {
            "count": MAX_FILES,
            "size": filesizeformat(MAX_UPLOAD_BYTES),
        }
        return _page(request, user, UploadForm(), status=413, refusal=message)
    return _form(request, user)


@csrf_protect
def _form(request: HttpRequest, user: User) -> HttpResponse:
    form = UploadForm()
    status = 200
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            return _start_import(user, form.cleaned_data["files"])
        status = 400
    return _page(request, user, form, status=status)


def _body_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _page(
    request: HttpRequest, user: User, form: UploadForm, *, status: int, refusal: str = ""
) -> HttpResponse:
    manager = is_monitoring_manager(user)
    last_year = timezone.localdate().year - 1
    history, filters = _history(request, manager)
    return render(
        request,
        "monitoring/upload/submissions.html",
        {
            "form": form,
            "refusal": refusal,
            "manager": manager,
            "services": list(services_of_user(user)),
            "recognition_number": getattr(user.organisation, "recognition_number", "").strip(),
            "received": received_for_user(user, _received_ids(request)),
            "history": history,
            "filters": filters,
            "page_query": _page_query(request),
            "rejections": rejections_for_user(user=user, limit=20 if manager else 10),
            "imports": imports_in_progress(user),
            "deadline_year": last_year,
            "deadline": submission_deadline(last_year),
        },
        status=status,
    )


def _start_import(user: User, uploads: list[Any]) -> HttpResponse:
    """Keep the files and start their import; the person follows it on the job's page."""
    job = submission_import_start(
        by=user, channel=Channel.PAGE, uploads=[(upload.name, upload) for upload in uploads]
    )
    return redirect("jobs:detail", job_id=job.pk)


_submissions_page = submitter_page(submissions_view)


def _rejection(request: HttpRequest, public_id: Any) -> RejectedSubmission:
    try:
        return rejection_for_user(user=request.user, public_id=public_id)
    except RejectedSubmission.DoesNotExist as exc:
        raise Http404 from exc


@submitter_page
def rejection_view(request: HttpRequest, public_id: Any) -> HttpResponse:
    rejection = _rejection(request, public_id)
    errors = rejection_errors(rejection)
    page = Paginator(errors, ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "monitoring/upload/rejection.html",
        {
            "rejection": rejection,
            "errors": page,
            "several_files": len(rejection.file_names) > 1,
            "kept": len(errors),
        },
    )


@submitter_page
def rejection_csv_view(request: HttpRequest, public_id: Any) -> HttpResponse:
    rejection = _rejection(request, public_id)
    response = HttpResponse(
        errors_csv(rejection_errors(rejection)), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localtime(rejection.at).strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="submission-errors-{stamp}.csv"'
    return response


def _see_other(view: Callable) -> Callable:
    """Answer a redirect after a POST with 303 (the browser then GETs the answer)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if request.method == "POST" and response.status_code == 302:
            response.status_code = 303
        return response

    return wrapper


urlpatterns: list[URLPattern] = [
    path("submissions/", _see_other(submissions_entry), name="submissions"),
    path("submissions/rejected/<uuid:public_id>/", rejection_view, name="rejection"),
    path(
        "submissions/rejected/<uuid:public_id>/errors.csv",
        rejection_csv_view,
        name="rejection_csv",
    ),
]
