"""Refusals of the programme's rules through the API: HTTP 422 with the stable code and a
message in the caller's language, nothing stored; dates frozen at the edges."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from perinatal.pathways.models import ProgrammeService, Screening

from .api_support import api_for
from .factories import participate, register

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")


def at(day: date):
    return time_machine.travel(
        datetime(day.year, day.month, day.day, 12, tzinfo=BRUSSELS), tick=False
    )


def family(user, registered_on: date, **overrides):
    with at(registered_on):
        return register(user, registered_on=registered_on, **overrides)


def screen(api, pregnancy, day: date, positive=("housing",), **extra):
    body = {"date": day.isoformat(), "positive": list(positive), **extra}
    return api.post(f"/pregnancies/{pregnancy.public_id}/screenings", body)


def record(api, pregnancy, kind: str, day: date, **extra):
    body = {"kind": kind, "date": day.isoformat(), **extra}
    return api.post(f"/pregnancies/{pregnancy.public_id}/programme-services", body)


def assert_refused(response, code: str) -> dict:
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == code
    assert body["message"]
    assert body["rule"]
    return body


def test_provider_not_participating(midwife):
    pregnancy = family(midwife, date(2025, 3, 1))
    with at(date(2025, 3, 2)):
        body = assert_refused(
            screen(api_for(midwife), pregnancy, date(2025, 3, 2)), "provider_not_participating"
        )
    assert body["rule"] == "screening.once"
    assert not Screening.objects.exists()


def test_already_screened_then_a_new_assessment_with_a_reason(midwife):
    participate(midwife)
    pregnancy = family(midwife, date(2025, 3, 1))
    with at(date(2025, 3, 5)):
        api = api_for(midwife)
        assert screen(api, pregnancy, date(2025, 3, 2)).status_code == 201
        assert_refused(screen(api, pregnancy, date(2025, 3, 5)), "already_screened")
        again = screen(
            api, pregnancy, date(2025, 3, 5), ("housing", "finances"), new_assessment_reason="moved"
        )
        assert again.status_code == 201, again.content
        assert again.json()["scenario"] == "B"
    assert Screening.objects.filter(pregnancy=pregnancy).count() == 2


@pytest.mark.parametrize(
    ("screened_on", "status", "code"),
    [
        (date(2025, 6, 7), 201, None),  # the 7th day after birth: the last day
        (date(2025, 6, 8), 422, "screening_window_closed"),
    ],
)
def test_screening_window_ends_on_the_7th_day_after_birth(midwife, screened_on, status, code):
    participate(midwife)
    pregnancy = family(midwife, date(2025, 3, 1))
    api = api_for(midwife)
    with at(date(2025, 6, 2)):
        born = api.post(
            f"/pregnancies/{pregnancy.public_id}/births",
            {"date": "2025-05-31", "place": "home", "children": [{"given_name": "Noor"}]},
        )
        assert born.status_code == 201, born.content
    with at(screened_on):
        response = screen(api, pregnancy, screened_on)
    assert response.status_code == status, response.content
    if code:
        assert_refused(response, code)


def test_not_entitled_without_a_scenario(midwife):
    participate(midwife)
    pregnancy = family(midwife, date(2025, 3, 1))
    with at(date(2025, 3, 2)):
        body = assert_refused(
            record(api_for(midwife), pregnancy, "ppa", date(2025, 3, 2)), "not_entitled"
        )
    assert body["rule"] == "ppa.limit"
    assert not ProgrammeService.objects.exists()


def test_limit_reached_at_the_third_prenatal_talk(midwife):
    participate(midwife)
    pregnancy = family(midwife, date(2025, 3, 1))
    with at(date(2025, 3, 10)):
        api = api_for(midwife)
        assert screen(api, pregnancy, date(2025, 3, 2)).status_code == 201  # scenario A
        assert record(api, pregnancy, "ppa", date(2025, 3, 3)).status_code == 201
        assert record(api, pregnancy, "ppa", date(2025, 3, 4)).status_code == 201
        body = assert_refused(record(api, pregnancy, "ppa", date(2025, 3, 5)), "limit_reached")
    assert body["remaining"] == 0
    assert ProgrammeService.objects.filter(kind="ppa").count() == 2


def test_limit_reached_with_too_many_participants(midwife):
    participate(midwife)
    pregnancy = family(midwife, date(2025, 3, 1))
    with at(date(2025, 3, 10)):
        api = api_for(midwife)
        screen(api, pregnancy, date(2025, 3, 2), ("housing", "finances"))  # scenario B
        assert record(api, pregnancy, "coordination", date(2025, 3, 2)).status_code == 201
        assert_refused(
            record(api, pregnancy, "mdo", date(2025, 3, 3), participants=5), "limit_reached"
        )
        assert record(api, pregnancy, "mdo", date(2025, 3, 3), participants=4).status_code == 201


def test_a_second_mdo_in_the_coordination_period_and_one_without_a_period(midwife):
    """Seed 002: "maximaal 4 deelnemers per periode van 12 maanden (max. 3 keer tijdens het
    programma)": one per coordination period (docs/decisions/0025)."""
    participate(midwife)
    pregnancy = family(midwife, date(2025, 3, 1))
    with at(date(2025, 3, 10)):
        api = api_for(midwife)
        screen(api, pregnancy, date(2025, 3, 2), ("housing", "finances"))  # scenario B
        body = assert_refused(
            record(api, pregnancy, "mdo", date(2025, 3, 3), participants=3), "outside_period"
        )
        assert body["rule"] == "mdo.limit"
        assert record(api, pregnancy, "coordination", date(2025, 3, 3)).status_code == 201
        assert record(api, pregnancy, "mdo", date(2025, 3, 4), participants=3).status_code == 201
        body = assert_refused(
            record(api, pregnancy, "mdo", date(2025, 3, 5), participants=3),
            "period_limit_reached",
        )
    assert "02/03/2026" in body["message"]  # the period's last day
    assert ProgrammeService.objects.filter(kind="mdo").count() == 1


