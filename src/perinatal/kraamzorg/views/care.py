"""The care delivered and the monthly statements.

- `/kraamzorg/care/<id>/` (`kraamzorg:care`): the service's staff see the visits of a
  request and their total hours, record a visit (date, hours, kraamverzorgende) and close
  the dossier (`kraamzorg:care_close`, POST). Staff who passed the second factor only.
- `/kraamzorg/statements/<id>/<year>/<month>/` (`kraamzorg:statement`) and `….pdf`
  (`kraamzorg:statement_pdf`): the family's monthly statement, for the service's staff and
  the parent who asked. Everyone else gets 403; not logged in, the login page.
"""

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perinatal.accounts.requests import logged_in_user
from perinatal.audit.models import AccessAction
from perinatal.core.pages import attempt, posted, refused, status_of
from perinatal.core.refusals import NoAccess, RuleRefused

from .. import selectors
from ..access import is_service_staff
from ..constants import RequestStatus
from ..models import KraamzorgRequest
from ..pdf import statement_pdf
from ..services import care
from ..statements import Statement, statement_for_user


class VisitForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    hours = forms.DecimalField(
        label=gettext_lazy("Hours"), min_value=0.01, max_value=24, decimal_places=2
    )
    carer = forms.CharField(label=gettext_lazy("Kraamverzorgende"), max_length=200)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=forms.Textarea)


def staff_page(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_service_staff(user):
            return refused(request, _("Only the staff of a kraamzorg service record the care."))
        if not user.is_verified():
            return refused(request, _("Confirm your login with your second factor first."))
        return view(request, *args, **kwargs)

    return wrapper


def _request_of_staff(request: HttpRequest, public_id: Any) -> KraamzorgRequest:
    try:
        found = selectors.request_for_user(
            by=request.user, public_id=public_id, request=request, purpose="kraamzorg care"
        )
    except KraamzorgRequest.DoesNotExist:
        raise Http404 from None
    if not is_service_staff(request.user, found.offer):
        raise NoAccess
    return found


def _months(kraamzorg_request: KraamzorgRequest) -> list[date]:
    return list(kraamzorg_request.visits.dates("date", "month", order="DESC"))


@staff_page
def care_view(request: HttpRequest, public_id: Any) -> HttpResponse:
    try:
        kraamzorg_request = _request_of_staff(request, public_id)
    except NoAccess:
        return refused(request, _("This request was not sent to your service."))
    form = VisitForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        visit = attempt(
            form,
            lambda: care.visit_record(
                by=request.user,
                kraamzorg_request=kraamzorg_request,
                date=data["date"],
                hours=data["hours"],
                carer=data["carer"],
                note=data["note"],
                request=request,
            ),
        )
        if visit is not None:
            messages.success(request, _("The visit is recorded."))
            return redirect("kraamzorg:care", public_id=kraamzorg_request.public_id)
    return render(
        request,
        "kraamzorg/care/care.html",
        {
            "kr": kraamzorg_request,
            "visits": kraamzorg_request.visits.all(),
            "total_hours": care.total_hours(kraamzorg_request),
            "months": _months(kraamzorg_request),
            "form": form,
            "may_record": kraamzorg_request.status == RequestStatus.ACCEPTED,
        },
        status=status_of(form),
    )


@staff_page
def care_close_view(request: HttpRequest, public_id: Any) -> HttpResponse:
    if request.method != "POST":
        return HttpResponse(status=405)
    try:
        kraamzorg_request = _request_of_staff(request, public_id)
    except NoAccess:
        return refused(request, _("This request was not sent to your service."))
    try:
        closed = care.request_close(
            by=request.user, kraamzorg_request=kraamzorg_request, request=request
        )
    except RuleRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("The dossier is closed: %(hours)s hours.") % {"hours": closed.total_hours}
        )
    return redirect("kraamzorg:care", public_id=kraamzorg_request.public_id)


def _statement(
    request: HttpRequest, public_id: Any, year: int, month: int, action: AccessAction
) -> Statement | HttpResponse:
    """The statement, or the page that refuses it."""
    user = logged_in_user(request)  # both views checked the login
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise Http404
    if user.requires_two_factor and not user.is_verified():
        return refused(request, _("Confirm your login with your second factor first."))
    try:
        found = statement_for_user(
            by=user, public_id=public_id, year=year, month=month, action=action, request=request
        )
    except KraamzorgRequest.DoesNotExist:
        raise Http404 from None
    except NoAccess:
        return refused(
            request, _("Only the kraamzorg service and the parent who asked see the statement.")
        )
    return found


def statement_view(request: HttpRequest, public_id: Any, year: int, month: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    statement = _statement(request, public_id, year, month, AccessAction.READ)
    if isinstance(statement, HttpResponse):
        return statement
    return render(
        request,
        "kraamzorg/care/statement.html",
        {
            "statement": statement,
            "kr": statement.kraamzorg_request,
            "staff": is_service_staff(request.user, statement.kraamzorg_request.offer),
        },
    )


def statement_pdf_view(request: HttpRequest, public_id: Any, year: int, month: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    statement = _statement(request, public_id, year, month, AccessAction.PRINT)
    if isinstance(statement, HttpResponse):
        return statement
    response = HttpResponse(statement_pdf(statement), content_type="application/pdf")
    name = f"kraamzorg-{year}-{month:02d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


urlpatterns: list[URLPattern] = [
    path("care/<uuid:public_id>/", care_view, name="care"),
    path("care/<uuid:public_id>/close/", care_close_view, name="care_close"),
    path(
        "statements/<uuid:public_id>/<int:year>/<int:month>/",
        statement_view,
        name="statement",
    ),
    path(
        "statements/<uuid:public_id>/<int:year>/<int:month>.pdf",
        statement_pdf_view,
        name="statement_pdf",
    ),
]
