"""The programme's rule tables (seed 002, DOMAIN.md §2) through the services and the
database: the dates frozen at their edges (the birth day, birth + 7 days, the 12-month
coordination period and the 13th month, 30 and 36 months, the September 2024 start), the
counts, the region and the participating provider. A refusal stores nothing. The counters
outside the programme: test_rule_tables_counters_db.py; who may deliver each service, per
profession: test_rule_tables_professions_db.py."""

from datetime import date, timedelta

import pytest

from perinatal.core.refusals import InvalidInput
from perinatal.pathways.constants import ProgrammeServiceKind as Kind
from perinatal.pathways.models import Birth, ProgrammeService, Screening

from .factories import participate
from .rule_support import BIRTH, REGISTERED, A, B, born, family, record, screen

pytestmark = pytest.mark.django_db


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
    pregnancy = family(provider_in)
    born(provider_in, pregnancy)
    assert screen(provider_in, pregnancy, day) == code
    assert Screening.objects.filter(pregnancy=pregnancy).count() == (0 if code else 1)


def test_screening_once_then_only_a_new_assessment_with_a_reason(provider_in):
    pregnancy = family(provider_in)
    assert screen(provider_in, pregnancy, REGISTERED) == ""
    assert screen(provider_in, pregnancy, REGISTERED + timedelta(days=1)) == "already_screened"
    assert screen(provider_in, pregnancy, REGISTERED, reason="   ") == "already_screened"
    assert screen(provider_in, pregnancy, REGISTERED, reason="moved into a shelter") == ""
    assert Screening.objects.filter(pregnancy=pregnancy).count() == 2


def test_a_new_assessment_after_the_window_is_still_refused(provider_in):
    pregnancy = family(provider_in)
    born(provider_in, pregnancy)
    assert screen(provider_in, pregnancy, REGISTERED) == ""
    late = BIRTH + timedelta(days=8)
    assert screen(provider_in, pregnancy, late, reason="new crisis") == "screening_window_closed"


# --- Coordination: 12-month periods, renewal only after the period ends, 2 renewals ------


def test_coordination_periods_and_renewals(provider_in):
    pregnancy = family(provider_in)
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
    pregnancy = family(provider_in)
    assert screen(provider_in, pregnancy, REGISTERED, positive) == ""
    assert record(provider_in, pregnancy, Kind.COORDINATION, REGISTERED) == code


def test_coordination_without_a_screening_is_not_entitled(provider_in):
    pregnancy = family(provider_in)
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
    pregnancy = family(provider_in)
    assert screen(provider_in, pregnancy, REGISTERED, A) == ""
    born(provider_in, pregnancy)
    assert record(provider_in, pregnancy, Kind.PPA, day) == code


def test_ppa_at_most_twice(provider_in):
    pregnancy = family(provider_in)
    assert screen(provider_in, pregnancy, REGISTERED, A) == ""
    codes = [
        record(provider_in, pregnancy, Kind.PPA, REGISTERED + timedelta(days=n)) for n in range(4)
    ]
    assert codes == ["", "", "limit_reached", "limit_reached"]
    assert ProgrammeService.objects.filter(pregnancy=pregnancy, kind=Kind.PPA).count() == 2


def test_ppa_without_scenario_is_not_entitled(provider_in):
    pregnancy = family(provider_in)
    assert screen(provider_in, pregnancy, REGISTERED, {"anxiety"}) == ""  # no criterion
    assert record(provider_in, pregnancy, Kind.PPA, REGISTERED) == "not_entitled"


# --- MDO: scenario B, at most 4 participants, one per coordination period, at most 3 -------
# Seed 002: "Sessies van 15 minuten met maximaal 4 deelnemers per periode van 12 maanden (max. 3
# keer tijdens het programma)"; the 12 months are the coordination period running on the day
# (docs/decisions/0025).


