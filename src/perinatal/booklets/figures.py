"""The Kindboekje's figures for the monitoring's dashboard (seed 000), registered with
`monitoring.figures.register_figures` from `BookletsConfig.ready()`: hand-outs per step of the
procedure and per channel, double hand-outs the registry prevented, and children still
without a Kindboekje six weeks after birth, for one year per region or month. The counting
rules are those of the Kindboekje's own monitoring pages (`booklets.monitoring`, whose
querysets and counts are reused): a booklet recorded in error counts nowhere, a replacement is
counted apart from the hand-outs, a child is covered by a valid booklet or an order of its
parents that was not refused.
"""

from datetime import date

from django.db.models import Aggregate, Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perinatal.monitoring.figures import (
    Column,
    FigureModule,
    FigureSource,
    Table,
    add_shares,
    grouped_counts,
    register_figures,
    year_table,
)
from perinatal.pathways.models import Birth

from .constants import Channel
from .models import HandoutRefusal
from .monitoring.children import children_due, without_booklet_counts
from .monitoring.handouts import counted_booklets, prevented_counts, prevented_refusals
from .parameters import parameter

FIRST = Q(replaces__isnull=True)  # a hand-out, not the replacement of a lost or damaged one
STEPS = (1, 2, 3)


def steps_figure(year: int, by: str, on: date) -> Table:
    counts: dict[str, Aggregate] = {
        "handouts": Count("id", filter=FIRST),
        **{f"step_{step}": Count("id", filter=FIRST & Q(step=step)) for step in STEPS},
        "no_step": Count("id", filter=FIRST & Q(step__isnull=True)),
        "replacements": Count("id", filter=Q(replaces__isnull=False)),
    }
    rows, total = grouped_counts(
        counted_booklets(),
        year=year,
        by=by,
        date_field="handed_out_on",
        area_field="area_nis",
        counts=counts,
    )
    return year_table(
        "kindboekje_steps",
        gettext_lazy("Kindboekjes handed out per step of the procedure"),
        gettext_lazy(
            "Step 1: Kind en Gezin in pregnancy; step 2: the independent midwife (before "
            "1 August 2024: the maternity clinic); step 3: Kind en Gezin after birth. Without "
            "a step: an exception (NICU, the parents' own order) or outside the provider's "
            "turn. A replacement of a lost or damaged Kindboekje is not a hand-out."
        ),
        year,
        by,
        [
            Column("handouts", gettext_lazy("Hand-outs")),
            *(
                Column(f"step_{step}", _("Step %(step)s") % {"step": step}, parts_of="handouts")
                for step in STEPS
            ),
            Column("no_step", gettext_lazy("Without a step"), parts_of="handouts"),
            Column("replacements", gettext_lazy("Replacements")),
        ],
        rows,
        total,
    )


def channels_figure(year: int, by: str, on: date) -> Table:
    counts: dict[str, Aggregate] = {
        "handouts": Count("id", filter=FIRST),
        **{
            f"channel_{channel}": Count("id", filter=FIRST & Q(channel=channel))
            for channel in Channel.values
        },
    }
    rows, total = grouped_counts(
        counted_booklets(),
        year=year,
        by=by,
        date_field="handed_out_on",
        area_field="area_nis",
        counts=counts,
    )
    return year_table(
        "kindboekje_channels",
        gettext_lazy("Kindboekjes handed out per channel"),
        gettext_lazy("Hand-outs (not replacements) by who handed the Kindboekje out, and when."),
        year,
        by,
        [
            Column("handouts", gettext_lazy("Hand-outs")),
            *(
                Column(f"channel_{channel.value}", channel.label, parts_of="handouts")
                for channel in Channel
            ),
        ],
        rows,
        total,
    )


def prevented_figure(year: int, by: str, on: date) -> Table:
    rows, total = grouped_counts(
        prevented_refusals(),
        year=year,
        by=by,
        date_field="on",
        area_field="area_nis",
        counts=prevented_counts(),
    )
    return year_table(
        "kindboekje_prevented",
        gettext_lazy("Double hand-outs prevented"),
        gettext_lazy(
            "Hand-outs the registry refused because the child already had a Kindboekje, and "
            "those refused because the channel may no longer hand it out (such as a "
            "maternity clinic after 1 August 2024)."
        ),
        year,
        by,
        [
            Column("already_has_booklet", gettext_lazy("Double hand-outs prevented")),
            Column("channel_not_allowed", gettext_lazy("Refused: channel not allowed")),
        ],
        rows,
        total,
    )


def without_booklet_figure(year: int, by: str, on: date) -> Table:
    rows, total = grouped_counts(
        children_due(on),
        year=year,
        by=by,
        date_field="birth__date",
        area_field="birth__pregnancy__area_nis",
        counts=without_booklet_counts(),
    )
    columns = [
        Column("children", gettext_lazy("Children six weeks old or older")),
        Column("without", gettext_lazy("Without a Kindboekje")),
        Column(
            "without_pct",
            gettext_lazy("Without a Kindboekje (%)"),
            kind="share",
            share_of=("without", "children"),
        ),
    ]
    add_shares(columns, [*rows, total])
    days = parameter("booklets.follow_up_after_birth_days", on=on)
    return year_table(
        "kindboekje_without",
        gettext_lazy("Children without a Kindboekje six weeks after birth"),
        _(
            "Children born in the year at least %(days)s days before %(date)s (by month of "
            "birth and the family's region), and those of them with no Kindboekje and no "
            "order of their parents."
        )
        % {"days": days, "date": on.strftime("%d/%m/%Y")},
        year,
        by,
        columns,
        rows,
        total,
    )


def _record_dates() -> list[tuple[QuerySet, str]]:
    return [
        (counted_booklets(), "handed_out_on"),
        (HandoutRefusal.objects.all(), "on"),
        (Birth.objects.all(), "date"),
    ]


FIGURES = register_figures(
    FigureModule(
        key="kindboekje",
        position=10,
        sources=(
            FigureSource("kindboekje_steps", steps_figure),
            FigureSource("kindboekje_channels", channels_figure),
            FigureSource("kindboekje_prevented", prevented_figure),
            FigureSource("kindboekje_without", without_booklet_figure),
        ),
        record_dates=_record_dates,
    )
)
