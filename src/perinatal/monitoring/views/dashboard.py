"""The analysts' dashboard (/<lang>/monitoring/) for analysts and administrators after the
second factor; anyone else is refused (403), not logged in: the login page.

- GET: choose the work year (default: the latest with kraamzorg figures or other modules'
  records), an as-of date and
  publication mode; the year's kraamzorg table per area and in total, all family care and
  the newborn share, the sectors; the year's state (provisional or final, closed when and by
  whom, late submissions, when the data last changed); the three charts over the years as
  inline SVG (the picture of the PDF); downloads in CSV, XLSX and PDF with the same figures,
  publication mode and charts (`reports/outputs.py`, as the command line); the other modules'
  figures of the year per region or month (`figures/`, registered by those apps), each with a CSV download.
  A download that is large or slow (the PDF's charts) is made by a task worker: the page
  sends the person to the job's page, which leads to the file (`downloads/`). The tables and
  charts are kept in the shared cache per year and state of the monitoring
  (`dashboard_kept.py`, decision 0032).
- POST …/years/<year>/close/ and …/reopen/ (with a reason): `services.work_year_close` and
  `work_year_reopen`, which check the role again and log; then back to the dashboard (303).
"""

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perinatal.accounts.roles import is_monitoring_manager
from perinatal.core.pages import refused

from ..downloads.dashboard import KRAAMZORG_REPORT, MODULE_TABLE
from ..downloads.responses import report_download
from ..figures import figure_tables, module_table, years_with_records
from ..reports.kraamzorg import NoFigures
from ..reports.outputs import chart_history, report_data
from ..selectors import years_with_figures
from ..services import work_year_close, work_year_reopen
from ..submissions.errors import SubmissionRefused
from ..years.state import work_year_state
from .dashboard_display import chart_panels, module_panel, report_panel, withheld_list
from .dashboard_forms import Choice, DashboardForm, ReopenForm
from .dashboard_kept import (
    KEPT_SECONDS,
    MODULES_SECONDS,
    Kept,
    key,
    monitoring_state,
)

DOWNLOADS = ("csv", "xlsx", "pdf")
CHARTS = "monitoring/dashboard/_charts.html"
MODULES = "monitoring/dashboard/_modules.html"


def analyst_page(view: Callable) -> Callable:
    """Logged in as an analyst or administrator, past the second factor."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_monitoring_manager(user):
            return refused(
                request, _("Only analysts and administrators may see the monitoring dashboard.")
            )
        if not user.is_verified():
            return refused(request, _("Confirm your login with your second factor first."))
        return view(request, *args, **kwargs)

    return wrapper


def _form(request: HttpRequest, state: str | None = None) -> DashboardForm:
    """The choice of year and mode; the year by default the latest with figures or records
    (this year's other modules, when kraamzorg's last submitted year is older)."""
    kept = Kept(
        {
            "figures": (
                key("figure-years", state or monitoring_state()),
                years_with_figures,
                KEPT_SECONDS,
            ),
            "records": (key("record-years"), years_with_records, MODULES_SECONDS),
        }
    )
    years = sorted(set(kept["figures"]) | set(kept["records"]))
    default = (years or [timezone.localdate().year - 1])[-1]
    query = {k: v for k, v in request.GET.items() if k in DashboardForm.base_fields}
    return DashboardForm(query or None, years=years or [default], default_year=default)


def _choice_or_400(
    request: HttpRequest, state: str | None = None
) -> tuple[DashboardForm, Choice | None]:
    form = _form(request, state)
    if form.is_bound and not form.is_valid():
        return form, None
    return form, form.choice()


def _report(choice: Choice) -> dict[str, Any]:
    """The year's kraamzorg tables for the page (or why there are none)."""
    try:
        data = report_data(year=choice.year, as_of=choice.as_of, publication=choice.publication)
    except NoFigures as exc:
        return {"report": None, "withheld": [], "missing": str(exc)}
    return {"report": report_panel(data), "withheld": withheld_list(data), "missing": ""}


def _charts(choice: Choice) -> list[dict[str, Any]]:
    history = chart_history(as_of=choice.as_of, publication=choice.publication)
    return chart_panels(history) if history else []


def _modules_html(choice: Choice, today: date) -> str:
    query = urlencode(choice.query())
    modules = []
    for table in figure_tables():
        counted = module_table(
            table, year=choice.year, by=choice.by, on=today, publication=choice.publication
        )
        csv = f"{reverse('monitoring:dashboard_module_csv', args=[table])}?{query}"
        modules.append(module_panel(counted, csv))
    return render_to_string(MODULES, {"modules": modules, "choice": choice})


