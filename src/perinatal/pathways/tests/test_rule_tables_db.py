"""The programme's rule tables (seed 002, DOMAIN.md §2) through the services and the
database: the dates frozen at their edges (birth + 7 days, the 12-month coordination period,
the September 2024 start), the counts, the region and the participating provider. A refusal
stores nothing."""

from datetime import date, datetime, timedelta

import pytest
import time_machine

from django.utils import timezone

from perinatal.core.refusals import InvalidInput, RuleRefused
from perinatal.pathways import access
from perinatal.pathways.constants import ProgrammeServiceKind as Kind
from perinatal.pathways.models import Birth, ProgrammeService, Screening
from perinatal.pathways.services import families
from perinatal.pathways.services.programme import programme_service_record
from perinatal.pathways.services.screening import screening_record

from .factories import child, participate, register

pytestmark = pytest.mark.django_db

REGISTERED = date(2025, 1, 6)
DUE = date(2025, 6, 1)
BIRTH = date(2025, 5, 28)
B = {"housing", "finances"}  # two inclusion criteria
A = {"housing"}


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))


def _family(user, *, registered=REGISTERED, due=DUE, postcode="1080", **kw):
    with time_machine.travel(_at(registered), tick=False):
        return register(user, registered_on=registered, due_date=due, postcode=postcode, **kw)


def _born(user, pregnancy, day=BIRTH):
    with time_machine.travel(_at(day + timedelta(days=1)), tick=False):
        families.birth_record(
            by=user,
            pregnancy=pregnancy,
            grant=access.grant_for(user, pregnancy),
            date=day,
            place="hospital",
            children=[child()],
        )


def screen(user, pregnancy, day, positive=frozenset(B), reason="") -> str:
    """The refusal code, or "" when the screening was recorded."""
    try:
        screening_record(
            by=user,
            pregnancy=pregnancy,
            grant=access.grant_for(user, pregnancy),
            date=day,
            positive=set(positive),
            new_assessment_reason=reason,
        )
    except RuleRefused as refused:
        assert refused.message
        return refused.code
    return ""


def record(user, pregnancy, kind, day, **kw) -> str:
    """The refusal code, or "" when the service was recorded."""
    try:
        programme_service_record(
            by=user,
            pregnancy=pregnancy,
            grant=access.grant_for(user, pregnancy),
            kind=kind,
            date=day,
            **kw,
        )
    except RuleRefused as refused:
        assert refused.message
        return refused.code
    return ""


@pytest.fixture
def provider_in(midwife):
    return participate(midwife)


# --- Screening: once, until the 7th day after birth inclusive -----------------------------


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (REGISTERED, ""),
        (BIRTH, ""),
        (BIRTH + timedelta(days=7), ""),  # the 7th day after birth: still possible
        (BIRTH + timedelta(days=8), "screening_window_closed"),
        (BIRTH + timedelta(days=30), "screening_window_closed"),
    ],
)
def test_screening_window_ends_on_the_7th_day_after_birth(provider_in, day, code):
    pregnancy = _family(provider_in)
    _born(provider_in, pregnancy)
    assert screen(provider_in, pregnancy, day) == code
    assert Screening.objects.filter(pregnancy=pregnancy).count() == (0 if code else 1)


def test_screening_once_then_only_a_new_assessment_with_a_reason(provider_in):
    pregnancy = _family(provider_in)
    assert screen(provider_in, pregnancy, REGISTERED) == ""
    assert screen(provider_in, pregnancy, REGISTERED + timedelta(days=1)) == "already_screened"
    assert screen(provider_in, pregnancy, REGISTERED, reason="   ") == "already_screened"
    assert screen(provider_in, pregnancy, REGISTERED, reason="moved into a shelter") == ""
    assert Screening.objects.filter(pregnancy=pregnancy).count() == 2


def test_a_new_assessment_after_the_window_is_still_refused(provider_in):
    pregnancy = _family(provider_in)
    _born(provider_in, pregnancy)
    assert screen(provider_in, pregnancy, REGISTERED) == ""
    late = BIRTH + timedelta(days=8)
    assert screen(provider_in, pregnancy, late, reason="new crisis") == "screening_window_closed"


