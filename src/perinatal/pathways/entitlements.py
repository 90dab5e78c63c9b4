"""What a pregnancy has used of each entitlement, what remains, and whether one more may be
recorded on a day: the counts from the records fed into the rules of `rules.py`.

`check(pregnancy, kind, on=…, provider=…)` is the entitlement check (`provider_of(user)`: the
organisation's participation, the person's profession); `overview()` is the table the family
page shows.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from perinatal.core.geography import area_by_code
from perinatal.core.parameters import NotInForce
from perinatal.core.refusals import Decision

from . import rules
from .constants import ProgrammeServiceKind as Kind
from .models import Birth, Pregnancy, ProgrammeService, Screening
from .parameters import parameter
from .providers import Provider
from .rules import Refusal, Scenario


def scenario_on(pregnancy: Pregnancy, on: date) -> Scenario:
    """The scenario of the latest screening on or before `on` (a new assessment governs
    from its date)."""
    latest = (
        Screening.objects.filter(pregnancy=pregnancy, date__lte=on)
        .order_by("-date", "-created_at", "-id")
        .values_list("scenario", flat=True)
        .first()
    )
    return Scenario(latest) if latest else Scenario.NONE


def used_counts(pregnancy: Pregnancy) -> dict[str, int]:
    counts = dict(
        pregnancy.programme_services.values_list("kind").annotate(n=Count("id")).order_by()
    )
    counts["screening"] = pregnancy.screenings.count()
    return counts


def birth_date_of(pregnancy: Pregnancy) -> date | None:
    try:
        return pregnancy.birth.date
    except Birth.DoesNotExist:
        return None


def coordination_period_on(pregnancy: Pregnancy, on: date) -> tuple[date, date] | None:
    """The coordination period running on `on` (its first and last day), or None."""
    period = (
        ProgrammeService.objects.filter(
            pregnancy=pregnancy, kind=Kind.COORDINATION, date__lte=on, period_end__gte=on
        )
        .order_by("-date")
        .values_list("date", "period_end")
        .first()
    )
    return (period[0], period[1]) if period and period[1] is not None else None


def _mdo_held_in(pregnancy: Pregnancy, period: tuple[date, date] | None) -> int:
    if period is None:
        return 0
    return pregnancy.programme_services.filter(
        kind=Kind.MDO, date__gte=period[0], date__lte=period[1]
    ).count()


def _in_programme_region(pregnancy: Pregnancy, on: date) -> Decision | None:
    try:
        regions = parameter("programme.regions", on=on)
    except NotInForce:  # before the programme's start: the rule refuses it as outside_period
        return None
    area = area_by_code(pregnancy.area_nis)
    if area is None or area.region not in regions:
        return Decision(
            rule="programme.region",
            allowed=False,
            code=Refusal.NOT_ENTITLED.value,
            message=str(
                _("The programme's services are billable only for families in %(regions)s.")
                % {"regions": ", ".join(str(REGION_NAMES.get(r, r)) for r in regions)}
            ),
        )
    return None


REGION_NAMES = {
    "brussels": _("the Brussels-Capital Region"),
    "flanders": _("Flanders"),
    "wallonia": _("Wallonia"),
}


def check(
    pregnancy: Pregnancy,
    kind: str,
    *,
    on: date,
    provider: Provider,
    participants: int = 0,
    prescribed: bool = False,
    new_assessment_reason: str = "",
    counts: dict[str, int] | None = None,
) -> Decision:
    """May `provider` record one more `kind` (a ProgrammeServiceKind or "screening") on
    `on`?"""
    counts = used_counts(pregnancy) if counts is None else counts
    birth_date = birth_date_of(pregnancy)
    billable = kind in ("screening", Kind.PPA, Kind.COORDINATION, Kind.MDO)
    if billable and provider.participates and (refused := _in_programme_region(pregnancy, on)):
        return refused
    if kind == "screening":
        return rules.screening_allowed(
            on=on,
            birth_date=birth_date,
            screenings_before=counts.get("screening", 0),
            new_assessment_reason=new_assessment_reason,
            provider=provider,
        )
    if kind == Kind.PPA:
        return rules.ppa_allowed(
            on=on,
            scenario=scenario_on(pregnancy, on),
            used=counts.get(Kind.PPA, 0),
            birth_date=birth_date,
            provider=provider,
        )
    if kind == Kind.COORDINATION:
        return rules.coordination_allowed(
            on=on,
            scenario=scenario_on(pregnancy, on),
            periods_started=counts.get(Kind.COORDINATION, 0),
            provider=provider,
            running_until=pregnancy.programme_services.filter(kind=Kind.COORDINATION)
            .order_by("-period_end")
            .values_list("period_end", flat=True)
            .first(),
        )
    if kind == Kind.MDO:
        period = coordination_period_on(pregnancy, on)
        return rules.mdo_allowed(
            on=on,
            scenario=scenario_on(pregnancy, on),
            held=counts.get(Kind.MDO, 0),
            participants=participants,
            provider=provider,
            period=period,
            held_in_period=_mdo_held_in(pregnancy, period),
        )
    if kind == Kind.PHYSIOTHERAPY:
        return rules.physiotherapy_allowed(
            on=on, used=counts.get(Kind.PHYSIOTHERAPY, 0), prescribed=prescribed
        )
    if kind == Kind.MIDWIFE_HOME_VISIT:
        return rules.midwife_home_visit_allowed(
            on=on,
            used=counts.get(Kind.MIDWIFE_HOME_VISIT, 0),
            birth_date=birth_date,
            provider=provider,
        )
    if kind == Kind.KG_CONSULTATION:
        return rules.kg_consultation_allowed(on=on, birth_date=birth_date)
    raise ValueError(f"unknown entitlement {kind!r}")


@dataclass(frozen=True)
class Line:
    kind: str
    label: str
    used: int
    limit: int | None
    remaining: int | None
    note: str


def limit_of(kind: str, on: date) -> int | None:
    """The most that may be recorded; None where nothing is counted (the Kind en Gezin
    consultations: the key moments are not a ceiling)."""
    if kind == Kind.KG_CONSULTATION:
        return None
    return {
        "screening": parameter("screening.per_pregnancy", on=on),
        Kind.PPA: parameter("ppa.max_sessions", on=on),
        Kind.COORDINATION: rules.coordination_max_periods(on=on),
        Kind.MDO: parameter("mdo.max_per_programme", on=on),
        Kind.PHYSIOTHERAPY: parameter("physiotherapy.max_sessions", on=on),
        Kind.MIDWIFE_HOME_VISIT: parameter("midwife_home_visits.max_reimbursed", on=on),
    }[kind]


OVERVIEW_KINDS = (
    ("screening", _("screening of psychosocial vulnerability"), ""),
    (Kind.PPA, Kind.PPA.label, _("scenario A or B, before birth")),
    (Kind.COORDINATION, Kind.COORDINATION.label, _("scenario B; periods of 12 months")),
    (
        Kind.MDO,
        Kind.MDO.label,
        _("scenario B; one per coordination period; at most 4 participants"),
    ),
    (Kind.PHYSIOTHERAPY, Kind.PHYSIOTHERAPY.label, _("on a physician's prescription")),
    (Kind.MIDWIFE_HOME_VISIT, Kind.MIDWIFE_HOME_VISIT.label, _("from the birth, by a midwife")),
    (
        Kind.KG_CONSULTATION,
        Kind.KG_CONSULTATION.label,
        _("10 key moments in the first 30 months; free until school age (36 months)"),
    ),
)


def overview(pregnancy: Pregnancy, *, on: date) -> list[Line]:
    """Per entitlement: used, the limit in force on `on`, and what remains."""
    counts = used_counts(pregnancy)
    lines = []
    for kind, label, note in OVERVIEW_KINDS:
        used = counts.get(kind, 0)
        limit = limit_of(kind, on)
        remaining = None if limit is None else max(limit - used, 0)
        lines.append(Line(kind, str(label), used, limit, remaining, str(note)))
    return lines
