"""The programme's rules as tables of cases from the source (seed 002, DOMAIN.md §2), with
the dates at their edges: the September 2024 start, the birth day, birth + 7 days, the
12-month coordination period, 30 and 36 months; and who may deliver each service, for every
profession (docs/decisions/0025)."""

from datetime import date, timedelta

import pytest

from perinatal.core.dates import add_months
from perinatal.pathways.providers import Provider
from perinatal.pathways.rules import (
    Scenario,
    classify_scenario,
    coordination_allowed,
    coordination_period_end,
    kg_consultation_allowed,
    mdo_allowed,
    midwife_home_visit_allowed,
    physiotherapy_allowed,
    ppa_allowed,
    screening_allowed,
    screening_window_end,
)

ON = date(2025, 3, 10)
BIRTH = date(2025, 3, 1)
# A conventioned GP of a participating organisation: may deliver every programme service.
GP = Provider(participates=True, profession="gp", conventioned=True)
MIDWIFE = Provider(participates=True, profession="midwife", conventioned=True)
# The coordination period running on ON, and its consultations so far.
PERIOD = (date(2025, 1, 6), date(2026, 1, 5))


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
        provider=Provider(participates=participates, profession="gp", conventioned=True),
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
    decision = ppa_allowed(on=on, scenario=scenario, used=used, birth_date=birth, provider=GP)
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
    decision = coordination_allowed(on=ON, scenario=scenario, periods_started=started, provider=GP)
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


# Seed 002: "Sessies van 15 minuten met maximaal 4 deelnemers per periode van 12 maanden
# (max. 3 keer tijdens het programma)" — read as one per coordination period of 12 months
# (docs/decisions/0025).
@pytest.mark.parametrize(
    ("scenario", "held", "participants", "period", "in_period", "code", "remaining"),
    [
        (Scenario.B, 0, 4, PERIOD, 0, "", 2),
        (Scenario.B, 2, 2, PERIOD, 0, "", 0),  # the third, in the third period
        (Scenario.B, 3, 2, PERIOD, 0, "limit_reached", 0),  # never a fourth
        (Scenario.B, 0, 5, PERIOD, 0, "limit_reached", None),
        (Scenario.A, 0, 2, PERIOD, 0, "not_entitled", None),
        (Scenario.B, 1, 2, PERIOD, 1, "period_limit_reached", None),  # a second in the period
        (Scenario.B, 0, 2, None, 0, "outside_period", None),  # no coordination period runs
    ],
)
def test_mdo_for_b_four_participants_one_per_period_three_times(
    scenario, held, participants, period, in_period, code, remaining
):
    decision = mdo_allowed(
        on=ON,
        scenario=scenario,
        held=held,
        participants=participants,
        provider=GP,
        period=period,
        held_in_period=in_period,
    )
    assert (decision.allowed, decision.code, decision.remaining) == (not code, code, remaining)
    assert decision.allowed or decision.message


def test_the_refusal_of_a_second_mdo_names_the_period():
    decision = mdo_allowed(
        on=ON,
        scenario=Scenario.B,
        held=1,
        participants=2,
        provider=GP,
        period=PERIOD,
        held_in_period=1,
    )
    assert "06/01/2025" in decision.message and "05/01/2026" in decision.message


@pytest.mark.parametrize(
    ("rule", "kwargs"),
    [
        (ppa_allowed, {"scenario": Scenario.A, "used": 0, "birth_date": None}),
        (coordination_allowed, {"scenario": Scenario.B, "periods_started": 0}),
        (
            mdo_allowed,
            {
                "scenario": Scenario.B,
                "held": 0,
                "participants": 2,
                "period": PERIOD,
                "held_in_period": 0,
            },
        ),
    ],
)
def test_only_participating_providers_record_programme_services(rule, kwargs):
    outside = Provider(participates=False, profession="gp", conventioned=True)
    decision = rule(on=ON, provider=outside, **kwargs)
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


# Seed 002: "Wie bevallen is, heeft echter recht op postnatale thuiszorg door een zelfstandige
# verloskundige of een verloskundige aangesloten bij een zorginstelling. … De ziekteverzekering
# betaalt tot 10 bezoeken terug" — after the birth (from its day), by a midwife, 10 visits.
@pytest.mark.parametrize(
    ("on", "birth", "used", "code"),
    [
        (BIRTH - timedelta(days=1), BIRTH, 0, "outside_period"),  # the day before the birth
        (ON, None, 0, "outside_period"),  # no birth recorded: still pregnant
        (BIRTH, BIRTH, 0, ""),  # the birth day
        (BIRTH + timedelta(days=7), BIRTH, 0, ""),  # day 7
        (add_months(BIRTH, 12), BIRTH, 0, ""),  # no end is given by the source
        (ON, BIRTH, 9, ""),
        (ON, BIRTH, 10, "limit_reached"),
    ],
)
def test_midwife_home_visits_after_the_birth_ten_reimbursed(on, birth, used, code):
    decision = midwife_home_visit_allowed(on=on, used=used, birth_date=birth, provider=MIDWIFE)
    assert (decision.allowed, decision.code) == (not code, code)
    assert decision.allowed or decision.message


# Seed 002 (Kind en Gezin): "Huisbezoeken en basisconsultaties zijn gratis voor alle
# pasgeborenen totdat het kind naar school gaat (2,5 tot 3 jaar)" and "Gedurende de eerste 30
# maanden … op 10 belangrijke punten": the key moments are not a ceiling; the platform counts
# until 36 months (docs/decisions/0025).
@pytest.mark.parametrize(
    ("on", "birth", "code"),
    [
        (BIRTH - timedelta(days=1), BIRTH, "outside_period"),
        (ON, None, "outside_period"),
        (BIRTH, BIRTH, ""),  # the birth day
        (BIRTH + timedelta(days=7), BIRTH, ""),
        (add_months(BIRTH, 12), BIRTH, ""),
        (add_months(BIRTH, 30), BIRTH, ""),  # month 30: the last key moment
        (add_months(BIRTH, 30) + timedelta(days=1), BIRTH, ""),  # was refused: not a ceiling
        (add_months(BIRTH, 33), BIRTH, ""),  # between 2.5 and 3 years
        (add_months(BIRTH, 36), BIRTH, ""),  # the third birthday: the last day
        (add_months(BIRTH, 36) + timedelta(days=1), BIRTH, "outside_period"),
    ],
)
def test_kind_en_gezin_consultations_until_the_child_goes_to_school(on, birth, code):
    decision = kg_consultation_allowed(on=on, birth_date=birth)
    assert (decision.allowed, decision.code, decision.remaining) == (not code, code, None)
    assert decision.rule == "kind_en_gezin.consultations"


def test_refusals_speak_the_users_language():
    from django.utils import translation

    messages = {}
    for lang in ("nl", "fr", "en"):
        with translation.override(lang):
            messages[lang] = ppa_allowed(
                on=ON, scenario=Scenario.NONE, used=0, birth_date=None, provider=GP
            ).message
    assert len(set(messages.values())) == 3, messages