# --- Coordination: 12-month periods, renewal only after the period ends, 2 renewals ------


def test_coordination_periods_and_renewals(provider_in):
    pregnancy = _family(provider_in)
    assert screen(provider_in, pregnancy, REGISTERED) == ""
    start = REGISTERED
    first_end = date(2026, 1, 5)  # 12 months, the last day included
    steps = [
        (start, ""),
        (first_end, "outside_period"),  # still running
        (first_end + timedelta(days=1), ""),  # first renewal
        (date(2027, 1, 5), "outside_period"),
        (date(2027, 1, 6), ""),  # second renewal
        (date(2028, 1, 5), "limit_reached"),  # all periods used: no renewal at all
        (date(2028, 1, 6), "limit_reached"),  # a third renewal is never possible
        (date(2030, 1, 1), "limit_reached"),
    ]
    for day, code in steps:
        assert (day, record(provider_in, pregnancy, Kind.COORDINATION, day)) == (day, code)
    periods = list(
        ProgrammeService.objects.filter(pregnancy=pregnancy, kind=Kind.COORDINATION)
        .order_by("date")
        .values_list("date", "period_end")
    )
    assert periods == [
        (start, first_end),
        (date(2026, 1, 6), date(2027, 1, 5)),
        (date(2027, 1, 6), date(2028, 1, 5)),
    ]


@pytest.mark.parametrize(("positive", "code"), [(A, "not_entitled"), (set(), "not_entitled")])
def test_coordination_is_for_scenario_b_only(provider_in, positive, code):
    pregnancy = _family(provider_in)
    assert screen(provider_in, pregnancy, REGISTERED, positive) == ""
    assert record(provider_in, pregnancy, Kind.COORDINATION, REGISTERED) == code


def test_coordination_without_a_screening_is_not_entitled(provider_in):
    pregnancy = _family(provider_in)
    assert record(provider_in, pregnancy, Kind.COORDINATION, REGISTERED) == "not_entitled"


# --- PPA: scenario A or B, before birth only, at most 2 -------------------------------------


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (BIRTH - timedelta(days=1), ""),
        (BIRTH, "outside_period"),  # the day of birth is no longer prenatal
        (BIRTH + timedelta(days=1), "outside_period"),
    ],
)
def test_ppa_before_birth_only(provider_in, day, code):
    pregnancy = _family(provider_in)
    assert screen(provider_in, pregnancy, REGISTERED, A) == ""
    _born(provider_in, pregnancy)
    assert record(provider_in, pregnancy, Kind.PPA, day) == code


def test_ppa_at_most_twice(provider_in):
    pregnancy = _family(provider_in)
    assert screen(provider_in, pregnancy, REGISTERED, A) == ""
    codes = [
        record(provider_in, pregnancy, Kind.PPA, REGISTERED + timedelta(days=n)) for n in range(4)
    ]
    assert codes == ["", "", "limit_reached", "limit_reached"]
    assert ProgrammeService.objects.filter(pregnancy=pregnancy, kind=Kind.PPA).count() == 2


def test_ppa_without_scenario_is_not_entitled(provider_in):
    pregnancy = _family(provider_in)
    assert screen(provider_in, pregnancy, REGISTERED, {"anxiety"}) == ""  # no criterion
    assert record(provider_in, pregnancy, Kind.PPA, REGISTERED) == "not_entitled"


# --- MDO: scenario B, at most 4 participants, at most 3 ------------------------------------


@pytest.mark.parametrize(("participants", "code"), [(2, ""), (4, ""), (5, "limit_reached")])
def test_mdo_at_most_4_participants(provider_in, participants, code):
    pregnancy = _family(provider_in)
    assert screen(provider_in, pregnancy, REGISTERED) == ""
    assert record(provider_in, pregnancy, Kind.MDO, REGISTERED, participants=participants) == code


