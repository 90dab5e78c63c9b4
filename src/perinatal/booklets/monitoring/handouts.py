"""The hand-outs of the Kindboekje: per month, region, channel, step and turn; per region;
and the hand-outs the registry refused (double hand-outs prevented, channels not allowed)."""

from datetime import date

from django.db.models import Aggregate, Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perinatal.monitoring.figures import Column, Period, Table

from ..constants import RefusalCode, VoidReason
from ..models import Booklet, HandoutRefusal
from .rows import CHANNEL_ORDER, channel_name, in_area, rank, region_name, region_rank


def counted_booklets() -> QuerySet:
    """Booklets that count: all but those recorded in error."""
    return Booklet.objects.exclude(void_reason=VoidReason.RECORDED_IN_ERROR)


def prevented_refusals() -> QuerySet:
    """The refused hand-outs the monitoring counts: double hand-outs prevented and channels
    that may no longer hand out."""
    codes = [RefusalCode.ALREADY_HAS_BOOKLET, RefusalCode.CHANNEL_NOT_ALLOWED]
    return HandoutRefusal.objects.filter(code__in=codes)


def prevented_counts() -> dict[str, Aggregate]:  # noqa: N802 - a fresh dict of aggregates per call
    """The counts of `prevented_refusals`: double hand-outs prevented, channels not allowed."""
    return {
        "already_has_booklet": Count("id", filter=Q(code=RefusalCode.ALREADY_HAS_BOOKLET)),
        "channel_not_allowed": Count("id", filter=Q(code=RefusalCode.CHANNEL_NOT_ALLOWED)),
    }


def handouts_table(period: Period, area: str | None, on: date) -> Table:
    """Hand-outs and replacements per month, region, channel, step and turn."""
    found = (
        in_area(counted_booklets(), area)
        .filter(handed_out_on__range=(period.first, period.last))
        .annotate(month=TruncMonth("handed_out_on"))
        .values("month", "area_nis", "channel", "step", "in_turn")
        .annotate(
            handouts=Count("id", filter=Q(replaces__isnull=True)),
            replacements=Count("id", filter=Q(replaces__isnull=False)),
        )
        .order_by()
    )
    ordered = sorted(
        found,
        key=lambda r: (
            r["month"],
            region_rank(r["area_nis"]),
            rank(CHANNEL_ORDER, r["channel"]),
            r["step"] or 99,
            not r["in_turn"],
        ),
    )
    return Table.of_lists(
        "handouts",
        gettext_lazy("Hand-outs per month, region, channel and step"),
        gettext_lazy(
            "Kindboekjes handed out in the period. A replacement of a lost or damaged "
            "Kindboekje is counted apart: it is not a new family. A hand-out without a step is "
            "an exception (NICU, the parents' own order) or outside the provider's turn."
        ),
        [
            Column("month", gettext_lazy("Month"), "month"),
            Column("region", gettext_lazy("Region"), "text"),
            Column("channel", gettext_lazy("Channel"), "text"),
            Column("step", gettext_lazy("Step"), "count"),
            Column("in_turn", gettext_lazy("In turn"), "text"),
            Column("handouts", gettext_lazy("Hand-outs"), "count"),
            Column("replacements", gettext_lazy("Replacements"), "count"),
        ],
        [
            [
                r["month"],
                region_name(r["area_nis"]),
                channel_name(r["channel"]),
                r["step"],
                _("yes") if r["in_turn"] else _("no"),
                r["handouts"],
                r["replacements"],
            ]
            for r in ordered
        ],
    )


def regions_table(period: Period, area: str | None, on: date) -> Table:
    """Per region: the hand-outs by step, the exceptions, those outside the turn, the
    replacements; and the total over the regions."""
    first = Q(replaces__isnull=True)
    counts = {
        "step_1": Count("id", filter=first & Q(step=1)),
        "step_2": Count("id", filter=first & Q(step=2)),
        "step_3": Count("id", filter=first & Q(step=3)),
        "exceptions": Count("id", filter=first & Q(step__isnull=True, in_turn=True)),
        "out_of_turn": Count("id", filter=first & Q(in_turn=False)),
        "handouts": Count("id", filter=first),
        "replacements": Count("id", filter=Q(replaces__isnull=False)),
    }
    found = (
        in_area(counted_booklets(), area)
        .filter(handed_out_on__range=(period.first, period.last))
        .values("area_nis")
        .annotate(**counts)
        .order_by()
    )
    rows = [
        [region_name(r["area_nis"]), *(r[key] for key in counts)]
        for r in sorted(found, key=lambda r: region_rank(r["area_nis"]))
    ]
    if rows:
        rows.append([_("Total"), *(sum(row[i] for row in rows) for i in range(1, len(counts) + 1))])
    return Table.of_lists(
        "regions",
        gettext_lazy("Hand-outs per region and step"),
        gettext_lazy(
            "Step 1: Kind en Gezin in pregnancy; step 2: the independent midwife (before "
            "1 August 2024: the maternity clinic); step 3: Kind en Gezin after birth."
        ),
        [
            Column("region", gettext_lazy("Region"), "text"),
            Column("step_1", gettext_lazy("Step 1"), "count"),
            Column("step_2", gettext_lazy("Step 2"), "count"),
            Column("step_3", gettext_lazy("Step 3"), "count"),
            Column("exceptions", gettext_lazy("Exceptions (NICU, parents' order)"), "count"),
            Column("out_of_turn", gettext_lazy("Outside the turn"), "count"),
            Column("handouts", gettext_lazy("Hand-outs"), "count"),
            Column("replacements", gettext_lazy("Replacements"), "count"),
        ],
        rows,
    )


def prevented_table(period: Period, area: str | None, on: date) -> Table:
    """Refused hand-outs per month, region and channel: the double hand-outs prevented
    (`already_has_booklet`) and the channels that may no longer hand out."""
    found = (
        in_area(prevented_refusals(), area)
        .filter(on__range=(period.first, period.last))
        .annotate(month=TruncMonth("on"))
        .values("month", "area_nis", "channel")
        .annotate(**prevented_counts())
        .order_by()
    )
    ordered = sorted(
        found,
        key=lambda r: (r["month"], region_rank(r["area_nis"]), rank(CHANNEL_ORDER, r["channel"])),
    )
    return Table.of_lists(
        "prevented",
        gettext_lazy("Double hand-outs prevented"),
        gettext_lazy(
            "Hand-outs the registry refused because the child already had a Kindboekje, and "
            "hand-outs refused because the channel may no longer hand it out (such as a "
            "maternity clinic after 1 August 2024), by the channel that tried."
        ),
        [
            Column("month", gettext_lazy("Month"), "month"),
            Column("region", gettext_lazy("Region"), "text"),
            Column("channel", gettext_lazy("Channel"), "text"),
            Column("already_has_booklet", gettext_lazy("Double hand-outs prevented"), "count"),
            Column("channel_not_allowed", gettext_lazy("Refused: channel not allowed"), "count"),
        ],
        [
            [
                r["month"],
                region_name(r["area_nis"]),
                channel_name(r["channel"]),
                r["already_has_booklet"],
                r["channel_not_allowed"],
            ]
            for r in ordered
        ],
    )
