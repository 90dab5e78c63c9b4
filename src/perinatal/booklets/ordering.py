"""A practice's Kindboekje stock and its need over six months, read from the records.

Seed 000: "Houd er rekening mee dat je Kindboekjes bestelt voor een periode van maximaal 6
maanden". The order plus the practice's stock (and what is still on its way to it) must not
exceed its expected need over six months (`rules.order_within_need`):

- **stock** = Kindboekjes delivered to the organisation (its delivered orders) − Kindboekjes it
  handed out (all its `Booklet` rows, void or not: a booklet that was recorded has left the
  shelf). It can be negative on paper (hand-outs from booklets received before the platform);
  the need rule counts it as 0 then.
- **on order** = Kindboekjes of its orders submitted, approved or shipped but not yet delivered:
  without them a practice could pass the rule with several orders in a row.
- **need** = its hand-outs recorded in the last six months (the day six months back excluded,
  today included), or without such history the births it declares it will follow in the next
  six months (`rules.six_months_need`).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Sum

from perinatal.accounts.models import Organisation
from perinatal.core.parameters import NotInForce

from .constants import OrderKind, OrderStatus
from .models import Booklet, BookletOrder
from .parameters import parameter
from .rules import need_window_start, order_within_need, six_months_need

OPEN_STATUSES = (OrderStatus.SUBMITTED, OrderStatus.APPROVED, OrderStatus.SHIPPED)


@dataclass(frozen=True)
class Stock:
    delivered: int
    handed_out: int

    @property
    def stock(self) -> int:
        """Delivered minus handed out (may be negative on paper)."""
        return self.delivered - self.handed_out

    @property
    def on_shelf(self) -> int:
        """The stock as the need rule counts it: never below 0."""
        return max(self.stock, 0)


@dataclass(frozen=True)
class NeedFigures:
    """The figures of the six-month rule for one order, as the order desk sees them."""

    quantity: int
    stock: int
    on_order: int
    need: int
    basis: str  # "history" or "declared"
    handed_out_recently: int
    window_start: date

    @property
    def within(self) -> bool:
        return order_within_need(
            quantity=self.quantity + self.on_order, stock=self.stock, need=self.need
        )

    @property
    def room(self) -> int:
        """Kindboekjes the practice could still order within its need."""
        return max(self.need - max(self.stock, 0) - self.on_order, 0)


def orders_open(on: date) -> bool:
    """Seed 000: "Kindboekjes kunnen vanaf 1 augustus 2024 besteld worden"."""
    try:
        return on >= parameter("booklets.orders.open_from", on=on)
    except NotInForce:
        return False


def practice_stock(organisation: Organisation) -> Stock:
    delivered = BookletOrder.objects.filter(
        organisation=organisation, kind=OrderKind.MIDWIFE, status=OrderStatus.DELIVERED
    ).aggregate(n=Sum("kindboekjes"))["n"]
    handed_out = Booklet.objects.filter(organisation=organisation).count()
    return Stock(delivered=delivered or 0, handed_out=handed_out)


def on_order(organisation: Organisation, *, exclude_pk: int | None = None) -> int:
    """Kindboekjes of the practice's orders on their way (not refused, not yet delivered)."""
    orders = BookletOrder.objects.filter(
        organisation=organisation, kind=OrderKind.MIDWIFE, status__in=OPEN_STATUSES
    )
    if exclude_pk is not None:
        orders = orders.exclude(pk=exclude_pk)
    return orders.aggregate(n=Sum("kindboekjes"))["n"] or 0


def handed_out_since(organisation: Organisation, *, start: date, on: date) -> int:
    """The practice's hand-outs recorded after `start` up to and including `on`."""
    return Booklet.objects.filter(
        organisation=organisation, handed_out_on__gt=start, handed_out_on__lte=on
    ).count()


def need_figures(
    organisation: Organisation,
    *,
    quantity: int,
    declared_births: int | None,
    on: date,
    exclude_pk: int | None = None,
) -> NeedFigures:
    """The six-month figures of an order of `quantity` Kindboekjes by `organisation` on `on`
    (`exclude_pk`: the order itself, when an existing order is looked at again)."""
    start = need_window_start(on)
    recent = handed_out_since(organisation, start=start, on=on)
    need, basis = six_months_need(handed_out_last_months=recent, declared_births=declared_births)
    return NeedFigures(
        quantity=quantity,
        stock=practice_stock(organisation).stock,
        on_order=on_order(organisation, exclude_pk=exclude_pk),
        need=need,
        basis=basis,
        handed_out_recently=recent,
        window_start=start,
    )