@pytest.mark.parametrize(
    ("language", "words"),
    [("nl", "verpleegkundige"), ("fr", "infirmier"), ("en", "nurse")],
)
def test_a_profession_that_may_not_screen_is_refused_in_the_callers_language(
    kg_nurse, language, words
):
    """Seed 002: the screening by "alle verstrekkers in het kader van de ziekteverzekering";
    the Kind en Gezin nurse is not recorded as conventioned."""
    participate(kg_nurse)
    pregnancy = family(kg_nurse, date(2025, 3, 1))
    with at(date(2025, 3, 2)):
        api = api_for(kg_nurse, language=language)
        body = assert_refused(screen(api, pregnancy, date(2025, 3, 2)), "profession_not_allowed")
        check = api.get(f"/pregnancies/{pregnancy.public_id}/entitlements/screening").json()
    assert body["rule"] == "screening.once"
    assert words in body["message"]
    assert (check["allowed"], check["code"]) == (False, "profession_not_allowed")
    assert not Screening.objects.exists()


def test_outside_period_talk_after_birth(midwife):
    participate(midwife)
    pregnancy = family(midwife, date(2025, 3, 1))
    api = api_for(midwife)
    with at(date(2025, 6, 2)):
        screen(api, pregnancy, date(2025, 3, 2))
        api.post(
            f"/pregnancies/{pregnancy.public_id}/births",
            {"date": "2025-06-01", "place": "hospital", "children": [{}]},
        )
        assert_refused(record(api, pregnancy, "ppa", date(2025, 6, 1)), "outside_period")
        assert record(api, pregnancy, "ppa", date(2025, 5, 31)).status_code == 201


def test_outside_period_before_the_programme_started(midwife):
    """Billable from 1 September 2024 (seed 002): a talk on 31 August 2024 is refused."""
    participate(midwife)
    pregnancy = family(midwife, date(2024, 8, 1))
    with at(date(2024, 9, 2)):
        api = api_for(midwife)
        assert_refused(record(api, pregnancy, "ppa", date(2024, 8, 31)), "outside_period")
        check = api.get(f"/pregnancies/{pregnancy.public_id}/entitlements/ppa?on=2024-08-31")
        assert check.status_code == 200, check.content
        assert (check.json()["allowed"], check.json()["code"]) == (False, "outside_period")


