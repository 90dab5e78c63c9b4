"""Booklet orders per practice and region, and the Kindboekjes delivered to practices per
hand-out they recorded (per region and per practice)."""

from datetime import date

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perinatal.accounts.constants import OrganisationKind
from perinatal.accounts.models import Organisation
from perinatal.monitoring.figures import Column, Period, Table

from ..constants import OrderKind, OrderStatus
from ..models import BookletOrder
from .handouts import counted_booklets
from .rows import STATUS_ORDER, in_area, region_name, region_rank


def _practice(kind: str, name: str | None) -> str:
    return name if kind == OrderKind.MIDWIFE and name else _("Parents (own order)")


def orders_table(period: Period, area: str | None, on: date) -> Table:
    """Per region and practice (the parents' orders together): the orders by status, the
    Kindboekjes ordered and those delivered. By the day the order was submitted."""
    by_status = {f"status_{s}": Count("id", filter=Q(status=s)) for s in STATUS_ORDER}
    delivered = Q(status=OrderStatus.DELIVERED)
    found = (
        in_area(BookletOrder.objects, area)
        .filter(submitted_at__date__range=(period.first, period.last))
        .values("area_nis", "kind", "organisation_id", "organisation__name")
        .annotate(
            orders=Count("id"),
            **by_status,
            ordered=Sum("kindboekjes"),
            delivered=Sum("kindboekjes", filter=delivered, default=0),
        )
        .order_by()
    )
    ordered = sorted(
        found,
        key=lambda r: (
            region_rank(r["area_nis"]),
            r["kind"] != OrderKind.MIDWIFE,
            (r["organisation__name"] or "").casefold(),
        ),
    )
    return Table.of_lists(
        "orders",
        gettext_lazy("Orders per practice and region"),
        gettext_lazy(
            "Orders submitted in the period, by the region they are sent to, with the number "
            "of orders in each status and the Kindboekjes ordered and delivered."
        ),
        [
            Column("region", gettext_lazy("Region"), "text"),
            Column("practice", gettext_lazy("Practice"), "text"),
            Column("orders", gettext_lazy("Orders"), "count"),
            *(Column(s, OrderStatus(s).label, "count") for s in STATUS_ORDER),
            Column("kindboekjes_ordered", gettext_lazy("Kindboekjes ordered"), "count"),
            Column("kindboekjes_delivered", gettext_lazy("Kindboekjes delivered"), "count"),
        ],
        [
            [
                region_name(r["area_nis"]),
                _practice(r["kind"], r["organisation__name"]),
                r["orders"],
                *(r[f"status_{s}"] for s in STATUS_ORDER),
                r["ordered"],
                r["delivered"],
            ]
            for r in ordered
        ],
    )


def _ratio(delivered: int, handouts: int) -> float | None:
    return round(delivered / handouts, 2) if handouts else None


def _delivered_to_practices(period: Period, area: str | None) -> QuerySet:
    return in_area(BookletOrder.objects, area).filter(
        kind=OrderKind.MIDWIFE,
        status=OrderStatus.DELIVERED,
        delivered_at__date__range=(period.first, period.last),
    )


def _handed_out_by_practices(period: Period, area: str | None) -> QuerySet:
    return (
        in_area(counted_booklets(), area)
        .filter(organisation__kind=OrganisationKind.MIDWIFE_PRACTICE)
        .filter(handed_out_on__range=(period.first, period.last))
    )


RATIO_DESCRIPTION = gettext_lazy(
    "Kindboekjes delivered to independent midwives' practices in the period, divided by the "
    "hand-outs (replacements included) those practices recorded in the period. Above 1: "
    "more booklets arrive than are recorded as handed out."
)


def _ratio_columns(first: Column) -> list[Column]:
    return [
        first,
        Column("delivered", gettext_lazy("Kindboekjes delivered"), "count"),
        Column("handouts", gettext_lazy("Hand-outs recorded"), "count"),
        Column("ratio", gettext_lazy("Delivered per hand-out"), "ratio"),
    ]


def ratio_regions_table(period: Period, area: str | None, on: date) -> Table:
    """Booklets ordered per hand-out recorded, per region (of the orders' address and of the
    families the booklets went to)."""
    delivered = dict(
        _delivered_to_practices(period, area)
        .values_list("area_nis")
        .annotate(n=Sum("kindboekjes"))
        .order_by()
    )
    handed = dict(
        _handed_out_by_practices(period, area)
        .values_list("area_nis")
        .annotate(n=Count("id"))
        .order_by()
    )
    rows = []
    for nis in sorted(delivered.keys() | handed.keys(), key=region_rank):
        d, h = delivered.get(nis, 0), handed.get(nis, 0)
        rows.append([region_name(nis), d, h, _ratio(d, h)])
    if rows:
        d, h = sum(r[1] for r in rows), sum(r[2] for r in rows)
        rows.append([_("Total"), d, h, _ratio(d, h)])
    return Table.of_lists(
        "ratio_regions",
        gettext_lazy("Booklets ordered per hand-out recorded, per region"),
        RATIO_DESCRIPTION,
        _ratio_columns(Column("region", gettext_lazy("Region"), "text")),
        rows,
    )


def ratio_practices_table(period: Period, area: str | None, on: date) -> Table:
    """Booklets ordered per hand-out recorded, per practice."""
    delivered = dict(
        _delivered_to_practices(period, area)
        .values_list("organisation_id")
        .annotate(n=Sum("kindboekjes"))
        .order_by()
    )
    handed = dict(
        _handed_out_by_practices(period, area)
        .values_list("organisation_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    names = dict(
        Organisation.objects.filter(pk__in=delivered.keys() | handed.keys()).values_list(
            "pk", "name"
        )
    )
    rows = []
    for pk in sorted(names, key=lambda pk: names[pk].casefold()):
        d, h = delivered.get(pk, 0), handed.get(pk, 0)
        rows.append([names[pk], d, h, _ratio(d, h)])
    return Table.of_lists(
        "ratio_practices",
        gettext_lazy("Booklets ordered per hand-out recorded, per practice"),
        RATIO_DESCRIPTION,
        _ratio_columns(Column("practice", gettext_lazy("Practice"), "text")),
        rows,
    )
