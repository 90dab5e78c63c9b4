"""Property: no sequence of requests — random kinds, dates, participants, prescriptions,
screenings and births, through the services — ever stores more than a limit allows, and a
refused request stores nothing. Each example works on a fresh pregnancy."""

import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.utils import timezone

from perinatal.core.dates import add_months
from perinatal.core.refusals import InvalidInput, RuleRefused
from perinatal.pathways import access, entitlements
from perinatal.pathways.constants import ProgrammeServiceKind as Kind
from perinatal.pathways.models import Birth, ProgrammeService, Screening
from perinatal.pathways.services import families
from perinatal.pathways.services.programme import programme_service_record
from perinatal.pathways.services.screening import screening_record

from .factories import child, participate, register

pytestmark = pytest.mark.django_db

START = date(2024, 9, 1)  # programme.billable_from
INCLUSION = ["communication", "residence_status", "finances", "housing", "social_support"]
OTHERS = ["anxiety", "education"]
LIMITS = {
    Kind.PPA: 2,
    Kind.COORDINATION: 3,  # the first period and at most 2 renewals
    Kind.MDO: 3,
    Kind.PHYSIOTHERAPY: 9,
    Kind.MIDWIFE_HOME_VISIT: 10,
    # Kind en Gezin consultations: the 10 key moments are not a ceiling (seed 002).
}


@dataclass(frozen=True)
class Screen:
    day: int
    positive: frozenset
    reason: bool


@dataclass(frozen=True)
class Service:
    kind: str
    day: int
    participants: int | None
    prescribed: bool


@dataclass(frozen=True)
class Born:
    day: int


days = st.integers(min_value=-40, max_value=1100)  # from the registration
requests = st.lists(
    st.one_of(
        st.builds(
            Screen,
            days,
            st.frozensets(st.sampled_from(INCLUSION + OTHERS), max_size=4),
            st.booleans(),
        ),
        st.builds(
            Service,
            st.sampled_from(list(Kind)),
            days,
            st.one_of(st.none(), st.integers(min_value=0, max_value=7)),
            st.booleans(),
        ),
        st.builds(Born, st.integers(min_value=100, max_value=300)),
    ),
    max_size=30,
)


def _rows(pregnancy) -> tuple[int, int, int]:
    return (
        Screening.objects.filter(pregnancy=pregnancy).count(),
        ProgrammeService.objects.filter(pregnancy=pregnancy).count(),
        Birth.objects.filter(pregnancy=pregnancy).count(),
    )


def _check_limits(pregnancy) -> None:
    birth = Birth.objects.filter(pregnancy=pregnancy).values_list("date", flat=True).first()
    screenings = Screening.objects.filter(pregnancy=pregnancy)
    assert screenings.filter(new_assessment_reason="").count() <= 1
    for day in screenings.values_list("date", flat=True):
        assert day >= START
        assert birth is None or day <= birth + timedelta(days=7)
    services = ProgrammeService.objects.filter(pregnancy=pregnancy)
    for kind, limit in LIMITS.items():
        assert services.filter(kind=kind).count() <= limit, kind
    for service in services.filter(kind__in=[Kind.PPA, Kind.COORDINATION, Kind.MDO]):
        assert service.date >= START
    for day in services.filter(kind=Kind.PPA).values_list("date", flat=True):
        assert birth is None or day < birth
    for service in services.filter(kind=Kind.MDO):
        assert 2 <= service.participants <= 4
    assert not services.filter(kind=Kind.PHYSIOTHERAPY, prescribed=False).exists()
    periods = list(
        services.filter(kind=Kind.COORDINATION).order_by("date").values_list("date", "period_end")
    )
    for (_, end), (start, _) in zip(periods, periods[1:], strict=False):
        assert start > end  # a renewal starts after the running period ends
    for day in services.filter(kind=Kind.KG_CONSULTATION).values_list("date", flat=True):
        assert birth is not None and birth <= day <= add_months(birth, 36)
    for day in services.filter(kind=Kind.MIDWIFE_HOME_VISIT).values_list("date", flat=True):
        assert birth is not None and day >= birth  # postnatal home care: after the birth
    mdo_days = list(services.filter(kind=Kind.MDO).values_list("date", flat=True))
    for start, end in periods:  # at most one consultation per coordination period
        assert sum(start <= day <= end for day in mdo_days) <= 1
    for day in mdo_days:  # and each within one
        assert any(start <= day <= end for start, end in periods)


def _apply(user, pregnancy, registered: date, request) -> None:
    grant = access.grant_for(user, pregnancy)
    on = registered + timedelta(days=request.day)
    before = _rows(pregnancy)
    try:
        if isinstance(request, Screen):
            screening_record(
                by=user,
                pregnancy=pregnancy,
                grant=grant,
                date=on,
                positive=set(request.positive),
                new_assessment_reason="the situation changed" if request.reason else "",
            )
        elif isinstance(request, Born):
            families.birth_record(
                by=user,
                pregnancy=pregnancy,
                grant=grant,
                date=on,
                place="hospital",
                children=[child()],
            )
        else:
            programme_service_record(
                by=user,
                pregnancy=pregnancy,
                grant=grant,
                kind=request.kind,
                date=on,
                participants=request.participants,
                prescribed=request.prescribed,
            )
            scenario = entitlements.scenario_on(pregnancy, on)
            if request.kind in (Kind.COORDINATION, Kind.MDO):
                assert scenario == "B"
            if request.kind == Kind.PPA:
                assert scenario in ("A", "B")
    except (RuleRefused, InvalidInput):
        assert _rows(pregnancy) == before  # a refusal stores nothing


@settings(
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "50")),
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    registered=st.dates(min_value=date(2024, 7, 1), max_value=date(2026, 6, 30)),
    sequence=requests,
)
def test_no_sequence_of_requests_passes_a_limit(midwife, registered, sequence):
    participate(midwife)
    now = timezone.make_aware(datetime(2031, 1, 1, 12, 0))
    with time_machine.travel(now, tick=False):
        pregnancy = register(
            midwife, registered_on=registered, due_date=registered + timedelta(days=200)
        )
        for request in sequence:
            _apply(midwife, pregnancy, registered, request)
            _check_limits(pregnancy)


@settings(
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "50")),
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    starts=st.lists(st.integers(min_value=0, max_value=1500), min_size=1, max_size=12),
)
def test_coordination_never_passes_three_periods(midwife, starts):
    """The densest case: scenario B, then coordination requested on many days."""
    participate(midwife)
    registered = date(2025, 1, 6)
    pregnancy = register(midwife, registered_on=registered, due_date=date(2025, 6, 1))
    grant = access.grant_for(midwife, pregnancy)
    screening_record(
        by=midwife,
        pregnancy=pregnancy,
        grant=grant,
        date=registered,
        positive={"housing", "finances"},
    )
    for offset in starts:  # in any order
        _apply(midwife, pregnancy, registered, Service(Kind.COORDINATION, offset, None, False))
        _check_limits(pregnancy)
