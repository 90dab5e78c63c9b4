"""The submissions page (/<lang>/monitoring/submissions/) for a family-care service's own
users and for analysts and administrators, after the second factor.

- GET: the upload form and the history (a service user: their own service's versions,
  received, late, superseded; analysts: every service's, filtered by year and service), and
  the latest refused attempts. `?received=<id>…` shows the submissions just stored, each with
  the version it replaced.
- POST (one or more CSV files): the import of `services.submissions_import`, all or nothing.
  Stored → 303 to `?received=…`; refused (errors in the files, another service, a final
  year) → the attempt is kept (`submissions/rejections.py`) and 303 to its page. The page works without
  JavaScript; `static/monitoring/upload.js` adds a progress bar while the files upload.
- /submissions/rejected/<id>/: the refusal, and the error list (line, column, value, reason)
  100 per page with the total count; …/errors.csv: the errors as a CSV to fix.
Not logged in: the login page; any other role, or without the second factor: 403.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.accounts.models import User
from perinatal.accounts.requests import logged_in_user
from perinatal.accounts.roles import is_monitoring_manager
from perinatal.core.pages import refused

from ..forms import HistoryFilterForm, UploadForm
from ..models import RejectedSubmission, Submission
from ..parameters import submission_deadline
from ..services import submissions_import
from ..submissions.errors import InvalidSubmission, SubmissionRefused
from ..submissions.file import read_submission
from ..submissions.history import (
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
    rejection_record,
    rejections_for_user,
)

HISTORY_PER_PAGE = 50
ERRORS_PER_PAGE = 100


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


@submitter_page
def submissions_view(request: HttpRequest) -> HttpResponse:
    user = logged_in_user(request)  # submitter_page checked the login
    form = UploadForm()
    status = 200
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            return _import(request, user, form.cleaned_data["files"])
        status = 400
    manager = is_monitoring_manager(user)
    last_year = timezone.localdate().year - 1
    history, filters = _history(request, manager)
    return render(
        request,
        "monitoring/upload/submissions.html",
        {
            "form": form,
            "manager": manager,
            "services": list(services_of_user(user)),
            "recognition_number": getattr(user.organisation, "recognition_number", "").strip(),
            "received": received_for_user(user, _received_ids(request)),
            "history": history,
            "filters": filters,
            "page_query": _page_query(request),
            "rejections": rejections_for_user(user=user, limit=20 if manager else 10),
            "deadline_year": last_year,
            "deadline": submission_deadline(last_year),
        },
        status=status,
    )


def _import(request: HttpRequest, user: User, uploads: list[Any]) -> HttpResponse:
    now = timezone.now()
    today = timezone.localdate(now)
    names = [upload.name for upload in uploads]
    files = [read_submission(upload.read(), name=upload.name, today=today) for upload in uploads]
    try:
        submissions_import(files=files, by=user, now=now)
    except (InvalidSubmission, SubmissionRefused) as exc:
        rejection = rejection_record(
            by=user, channel=Channel.PAGE, file_names=names, refusal=exc, now=now
        )
        return redirect("monitoring:rejection", public_id=rejection.public_id)
    ids = Submission.objects.filter(uploaded_by=user, received_at=now).values_list("pk", flat=True)
    query = urlencode([("received", pk) for pk in sorted(ids)])
    return redirect(f"{reverse('monitoring:submissions')}?{query}")


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
    path("submissions/", _see_other(submissions_view), name="submissions"),
    path("submissions/rejected/<uuid:public_id>/", rejection_view, name="rejection"),
    path(
        "submissions/rejected/<uuid:public_id>/errors.csv",
        rejection_csv_view,
        name="rejection_csv",
    ),
]