def _coordinated(user, positive=frozenset(B)):
    """A family screened in scenario B whose first coordination period runs from REGISTERED
    until 2026-01-05."""
    pregnancy = family(user)
    assert screen(user, pregnancy, REGISTERED, positive) == ""
    assert record(user, pregnancy, Kind.COORDINATION, REGISTERED) == ""
    return pregnancy


FIRST_PERIOD_END = date(2026, 1, 5)


@pytest.mark.parametrize(("participants", "code"), [(2, ""), (4, ""), (5, "limit_reached")])
def test_mdo_at_most_4_participants(provider_in, participants, code):
    pregnancy = _coordinated(provider_in)
    assert record(provider_in, pregnancy, Kind.MDO, REGISTERED, participants=participants) == code


@pytest.mark.parametrize("participants", [None, 0, 1])
def test_mdo_needs_at_least_2_participants(provider_in, participants):
    pregnancy = _coordinated(provider_in)
    with pytest.raises(InvalidInput):
        record(provider_in, pregnancy, Kind.MDO, REGISTERED, participants=participants)


@pytest.mark.parametrize(
    ("second", "renewed", "code"),
    [
        (REGISTERED + timedelta(days=1), False, "period_limit_reached"),  # the next day
        (date(2025, 12, 20), False, "period_limit_reached"),  # month 12, inside the period
        (FIRST_PERIOD_END, False, "period_limit_reached"),  # the period's last day
        (FIRST_PERIOD_END + timedelta(days=1), False, "outside_period"),  # month 13, no renewal
        (date(2026, 2, 1), False, "outside_period"),
        (FIRST_PERIOD_END + timedelta(days=1), True, ""),  # month 13, in the renewed period
        (date(2026, 2, 1), True, ""),
    ],
)
def test_a_second_mdo_inside_and_outside_the_12_month_period(provider_in, second, renewed, code):
    pregnancy = _coordinated(provider_in)
    first = date(2025, 2, 1)
    assert record(provider_in, pregnancy, Kind.MDO, first, participants=3) == ""
    if renewed:
        renewal = FIRST_PERIOD_END + timedelta(days=1)
        assert record(provider_in, pregnancy, Kind.COORDINATION, renewal) == ""
    assert record(provider_in, pregnancy, Kind.MDO, second, participants=3) == code
    held = ProgrammeService.objects.filter(pregnancy=pregnancy, kind=Kind.MDO).count()
    assert held == (1 if code else 2)


def test_an_mdo_without_a_running_coordination_period_is_outside_the_period(provider_in):
    pregnancy = family(provider_in)
    assert screen(provider_in, pregnancy, REGISTERED) == ""
    assert record(provider_in, pregnancy, Kind.MDO, REGISTERED, participants=2) == (
        "outside_period"
    )
    assert not ProgrammeService.objects.filter(pregnancy=pregnancy).exists()


def test_mdo_one_per_period_three_during_the_programme(provider_in):
    pregnancy = _coordinated(provider_in)
    for renewal in (date(2026, 1, 6), date(2027, 1, 6)):
        assert record(provider_in, pregnancy, Kind.COORDINATION, renewal) == ""
    days = [date(2025, 2, 1), date(2025, 9, 1), date(2026, 2, 1), date(2027, 2, 1)]
    codes = [record(provider_in, pregnancy, Kind.MDO, day, participants=3) for day in days]
    assert codes == ["", "period_limit_reached", "", ""]
    # After the third period no coordination runs: a fourth is never possible.
    assert record(provider_in, pregnancy, Kind.MDO, date(2028, 2, 1), participants=3) == (
        "outside_period"
    )
    assert ProgrammeService.objects.filter(pregnancy=pregnancy, kind=Kind.MDO).count() == 3


def test_mdo_is_for_scenario_b_only(provider_in):
    pregnancy = family(provider_in)
    assert screen(provider_in, pregnancy, REGISTERED, A) == ""
    assert record(provider_in, pregnancy, Kind.MDO, REGISTERED, participants=2) == "not_entitled"


# --- The start in September 2024 -----------------------------------------------------------