def _kept(choice: Choice, state: str, today: date) -> Kept:
    """The page's tables and charts, from the shared cache or computed (dashboard_kept): the
    kraamzorg tables as data (the year's state beside them is read live), the charts and the
    other modules as their rendered sections."""
    as_of = choice.as_of.isoformat() if choice.as_of else ""
    mode = choice.publication
    return Kept(
        {
            "report": (
                key("report", state, choice.year, as_of, mode),
                lambda: _report(choice),
                KEPT_SECONDS,
            ),
            "charts": (
                key("charts", state, as_of, mode),
                lambda: render_to_string(CHARTS, {"charts": _charts(choice), "choice": choice}),
                KEPT_SECONDS,
            ),
            "modules": (
                key("modules", choice.year, choice.by, mode, as_of, today.isoformat()),
                lambda: _modules_html(choice, today),
                MODULES_SECONDS,
            ),
        }
    )


@analyst_page
def dashboard_view(request: HttpRequest) -> HttpResponse:
    state = monitoring_state()
    form, choice = _choice_or_400(request, state)
    if choice is None:
        return render(request, "monitoring/dashboard/dashboard.html", {"form": form}, status=400)
    today = timezone.localdate()
    kept = _kept(choice, state, today)
    query = choice.query()
    year_state = work_year_state(choice.year)
    return render(
        request,
        "monitoring/dashboard/dashboard.html",
        {
            "form": form,
            "choice": choice,
            **kept["report"],
            "charts_html": mark_safe(kept["charts"]),  # noqa: S308 - rendered by _charts.html
            "state": year_state,
            "reopen_form": ReopenForm() if year_state.may_reopen else None,
            "downloads": {
                fmt: f"{reverse('monitoring:dashboard_report', args=[fmt])}?{urlencode(query)}"
                for fmt in DOWNLOADS
            },
            "modules_html": mark_safe(kept["modules"]),  # noqa: S308 - rendered by _modules.html
        },
    )


@analyst_page
def report_download_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """The year's report as on the page (same year, as-of date, publication mode, charts):
    at once, or made by a worker when it is slow (the PDF's charts; downloads/rule.py)."""
    if fmt not in DOWNLOADS:
        raise Http404
    form, choice = _choice_or_400(request)
    if choice is None:
        return HttpResponse(status=400)
    params = {
        "year": choice.year,
        "as_of": choice.as_of.isoformat() if choice.as_of else None,
        "publication": choice.publication,
        "format": fmt,
    }
    try:
        return report_download(request, KRAAMZORG_REPORT, params)
    except NoFigures as exc:
        raise Http404(str(exc)) from None


@analyst_page
def module_csv_view(request: HttpRequest, key: str) -> HttpResponse:
    if key not in figure_tables():
        raise Http404
    form, choice = _choice_or_400(request)
    if choice is None:
        return HttpResponse(status=400)
    params = {
        "key": key,
        "year": choice.year,
        "by": choice.by,
        "publication": choice.publication,
        "on": timezone.localdate().isoformat(),
    }
    return report_download(request, MODULE_TABLE, params)


def _back(year: int) -> HttpResponse:
    response = redirect(f"{reverse('monitoring:dashboard')}?{urlencode({'year': year})}")
    response.status_code = 303
    return response


@require_POST
@analyst_page
def year_close_view(request: HttpRequest, year: int) -> HttpResponse:
    try:
        work_year_close(year=year, by=request.user)
    except SubmissionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The work year %(year)s is final.") % {"year": year})
    return _back(year)


@require_POST
@analyst_page
def year_reopen_view(request: HttpRequest, year: int) -> HttpResponse:
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Reopening a work year needs a reason (it is logged)."))
        return _back(year)
    try:
        work_year_reopen(year=year, by=request.user, reason=form.cleaned_data["reason"])
    except SubmissionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("The work year %(year)s is provisional again.") % {"year": year}
        )
    return _back(year)


urlpatterns: list[URLPattern] = [
    path("", dashboard_view, name="dashboard"),
    path("report.<str:fmt>", report_download_view, name="dashboard_report"),
    path("modules/<slug:key>.csv", module_csv_view, name="dashboard_module_csv"),
    path("years/<int:year>/close/", year_close_view, name="year_close"),
    path("years/<int:year>/reopen/", year_reopen_view, name="year_reopen"),
]
