"""Reading booklet orders, scoped to who asks.

- An independent midwife sees her organisation's orders and its stock.
- A parent sees the orders they made.
- The order desk (a care professional with the permission `booklets.handle_orders`) sees every
  order. Opening a parent's order (a name and an address) is written to the access log.
Anyone else gets `NoAccess`; an order outside the asker's scope does not exist for them.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from perinatal.accounts.models import Organisation
from perinatal.accounts.roles import is_independent_midwife, is_order_desk, is_parent
from perinatal.audit.models import AccessAction, AccessBasis
from perinatal.audit.services import access_record

from .constants import OrderKind, OrderStatus
from .errors import NoAccess
from .models import BookletOrder
from .ordering import NeedFigures, Stock, need_figures, on_order, practice_stock


def _base() -> QuerySet:
    return BookletOrder.objects.select_related("organisation", "decided_by")


def orders_mine(*, by: Any) -> QuerySet:
    """A midwife's practice orders, or a parent's own orders, newest first."""
    if is_independent_midwife(by):
        return _base().filter(organisation=by.organisation, kind=OrderKind.MIDWIFE)
    if is_parent(by):
        return _base().filter(ordered_by=by, kind=OrderKind.PARENT)
    raise NoAccess(_("Only independent midwives and parents order Kindboekjes."))


def order_for_orderer(*, by: Any, public_id: UUID) -> BookletOrder:
    """One of the asker's own orders (raises BookletOrder.DoesNotExist)."""
    return orders_mine(by=by).get(public_id=public_id)


@dataclass(frozen=True)
class PracticeOverview:
    organisation: Organisation
    stock: Stock
    on_order: int
    figures: NeedFigures


def practice_overview(*, by: Any, on: date) -> PracticeOverview:
    """The practice's stock, what is on its way, and its need over six months today (estimated
    from its history; without history it is 0 until it declares births with an order)."""
    if not is_independent_midwife(by):
        raise NoAccess(_("Only independent midwives order Kindboekjes for a practice."))
    organisation = by.organisation
    return PracticeOverview(
        organisation=organisation,
        stock=practice_stock(organisation),
        on_order=on_order(organisation),
        figures=need_figures(organisation, quantity=0, declared_births=None, on=on),
    )


def _require_desk(by: Any) -> None:
    if not is_order_desk(by):
        raise NoAccess(_("Only the order desk handles booklet orders."))


def desk_orders(
    *,
    by: Any,
    status: str = "",
    kind: str = "",
    area_nis: str = "",
    text: str = "",
) -> QuerySet:
    """The order desk's queue: every order, oldest waiting first, filtered."""
    _require_desk(by)
    orders = _base().order_by("submitted_at", "id")
    if status:
        orders = orders.filter(status=status)
    if kind:
        orders = orders.filter(kind=kind)
    if area_nis:
        orders = orders.filter(area_nis=area_nis)
    if text.strip():
        words = text.strip()
        orders = orders.filter(
            Q(practice_name__icontains=words) | Q(organisation__name__icontains=words)
        )
    return orders


def desk_counts(*, by: Any) -> dict[str, int]:
    """Orders per status (for the tabs of the queue)."""
    _require_desk(by)
    counts = dict(
        BookletOrder.objects.values_list("status").annotate(n=Count("id")).order_by("status")
    )
    return {status: counts.get(status, 0) for status in OrderStatus.values}


def log_order_read(*, by: Any, order: BookletOrder, purpose: str, request: Any = None) -> None:
    """A parent's order holds a name and an address: reading it is in the access log."""
    if order.kind != OrderKind.PARENT:
        return
    access_record(
        actor=by,
        action=AccessAction.READ,
        record_type=order._meta.label_lower,
        record_id=str(order.public_id),
        subject=str(order.pregnancy.public_id) if order.pregnancy is not None else "",
        purpose=purpose,
        basis=AccessBasis.BOOKLET,
        request=request,
    )


def desk_order(*, by: Any, public_id: UUID, request: Any = None) -> BookletOrder:
    """One order for the order desk (raises BookletOrder.DoesNotExist)."""
    _require_desk(by)
    order = _base().select_related("ordered_by", "pregnancy").get(public_id=public_id)
    log_order_read(by=by, order=order, purpose="order desk: read an order", request=request)
    return order


def order_figures(order: BookletOrder, *, on: date) -> NeedFigures | None:
    """The six-month figures of a midwife's order as they stand today (the order itself not
    counted as on its way), next to those stored when it was submitted."""
    if order.kind != OrderKind.MIDWIFE or not order.kindboekjes or order.organisation is None:
        return None
    return need_figures(
        order.organisation,
        quantity=order.kindboekjes,
        declared_births=order.declared_births_six_months,
        on=on,
        exclude_pk=order.pk,
    )
