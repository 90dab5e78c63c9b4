"""Children still without a Kindboekje six weeks after birth
(`booklets.follow_up_after_birth_days`, `rules.follow_up_due`): counted per region and month of
birth for monitoring; the same query, scoped to a care team, feeds the work list."""

from datetime import date, timedelta

from django.db.models import Aggregate, Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perinatal.monitoring.figures import Column, Period, Table
from perinatal.pathways.models import Child

from ..constants import OrderKind, OrderStatus
from ..models import Booklet, BookletOrder
from ..parameters import parameter
from .rows import in_area, region_name, region_rank


def follow_up_cutoff(on: date) -> date:
    """The last birth date whose child is due for follow-up on `on` (`rules.follow_up_due`)."""
    return on - timedelta(days=parameter("booklets.follow_up_after_birth_days", on=on))


def _covered() -> Q:
    """The child (the outer row) has a valid Kindboekje, or an order of its parents that was
    not refused (by the family's link, or the child's or the mother's national number)."""
    booklet = Booklet.objects.filter(
        pregnancy=OuterRef("birth__pregnancy"),
        child_order=OuterRef("birth_order"),
        voided_on__isnull=True,
    )
    orders = BookletOrder.objects.filter(
        kind=OrderKind.PARENT, kindboekjes=1, child_order=OuterRef("birth_order")
    ).exclude(status=OrderStatus.REFUSED)
    by_number = Q(subject_hash=OuterRef("national_number_hash")) | Q(
        subject_hash=OuterRef("birth__pregnancy__mother__national_number_hash")
    )
    order = orders.filter(
        Q(pregnancy=OuterRef("birth__pregnancy")) | by_number & ~Q(subject_hash="")
    )
    return Exists(booklet) | Exists(order)


def children_due(on: date) -> QuerySet:
    return Child.objects.filter(
        birth__date__lte=follow_up_cutoff(on), birth__pregnancy__pseudonymised_at__isnull=True
    ).annotate(covered=_covered())


def without_booklet_counts() -> dict[str, Aggregate]:  # noqa: N802 - fresh aggregates per call
    """The counts of `children_due`: the children, and those of them without a Kindboekje."""
    return {"children": Count("id"), "without": Count("id", filter=Q(covered=False))}


def without_booklet_table(period: Period, area: str | None, on: date) -> Table:
    """Per birth month and region: the children born at least six weeks ago, and those of
    them still without a Kindboekje."""
    found = (
        in_area(children_due(on), area, "birth__pregnancy__area_nis")
        .filter(birth__date__range=(period.first, period.last))
        .annotate(month=TruncMonth("birth__date"))
        .values("month", "birth__pregnancy__area_nis")
        .annotate(**without_booklet_counts())
        .order_by()
    )
    area_key = "birth__pregnancy__area_nis"
    ordered = sorted(found, key=lambda r: (r["month"], region_rank(r[area_key])))
    days = parameter("booklets.follow_up_after_birth_days", on=on)
    return Table.of_lists(
        "without_booklet",
        gettext_lazy("Children without a Kindboekje six weeks after birth"),
        _(
            "Children born in the period at least %(days)s days before %(date)s, per month of "
            "birth, and those of them who have no Kindboekje and no order of their parents."
        )
        % {"days": days, "date": on.strftime("%d/%m/%Y")},
        [
            Column("month", gettext_lazy("Month of birth"), "month"),
            Column("region", gettext_lazy("Region"), "text"),
            Column("children", gettext_lazy("Children born"), "count"),
            Column("without", gettext_lazy("Without a Kindboekje"), "count"),
        ],
        [[r["month"], region_name(r[area_key]), r["children"], r["without"]] for r in ordered],
    )
