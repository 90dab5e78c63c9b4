"""The programme's rules as tables of cases from the source (seed 002, DOMAIN.md §2), with
the dates at their edges: the September 2024 start and birth + 7 days."""

from datetime import date

import pytest

from perinatal.pathways.rules import (
    Scenario,
    classify_scenario,
    coordination_allowed,
    coordination_period_end,
    mdo_allowed,
    midwife_home_visit_allowed,
    physiotherapy_allowed,
    ppa_allowed,
    screening_allowed,
    screening_window_end,
)

ON = date(2025, 3, 10)
BIRTH = date(2025, 3, 1)


@pytest.mark.parametrize(
    ("positives", "scenario"),
    [(0, Scenario.NONE), (1, Scenario.A), (2, Scenario.B), (3, Scenario.B), (8, Scenario.B)],
)
def test_scenario_from_positive_inclusion_criteria(positives, scenario):
    assert classify_scenario(positives, on=ON) == scenario


def test_negative_count_is_an_error():
    with pytest.raises(ValueError):
        classify_scenario(-1, on=ON)


@pytest.mark.parametrize(
    ("on", "birth", "before", "reason", "participates", "code"),
    [
        (date(2024, 8, 31), None, 0, "", True, "outside_period"),
        (date(2024, 9, 1), None, 0, "", True, ""),
        (ON, None, 0, "", False, "provider_not_participating"),
        (ON, None, 0, "", True, ""),
        (date(2025, 3, 8), BIRTH, 0, "", True, ""),  # 7th day after birth: still possible
        (date(2025, 3, 9), BIRTH, 0, "", True, "screening_window_closed"),
        (ON, None, 1, "", True, "already_screened"),
        (ON, None, 1, "   ", True, "already_screened"),
        (ON, None, 1, "new crisis: lost housing", True, ""),
        (date(2025, 3, 9), BIRTH, 1, "new crisis", True, "screening_window_closed"),
    ],
)
def test_screening_once_until_the_7th_day_after_birth(
    on, birth, before, reason, participates, code
):
    decision = screening_allowed(
        on=on,
        birth_date=birth,
        screenings_before=before,
        new_assessment_reason=reason,
        provider_participates=participates,
    )
    assert (decision.allowed, decision.code, decision.rule) == (not code, code, "screening.once")
    assert decision.allowed or decision.message


def test_screening_window_ends_on_the_7th_day():
    assert screening_window_end(BIRTH, on=ON) == date(2025, 3, 8)


@pytest.mark.parametrize(
    ("scenario", "used", "birth", "on", "code", "remaining"),
    [
        (Scenario.A, 0, None, ON, "", 1),
        (Scenario.B, 1, None, ON, "", 0),
        (Scenario.A, 2, None, ON, "limit_reached", 0),
        (Scenario.NONE, 0, None, ON, "not_entitled", None),
        (Scenario.A, 0, ON, ON, "outside_period", None),  # the day of birth is not prenatal
        (Scenario.A, 0, date(2025, 3, 11), ON, "", 1),
        (Scenario.A, 0, None, date(2024, 8, 31), "outside_period", None),
    ],
)
def test_ppa_at_most_two_before_birth_for_a_or_b(scenario, used, birth, on, code, remaining):
    decision = ppa_allowed(
        on=on, scenario=scenario, used=used, birth_date=birth, provider_participates=True
    )
    assert (decision.allowed, decision.code, decision.remaining) == (not code, code, remaining)


@pytest.mark.parametrize(
    ("scenario", "started", "code", "remaining"),
    [
        (Scenario.B, 0, "", 2),
        (Scenario.B, 1, "", 1),
        (Scenario.B, 2, "", 0),
        (Scenario.B, 3, "limit_reached", 0),
        (Scenario.A, 0, "not_entitled", None),
        (Scenario.NONE, 0, "not_entitled", None),
    ],
)
def test_coordination_for_b_renewable_twice(scenario, started, code, remaining):
    decision = coordination_allowed(
        on=ON, scenario=scenario, periods_started=started, provider_participates=True
    )
    assert (decision.allowed, decision.code, decision.remaining) == (not code, code, remaining)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2025, 1, 1), date(2025, 12, 31)),
        (date(2024, 9, 15), date(2025, 9, 14)),
        (date(2024, 2, 29), date(2025, 2, 27)),
        (date(2025, 3, 31), date(2026, 3, 30)),
    ],
)
def test_a_coordination_period_lasts_twelve_months(start, end):
    assert coordination_period_end(start, on=ON) == end


@pytest.mark.parametrize(
    ("scenario", "held", "participants", "code", "remaining"),
    [
        (Scenario.B, 0, 4, "", 2),
        (Scenario.B, 2, 2, "", 0),
        (Scenario.B, 3, 2, "limit_reached", 0),
        (Scenario.B, 0, 5, "limit_reached", None),
        (Scenario.A, 0, 2, "not_entitled", None),
    ],
)
def test_mdo_for_b_four_participants_three_times(scenario, held, participants, code, remaining):
    decision = mdo_allowed(
        on=ON, scenario=scenario, held=held, participants=participants, provider_participates=True
    )
    assert (decision.allowed, decision.code, decision.remaining) == (not code, code, remaining)


@pytest.mark.parametrize(
    ("rule", "kwargs"),
    [
        (ppa_allowed, {"scenario": Scenario.A, "used": 0, "birth_date": None}),
        (coordination_allowed, {"scenario": Scenario.B, "periods_started": 0}),
        (mdo_allowed, {"scenario": Scenario.B, "held": 0, "participants": 2}),
    ],
)
def test_only_participating_providers_record_programme_services(rule, kwargs):
    decision = rule(on=ON, provider_participates=False, **kwargs)
    assert (decision.allowed, decision.code) == (False, "provider_not_participating")


@pytest.mark.parametrize(
    ("used", "prescribed", "code", "remaining"),
    [
        (0, True, "", 8),
        (8, True, "", 0),
        (9, True, "limit_reached", 0),
        (0, False, "not_entitled", None),
    ],
)
def test_physiotherapy_nine_sessions_on_prescription(used, prescribed, code, remaining):
    decision = physiotherapy_allowed(on=ON, used=used, prescribed=prescribed)
    assert (decision.allowed, decision.code, decision.remaining) == (not code, code, remaining)


@pytest.mark.parametrize(("used", "code"), [(0, ""), (9, ""), (10, "limit_reached")])
def test_ten_midwife_home_visits_reimbursed(used, code):
    assert midwife_home_visit_allowed(on=ON, used=used).code == code


def test_refusals_speak_the_users_language():
    from django.utils import translation

    messages = {}
    for lang in ("nl", "fr", "en"):
        with translation.override(lang):
            messages[lang] = ppa_allowed(
                on=ON, scenario=Scenario.NONE, used=0, birth_date=None, provider_participates=True
            ).message
    assert len(set(messages.values())) == 3, messages
