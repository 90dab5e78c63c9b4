"""The service's intake: the queue of open requests and the answer to one.

- `/kraamzorg/intake/` (`kraamzorg:intake`): the requests of the user's service, the earliest
  expected date first, vulnerable families marked; filter by status; 50 a page, continued
  by keyset (`?after=<request>` / `?before=<request>`, the page's number carried for the
  reader): one query for the page with its relations along the queue's index, one for the
  count, one insert for the page's access-log rows — every page costs the same with
  thousands of open requests.
- `/kraamzorg/intake/<id>/` (`kraamzorg:intake_request`): the request; accept and plan, put
  on the waiting list, or refuse with a reason; forward a refused request to another service.
For the intake staff of a kraamzorg service who passed the second factor; others get 403.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.core.geography import area_by_code
from perinatal.core.pages import attempt, posted, refused, status_of
from perinatal.core.refusals import NoAccess

from .. import rules, selectors
from ..access import is_service_staff, log_requests_listed
from ..constants import (
    OPEN_STATUSES,
    REQUEST_NEXT,
    Help,
    RequestSource,
    RequestStatus,
    Vulnerability,
)
from ..forms import DecisionForm, ForwardForm
from ..models import KraamzorgRequest
from ..services import requests as request_services

PAGE_SIZE = 50
FILTERS = {
    "": OPEN_STATUSES,
    **{status: (status,) for status in RequestStatus.values},
}


def intake_page(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_service_staff(user):
            return refused(request, _("Only the intake staff of a kraamzorg service see it."))
        if not user.is_verified():
            return refused(request, _("Confirm your login with your second factor first."))
        return view(request, *args, **kwargs)

    return wrapper


def _label(rows: list[KraamzorgRequest]) -> None:
    """Each row's source, vulnerability and status in words, each choice translated once a
    page (`get_FOO_display` rebuilds and translates its field's choices on every call)."""
    fields = {"source": RequestSource, "vulnerability": Vulnerability, "status": RequestStatus}
    labels = {name: {v: str(label) for v, label in kind.choices} for name, kind in fields.items()}
    for kr in rows:
        for name, words in labels.items():
            value = getattr(kr, name)
            setattr(kr, f"{name}_label", words.get(value, value))


def _int(text: str | None) -> int:
    """The page number a link carries (for the reader only; the keyset finds the rows)."""
    try:
        return int(text or "")
    except ValueError:
        return 0


@intake_page
def intake_view(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in FILTERS:
        status = ""
    page = selectors.intake_queue_page(
        by=request.user,
        statuses=FILTERS[status],
        after=request.GET.get("after"),
        before=request.GET.get("before"),
        size=PAGE_SIZE,
    )
    log_requests_listed(
        by=request.user, requests=page.rows, purpose="kraamzorg intake queue", request=request
    )
    _label(page.rows)
    pages = max(1, -(-page.count // PAGE_SIZE))
    number = 1 if page.first else min(max(_int(request.GET.get("page")), 2), pages)
    today = timezone.localdate()
    return render(
        request,
        "kraamzorg/intake/queue.html",
        {
            "page": page,
            "number": number,
            "intake_url": reverse("kraamzorg:intake"),  # a request's page: + its id + "/"
            "pages": pages,
            "rows": page.rows,
            "status": status,
            "statuses": RequestStatus.choices,
            "today": today,
        },
    )


@intake_page
def intake_request_view(request: HttpRequest, public_id: UUID) -> HttpResponse:
    try:
        kr = selectors.request_for_user(
            by=request.user, public_id=public_id, request=request, purpose="kraamzorg intake"
        )
    except KraamzorgRequest.DoesNotExist as exc:
        raise Http404 from exc
    except NoAccess:
        return refused(request, _("This request is addressed to another service."))
    if not is_service_staff(request.user, kr.offer):
        return redirect("kraamzorg:request", public_id=kr.public_id)
    allowed = tuple(s for s in REQUEST_NEXT.get(kr.status, ()) if s in request_services.DECISIONS)
    action = request.POST.get("action") if request.method == "POST" else None
    decision = DecisionForm(
        posted(request) if action == "decide" else None,
        allowed=allowed,
        assistants=selectors.service_users(by=request.user),
        prefix="decide",
    )
    forward_form = None
    if kr.status == RequestStatus.REFUSED:
        offers = [o for o in selectors.offers_serving(postcode=kr.postcode) if o.pk != kr.offer_id]
        forward_form = ForwardForm(
            posted(request) if action == "forward" else None, offers=offers, prefix="forward"
        )
    if action == "decide" and decision.is_valid():
        data = decision.cleaned_data
        answered = attempt(
            decision,
            lambda: request_services.request_decide(
                by=request.user,
                kraamzorg_request=kr,
                status=data["status"],
                planned_start=data["planned_start"],
                planned_hours=data["planned_hours"],
                refusal_reason=data["refusal_reason"],
                note=data["note"],
                assistant=decision.chosen_assistant(),
                request=request,
            ),
        )
        if answered is not None:
            messages.success(
                request,
                _("The request is %(status)s.") % {"status": answered.get_status_display()},
            )
            return redirect("kraamzorg:intake_request", public_id=kr.public_id)
    if action == "forward" and forward_form is not None and forward_form.is_valid():
        forwarded = attempt(
            forward_form,
            lambda: request_services.request_forward(
                by=request.user,
                kraamzorg_request=kr,
                offer=forward_form.chosen_offer(),
                request=request,
            ),
        )
        if forwarded is not None:
            messages.success(
                request,
                _("The request is sent to %(service)s.")
                % {"service": forwarded.offer.service.name},
            )
            return redirect("kraamzorg:intake")
    shown = forward_form if action == "forward" else decision
    return render(
        request,
        "kraamzorg/intake/request.html",
        {
            "kr": kr,
            "form": decision,
            "forward_form": forward_form,
            "area": area_by_code(kr.area_nis),
            "help_labels": [Help(h).label for h in kr.help_wanted if h in Help.values],
            "price": rules.hourly_price(kr.income_band, on=timezone.localdate()),
        },
        status=status_of(shown) if action else 200,
    )


urlpatterns: list[URLPattern] = [
    path("intake/", intake_view, name="intake"),
    path("intake/<uuid:public_id>/", intake_request_view, name="intake_request"),
]