@pytest.mark.parametrize("participants", [None, 0, 1])
def test_mdo_needs_at_least_2_participants(provider_in, participants):
    pregnancy = _family(provider_in)
    assert screen(provider_in, pregnancy, REGISTERED) == ""
    with pytest.raises(InvalidInput):
        record(provider_in, pregnancy, Kind.MDO, REGISTERED, participants=participants)


def test_mdo_at_most_3_during_the_programme(provider_in):
    pregnancy = _family(provider_in)
    assert screen(provider_in, pregnancy, REGISTERED) == ""
    codes = [
        record(
            provider_in,
            pregnancy,
            Kind.MDO,
            date(2025, 2, 1) + timedelta(days=200 * n),
            participants=3,
        )
        for n in range(5)
    ]
    assert codes == ["", "", "", "limit_reached", "limit_reached"]


def test_mdo_is_for_scenario_b_only(provider_in):
    pregnancy = _family(provider_in)
    assert screen(provider_in, pregnancy, REGISTERED, A) == ""
    assert record(provider_in, pregnancy, Kind.MDO, REGISTERED, participants=2) == "not_entitled"


# --- The start in September 2024 -----------------------------------------------------------


@pytest.mark.parametrize("kind", ["screening", Kind.PPA, Kind.COORDINATION, Kind.MDO])
@pytest.mark.parametrize(
    ("day", "code"), [(date(2024, 8, 31), "outside_period"), (date(2024, 9, 1), "")]
)
def test_billable_from_1_september_2024(provider_in, kind, day, code):
    pregnancy = _family(provider_in, registered=date(2024, 8, 1), due=date(2024, 12, 1))
    if kind == "screening":
        assert screen(provider_in, pregnancy, day) == code
        return
    assert screen(provider_in, pregnancy, date(2024, 9, 1)) == ""
    assert record(provider_in, pregnancy, kind, day, participants=2) == code


# --- Who and where ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["screening", Kind.PPA, Kind.COORDINATION, Kind.MDO])
@pytest.mark.parametrize("postcode", ["9000", "2000", "4000"])  # Gent, Antwerpen, Liège
def test_a_family_outside_brussels_is_not_entitled(provider_in, kind, postcode):
    pregnancy = _family(provider_in, postcode=postcode)
    if kind == "screening":
        assert screen(provider_in, pregnancy, REGISTERED) == "not_entitled"
    else:
        assert record(provider_in, pregnancy, kind, REGISTERED, participants=2) == "not_entitled"
    assert not Screening.objects.filter(pregnancy=pregnancy).exists()
    assert not ProgrammeService.objects.filter(pregnancy=pregnancy).exists()


def test_a_family_outside_brussels_keeps_the_other_entitlements(provider_in):
    pregnancy = _family(provider_in, postcode="9000")
    assert record(provider_in, pregnancy, Kind.PHYSIOTHERAPY, REGISTERED, prescribed=True) == ""


@pytest.mark.parametrize("kind", ["screening", Kind.PPA, Kind.COORDINATION, Kind.MDO])
def test_a_non_participating_provider_is_refused(midwife, kind):
    assert not midwife.organisation.programme_participant
    pregnancy = _family(midwife)
    if kind == "screening":
        assert screen(midwife, pregnancy, REGISTERED) == "provider_not_participating"
        return
    participate(midwife)
    assert screen(midwife, pregnancy, REGISTERED) == ""
    midwife.organisation.programme_participant = False
    midwife.organisation.save()
    assert (
        record(midwife, pregnancy, kind, REGISTERED, participants=2) == "provider_not_participating"
    )


# --- A new assessment governs from its date ------------------------------------------------


