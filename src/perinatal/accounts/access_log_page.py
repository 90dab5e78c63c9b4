"""The page of the access log for administrators (`/nl/audit/access-log/`): reading it needs
the second factor, and each search is itself logged. The log is the audit app's; who may
read it is the accounts' concern."""

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from perinatal.accounts.constants import Role
from perinatal.accounts.roles import is_administrator
from perinatal.audit import selectors, services
from perinatal.audit.models import AccessAction, AccessBasis

PAGE_ROWS = 200


class AccessLogFilterForm(forms.Form):
    subject = forms.CharField(
        label=_("Whose record (pseudonymous id)"), required=False, max_length=64
    )
    actor = forms.CharField(label=_("User"), required=False, max_length=150)
    since = forms.DateField(
        label=_("From (date)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until (date)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("The start date comes after the end date."))
        return data


@transaction.atomic
def _role_label(code: str) -> str:
    """A role code kept in the log, by its label (a role no longer known: its code)."""
    return str(Role(code).label) if code in Role.values else code


def access_log_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_administrator(user) or not user.is_verified():
        raise PermissionDenied
    form = AccessLogFilterForm(request.GET or None)
    events, total = [], 0
    if form.is_bound and form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v}
        services.access_record(
            actor=user,
            action=AccessAction.SEARCH,
            record_type="audit.accessevent",
            subject=filters.get("subject", ""),
            purpose="audit of the access log",
            basis=AccessBasis.AUDIT,
            reason=request.GET.urlencode()[:1000],
            request=request,
        )
        found = selectors.accesses(**filters)
        total = found.count()
        events = list(found[:PAGE_ROWS])
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request,
        "audit/access_log.html",
        {
            "form": form,
            "events": events,
            # each row with the role as it was, by its label in the reader's language
            "rows": [(event, _role_label(event.actor_role)) for event in events],
            "total": total,
            "limit": PAGE_ROWS,
        },
        status=status,
    )


# Included at `audit/` in the root URLs, under the namespace `audit`.
urlpatterns = [path("access-log/", access_log_view, name="access_log")]
