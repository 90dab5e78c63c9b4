"""The order desk: the queue of booklet orders by status (filters: kind, region, practice) and
an order's page with its six-month figures and the decisions it may get next (approve, refuse
with a reason, approve as an exception with a reason, shipped, delivered).

For care professionals with the permission `booklets.handle_orders` who passed the second
factor (`booklets:desk`, `booklets:desk_order`); everyone else gets 403.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.accounts import roles
from perinatal.core.geography import area_by_code
from perinatal.core.pages import attempt, posted, refused, status_of

from .. import order_selectors
from ..constants import OrderStatus, RefusalCode
from ..forms.orders import DeskDecisionForm, DeskFilterForm
from ..models import BookletOrder
from ..services import order_desk

PAGE_SIZE = 50


def desk_page(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not roles.is_order_desk(user):
            return refused(request, _("Only the order desk handles booklet orders."))
        if not user.is_verified():
            return refused(request, _("Confirm your login with your second factor first."))
        return view(request, *args, **kwargs)

    return wrapper


@desk_page
def desk_view(request: HttpRequest) -> HttpResponse:
    filters = DeskFilterForm(request.GET or None)
    wanted = filters.cleaned_data if filters.is_bound and filters.is_valid() else {}
    orders = order_selectors.desk_orders(
        by=request.user,
        status=wanted.get("status", ""),
        kind=wanted.get("kind", ""),
        area_nis=wanted.get("area", ""),
        text=wanted.get("q", ""),
    )
    page = Paginator(orders, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "booklets/desk/queue.html",
        {
            "filters": filters,
            "page": page,
            "counts": order_selectors.desk_counts(by=request.user),
            "statuses": OrderStatus,
            "query": query.urlencode(),
        },
        status=400 if filters.is_bound and filters.errors else 200,
    )


@desk_page
def desk_order_view(request: HttpRequest, public_id: UUID) -> HttpResponse:
    try:
        order = order_selectors.desk_order(by=request.user, public_id=public_id, request=request)
    except BookletOrder.DoesNotExist as exc:
        raise Http404 from exc
    form = DeskDecisionForm(
        posted(request),
        current=order.status,
        exception_possible=order.refusal_code == RefusalCode.OVER_SIX_MONTHS_NEED,
    )
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            lambda: order_desk.order_decide(
                by=request.user,
                order=order,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                request=request,
            ),
        )
        if outcome is not None:
            messages.success(
                request,
                _("The order is %(status)s.") % {"status": outcome.order.get_status_display()},
            )
            if outcome.note:
                messages.warning(request, outcome.note)
            return redirect("booklets:desk_order", public_id=order.public_id)
    figures = None
    if order.status in (OrderStatus.SUBMITTED, OrderStatus.REFUSED):
        figures = order_selectors.order_figures(order, on=timezone.localdate())
    return render(
        request,
        "booklets/desk/order.html",
        {
            "order": order,
            "form": form,
            "figures": figures,
            "area": area_by_code(order.area_nis),
            "booklet": order.booklets.filter(voided_on__isnull=True).first(),
        },
        status=status_of(form),
    )


urlpatterns: list[URLPattern] = [
    path("desk/", desk_view, name="desk"),
    path("desk/<uuid:public_id>/", desk_order_view, name="desk_order"),
]