def test_a_new_assessment_governs_from_its_date(provider_in):
    pregnancy = _family(provider_in)
    reassessed = date(2025, 3, 1)
    assert screen(provider_in, pregnancy, REGISTERED, A) == ""
    assert screen(provider_in, pregnancy, reassessed, B, reason="partner left, no income") == ""
    # Before the new assessment the family was in scenario A: no coordination, no MDO.
    assert record(provider_in, pregnancy, Kind.COORDINATION, reassessed - timedelta(days=1)) == (
        "not_entitled"
    )
    assert record(
        provider_in, pregnancy, Kind.MDO, reassessed - timedelta(days=1), participants=2
    ) == ("not_entitled")
    # From its date, scenario B.
    assert record(provider_in, pregnancy, Kind.COORDINATION, reassessed) == ""
    assert record(provider_in, pregnancy, Kind.MDO, reassessed, participants=2) == ""


def test_a_new_assessment_without_criteria_ends_the_scenario_from_its_date(provider_in):
    pregnancy = _family(provider_in)
    reassessed = date(2025, 3, 1)
    assert screen(provider_in, pregnancy, REGISTERED, A) == ""
    assert screen(provider_in, pregnancy, reassessed, set(), reason="housing found") == ""
    assert record(provider_in, pregnancy, Kind.PPA, reassessed - timedelta(days=1)) == ""
    assert record(provider_in, pregnancy, Kind.PPA, reassessed) == "not_entitled"


# --- The other counters ---------------------------------------------------------------------


def test_physiotherapy_9_sessions_on_prescription(midwife):
    pregnancy = _family(midwife)  # not a programme service: no participation needed
    assert record(midwife, pregnancy, Kind.PHYSIOTHERAPY, REGISTERED) == "not_entitled"
    codes = [
        record(
            midwife, pregnancy, Kind.PHYSIOTHERAPY, REGISTERED + timedelta(days=n), prescribed=True
        )
        for n in range(10)
    ]
    assert codes == [""] * 9 + ["limit_reached"]


def test_midwife_home_visits_10_reimbursed(midwife):
    pregnancy = _family(midwife)
    codes = [
        record(midwife, pregnancy, Kind.MIDWIFE_HOME_VISIT, BIRTH + timedelta(days=n))
        for n in range(11)
    ]
    assert codes == [""] * 10 + ["limit_reached"]


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (BIRTH - timedelta(days=1), "outside_period"),
        (BIRTH, ""),
        (date(2027, 11, 28), ""),  # 30 months after birth, the last day
        (date(2027, 11, 29), "outside_period"),
    ],
)
def test_kind_en_gezin_key_moments_in_the_first_30_months(kg_nurse, day, code):
    pregnancy = _family(kg_nurse)
    _born(kg_nurse, pregnancy)
    assert record(kg_nurse, pregnancy, Kind.KG_CONSULTATION, day) == code


# --- A birth recorded late keeps the recorded services true ---------------------------------


@pytest.mark.parametrize(
    ("ppa_day", "refused"),
    [(BIRTH - timedelta(days=1), False), (BIRTH, True), (BIRTH + timedelta(days=3), True)],
)
def test_a_birth_before_a_recorded_ppa_is_refused(provider_in, ppa_day, refused):
    pregnancy = _family(provider_in)
    assert screen(provider_in, pregnancy, REGISTERED, A) == ""
    assert record(provider_in, pregnancy, Kind.PPA, ppa_day) == ""
    if refused:
        with pytest.raises(InvalidInput) as error:
            _born(provider_in, pregnancy)
        assert "date" in error.value.error_dict
    else:
        _born(provider_in, pregnancy)
    assert Birth.objects.filter(pregnancy=pregnancy).exists() is not refused


@pytest.mark.parametrize(
    ("screening_day", "refused"),
    [(BIRTH + timedelta(days=7), False), (BIRTH + timedelta(days=8), True)],
)
def test_a_birth_more_than_7_days_before_a_recorded_screening_is_refused(
    provider_in, screening_day, refused
):
    pregnancy = _family(provider_in)
    assert screen(provider_in, pregnancy, screening_day) == ""
    if refused:
        with pytest.raises(InvalidInput):
            _born(provider_in, pregnancy)
    else:
        _born(provider_in, pregnancy)
    assert Birth.objects.filter(pregnancy=pregnancy).exists() is not refused
