"""The monitoring of the Kindboekje procedure (/<lang>/kindboekje/monitoring/) for analysts and
holders of `booklets.view_booklet_monitoring`, each table also as CSV or XLSX
(`?format=csv|xlsx&table=<key>`: at once, or made by a task worker when the table is large,
the page then sending the person to the job's page); and the follow-up work list (/<lang>/kindboekje/follow-up/)
for Kind en Gezin professionals. Not logged in: the login page; anyone else: 403.
"""

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any, cast

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from perinatal.core.geography import AREAS
from perinatal.monitoring.downloads.responses import report_download
from perinatal.monitoring.figures import writers as exports

from .. import monitoring
from ..monitoring import REGION_ORDER, Period
from ..monitoring.downloads import KINDBOEKJE_TABLE, table_params


def _allowed_only(check: Callable[[Any], bool]) -> Callable:
    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(user) or not user.is_verified():
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m")


class PeriodForm(forms.Form):
    """The period (whole months) and the region of the monitoring tables."""

    from_month = forms.DateField(
        label=_("From (month)"), input_formats=["%Y-%m"], required=False, widget=MonthInput()
    )
    to_month = forms.DateField(
        label=_("To (month)"), input_formats=["%Y-%m"], required=False, widget=MonthInput()
    )
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        default = Period.last_twelve_months(today)
        self.fields["from_month"].initial = default.first
        self.fields["to_month"].initial = default.last
        by_code = {a.nis: a for a in AREAS}
        region = cast(forms.ChoiceField, self.fields["region"])  # declared above
        region.choices = [("", _("All regions"))] + [
            (nis, by_code[nis].name) for nis in REGION_ORDER
        ]
        self.today = today

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("from_month"), data.get("to_month")
        if first and last and first > last:
            raise forms.ValidationError(_("The first month comes after the last month."))
        return data

    def period(self) -> Period:
        default = Period.last_twelve_months(self.today)
        data = self.cleaned_data if self.is_bound else {}
        return Period.months(
            data.get("from_month") or default.first, data.get("to_month") or default.last
        )

    def region_code(self) -> str | None:
        """The NIS code of the region chosen, or None for all."""
        return (self.cleaned_data.get("region") if self.is_bound else "") or None


FILTER_FIELDS = ("from_month", "to_month", "region")


@_allowed_only(monitoring.may_see_monitoring)
def monitoring_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    # QueryDict.items() gives each key's last value, a str.
    query = cast(dict[str, str], {k: v for k, v in request.GET.items() if k in FILTER_FIELDS})
    form = PeriodForm(query or None, today=today)
    if form.is_bound and not form.is_valid():
        return render(request, "booklets/monitoring/monitoring.html", {"form": form}, status=400)
    period, area = form.period(), form.region_code()
    fmt = request.GET.get("format")
    if fmt:
        key = request.GET.get("table", "")
        if fmt not in exports.EXPORTS or key not in monitoring.TABLES:
            raise Http404
        params = table_params(key=key, period=period, area=area, on=today, fmt=fmt)
        return report_download(request, KINDBOEKJE_TABLE, params)
    tables = [
        {
            "table": monitoring.monitoring_table(key, period=period, area=area, on=today),
            "downloads": {
                fmt: "?" + urlencode({**query, "format": fmt, "table": key})
                for fmt in exports.EXPORTS
            },
        }
        for key in monitoring.TABLES
    ]
    return render(
        request,
        "booklets/monitoring/monitoring.html",
        {
            "form": form,
            "period": period,
            "tables": tables,
            "work_list": monitoring.may_see_work_list(request.user),
        },
    )


@_allowed_only(monitoring.may_see_work_list)
def follow_up_view(request: HttpRequest) -> HttpResponse:
    work_list = monitoring.follow_up_work_list(
        by=request.user, on=timezone.localdate(), request=request
    )
    return render(request, "booklets/monitoring/follow_up.html", {"work_list": work_list})


urlpatterns: list[URLPattern] = [
    path("monitoring/", monitoring_view, name="monitoring"),
    path("follow-up/", follow_up_view, name="follow_up"),
]