@pytest.mark.parametrize("kind", ["screening", Kind.PPA, Kind.COORDINATION, Kind.MDO])
@pytest.mark.parametrize(
    ("day", "code"), [(date(2024, 8, 31), "outside_period"), (date(2024, 9, 1), "")]
)
def test_billable_from_1_september_2024(provider_in, kind, day, code):
    pregnancy = family(provider_in, registered=date(2024, 8, 1), due=date(2024, 12, 1))
    if kind == "screening":
        assert screen(provider_in, pregnancy, day) == code
        return
    assert screen(provider_in, pregnancy, date(2024, 9, 1)) == ""
    if kind == Kind.MDO and not code:  # an MDO is held within a coordination period
        assert record(provider_in, pregnancy, Kind.COORDINATION, day) == ""
    assert record(provider_in, pregnancy, kind, day, participants=2) == code


# --- Who and where ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["screening", Kind.PPA, Kind.COORDINATION, Kind.MDO])
@pytest.mark.parametrize("postcode", ["9000", "2000", "4000"])  # Gent, Antwerpen, Liège
def test_a_family_outside_brussels_is_not_entitled(provider_in, kind, postcode):
    pregnancy = family(provider_in, postcode=postcode)
    if kind == "screening":
        assert screen(provider_in, pregnancy, REGISTERED) == "not_entitled"
    else:
        assert record(provider_in, pregnancy, kind, REGISTERED, participants=2) == "not_entitled"
    assert not Screening.objects.filter(pregnancy=pregnancy).exists()
    assert not ProgrammeService.objects.filter(pregnancy=pregnancy).exists()


def test_a_family_outside_brussels_keeps_the_other_entitlements(provider_in):
    pregnancy = family(provider_in, postcode="9000")
    assert record(provider_in, pregnancy, Kind.PHYSIOTHERAPY, REGISTERED, prescribed=True) == ""


@pytest.mark.parametrize("kind", ["screening", Kind.PPA, Kind.COORDINATION, Kind.MDO])
def test_a_non_participating_provider_is_refused(midwife, kind):
    assert not midwife.organisation.programme_participant
    pregnancy = family(midwife)
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
    pregnancy = family(provider_in)
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
    pregnancy = family(provider_in)
    reassessed = date(2025, 3, 1)
    assert screen(provider_in, pregnancy, REGISTERED, A) == ""
    assert screen(provider_in, pregnancy, reassessed, set(), reason="housing found") == ""
    assert record(provider_in, pregnancy, Kind.PPA, reassessed - timedelta(days=1)) == ""
    assert record(provider_in, pregnancy, Kind.PPA, reassessed) == "not_entitled"


# --- A birth recorded late keeps the recorded services true ---------------------------------


@pytest.mark.parametrize(
    ("ppa_day", "refused"),
    [(BIRTH - timedelta(days=1), False), (BIRTH, True), (BIRTH + timedelta(days=3), True)],
)
def test_a_birth_before_a_recorded_ppa_is_refused(provider_in, ppa_day, refused):
    pregnancy = family(provider_in)
    assert screen(provider_in, pregnancy, REGISTERED, A) == ""
    assert record(provider_in, pregnancy, Kind.PPA, ppa_day) == ""
    if refused:
        with pytest.raises(InvalidInput) as error:
            born(provider_in, pregnancy)
        assert "date" in error.value.error_dict
    else:
        born(provider_in, pregnancy)
    assert Birth.objects.filter(pregnancy=pregnancy).exists() is not refused


@pytest.mark.parametrize(
    ("screening_day", "refused"),
    [(BIRTH + timedelta(days=7), False), (BIRTH + timedelta(days=8), True)],
)
def test_a_birth_more_than_7_days_before_a_recorded_screening_is_refused(
    provider_in, screening_day, refused
):
    pregnancy = family(provider_in)
    assert screen(provider_in, pregnancy, screening_day) == ""
    if refused:
        with pytest.raises(InvalidInput):
            born(provider_in, pregnancy)
    else:
        born(provider_in, pregnancy)
    assert Birth.objects.filter(pregnancy=pregnancy).exists() is not refused
