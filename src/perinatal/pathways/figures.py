"""The first-1000-days programme's figures for the monitoring's dashboard (seed 002),
registered with `monitoring.figures.register_figures` from `PathwaysConfig.ready()`: the
screenings of psychosocial vulnerability with their scenario, and the programme services
recorded against the entitlements, by kind. Counted where they were done: by the screening's
or service's date and the family's region (`Pregnancy.area_nis`).

A screening counts once per screening: a new assessment of the same pregnancy is a second
screening (it is billed and recorded as one); the shares of scenario A and B are of the
screenings in the row. Pseudonymised records keep their dates, region and scenario, so they
still count.
"""

from datetime import date

from django.db.models import Count, Q, QuerySet
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

from .constants import ProgrammeServiceKind
from .models import ProgrammeService, Screening
from .rules import Scenario


def screenings_figure(year: int, by: str, on: date) -> Table:
    counts = {
        "screenings": Count("id"),
        "scenario_a": Count("id", filter=Q(scenario=Scenario.A)),
        "scenario_b": Count("id", filter=Q(scenario=Scenario.B)),
        "scenario_none": Count("id", filter=Q(scenario=Scenario.NONE)),
        "new_assessments": Count("id", filter=~Q(new_assessment_reason="")),
    }
    rows, total = grouped_counts(
        Screening.objects.all(),
        year=year,
        by=by,
        date_field="date",
        area_field="pregnancy__area_nis",
        counts=counts,
    )
    columns = [
        Column("screenings", gettext_lazy("Screenings")),
        Column("scenario_a", gettext_lazy("Scenario A"), parts_of="screenings"),
        Column("scenario_b", gettext_lazy("Scenario B"), parts_of="screenings"),
        Column("scenario_none", gettext_lazy("No programme scenario"), parts_of="screenings"),
        Column(
            "scenario_a_pct",
            gettext_lazy("Scenario A (%)"),
            kind="share",
            share_of=("scenario_a", "screenings"),
        ),
        Column(
            "scenario_b_pct",
            gettext_lazy("Scenario B (%)"),
            kind="share",
            share_of=("scenario_b", "screenings"),
        ),
        Column("new_assessments", gettext_lazy("Of which new assessments")),
    ]
    add_shares(columns, [*rows, total])
    return year_table(
        "screenings",
        gettext_lazy("Screenings and scenarios"),
        gettext_lazy(
            "Screenings of psychosocial vulnerability done in the year, by the scenario they "
            "gave under the rules in force that day, and the share of each scenario in the "
            "screenings. A new assessment is counted as a screening."
        ),
        year,
        by,
        columns,
        rows,
        total,
    )


def entitlements_figure(year: int, by: str, on: date) -> Table:
    counts = {
        "services": Count("id"),
        **{
            f"kind_{kind}": Count("id", filter=Q(kind=kind)) for kind in ProgrammeServiceKind.values
        },
        "families": Count("pregnancy", distinct=True),
    }
    rows, total = grouped_counts(
        ProgrammeService.objects.all(),
        year=year,
        by=by,
        date_field="date",
        area_field="pregnancy__area_nis",
        counts=counts,
    )
    return year_table(
        "entitlements",
        gettext_lazy("Entitlements used: programme services by kind"),
        gettext_lazy(
            "Programme services recorded against the entitlements in the year, by kind, and "
            "the number of families (pregnancies) who used at least one. A family is counted "
            "once in a row and once in the total."
        ),
        year,
        by,
        [
            Column("services", gettext_lazy("Programme services")),
            *(
                Column(f"kind_{kind.value}", kind.label, parts_of="services")
                for kind in ProgrammeServiceKind
            ),
            Column("families", gettext_lazy("Families")),
        ],
        rows,
        total,
    )


def _record_dates() -> list[tuple[QuerySet, str]]:
    return [(Screening.objects.all(), "date"), (ProgrammeService.objects.all(), "date")]


FIGURES = register_figures(
    FigureModule(
        key="programme",
        position=20,
        sources=(
            FigureSource("screenings", screenings_figure),
            FigureSource("entitlements", entitlements_figure),
        ),
        record_dates=_record_dates,
    )
)