def test_outside_period_while_a_coordination_period_runs(midwife):
    participate(midwife)
    pregnancy = family(midwife, date(2025, 3, 1))
    with at(date(2025, 3, 3)):
        api = api_for(midwife)
        screen(api, pregnancy, date(2025, 3, 1), ("housing", "finances"))
        started = record(api, pregnancy, "coordination", date(2025, 3, 1))
        assert started.json()["period_end"] == "2026-02-28"
        body = assert_refused(
            record(api, pregnancy, "coordination", date(2025, 3, 2)), "outside_period"
        )
    assert body["rule"] == "coordination.periods"
    assert body["remaining"] == 2


def test_the_entitlement_check_answers_without_recording(midwife):
    participate(midwife)
    pregnancy = family(midwife, date(2025, 3, 1))
    with at(date(2025, 3, 3)):
        api = api_for(midwife)
        url = f"/pregnancies/{pregnancy.public_id}/entitlements/ppa?on=2025-03-03"
        assert api.get(url).json() == {
            "allowed": False,
            "code": "not_entitled",
            "message": "The personal prenatal advice talk is for scenario A or B.",
            "remaining": None,
            "rule": "ppa.limit",
        }
        screen(api, pregnancy, date(2025, 3, 2))
        assert api.get(url).json() == {
            "allowed": True,
            "code": "",
            "message": "",
            "remaining": 1,
            "rule": "ppa.limit",
        }
        lines = {
            line["kind"]: line
            for line in api.get(f"/pregnancies/{pregnancy.public_id}/entitlements").json()
        }
    assert (lines["screening"]["used"], lines["screening"]["remaining"]) == (1, 0)
    assert (lines["ppa"]["used"], lines["ppa"]["limit"]) == (0, 2)
    assert not ProgrammeService.objects.exists()


def test_unknown_entitlement_kind_is_invalid_input(midwife):
    pregnancy = family(midwife, date(2025, 3, 1))
    with at(date(2025, 3, 3)):
        response = api_for(midwife).get(f"/pregnancies/{pregnancy.public_id}/entitlements/massage")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert response.json()["errors"][0]["field"] == "kind"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "L'entretien prénatal personnalisé est prévu pour le scénario A ou B."),
        ("en", "The personal prenatal advice talk is for scenario A or B."),
    ],
)
def test_the_refusal_message_follows_accept_language(midwife, language, message):
    participate(midwife)
    pregnancy = family(midwife, date(2025, 3, 1))
    with at(date(2025, 3, 2)):
        api = api_for(midwife, language=language)
        body = assert_refused(record(api, pregnancy, "ppa", date(2025, 3, 2)), "not_entitled")
    assert body["message"] == message


def test_the_dutch_message_differs_from_the_english_one(midwife):
    participate(midwife)
    pregnancy = family(midwife, date(2025, 3, 1))
    with at(date(2025, 3, 2)):
        nl = record(api_for(midwife, language="nl"), pregnancy, "ppa", date(2025, 3, 2)).json()
        en = record(api_for(midwife, language="en"), pregnancy, "ppa", date(2025, 3, 2)).json()
    assert nl["code"] == en["code"] == "not_entitled"
    assert nl["message"] != en["message"]


def test_refusal_dates_are_inclusive_at_the_12_month_edge(midwife):
    """A renewal starts the day after the period's last day (2026-02-28)."""
    participate(midwife)
    pregnancy = family(midwife, date(2025, 3, 1))
    api = api_for(midwife)
    with at(date(2025, 3, 2)):
        screen(api, pregnancy, date(2025, 3, 1), ("housing", "finances"))
        record(api, pregnancy, "coordination", date(2025, 3, 1))
    with at(date(2026, 3, 1)):
        assert_refused(record(api, pregnancy, "coordination", date(2026, 2, 28)), "outside_period")
        renewed = record(api, pregnancy, "coordination", date(2026, 3, 1))
    assert renewed.status_code == 201, renewed.content
    assert date.fromisoformat(renewed.json()["period_end"]) == date(2027, 3, 1) - timedelta(days=1)
