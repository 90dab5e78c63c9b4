"""The access log for administrators: reading it needs the second factor and is logged."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from perinatal.accounts.roles import is_administrator

from . import selectors, services
from .forms import AccessLogFilterForm
from .models import AccessAction, AccessBasis

PAGE_ROWS = 200


@transaction.atomic
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
            reason=form.data.urlencode()[:1000],
            request=request,
        )
        found = selectors.accesses(**filters)
        total = found.count()
        events = list(found[:PAGE_ROWS])
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request,
        "audit/access_log.html",
        {"form": form, "events": events, "total": total, "limit": PAGE_ROWS},
        status=status,
    )
