"""Ordering Kindboekjes: an independent midwife's order for her practice, a parent's order for
one child, and "my orders" (the practice's orders and its stock, or the parent's own orders).

- `/kindboekje/orders/new/` (`booklets:order_new`): independent midwives who passed the second
  factor. An order above six months of need is kept as refused (status 422, the figures in the
  message); the order desk may still approve it as an exception.
- `/kindboekje/orders/parent/` (`booklets:parent_order`): parents (role parent). The national
  number is POSTed only and never shown back; the refusals stay generic (a parent may type any
  number), and the form is rate-limited per account.
- `/kindboekje/orders/` (`booklets:orders_mine`): either of them.
Everyone else gets 403; not logged in, the login page.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.accounts import roles
from perinatal.accounts.models import Organisation
from perinatal.accounts.requests import logged_in_user
from perinatal.core.pages import attempt, posted, refused, status_of
from perinatal.core.ratelimits import WhenCacheDown, ratelimit

from .. import order_selectors
from ..forms.orders import MidwifeOrderForm, ParentOrderForm
from ..services import orders as order_services

# A parent may type any national number: a few orders an hour are plenty for a family.
PARENT_ORDER_RATE = "10/h"


def _orderer_page(allowed: Callable[[Any], bool], message: Callable[[], str]) -> Callable:
    """Logged in, allowed, and past the second factor when the account needs one."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(user):
                return refused(request, message())
            if user.requires_two_factor and not user.is_verified():
                return refused(request, _("Confirm your login with your second factor first."))
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


midwife_page = _orderer_page(
    roles.is_independent_midwife,
    lambda: _("Only independent midwives order Kindboekjes for a practice."),
)
parent_page = _orderer_page(
    roles.is_parent, lambda: _("Only parents order a Kindboekje for their child here.")
)
orderer_page = _orderer_page(
    lambda user: roles.is_independent_midwife(user) or roles.is_parent(user),
    lambda: _("Only independent midwives and parents order Kindboekjes."),
)


@midwife_page
def order_new_view(request: HttpRequest) -> HttpResponse:
    overview = order_selectors.practice_overview(by=request.user, on=timezone.localdate())
    # `midwife_page` let in a care professional, who acts for an organisation: her practice.
    practice = cast(Organisation, logged_in_user(request).organisation)
    initial = {"practice_name": practice.name, "ship_to_name": practice.name}
    form = MidwifeOrderForm(posted(request), initial=initial)
    kept = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        order = attempt(
            form,
            lambda: order_services.order_submit_midwife(
                by=request.user,
                practice_name=data["practice_name"],
                independent_midwife=data["independent_midwife"],
                kindboekjes=data["kindboekjes"],
                zwangerschapsboekjes=data["zwangerschapsboekjes"],
                without_opvolging=data["without_opvolging"],
                remarks=data["remarks"],
                declared_births=data["declared_births_six_months"],
                ship_to=form.ship_to(),
                request=request,
            ),
        )
        # A refusal for more than six months of need is kept as a refused order.
        if isinstance(form.refusal, order_services.OrderRefused):
            kept = form.refusal.order
        elif order is not None:
            messages.success(
                request,
                _("Your order is received: %(n)s Kindboekjes. The order desk will handle it.")
                % {"n": order.kindboekjes},
            )
            return redirect("booklets:orders_mine")
    return render(
        request,
        "booklets/orders/order_new.html",
        {"form": form, "overview": overview, "kept": kept},
        status=status_of(form),
    )


@ratelimit(key="user_or_ip", rate=PARENT_ORDER_RATE, when_cache_down=WhenCacheDown.ALLOW)
def _parent_order(request: HttpRequest) -> HttpResponse:
    form = ParentOrderForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        order = attempt(
            form,
            lambda: order_services.order_submit_parent(
                by=request.user,
                number=data["national_number"],
                whose=data["whose"],
                child_order=data["child_order"],
                ship_to=form.ship_to(),
                request=request,
            ),
        )
        if order is not None:
            messages.success(
                request,
                _("Your order is received. The Kindboekje will be sent to the address you gave."),
            )
            return redirect("booklets:orders_mine")
    if form.is_bound:
        # The national number is never shown back. (The form is bound to the POSTed QueryDict.)
        shown = cast(QueryDict, form.data).copy()
        shown["national_number"] = ""
        form.data = shown
    return render(
        request, "booklets/orders/parent_order.html", {"form": form}, status=status_of(form)
    )


parent_order_view = parent_page(_parent_order)


@orderer_page
def orders_mine_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    midwife = roles.is_independent_midwife(user)
    overview = (
        order_selectors.practice_overview(by=user, on=timezone.localdate()) if midwife else None
    )
    return render(
        request,
        "booklets/orders/orders_mine.html",
        {
            "orders": order_selectors.orders_mine(by=user)[:200],
            "overview": overview,
            "midwife": midwife,
        },
    )


urlpatterns: list[URLPattern] = [
    path("orders/", orders_mine_view, name="orders_mine"),
    path("orders/new/", order_new_view, name="order_new"),
    path("orders/parent/", parent_order_view, name="parent_order"),
]
