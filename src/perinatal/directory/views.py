"""Directory pages: search, service detail, timeline, readers' reports and the editors' desk.

Views only parse input, call a selector or a service, and render.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from perinatal.accounts.roles import is_directory_editor
from perinatal.audit.selectors import changes_for
from perinatal.core.middleware import public_page
from perinatal.core.ratelimits import WhenCacheDown, ratelimit

from . import selectors, services
from .area_forms import ServiceAreaForm
from .edit_set_pages import service_sets
from .edit_sets import RowGone
from .forms import ReportCloseForm, ReportForm, SearchForm, ServiceEditForm
from .language_fallback import current_language
from .models import ErrorReport, Service
from .printed_list import selection_of, without_selection
from .search import unanswered
from .search.cards import Card
from .service_sheet import service_sheet

PAGE_SIZE = 20
# Error reports from one address (fail open: a report goes through when Redis is down).
REPORT_RATE = "10/h"
ROW_GONE = _lazy(
    "Nothing was saved: a row you changed was removed meanwhile. The page now shows the entry "
    "as it is stored."
)


def editor_required(view):
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_directory_editor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _service_or_404(service_id) -> Service:
    try:
        return selectors.service_get(service_id)
    except Service.DoesNotExist as exc:
        raise Http404 from exc


@public_page
def search_view(request: HttpRequest) -> HttpResponse:
    search_params = without_selection(request.GET)  # the printable list's picks set apart
    form = SearchForm(search_params or None)
    results: list[Card] = []
    count, page, suggestion, estimated = 0, 1, "", False
    searched = bool(search_params)
    if form.is_bound and not form.is_valid():
        searched = False  # the form says what to correct; no result list under it
    if form.is_bound and form.is_valid():
        try:
            page = max(1, min(int(request.GET.get("page", "1")), 10_000))
        except ValueError:
            page = 1
        query = form.to_query(current_language())
        answer, results = selectors.services_search_cards(
            query, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
        )
        count, suggestion, estimated = answer.count, answer.suggestion, answer.estimated
        unanswered.note(query, answer)
    params = request.GET.copy()
    params.pop("page", None)
    corrected = params.copy()
    corrected["q"] = suggestion
    return render(
        request,
        "directory/search.html",
        {
            "form": form,
            "results": results,
            "count": count,
            "estimated": estimated,
            "searched": searched,
            "page": page,
            "has_next": page * PAGE_SIZE < count,
            "has_previous": page > 1,
            "query_string": params.urlencode(),
            "selection": selection_of(request.GET),
            "suggestion": suggestion,
            "suggestion_query": corrected.urlencode(),
        },
    )


@public_page
def service_detail_view(request: HttpRequest, service_id) -> HttpResponse:
    service = _service_or_404(service_id)
    return render(
        request,
        "directory/service_detail.html",
        {
            "service": service,
            "sheet": service_sheet(service, current_language()),
            "report_form": ReportForm(initial={"kind": "error"}),
            "stale_after_days": settings.DIRECTORY_VERIFICATION_MAX_AGE_DAYS,
        },
    )


@public_page
def timeline_view(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/timeline.html", {"phases": selectors.services_by_phase()})


@ratelimit(key="ip", rate=REPORT_RATE, when_cache_down=WhenCacheDown.ALLOW)
def report_view(request: HttpRequest, service_id=None) -> HttpResponse:
    service = _service_or_404(service_id) if service_id else None
    if request.method == "POST":
        form = ReportForm(request.POST)
        if form.is_valid():
            if not form.cleaned_data.get("website"):  # honeypot empty: a person
                services.report_submit(
                    service=service,
                    kind=form.cleaned_data["kind"],
                    message=form.cleaned_data["message"],
                    reporter_email=form.cleaned_data["reporter_email"],
                    language=current_language(),
                )
            messages.success(request, _("Thank you. The editors will look at your report."))
            return (
                redirect("directory:service", service_id=service.id)
                if service
                else redirect("directory:search")
            )
    else:
        form = ReportForm(initial={"kind": "error" if service else "missing"})
    return render(
        request,
        "directory/report.html",
        {"form": form, "service": service},
        status=400 if request.method == "POST" else 200,
    )


@editor_required
def service_edit_view(request: HttpRequest, service_id) -> HttpResponse:
    service = _service_or_404(service_id)
    data = request.POST if request.method == "POST" else None
    if data is None:
        form = ServiceEditForm(initial=ServiceEditForm.initial_for(service))
        area_form = ServiceAreaForm(initial=ServiceAreaForm.initial_for(service))
    else:
        form = ServiceEditForm(data)
        area_form = ServiceAreaForm(data)
    sets = service_sets(service, data)
    failed = False
    if data is not None and not sets.adding:  # "Add a row" only shows one more row
        if form.is_valid() and sets.is_valid() and area_form.is_valid():
            cleaned = dict(form.cleaned_data)
            if area_form.submitted():
                cleaned["areas"] = area_form.codes()
            reason = cleaned.pop("reason", "")
            try:
                changes = services.service_edit(
                    service=service, data=cleaned, sets=sets.rows(), by=request.user, reason=reason
                )
            except RowGone:
                messages.error(request, ROW_GONE)
                return redirect("directory:service_edit", service_id=service.id)
            if data.get("verify"):
                services.service_verify(service=service, by=request.user)
            messages.success(
                request, _("Saved: %(count)s field(s) changed.") % {"count": len(changes)}
            )
            return redirect("directory:service_edit", service_id=service.id)
        failed = True
    return render(
        request,
        "directory/service_edit.html",
        {
            "service": service,
            "form": form,
            "area_form": area_form,
            "sets": sets,
            "failed": failed,
            "history": changes_for(service)[:50],
        },
        status=400 if failed else 200,
    )


@editor_required
def service_verify_view(request: HttpRequest, service_id) -> HttpResponse:
    if request.method != "POST":
        return redirect("directory:service_edit", service_id=service_id)
    service = _service_or_404(service_id)
    services.service_verify(service=service, by=request.user)
    messages.success(request, _("Marked as verified today."))
    if request.POST.get("next") == "queue":
        return redirect("directory:editor_queue")
    return redirect("directory:service_edit", service_id=service.id)


@editor_required
def report_close_view(request: HttpRequest, report_id) -> HttpResponse:
    report = get_object_or_404(ErrorReport, pk=report_id)
    form = ReportCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.report_close(
            report=report,
            by=request.user,
            status=form.cleaned_data["status"],
            resolution=form.cleaned_data["resolution"],
        )
        messages.success(request, _("The report is closed."))
        return redirect("directory:editor_queue")
    return render(
        request,
        "directory/report_close.html",
        {"report": report, "form": form},
        status=400 if request.method == "POST" else 200,
    )
